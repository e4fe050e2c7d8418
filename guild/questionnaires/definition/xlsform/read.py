"""An XLSForm (.xlsx or .xls), read by pyxform's rules within the upload limits, into a
checked definition and what the review must show (review.Reading)."""

from dataclasses import replace

from django.utils.translation import gettext as _
from pyxform.errors import PyXFormError

from guild.core.uploads import ReadBudget, UploadTooLarge, check_xlsx_archive
from guild.questionnaires.definition.problems import DefinitionError, Problem
from guild.questionnaires.definition.review import Reading
from guild.questionnaires.definition.types import Definition
from guild.questionnaires.definition.validate import untranslated_texts, validate_definition
from guild.questionnaires.definition.xlsform.build import Builder
from guild.questionnaires.definition.xlsform.columns import (
    CHOICES,
    MAX_FILE_BYTES,
    SETTINGS,
    SURVEY,
)
from guild.questionnaires.definition.xlsform.references import Settler
from guild.questionnaires.definition.xlsform.sheets import is_xls, read_sheet, read_workbook


def read_xlsform(content: bytes, *, file_name: str = "") -> Reading:
    """Read an XLSForm workbook; raises `DefinitionError` listing every problem when the
    file cannot be used at all. What cannot come in, or comes in changed, is in the
    reading's `dropped` and `changed` notes."""
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
        if not is_xls(content):
            check_xlsx_archive(content)
        data, letters = read_workbook(content, ReadBudget())
    except UploadTooLarge as error:
        # Reading stopped at the first row over the limits: nothing past it was looked at.
        raise DefinitionError(
            [Problem(error.code, str(error.message), sheet=error.sheet, row=error.row)]
        ) from None
    except PyXFormError as error:
        raise DefinitionError(
            [
                Problem(
                    "unreadable_file",
                    _("pyxform cannot read this workbook either: %(reason)s")
                    % {"reason": str(error)},
                )
            ]
        ) from None
    # A damaged workbook can fail anywhere inside zipfile, the XML parser, openpyxl or
    # xlrd, with any of their errors: each means the same to the person uploading it.
    except Exception:
        raise DefinitionError(
            [
                Problem(
                    "unreadable_file",
                    _("This file cannot be read as an XLSForm workbook (.xlsx or .xls)."),
                )
            ]
        ) from None
    survey = read_sheet(data, SURVEY, letters)
    if survey is None:
        raise DefinitionError(
            [Problem("missing_sheet", _("The workbook has no “survey” sheet."), sheet=SURVEY)]
        )
    settings = read_sheet(data, SETTINGS, letters)
    builder = Builder(survey, read_sheet(data, CHOICES, letters), settings)
    builder.file_name = _stem(file_name)
    if settings is not None and settings.rows:
        builder.default_language = settings.get(settings.rows[0], "default_language") or None
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
    built = builder.build()
    definition = Settler(builder).settle(built)
    if not builder.problems and not definition.sections:
        if not builder.dropped:
            raise DefinitionError(
                [Problem("no_questions", _("The form has no questions."), sheet=SURVEY)]
            )
        raise DefinitionError(
            [
                Problem(
                    "nothing_to_import",
                    _("Nothing in this form can come in to Guild; the reasons follow."),
                ),
                *sorted(builder.dropped, key=_reading_order),
            ]
        )
    if not builder.problems and not builder.has_official_language():
        languages = ", ".join(builder.further_languages())
        raise DefinitionError(
            [
                Problem(
                    "no_official_language",
                    _(
                        "The form has no text in English or French (its languages: "
                        "%(languages)s). Add a label::English (en) or label::French (fr) "
                        "column."
                    )
                    % {"languages": languages},
                    sheet=SURVEY,
                    row=1,
                )
            ]
        )
    definition = _without_invalid_defaults(definition, builder)
    # A cell already reported (an unknown list, say) is not reported again by the checks.
    reported = {(p.sheet, p.row, p.column) for p in builder.problems}
    for found in validate_definition(definition, translated=False):
        if builder.problems and found.code in _CONSEQUENCES:
            continue
        located = builder.locate(found)
        if (located.sheet, located.row, located.column) in reported:
            continue
        builder.problems.append(located)
    if builder.problems:
        raise DefinitionError(sorted(builder.problems, key=_reading_order))
    return Reading(
        definition=definition,
        changed=tuple(sorted(builder.changed, key=_reading_order)),
        dropped=tuple(sorted(builder.dropped, key=_reading_order)),
        untranslated=untranslated_texts(definition),
        languages=builder.further_languages(),
    )


def _without_invalid_defaults(definition: Definition, builder: Builder) -> Definition:
    """A starting answer that does not fit its question is left out, not a reason to
    refuse the whole file."""
    wrong = {
        found.path[:4]: found
        for found in validate_definition(definition, translated=False)
        if found.code == "invalid_default" and len(found.path) >= 4
    }
    if not wrong:
        return definition
    sections = []
    for s_index, section in enumerate(definition.sections):
        questions = []
        for q_index, question in enumerate(section.questions):
            found = wrong.get(("sections", s_index, "questions", q_index))
            if found is not None:
                located = builder.locate(found)
                builder.dropped.append(
                    replace(
                        located,
                        code="default_dropped",
                        message=f"{found.message} {_('The question starts empty.')}",
                    )
                )
                question = replace(question, default=None)
            questions.append(question)
        sections.append(replace(section, questions=tuple(questions)))
    return replace(definition, sections=tuple(sections))


# What a question left out for a problem already reported brings with it.
_CONSEQUENCES = frozenset({"no_sections", "empty_section"})


def _stem(file_name: str) -> str:
    name = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def _reading_order(problem: Problem) -> tuple[int, int, int, str]:
    sheets = (SETTINGS, SURVEY, CHOICES)
    sheet = sheets.index(problem.sheet) if problem.sheet in sheets else len(sheets)
    letter = problem.column_letter or ""
    return sheet, problem.row or 0, len(letter), letter
