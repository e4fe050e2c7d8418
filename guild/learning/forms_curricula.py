"""Forms of the curriculum pages: a draft's courses (core courses, elective groups with a
few blank ones to fill, a capstone), opening for endorsement, and an endorsement. They
parse and show errors; the curricula service holds the rules."""

import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from guild.learning.models import EndorsementStance

BLANK_GROUPS = 2
GROUP_PATH = re.compile(r"electives\[(\d+)\](?:\.(\w+))?")
Choices = Sequence[tuple[str, str]]


def _courses_field(label: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, required=False, widget=forms.CheckboxSelectMultiple
    )


class DraftForm(forms.Form):
    """A draft version's courses. Each elective group is a numbered set of fields
    (`group1_name_en` …); a group left entirely blank is left out."""

    core = _courses_field(_("Core courses"))
    capstone = forms.ChoiceField(label=_("Capstone"), required=False)
    notes_en = forms.CharField(
        label=_("What changed (English)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    notes_fr = forms.CharField(
        label=_("What changed (French)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self, data: Any, *, courses: Choices, groups: int, initial: dict[str, Any] | None = None
    ) -> None:
        super().__init__(data, initial=initial)
        self.fields["core"].choices = list(courses)  # type: ignore[attr-defined]
        self.fields["capstone"].choices = [("", _("No capstone")), *courses]  # type: ignore[attr-defined]
        self.slots = list(range(1, groups + BLANK_GROUPS + 1))
        for slot in self.slots:
            self.fields[f"group{slot}_code"] = forms.CharField(
                required=False, max_length=40, widget=forms.HiddenInput()
            )
            number = {"number": slot}
            self.fields[f"group{slot}_name_en"] = forms.CharField(
                label=gettext("Group %(number)d: name (English)") % number,
                required=False,
                max_length=255,
            )
            self.fields[f"group{slot}_name_fr"] = forms.CharField(
                label=gettext("Group %(number)d: name (French)") % number,
                required=False,
                max_length=255,
            )
            self.fields[f"group{slot}_choose"] = forms.IntegerField(
                label=gettext("Group %(number)d: how many of its courses a member takes") % number,
                required=False,
                min_value=0,
                max_value=100,
            )
            field = _courses_field(gettext("Group %(number)d: its courses") % number)
            field.choices = list(courses)
            self.fields[f"group{slot}_courses"] = field

    def groups(self) -> list[tuple[int, forms.BoundField, list[forms.BoundField]]]:
        """(slot, its hidden code, its visible fields) for the template."""
        return [
            (
                slot,
                self[f"group{slot}_code"],
                [
                    self[f"group{slot}_{name}"]
                    for name in ("name_en", "name_fr", "choose", "courses")
                ],
            )
            for slot in self.slots
        ]

    def structure(self) -> tuple[dict[str, Any], list[int]]:
        """The structure the form describes, and the slot of each of its groups (in order)."""
        data = self.cleaned_data
        groups: list[dict[str, Any]] = []
        slots: list[int] = []
        codes: set[str] = set()
        for slot in self.slots:
            name_en = data.get(f"group{slot}_name_en") or ""
            name_fr = data.get(f"group{slot}_name_fr") or ""
            choose = data.get(f"group{slot}_choose")
            courses = data.get(f"group{slot}_courses") or []
            if not (name_en or name_fr or choose or courses):
                continue
            code = data.get(f"group{slot}_code") or slugify(name_en)[:40] or f"group-{slot}"
            if code in codes:
                code = f"{code[:32]}-{slot}"
            codes.add(code)
            groups.append(
                {
                    "code": code,
                    "name_en": name_en,
                    "name_fr": name_fr,
                    # Left empty, the service says the number is missing.
                    "choose": choose,
                    "courses": list(courses),
                }
            )
            slots.append(slot)
        structure = {
            "required": list(data.get("core") or []),
            "electives": groups,
            "capstone": data.get("capstone") or None,
        }
        return structure, slots

    def field_for(self, path: str, slots: list[int]) -> str | None:
        """The field showing the problem at a structure path, None for the whole form."""
        if path.startswith("required"):
            return "core"
        if path.startswith("capstone"):
            return "capstone"
        found = GROUP_PATH.match(path)
        if found and int(found.group(1)) < len(slots):
            slot = slots[int(found.group(1))]
            part = found.group(2) or "courses"
            if part == "code":
                part = "name_en"
            name = f"group{slot}_{part}"
            return name if name in self.fields else None
        return None


def draft_initial(structure: dict[str, Any], notes_en: str, notes_fr: str) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "core": list(structure.get("required") or []),
        "capstone": structure.get("capstone") or "",
        "notes_en": notes_en,
        "notes_fr": notes_fr,
    }
    for slot, group in enumerate(structure.get("electives") or [], start=1):
        for name in ("code", "name_en", "name_fr", "choose", "courses"):
            initial[f"group{slot}_{name}"] = group.get(name)
    return initial


class OpenForm(forms.Form):
    closes_on = forms.DateField(
        label=_("Endorsement closes on (optional)"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text=_("Members can endorse or comment until the end of that day."),
    )


class EndorsementForm(forms.Form):
    stance = forms.ChoiceField(
        label=_("Your position"),
        widget=forms.RadioSelect,
        choices=[
            (EndorsementStance.ENDORSE, _("I endorse this version")),
            (EndorsementStance.COMMENT, _("I have a comment")),
        ],
    )
    text = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed for a comment; optional with an endorsement."),
    )
    department = forms.TypedChoiceField(
        label=_("On behalf of"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data: Any, *, departments: Choices, initial: Any = None) -> None:
        super().__init__(data, initial=initial)
        if departments:
            self.fields["department"].choices = [  # type: ignore[attr-defined]
                ("", _("Myself")),
                *departments,
            ]
        else:
            del self.fields["department"]


class CurriculumForm(forms.Form):
    """A new curriculum: its code, names and summaries, and the certification programme
    whose courses its approved versions set (optional)."""

    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("Letters, digits and hyphens, unique in the community: im-certificate."),
    )
    name_en = forms.CharField(label=_("Name (English)"), max_length=255)
    name_fr = forms.CharField(label=_("Name (French)"), max_length=255)
    summary_en = forms.CharField(
        label=_("Summary (English)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    summary_fr = forms.CharField(
        label=_("Summary (French)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    programme = forms.TypedChoiceField(
        label=_("Certification programme"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_(
            "When a version is approved, the programme's rules take its core courses, "
            "elective groups and capstone."
        ),
    )

    def __init__(self, data: Any, *, programmes: Choices) -> None:
        super().__init__(data)
        self.fields["programme"].choices = [("", _("None")), *programmes]  # type: ignore[attr-defined]
