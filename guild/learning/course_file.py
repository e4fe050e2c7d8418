"""Reading a course file (CSV or XLSX) into plain rows, every problem located.

Pure: no ORM. The caller says what the file may refer to (`Catalogue`: the providers that
exist, the framework's competency codes and its scale); this module reads the file within
the upload bounds (`core.uploads`) and returns the providers and courses it describes, or
raises `CourseFileError` with every problem found, each with its sheet, row and column.

One row per course. Its provider is named by code; a provider that does not exist yet is
described by the provider columns of the first row naming it (later rows leave them blank or
repeat them). The `competencies` cell lists what the course develops as ``CODE:LEVEL``
pairs separated by ``;`` (``RIL-01:3; ACP-02:2``). A course is keyed by its provider and its
code: importing it again replaces it, mappings included.

A workbook cell holding a formula is refused (its value is whatever the spreadsheet last
computed, or nothing); in a CSV file, text a spreadsheet would run as a formula is refused
unless it starts with ``'``, as Guild's own exports write it.
"""

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guild.core.errors import ApplicationError
from guild.core.uploads import ReadBudget, UploadTooLarge
from guild.learning.course_records import Cell, UnreadableFile, csv_records, xlsx_records

FORMAT_CSV, FORMAT_XLSX = "csv", "xlsx"
SHEET = "Courses"
COLUMNS = (
    "provider",
    "provider_name_en",
    "provider_name_fr",
    "provider_kind",
    "provider_url",
    "course",
    "title_en",
    "title_fr",
    "summary_en",
    "summary_fr",
    "languages",
    "format",
    "duration_hours",
    "cost",
    "url",
    "active",
    "competencies",
)
PROVIDER_COLUMNS = ("provider_name_en", "provider_name_fr", "provider_kind", "provider_url")
CODE = re.compile(r"[-a-zA-Z0-9_]{1,40}")
YES = {"yes", "oui", "true", "vrai", "1", "y", "o", ""}
NO = {"no", "non", "false", "faux", "0", "n"}
TITLE_MAX = 255
URL_MAX = 500
MAX_DURATION = Decimal("99999.9")
MAX_COST = Decimal("9999999.99")


@dataclass(frozen=True)
class Catalogue:
    """What a file may refer to: existing provider codes, the competency codes of the
    community's published framework and the levels of its scale, and the allowed values."""

    providers: frozenset[str]
    competencies: frozenset[str]
    levels: tuple[int, ...]
    kinds: frozenset[str]
    formats: frozenset[str]
    languages: frozenset[str]


@dataclass(frozen=True)
class ProviderRow:
    code: str
    name_en: str
    name_fr: str
    kind: str
    url: str
    row: int


@dataclass(frozen=True)
class CourseRow:
    provider: str
    code: str
    title_en: str
    title_fr: str
    summary_en: str
    summary_fr: str
    languages: str
    format: str
    duration_hours: Decimal | None
    cost: Decimal | None
    url: str
    active: bool
    competencies: dict[str, int]
    row: int


