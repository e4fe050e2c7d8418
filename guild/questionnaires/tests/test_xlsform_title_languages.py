"""The form title in languages other than English and French: read from
``guild_title::<language>`` (pyxform refuses ``form_title::…`` and ignores ``guild_``
settings), exported back there, converted by pyxform, and read back equal."""

import io

from openpyxl import load_workbook

from guild.questionnaires.definition.types import Text
from guild.questionnaires.tests.xlsform_workbooks import converts, notes, read, workbook


def _form(settings: list[list[str]]) -> bytes:
    return workbook(
        [
            ["type", "name", "label::English (en)", "label::French (fr)", "label::Español (es)"],
            ["text", "why", "Why?", "Pourquoi ?", "¿Por qué?"],
        ],
        settings=settings,
    )


def test_the_title_in_a_further_language_round_trips_through_pyxform() -> None:
    content = _form(
        [
            ["form_title", "guild_title_fr", "guild_title::Español (es)", "guild_title::Deutsch"],
            ["Survey", "Sondage", "Encuesta", "Umfrage"],
        ]
    )
    reading = read(content)
    assert reading.definition.title == Text(
        "Survey", "Sondage", (("Español (es)", "Encuesta"), ("Deutsch", "Umfrage"))
    )
    assert notes(reading) == ([], [])
    exported = converts(reading.definition)
    settings = load_workbook(io.BytesIO(exported))["settings"]
    assert [[cell.value for cell in row] for row in settings.iter_rows()] == [
        [
            "form_title",
            "guild_title_fr",
            "form_id",
            "default_language",
            "guild_title::Español (es)",
            "guild_title::Deutsch",
        ],
        ["Survey", "Sondage", "guild_questionnaire", "English (en)", "Encuesta", "Umfrage"],
    ]
    assert read(exported).definition == reading.definition


def test_an_official_language_in_guild_title_is_not_a_further_language() -> None:
    content = _form(
        [["form_title", "guild_title::English (en)", "guild_title::Español (es)"], ["T", "X", ""]]
    )
    assert read(content).definition.title == Text("T", "")
