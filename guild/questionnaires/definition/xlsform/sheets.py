"""The sheets of a workbook as pyxform reads them, with each header's column letter,
read within the upload limits."""

import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook
from pyxform import constants
from pyxform.xls2json_backends import (
    DefinitionData,
    get_excel_column_headers,
    get_excel_rows,
    is_empty,
    xlsx_value_to_str,
)

from guild.core.uploads import ReadBudget
from guild.questionnaires.definition.problems import column_letter

Letters = dict[str, dict[str, str]]


@dataclass
class Sheet:
    name: str
    rows: Sequence[Mapping[str, str]]
    headers: dict[str, str]  # lower-case header → header as written
    letters: dict[str, str]  # header as written → column letter

    def get(self, row: Mapping[str, str], column: str) -> str:
        actual = self.headers.get(column.lower())
        value = row.get(actual, "") if actual else ""
        return str(value).strip()

    def has(self, column: str) -> bool:
        return column.lower() in self.headers

    def column(self, column: str) -> tuple[str, str | None]:
        actual = self.headers.get(column.lower(), column)
        return actual, self.letters.get(actual)


def read_workbook(content: bytes, budget: ReadBudget) -> tuple[DefinitionData, Letters]:
    """The workbook as pyxform's own reader gives it (same headers, same cleaning, same
    stop after a run of empty rows), streamed in read-only mode through `budget`, which
    stops at the first row, cell or second over the limits. Also each header's letter."""
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        result: dict[str, Any] = {"sheet_names": list(workbook.sheetnames)}
        letters: Letters = {}
        for title in workbook.sheetnames:
            name = title.lower()
            if name not in constants.SUPPORTED_SHEET_NAMES:
                if len(workbook.sheetnames) != 1:
                    continue
                name = constants.SURVEY  # pyxform reads a lone sheet as the survey
            rows, headers, letters[name] = _read_rows(workbook[title], title, budget)
            result[name], result[f"{name}_header"] = rows, headers
    finally:
        workbook.close()
    return DefinitionData(**result), letters


def _read_rows(
    worksheet: Any, title: str, budget: ReadBudget
) -> tuple[list[dict[str, Any]], list[dict[str, None]], dict[str, str]]:
    first = [cell.value for cell in next(worksheet.iter_rows(min_row=1, max_row=1), ())]
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
    stream = worksheet.iter_rows(min_row=2, max_col=len(headers))
    rows = get_excel_rows(
        headers=headers, rows=_budgeted(stream, title, budget), cell_func=_clean_cell
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
    headers = {str(h).lower(): str(h) for h in header_rows[0]}
    return Sheet(name, rows, headers, letters.get(name, {}))
