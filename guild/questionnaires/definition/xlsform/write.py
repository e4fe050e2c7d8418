"""A definition written as an .xlsx XLSForm with openpyxl: every field, each text in
English, French and any further language it holds (``label::<language as written>``),
the options' properties as choices columns. pyxform converts the result; a ``${name}``
naming a question the definition no longer holds is left out of the text, as pyxform
would refuse it."""

import io
import re
from decimal import Decimal
from enum import Enum
from typing import Any

from openpyxl import Workbook

from guild.core.spreadsheet_safety import xlsx_row
from guild.questionnaires.definition.types import (
    Definition,
    Option,
    Question,
    QuestionType,
    Text,
)
from guild.questionnaires.definition.xlsform.columns import (
    CHOICES,
    ENGLISH,
    FRENCH,
    INTRO_NOTE,
    SECTION_NOTE_PREFIX,
    SETTINGS,
    SETTINGS_COLUMNS,
    SURVEY,
    SURVEY_FIELDS,
    SURVEY_TEXTS,
)
from guild.questionnaires.definition.xlsform.roles import band_cells

_REFERENCE = re.compile(r"\$\{\s*([^}\s]+)\s*\}")
_TYPES = {
    QuestionType.INTEGER: ("integer", ""),
    QuestionType.YEAR: ("integer", "year"),
    QuestionType.DECIMAL: ("decimal", ""),
    QuestionType.DATE: ("date", ""),
    QuestionType.TEXT: ("text", ""),
    QuestionType.LONG_TEXT: ("text", "multiline"),
    QuestionType.NOTE: ("note", ""),
    QuestionType.CALCULATE: ("calculate", ""),
}
_LISTS = {
    QuestionType.SINGLE: ("select_one", ""),
    QuestionType.LIKERT: ("select_one", "likert"),
    QuestionType.MULTIPLE: ("select_multiple", ""),
    QuestionType.RANKING: ("rank", ""),
}


def _number(value: Decimal) -> str:
    return format(value, "f")


def _constraint(question: Question) -> str:
    parts = []
    if question.minimum is not None:
        parts.append(f". >= {_number(question.minimum)}")
    if question.maximum is not None and question.type == QuestionType.RANKING:
        parts.append(f"count-selected(.) <= {_number(question.maximum)}")
    elif question.maximum is not None:
        parts.append(f". <= {_number(question.maximum)}")
    if question.max_length is not None:
        parts.append(f"string-length(.) <= {question.max_length}")
    if question.constraint:
        parts.append(f"({question.constraint})" if parts else question.constraint)
    return " and ".join(parts)


