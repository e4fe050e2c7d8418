"""Definitions: the JSON codec, the shared checks, XLSForm import and export."""

import io
import json
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from openpyxl import Workbook
from pyxform.xls2xform import convert

from guild.demo.content import members_definition
from guild.questionnaires.definition.formats import definition_export, definition_parse
from guild.questionnaires.definition.json_codec import definition_from_json, definition_to_json
from guild.questionnaires.definition.problems import DefinitionError, column_letter
from guild.questionnaires.definition.scales import agree_scale
from guild.questionnaires.definition.types import (
    Breakdown,
    Definition,
    Option,
    QuasiIdentifier,
    Question,
    QuestionType,
    Section,
    Text,
)
from guild.questionnaires.definition.validate import validate_definition
from guild.questionnaires.definition.xlsform import (
    definition_from_xlsform,
    definition_to_xlsform,
)
from guild.questionnaires.tests.definition_strategies import definitions


def _t(en: str) -> Text:
    return Text(en, f"{en} (fr)")


def small() -> Definition:
    return Definition(
        title=Text("Survey", "Sondage"),
        sections=(
            Section(
                "about",
                _t("About"),
                None,
                (
                    Question(
                        "dept",
                        QuestionType.SINGLE,
                        _t("Department"),
                        options=(Option("esdc", _t("ESDC")), Option("cra", _t("CRA"))),
                        breakdown=Breakdown.DEPARTMENT,
                        required=True,
                    ),
                    Question(
                        "hours",
                        QuestionType.INTEGER,
                        _t("Hours"),
                        minimum=Decimal(0),
                        maximum=Decimal(60),
                        relevant="${dept} = 'esdc'",
                    ),
                ),
            ),
        ),
    )


def problems_of(data: object) -> list[tuple[str, str]]:
    with pytest.raises(DefinitionError) as caught:
        definition_from_json(data)
    return [(p.location, p.code) for p in caught.value.problems]


# -- JSON ---------------------------------------------------------------------------------


def test_json_shape_is_stable_and_documented() -> None:
    data = definition_to_json(small())
    assert data["schema"] == "guild.questionnaire/1"
    assert data["title"] == {"en": "Survey", "fr": "Sondage"}
    question = data["sections"][0]["questions"][1]
    assert question == {
        "code": "hours",
        "type": "integer",
        "label": {"en": "Hours", "fr": "Hours (fr)"},
        "help": None,
        "required": False,
        "options": [],
        "rows": [],
        "minimum": "0",
        "maximum": "60",
        "max_length": None,
        "relevant": "${dept} = 'esdc'",
        "breakdown": None,
        "quasi_identifier": None,
        "workforce": None,
    }
    assert json.loads(json.dumps(data)) == data


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(definitions())
def test_json_round_trip_is_identity(definition: Definition) -> None:
    assert (
        definition_from_json(json.loads(json.dumps(definition_to_json(definition)))) == definition
    )


def test_json_optional_keys_may_be_left_out() -> None:
    data = {
        "title": {"en": "T", "fr": "T fr"},
        "sections": [
            {
                "code": "s",
                "title": {"en": "S", "fr": "S fr"},
                "questions": [{"code": "q", "type": "text", "label": {"en": "Q", "fr": "Q fr"}}],
            }
        ],
    }
    definition = definition_from_json(data)
    assert definition.question("q") == Question("q", QuestionType.TEXT, Text("Q", "Q fr"))


def test_json_reports_every_problem_with_its_path() -> None:
    data = definition_to_json(small())
    data["title"]["fr"] = ""
    data["sections"][0]["questions"][0]["options"][0]["label"]["fr"] = " "
    data["sections"][0]["questions"][0]["options"][1]["code"] = "esdc"
    data["sections"][0]["questions"][1]["minimum"] = "70"
    data["sections"][0]["questions"].append({"code": "Bad Code", "type": "slider", "label": 5})
    with translation.override("en"):
        found = problems_of(data)
    # A file read into a draft may lack French (it is translated before publishing).
    assert found == [
        ("sections[0].questions[2].type", "unknown_type"),
        ("sections[0].questions[2].label", "not_an_object"),
        ("sections[0].questions[0].options[1].code", "duplicate_option_code"),
        ("sections[0].questions[1].minimum", "minimum_above_maximum"),
        ("sections[0].questions[2].code", "invalid_code"),
    ]


def test_a_json_draft_without_french_reads_and_is_incomplete_for_publishing() -> None:
    data = definition_to_json(small())
    data["title"]["fr"] = ""
    data["sections"][0]["questions"][0]["options"][0]["label"]["fr"] = " "
    draft = definition_from_json(data)
    assert validate_definition(draft, translated=False) == []
    with translation.override("en"):
        found = [(p.location, p.code) for p in validate_definition(draft)]
    assert found == [
        ("title.fr", "missing_french"),
        ("sections[0].questions[0].options[0].label.fr", "missing_french"),
    ]


