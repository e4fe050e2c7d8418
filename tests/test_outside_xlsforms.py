"""Real XLSForms nobody here wrote (tests/fixtures/outside/SOURCES.md), read by Guild.

* Guild's bounded, streaming workbook reader gives exactly what pyxform's own reader
  gives, for every .xlsx and .xls workbook pyxform reads.
* Each form comes in with exactly what it holds — labels in every language, options,
  logic — and the review lists, cell by cell, what came in changed and what could not
  come in; a form Guild cannot use is refused with the exact reasons.
* Guild's export of every form it accepts (and of its own demo forms) converts with
  pyxform, and reads back to the same definition.
"""

from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation
from pyxform.errors import PyXFormError
from pyxform.xls2json_backends import xls_to_dict, xlsx_to_dict
from pyxform.xls2xform import convert

from guild.core.uploads import ReadBudget
from guild.questionnaires.definition.problems import DefinitionError
from guild.questionnaires.definition.review import Reading
from guild.questionnaires.definition.types import Option, QuestionType, Text
from guild.questionnaires.definition.xlsform import definition_to_xlsform, reading_from_xlsform
from guild.questionnaires.definition.xlsform.sheets import read_workbook

OUTSIDE = Path(__file__).parent / "fixtures" / "outside"
PYXFORM = OUTSIDE / "pyxform"
KOBOCAT = OUTSIDE / "kobocat"
DEMO = Path(__file__).parent.parent / "guild" / "demo" / "data"
WORKBOOKS = sorted(
    [*OUTSIDE.glob("*/*.xlsx"), *OUTSIDE.glob("*/*.xls")], key=lambda p: (p.parent.name, p.name)
)


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def test_the_outside_workbooks_are_there() -> None:
    assert len(sorted(PYXFORM.glob("*.xlsx"))) == 24
    assert len(sorted(PYXFORM.glob("*.xls"))) == 5
    assert len(sorted(KOBOCAT.glob("*.xls*"))) == 17
    assert (KOBOCAT / "LICENSE").is_file()
    assert (PYXFORM / "LICENSE").is_file()


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("path", WORKBOOKS, ids=_id)
def test_the_streaming_reader_reads_what_pyxform_reads(path: Path) -> None:
    theirs_reader = xls_to_dict if path.suffix == ".xls" else xlsx_to_dict
    try:
        theirs = theirs_reader(str(path))
    except PyXFormError:
        # pyxform's own refusal: a header written twice
        assert path.name in ("duplicate_columns.xlsx", "enumerator_weekly.xls")
        return
    ours, letters = read_workbook(path.read_bytes(), ReadBudget())
    assert {name: getattr(ours, name) for name in theirs} == theirs
    assert set(letters) >= {name for name in theirs if name in ("survey", "choices", "settings")}


def _read(path: Path) -> Reading:
    with translation.override("en"):
        return reading_from_xlsform(path.read_bytes(), file_name=path.name)


def _notes(reading: Reading) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    return (
        [(p.location, p.code) for p in reading.changed],
        [(p.location, p.code) for p in reading.dropped],
    )


def _refusal(path: Path) -> list[tuple[str, str, str]]:
    with translation.override("en"), pytest.raises(DefinitionError) as caught:
        reading_from_xlsform(path.read_bytes(), file_name=path.name)
    return [(p.location, p.code, p.message) for p in caught.value.problems]


def _en(text: str) -> Text:
    return Text(text, "")


# -- forms Guild refuses ------------------------------------------------------------------


