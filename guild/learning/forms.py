"""Forms of the learning pages: they parse and show errors; the services hold the rules."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guild.competencies.models import Competency
from guild.core.bilingual import localize
from guild.learning.models import (
    CompletionResult,
    CourseFormat,
    CourseLanguages,
    OfferingStatus,
    ProviderKind,
)
from guild.learning.services.catalogue import COURSE_FIELDS

Choices = Sequence[tuple[Any, str]]
LEVEL_PREFIX = "level_"


class CatalogueFilterForm(forms.Form):
    community = forms.TypedChoiceField(label=_("Community"), coerce=int, required=False)
    text = forms.CharField(label=_("Words in the title or summary"), required=False, max_length=100)
    provider = forms.TypedChoiceField(
        label=_("Provider"), coerce=int, required=False, empty_value=None
    )
    competency = forms.ChoiceField(label=_("Develops the competency"), required=False)
    format = forms.ChoiceField(label=_("Format"), required=False)
    languages = forms.ChoiceField(label=_("Offered in"), required=False)
    include_inactive = forms.BooleanField(
        label=_("Include courses no longer offered"), required=False
    )

    def __init__(
        self,
        data: Any,
        *,
        communities: Choices,
        providers: Choices,
        competencies: Choices,
        manages: bool,
    ) -> None:
        super().__init__(data)
        everything = [("", _("All"))]
        self.fields["community"].choices = list(communities)  # type: ignore[attr-defined]
        self.fields["provider"].choices = [*everything, *providers]  # type: ignore[attr-defined]
        self.fields["competency"].choices = [*everything, *competencies]  # type: ignore[attr-defined]
        self.fields["format"].choices = [*everything, *CourseFormat.choices]  # type: ignore[attr-defined]
        self.fields["languages"].choices = [  # type: ignore[attr-defined]
            *everything,
            (CourseLanguages.ENGLISH, _("English")),
            (CourseLanguages.FRENCH, _("French")),
        ]
        if not manages:
            del self.fields["include_inactive"]
        if len(communities) < 2:
            self.fields["community"].widget = forms.HiddenInput()

    def value(self, name: str) -> Any:
        """The cleaned value of a filter, or its empty value when the filter is wrong."""
        if not self.is_bound or not self.is_valid():
            return None if name in ("community", "provider") else ""
        return self.cleaned_data.get(name)


class ProviderForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("How import files name this provider: letters, digits, - and _."),
    )
    name_en = forms.CharField(label=_("Name (English)"), max_length=255)
    name_fr = forms.CharField(label=_("Name (French)"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProviderKind.choices)
    url = forms.URLField(label=_("Website"), required=False, max_length=500, assume_scheme="https")


class CourseForm(forms.Form):
    provider = forms.TypedChoiceField(label=_("Provider"), coerce=int)
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("The course's code at its provider, as import files name it."),
    )
    title_en = forms.CharField(label=_("Title (English)"), max_length=255)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=255)
    summary_en = forms.CharField(
        label=_("Summary (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    summary_fr = forms.CharField(
        label=_("Summary (French)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    languages = forms.ChoiceField(label=_("Offered in"), choices=CourseLanguages.choices)
    format = forms.ChoiceField(label=_("Format"), choices=CourseFormat.choices)
    duration_hours = forms.DecimalField(
        label=_("Duration (hours)"),
        required=False,
        min_value=Decimal(0),
        max_digits=6,
        decimal_places=1,
    )
    cost = forms.DecimalField(
        label=_("Cost (Canadian dollars)"),
        required=False,
        min_value=Decimal(0),
        max_digits=9,
        decimal_places=2,
        help_text=_("0 for a free course; leave blank when not known."),
    )
    url = forms.URLField(
        label=_("Provider's page for the course"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )
    active = forms.BooleanField(label=_("Offered now"), required=False, initial=True)

    def __init__(
        self,
        data: Any,
        *,
        providers: Choices,
        competencies: Sequence[Competency],
        levels: dict[int, str],
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.fields["provider"].choices = [("", "—"), *providers]  # type: ignore[attr-defined]
        level_choices = [("", _("Does not develop it"))] + [
            (str(level), f"{level} - {name}") for level, name in sorted(levels.items())
        ]
        self.competency_fields: list[tuple[str, list[str]]] = []
        for competency in competencies:
            name = f"{LEVEL_PREFIX}{competency.code}"
            self.fields[name] = forms.TypedChoiceField(
                label=f"{competency.code} {localize(competency, 'name').text}",
                choices=level_choices,
                coerce=int,
                required=False,
                empty_value=None,
            )
            family = localize(competency.family, "name").text
            if not self.competency_fields or self.competency_fields[-1][0] != family:
                self.competency_fields.append((family, []))
            self.competency_fields[-1][1].append(name)

    def course_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith(LEVEL_PREFIX)]

    def families(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (family, [self[name] for name in names]) for family, names in self.competency_fields
        ]

    def competencies(self) -> dict[str, int]:
        return {
            name.removeprefix(LEVEL_PREFIX): value
            for name, value in self.cleaned_data.items()
            if name.startswith(LEVEL_PREFIX) and value is not None
        }

    def fields_for_service(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data.get(name) for name in COURSE_FIELDS}


class CourseImportForm(forms.Form):
    community = forms.TypedChoiceField(label=_("Community"), coerce=int)
    file = forms.FileField(
        label=_("Course file"),
        help_text=_("CSV (UTF-8) or XLSX with the template's columns; at most 5 MB."),
    )

    def __init__(self, data: Any, files: Any, *, communities: Choices) -> None:
        super().__init__(data, files)
        self.fields["community"].choices = list(communities)  # type: ignore[attr-defined]
        if len(communities) < 2:
            self.fields["community"].widget = forms.HiddenInput()
            self.fields["community"].initial = communities[0][0] if communities else None


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        # A date input reads and writes ISO dates whatever the page's language.
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )


class OfferingForm(forms.Form):
    starts_on = _date(_("Starts on"))
    ends_on = _date(_("Ends on"))
    language = forms.ChoiceField(label=_("Language"), choices=CourseLanguages.choices)
    delivery = forms.ChoiceField(label=_("Delivery"), choices=CourseFormat.choices)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=100000)
    needs_approval = forms.BooleanField(
        label=_("Enrolling needs the member's supervisor's approval"), required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=OfferingStatus.choices)


class EnrolmentDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("refuse", "refuse")])


class RosterCompletionForm(forms.Form):
    enrolments = forms.TypedMultipleChoiceField(
        label=_("Members"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    completed_on = _date(_("Date of the result"))
    result = forms.ChoiceField(label=_("Result"), choices=CompletionResult.choices)

    def __init__(self, data: Any, *, enrolled: Choices) -> None:
        super().__init__(data)
        self.fields["enrolments"].choices = list(enrolled)  # type: ignore[attr-defined]


class DeclarationForm(forms.Form):
    # Not required here: the service says a date is missing together with a missing proof.
    completed_on = _date(_("Date you completed it"), required=False)
    proof_note = forms.CharField(
        label=_("Proof: a note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example the certificate's number, or what you produced."),
    )
    # Checked by the service (the model's URL field), with the date and the proof's presence,
    # so that every error shows at once.
    proof_url = forms.CharField(label=_("Proof: a link"), required=False, max_length=500)


class CompletionImportForm(forms.Form):
    community = forms.TypedChoiceField(label=_("Community"), coerce=int)
    file = forms.FileField(
        label=_("Results file"),
        help_text=_(
            "CSV (UTF-8) with the columns email, course, date (YYYY-MM-DD) and result "
            "(completed or not-completed); at most 5 MB."
        ),
    )

    def __init__(self, data: Any, files: Any, *, communities: Choices) -> None:
        super().__init__(data, files)
        self.fields["community"].choices = list(communities)  # type: ignore[attr-defined]
        if len(communities) < 2:
            self.fields["community"].widget = forms.HiddenInput()
            self.fields["community"].initial = communities[0][0] if communities else None
