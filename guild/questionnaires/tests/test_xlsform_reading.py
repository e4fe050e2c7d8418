"""XLSForm import and export (questionnaires.definition.xlsform): the dialect pyxform
reads, the features real forms use, what cannot come in and what follows from it, and an
export that pyxform converts and that reads back to the same definition."""

import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook
from pyxform.xls2xform import convert

from guild.core.uploads import ReadBudget, UploadLimits, UploadTooLarge
from guild.questionnaires.definition.problems import DefinitionError
from guild.questionnaires.definition.review import Reading
from guild.questionnaires.definition.types import (
    Definition,
    Option,
    Question,
    QuestionType,
    Section,
    Text,
)
from guild.questionnaires.definition.xlsform import (
    definition_to_xlsform,
    reading_from_xlsform,
)
from guild.questionnaires.definition.xlsform.dialect import official_language, row_type
from guild.questionnaires.definition.xlsform.sheets import read_workbook


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


# -- features -----------------------------------------------------------------------------


def test_notes_anywhere_and_a_group_of_notes_only() -> None:
    content = workbook(
        [
            ["type", "name", "label"],
            ["note", "welcome", "Welcome"],
            ["begin_group", "part", "Part one"],
            ["note", "read_me", "Read this first"],
            ["text", "who", "Who?"],
            ["note", "between", "Now something else"],
            ["text", "where", "Where?"],
            ["end_group"],
            ["begin group", "thanks", "Thanks"],
            ["note", "bye", "Thank you, ${who}"],
            ["end group"],
        ]
    )
    definition = read(content).definition
    assert definition.description is None
    assert [
        (s.code, s.description, [q.code for q in s.questions]) for s in definition.sections
    ] == [
        ("section_1", None, ["welcome"]),
        ("part", None, ["read_me", "who", "between", "where"]),
        ("thanks", None, ["bye"]),
    ]
    assert definition.question("read_me").type == QuestionType.NOTE
    assert definition.question("bye").label == Text("Thank you, ${who}", "")


def test_guild_description_notes_come_back_as_descriptions() -> None:
    definition = Definition(
        title=Text("T", "T fr"),
        description=Text("Intro", "Intro fr"),
        sections=(
            Section(
                "part",
                Text("Part", "Partie"),
                Text("About", "À propos"),
                (
                    Question("first", QuestionType.NOTE, Text("A note", "Une note")),
                    Question("who", QuestionType.TEXT, Text("Who", "Qui")),
                ),
            ),
        ),
    )
    assert read(converts(definition)).definition == definition


def test_or_other_becomes_an_option_and_a_question() -> None:
    content = workbook(
        [["type", "name", "label"], ["select_one water or_other", "water", "Water source"]],
        [["list_name", "name", "label"], ["water", "well", "Well"], ["water", "tap", "Tap"]],
    )
    reading = read(content)
    water = reading.definition.question("water")
    assert [o.code for o in water.options] == ["well", "tap", "other"]
    assert water.options[2].label == Text("Other", "Autre")
    other = reading.definition.question("water_other")
    assert (other.type, other.label, other.relevant) == (
        QuestionType.TEXT,
        Text("Specify other.", "Précisez l'autre réponse."),
        "selected(${water}, 'other')",
    )
    assert notes(reading)[0][1] == (
        "survey!A2",
        "or_other_expanded",
        "“or_other” becomes an option “other” and a question “water_other” asking which, "
        "shown when “other” is chosen.",
    )


def test_choice_filter_constraint_messages_default_and_read_only() -> None:
    content = workbook(
        [
            [
                "type",
                "name",
                "label",
                "choice_filter",
                "constraint",
                "constraint_message",
                "required",
                "required_message",
                "default",
                "read_only",
            ],
            ["select_one province", "province", "Province"],
            ["select_one city", "city", "City", "province = ${province}"],
            ["integer", "staff", "Staff", "", ". >= 0 and . != 13", "Not 13", "yes", "Needed"],
            ["text", "unit", "Unit", "", "", "", "", "", "HQ", "yes"],
        ],
        [
            ["list_name", "name", "label", "province"],
            ["province", "on", "Ontario"],
            ["province", "qc", "Quebec"],
            ["city", "ottawa", "Ottawa", "on"],
            ["city", "toronto", "Toronto", "on"],
            ["city", "montreal", "Montreal", "qc"],
        ],
    )
    definition = read(content).definition
    city = definition.question("city")
    assert city.choice_filter == "province = ${province}"
    assert [(o.code, o.properties) for o in city.options] == [
        ("ottawa", (("province", "on"),)),
        ("toronto", (("province", "on"),)),
        ("montreal", (("province", "qc"),)),
    ]
    staff = definition.question("staff")
    assert (staff.minimum, staff.constraint) == (Decimal(0), ". != 13")
    assert staff.constraint_message == Text("Not 13", "")
    assert staff.required_message == Text("Needed", "")
    unit = definition.question("unit")
    assert (unit.default, unit.read_only) == ("HQ", True)
    again = read(converts(definition)).definition
    assert again == definition


