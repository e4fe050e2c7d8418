"""Row-level export files written to a path from a stream of rows, in bounded memory.

Rows are lists of values in column order, as `variables.RowBuilder` makes them. CSV and
XLSX write each row as it comes; SPSS needs the whole table at once (pyreadstat takes a
DataFrame), so its columns are filled as compact arrays (1-byte or 2-byte codes with a
missing mask, doubles only for numbers, objects only for dates and text).

Free text is written so spreadsheets never run it: CSV cells that start with `=`, `+`,
`-`, `@`, a tab or a carriage return get a leading `'`; XLSX cells are typed as strings.
"""

import contextlib
import csv
import datetime as dt
import textwrap
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyreadstat
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
SPSS_VARIABLE_LABEL_BYTES = 255
SPSS_VALUE_LABEL_BYTES = 120
SPSS_NOTE_LINE = 80


def _text_columns(variables: Sequence[Variable]) -> list[int]:
    return [i for i, v in enumerate(variables) if v.kind is Kind.TEXT]


def csv_safe(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _report(progress: Progress | None, done: int) -> None:
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
            _report(progress, done)
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
        _report(progress, done)
    workbook.save(path)
    return done


# --- SPSS -----------------------------------------------------------------------------


def _cut(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")


class _Column:
    """A growable column: codes in a small integer array with a missing mask, numbers in
    doubles, dates and text as objects."""

    def __init__(self, variable: Variable, capacity: int):
        self.variable = variable
        self.kind = variable.kind
        capacity = max(capacity, 1)
        self.mask: np.ndarray | None = None
        if self.kind in {Kind.CHOICE, Kind.FLAG, Kind.RANK}:
            top = max([v.spss_value for v in variable.values], default=0)
            dtype = np.int8 if top < 127 and self.kind is not Kind.RANK else np.int16
            self.data: np.ndarray = np.zeros(capacity, dtype=dtype)
            self.mask = np.ones(capacity, dtype=bool)
            self.codes = {v.code: v.spss_value for v in variable.values}
        elif self.kind in {Kind.INTEGER, Kind.DECIMAL}:
            self.data = np.full(capacity, np.nan, dtype=np.float64)
        else:
            self.data = np.full(capacity, None, dtype=object)

    def grow(self) -> None:
        size = len(self.data)
        if self.mask is not None:
            self.data = np.concatenate([self.data, np.zeros(size, dtype=self.data.dtype)])
            self.mask = np.concatenate([self.mask, np.ones(size, dtype=bool)])
        elif self.kind in {Kind.INTEGER, Kind.DECIMAL}:
            self.data = np.concatenate([self.data, np.full(size, np.nan)])
        else:
            self.data = np.concatenate([self.data, np.full(size, None, dtype=object)])

    def set(self, index: int, value: Any) -> None:
        if value is None:
            return
        kind = self.kind
        if self.mask is not None:
            code = self.codes.get(str(value)) if kind is Kind.CHOICE else value
            if isinstance(code, int) and not isinstance(code, bool):
                self.data[index] = code
                self.mask[index] = False
        elif kind in {Kind.INTEGER, Kind.DECIMAL}:
            with contextlib.suppress(TypeError, ValueError):
                self.data[index] = float(value)
        elif kind is Kind.DATE:
            with contextlib.suppress(ValueError):
                self.data[index] = dt.date.fromisoformat(str(value))
        else:
            self.data[index] = str(value)

    def series(self, length: int) -> Any:
        if self.mask is not None:
            return pd.arrays.IntegerArray(self.data[:length], self.mask[:length])
        return self.data[:length]


def _measure(variable: Variable) -> str | None:
    if variable.kind is Kind.TEXT or variable.kind is Kind.DATE:
        return None
    if variable.kind is Kind.RANK or variable.type in {"likert", "matrix"}:
        return "ordinal"
    if variable.kind in {Kind.CHOICE, Kind.FLAG}:
        return "nominal"
    return "scale"


def write_sav(
    path: Path,
    variables: Sequence[Variable],
    rows: Iterable[list[Any]],
    *,
    expected: int,
    language: str,
    progress: Progress | None = None,
) -> int:
    """An SPSS file with variable labels, value labels (choices coded 1..k) and a note
    for each variable whose SPSS name differs from its code."""
    columns = [_Column(v, expected) for v in variables]
    done = 0
    for row in rows:
        if done == len(columns[0].data):
            for column in columns:
                column.grow()
        for column, value in zip(columns, row, strict=True):
            column.set(done, value)
        done += 1
        _report(progress, done)
    frame = pd.DataFrame(
        {v.spss_name: column.series(done) for v, column in zip(variables, columns, strict=True)},
        copy=False,
    )
    del columns
    labels: list[str | None] = [
        _cut(v.label.get(language), SPSS_VARIABLE_LABEL_BYTES) for v in variables
    ]
    value_labels: dict[str, dict[int | float, str]] = {
        v.spss_name: {
            value.spss_value: _cut(value.label.get(language), SPSS_VALUE_LABEL_BYTES)
            for value in v.values
        }
        for v in variables
        if v.values
    }
    notes = [
        line
        for v in variables
        if v.spss_name != v.name
        for line in textwrap.wrap(f"{v.spss_name} = {v.name}", SPSS_NOTE_LINE)
    ]
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels=labels,
        variable_value_labels=value_labels,
        variable_measure={v.spss_name: m for v in variables if (m := _measure(v))},
        note=notes or None,
    )
    return done
