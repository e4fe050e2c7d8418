"""The real XLSForms nobody here wrote (tests/fixtures/outside/SOURCES.md) and how the
tests read them: in English, their notes as (location, code), refusals with messages."""

from pathlib import Path

import pytest
from django.utils import translation

from guild.questionnaires.definition.problems import DefinitionError
from guild.questionnaires.definition.review import Reading
from guild.questionnaires.definition.types import Text
from guild.questionnaires.definition.xlsform import reading_from_xlsform

OUTSIDE = Path(__file__).parent / "fixtures" / "outside"
PYXFORM = OUTSIDE / "pyxform"
KOBOCAT = OUTSIDE / "kobocat"
DEMO = Path(__file__).parent.parent / "guild" / "demo" / "data"
WORKBOOKS = sorted(
    [*OUTSIDE.glob("*/*.xlsx"), *OUTSIDE.glob("*/*.xls")], key=lambda p: (p.parent.name, p.name)
)


def workbook_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def read_form(path: Path) -> Reading:
    with translation.override("en"):
        return reading_from_xlsform(path.read_bytes(), file_name=path.name)


def form_notes(reading: Reading) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    return (
        [(p.location, p.code) for p in reading.changed],
        [(p.location, p.code) for p in reading.dropped],
    )


def form_refusal(path: Path) -> list[tuple[str, str, str]]:
    with translation.override("en"), pytest.raises(DefinitionError) as caught:
        reading_from_xlsform(path.read_bytes(), file_name=path.name)
    return [(p.location, p.code, p.message) for p in caught.value.problems]


def english(text: str) -> Text:
    return Text(text, "")
