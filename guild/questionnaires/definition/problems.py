"""What is wrong with a definition, said so a person can find and fix it.

A problem names a place in the definition (`path`, e.g. ``("sections", 1, "questions", 3,
"label", "fr")``, written as ``location`` ``sections[1].questions[3].label.fr``), a stable
`code` for machines and a translated `message`. Importers of files add where the problem
sits in the file: XLSForm problems carry the sheet, the 1-based row as Excel numbers it,
and the column's header and letter.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.utils.translation import ngettext

from guild.core.errors import ApplicationError

PathPart = str | int
Path = tuple[PathPart, ...]


def path_text(path: Path) -> str:
    """``("sections", 1, "title", "en")`` → ``sections[1].title.en``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    path: Path = ()
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    column_letter: str | None = None

    @property
    def location(self) -> str:
        """Where it is: the JSON path, or ``survey!C5`` style for a file."""
        if self.sheet is not None:
            cell = f"{self.column_letter or ''}{self.row or ''}"
            return f"{self.sheet}!{cell}" if cell else self.sheet
        return path_text(self.path)

    def at(
        self,
        *,
        sheet: str | None,
        row: int | None,
        column: str | None,
        column_letter: str | None,
    ) -> "Problem":
        return replace(self, sheet=sheet, row=row, column=column, column_letter=column_letter)

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "message": self.message,
            "location": self.location,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "column_letter": self.column_letter,
        }


class DefinitionError(ApplicationError):
    """A definition that cannot be used, with every problem found (never just the first)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        fields: dict[str, list[str]] = {}
        for problem in self.problems:
            fields.setdefault(problem.location or "definition", []).append(problem.message)
        super().__init__(
            ngettext(
                "The questionnaire definition has %(count)d problem; nothing was saved.",
                "The questionnaire definition has %(count)d problems; nothing was saved.",
                count,
            )
            % {"count": count},
            code="invalid_definition",
            fields=fields,
        )


def problem(code: str, message: str, path: Path = ()) -> Problem:
    return Problem(code=code, message=message, path=path)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


__all__ = [
    "DefinitionError",
    "Path",
    "Problem",
    "column_letter",
    "path_text",
    "problem",
]
