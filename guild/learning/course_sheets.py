"""Course files Guild writes: the import template and the catalogue export, in CSV and
XLSX, in the import layout (`course_file.COLUMNS`) so an export imports back unchanged.

Every text cell goes through `core.spreadsheet_safety`: a title starting with ``=`` never
runs as a formula in the spreadsheet that opens the file.
"""

import csv
import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from guild.core.spreadsheet_safety import csv_cell, xlsx_row
from guild.learning.course_file import COLUMNS, SHEET

EXAMPLE = {
    "provider": "csps",
    "provider_name_en": "Canada School of Public Service",
    "provider_name_fr": "École de la fonction publique du Canada",
    "provider_kind": "school",
    "provider_url": "https://www.csps-efpc.gc.ca/",
    "course": "i011",
    "title_en": "Records management fundamentals",
    "title_fr": "Principes fondamentaux de la gestion des documents",
    "summary_en": "",
    "summary_fr": "",
    "languages": "en-fr",
    "format": "online",
    "duration_hours": "6",
    "cost": "0",
    "url": "",
    "active": "yes",
    "competencies": "RIL-01:2; RIL-02:2",
}


def _notes() -> list[tuple[str, str]]:
    return [
        ("provider", _("The provider's code (letters, digits, - and _).")),
        (
            "provider_name_en, provider_name_fr, provider_kind, provider_url",
            _(
                "Needed on the first row of a new provider; leave them blank on its other "
                "rows. Kinds: school, library-archives, university, department, other."
            ),
        ),
        ("course", _("The course's code at its provider; importing it again replaces it.")),
        ("title_en, title_fr", _("Required, in both official languages.")),
        ("languages", _("en, fr or en-fr (offered in both).")),
        ("format", _("classroom, online, blended, self-paced or product (a product or guide).")),
        ("duration_hours, cost", _("Numbers: hours, and Canadian dollars (0 for free).")),
        ("active", _("yes (offered now) or no.")),
        (
            "competencies",
            _(
                "What the course develops, as competency code and level of the framework's "
                "scale, separated by ;  (RIL-01:3; ACP-02:2)."
            ),
        ),
    ]


def _text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def courses_csv(rows: Sequence[Mapping[str, Any]]) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheets read the accents."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(_text(row.get(name)), reversible=True) for name in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx_number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return _text(value)


def courses_xlsx(rows: Sequence[Mapping[str, Any]], *, with_notes: bool = False) -> bytes:
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = SHEET
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(xlsx_row(sheet, [_xlsx_number(row.get(name)) for name in COLUMNS]))
    sheet.freeze_panes = "A2"
    if with_notes:
        notes = workbook.create_sheet(_("Notes")[:31])
        notes.append([_("Column"), _("What to write")])
        for cell in notes[1]:
            cell.font = Font(bold=True)
        for column, note in _notes():
            notes.append(xlsx_row(notes, [column, note]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv() -> bytes:
    return courses_csv([EXAMPLE])


def template_xlsx() -> bytes:
    return courses_xlsx([EXAMPLE], with_notes=True)
