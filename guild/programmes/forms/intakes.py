"""The intake form: the intake's facts, then numbered rows of selection criteria and of
balance rules (a row left empty is no row). It parses; `services.intakes` holds the rules."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guild.organizations.models import OccupationalLevel
from guild.programmes.models import BalanceAttribute, Intake, IntakeStage, Phase
from guild.programmes.services.intakes import INTAKE_FIELDS, BalanceInput, CriterionInput

CRITERIA_ROWS = 6
BALANCE_ROWS = 4
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _number(label: Any, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=32767, **kwargs)


class IntakeForm(forms.Form):
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name_fr = forms.CharField(label=_("Name (French)"), max_length=200)
    phase = forms.ModelChoiceField(label=_("Phase"), queryset=Phase.objects.none(), required=False)
    nominations_open_on = forms.DateField(label=_("Nominations open on"), widget=DATE)
    nominations_close_on = forms.DateField(label=_("Nominations close on"), widget=DATE)
    starts_on = forms.DateField(label=_("Cohort starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Cohort ends on"), widget=DATE)
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=32767)
    max_per_department = _number(
        _("Most selected per department"), help_text=_("Leave empty for no limit.")
    )
    nominations_per_department = _number(
        _("Most nominations per department"), help_text=_("Leave empty for no quota.")
    )
    min_departments = forms.IntegerField(
        label=_("Fewest departments in the cohort"), min_value=0, max_value=32767, initial=0
    )
    attendance_alert_below = forms.IntegerField(
        label=_("Alert the supervisor below this attendance rate (%)"),
        min_value=0,
        max_value=100,
        initial=75,
    )
    eligible_levels = forms.ModelMultipleChoiceField(
        label=_("Eligible groups and levels"),
        queryset=OccupationalLevel.objects.active().select_related("group"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None checked: every level may be nominated."),
    )

    def __init__(self, data: Any, *, phases: Any, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["phase"].queryset = phases  # type: ignore[attr-defined]
        for row in range(1, CRITERIA_ROWS + 1):
            self.fields[f"criterion_{row}_name_en"] = forms.CharField(
                label=_("Name (English)"), max_length=200, required=False
            )
            self.fields[f"criterion_{row}_name_fr"] = forms.CharField(
                label=_("Name (French)"), max_length=200, required=False
            )
            self.fields[f"criterion_{row}_weight"] = _number(_("Weight"))
            self.fields[f"criterion_{row}_max_score"] = _number(_("Highest score"))
        for row in range(1, BALANCE_ROWS + 1):
            self.fields[f"balance_{row}_attribute"] = forms.ChoiceField(
                label=_("Attribute"),
                choices=[("", _("None")), *BalanceAttribute.choices],
                required=False,
            )
            self.fields[f"balance_{row}_value"] = forms.CharField(
                label=_("Value"),
                max_length=30,
                required=False,
                help_text=_("A region code (ncr), a language (en, fr) or a level (EX-01)."),
            )
            self.fields[f"balance_{row}_at_least"] = _number(_("At least"))
            self.fields[f"balance_{row}_at_most"] = _number(_("At most"))
            self.fields[f"balance_{row}_percent"] = forms.BooleanField(
                label=_("As a percentage of the seats"), required=False
            )

    @property
    def fact_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in (*INTAKE_FIELDS, "eligible_levels")]

    @property
    def criteria_rows(self) -> list[list[forms.BoundField]]:
        return [
            [
                self[f"criterion_{row}_{name}"]
                for name in ("name_en", "name_fr", "weight", "max_score")
            ]
            for row in range(1, CRITERIA_ROWS + 1)
        ]

    @property
    def balance_rows(self) -> list[list[forms.BoundField]]:
        names = ("attribute", "value", "at_least", "at_most", "percent")
        return [
            [self[f"balance_{row}_{name}"] for name in names] for row in range(1, BALANCE_ROWS + 1)
        ]

    def _value(self, name: str) -> Any:
        return self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None

    def criteria(self) -> tuple[list[CriterionInput], dict[str, str]]:
        """The criteria filled in, and the service's path → field name of each."""
        found: list[CriterionInput] = []
        paths: dict[str, str] = {}
        for row in range(1, CRITERIA_ROWS + 1):
            values = {
                name: self._value(f"criterion_{row}_{name}")
                for name in ("name_en", "name_fr", "weight", "max_score")
            }
            if not any(v not in (None, "") for v in values.values()):
                continue
            for name in values:
                paths[f"criteria.{len(found)}.{name}"] = f"criterion_{row}_{name}"
            found.append(
                CriterionInput(
                    name_en=values["name_en"] or "",
                    name_fr=values["name_fr"] or "",
                    weight=values["weight"],
                    max_score=values["max_score"] if values["max_score"] is not None else 5,
                )
            )
        paths["criteria"] = "criterion_1_name_en"
        return found, paths

    def balance_rules(self) -> tuple[list[BalanceInput], dict[str, str]]:
        found: list[BalanceInput] = []
        paths: dict[str, str] = {}
        names = ("attribute", "value", "at_least", "at_most", "percent")
        for row in range(1, BALANCE_ROWS + 1):
            values = {name: self._value(f"balance_{row}_{name}") for name in names}
            if not any(values[name] not in (None, "", False) for name in names):
                continue
            for name in names:
                paths[f"balance.{len(found)}.{name}"] = f"balance_{row}_{name}"
            found.append(
                BalanceInput(
                    attribute=values["attribute"] or "",
                    value=(values["value"] or "").strip(),
                    at_least=values["at_least"],
                    at_most=values["at_most"],
                    percent=bool(values["percent"]),
                )
            )
        return found, paths


def intake_initial(intake: Intake) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(intake, name) for name in INTAKE_FIELDS}
    initial["eligible_levels"] = list(intake.eligible_levels.all())
    for row, criterion in enumerate(intake.criteria.all(), 1):
        for name in ("name_en", "name_fr", "weight", "max_score"):
            initial[f"criterion_{row}_{name}"] = getattr(criterion, name)
    for row, rule in enumerate(intake.balance_rules.all(), 1):
        for name in ("attribute", "value", "at_least", "at_most", "percent"):
            initial[f"balance_{row}_{name}"] = getattr(rule, name)
    return initial


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=IntakeStage.choices)
