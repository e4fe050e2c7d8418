"""The sheets of a workbook as pyxform reads them (.xlsx with openpyxl, .xls with xlrd),
with each header's column letter and meaning (dialect.py), read within the upload limits."""

import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from pyxform import constants
from pyxform.xls2json_backends import (
    DefinitionData,
    get_excel_column_headers,
    get_excel_rows,
    is_empty,
    xls_value_to_unicode,
    xlsx_value_to_str,
)
from xlrd import open_workbook as open_xls

from guild.core.uploads import ReadBudget
from guild.questionnaires.definition.problems import column_letter
from guild.questionnaires.definition.xlsform.dialect import Column, resolve_headers

Letters = dict[str, dict[str, str]]
# The first bytes of an OLE2 compound file: an Excel 97-2003 workbook (.xls).
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Sheet:
    name: str
    rows: Sequence[Mapping[str, str]]
    headers: dict[str, str]  # lower-case header → header as written
    letters: dict[str, str]  # header as written → column letter
    columns: dict[str, Column] = field(default_factory=dict)  # header as written → meaning

    def __post_init__(self) -> None:
        if not self.columns:
            self.columns = resolve_headers(self.name, list(self.headers.values()))
        self._fields: dict[str, str] = {}
        for header, meaning in self.columns.items():
            if meaning.language is None:
                self._fields.setdefault(meaning.field, header)

    def header(self, column: str) -> str | None:
        """The header standing for field `column` (no language), or the header so written."""
        return self._fields.get(column) or self.headers.get(column.lower())

    def place(self, column: str) -> str | None:
        """The header to point at for field `column`: its own, or its first language's."""
        found = self.header(column)
        if found is None:
            found = next((header for _language, header in self.texts(column)), None)
        return found

    def get(self, row: Mapping[str, str], column: str) -> str:
        actual = self.header(column)
        value = row.get(actual, "") if actual else ""
        return str(value or "").strip()

    def has(self, column: str) -> bool:
        return self.header(column) is not None

    def column(self, column: str) -> tuple[str, str | None]:
        """(header as written, letter) of a field or a header."""
        actual = self.place(column) or column
        return actual, self.letters.get(actual)

    def texts(self, field_name: str) -> list[tuple[str | None, str]]:
        """(language as written or None, header) of each column of a text field, in order."""
        return [
            (meaning.language, header)
            for header, meaning in self.columns.items()
            if meaning.field == field_name
        ]


def is_xls(content: bytes) -> bool:
    return content.startswith(OLE2_MAGIC)


def read_workbook(content: bytes, budget: ReadBudget) -> tuple[DefinitionData, Letters]:
    """The workbook as pyxform's own reader gives it (same headers, same cleaning, same
    stop after a run of empty rows), streamed in read-only mode through `budget`, which
    stops at the first row, cell or second over the limits. Also each header's letter."""
    if is_xls(content):
        return _read_xls(content, budget)
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        result: dict[str, Any] = {"sheet_names": list(workbook.sheetnames)}
        letters: Letters = {}
        for title in workbook.sheetnames:
            name = _sheet_name(title, len(workbook.sheetnames))
            if name is None:
                continue
            worksheet = workbook[title]
            first = [cell.value for cell in next(worksheet.iter_rows(min_row=1, max_row=1), ())]
            rows, headers, letters[name] = _read_rows(
                first,
                lambda width, sheet=worksheet: sheet.iter_rows(min_row=2, max_col=width),
                _clean_cell,
                title,
                budget,
            )
            result[name], result[f"{name}_header"] = rows, headers
    finally:
        workbook.close()
    return DefinitionData(**result), letters


def _sheet_name(title: str, count: int) -> str | None:
    name = title.lower()
    if name in constants.SUPPORTED_SHEET_NAMES:
        return name
    return constants.SURVEY if count == 1 else None  # pyxform reads a lone sheet as the survey


def _read_xls(content: bytes, budget: ReadBudget) -> tuple[DefinitionData, Letters]:
    """An Excel 97-2003 workbook, read with xlrd as pyxform's .xls reader does. xlrd loads
    the whole file, which the size limit already bounds; rows and cells go through `budget`."""
    # xlrd writes its warnings about damaged files to stdout unless given somewhere else.
    book = open_xls(file_contents=content, on_demand=True, logfile=io.StringIO())
    try:
        result: dict[str, Any] = {"sheet_names": list(book.sheet_names())}
        letters: Letters = {}
        for title in book.sheet_names():
            name = _sheet_name(title, book.nsheets)
            if name is None:
                continue
            sheet = book.sheet_by_name(title)
            first = [cell.value for cell in sheet.row(0)] if sheet.nrows else []

            def stream(width: int, sheet: Any = sheet) -> Iterator[tuple[Any, ...]]:
                for number in range(1, sheet.nrows):
                    cells = sheet.row(number)[:width]
                    yield tuple(cells) + (_EMPTY,) * (width - len(cells))

            def clean(cell: Any, row_n: int, col_key: str) -> str | None:
                value = cell.value
                if isinstance(value, str):
                    value = value.strip()
                if is_empty(value):
                    return None
                return xls_value_to_unicode(value, cell.ctype, book.datemode)

            rows, headers, letters[name] = _read_rows(first, stream, clean, title, budget)
            result[name], result[f"{name}_header"] = rows, headers
    finally:
        book.release_resources()
    return DefinitionData(**result), letters


class _Empty:
    value = None
    ctype = 0


_EMPTY = _Empty()


def _read_rows(
    first: list[Any], stream: Any, clean: Any, title: str, budget: ReadBudget
) -> tuple[list[dict[str, Any]], list[dict[str, None]], dict[str, str]]:
    budget.row(1, len(first), sheet=title)
    headers = get_excel_column_headers(first)
    letters = {
        re.sub(r"( )+", " ", str(value).strip()): column_letter(index)
        for index, value in enumerate(first)
        if value is not None and str(value).strip()
    }
    if not headers:
        return [], [], letters
    # Without max_col, a read-only sheet pads every row to the width its dimension claims.
    rows = get_excel_rows(
        headers=headers, rows=_budgeted(stream(len(headers)), title, budget), cell_func=clean
    )
    names = [str(header) for header in headers if header is not None]
    return rows, ([dict.fromkeys(names)] if names else []), letters


def _budgeted(rows: Iterable[tuple[Any, ...]], title: str, budget: ReadBudget) -> Iterator[Any]:
    for number, row in enumerate(rows, start=2):
        budget.row(number, len(row), sheet=title)
        yield row


def _clean_cell(cell: Any, row_n: int, col_key: str) -> str | None:
    """pyxform's own cleaning of a cell (its reader keeps this function to itself)."""
    value = cell.value
    if isinstance(value, str):
        value = value.strip()
    return None if is_empty(value) else xlsx_value_to_str(value)


def read_sheet(data: Any, name: str, letters: Letters) -> Sheet | None:
    rows = getattr(data, name, None)
    if rows is None:
        return None
    header_rows = getattr(data, f"{name}_header", None) or [{}]
    headers: dict[str, str] = {}
    for header in header_rows[0]:
        headers.setdefault(str(header).lower(), str(header))
    return Sheet(name, rows, headers, letters.get(name, {}))
