"""The definition fields real XLSForms rely on (notes, calculations, constraints and their
messages, defaults, read-only questions, choice filters, further languages, option
properties): stored as JSON and back, and checked with located problems."""

import json
from decimal import Decimal

import pytest

from guild.questionnaires.definition.json_codec import definition_from_json, definition_to_json
from guild.questionnaires.definition.problems import DefinitionError, path_text
from guild.questionnaires.definition.types import (
    Definition,
    Option,
    Question,
    QuestionType,
    Section,
    Text,
)
from guild.questionnaires.definition.validate import untranslated_texts, validate_definition


def _t(en: str, fr: str | None = None) -> Text:
    return Text(en, f"{en} (fr)" if fr is None else fr)


PROVINCES = (
    Option("on", _t("Ontario")),
    Option("qc", _t("Quebec")),
)
CITIES = (
    Option("ottawa", _t("Ottawa"), properties=(("province", "on"),)),
    Option("toronto", _t("Toronto"), properties=(("province", "on"),)),
    Option("montreal", _t("Montreal"), properties=(("province", "qc"),)),
)


def featured() -> Definition:
    """Every new field once."""
    return Definition(
        title=Text("Survey", "Sondage", (("Español (es)", "Encuesta"),)),
        sections=(
            Section(
                "where",
                _t("Where"),
                questions=(
                    Question(
                        "intro",
                        QuestionType.NOTE,
                        Text("Welcome", "Bienvenue", (("Español (es)", "Bienvenida"),)),
                    ),
                    Question("province", QuestionType.SINGLE, _t("Province"), options=PROVINCES),
                    Question(
                        "city",
                        QuestionType.SINGLE,
                        _t("City in ${province}"),
                        options=CITIES,
                        choice_filter="province = ${province}",
                        default="ottawa",
                    ),
                ),
            ),
            Section(
                "about",
                _t("About"),
                questions=(
                    Question(
                        "age",
                        QuestionType.INTEGER,
                        _t("Age"),
                        required=True,
                        constraint=". >= 16",
                        constraint_message=_t("At least 16"),
                        required_message=_t("Give your age"),
                    ),
                    Question("decade", QuestionType.CALCULATE, _t("Decade"), calculation="${age}"),
                    Question("unit", QuestionType.TEXT, _t("Unit"), default="IM", read_only=True),
                ),
            ),
        ),
    )


def _codes(definition: Definition, *, translated: bool = True) -> list[tuple[str, str]]:
    return [(p.location, p.code) for p in validate_definition(definition, translated=translated)]


def _one(*questions: Question) -> Definition:
    return Definition(_t("T"), None, (Section("s", _t("S"), None, questions),))


def _with(question: Question) -> Definition:
    """`question` after a single-choice question "province"."""
    return _one(
        Question("province", QuestionType.SINGLE, _t("Province"), options=PROVINCES), question
    )


# -- JSON ---------------------------------------------------------------------------------


def test_every_new_field_round_trips_through_json() -> None:
    definition = featured()
    assert validate_definition(definition) == []
    data = json.loads(json.dumps(definition_to_json(definition)))
    assert definition_from_json(data) == definition


def test_new_keys_are_written_only_when_declared() -> None:
    data = definition_to_json(featured())
    assert data["title"] == {
        "en": "Survey",
        "fr": "Sondage",
        "others": {"Español (es)": "Encuesta"},
    }
    where, about = data["sections"]
    city = where["questions"][2]
    assert {k: city[k] for k in ("choice_filter", "default")} == {
        "choice_filter": "province = ${province}",
        "default": "ottawa",
    }
    assert city["options"][2] == {
        "code": "montreal",
        "label": {"en": "Montreal", "fr": "Montreal (fr)"},
        "properties": {"province": "qc"},
    }
    age = about["questions"][0]
    assert {k: age[k] for k in ("constraint", "constraint_message", "required_message")} == {
        "constraint": ". >= 16",
        "constraint_message": {"en": "At least 16", "fr": "At least 16 (fr)"},
        "required_message": {"en": "Give your age", "fr": "Give your age (fr)"},
    }
    assert about["questions"][1]["calculation"] == "${age}"
    assert about["questions"][2]["read_only"] is True
    # A question without the new fields keeps the shape it always had.
    assert set(where["questions"][1]) == {
        "code", "type", "label", "help", "required", "options", "rows", "minimum",
        "maximum", "max_length", "relevant", "breakdown", "quasi_identifier", "workforce",
    }  # fmt: skip