REFUSED = {
    "kobocat/gps.xls": [
        ("", "nothing_to_import", "Nothing in this form can come in to Guild; the reasons follow."),
        ("survey!A2", "unsupported_type", "Guild has no “geopoint” question: it cannot come in."),
    ],
    "kobocat/enumerator_weekly.xls": [
        (
            "",
            "unreadable_file",
            "pyxform cannot read this workbook either: Duplicate column header: label",
        )
    ],
    "pyxform/tutorial.xls": [
        ("", "nothing_to_import", "Nothing in this form can come in to Guild; the reasons follow."),
        (
            "survey!B2",
            "repeat_dropped",
            "Guild cannot repeat questions: this repeat and the 10 questions it holds cannot "
            "come in.",
        ),
    ],
    "pyxform/duplicate_columns.xlsx": [
        (
            "",
            "unreadable_file",
            "pyxform cannot read this workbook either: Duplicate column header: label",
        )
    ],
    "pyxform/bad_calc.xlsx": [
        ("", "nothing_to_import", "Nothing in this form can come in to Guild; the reasons follow."),
        (
            "survey!D2",
            "calculation_dropped",
            "Guild cannot read this at character 1: Unexpected 'because'. Put text in quotes "
            "and refer to questions as ${question_code}. The calculation cannot come in.",
        ),
    ],
    "pyxform/include_json.xlsx": [
        ("", "nothing_to_import", "Nothing in this form can come in to Guild; the reasons follow."),
        ("survey!A2", "unsupported_type", "Guild has no “include” question: it cannot come in."),
    ],
}


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_forms_guild_cannot_use_are_refused_with_the_reasons(name: str) -> None:
    assert _refusal(OUTSIDE / name) == REFUSED[name]


# -- forms that come in, each with exactly what it holds ---------------------------------


def test_kobocat_transportation_xls() -> None:
    reading = _read(KOBOCAT / "transportation.xls")
    definition = reading.definition
    assert definition.title == _en("transportation_2011_07_25")
    assert [s.code for s in definition.sections] == ["transport"]
    assert definition.sections[0].title == _en("Transportation")
    transport = definition.question("available_transportation_types_to_referral_facility")
    assert transport.type == QuestionType.MULTIPLE
    assert [o.code for o in transport.options] == [
        "ambulance",
        "bicycle",
        "boat_canoe",
        "bus",
        "donkey_mule_cart",
        "keke_pepe",
        "lorry",
        "motorbike",
        "taxi",
        "other",
    ]
    assert transport.options[2].label == _en("boat/canoe")
    other = definition.question("available_transportation_types_to_referral_facility_other")
    assert other.type == QuestionType.TEXT
    assert other.relevant == (
        "selected(${available_transportation_types_to_referral_facility}, 'other')"
    )
    assert other.label == Text("Specify other.", "Précisez l'autre réponse.")
    assert _notes(reading) == (
        [("settings!2", "title_from_name"), ("survey!A4", "or_other_expanded")],
        [("survey!A5", "repeat_dropped")],
    )
    assert reading.untranslated == 12
    assert reading.languages == ()


def test_kobocat_tutorial_arabic_labels_keeps_arabic() -> None:
    reading = _read(KOBOCAT / "tutorial_arabic_labels.xls")
    definition = reading.definition
    assert reading.languages == ("Arabic",)
    assert [q.code for q in definition.questions] == ["name", "age", "has_children", "web_browsers"]
    assert definition.question("name").label == Text(
        "1. What is your name?", "", (("Arabic", "1. ما هو اسمك؟"),)
    )
    browsers = definition.question("web_browsers")
    assert browsers.type == QuestionType.MULTIPLE
    assert browsers.options[1] == Option(
        "chrome", Text("Google Chrome", "", (("Arabic", "جوجل كروم"),))
    )
    assert _notes(reading) == (
        [("settings", "title_from_name")],
        [("survey!A4", "unsupported_type"), ("survey!A6", "unsupported_type")],
    )
    assert [p.message for p in reading.dropped] == [
        "Guild has no “image” question: it cannot come in.",
        "Guild has no “geopoint” question: it cannot come in.",
    ]