def test_json_refuses_wrong_shapes() -> None:
    assert problems_of([]) == [("", "not_an_object")]
    assert problems_of({"title": {"en": "a", "fr": "b"}, "sections": {}}) == [
        ("sections", "not_a_list")
    ]
    assert ("schema", "unknown_schema") in problems_of({"schema": "other", "sections": []})


def test_parse_refuses_invalid_json_files() -> None:
    with pytest.raises(DefinitionError) as caught:
        definition_parse(b"{not json", "json")
    assert caught.value.problems[0].code == "invalid_json"
    with pytest.raises(DefinitionError):
        definition_parse(b"\xff\xfe", "json")
    with pytest.raises(DefinitionError):
        definition_parse(b"[" * 100_000, "json")


# -- shared checks ----------------------------------------------------------------------


def _one(question: Question, *others: Question) -> Definition:
    return Definition(_t("T"), None, (Section("s", _t("S"), None, (*others, question)),))


def _codes(definition: Definition) -> list[str]:
    return [p.code for p in validate_definition(definition)]


def test_validate_codes_options_matrix_and_ranges() -> None:
    options = (Option("a", _t("A")), Option("b", _t("B")))
    assert _codes(_one(Question("x", QuestionType.SINGLE, _t("Q"), options=options[:1]))) == [
        "too_few_options"
    ]
    assert _codes(_one(Question("x", QuestionType.MATRIX, _t("Q"), options=options))) == [
        "missing_rows"
    ]
    assert _codes(_one(Question("x", QuestionType.TEXT, _t("Q"), minimum=Decimal(1)))) == [
        "range_not_allowed"
    ]
    assert _codes(_one(Question("x", QuestionType.INTEGER, _t("Q"), minimum=Decimal("1.5")))) == [
        "whole_number_required"
    ]
    assert _codes(
        _one(
            Question(
                "x", QuestionType.MULTIPLE, _t("Q"), options=options, breakdown=Breakdown.OTHER
            )
        )
    ) == ["breakdown_not_single"]
    assert _codes(_one(Question("9x", QuestionType.TEXT, _t("Q")))) == ["invalid_code"]
    assert _codes(_one(Question("s", QuestionType.TEXT, _t("Q")))) == ["duplicate_code"]
    assert _codes(_one(Question("x", QuestionType.TEXT, Text("Q", "")))) == ["missing_french"]


def test_validate_conditions_refer_only_to_earlier_questions() -> None:
    first = Question("first", QuestionType.TEXT, _t("Q"))
    later = Question("later", QuestionType.TEXT, _t("Q"), relevant="${first} != ''")
    assert _codes(_one(later, first)) == []
    assert _codes(_one(first, later)) == ["condition_unknown_reference"]
    itself = Question("x", QuestionType.TEXT, _t("Q"), relevant="${x} = 'a'")
    assert _codes(_one(itself)) == ["condition_unknown_reference"]
    broken = Question("y", QuestionType.TEXT, _t("Q"), relevant="${first} ==")
    assert _codes(_one(broken, first)) == ["condition_unexpected_token"]


def test_agree_scale() -> None:
    scale = agree_scale()
    assert [o.code for o in scale] == [
        "strongly_agree",
        "agree",
        "neutral",
        "disagree",
        "strongly_disagree",
    ]
    assert scale[0].label == Text("Strongly agree", "Fortement d'accord")


# -- XLSForm ----------------------------------------------------------------------------


def test_demo_questionnaire_round_trips_through_xlsform_and_pyxform_accepts_it() -> None:
    definition = members_definition()
    content = definition_to_xlsform(definition)
    assert definition_from_xlsform(content) == definition
    warnings: list[str] = []
    result = convert(xlsform=content, warnings=warnings, file_type=".xlsx", form_name="data")
    assert "odk:rank" in result.xform
    assert warnings == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(definitions())
def test_xlsform_round_trip_is_identity(definition: Definition) -> None:
    assert definition_from_xlsform(definition_to_xlsform(definition)) == definition


