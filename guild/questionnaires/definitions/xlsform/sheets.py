"""The sheets of a workbook as pyxform reads them, with each header's column letter."""

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook

from guild.questionnaires.definitions.problems import column_letter


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


def header_letters(content: bytes) -> dict[str, dict[str, str]]:
    """Column letters of each sheet's headers (pyxform's reader drops empty columns)."""
    letters: dict[str, dict[str, str]] = {}
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        for worksheet in workbook.worksheets:
            first = next(worksheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
            letters[worksheet.title.lower()] = {
                re.sub(r"( )+", " ", str(value).strip()): column_letter(index)
                for index, value in enumerate(first)
                if value is not None and str(value).strip()
            }
    finally:
        workbook.close()
    return letters


def read_sheet(data: Any, name: str, letters: dict[str, dict[str, str]]) -> Sheet | None:
    rows = getattr(data, name, None)
    if rows is None:
        return None
    header_rows = getattr(data, f"{name}_header", None) or [{}]
    headers = {str(h).lower(): str(h) for h in header_rows[0]}
    return Sheet(name, rows, headers, letters.get(name, {}))
