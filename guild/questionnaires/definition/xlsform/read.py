"""An .xlsx XLSForm, read by pyxform's rules within the upload limits, into a checked definition."""

from zipfile import BadZipFile

from django.utils.translation import gettext as _
from openpyxl.utils.exceptions import InvalidFileException
from pyxform.errors import PyXFormError

from guild.core.uploads import ReadBudget, UploadTooLarge, check_xlsx_archive
from guild.questionnaires.definition.problems import DefinitionError, Problem
from guild.questionnaires.definition.types import Definition
from guild.questionnaires.definition.validate import validate_definition
from guild.questionnaires.definition.xlsform.build import Builder
from guild.questionnaires.definition.xlsform.columns import (
    CHOICES,
    MAX_FILE_BYTES,
    SETTINGS,
    SURVEY,
)
from guild.questionnaires.definition.xlsform.sheets import read_sheet, read_workbook


def read_xlsform(content: bytes) -> Definition:
    """Read an .xlsx XLSForm; raises `DefinitionError` listing every problem."""
    if len(content) > MAX_FILE_BYTES:
        raise DefinitionError(
            [
                Problem(
                    "file_too_large",
                    _("The file is larger than %(size)d MB.")
                    % {"size": MAX_FILE_BYTES // (1024 * 1024)},
                )
            ]
        )
    try:
        check_xlsx_archive(content)
        data, letters = read_workbook(content, ReadBudget())
    except UploadTooLarge as error:
        # Reading stopped at the first row over the limits: nothing past it was looked at.
        raise DefinitionError(
            [Problem(error.code, str(error.message), sheet=error.sheet, row=error.row)]
        ) from None
    except (
        PyXFormError,
        BadZipFile,
        InvalidFileException,
        OSError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
    ):
        raise DefinitionError(
            [Problem("unreadable_file", _("This file cannot be read as an .xlsx XLSForm."))]
        ) from None
    survey = read_sheet(data, SURVEY, letters)
    if survey is None:
        raise DefinitionError(
            [Problem("missing_sheet", _("The workbook has no “survey” sheet."), sheet=SURVEY)]
        )
    builder = Builder(
        survey, read_sheet(data, CHOICES, letters), read_sheet(data, SETTINGS, letters)
    )
    for column in ("type", "name"):
        if not survey.has(column):
            builder.problems.append(
                Problem(
                    "missing_column",
                    _("The sheet has no “%(column)s” column.") % {"column": column},
                    sheet=SURVEY,
                    row=1,
                    column=column,
                )
            )
    if builder.problems:
        raise DefinitionError(builder.problems)
    definition = builder.build()
    # A cell already reported (an unknown list, say) is not reported again by the checks.
    reported = {(p.sheet, p.row, p.column) for p in builder.problems}
    for found in validate_definition(definition):
        located = builder.locate(found)
        if (located.sheet, located.row, located.column) in reported:
            continue
        builder.problems.append(located)
    if builder.problems:
        raise DefinitionError(sorted(builder.problems, key=_reading_order))
    return definition


def _reading_order(problem: Problem) -> tuple[int, int, int, str]:
    sheets = (SETTINGS, SURVEY, CHOICES)
    sheet = sheets.index(problem.sheet) if problem.sheet in sheets else len(sheets)
    letter = problem.column_letter or ""
    return sheet, problem.row or 0, len(letter), letter
