"""The learning-needs analysis as an XLSX workbook (openpyxl), for the curriculum planners.

Two sheets: "Learning needs" ranks the community's competencies; "By department" ranks each
department's. Competencies whose figures are hidden by disclosure control keep their row with
the same mark the pages print (:data:`guild.core.charts.SUPPRESSED_MARK`) in place of every
figure, so the workbook never publishes a number a page hides.
"""

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from guild.competencies.learning_needs import Need
from guild.competencies.selectors import LearningNeeds
from guild.core.charts import SUPPRESSED_MARK
from guild.core.spreadsheet_safety import xlsx_row

Cell = str | int | float | None


@dataclass(frozen=True)
class CompetencyNames:
    name_en: str
    name_fr: str
    family: str


def _need_cells(need: Need) -> list[Cell]:
    return [need.below, need.total_gap, need.priority, round(need.score, 4)]


def _hidden_cells() -> list[Cell]:
    return [SUPPRESSED_MARK] * 4


def _competency_cells(code: str, names: Mapping[str, CompetencyNames]) -> list[Cell]:
    found = names.get(code)
    if found is None:
        return [code, "", "", ""]
    return [code, found.name_en, found.name_fr, found.family]


def _rows(needs: LearningNeeds, names: Mapping[str, CompetencyNames]) -> list[list[Cell]]:
    rows: list[list[Cell]] = [
        [need.rank, *_competency_cells(need.code, names), *_need_cells(need)]
        for need in needs.needs
    ]
    rows += [[None, *_competency_cells(code, names), *_hidden_cells()] for code in needs.hidden]
    return rows


def _headers() -> list[str]:
    return [
        _("Rank"),
        _("Code"),
        _("Competency (English)"),
        _("Competency (French)"),
        _("Family"),
        _("Members below target"),
        _("Total gap"),
        _("Priority"),
        _("Score"),
    ]


def _write(sheet: Worksheet, header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    sheet.append(xlsx_row(sheet, list(header)))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # Names and codes come from people: text is never written as a formula.
        sheet.append(xlsx_row(sheet, list(row)))
    sheet.freeze_panes = "A2"


def _note(threshold: int) -> str:
    return _(
        "%(mark)s: hidden to protect privacy, because fewer than %(threshold)d members "
        "are counted (or the figure would reveal a smaller group)."
    ) % {"mark": SUPPRESSED_MARK, "threshold": threshold}


def learning_needs_workbook(
    *,
    community: LearningNeeds,
    departments: Mapping[str, LearningNeeds],
    names: Mapping[str, CompetencyNames],
) -> bytes:
    """The workbook of the community's ranking and of each department's (keyed by the
    department's name, in the order given)."""
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = _("Learning needs")[:31]
    rows = _rows(community, names)
    _write(sheet, _headers(), rows)
    if community.hidden:
        sheet.append([])
        sheet.append([_note(community.threshold)])

    by_department = workbook.create_sheet(_("By department")[:31])
    department_rows = [
        [department, *row]
        for department, needs in departments.items()
        for row in _rows(needs, names)
    ]
    _write(by_department, [_("Department or agency"), *_headers()], department_rows)
    if any(needs.hidden for needs in departments.values()):
        by_department.append([])
        by_department.append([_note(community.threshold)])

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