def test_kobocat_good_eats_multilang_reads_single_colon_english_and_french() -> None:
    reading = _read(KOBOCAT / "good_eats_multilang.xls")
    definition = reading.definition
    assert reading.languages == ()
    assert [q.code for q in definition.questions] == [
        "food_type",
        "food_type_other",
        "description",
        "amount",
        "rating",
        "risk_factor",
        "location_name",
    ]
    food = definition.question("food_type")
    assert food.label == Text("Type of Eat", "Type of Eat Fr")
    assert food.options[0] == Option("morning_food", Text("Morning Food", "Morning Food Fr"))
    assert food.options[-1] == Option("other", Text("Other", "Autre"))
    assert definition.question("amount").type == QuestionType.DECIMAL
    assert definition.question("rating").options[0] == Option(
        "nasty", Text("Epic Eat", "Epic Eat Fr")
    )
    assert _notes(reading) == (
        [("settings", "title_from_name"), ("survey!A3", "or_other_expanded")],
        [
            ("survey!A2", "metadata_dropped"),
            ("survey!A8", "unsupported_type"),
            ("survey!A10", "unsupported_type"),
            ("survey!A11", "unsupported_type"),
            ("survey!A12", "metadata_dropped"),
            ("survey!A13", "metadata_dropped"),
            ("choices!A4", "option_without_list"),
        ],
    )
    assert reading.dropped[0].message == (
        "“today” is filled in by the data-collection app; Guild does not collect it."
    )
    assert reading.changed[1].message == (
        "“or_other” becomes an option “other” and a question “food_type_other” asking "
        "which, shown when “other” is chosen."
    )


def test_kobocat_new_cascading_select_keeps_the_choice_filters() -> None:
    reading = _read(KOBOCAT / "new_cascading_select.xls")
    definition = reading.definition
    assert definition.title == _en("cascading select test")
    county = definition.question("county")
    assert county.choice_filter == "state=${state}"
    assert [(o.code, o.label.en, o.properties) for o in county.options] == [
        ("king", "King", (("state", "washington"),)),
        ("pierce", "Pierce", (("state", "washington"),)),
        ("king_2", "King", (("state", "texas"),)),
        ("cameron", "Cameron", (("state", "texas"),)),
    ]
    city = definition.question("city")
    assert city.choice_filter == "state=${state} and county=${county}"
    assert city.options[2].properties == (("state", "texas"), ("county", "cameron"))
    assert len(city.options) == 8
    assert city.options[0].properties == (("state", "texas"), ("county", "king_2"))
    assert _notes(reading) == (
        [
            ("choices!B6", "option_code_changed"),
            ("choices!E8", "filter_value_followed"),
            ("choices!E9", "filter_value_followed"),
        ],
        [],
    )
    assert reading.changed[0].message == (
        "The option “king” gets the code “king_2”: Guild option codes are unique in their "
        "list and made of letters, digits, “.”, “-” and “_”."
    )


def test_kobocat_enumerator_training_expands_or_other_inside_a_relevant() -> None:
    reading = _read(KOBOCAT / "Enumerator_Training_Practice_Survey.xls")
    definition = reading.definition
    assert definition.questions[0].type == QuestionType.NOTE
    assert definition.questions[0].code == "intro"
    regions = definition.question("regions")
    assert (regions.minimum, regions.maximum, regions.constraint) == (None, Decimal(26), None)
    favorite = definition.question("favorite")
    assert favorite.relevant == "${ugali}='no'"
    assert len(favorite.options) == 7
    assert definition.question("favorite_other").relevant == (
        "(${ugali}='no') and (selected(${favorite}, 'other'))"
    )
    assert definition.question("intake").type == QuestionType.MULTIPLE
    assert _notes(reading) == (
        [
            ("settings", "title_from_name"),
            ("survey!A9", "or_other_expanded"),
            ("survey!A10", "or_other_expanded"),
        ],
        [
            ("survey!A2", "metadata_dropped"),
            ("survey!A11", "unsupported_type"),
            ("survey!A12", "unsupported_type"),
            ("survey!A14", "metadata_dropped"),
        ],
    )


