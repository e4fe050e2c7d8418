"""Row-level export files written to a path from a stream of rows, in bounded memory.

Rows are lists of values in column order, as `variables.RowBuilder` makes them. CSV and
XLSX write each row as it comes; SPSS files are written by `spss.py`.

Free text is written so spreadsheets never run it: CSV cells that start with `=`, `+`,
`-`, `@`, a tab or a carriage return get a leading `'`; XLSX cells are typed as strings.
"""

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from guild.questionnaires.exports.variables import (
    CODEBOOK_HEADER,
    Kind,
    Variable,
    codebook_rows,
)

Progress = Callable[[int], None]
PROGRESS_EVERY = 2000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CELL_LIMIT = 32767


def _text_columns(variables: Sequence[Variable]) -> list[int]:
    return [i for i, v in enumerate(variables) if v.kind is Kind.TEXT]


def csv_safe(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


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
    texts = _text_columns(variables)
    done = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([v.name for v in variables])
        for row in rows:
            for i in texts:
                if row[i] is not None:
                    row[i] = csv_safe(str(row[i]))
            writer.writerow(row)
            done += 1
            report_progress(progress, done)
    return done


def write_table_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


# --- XLSX -----------------------------------------------------------------------------


def _xlsx_string(sheet: Any, value: str) -> Any:
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_CELL_LIMIT])
    cell.data_type = "s"  # never a formula, even when the text starts with "="
    return cell


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
    sheet.append(list(header))
    for row in rows:
        sheet.append([_xlsx_string(sheet, v) if isinstance(v, str) else v for v in row])


def write_xlsx(
    path: Path,
    variables: Sequence[Variable],
    rows: Iterable[list[Any]],
    progress: Progress | None = None,
) -> int:
    """A `responses` sheet (one row per response) and a `codebook` sheet. Write-only mode
    streams each sheet to a temporary file, so memory stays flat however many rows."""
    workbook = open_workbook()
    responses = workbook.create_sheet("responses")
    write_sheet(workbook, "codebook", CODEBOOK_HEADER, codebook_rows(variables))
    responses.append([v.name for v in variables])
    converters = [(i, c) for i, c in enumerate(_xlsx_converters(variables)) if c is not None]
    done = 0
    for row in rows:
        for i, convert in converters:
            if row[i] is not None:
                row[i] = convert(responses, row[i])
        responses.append(row)
        done += 1
        report_progress(progress, done)
    workbook.save(path)
    return done
