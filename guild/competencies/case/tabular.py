"""Frameworks in and out of a flat CSV for spreadsheets: one row per competency and level.

Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
carriage return) is written with a leading `'`, and so is text that starts with `'`; reading
drops one leading `'` from every cell, so a framework comes back exactly as it was written.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from django.utils.translation import gettext as _

from guild.competencies.case.opensalt import framework_from_opensalt_csv, is_opensalt_header
from guild.competencies.case.problems import CaseImportError, Problem
from guild.competencies.case.terms import UUID_ANY_CASE
from guild.competencies.framework import (
    LEVELS,
    Competency,
    Family,
    Framework,
    FrameworkError,
    LevelDescriptor,
    ScaleLevel,
    derive_identifier,
    is_blank,
    is_unicode,
    is_uuid,
    validate_framework,
    with_identifiers,
)
from guild.core.spreadsheet_safety import csv_cell, csv_cell_read
from guild.core.uploads import ReadBudget, UploadTooLarge

CSV_COLUMNS: Final = (
    "family_code",
    "family_name_en",
    "family_name_fr",
    "competency_code",
    "competency_name_en",
    "competency_name_fr",
    "description_en",
    "description_fr",
    "level",
    "indicators_en",
    "indicators_fr",
    "identifier",
)
_CSV_REQUIRED: Final = frozenset(CSV_COLUMNS) - {"description_en", "description_fr", "identifier"}


def framework_to_csv(framework: Framework) -> str:
    """One row per competency and level, under a header row of `CSV_COLUMNS`; RFC 4180
    quoting and CRLF line ends, no byte-order mark. `identifier` is the competency's.

    The CSV carries neither the framework's own fields, nor family identifiers (re-derived
    from the codes on import), nor `Competency.replaces`, nor families without competencies.
    """
    complete = with_identifiers(framework)
    problems = validate_framework(complete)
    if problems:
        raise FrameworkError(problems)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for family in complete.families:
        for competency in family.competencies:
            for level in competency.levels:
                writer.writerow(
                    [
                        csv_cell(value, reversible=True)
                        for value in (
                            family.code,
                            family.name_en,
                            family.name_fr,
                            competency.code,
                            competency.name_en,
                            competency.name_fr,
                            competency.description_en,
                            competency.description_fr,
                            str(level.level),
                            level.indicators_en,
                            level.indicators_fr,
                            competency.identifier,
                        )
                    ]
                )
    return out.getvalue()


@dataclass
class _CsvFamily:
    row: int
    cells: dict[str, str]
    competencies: list[str] = field(default_factory=list)


@dataclass
class _CsvCompetency:
    row: int
    cells: dict[str, str]
    levels: dict[int, tuple[int, str, str]] = field(default_factory=dict)


_FAMILY_CELLS: Final = ("family_name_en", "family_name_fr")
_COMPETENCY_CELLS: Final = (
    "family_code",
    "competency_name_en",
    "competency_name_fr",
    "description_en",
    "description_fr",
    "identifier",
)


def framework_from_csv(
    text: str,
    *,
    identifier: str,
    title_en: str,
    title_fr: str,
    levels_scale: list[ScaleLevel],
    version: str = "",
) -> Framework:
    """The framework whose competencies the CSV lists (as written by `framework_to_csv`;
    columns in any order, a leading byte-order mark ignored), or whose items an OpenSALT CSV
    lists (told apart by its header: `case.opensalt`). The CSV has no place for the
    framework's own fields, which come from the arguments. Family identifiers are derived
    from the family codes, and so are competency identifiers where the column is empty.

    Raises `CaseImportError` listing every problem, each at `row N, column NAME` (the header is
    row 1); raises `FrameworkError` when the arguments themselves are invalid.
    """
    first = next(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")), [])
    header_problems = validate_framework(
        Framework(
            identifier=identifier,
            title_en=title_en,
            title_fr=title_fr,
            version=version,
            levels_scale=levels_scale,
        )
    )
    if header_problems:
        raise FrameworkError(header_problems)
    if is_opensalt_header(first):
        return framework_from_opensalt_csv(
            text,
            identifier=identifier,
            title_en=title_en,
            title_fr=title_fr,
            levels_scale=levels_scale,
            version=version,
        )

    problems: list[Problem] = []

    def add(row: int, column: str | None, message: str) -> None:
        path = (
            _("row %(row)d") % {"row": row}
            if column is None
            else _("row %(row)d, column %(column)s") % {"row": row, "column": column}
        )
        problems.append(Problem(path, message))

    records = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    families: dict[str, _CsvFamily] = {}
    competencies: dict[str, _CsvCompetency] = {}
    columns: list[str] | None = None
    row = 0
    budget = ReadBudget()
    counted = 0
    try:
        for record in records:
            row += 1
            if columns is not None and not any(cell.strip() for cell in record):
                continue  # blank lines (a spreadsheet's trailing rows) cost nothing
            counted += 1
            try:
                budget.row(counted, len(record))
            except UploadTooLarge as error:
                # Stop at the first line over the limits; nothing past it is read.
                add(row, None, str(error.message))
                raise CaseImportError(problems) from None
            if columns is None:
                columns = _csv_header(record, add)
                if problems:
                    raise CaseImportError(problems)
                continue
            if len(record) != len(columns):
                add(
                    row,
                    None,
                    _("expected %(expected)d fields, found %(found)d")
                    % {"expected": len(columns), "found": len(record)},
                )
                continue
            cells = {c: csv_cell_read(v) for c, v in zip(columns, record, strict=True)}
            _csv_row(row, cells, families, competencies, add)
    except csv.Error as error:
        add(row + 1, None, _("unreadable CSV: %(error)s") % {"error": error})
    if columns is None and not problems:
        add(1, None, _("missing header row"))
        raise CaseImportError(problems)

    resolved: dict[str, str] = {}
    owners: dict[str, str] = {}
    for code, competency in competencies.items():
        missing = [str(level) for level in LEVELS if level not in competency.levels]
        if missing:
            add(
                competency.row,
                "level",
                _("competency %(code)r has no row for level %(levels)s")
                % {"code": code, "levels": ", ".join(missing)},
            )
        resolved_id = competency.cells["identifier"] or (
            derive_identifier(identifier, "competency", code) if is_unicode(code) else ""
        )
        if is_uuid(resolved_id) and resolved_id in owners:
            add(
                competency.row,
                "identifier",
                _("identifier %(identifier)s is already used by competency %(code)r (row %(row)d)")
                % {
                    "identifier": resolved_id,
                    "code": owners[resolved_id],
                    "row": competencies[owners[resolved_id]].row,
                },
            )
        owners.setdefault(resolved_id, code)
        resolved[code] = resolved_id
    if problems:
        raise CaseImportError(problems)

    framework = Framework(
        identifier=identifier,
        title_en=title_en,
        title_fr=title_fr,
        version=version,
        levels_scale=levels_scale,
        families=[
            Family(
                identifier=derive_identifier(identifier, "family", family_code),
                code=family_code,
                name_en=family.cells["family_name_en"],
                name_fr=family.cells["family_name_fr"],
                competencies=[
                    _csv_competency(code, resolved[code], competencies[code])
                    for code in family.competencies
                ],
            )
            for family_code, family in families.items()
        ],
    )
    leftovers = validate_framework(framework)
    if leftovers:  # pragma: no cover - the row checks should have caught them
        raise CaseImportError(leftovers)
    return framework


_Add = Callable[[int, str | None, str], None]


def _csv_header(record: list[str], add: _Add) -> list[str]:
    columns = [name.strip() for name in record]
    seen: set[str] = set()
    for name in columns:
        if name not in CSV_COLUMNS:
            add(1, name, _("unknown column"))
        elif name in seen:
            add(1, name, _("duplicate column"))
        seen.add(name)
    for name in CSV_COLUMNS:
        if name not in seen:
            add(1, None, _("missing column %(name)r") % {"name": name})
    return columns


def _csv_row(
    row: int,
    cells: dict[str, str],
    families: dict[str, _CsvFamily],
    competencies: dict[str, _CsvCompetency],
    add: _Add,
) -> None:
    for column in CSV_COLUMNS:
        if not is_unicode(cells[column]):
            add(row, column, _("not valid Unicode text (lone surrogate)"))
        elif column in _CSV_REQUIRED and is_blank(cells[column]):
            add(row, column, _("must not be blank"))
    level: int | None = None
    if cells["level"].strip():
        if cells["level"].strip() in ("1", "2", "3", "4"):
            level = int(cells["level"])
        else:
            add(
                row,
                "level",
                _("level must be a whole number from 1 to 4, got %(value)r")
                % {"value": cells["level"]},
            )
    if cells["identifier"]:
        if UUID_ANY_CASE.fullmatch(cells["identifier"]) is None:
            add(
                row,
                "identifier",
                _("malformed UUID %(value)r") % {"value": cells["identifier"]},
            )
        cells = {**cells, "identifier": cells["identifier"].lower()}

    family_code, competency_code = cells["family_code"], cells["competency_code"]
    if is_blank(family_code) or is_blank(competency_code):
        return
    family = families.get(family_code)
    if family is None:
        family = families[family_code] = _CsvFamily(row, cells)
    else:
        for column in _FAMILY_CELLS:
            if cells[column] != family.cells[column]:
                add(
                    row,
                    column,
                    _("differs from row %(row)d for family %(code)r: %(value)r")
                    % {"row": family.row, "code": family_code, "value": family.cells[column]},
                )
    competency = competencies.get(competency_code)
    if competency is None:
        competency = competencies[competency_code] = _CsvCompetency(row, cells)
        family.competencies.append(competency_code)
    else:
        for column in _COMPETENCY_CELLS:
            if cells[column] != competency.cells[column]:
                add(
                    row,
                    column,
                    _("differs from row %(row)d for competency %(code)r: %(value)r")
                    % {
                        "row": competency.row,
                        "code": competency_code,
                        "value": competency.cells[column],
                    },
                )
    if level is not None:
        if level in competency.levels:
            add(
                row,
                "level",
                _("level %(level)d of competency %(code)r is already given in row %(row)d")
                % {"level": level, "code": competency_code, "row": competency.levels[level][0]},
            )
        else:
            competency.levels[level] = (row, cells["indicators_en"], cells["indicators_fr"])


def _csv_competency(code: str, identifier: str, competency: _CsvCompetency) -> Competency:
    cells = competency.cells
    return Competency(
        identifier=identifier,
        code=code,
        name_en=cells["competency_name_en"],
        name_fr=cells["competency_name_fr"],
        description_en=cells["description_en"],
        description_fr=cells["description_fr"],
        levels=[
            LevelDescriptor(
                level=level,
                indicators_en=competency.levels[level][1],
                indicators_fr=competency.levels[level][2],
            )
            for level in LEVELS
        ],
    )
