from django import forms
from django.utils.translation import gettext_lazy as _

from guild.accounts.models import Role
from guild.organizations.models import Community, Department


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
    actor = forms.CharField(label=_("Actor e-mail contains"), required=False, max_length=254)
    action = forms.CharField(label=_("Action"), required=False, max_length=80)
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=80)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
