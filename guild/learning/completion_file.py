"""Reading a completion file (CSV) into plain rows, every problem located.

Pure: no ORM. One row per result: the member's work e-mail, the course's code (or
``provider/code`` when two providers use the same code), the date (``YYYY-MM-DD``) and the
result (``completed`` or ``not-completed``; French ``terminé`` / ``non terminé`` too).
Whether the member and the course exist is the caller's check (`services.completion`).
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from guild.core.uploads import ReadBudget, UploadTooLarge
from guild.learning.course_file import CourseFileError, Problem
from guild.learning.course_records import UnreadableFile, csv_records

COLUMNS = ("email", "course", "date", "result")
RESULTS = {
    "completed": "completed",
    "terminé": "completed",
    "termine": "completed",
    "not-completed": "not-completed",
    "not completed": "not-completed",
    "non terminé": "not-completed",
    "non termine": "not-completed",
}


@dataclass(frozen=True)
class CompletionRow:
    email: str
    course: str
    completed_on: datetime.date
    result: str
    row: int


def _date(text: str, today: datetime.date) -> tuple[datetime.date | None, str | None]:
    try:
        value = datetime.date.fromisoformat(text)
    except ValueError:
        return None, _("Write the date as YYYY-MM-DD, for example 2026-03-31.")
    if value > today:
        return None, _("The date is in the future.")
    return value, None


def _header(cells: list[str], problems: list[Problem]) -> list[str] | None:
    names = [text.strip().lower() for text in cells]
    missing = [name for name in COLUMNS if name not in names]
    if missing:
        problems.append(
            Problem(
                None,
                1,
                None,
                _("The header row lacks the columns: %(columns)s.")
                % {"columns": ", ".join(missing)},
            )
        )
        return None
    return names


def _row(
    number: int, values: dict[str, str], today: datetime.date, problems: list[Problem]
) -> CompletionRow | None:
    found = len(problems)
    email = values.get("email", "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        problems.append(Problem(None, number, "email", _("Enter a valid e-mail address.")))
    course = values.get("course", "").strip().lower()
    if not course:
        problems.append(Problem(None, number, "course", _("Name the course by its code.")))
    completed_on, date_problem = _date(values.get("date", "").strip(), today)
    if date_problem:
        problems.append(Problem(None, number, "date", date_problem))
    result = RESULTS.get(" ".join(values.get("result", "").lower().split()))
    if result is None:
        problems.append(Problem(None, number, "result", _("Write completed or not-completed.")))
    if len(problems) > found or completed_on is None or result is None:
        return None
    return CompletionRow(email, course, completed_on, result, number)


def read_completion_file(
    content: bytes, *, today: datetime.date, budget: ReadBudget | None = None
) -> list[CompletionRow]:
    """The results `content` lists; `CourseFileError` with every problem found when any
    row is wrong (or the file is over the upload limits)."""
    problems: list[Problem] = []
    rows: list[CompletionRow] = []
    names: list[str] | None = None
    seen: dict[tuple[str, str, datetime.date], int] = {}
    try:
        for number, cells in csv_records(content, budget or ReadBudget()):
            texts = [cell.text for cell in cells]
            if not any(texts):
                continue
            if names is None:
                names = _header(texts, problems)
                if names is None:
                    raise CourseFileError(problems)
                continue
            values = dict(zip(names, texts, strict=False))
            row = _row(number, values, today, problems)
            if row is None:
                continue
            key = (row.email, row.course, row.completed_on)
            if key in seen:
                problems.append(
                    Problem(
                        None,
                        number,
                        None,
                        _("The same result is already on line %(row)d.") % {"row": seen[key]},
                    )
                )
            seen.setdefault(key, number)
            rows.append(row)
    except (UploadTooLarge, UnreadableFile) as error:
        problems.append(Problem(None, error.row, None, str(error.message)))
        raise CourseFileError(problems) from None
    if names is None:
        problems.append(Problem(None, 1, None, _("The file is empty: it needs the header row.")))
    elif not rows and not problems:
        problems.append(Problem(None, None, None, _("The file has no result rows.")))
    if problems:
        raise CourseFileError(problems)
    return rows