@dataclass(frozen=True)
class Problem:
    sheet: str | None
    row: int | None
    column: str | None
    message: str

    def as_dict(self) -> dict[str, Any]:
        if self.row is None:
            location = ""
        elif self.column is None:
            location = _("line %(row)d") % {"row": self.row}
        else:
            location = _("line %(row)d, column %(column)s") % {
                "row": self.row,
                "column": self.column,
            }
        return {
            "location": location,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class Reading:
    providers: list[ProviderRow] = field(default_factory=list)
    courses: list[CourseRow] = field(default_factory=list)


class CourseFileError(ApplicationError):
    """The file cannot be imported: `problems` says every place and why."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(
            gettext_lazy("The file was refused; nothing was saved."), code="invalid_file"
        )
        self.problems = list(problems)


class _Rows:
    """Collects problems for one file; `sheet` is None for a CSV file."""

    def __init__(self, sheet: str | None, catalogue: Catalogue) -> None:
        self.sheet = sheet
        self.catalogue = catalogue
        self.problems: list[Problem] = []

    def add(self, row: int | None, column: str | None, message: str) -> None:
        self.problems.append(Problem(self.sheet, row, column, message))

    def header(self, row: int, cells: list[Cell]) -> list[str] | None:
        names = [cell.text.strip().lower() for cell in cells]
        while names and not names[-1]:
            names.pop()
        seen: set[str] = set()
        for name in names:
            if name in seen:
                self.add(row, name, _("The column “%(name)s” appears twice.") % {"name": name})
            elif name not in COLUMNS:
                self.add(
                    row,
                    name or None,
                    _("Unknown column “%(name)s”; use the columns of the template.")
                    % {"name": name},
                )
            seen.add(name)
        missing = [name for name in COLUMNS if name not in seen]
        if missing:
            self.add(
                row,
                None,
                _("Missing columns: %(names)s. Use the columns of the template.")
                % {"names": ", ".join(missing)},
            )
        return None if self.problems else names

    def code(self, row: int, column: str, text: str) -> str:
        if not text:
            self.add(row, column, _("A code is required."))
        elif not CODE.fullmatch(text):
            self.add(
                row,
                column,
                _("“%(code)s” is not a code: use up to 40 letters, digits, - and _.")
                % {"code": text},
            )
        return text.lower()

    def text(self, row: int, column: str, text: str, *, required: bool, limit: int) -> str:
        if required and not text:
            self.add(row, column, _("This cell is required."))
        elif len(text) > limit:
            self.add(
                row,
                column,
                _("At most %(limit)d characters (this cell has %(length)d).")
                % {"limit": limit, "length": len(text)},
            )
        return text

    def choice(self, row: int, column: str, text: str, allowed: frozenset[str]) -> str:
        value = text.lower()
        if value not in allowed:
            self.add(
                row,
                column,
                _("“%(value)s” is not one of: %(allowed)s.")
                % {"value": text, "allowed": ", ".join(sorted(allowed))},
            )
        return value

    def url(self, row: int, column: str, text: str) -> str:
        if not text:
            return ""
        try:
            URLValidator(schemes=["http", "https"])(text)
        except ValidationError:
            self.add(row, column, _("“%(value)s” is not a web address.") % {"value": text})
        else:
            if len(text) > URL_MAX:
                self.add(row, column, _("A web address has at most 500 characters."))
        return text

    def number(self, row: int, column: str, text: str, limit: Decimal) -> Decimal | None:
        if not text:
            return None
        try:
            value = Decimal(text.replace(",", ".").replace("$", "").strip())
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or value < 0 or value > limit:
            self.add(
                row,
                column,
                _("“%(value)s” is not a number from 0 to %(limit)s.")
                % {"value": text, "limit": limit},
            )
            return None
        return value

    def active(self, row: int, text: str) -> bool:
        value = text.lower()
        if value in YES:
            return True
        if value not in NO:
            self.add(row, "active", _("Write yes or no (“%(value)s”).") % {"value": text})
        return False

    def competencies(self, row: int, text: str) -> dict[str, int]:
        result: dict[str, int] = {}
        levels = self.catalogue.levels
        for item in (part.strip() for part in re.split(r"[;\n]", text)):
            if not item:
                continue
            code, colon, level_text = (part.strip() for part in item.partition(":"))
            if not colon or not code or not level_text.isdigit():
                self.add(
                    row,
                    "competencies",
                    _("“%(item)s” is not a competency code and a level, like RIL-01:3.")
                    % {"item": item},
                )
                continue
            level = int(level_text)
            code = code.upper()
            if code not in self.catalogue.competencies:
                self.add(
                    row,
                    "competencies",
                    _("“%(code)s” is not a competency of the community's published framework.")
                    % {"code": code},
                )
            elif level not in levels:
                self.add(
                    row,
                    "competencies",
                    _(
                        "Level %(level)d of %(code)s is not on the framework's scale "
                        "(%(low)d to %(high)d)."
                    )
                    % {"level": level, "code": code, "low": min(levels), "high": max(levels)},
                )
            elif code in result:
                self.add(
                    row,
                    "competencies",
                    _("%(code)s is listed twice.") % {"code": code},
                )
            else:
                result[code] = level
        return result


def _records(
    content: bytes, file_format: str, budget: ReadBudget
) -> Iterator[tuple[int, list[Cell]]]:
    if file_format == FORMAT_XLSX:
        return xlsx_records(content, budget, SHEET)
    return csv_records(content, budget)


def read_course_file(
    content: bytes,
    *,
    file_format: str,
    catalogue: Catalogue,
    budget: ReadBudget | None = None,
) -> Reading:
    """The providers and courses `content` describes; `CourseFileError` with every
    problem found when any row is wrong (or the file is over the upload limits)."""
    rows = _Rows(SHEET if file_format == FORMAT_XLSX else None, catalogue)
    reading = Reading()
    names: list[str] | None = None
    providers: dict[str, ProviderRow] = {}
    courses: dict[tuple[str, str], int] = {}
    try:
        for number, cells in _records(content, file_format, budget or ReadBudget()):
            if not any(cell.text for cell in cells):
                continue
            if names is None:
                names = rows.header(number, cells)
                if names is None:
                    raise CourseFileError(rows.problems)
                continue
            values: dict[str, str] = {}
            for name, cell in zip(names, cells, strict=False):
                if not name:
                    continue
                if cell.formula:
                    rows.add(
                        number,
                        name,
                        _("A formula is not accepted here: type the value itself."),
                    )
                values[name] = cell.text
            if any(cell.text for cell in cells[len(names) :]):
                rows.add(number, None, _("This row has cells beyond the last column."))
            course = _course(rows, number, values)
            _provider(rows, number, values, providers, reading)
            key = (course.provider, course.code)
            if course.code and key in courses:
                rows.add(
                    number,
                    "course",
                    _("The course %(code)s of %(provider)s is already on line %(row)d.")
                    % {"code": course.code, "provider": course.provider, "row": courses[key]},
                )
            courses.setdefault(key, number)
            reading.courses.append(course)
    except UploadTooLarge as error:
        rows.add(error.row, None, str(error.message))
        raise CourseFileError(rows.problems) from None
    except UnreadableFile as error:
        rows.add(error.row, None, str(error.message))
        raise CourseFileError(rows.problems) from None
    if names is None:
        rows.add(1, None, _("The file is empty: it needs the template's header row."))
    elif not reading.courses:
        rows.add(None, None, _("The file has no course rows."))
    if rows.problems:
        raise CourseFileError(rows.problems)
    return reading


def _course(rows: _Rows, number: int, values: Mapping[str, str]) -> CourseRow:
    catalogue = rows.catalogue
    return CourseRow(
        provider=rows.code(number, "provider", values.get("provider", "")),
        code=rows.code(number, "course", values.get("course", "")),
        title_en=rows.text(
            number, "title_en", values.get("title_en", ""), required=True, limit=TITLE_MAX
        ),
        title_fr=rows.text(
            number, "title_fr", values.get("title_fr", ""), required=True, limit=TITLE_MAX
        ),
        summary_en=rows.text(
            number, "summary_en", values.get("summary_en", ""), required=False, limit=5000
        ),
        summary_fr=rows.text(
            number, "summary_fr", values.get("summary_fr", ""), required=False, limit=5000
        ),
        languages=rows.choice(
            number, "languages", values.get("languages", ""), catalogue.languages
        ),
        format=rows.choice(number, "format", values.get("format", ""), catalogue.formats),
        duration_hours=rows.number(
            number, "duration_hours", values.get("duration_hours", ""), MAX_DURATION
        ),
        cost=rows.number(number, "cost", values.get("cost", ""), MAX_COST),
        url=rows.url(number, "url", values.get("url", "")),
        active=rows.active(number, values.get("active", "")),
        competencies=rows.competencies(number, values.get("competencies", "")),
        row=number,
    )


def _provider(
    rows: _Rows,
    number: int,
    values: Mapping[str, str],
    providers: dict[str, ProviderRow],
    reading: Reading,
) -> None:
    code = values.get("provider", "").lower()
    given = {name: values.get(name, "") for name in PROVIDER_COLUMNS}
    if not code or not any(given.values()):
        if code and code not in rows.catalogue.providers and code not in providers:
            rows.add(
                number,
                "provider_name_en",
                _("The provider %(code)s is new: describe it (names and kind) on this row.")
                % {"code": code},
            )
            providers[code] = ProviderRow(code, "", "", "", "", number)
        return
    first = providers.get(code)
    if first is not None:
        if first.name_en:  # an earlier row described it: this one must agree
            said = {
                "provider_name_en": first.name_en,
                "provider_name_fr": first.name_fr,
                "provider_kind": first.kind,
                "provider_url": first.url,
            }
            for name, value in given.items():
                if value and value.lower() != said[name].lower():
                    rows.add(
                        number,
                        name,
                        _("Line %(row)d describes the provider %(code)s differently.")
                        % {"row": first.row, "code": code},
                    )
        return
    provider = ProviderRow(
        code=code,
        name_en=rows.text(
            number, "provider_name_en", given["provider_name_en"], required=True, limit=TITLE_MAX
        ),
        name_fr=rows.text(
            number, "provider_name_fr", given["provider_name_fr"], required=True, limit=TITLE_MAX
        ),
        kind=rows.choice(number, "provider_kind", given["provider_kind"], rows.catalogue.kinds),
        url=rows.url(number, "provider_url", given["provider_url"]),
        row=number,
    )
    providers[code] = provider
    reading.providers.append(provider)
