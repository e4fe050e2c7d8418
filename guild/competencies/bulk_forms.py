"""Forms of the pages that change many things at once: a supervisor's bulk validation."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from guild.competencies.models import LEVEL_MAX, LEVEL_MIN
from guild.competencies.selectors.validations import PendingValidation

MAX_COMMENT = 4000


class BulkValidationForm(forms.Form):
    """Per pending row `key`: `confirm-<key>` (record this row), `level-<key>` (the
    member's own level unless changed) and `comment-<key>`."""

    def __init__(self, *args: Any, rows: Sequence[PendingValidation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            who = f"{row.member.full_name}, {row.competency.code}"
            self.fields[f"confirm-{row.key}"] = forms.BooleanField(
                label=_("Record the level for %(row)s") % {"row": who}, required=False
            )
            self.fields[f"level-{row.key}"] = forms.TypedChoiceField(
                label=_("Level for %(row)s") % {"row": who},
                coerce=int,
                choices=[(level, f"{level} - {name}") for level, name in row.levels],
                initial=row.self_assessment.level,
                error_messages={
                    "required": _("Choose a level."),
                    "invalid_choice": _("Choose a level from %(low)s to %(high)s.")
                    % {"low": LEVEL_MIN, "high": LEVEL_MAX},
                },
            )
            self.fields[f"comment-{row.key}"] = forms.CharField(
                label=_("Comment for %(row)s") % {"row": who},
                required=False,
                max_length=MAX_COMMENT,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A row left unticked is not recorded: its level and comment do not matter.
        for row in self.rows:
            if not data.get(f"confirm-{row.key}"):
                for name in (f"level-{row.key}", f"comment-{row.key}"):
                    self.errors.pop(name, None)
        if not self.chosen() and not self.errors:
            raise forms.ValidationError(
                _("Tick the levels to record: none is ticked."), code="none_chosen"
            )
        return data

    def chosen(self) -> list[tuple[PendingValidation, int, str]]:
        """The ticked rows with their level and comment (after `is_valid`)."""
        data = getattr(self, "cleaned_data", {})
        return [
            (row, data[f"level-{row.key}"], data.get(f"comment-{row.key}", ""))
            for row in self.rows
            if data.get(f"confirm-{row.key}") and f"level-{row.key}" in data
        ]

    def row_fields(self) -> list[tuple[PendingValidation, Any, Any, Any]]:
        """Each row with its bound fields (confirm, level, comment), for the template."""
        return [
            (row, self[f"confirm-{row.key}"], self[f"level-{row.key}"], self[f"comment-{row.key}"])
            for row in self.rows
        ]
