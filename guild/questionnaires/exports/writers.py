"""Row-level export files written to a path from a stream of rows, in bounded memory.

Rows are lists of values in column order, as `variables.RowBuilder` makes them. CSV and
XLSX write each row as it comes; SPSS files are written by `spss.py`.

Text is written so spreadsheets never run it (`guild.core.spreadsheet_safety`): CSV cells
that start with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading `'`; XLSX text
cells are typed as strings, with the quote prefix when they look like a formula.
"""

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from guild.core.spreadsheet_safety import csv_row, xlsx_text_cell
from guild.questionnaires.exports.variables import (
    CODEBOOK_HEADER,
    Kind,
    Variable,
    codebook_rows,
)

Progress = Callable[[int], None]
PROGRESS_EVERY = 2000


def report_progress(progress: Progress | None, done: int) -> None:
    if progress is not None and done % PROGRESS_EVERY == 0:
        progress(done)


def write_csv(
    path: Path,
    variables: Sequence[Variable],
    rows: Iterable[list[Any]],
    progress: Progress | None = None,
) -> int:
    """UTF-8 with a byte-order mark so Excel reads the accents; header of column codes."""
    done = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([v.name for v in variables])
        for row in rows:
            writer.writerow(csv_row(row))
            done += 1
            report_progress(progress, done)
    return done


def write_table_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(csv_row(list(header)))
        writer.writerows(csv_row(list(row)) for row in rows)


# --- XLSX -----------------------------------------------------------------------------


def _xlsx_string(sheet: Any, value: str) -> Any:
    return xlsx_text_cell(sheet, value, write_only=True)


def _xlsx_converters(variables: Sequence[Variable]) -> list[Callable[[Any, Any], Any] | None]:
    def decimal(_sheet: Any, value: Any) -> Any:
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return str(value)

    def date(_sheet: Any, value: Any) -> Any:
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            return str(value)

    def text(sheet: Any, value: Any) -> Any:
        return _xlsx_string(sheet, str(value))

    by_kind: dict[Kind, Callable[[Any, Any], Any]] = {
        Kind.DECIMAL: decimal,
        Kind.DATE: date,
        Kind.TEXT: text,
    }
    return [by_kind.get(v.kind) for v in variables]


def open_workbook() -> Any:
    return Workbook(write_only=True)


def write_sheet(
    workbook: Any, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """A plain sheet of a write-only workbook, strings kept as strings."""
    sheet = workbook.create_sheet(title)
    sheet.append([_xlsx_string(sheet, v) for v in header])
    for row in rows:
        sheet.append([_xlsx_string(sheet, v) if isinstance(v, str) else v for v in row])


def write_xlsx(
    path: Path,
    variables: Sequence[Variable],
    rows: Iterable[list[Any]],
    progress: Progress | None = None,
    *,
    codebook: tuple[Sequence[str], Iterable[Sequence[Any]]] | None = None,
    sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]] = (),
) -> int:
    """A `responses` sheet (one row per response), a `codebook` sheet (`codebook` gives
    its header and rows when not the plain one) and any further `sheets`. Write-only mode
    streams each sheet to a temporary file, so memory stays flat however many rows."""
    workbook = open_workbook()
    responses = workbook.create_sheet("responses")
    write_sheet(workbook, "codebook", *(codebook or (CODEBOOK_HEADER, codebook_rows(variables))))
    for title, header, extra in sheets:
        write_sheet(workbook, title, header, extra)
    responses.append([_xlsx_string(responses, v.name) for v in variables])
    converters = [(i, c) for i, c in enumerate(_xlsx_converters(variables)) if c is not None]
    done = 0
    for row in rows:
        for i, convert in converters:
            if row[i] is not None:
                row[i] = convert(responses, row[i])
        responses.append([_xlsx_string(responses, v) if isinstance(v, str) else v for v in row])
        done += 1
        report_progress(progress, done)
    workbook.save(path)
    return done
