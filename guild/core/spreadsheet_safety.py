"""Text written to CSV and XLSX files so a spreadsheet never runs it as a formula.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read by Excel, LibreOffice and Google Sheets as a formula (CWE-1236, "CSV injection").
`is_formula_like` is the one rule; every CSV and XLSX Guild writes applies it:

* CSV: `csv_cell` puts a ``'`` in front of such text (OWASP's advice), so it shows as text.
  Plain numbers (``-5``, ``+1.5``, ``-2e3``) are left as they are: a spreadsheet reads them as
  the same number, and negative figures stay figures.
* XLSX: `xlsx_text_cell` writes such text as a string cell with Excel's "quote prefix"
  style, exactly as if the person had typed ``'`` before it. The text is kept verbatim (no
  visible ``'``), is never a formula, and stays text if someone edits the cell. Numbers are
  written as numbers.

Files that Guild reads back (the framework CSV) use `csv_cell(..., reversible=True)` and
`csv_cell_read`, which also escape a leading ``'`` so that reading restores the exact text.
"""

import re
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from openpyxl.cell import Cell, WriteOnlyCell

T = TypeVar("T")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
XLSX_CELL_LIMIT = 32767
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def is_formula_like(value: object) -> bool:
    """Whether a spreadsheet would read this value as a formula (only text can be)."""
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and _PLAIN_NUMBER.fullmatch(value) is None
    )


def csv_cell(value: T, *, reversible: bool = False) -> T | str:
    """The value as a CSV cell that no spreadsheet runs. With `reversible`, text that
    already starts with ``'`` gets a second one, so `csv_cell_read` gives back the text."""
    if is_formula_like(value) or (reversible and isinstance(value, str) and value[:1] == QUOTE):
        return f"{QUOTE}{value}"
    return value


def csv_row(values: list[Any]) -> list[Any]:
    return [csv_cell(value) for value in values]


def csv_cell_read(text: str) -> str:
    """The text that `csv_cell(text, reversible=True)` wrote."""
    return text[1:] if text.startswith(QUOTE) else text


def xlsx_text_cell(sheet: Any, value: str, *, write_only: bool = False) -> "Cell | WriteOnlyCell":
    """A string cell holding `value` verbatim (less the characters XLSX cannot hold),
    never a formula; formula-like text gets the quote-prefix style."""
    # openpyxl loads only when a workbook is written (CSV writers import this module too).
    from openpyxl.cell import Cell, WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_CELL_LIMIT]
    cell = WriteOnlyCell(sheet, value=text) if write_only else Cell(sheet, value=text)
    cell.data_type = "s"
    if is_formula_like(text):
        cell.quotePrefix = True
    return cell


def xlsx_value(sheet: Any, value: T, *, write_only: bool = False) -> "T | Cell | WriteOnlyCell":
    """What to append to an openpyxl sheet for `value`: text becomes a safe string cell,
    anything else (numbers, dates, None) is written as it is."""
    if isinstance(value, str):
        return xlsx_text_cell(sheet, value, write_only=write_only)
    return value


def xlsx_row(sheet: Any, values: list[Any], *, write_only: bool = False) -> list[Any]:
    return [xlsx_value(sheet, value, write_only=write_only) for value in values]
