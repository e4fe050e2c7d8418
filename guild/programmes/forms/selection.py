"""The reviewer's score form (a value and an optional comment on each criterion) and the
committee's confirmation form (for each person of the proposal: as proposed, or in or out
of the cohort, with the reason). The services check everything again and say what is
wrong in their own words; these forms collect what was typed and put errors where they
belong."""

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guild.core.bilingual import localize
from guild.programmes.models import Criterion, Score
from guild.programmes.selectors.selection import ProposalRow

KEEP = ""


class ScoreForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        criteria: Iterable[Criterion],
        mine: Mapping[int, Score],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            name = localize(criterion, "name").text
            words = {"criterion": name, "max": criterion.max_score}
            existing = mine.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=name,
                min_value=0,
                max_value=criterion.max_score,
                help_text=_("From 0 to %(max)d; weight %(weight)d.")
                % {"max": criterion.max_score, "weight": criterion.weight},
                initial=existing.value if existing else None,
                error_messages={
                    "required": _("Score %(criterion)s.") % words,
                    "invalid": _(
                        "The score on %(criterion)s must be a whole number from 0 to %(max)d."
                    )
                    % words,
                    "min_value": _(
                        "The score on %(criterion)s must be a whole number from 0 to %(max)d."
                    )
                    % words,
                    "max_value": _(
                        "The score on %(criterion)s must be a whole number from 0 to %(max)d."
                    )
                    % words,
                },
                widget=forms.NumberInput(attrs={"class": "guild-input--short"}),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(criterion)s (optional)") % words,
                required=False,
                max_length=2000,
                initial=existing.comment if existing else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> tuple[dict[int, Any], dict[int, str]]:
        """What was typed, for the service: the form's clean values where it has them."""
        data = getattr(self, "cleaned_data", {})
        values: dict[int, Any] = {}
        comments: dict[int, str] = {}
        for criterion in self.criteria:
            key = f"score_{criterion.pk}"
            values[criterion.pk] = data.get(key, self.data.get(key))
            comments[criterion.pk] = str(data.get(f"comment_{criterion.pk}", "") or "")
        return values, comments

    def paths(self) -> dict[str, str]:
        """The service's error paths as this form's field names."""
        found = {}
        for criterion in self.criteria:
            found[f"scores.{criterion.pk}"] = f"score_{criterion.pk}"
            found[f"comments.{criterion.pk}"] = f"comment_{criterion.pk}"
        return found


class ConfirmForm(forms.Form):
    """One decision and one reason per person of the proposal, shown in its table."""

    def __init__(self, *args: Any, rows: Iterable[ProposalRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            pk = row.nomination.pk
            words = {"name": row.nomination.member.full_name}
            change = (
                ("out", gettext_lazy("Take out of the cohort"))
                if row.explanation.selected
                else ("in", gettext_lazy("Put in the cohort"))
            )
            self.fields[f"decision_{pk}"] = forms.ChoiceField(
                label=_("Committee decision for %(name)s") % words,
                choices=[(KEEP, gettext_lazy("As proposed")), change],
                required=False,
            )
            self.fields[f"reason_{pk}"] = forms.CharField(
                label=_("Reason for %(name)s") % words,
                required=False,
                max_length=2000,
                widget=forms.TextInput(attrs={"placeholder": _("Reason for a change")}),
            )

    def overrides(self) -> dict[int, tuple[str, str]]:
        data = getattr(self, "cleaned_data", {})
        found = {}
        for row in self.rows:
            pk = row.nomination.pk
            decision = data.get(f"decision_{pk}", KEEP)
            if decision:
                found[pk] = (decision, data.get(f"reason_{pk}", ""))
        return found

    def paths(self) -> dict[str, str]:
        found = {}
        for row in self.rows:
            pk = row.nomination.pk
            found[f"overrides.{pk}"] = f"decision_{pk}"
            found[f"overrides.{pk}.reason"] = f"reason_{pk}"
        return found

    def pairs(self) -> list[tuple[ProposalRow, forms.BoundField, forms.BoundField]]:
        return [
            (row, self[f"decision_{row.nomination.pk}"], self[f"reason_{row.nomination.pk}"])
            for row in self.rows
        ]
