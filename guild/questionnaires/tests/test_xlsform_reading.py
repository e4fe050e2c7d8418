"""XLSForm import (questionnaires.definition.xlsform): the dialect pyxform reads, its
languages, and the files that cannot come in. The features real forms use are in
test_xlsform_features.py, the export in test_xlsform_export.py."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from guild.core.uploads import ReadBudget, UploadLimits, UploadTooLarge
from guild.questionnaires.definition.types import Option, QuestionType, Text
from guild.questionnaires.definition.xlsform.dialect import official_language, row_type
from guild.questionnaires.definition.xlsform.sheets import read_workbook
from guild.questionnaires.tests.xlsform_workbooks import converts, notes, read, refusal, workbook

# -- the dialect --------------------------------------------------------------------------


def test_languages_are_recognised_by_code_or_name() -> None:
    assert [
        official_language(written)
        for written in (
            "English",
            "english",
            "English (en)",
            "en",
            "Anglais",
            "French (fr)",
            "Français (fr)",
            "french",
            "fr",
            "Francais",
            "Español (es)",
            "Swahili",
            "fr-CA",
        )
    ] == ["en", "en", "en", "en", "en", "fr", "fr", "fr", "fr", "fr", None, None, "fr"]


def test_old_type_spellings_mean_what_pyxform_says() -> None:
    found = {
        spelling: (read_type.kind.value, read_type.question_type, read_type.list_name)
        for spelling in (
            "select one from yn",
            "select1 yn",
            "select_one yn or_other",
            "add select multiple prompt using yn",
            "add integer prompt",
            "add note prompt",
            "string",
            "q calculate",
            "image",
            "start",
            "select_one_from_file places.csv",
        )
        for read_type in [row_type(spelling)]
    }
    assert found == {
        "select one from yn": ("question", QuestionType.SINGLE, "yn"),
        "select1 yn": ("question", QuestionType.SINGLE, "yn"),
        "select_one yn or_other": ("question", QuestionType.SINGLE, "yn"),
        "add select multiple prompt using yn": ("question", QuestionType.MULTIPLE, "yn"),
        "add integer prompt": ("question", QuestionType.INTEGER, None),
        "add note prompt": ("question", QuestionType.NOTE, None),
        "string": ("question", QuestionType.TEXT, None),
        "q calculate": ("question", QuestionType.CALCULATE, None),
        "image": ("unsupported", None, None),
        "start": ("metadata", None, None),
        "select_one_from_file places.csv": ("unsupported", None, None),
    }
    assert row_type("select_one yn or_other").or_other is True


def test_headers_and_settings_in_the_spellings_pyxform_accepts() -> None:
    content = workbook(
        [
            [
                "Type",
                "name",
                "label::english",
                "label::Français (fr)",
                "bind::relevant",
                "bind::constraint",
                "bind::jr:constraintMsg::english",
                "bind::required",
                "calculation",
            ],
            ["select one from yn", "smoker", "Do you smoke?", "Fumez-vous ?"],
            [
                "add integer prompt",
                "per_day",
                "How many a day?",
                "Combien par jour ?",
                "${smoker} = 'yes'",
                ". >= 1 and . <= 80",
                "Between 1 and 80",
                "yes",
            ],
            ["calculate", "packs", "", "", "", "", "", "", "${per_day} div 20"],
            ["select1 yn", "quit", "Tried to quit?", "Essayé d'arrêter ?", "${packs} > 1"],
        ],
        [
            ["list name", "name", "label::english", "label::Français (fr)"],
            ["yn", "yes", "Yes", "Oui"],
            ["yn", "no", "No", "Non"],
        ],
        [["title", "guild_title_fr"], ["Smoking", "Tabagisme"]],
    )
    reading = read(content)
    definition = reading.definition
    assert definition.title == Text("Smoking", "Tabagisme")
    assert [(q.code, q.type) for q in definition.questions] == [
        ("smoker", QuestionType.SINGLE),
        ("per_day", QuestionType.INTEGER),
        ("packs", QuestionType.CALCULATE),
        ("quit", QuestionType.SINGLE),
    ]
    assert definition.question("smoker").options == (
        Option("yes", Text("Yes", "Oui")),
        Option("no", Text("No", "Non")),
    )
    per_day = definition.question("per_day")
    assert per_day.label == Text("How many a day?", "Combien par jour ?")
    assert per_day.relevant == "${smoker} = 'yes'"
    assert (per_day.minimum, per_day.maximum, per_day.constraint) == (
        Decimal(1),
        Decimal(80),
        None,
    )
    assert per_day.constraint_message == Text("Between 1 and 80", "")
    assert per_day.required is True
    assert definition.question("packs").calculation == "${per_day} div 20"
    # A relevant may point at a calculation.
    assert definition.question("quit").relevant == "${packs} > 1"
    assert notes(reading) == ([], [])
    assert reading.untranslated == 1  # the constraint message (a calculation needs no label)


def test_a_monolingual_form_comes_in_as_a_draft_without_a_problem_per_cell() -> None:
    rows = [["type", "name", "label"]]
    rows += [["text", f"q{number}", f"Question {number}"] for number in range(1, 61)]
    reading = read(workbook(rows))
    assert len(reading.definition.questions) == 60
    assert reading.definition.title == Text("form", "")
    assert reading.untranslated == 62  # sixty labels, the title, the section's title
    assert notes(reading) == (
        [("settings", "title_from_name", "The form has no title: “form” is used.")],
        [],
    )


def test_the_default_language_says_which_language_a_plain_label_is() -> None:
    content = workbook(
        [["type", "name", "label", "hint"], ["integer", "age", "Votre âge ?", "En années"]],
        settings=[["form_title", "default_language"], ["Sondage", "Français (fr)"]],
    )
    definition = read(content).definition
    assert definition.title == Text("", "Sondage")
    assert definition.question("age").label == Text("", "Votre âge ?")
    assert definition.question("age").help == Text("", "En années")


def test_further_languages_are_kept_and_exported_as_written() -> None:
    content = workbook(
        [
            ["type", "name", "label::English (en)", "label::French (fr)", "label::Español (es)"],
            ["select_one yn", "ok", "OK?", "D'accord ?", "¿De acuerdo?"],
        ],
        [
            [
                "list_name",
                "name",
                "label::English (en)",
                "label::French (fr)",
                "label::Español (es)",
            ],
            ["yn", "yes", "Yes", "Oui", "Sí"],
            ["yn", "no", "No", "Non", "No"],
        ],
        [["form_title", "guild_title_fr"], ["Survey", "Sondage"]],
    )
    reading = read(content)
    question = reading.definition.question("ok")
    assert question.label == Text("OK?", "D'accord ?", (("Español (es)", "¿De acuerdo?"),))
    assert question.options[0].label == Text("Yes", "Oui", (("Español (es)", "Sí"),))
    assert reading.languages == ("Español (es)",)
    assert reading.untranslated == 0
    exported = converts(reading.definition)
    headers = [cell.value for cell in load_workbook(io.BytesIO(exported))["survey"][1]]
    assert headers[:5] == [
        "type",
        "name",
        "label::English (en)",
        "label::French (fr)",
        "label::Español (es)",
    ]
    assert read(exported).definition == reading.definition


# -- refusals -----------------------------------------------------------------------------


def test_files_that_cannot_be_used_say_why_once() -> None:
    assert refusal(b"not a workbook") == [
        ("", "unreadable_file", "This file cannot be read as an XLSForm workbook (.xlsx or .xls).")
    ]
    assert refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600) == [
        ("", "unreadable_file", "This file cannot be read as an XLSForm workbook (.xlsx or .xls).")
    ]
    assert refusal(workbook([["type", "name", "label"]])) == [
        ("survey", "no_questions", "The form has no questions.")
    ]
    assert refusal(workbook([["type", "name", "label"], ["select_one nope", "q", "Q"]])) == [
        ("survey!A2", "unknown_list", "The choices sheet has no list “nope”.")
    ]
    assert refusal(workbook([["type", "name", "label"], ["begin_group", "g", "G"]])) == [
        ("survey!A2", "unclosed_group", "A group is not closed: add an end_group row.")
    ]
    assert refusal(workbook([["type", "name", "label"], ["geopoint", "where", "Where"]])) == [
        ("", "nothing_to_import", "Nothing in this form can come in to Guild; the reasons follow."),
        ("survey!A2", "unsupported_type", "Guild has no “geopoint” question: it cannot come in."),
    ]


def test_a_file_with_small_faults_comes_in_noted() -> None:
    content = workbook(
        [
            ["type", "name", "label::English (en)", "label::French (fr)", "required", "constraint"],
            ["begin_group", "s1", "Section", "Section (fr)"],
            ["select_one yn", "q1", "Question", ""],
            ["integer", "q2", "Number", "Nombre", "maybe", ". > 3"],
            ["geopoint", "q4", "Where", "Où"],
            ["text", "q1", "Again", "Encore"],
            ["end_group"],
        ],
        [
            ["list_name", "name", "label::English (en)", "label::French (fr)"],
            ["yn", "yes", "Yes", ""],
            ["yn", "no", "No", "Non"],
        ],
        [["form_title", "guild_title_fr"], ["T", "T (fr)"]],
    )
    reading = read(content)
    assert [q.code for q in reading.definition.questions] == ["q1", "q2", "q1_2"]
    assert reading.definition.question("q2").constraint == ". > 3"
    assert reading.untranslated == 2
    assert [(p.location, p.code) for p in reading.changed] == [("survey!B6", "code_changed")]
    assert [(p.location, p.code) for p in reading.dropped] == [
        ("survey!E4", "conditional_required"),
        ("survey!A5", "unsupported_type"),
    ]


def test_a_form_in_other_languages_only_is_refused_once() -> None:
    content = workbook(
        [
            ["type", "name", "label::Kiswahili (sw)", "label::Español (es)"],
            ["text", "jina", "Jina lako?", "¿Su nombre?"],
            ["integer", "umri", "Umri?", "¿Edad?"],
        ]
    )
    assert refusal(content) == [
        (
            "survey!1",
            "no_official_language",
            "The form has no text in English or French (its languages: Kiswahili (sw), "
            "Español (es)). Add a label::English (en) or label::French (fr) column.",
        )
    ]


def test_an_xls_workbook_is_read_within_the_same_limits() -> None:
    content = (
        Path(__file__).resolve().parents[3] / "tests/fixtures/outside/pyxform/widgets.xls"
    ).read_bytes()
    data, letters = read_workbook(content, ReadBudget())
    assert data.survey[0] == {
        "type": "string",
        "name": "my_string",
        "label": "string widget",
        "hint": "can be short or very long",
    }
    assert letters["survey"]["type"] == "A"
    with pytest.raises(UploadTooLarge) as caught:
        read_workbook(content, ReadBudget(UploadLimits(max_rows=5)))
    assert (caught.value.sheet, caught.value.row) == ("survey", 6)
