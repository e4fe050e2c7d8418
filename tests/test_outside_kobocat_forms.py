"""The KoBoCAT forms among the real XLSForms nobody here wrote (tests/fixtures/outside/
SOURCES.md): each comes in with exactly what it holds, and the review lists, cell by cell,
what came in changed and what could not come in."""

from decimal import Decimal

from guild.questionnaires.definition.types import Option, QuestionType, Text
from tests.outside_forms import (
    KOBOCAT,
    english,
    form_notes,
    read_form,
)


def test_kobocat_transportation_xls() -> None:
    reading = read_form(KOBOCAT / "transportation.xls")
    definition = reading.definition
    assert definition.title == english("transportation_2011_07_25")
    assert [s.code for s in definition.sections] == ["transport"]
    assert definition.sections[0].title == english("Transportation")
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
    assert transport.options[2].label == english("boat/canoe")
    other = definition.question("available_transportation_types_to_referral_facility_other")
    assert other.type == QuestionType.TEXT
    assert other.relevant == (
        "selected(${available_transportation_types_to_referral_facility}, 'other')"
    )
    assert other.label == Text("Specify other.", "Précisez l'autre réponse.")
    assert form_notes(reading) == (
        [("settings!2", "title_from_name"), ("survey!A4", "or_other_expanded")],
        [("survey!A5", "repeat_dropped")],
    )
    assert reading.untranslated == 12
    assert reading.languages == ()


def test_kobocat_tutorial_arabic_labels_keeps_arabic() -> None:
    reading = read_form(KOBOCAT / "tutorial_arabic_labels.xls")
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
    assert form_notes(reading) == (
        [("settings", "title_from_name")],
        [("survey!A4", "unsupported_type"), ("survey!A6", "unsupported_type")],
    )
    assert [p.message for p in reading.dropped] == [
        "Guild has no “image” question: it cannot come in.",
        "Guild has no “geopoint” question: it cannot come in.",
    ]


