"""The one rule for text a spreadsheet would run as a formula, in CSV and in XLSX."""

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from guild.core.spreadsheet_safety import (
    csv_cell,
    csv_cell_read,
    is_formula_like,
    xlsx_row,
)

ATTACKS = [
    '=HYPERLINK("http://evil.example","Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "-",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_formula_like_text_gets_a_quote_in_csv(text: str) -> None:
    assert is_formula_like(text)
    assert csv_cell(text) == f"'{text}"


@pytest.mark.parametrize("value", ["-5", "+1.5", "-2e3", "-.5", -5, 3.25, None, "", "a=b", "x"])
def test_numbers_and_plain_text_are_left_alone(value: object) -> None:
    assert not is_formula_like(value)
    assert csv_cell(value) == value


@given(st.text())
def test_reversible_csv_cells_read_back_exactly(text: str) -> None:
    written = csv_cell(text, reversible=True)
    assert not is_formula_like(written)
    assert csv_cell_read(written) == text


def test_xlsx_text_is_never_a_formula_and_numbers_stay_numbers() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(xlsx_row(sheet, [*ATTACKS[:4], -5, -2.5, "plain", None]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    read = load_workbook(io.BytesIO(buffer.getvalue()))
    cells = next(read.active.iter_rows())
    assert [c.value for c in cells] == [*ATTACKS[:4], -5, -2.5, "plain"]
    assert [c.data_type for c in cells] == ["s", "s", "s", "s", "n", "n", "s"]
    assert [bool(c.quotePrefix) for c in cells] == [True] * 4 + [False] * 3
