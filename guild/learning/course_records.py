"""The rows of an uploaded course file, CSV or XLSX, as text cells, read within the upload
bounds (`core.uploads.ReadBudget`). Pure: no ORM. A workbook is read in openpyxl's streaming
(read-only) mode with formulas kept as formulas, so that `course_file` can refuse them."""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from guild.core.errors import ApplicationError
from guild.core.spreadsheet_safety import csv_cell_read, is_formula_like
from guild.core.uploads import ReadBudget, check_xlsx_archive


class UnreadableFile(ApplicationError):
    """The file cannot be read at all (not a workbook, not UTF-8, broken CSV)."""

    def __init__(self, message: str, *, row: int | None = None) -> None:
        super().__init__(message, code="unreadable_file")
        self.row = row


@dataclass(frozen=True)
class Cell:
    text: str
    formula: bool = False


def _xlsx_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def xlsx_records(
    content: bytes, budget: ReadBudget, sheet_name: str
) -> Iterator[tuple[int, list[Cell]]]:
    # openpyxl loads only when a workbook is read (CSV files never need it).
    from openpyxl import load_workbook

    check_xlsx_archive(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise UnreadableFile(_("The file is not an XLSX workbook that can be read.")) from None
    try:
        names = workbook.sheetnames
        sheet = workbook[sheet_name if sheet_name in names else names[0]]
        for number, row in enumerate(sheet.iter_rows(), start=1):
            budget.row(number, len(row), sheet=sheet.title)
            yield (
                number,
                [
                    Cell(_xlsx_text(cell.value), getattr(cell, "data_type", "") == "f")
                    for cell in row
                ],
            )
    finally:
        workbook.close()


def csv_records(content: bytes, budget: ReadBudget) -> Iterator[tuple[int, list[Cell]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(_("The file is not UTF-8 text.")) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
    try:
        for record in reader:
            number += 1
            budget.row(number, len(record))
            cells = []
            for value in record:
                value = value.strip()
                cells.append(Cell(csv_cell_read(value), is_formula_like(value)))
            yield number, cells
    except csv.Error as error:
        raise UnreadableFile(
            _("Unreadable CSV: %(error)s") % {"error": error}, row=number + 1
        ) from None
