"""What reading a file would do, shown to the person importing it before anything is saved.

A file nobody here wrote rarely fits Guild exactly. Rather than refuse it, or take it and
quietly leave parts behind, the reader says what it changed on the way in (a spelling of a
header it read as another, an "or other" choice made into its question …) and what cannot
come in and why (a repeat group, a photo question …), each at its sheet, row and column.
The person then imports the definition as reviewed, or cancels. Problems that make the
file unusable (`DefinitionError`) still refuse it outright.
"""

from dataclasses import dataclass, field

from django.utils.translation import ngettext

from guild.core.errors import ApplicationError
from guild.questionnaires.definition.problems import Problem
from guild.questionnaires.definition.types import Definition


@dataclass(frozen=True)
class Reading:
    """A definition read from a file, with what the review must show.

    `changed` and `dropped` are `Problem`s used as located notes: their `code` is stable
    (e.g. "or_other_expanded", "repeat_dropped") and their `message` is translated.
    `untranslated` counts the texts that have English but no French (or the reverse): such
    a definition is kept as a draft to translate and cannot be published until done.
    """

    definition: Definition
    changed: tuple[Problem, ...] = ()
    dropped: tuple[Problem, ...] = ()
    untranslated: int = 0
    languages: tuple[str, ...] = field(default=())  # further languages kept, as written

    @property
    def needs_review(self) -> bool:
        """Whether the person must decide before the draft is written."""
        return bool(self.changed or self.dropped)


class ReviewRequired(ApplicationError):
    """A file read with changes or with parts left out, imported without a review: nothing
    is saved. `reading` holds what the review would show; a caller that has shown it (or
    that imports Guild's own content) passes ``reviewed=True`` to the import."""

    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        notes = (*reading.changed, *reading.dropped)
        fields: dict[str, list[str]] = {}
        for note in notes:
            fields.setdefault(note.location or "definition", []).append(note.message)
        super().__init__(
            ngettext(
                "Reading this file changes or leaves out %(count)d thing; review it before "
                "importing. Nothing was saved.",
                "Reading this file changes or leaves out %(count)d things; review them before "
                "importing. Nothing was saved.",
                len(notes),
            )
            % {"count": len(notes)},
            code="review_required",
            fields=fields,
        )