def _workbook(
    survey: Sequence[Sequence[object]], choices: Sequence[Sequence[object]], title: str = "T"
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    for row in survey:
        sheet.append(row)
    choice_sheet = workbook.create_sheet("choices")
    for row in choices:
        choice_sheet.append(row)
    settings_sheet = workbook.create_sheet("settings")
    settings_sheet.append(["form_title", "guild_title_fr"])
    settings_sheet.append([title, f"{title} (fr)"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


HEAD = [
    "type",
    "name",
    "label::English (en)",
    "label::French (fr)",
    "required",
    "constraint",
    "appearance",
]
CHOICE_HEAD = ["list_name", "name", "label::English (en)", "label::French (fr)"]


def test_xlsform_import_maps_types() -> None:
    content = _workbook(
        [
            HEAD,
            ["begin_group", "s1", "Section", "Section (fr)"],
            ["select_one yn", "agree", "Agree?", "D'accord?", "yes", None, "likert"],
            ["integer", "born", "Year", "Année", None, ". >= 1900 and . <= 2010", "year"],
            ["text", "notes", "Notes", "Notes (fr)", None, "string-length(.) <= 50", "multiline"],
            ["begin_group", "grid", "Grid", "Grille", None, None, "table-list"],
            ["select_one yn", "r1", "Row 1", "Rangée 1"],
            ["select_one yn", "r2", "Row 2", "Rangée 2"],
            ["end_group"],
            ["rank yn", "order", "Order", "Ordre"],
            ["end_group"],
        ],
        [CHOICE_HEAD, ["yn", "yes", "Yes", "Oui"], ["yn", "no", "No", "Non"]],
    )
    definition = definition_from_xlsform(content)
    assert [(q.code, q.type) for q in definition.questions] == [
        ("agree", QuestionType.LIKERT),
        ("born", QuestionType.YEAR),
        ("notes", QuestionType.LONG_TEXT),
        ("grid", QuestionType.MATRIX),
        ("order", QuestionType.RANKING),
    ]
    born = definition.question("born")
    assert (born.minimum, born.maximum) == (Decimal(1900), Decimal(2010))
    assert definition.question("notes").max_length == 50
    assert [r.code for r in definition.question("grid").rows] == ["r1", "r2"]
    assert definition.question("agree").required is True


def test_xlsform_problems_name_sheet_row_and_column() -> None:
    content = _workbook(
        [
            HEAD,
            ["begin_group", "s1", "Section", "Section (fr)"],
            ["select_one yn", "q1", "Question", "", None, None, None],
            ["integer", "q2", "Number", "Nombre", "maybe", ". > 3"],
            ["select_one missing", "q3", "Three", "Trois"],
            ["geopoint", "q4", "Where", "Où"],
            ["text", "q1", "Again", "Encore"],
            ["end_group"],
        ],
        [CHOICE_HEAD, ["yn", "yes", "Yes", ""], ["yn", "no", "No", "Non"]],
    )
    with translation.override("en"), pytest.raises(DefinitionError) as caught:
        definition_from_xlsform(content)
    found = [(p.sheet, p.row, p.column, p.column_letter, p.code) for p in caught.value.problems]
    # Only the unknown list makes the file unusable: a missing French text is a draft to
    # translate, and the rest comes in noted for review (test_xlsform_reading.py).
    assert found == [("survey", 5, "type", "A", "unknown_list")]
    assert caught.value.problems[0].location == "survey!A5"
    assert all(p.message for p in caught.value.problems)


def test_xlsform_refuses_unreadable_files_and_missing_sheets() -> None:
    with pytest.raises(DefinitionError) as caught:
        definition_from_xlsform(b"not a workbook")
    assert caught.value.problems[0].code == "unreadable_file"
    workbook = Workbook()
    workbook.active.title = "other"
    workbook.create_sheet("more")
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(DefinitionError) as caught:
        definition_from_xlsform(buffer.getvalue())
    assert caught.value.problems[0].code == "missing_sheet"


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


def test_export_formats() -> None:
    definition = small()
    as_json = definition_export(definition, "json")
    assert as_json.extension == "json"
    assert definition_parse(as_json.content, "json") == definition
    as_xlsx = definition_export(definition, "xlsform")
    assert as_xlsx.extension == "xlsx"
    assert definition_parse(as_xlsx.content, "xlsform") == definition


# -- quasi-identifiers ----------------------------------------------------------------------


def test_quasi_identifiers_are_declared_checked_and_round_trip_through_json_and_xlsform() -> None:
    definition = small()
    dept, hours = definition.sections[0].questions
    declared = replace(
        definition,
        sections=(
            replace(
                definition.sections[0],
                questions=(
                    replace(dept, quasi_identifier=QuasiIdentifier.NOMINAL),
                    replace(hours, quasi_identifier=QuasiIdentifier.ORDERED),
                ),
            ),
        ),
    )
    data = definition_to_json(declared)
    assert [q["quasi_identifier"] for q in data["sections"][0]["questions"]] == [
        "nominal",
        "ordered",
    ]
    assert definition_from_json(data) == declared
    assert definition_from_xlsform(definition_to_xlsform(declared)) == declared
    assert [q.code for q in declared.quasi_identifiers()] == ["dept", "hours"]

    data["sections"][0]["questions"][1]["quasi_identifier"] = "nominal"
    assert problems_of(data) == [
        ("sections[0].questions[1].quasi_identifier", "quasi_identifier_not_ordered")
    ]
    data["sections"][0]["questions"][1]["quasi_identifier"] = "secret"
    assert problems_of(data) == [
        ("sections[0].questions[1].quasi_identifier", "unknown_quasi_identifier")
    ]


def test_free_text_cannot_be_a_quasi_identifier() -> None:
    data = definition_to_json(small())
    data["sections"][0]["questions"][1].update(
        type="text", minimum=None, maximum=None, quasi_identifier="nominal"
    )
    assert problems_of(data) == [
        ("sections[0].questions[1].quasi_identifier", "quasi_identifier_not_allowed")
    ]
