"""What reading a file would do, shown to the person importing it before anything is saved.

A file nobody here wrote rarely fits Guild exactly. Rather than refuse it, or take it and
quietly leave parts behind, the reader says what it changed on the way in (a spelling of a
header it read as another, an "or other" choice made into its question …) and what cannot
come in and why (a repeat group, a photo question …), each at its sheet, row and column.
The person then imports the definition as reviewed, or cancels. Problems that make the
file unusable (`DefinitionError`) still refuse it outright.
"""

from dataclasses import dataclass, field

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
