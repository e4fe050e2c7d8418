"""Forms of the role profile pages: a profile with a target per competency, and which
members' positions have it."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guild.competencies.models import LEVEL_MAX, LEVEL_MIN

Choices = Sequence[tuple[Any, str]]


class RoleProfileForm(forms.Form):
    """Names, work stream, group and level, department (on creation), and `target-<code>`
    per competency of the version: blank when the competency is not part of the role."""

    name_en = forms.CharField(label=_("Name (English)"), max_length=160)
    name_fr = forms.CharField(label=_("Name (French)"), max_length=160)
    work_stream = forms.TypedChoiceField(label=_("Work stream"), coerce=int)
    level = forms.TypedChoiceField(label=_("Group and level"), coerce=int)
    department = forms.TypedChoiceField(
        label=_("Positions of"), coerce=int, required=False, empty_value=None
    )

    def __init__(
        self,
        *args: Any,
        work_streams: Choices,
        levels: Choices,
        departments: Choices | None,
        competencies: Sequence[tuple[str, str]],
        scale: Sequence[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["work_stream"].choices = [("", _("Choose…")), *work_streams]  # type: ignore[attr-defined]
        self.fields["level"].choices = [("", _("Choose…")), *levels]  # type: ignore[attr-defined]
        if departments is None:
            del self.fields["department"]
        else:
            self.fields["department"].choices = list(departments)  # type: ignore[attr-defined]
        self.codes = [code for code, _label in competencies]
        for code, label in competencies:
            self.fields[self.target_name(code)] = forms.TypedChoiceField(
                label=label,
                coerce=int,
                required=False,
                empty_value=None,
                choices=[("", _("Not part of this role")), *scale],
                widget=forms.Select(attrs={"class": "guild-select"}),
                error_messages={
                    "invalid_choice": _("Choose a level from %(low)s to %(high)s.")
                    % {"low": LEVEL_MIN, "high": LEVEL_MAX}
                },
            )

    @staticmethod
    def target_name(code: str) -> str:
        return f"target-{code}"

    def targets(self) -> dict[str, int]:
        return {
            code: self.cleaned_data[self.target_name(code)]
            for code in self.codes
            if self.cleaned_data.get(self.target_name(code)) is not None
        }

    def target_fields(self) -> list[Any]:
        return [self[self.target_name(code)] for code in self.codes]

    def main_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if not name.startswith("target-")]


class ProfileMembersForm(forms.Form):
    """Members to put on the profile (`add`) and to take off it (`remove`), by id among the
    choices shown."""

    add = forms.TypedMultipleChoiceField(
        label=_("Put on this profile"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    remove = forms.TypedMultipleChoiceField(
        label=_("Take off this profile"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, candidates: Choices, assigned: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["add"].choices = list(candidates)  # type: ignore[attr-defined]
        self.fields["remove"].choices = list(assigned)  # type: ignore[attr-defined]
        if not candidates:
            del self.fields["add"]
        if not assigned:
            del self.fields["remove"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("add") and not data.get("remove"):
            raise forms.ValidationError(_("Tick at least one member."), code="none_chosen")
        return data
