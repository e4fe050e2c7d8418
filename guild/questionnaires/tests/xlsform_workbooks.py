"""Workbooks for the XLSForm tests: one built from rows, read in English, its notes and
refusals as (location, code, message), and the check that pyxform converts an export."""

import io
from collections.abc import Sequence

import pytest
from django.utils import translation
from openpyxl import Workbook
from pyxform.xls2xform import convert

from guild.questionnaires.definition.problems import DefinitionError
from guild.questionnaires.definition.review import Reading
from guild.questionnaires.definition.types import Definition
from guild.questionnaires.definition.xlsform import definition_to_xlsform, reading_from_xlsform


def workbook(
    survey: Sequence[Sequence[object]],
    choices: Sequence[Sequence[object]] = (),
    settings: Sequence[Sequence[object]] = (),
) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in survey:
        sheet.append(list(row))
    if choices:
        choice_sheet = book.create_sheet("choices")
        for row in choices:
            choice_sheet.append(list(row))
    if settings:
        settings_sheet = book.create_sheet("settings")
        for row in settings:
            settings_sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read(content: bytes) -> Reading:
    with translation.override("en"):
        return reading_from_xlsform(content, file_name="form.xlsx")


def notes(reading: Reading) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    return (
        [(p.location, p.code, p.message) for p in reading.changed],
        [(p.location, p.code, p.message) for p in reading.dropped],
    )


def refusal(content: bytes) -> list[tuple[str, str, str]]:
    with translation.override("en"), pytest.raises(DefinitionError) as caught:
        reading_from_xlsform(content, file_name="form.xlsx")
    return [(p.location, p.code, p.message) for p in caught.value.problems]


def converts(definition: Definition) -> bytes:
    content = definition_to_xlsform(definition)
    warnings: list[str] = []
    convert(xlsform=content, warnings=warnings, file_type=".xlsx", form_name="data")
    return content