def test_kobocat_mch_flattens_nested_groups_and_keeps_their_conditions() -> None:
    reading = _read(KOBOCAT / "MCH_v1.xls")
    definition = reading.definition
    assert [s.code for s in definition.sections] == ["section_1", "mother", "child"]
    mother = definition.sections[1]
    assert [q.code for q in mother.questions][:4] == ["month", "service", "anc", "bp"]
    assert definition.question("anc").type == QuestionType.NOTE
    assert definition.question("anc").label == _en("Anc  Checkup")
    assert definition.question("bp").relevant == "(${beneficiary}='1') and (${service}='1')"
    assert definition.question("hplevel").relevant == (
        "(${beneficiary}='1') and (${service}='1') and (${lab}='yes')"
    )
    assert definition.question("child_immunization").relevant == "${beneficiary}='2'"
    assert _notes(reading) == (
        [
            ("settings", "title_from_name"),
            ("survey!A7", "group_flattened"),
            ("survey!B12", "code_changed"),
            ("survey!A24", "group_flattened"),
        ],
        [("survey!A17", "unsupported_type")],
    )
    assert reading.changed[2].message == (
        "The name “HPlevel” becomes the code “hplevel”: Guild codes are unique and made of "
        "lower-case letters, digits and underscores."
    )


def test_kobocat_tutorial_keeps_a_constraint_message_and_label_references() -> None:
    reading = _read(KOBOCAT / "tutorial.xls")
    definition = reading.definition
    age = definition.question("age")
    assert age.constraint == "${age} > 0 and ${age} < 120"
    assert age.constraint_message == _en("That's not a valid age!")
    assert age.required is True
    assert definition.question("pizza_hater").type == QuestionType.NOTE
    assert definition.question("pizza_hater").relevant == "${pizza_fan} = 'no'"
    assert definition.question("thanks").label == _en("Thanks for your time ${name}!")
    assert [s.title for s in definition.sections] == [_en("tutorial"), _en("a_group")]
    assert _notes(reading) == (
        [("settings", "title_from_name"), ("survey!C14", "label_from_name")],
        [
            ("survey!A5", "unsupported_type"),
            ("survey!A7", "unsupported_type"),
            ("survey!A18", "metadata_dropped"),
            ("survey!A19", "metadata_dropped"),
            ("survey!A20", "metadata_dropped"),
            ("survey!A21", "metadata_dropped"),
            ("survey!A22", "metadata_dropped"),
        ],
    )


def test_kobocat_household_drops_its_repeats() -> None:
    reading = _read(KOBOCAT / "household.xls")
    assert [q.code for q in reading.definition.questions] == [
        "number_of_members",
        "number_for_vanilla",
        "number_for_strawberry",
    ]
    assert reading.definition.sections[1].title == _en("Ice Cream Flavors")
    assert _notes(reading) == (
        [],
        [("survey!A3", "repeat_dropped"), ("survey!A6", "repeat_dropped")],
    )


def test_kobocat_tutorial_w_repeats() -> None:
    reading = _read(KOBOCAT / "tutorial_w_repeats.xls")
    assert [q.code for q in reading.definition.questions] == [
        "name",
        "age",
        "has_children",
        "web_browsers",
    ]
    assert _notes(reading)[1] == [
        ("survey!A4", "unsupported_type"),
        ("survey!A6", "repeat_dropped"),
        ("survey!A10", "unsupported_type"),
    ]
    assert reading.dropped[1].message == (
        "Guild cannot repeat questions: this repeat and the 2 questions it holds cannot come in."
    )


