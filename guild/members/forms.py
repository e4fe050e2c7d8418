"""Forms parse input; the services decide what is valid."""

from typing import Any

from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from guild.members.models import Member
from guild.organizations.models import (
    Community,
    Department,
    OccupationalGroup,
    OccupationalLevel,
    Region,
    WorkStream,
)

PROFILE_FORM_FIELDS = [
    "given_name",
    "family_name",
    "work_email",
    "department",
    "region",
    "position_title",
    "level",
    "first_official_language",
    "second_language_reading",
    "second_language_writing",
    "second_language_oral",
    "years_in_community",
    "consent_directory",
    "consent_statistics",
]


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
    communities = forms.ModelMultipleChoiceField(
        label=_("Communities"),
        queryset=Community.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    work_streams = WorkStreamChoiceField(
        label=_("Work streams"),
        queryset=WorkStream.objects.active().select_related("community"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_fields = fields_for_model(Member, fields=PROFILE_FORM_FIELDS)
        model_fields["department"].queryset = Department.objects.active()
        model_fields["region"].queryset = Region.objects.active()
        model_fields["level"].queryset = OccupationalLevel.objects.active().select_related("group")
        model_fields["years_in_community"].min_value = 0
        model_fields["years_in_community"].max_value = 60
        model_fields["years_in_community"].widget.attrs.update({"min": 0, "max": 60})
        model_fields["consent_directory"].help_text = _(
            "Other members can find your name, department, region, position and streams."
        )
        model_fields["consent_statistics"].help_text = _(
            "Your answers count in statistics, which never show a group smaller than 10."
        )
        ordered = {name: model_fields[name] for name in PROFILE_FORM_FIELDS[:7]}
        ordered["communities"] = self.fields["communities"]
        ordered["work_streams"] = self.fields["work_streams"]
        ordered.update({name: model_fields[name] for name in PROFILE_FORM_FIELDS[7:12]})
        ordered["supervisor_email"] = self.fields["supervisor_email"]
        ordered.update({name: model_fields[name] for name in PROFILE_FORM_FIELDS[12:]})
        self.fields = ordered


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, e-mail or position"), required=False, max_length=100)
    community = forms.ModelChoiceField(
        label=_("Community"),
        queryset=Community.objects.active(),
        required=False,
        empty_label=_("All communities"),
    )
    department = forms.ModelChoiceField(
        label=_("Department or agency"),
        queryset=Department.objects.active(),
        required=False,
        empty_label=_("All departments and agencies"),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.active(),
        required=False,
        empty_label=_("All regions"),
    )
    work_stream = WorkStreamSingleChoiceField(
        label=_("Work stream"),
        queryset=WorkStream.objects.active().select_related("community"),
        required=False,
        empty_label=_("All work streams"),
    )
    group = forms.ModelChoiceField(
        label=_("Occupational group"),
        queryset=OccupationalGroup.objects.active(),
        required=False,
        empty_label=_("All groups"),
    )
    level = forms.ModelChoiceField(
        label=_("Group and level"),
        queryset=OccupationalLevel.objects.active().select_related("group"),
        required=False,
        empty_label=_("All levels"),
    )
