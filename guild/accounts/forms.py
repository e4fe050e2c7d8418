from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guild.accounts.models import Role
from guild.accounts.scopes import scope_for
from guild.organizations.models import Community, Department

# What a programme administrator grants (and removes) in their communities; platform
# administrators grant every role (services._check_can_grant is the rule).
PROGRAMME_ADMINISTRATOR_GRANTS = frozenset({Role.DEPARTMENT_COORDINATOR, Role.COMMITTEE_MEMBER})


def grantable_roles(actor: Any) -> frozenset[str]:
    if scope_for(actor).platform_admin:
        return frozenset(Role.values)
    return PROGRAMME_ADMINISTRATOR_GRANTS


class RoleAssignForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    community = forms.ModelChoiceField(
        label=_("Community"),
        queryset=Community.objects.active(),
        required=False,
        help_text=_("Required for every role except platform administrator."),
    )
    department = forms.ModelChoiceField(
        label=_("Department or agency"),
        queryset=Department.objects.active(),
        required=False,
        help_text=_("Required for department coordinators."),
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        """Offers only the roles and communities `actor` may grant (the service checks
        again): every role for platform administrators, coordinator and committee roles
        in their own communities for programme administrators."""
        super().__init__(*args, **kwargs)
        scope = scope_for(actor)
        if not scope.platform_admin:
            grantable = grantable_roles(actor)
            role = self.fields["role"]
            role.choices = [c for c in Role.choices if c[0] in grantable]  # type: ignore[attr-defined]
            community = self.fields["community"]
            community.queryset = Community.objects.active().filter(  # type: ignore[attr-defined]
                pk__in=scope.admin_communities
            )
            community.help_text = ""


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=80,
        help_text=_('What the token is for, e.g. "quarterly report script".'),
    )
    expires_on = forms.DateField(
        label=_("Expires on (optional)"),
        required=False,
        help_text=_("Format: YYYY-MM-DD. Leave empty for a token that does not expire."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class AuditFilterForm(forms.Form):
    """Filters of the audit log, chosen from what the log holds."""

    actor = forms.ChoiceField(label=_("Actor"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    object_id = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(
        self,
        *args: Any,
        actors: list[str],
        actions: list[str],
        object_types: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        anyone = [("", _("Any"))]
        fields = self.fields
        fields["actor"].choices = anyone + [(a, a or _("System")) for a in actors]  # type: ignore[attr-defined]
        fields["action"].choices = anyone + [(a, a) for a in actions]  # type: ignore[attr-defined]
        fields["object_type"].choices = anyone + object_types  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end of the period must not come before its start."))
        return cleaned