def test_kobocat_dotted_names_become_codes() -> None:
    reading = _read(KOBOCAT / "userone_with_dot_name_fields.xls")
    assert [(q.code, q.type) for q in reading.definition.questions] == [
        ("q1_1", QuestionType.TEXT),
        ("q1_2", QuestionType.INTEGER),
    ]
    assert _notes(reading) == (
        [
            ("settings!2", "title_from_name"),
            ("survey!B2", "code_changed"),
            ("survey!B3", "code_changed"),
        ],
        [
            ("survey!A4", "unsupported_type"),
            ("survey!A5", "unsupported_type"),
            ("survey!A6", "repeat_dropped"),
        ],
    )


def test_kobocat_sample_accent_option_codes_lose_their_accents_not_their_labels() -> None:
    reading = _read(KOBOCAT / "sample_accent.xlsx")
    question = reading.definition.question("words_with_accents")
    assert [(o.code, o.label.en) for o in question.options] == [
        ("pere", "père"),
        ("te", "té"),
        ("tete", "tête"),
    ]
    assert _notes(reading)[0] == [
        ("settings", "title_from_name"),
        ("choices!B2", "option_code_changed"),
        ("choices!B3", "option_code_changed"),
        ("choices!B4", "option_code_changed"),
    ]


def test_kobocat_tetun_form_keeps_tetun() -> None:
    reading = _read(KOBOCAT / "form_with_unicode_in_relevant_column.xlsx")
    assert reading.languages == ("Tetun",)
    marital = reading.definition.question("respondent_marital")
    assert marital.label == Text(
        "2. What is your marital status?", "", (("Tetun", "2. Ita nia status saida?"),)
    )
    assert marital.options[0] == Option("single", Text("Single", "", (("Tetun", "Mesak"),)))
    other = reading.definition.question("marital_other")
    assert other.label == Text("Specify other", "", (("Tetun", "Specifika seluk"),))
    assert other.relevant == "selected(${respondent_marital}, \u2018other\u2019)"
    assert _notes(reading) == ([("settings", "title_from_name")], [])


def test_kobocat_exp_reports_device_fields_and_media() -> None:
    reading = _read(KOBOCAT / "exp.xlsx")
    assert reading.definition.title == _en("exp_one")
    assert [q.code for q in reading.definition.questions] == [
        "expense_date",
        "item",
        "amount",
        "expense_type",
        "kind",
        "required",
    ]
    assert _notes(reading)[1] == [
        ("survey!A2", "metadata_dropped"),
        ("survey!A3", "metadata_dropped"),
        ("survey!A4", "metadata_dropped"),
        ("survey!A5", "metadata_dropped"),
        ("survey!A6", "metadata_dropped"),
        ("survey!A7", "metadata_dropped"),
        ("survey!A8", "metadata_dropped"),
        ("survey!E10", "media_dropped"),
        ("survey!A13", "unsupported_type"),
    ]
    assert reading.dropped[7].message == (
        "Guild cannot show images, sounds or videos: this one cannot come in."
    )


def test_kobocat_test_data_types_and_battery_life() -> None:
    types = _read(KOBOCAT / "test_data_types.xls")
    assert [(q.code, q.type) for q in types.definition.questions] == [
        ("name", QuestionType.TEXT),
        ("age", QuestionType.INTEGER),
        ("amount", QuestionType.DECIMAL),
        ("when", QuestionType.DATE),
    ]
    assert _notes(types)[1] == [
        ("survey!A4", "unsupported_type"),
        ("survey!A7", "unsupported_type"),
        ("survey!A8", "unsupported_type"),
    ]
    battery = _read(KOBOCAT / "battery_life.xls")
    assert [len(q.options) for q in battery.definition.questions] == [21, 21, 21, 21, 21]
    assert battery.definition.question("bl_tr").options[1] == Option("5", _en("0.05"))


