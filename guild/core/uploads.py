"""Bounds on the files people upload: bytes, rows, cells and reading time.

A small file can still describe a huge sheet (a 457 KB workbook held a million rows that
looked empty) or expand a hundredfold when unzipped. Every importer reads through a
`ReadBudget`, which stops at the first row, cell or second over the limits and raises
`UploadTooLarge` saying where (sheet and row, or line) — nothing is saved from such a file.
"""

import io
import time
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from guild.core.errors import ApplicationError

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class UploadLimits:
    max_bytes: int = 5 * MEGABYTE
    # An .xlsx is a zip: what it unzips to, all parts together.
    max_unzipped_bytes: int = 25 * MEGABYTE
    max_rows: int = 20_000  # per sheet, or lines of a CSV file
    max_cells: int = 500_000  # cells looked at, all sheets together
    max_seconds: float = 15.0


DEFAULT_LIMITS = UploadLimits()


class UploadTooLarge(ApplicationError):
    """A file over one of the limits; `sheet` and `row` say where reading stopped."""

    def __init__(self, message: str, *, sheet: str | None = None, row: int | None = None):
        super().__init__(message, code="file_too_large")
        self.sheet = sheet
        self.row = row


def check_size(size: int, limits: UploadLimits = DEFAULT_LIMITS) -> None:
    if size > limits.max_bytes:
        raise UploadTooLarge(
            _("The file is larger than %(size)d MB.") % {"size": limits.max_bytes // MEGABYTE}
        )


def check_xlsx_archive(content: bytes, limits: UploadLimits = DEFAULT_LIMITS) -> None:
    """Refuse a workbook that unzips to more than the limit (a "zip bomb"). The sizes are
    those the archive declares; Python's zip reader never inflates past them."""
    check_size(len(content), limits)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip at all: the reader says the file cannot be read
    if unzipped > limits.max_unzipped_bytes:
        raise UploadTooLarge(
            _("The workbook unzips to more than %(size)d MB.")
            % {"size": limits.max_unzipped_bytes // MEGABYTE}
        )


@dataclass
class ReadBudget:
    """Rows, cells and seconds left for reading one upload."""

    limits: UploadLimits = DEFAULT_LIMITS
    cells: int = 0
    started: float = field(default_factory=time.monotonic)

    def row(self, number: int, cells: int, *, sheet: str | None = None) -> None:
        """Account for row (or line) `number` holding `cells` cells; raise when over."""
        self.cells += cells
        if number > self.limits.max_rows:
            raise UploadTooLarge(self._rows_message(sheet), sheet=sheet, row=number)
        if self.cells > self.limits.max_cells:
            raise UploadTooLarge(
                _("The file has more than %(cells)d cells.") % {"cells": self.limits.max_cells},
                sheet=sheet,
                row=number,
            )
        if time.monotonic() - self.started > self.limits.max_seconds:
            raise UploadTooLarge(
                _("The file took more than %(seconds)d seconds to read.")
                % {"seconds": self.limits.max_seconds},
                sheet=sheet,
                row=number,
            )

    def _rows_message(self, sheet: str | None) -> str:
        rows = self.limits.max_rows
        if sheet is None:
            return _("The file has more than %(rows)d lines.") % {"rows": rows}
        return _("The sheet “%(sheet)s” has more than %(rows)d rows.") % {
            "sheet": sheet,
            "rows": rows,
        }