def test_kobocat_good_eats_multilang_reads_single_colon_english_and_french() -> None:
    reading = read_form(KOBOCAT / "good_eats_multilang.xls")
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
    assert form_notes(reading) == (
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
    reading = read_form(KOBOCAT / "new_cascading_select.xls")
    definition = reading.definition
    assert definition.title == english("cascading select test")
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
    assert form_notes(reading) == (
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
    reading = read_form(KOBOCAT / "Enumerator_Training_Practice_Survey.xls")
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
    assert form_notes(reading) == (
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
    reading = read_form(KOBOCAT / "MCH_v1.xls")
    definition = reading.definition
    assert [s.code for s in definition.sections] == ["section_1", "mother", "child"]
    mother = definition.sections[1]
    assert [q.code for q in mother.questions][:4] == ["month", "service", "anc", "bp"]
    assert definition.question("anc").type == QuestionType.NOTE
    assert definition.question("anc").label == english("Anc  Checkup")
    assert definition.question("bp").relevant == "(${beneficiary}='1') and (${service}='1')"
    assert definition.question("hplevel").relevant == (
        "(${beneficiary}='1') and (${service}='1') and (${lab}='yes')"
    )
    assert definition.question("child_immunization").relevant == "${beneficiary}='2'"
    assert form_notes(reading) == (
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
    reading = read_form(KOBOCAT / "tutorial.xls")
    definition = reading.definition
    age = definition.question("age")
    assert age.constraint == "${age} > 0 and ${age} < 120"
    assert age.constraint_message == english("That's not a valid age!")
    assert age.required is True
    assert definition.question("pizza_hater").type == QuestionType.NOTE
    assert definition.question("pizza_hater").relevant == "${pizza_fan} = 'no'"
    assert definition.question("thanks").label == english("Thanks for your time ${name}!")
    assert [s.title for s in definition.sections] == [english("tutorial"), english("a_group")]
    assert form_notes(reading) == (
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
    reading = read_form(KOBOCAT / "household.xls")
    assert [q.code for q in reading.definition.questions] == [
        "number_of_members",
        "number_for_vanilla",
        "number_for_strawberry",
    ]
    assert reading.definition.sections[1].title == english("Ice Cream Flavors")
    assert form_notes(reading) == (
        [],
        [("survey!A3", "repeat_dropped"), ("survey!A6", "repeat_dropped")],
    )


def test_kobocat_tutorial_w_repeats() -> None:
    reading = read_form(KOBOCAT / "tutorial_w_repeats.xls")
    assert [q.code for q in reading.definition.questions] == [
        "name",
        "age",
        "has_children",
        "web_browsers",
    ]
    assert form_notes(reading)[1] == [
        ("survey!A4", "unsupported_type"),
        ("survey!A6", "repeat_dropped"),
        ("survey!A10", "unsupported_type"),
    ]
    assert reading.dropped[1].message == (
        "Guild cannot repeat questions: this repeat and the 2 questions it holds cannot come in."
    )


def test_kobocat_dotted_names_become_codes() -> None:
    reading = read_form(KOBOCAT / "userone_with_dot_name_fields.xls")
    assert [(q.code, q.type) for q in reading.definition.questions] == [
        ("q1_1", QuestionType.TEXT),
        ("q1_2", QuestionType.INTEGER),
    ]
    assert form_notes(reading) == (
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
    reading = read_form(KOBOCAT / "sample_accent.xlsx")
    question = reading.definition.question("words_with_accents")
    assert [(o.code, o.label.en) for o in question.options] == [
        ("pere", "père"),
        ("te", "té"),
        ("tete", "tête"),
    ]
    assert form_notes(reading)[0] == [
        ("settings", "title_from_name"),
        ("choices!B2", "option_code_changed"),
        ("choices!B3", "option_code_changed"),
        ("choices!B4", "option_code_changed"),
    ]


def test_kobocat_tetun_form_keeps_tetun() -> None:
    reading = read_form(KOBOCAT / "form_with_unicode_in_relevant_column.xlsx")
    assert reading.languages == ("Tetun",)
    marital = reading.definition.question("respondent_marital")
    assert marital.label == Text(
        "2. What is your marital status?", "", (("Tetun", "2. Ita nia status saida?"),)
    )
    assert marital.options[0] == Option("single", Text("Single", "", (("Tetun", "Mesak"),)))
    other = reading.definition.question("marital_other")
    assert other.label == Text("Specify other", "", (("Tetun", "Specifika seluk"),))
    assert other.relevant == "selected(${respondent_marital}, \u2018other\u2019)"
    assert form_notes(reading) == ([("settings", "title_from_name")], [])


def test_kobocat_exp_reports_device_fields_and_media() -> None:
    reading = read_form(KOBOCAT / "exp.xlsx")
    assert reading.definition.title == english("exp_one")
    assert [q.code for q in reading.definition.questions] == [
        "expense_date",
        "item",
        "amount",
        "expense_type",
        "kind",
        "required",
    ]
    assert form_notes(reading)[1] == [
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
    types = read_form(KOBOCAT / "test_data_types.xls")
    assert [(q.code, q.type) for q in types.definition.questions] == [
        ("name", QuestionType.TEXT),
        ("age", QuestionType.INTEGER),
        ("amount", QuestionType.DECIMAL),
        ("when", QuestionType.DATE),
    ]
    assert form_notes(types)[1] == [
        ("survey!A4", "unsupported_type"),
        ("survey!A7", "unsupported_type"),
        ("survey!A8", "unsupported_type"),
    ]
    battery = read_form(KOBOCAT / "battery_life.xls")
    assert [len(q.options) for q in battery.definition.questions] == [21, 21, 21, 21, 21]
    assert battery.definition.question("bl_tr").options[1] == Option("5", english("0.05"))