def test_pyxform_xls_specify_other_and_calculate() -> None:
    other = _read(PYXFORM / "specify_other.xls")
    assert [o.code for o in other.definition.question("sex").options] == [
        "male",
        "female",
        "other",
    ]
    assert _notes(other) == (
        [("settings", "title_from_name"), ("survey!A2", "or_other_expanded")],
        [],
    )
    calculate = _read(PYXFORM / "calculate.xls")
    assert [(q.code, q.type, q.calculation) for q in calculate.definition.questions] == [
        ("calculate_test", QuestionType.CALCULATE, "2+2"),
        ("calculate_test_output", QuestionType.NOTE, None),
        (
            "calculate_test_2",
            QuestionType.CALCULATE,
            "if(${calculate_test_output}=${calculate_test_output}, 'success', 'error')",
        ),
        ("calculate_test_2_output", QuestionType.NOTE, None),
    ]
    assert calculate.definition.question("calculate_test_output").label == _en(
        "2+2 = ${calculate_test}"
    )
    assert _notes(calculate) == ([], [])


def test_pyxform_xls_widgets() -> None:
    reading = _read(PYXFORM / "widgets.xls")
    definition = reading.definition
    decimal = definition.question("my_decimal")
    assert (decimal.constraint, decimal.default) == (". > 10.51 and . < 18.39", "18.31")
    assert decimal.constraint_message == _en("number must be between 10.51 and 18.39")
    selected = definition.question("my_select")
    assert selected.constraint == "not(selected(., 'c') and selected(., 'd'))"
    assert selected.default == "a c"
    assert definition.question("my_output").read_only is True
    assert definition.question("my_output").label == _en("review widget. is your email still ?")
    assert _notes(reading) == (
        [
            ("settings!2", "title_from_name"),
            ("survey!C10", "reference_removed"),
            ("survey!B16", "code_changed"),
            ("choices!C23", "label_from_name"),
            ("choices!C24", "label_from_name"),
        ],
        [
            ("survey!A6", "unsupported_type"),
            ("survey!A9", "unsupported_type"),
            ("survey!A11", "unsupported_type"),
            ("survey!A12", "unsupported_type"),
            ("survey!A13", "unsupported_type"),
            ("survey!A14", "unsupported_type"),
            ("survey!A15", "unsupported_type"),
            ("survey!A17", "unsupported_type"),
            ("survey!A18", "unsupported_type"),
            ("choices!D20", "media_dropped"),
            ("choices!D21", "media_dropped"),
            ("choices!D23", "media_dropped"),
            ("choices!D24", "media_dropped"),
        ],
    )
    assert reading.changed[1].message == (
        "The text refers to “my_trigger”, which cannot come in: the reference is left out "
        "of the text."
    )


def test_pyxform_xlsx_with_swahili_and_calculations() -> None:
    reading = _read(PYXFORM / "UCL_Biomass_Plot_Form.xlsx")
    assert reading.languages == ("Swahili (sw)",)
    slope = reading.definition.question("slope")
    assert slope.label == Text("Slope (percent)", "", (("Swahili (sw)", "Asilimia ya Uteremko"),))
    radius = reading.definition.question("slope_radius")
    assert radius.type == QuestionType.CALCULATE
    assert radius.calculation == "round(15 div (sqrt(cos(atan(${slope} div 100)))),2)"


# -- every accepted form exports to an XLSForm pyxform converts --------------------------


def _accepted() -> list[Path]:
    refused = {OUTSIDE / name for name in REFUSED}
    return [path for path in WORKBOOKS if path not in refused] + sorted(DEMO.glob("*.xlsx"))


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("path", _accepted(), ids=_id)
def test_the_export_of_every_accepted_form_converts_with_pyxform_and_reads_back(
    path: Path,
) -> None:
    definition = _read(path).definition
    content = definition_to_xlsform(definition)
    warnings: list[str] = []
    result = convert(xlsform=content, warnings=warnings, file_type=".xlsx", form_name="data")
    assert "<h:html" in result.xform
    again = reading_from_xlsform(content)
    assert again.definition == definition
    assert again.dropped == ()