def test_a_definition_stored_before_the_new_fields_still_reads() -> None:
    stored = {
        "schema": "guild.questionnaire/1",
        "title": {"en": "T", "fr": "T fr"},
        "description": None,
        "sections": [
            {
                "code": "s",
                "title": {"en": "S", "fr": "S fr"},
                "description": None,
                "questions": [
                    {
                        "code": "q",
                        "type": "single",
                        "label": {"en": "Q", "fr": "Q fr"},
                        "help": None,
                        "required": True,
                        "options": [
                            {"code": "a", "label": {"en": "A", "fr": "A fr"}},
                            {"code": "b", "label": {"en": "B", "fr": "B fr"}},
                        ],
                        "rows": [],
                        "minimum": None,
                        "maximum": None,
                        "max_length": None,
                        "relevant": None,
                        "breakdown": None,
                        "quasi_identifier": None,
                        "workforce": None,
                    }
                ],
            }
        ],
    }
    question = definition_from_json(stored).question("q")
    assert question == Question(
        "q",
        QuestionType.SINGLE,
        Text("Q", "Q fr"),
        required=True,
        options=(Option("a", Text("A", "A fr")), Option("b", Text("B", "B fr"))),
    )
    assert (question.constraint, question.default, question.read_only, question.label.others) == (
        None,
        None,
        False,
        (),
    )


def test_json_reports_wrong_shapes_of_the_new_keys() -> None:
    data = definition_to_json(featured())
    city = data["sections"][0]["questions"][2]
    city["options"][0]["properties"] = {"province": 4}
    city["read_only"] = "yes"
    city["label"]["others"] = ["Ciudad"]
    city["default"] = 3
    with pytest.raises(DefinitionError) as caught:
        definition_from_json(data)
    assert [(p.location, p.code) for p in caught.value.problems] == [
        ("sections[0].questions[2].label.others", "not_an_object"),
        ("sections[0].questions[2].options[0].properties.province", "not_a_string"),
        ("sections[0].questions[2].default", "not_a_string"),
        ("sections[0].questions[2].read_only", "not_a_boolean"),
    ]


# -- checks -------------------------------------------------------------------------------


def test_notes_and_calculations_take_no_answer_settings() -> None:
    note = Question(
        "n",
        QuestionType.NOTE,
        _t("N"),
        required=True,
        options=PROVINCES,
        constraint=". = 1",
        default="x",
        calculation="1",
    )
    assert _codes(_one(note)) == [
        ("sections[0].questions[0].options", "options_not_allowed"),
        ("sections[0].questions[0].required", "required_not_allowed"),
        ("sections[0].questions[0].constraint", "constraint_not_allowed"),
        ("sections[0].questions[0].default", "default_not_allowed"),
        ("sections[0].questions[0].calculation", "calculation_not_allowed"),
    ]
    assert _codes(_one(Question("c", QuestionType.CALCULATE, _t("C")))) == [
        ("sections[0].questions[0].calculation", "missing_calculation")
    ]
    assert _codes(_one(Question("t", QuestionType.TEXT, _t("T"), calculation="1"))) == [
        ("sections[0].questions[0].calculation", "calculation_not_allowed")
    ]


def test_a_section_of_notes_only_is_accepted() -> None:
    assert _codes(_one(Question("n", QuestionType.NOTE, _t("N")))) == []


def test_calculations_refer_only_to_earlier_questions() -> None:
    later = Question("x", QuestionType.INTEGER, _t("X"))
    calc = Question("c", QuestionType.CALCULATE, _t("C"), calculation="${x}")
    assert _codes(_one(later, calc)) == []
    problems = validate_definition(_one(calc, later))
    assert [(p.location, p.code, p.message) for p in problems] == [
        (
            "sections[0].questions[0].calculation",
            "calculation_unknown_reference",
            "The calculation may refer only to questions that come before this one (character 1).",
        )
    ]


def test_a_condition_may_point_at_an_earlier_calculation() -> None:
    calc = Question("c", QuestionType.CALCULATE, _t("C"), calculation="1")
    shown = Question("q", QuestionType.TEXT, _t("Q"), relevant="${c} = 1")
    assert _codes(_one(calc, shown)) == []


def test_constraints_see_the_answer_earlier_questions_and_the_section() -> None:
    own = Question("a", QuestionType.INTEGER, _t("A"), constraint=". > ${b}")
    same_section = Question("b", QuestionType.INTEGER, _t("B"))
    assert _codes(_one(own, same_section)) == []
    later_section = Definition(
        _t("T"),
        None,
        (
            Section("s", _t("S"), None, (own,)),
            Section("t", _t("S2"), None, (same_section,)),
        ),
    )
    problems = validate_definition(later_section)
    assert [(p.location, p.code) for p in problems] == [
        ("sections[0].questions[0].constraint", "constraint_unknown_reference")
    ]
    assert problems[0].message == (
        "The constraint may refer only to this answer (.), to questions that come before "
        "this one and to questions of its section (character 5)."
    )
    broken = Question("a", QuestionType.INTEGER, _t("A"), constraint=". >")
    assert [code for _location, code in _codes(_one(broken))] == ["constraint_unexpected_end"]


def test_choice_filters_only_on_choice_questions_and_over_earlier_answers() -> None:
    city = Question(
        "city",
        QuestionType.SINGLE,
        _t("City"),
        options=CITIES,
        choice_filter="province = ${province}",
    )
    assert _codes(_with(city)) == []
    before = _one(city, Question("province", QuestionType.SINGLE, _t("P"), options=PROVINCES))
    assert _codes(before) == [
        ("sections[0].questions[0].choice_filter", "choice_filter_unknown_reference")
    ]
    text = Question("t", QuestionType.TEXT, _t("T"), choice_filter="province = ${province}")
    assert _codes(_with(text)) == [
        ("sections[0].questions[1].choice_filter", "choice_filter_not_allowed")
    ]