# -- what cannot come in, and what follows ------------------------------------------------


def test_what_refers_to_a_dropped_question_is_settled_and_said() -> None:
    content = workbook(
        [
            ["type", "name", "label", "relevant", "calculation", "constraint", "choice_filter"],
            ["geopoint", "where", "Where are you?"],
            ["text", "place", "Place near ${where}", "${where} != ''"],
            ["calculate", "far", "", "", "if(${where} = '', 0, 1)"],
            ["integer", "distance", "Distance", "${far} = 1"],
            ["integer", "count", "Count", "", "", "pulldata('a', 'b', 'c', 'd') > 1"],
            ["select_one zone", "zone", "Zone", "", "", "", "near = ${where}"],
        ],
        [["list_name", "name", "label", "near"], ["zone", "a", "A", "x"], ["zone", "b", "B", "y"]],
    )
    reading = read(content)
    definition = reading.definition
    assert [q.code for q in definition.questions] == ["place", "distance", "count", "zone"]
    place = definition.question("place")
    assert (place.label, place.relevant) == (Text("Place near", ""), None)
    assert definition.question("distance").relevant is None
    assert definition.question("count").constraint is None
    assert definition.question("zone").choice_filter is None
    assert notes(reading) == (
        [
            ("settings", "title_from_name", "The form has no title: “form” is used."),
            (
                "survey!C3",
                "reference_removed",
                "The text refers to “where”, which cannot come in: the reference is left out "
                "of the text.",
            ),
            (
                "survey!D3",
                "relevant_removed",
                "This refers to “where”, which cannot come in. The condition is left out: the "
                "question is shown to everyone.",
            ),
            (
                "survey!D5",
                "relevant_removed",
                "This refers to “far”, which cannot come in. The condition is left out: the "
                "question is shown to everyone.",
            ),
            (
                "survey!G7",
                "choice_filter_removed",
                "This refers to “where”, which cannot come in. The filter is left out: every "
                "option is offered.",
            ),
        ],
        [
            (
                "survey!A2",
                "unsupported_type",
                "Guild has no “geopoint” question: it cannot come in.",
            ),
            (
                "survey!E4",
                "calculation_removed",
                "This refers to “where”, which cannot come in. The calculation cannot come in.",
            ),
            (
                "survey!F6",
                "constraint_dropped",
                "Guild cannot work out “pulldata()”. The constraint is left out: any answer is "
                "accepted.",
            ),
        ],
    )
    converts(definition)


def test_conditional_required_dynamic_default_media_and_repeats_are_dropped_at_their_cell() -> None:
    content = workbook(
        [
            ["type", "name", "label", "required", "default", "media::image", "trigger"],
            ["text", "name", "Name", "${age} > 3", "", "face.png"],
            ["date", "seen", "Seen", "", "today()", "", "${name}"],
            ["begin_repeat", "child", "Child"],
            ["text", "child_name", "Name"],
            ["integer", "child_age", "Age"],
            ["end_repeat"],
            ["text", "summary", "About ${child_name}"],
        ]
    )
    reading = read(content)
    assert [q.code for q in reading.definition.questions] == ["name", "seen", "summary"]
    assert reading.definition.question("name").required is False
    assert reading.definition.question("seen").default is None
    assert reading.definition.question("summary").label == Text("About", "")
    assert notes(reading)[1] == [
        (
            "survey!D2",
            "conditional_required",
            "Guild cannot make an answer required only in some cases: the question is optional.",
        ),
        (
            "survey!F2",
            "media_dropped",
            "Guild cannot show images, sounds or videos: this one cannot come in.",
        ),
        (
            "survey!E3",
            "dynamic_default",
            "Guild cannot work out a starting answer from an expression: the question starts "
            "empty.",
        ),
        (
            "survey!G3",
            "trigger_dropped",
            "Guild cannot change an answer when another changes: the trigger cannot come in.",
        ),
        (
            "survey!A4",
            "repeat_dropped",
            "Guild cannot repeat questions: this repeat and the 2 questions it holds cannot "
            "come in.",
        ),
    ]


def test_names_that_are_not_codes_become_codes_and_references_follow() -> None:
    content = workbook(
        [
            ["type", "name", "label", "relevant"],
            ["integer", "HHSize", "Household size"],
            ["text", "q-1", "Ask (${HHSize})", "${HHSize} > 1"],
        ]
    )
    reading = read(content)
    definition = reading.definition
    assert [q.code for q in definition.questions] == ["hhsize", "q_1"]
    assert definition.question("q_1").relevant == "${hhsize} > 1"
    assert definition.question("q_1").label == Text("Ask (${hhsize})", "")
    assert [(p.location, p.code) for p in reading.changed] == [
        ("settings", "title_from_name"),
        ("survey!B2", "code_changed"),
        ("survey!B3", "code_changed"),
    ]


