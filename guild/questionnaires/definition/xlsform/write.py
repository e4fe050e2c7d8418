"""A definition written as an .xlsx XLSForm with openpyxl."""

import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from guild.core.spreadsheet_safety import xlsx_row
from guild.questionnaires.definition.types import (
    Breakdown,
    Definition,
    QuasiIdentifier,
    Question,
    QuestionType,
    Text,
    WorkforceRole,
)
from guild.questionnaires.definition.xlsform.columns import (
    CHOICES,
    CHOICES_COLUMNS,
    SETTINGS,
    SETTINGS_COLUMNS,
    SURVEY,
    SURVEY_COLUMNS,
)
from guild.questionnaires.definition.xlsform.roles import band_cells


def _label_cells(text: Text | None) -> list[str]:
    return [text.en, text.fr] if text else ["", ""]


def _number(value: Decimal) -> str:
    return format(value, "f")


def _constraint(question: Question) -> str:
    parts = []
    if question.minimum is not None:
        parts.append(f". >= {_number(question.minimum)}")
    if question.maximum is not None:
        parts.append(f". <= {_number(question.maximum)}")
    if question.max_length is not None:
        parts.append(f"string-length(.) <= {question.max_length}")
    return " and ".join(parts)


def _survey_row(
    kind: str,
    name: str,
    label: Text | None,
    help_text: Text | None = None,
    *,
    required: bool = False,
    relevant: str | None = None,
    constraint: str = "",
    appearance: str = "",
    breakdown: Breakdown | None = None,
    quasi_identifier: QuasiIdentifier | None = None,
    workforce: WorkforceRole | None = None,
) -> list[str]:
    return [
        kind,
        name,
        *_label_cells(label),
        *_label_cells(help_text),
        "yes" if required else "",
        relevant or "",
        constraint,
        appearance,
        breakdown.value if breakdown else "",
        quasi_identifier.value if quasi_identifier else "",
        workforce.value if workforce else "",
    ]


def _question_rows(question: Question) -> list[list[str]]:
    kind = question.type
    common: dict[str, Any] = {
        "required": question.required,
        "relevant": question.relevant,
        "constraint": _constraint(question),
        "breakdown": question.breakdown,
        "quasi_identifier": question.quasi_identifier,
        "workforce": question.workforce,
    }
    if kind == QuestionType.MATRIX:
        rows = [
            _survey_row(
                "begin_group",
                question.code,
                question.label,
                question.help,
                relevant=question.relevant,
                appearance="table-list",
                quasi_identifier=question.quasi_identifier,
            )
        ]
        rows += [
            _survey_row(
                f"select_one {question.code}", row.code, row.label, required=question.required
            )
            for row in question.rows
        ]
        rows.append(_survey_row("end_group", "", None))
        return rows
    type_cell, appearance = {
        QuestionType.SINGLE: (f"select_one {question.code}", ""),
        QuestionType.LIKERT: (f"select_one {question.code}", "likert"),
        QuestionType.MULTIPLE: (f"select_multiple {question.code}", ""),
        QuestionType.RANKING: (f"rank {question.code}", ""),
        QuestionType.INTEGER: ("integer", ""),
        QuestionType.YEAR: ("integer", "year"),
        QuestionType.DECIMAL: ("decimal", ""),
        QuestionType.DATE: ("date", ""),
        QuestionType.TEXT: ("text", ""),
        QuestionType.LONG_TEXT: ("text", "multiline"),
    }[kind]
    return [
        _survey_row(
            type_cell, question.code, question.label, question.help, appearance=appearance, **common
        )
    ]


def _append(sheet: Any, values: list[str]) -> None:
    # Text that starts with "=" (or "+", "-", "@") is text here, never a formula.
    sheet.append(xlsx_row(sheet, values))


def write_xlsform(definition: Definition, *, form_id: str = "guild_questionnaire") -> bytes:
    """The definition as an .xlsx XLSForm that imports back to the same definition."""
    workbook = Workbook()
    survey = workbook.active
    survey.title = SURVEY
    _append(survey, list(SURVEY_COLUMNS))
    choices = workbook.create_sheet(CHOICES)
    _append(choices, list(CHOICES_COLUMNS))
    settings = workbook.create_sheet(SETTINGS)
    _append(settings, list(SETTINGS_COLUMNS))
    _append(settings, [definition.title.en, definition.title.fr, form_id, "English (en)"])
    if definition.description:
        _append(survey, _survey_row("note", "guild_intro", definition.description))
    for section in definition.sections:
        _append(survey, _survey_row("begin_group", section.code, section.title))
        if section.description:
            _append(survey, _survey_row("note", f"guild_note_{section.code}", section.description))
        for question in section.questions:
            for row in _question_rows(question):
                _append(survey, row)
            for option in question.options:
                _append(
                    choices,
                    [
                        question.code,
                        option.code,
                        option.label.en,
                        option.label.fr,
                        *band_cells(option.band),
                    ],
                )
        _append(survey, _survey_row("end_group", "", None))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