def test_unknown_functions_are_named() -> None:
    calc = Question("c", QuestionType.CALCULATE, _t("C"), calculation="pulldata('x', 'y')")
    problems = validate_definition(_one(calc))
    assert [(p.code, p.message) for p in problems] == [
        (
            "calculation_unknown_function",
            "Guild cannot work out the function “pulldata” (character 1).",
        )
    ]


def _default(kind: QuestionType, default: str, **fields: object) -> Question:
    return Question("q", kind, _t("Q"), default=default, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("question", "code"),
    [
        (_default(QuestionType.SINGLE, "on", options=PROVINCES), None),
        (_default(QuestionType.SINGLE, "bc", options=PROVINCES), "invalid_default"),
        (_default(QuestionType.MULTIPLE, "on qc", options=PROVINCES), None),
        (_default(QuestionType.MULTIPLE, "on bc", options=PROVINCES), "invalid_default"),
        (_default(QuestionType.INTEGER, "12"), None),
        (_default(QuestionType.INTEGER, "1.5"), "invalid_default"),
        (_default(QuestionType.INTEGER, "12", maximum=Decimal(10)), "invalid_default"),
        (_default(QuestionType.DECIMAL, "1.5"), None),
        (_default(QuestionType.DATE, "2024-02-29"), None),
        (_default(QuestionType.DATE, "2023-02-29"), "invalid_default"),
        (_default(QuestionType.TEXT, "abcd", max_length=3), "invalid_default"),
        (_default(QuestionType.RANKING, "on", options=PROVINCES), "default_not_allowed"),
    ],
)
def test_defaults_fit_their_question(question: Question, code: str | None) -> None:
    expected = [] if code is None else [("sections[0].questions[0].default", code)]
    assert _codes(_one(question)) == expected


def test_default_messages_say_what_is_wrong() -> None:
    question = Question("q", QuestionType.SINGLE, _t("Q"), options=PROVINCES, default="bc")
    assert [p.message for p in validate_definition(_one(question))] == [
        "The default answer “bc” is not one of the option codes."
    ]


def test_a_required_read_only_question_needs_a_default() -> None:
    question = Question("q", QuestionType.TEXT, _t("Q"), required=True, read_only=True)
    assert _codes(_one(question)) == [("sections[0].questions[0].read_only", "read_only_required")]
    assert _codes(_one(Question("q", QuestionType.TEXT, _t("Q"), read_only=True))) == []


def test_references_in_texts_name_questions_of_the_form() -> None:
    question = Question(
        "q",
        QuestionType.TEXT,
        Text("About ${province}", "Au sujet de ${province}"),
        help=Text("See ${nowhere}", "Voir", (("Español (es)", "Ver ${elsewhere}"),)),
        constraint=". != ''",
        constraint_message=Text("Not ${gone}", "Pas"),
    )
    problems = validate_definition(_with(question))
    assert [(p.location, p.code, p.message) for p in problems] == [
        (
            "sections[0].questions[1].help.en",
            "unknown_label_reference",
            "“${nowhere}” does not name a question of this questionnaire.",
        ),
        (
            "sections[0].questions[1].help.others[0]",
            "unknown_label_reference",
            "“${elsewhere}” does not name a question of this questionnaire.",
        ),
        (
            "sections[0].questions[1].constraint_message.en",
            "unknown_label_reference",
            "“${gone}” does not name a question of this questionnaire.",
        ),
    ]


def test_a_draft_may_miss_a_language_until_it_is_published() -> None:
    english_only = Definition(
        Text("Survey", ""),
        None,
        (
            Section(
                "s",
                Text("Section", ""),
                None,
                (
                    Question(
                        "q",
                        QuestionType.SINGLE,
                        Text("", "Question"),
                        options=(Option("a", Text("A", "")), Option("b", Text("B", "B"))),
                        constraint_message=Text("Wrong", ""),
                        constraint=". = 'a'",
                    ),
                ),
            ),
        ),
    )
    assert _codes(english_only, translated=False) == []
    assert _codes(english_only) == [
        ("title.fr", "missing_french"),
        ("sections[0].title.fr", "missing_french"),
        ("sections[0].questions[0].label.en", "missing_english"),
        ("sections[0].questions[0].constraint_message.fr", "missing_french"),
        ("sections[0].questions[0].options[0].label.fr", "missing_french"),
    ]
    # Title, section title, label, constraint message, option a; option b is in both.
    assert untranslated_texts(english_only) == 5
    assert untranslated_texts(featured()) == 0


def test_a_draft_still_needs_some_text() -> None:
    empty = _one(Question("q", QuestionType.TEXT, Text("", "")))
    assert _codes(empty, translated=False) == [
        ("sections[0].questions[0].label.en", "missing_english"),
        ("sections[0].questions[0].label.fr", "missing_french"),
    ]


def test_problem_paths_are_printable() -> None:
    assert path_text(("sections", 0, "questions", 1, "help", "others", 0)) == (
        "sections[0].questions[1].help.others[0]"
    )