def test_a_nested_group_is_flattened_with_its_condition() -> None:
    content = workbook(
        [
            ["type", "name", "label", "relevant", "appearance"],
            ["begin_group", "home", "Home"],
            ["select_one yn", "owner", "Own?"],
            ["begin_group", "loan", "Mortgage", "${owner} = 'yes'", "field-list"],
            ["integer", "years", "Years left"],
            ["end_group"],
            ["end_group"],
        ],
        [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]],
    )
    reading = read(content)
    definition = reading.definition
    assert [(q.code, q.type, q.relevant) for q in definition.questions] == [
        ("owner", QuestionType.SINGLE, None),
        ("loan", QuestionType.NOTE, "${owner} = 'yes'"),
        ("years", QuestionType.INTEGER, "${owner} = 'yes'"),
    ]
    assert [(p.location, p.code) for p in reading.changed][1:] == [("survey!A4", "group_flattened")]


def test_a_table_list_of_one_list_is_a_matrix() -> None:
    content = workbook(
        [
            ["type", "name", "label", "appearance"],
            ["begin_group", "s", "Section"],
            ["begin_group", "grid", "Grid", "table-list"],
            ["select_one yn", "r1", "Row 1"],
            ["select_one yn", "r2", "Row 2"],
            ["end_group"],
            ["end_group"],
        ],
        [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]],
    )
    grid = read(content).definition.question("grid")
    assert grid.type == QuestionType.MATRIX
    assert [row.code for row in grid.rows] == ["r1", "r2"]


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


def test_every_field_is_exported_converts_and_reads_back() -> None:
    spanish = "Español (es)"
    definition = Definition(
        title=Text("Survey", "Sondage"),
        sections=(
            Section(
                "main",
                Text("Main", "Principal", ((spanish, "Principal"),)),
                None,
                (
                    Question(
                        "intro",
                        QuestionType.NOTE,
                        Text("Hello", "Bonjour", ((spanish, "Hola"),)),
                        help=Text("Read me", "Lisez-moi"),
                    ),
                    Question(
                        "province",
                        QuestionType.SINGLE,
                        Text("Province", "Province"),
                        required=True,
                        required_message=Text("Needed", "Requis", ((spanish, "Necesario"),)),
                        options=(
                            Option("on", Text("Ontario", "Ontario")),
                            Option("qc", Text("Quebec", "Québec")),
                        ),
                        default="on",
                    ),
                    Question(
                        "city",
                        QuestionType.SINGLE,
                        Text("City in ${province}", "Ville"),
                        options=(
                            Option("ott", Text("Ottawa", "Ottawa"), properties=(("prov", "on"),)),
                            Option(
                                "mtl", Text("Montreal", "Montréal"), properties=(("prov", "qc"),)
                            ),
                        ),
                        choice_filter="prov = ${province}",
                    ),
                    Question(
                        "staff",
                        QuestionType.INTEGER,
                        Text("Staff", "Personnel"),
                        minimum=Decimal(0),
                        maximum=Decimal(500),
                        constraint=". != 13 or ${province} = 'qc'",
                        constraint_message=Text("Not 13", "Pas 13"),
                        relevant="${province} = 'on'",
                    ),
                    Question(
                        "double",
                        QuestionType.CALCULATE,
                        Text("double", ""),
                        calculation="${staff} * 2",
                    ),
                    Question(
                        "shown",
                        QuestionType.TEXT,
                        Text("Twice: ${double}", "Double : ${double}"),
                        read_only=True,
                        default="none",
                        relevant="${double} > 10",
                    ),
                ),
            ),
        ),
    )
    content = converts(definition)
    reading = read(content)
    assert reading.definition == definition
    assert reading.languages == (spanish,)
    assert notes(reading) == ([], [])
    survey = load_workbook(io.BytesIO(content))["survey"]
    assert [cell.value for cell in survey[1]] == [
        "type",
        "name",
        "label::English (en)",
        "label::French (fr)",
        f"label::{spanish}",
        "hint::English (en)",
        "hint::French (fr)",
        f"hint::{spanish}",
        "constraint_message::English (en)",
        "constraint_message::French (fr)",
        f"constraint_message::{spanish}",
        "required_message::English (en)",
        "required_message::French (fr)",
        f"required_message::{spanish}",
        "required",
        "relevant",
        "constraint",
        "default",
        "read_only",
        "calculation",
        "choice_filter",
        "appearance",
        "guild_breakdown",
        "guild_quasi_identifier",
        "guild_workforce",
    ]
    choices = load_workbook(io.BytesIO(content))["choices"]
    assert [cell.value for cell in choices[1]][-1] == "prov"


def test_the_export_leaves_out_references_to_questions_no_longer_there() -> None:
    definition = Definition(
        title=Text("T", "T"),
        sections=(
            Section(
                "s",
                Text("S", "S"),
                None,
                (Question("q", QuestionType.TEXT, Text("About ${gone}", "Sur ${gone}")),),
            ),
        ),
    )
    again = read(converts(definition)).definition
    assert again.question("q").label == Text("About", "Sur")


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