class _Writer:
    def __init__(self, definition: Definition) -> None:
        self.definition = definition
        self.codes = {q.code for q in definition.questions}
        self.languages = _languages(definition)
        self.properties: list[str] = []
        for question in definition.questions:
            for option in question.options:
                for name, _value in option.properties:
                    if name not in self.properties:
                        self.properties.append(name)
        self.survey_columns = [
            "type",
            "name",
            *(
                f"{kind}::{language}"
                for kind in SURVEY_TEXTS
                for language in (ENGLISH, FRENCH, *self.languages)
            ),
            *SURVEY_FIELDS,
        ]
        self.choices_columns = [
            "list_name",
            "name",
            *(f"label::{language}" for language in (ENGLISH, FRENCH, *self.languages)),
            "guild_band_low",
            "guild_band_high",
            *self.properties,
        ]

    def texts(self, text: Text | None) -> list[str]:
        if text is None:
            return [""] * (2 + len(self.languages))
        others = dict(text.others)
        return [
            self.settle(value)
            for value in (text.en, text.fr, *(others.get(lang, "") for lang in self.languages))
        ]

    def settle(self, text: str) -> str:
        if "${" not in text:
            return text
        settled = _REFERENCE.sub(lambda m: m.group(0) if m.group(1) in self.codes else "", text)
        return settled.strip() if settled != text else settled

    def row(self, kind: str, name: str, texts: dict[str, Text | None], **fields: Any) -> list[str]:
        cells = [kind, name]
        for text_kind in SURVEY_TEXTS:
            cells += self.texts(texts.get(text_kind))
        for field_name in SURVEY_FIELDS:
            value = fields.get(field_name)
            if isinstance(value, bool):
                value = "yes" if value else ""
            elif isinstance(value, Enum):
                value = value.value
            cells.append("" if value is None else str(value))
        return cells

    def question_rows(self, question: Question) -> list[list[str]]:
        kind = question.type
        texts = {
            "label": question.label,
            "hint": question.help,
            "constraint_message": question.constraint_message,
            "required_message": question.required_message,
        }
        if kind == QuestionType.MATRIX:
            rows = [
                self.row(
                    "begin_group",
                    question.code,
                    {"label": question.label, "hint": question.help},
                    relevant=question.relevant,
                    appearance="table-list",
                    guild_quasi_identifier=question.quasi_identifier,
                )
            ]
            rows += [
                self.row(
                    f"select_one {question.code}",
                    row.code,
                    {"label": row.label},
                    required=question.required,
                )
                for row in question.rows
            ]
            rows.append(self.row("end_group", "", {}))
            return rows
        if kind in _LISTS:
            type_cell, appearance = _LISTS[kind]
            type_cell = f"{type_cell} {question.code}"
        else:
            type_cell, appearance = _TYPES[kind]
        return [
            self.row(
                type_cell,
                question.code,
                texts,
                required=question.required,
                relevant=question.relevant,
                constraint=_constraint(question),
                default=question.default,
                read_only=question.read_only,
                calculation=question.calculation,
                choice_filter=question.choice_filter,
                appearance=appearance,
                guild_breakdown=question.breakdown,
                guild_quasi_identifier=question.quasi_identifier,
                guild_workforce=question.workforce,
            )
        ]

    def option_row(self, list_name: str, option: Option) -> list[str]:
        properties = dict(option.properties)
        return [
            list_name,
            option.code,
            *self.texts(option.label),
            *band_cells(option.band),
            *(properties.get(name, "") for name in self.properties),
        ]


def _languages(definition: Definition) -> list[str]:
    found: list[str] = []

    def add(text: Text | None) -> None:
        if text is not None:
            for language, _value in text.others:
                if language not in found:
                    found.append(language)

    add(definition.title)
    add(definition.description)
    for section in definition.sections:
        add(section.title)
        add(section.description)
        for question in section.questions:
            for text in (
                question.label,
                question.help,
                question.constraint_message,
                question.required_message,
            ):
                add(text)
            for option in (*question.options, *question.rows):
                add(option.label)
    return found


def _append(sheet: Any, values: list[str]) -> None:
    # Text that starts with "=" (or "+", "-", "@") is text here, never a formula.
    sheet.append(xlsx_row(sheet, values))


def write_xlsform(definition: Definition, *, form_id: str = "guild_questionnaire") -> bytes:
    """The definition as an .xlsx XLSForm that imports back to the same definition."""
    writer = _Writer(definition)
    workbook = Workbook()
    survey = workbook.active
    survey.title = SURVEY
    _append(survey, writer.survey_columns)
    choices = workbook.create_sheet(CHOICES)
    _append(choices, writer.choices_columns)
    settings = workbook.create_sheet(SETTINGS)
    titles = definition.title.others
    _append(settings, [*SETTINGS_COLUMNS, *(f"guild_title::{language}" for language, _t in titles)])
    _append(
        settings,
        [definition.title.en, definition.title.fr, form_id, ENGLISH, *(t for _l, t in titles)],
    )
    if definition.description:
        _append(survey, writer.row("note", INTRO_NOTE, {"label": definition.description}))
    for section in definition.sections:
        _append(survey, writer.row("begin_group", section.code, {"label": section.title}))
        if section.description:
            _append(
                survey,
                writer.row(
                    "note", f"{SECTION_NOTE_PREFIX}{section.code}", {"label": section.description}
                ),
            )
        for question in section.questions:
            for row in writer.question_rows(question):
                _append(survey, row)
            for option in question.options:
                _append(choices, writer.option_row(question.code, option))
        _append(survey, writer.row("end_group", "", {}))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
