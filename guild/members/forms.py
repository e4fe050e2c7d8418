"""Forms parse input; the services decide what is valid."""

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from guild.core.widgets import FastSelect
from guild.members.models import PROFILE_FIELDS, Member
from guild.members.selectors import communities_open_to
from guild.organizations.models import (
    Community,
    Department,
    OccupationalLevel,
    Region,
    WorkStream,
)
from guild.organizations.selectors import reference_choice_ids, reference_choices

# The supervisor is entered by e-mail (supervisor_email) and looked up by the view.
PROFILE_FORM_FIELDS = [name for name in PROFILE_FIELDS if name != "supervisor"]


class WorkStreamChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: WorkStream) -> str:
        return f"{obj.community.name} — {obj.name}"


class WorkStreamSingleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: WorkStream) -> str:
        return f"{obj.community.name} — {obj.name}"


class ProfileForm(forms.Form):
    supervisor_email = forms.EmailField(
        label=_("Supervisor's work e-mail"),
        required=False,
        help_text=_("Your supervisor must have a Guild profile. Leave empty if none."),
    )
    join_communities = forms.ModelMultipleChoiceField(
        label=_("Ask to join a community"),
        queryset=Community.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "You join at once if the community accepts the e-mail address of your account "
            "and that address is verified; otherwise a programme administrator or a "
            "coordinator of your department decides."
        ),
    )
    work_streams = WorkStreamChoiceField(
        label=_("Work streams"),
        queryset=WorkStream.objects.active().select_related("community"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(
        self, *args: Any, member: Member | None = None, own: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        join = self.fields["join_communities"]
        join.queryset = communities_open_to(member=member)  # type: ignore[attr-defined]
        model_fields = fields_for_model(Member, fields=PROFILE_FORM_FIELDS)
        model_fields["department"].queryset = Department.objects.active()
        model_fields["region"].queryset = Region.objects.active()
        model_fields["level"].queryset = OccupationalLevel.objects.active().select_related("group")
        years = model_fields["years_in_community"]
        # Validators, not only the attributes: a bound after construction checks nothing,
        # and the error would come a round later, from the service.
        years.min_value, years.max_value = 0, 60
        years.validators.append(MaxValueValidator(60))  # the minimum, 0, is already there
        years.widget.attrs.update({"min": 0, "max": 60})
        model_fields["consent_directory"].help_text = _(
            "Other members can find your name, department, region, position and streams."
        )
        model_fields["consent_statistics"].help_text = _(
            "Your answers count in statistics, which never show a group smaller than 10."
        )
        ordered = {name: model_fields[name] for name in PROFILE_FORM_FIELDS[:7]}
        # Only the member asks to join; nobody else, not even an administrator, may ask
        # for them (membership follows their own verified address or a decision).
        if own and join.queryset.exists():  # type: ignore[attr-defined]
            ordered["join_communities"] = join
        ordered["work_streams"] = self.fields["work_streams"]
        ordered.update({name: model_fields[name] for name in PROFILE_FORM_FIELDS[7:12]})
        ordered["supervisor_email"] = self.fields["supervisor_email"]
        ordered.update({name: model_fields[name] for name in PROFILE_FORM_FIELDS[12:]})
        self.fields = ordered
        self.member = member

    def clean_work_email(self) -> str:
        # Checked here too (the service checks again), so a taken address is reported
        # with every other problem of the submission, not in a second round.
        email = (self.cleaned_data.get("work_email") or "").strip()
        others = Member.objects.filter(work_email__iexact=email)
        if self.member is not None:
            others = others.exclude(pk=self.member.pk)
        if email and others.exists():
            raise forms.ValidationError(_("Another member already uses this e-mail address."))
        return email


class ReferenceFilterField(forms.TypedChoiceField):
    """One id from a cached reference list, or nothing."""

    widget = FastSelect

    def __init__(self, *, kind: str, empty_label: Any, **kwargs: Any) -> None:
        super().__init__(coerce=int, empty_value=None, required=False, **kwargs)
        self.kind = kind
        self.empty_label = empty_label

    def valid_value(self, value: Any) -> bool:
        return str(value) in reference_choice_ids(self.kind)


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, e-mail or position"), required=False, max_length=100)
    community = ReferenceFilterField(
        label=_("Community"), kind="community", empty_label=_("All communities")
    )
    department = ReferenceFilterField(
        label=_("Department or agency"),
        kind="department",
        empty_label=_("All departments and agencies"),
    )
    region = ReferenceFilterField(label=_("Region"), kind="region", empty_label=_("All regions"))
    work_stream = ReferenceFilterField(
        label=_("Work stream"), kind="work_stream", empty_label=_("All work streams")
    )
    group = ReferenceFilterField(
        label=_("Occupational group"), kind="group", empty_label=_("All groups")
    )
    level = ReferenceFilterField(
        label=_("Group and level"), kind="level", empty_label=_("All levels")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, ReferenceFilterField):
                field.choices = [("", field.empty_label), *reference_choices(field.kind)]


class MembershipDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note (the person who asked sees it)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MembershipRemovalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for removing"),
        max_length=500,
        error_messages={"required": _("Give the reason for removing this member.")},
        help_text=_("Kept in the audit log with your name."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
