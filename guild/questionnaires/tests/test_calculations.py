"""The values of calculated questions, worked out by the server."""

import datetime
from decimal import Decimal

import pytest

from guild.questionnaires.definition.calculations import calculated
from guild.questionnaires.definition.condition_tree import functions
from guild.questionnaires.definition.types import (
    Definition,
    Option,
    Question,
    QuestionType,
    Section,
    Text,
)


def text(value: str) -> Text:
    return Text(en=value, fr=value)


def question(code: str, type_: QuestionType, **fields: object) -> Question:
    return Question(code=code, type=type_, label=text(code), **fields)  # type: ignore[arg-type]


def calculate(code: str, calculation: str, relevant: str | None = None) -> Question:
    return question(code, QuestionType.CALCULATE, calculation=calculation, relevant=relevant)


def definition(*sections: tuple[Question, ...]) -> Definition:
    return Definition(
        title=text("Survey"),
        sections=tuple(
            Section(code=f"s{index}", title=text(f"S{index}"), questions=questions)
            for index, questions in enumerate(sections)
        ),
    )


FRUITS = tuple(Option(code=code, label=text(code)) for code in ("apple", "pear", "plum"))

SURVEY = definition(
    (
        question("people", QuestionType.INTEGER),
        question("income", QuestionType.DECIMAL),
        calculate("per_person", "round(${income} div ${people}, 2)"),
        question("fruits", QuestionType.MULTIPLE, options=FRUITS),
        calculate("fruit_count", "count-selected(${fruits})"),
    ),
    (
        question("note", QuestionType.NOTE),
        calculate("big", "${fruit_count} >= 2"),
        calculate("label", "concat(${people}, ' people, ', ${per_person}, ' each')"),
        question("age", QuestionType.INTEGER, relevant="${big} = 'true'"),
        calculate("senior", "if(${age} >= 65, 'yes', 'no')", relevant="${age} != ''"),
        calculate("hidden", "'never'", relevant="${people} > 100"),
        calculate("empty", "''"),
        calculate("not_computable", "${people} div 0"),
        calculate("later", "${after} + 1"),
        question("after", QuestionType.INTEGER),
        calculate("born", "date(today() - ${age} * 365)"),
    ),
)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(functions, "today", lambda: datetime.date(2024, 6, 15))


def test_values_in_question_order_each_seeing_the_earlier_ones() -> None:
    answers = {"people": 4, "income": "1000.50", "fruits": ["apple", "plum"], "age": 70}
    values = calculated(SURVEY, answers)
    assert values == {
        "per_person": Decimal("250.13"),
        "fruit_count": 2,
        "big": "true",
        "label": "4 people, 250.13 each",
        "senior": "yes",
        "born": "1954-07-03",
    }
    assert list(values) == ["per_person", "fruit_count", "big", "label", "senior", "born"]


def test_hidden_questions_and_calculations_count_for_nothing() -> None:
    # One fruit: "age" is hidden, so its answer is unseen and "senior" is hidden too.
    answers = {"people": 2, "income": 10, "fruits": ["pear"], "age": 70, "after": 1}
    assert calculated(SURVEY, answers) == {
        "per_person": 5,
        "fruit_count": 1,
        "big": "false",
        "label": "2 people, 5 each",
    }


def test_no_answers() -> None:
    # As in ODK, concat() writes empty answers as nothing.
    assert calculated(SURVEY, {}) == {
        "fruit_count": 0,
        "big": "false",
        "label": " people,  each",
    }


def test_answers_given_to_calculations_are_ignored() -> None:
    answers = {"people": 1, "income": 3, "per_person": "999", "big": "true", "hidden": "x"}
    assert calculated(SURVEY, answers) == {
        "per_person": 3,
        "fruit_count": 0,
        "big": "false",
        "label": "1 people, 3 each",
    }


def test_unreadable_expressions_give_nothing_and_unreadable_conditions_show() -> None:
    survey = definition(
        (
            calculate("broken", "pulldata('x', 'y')"),
            calculate("missing", ""),
            calculate("shown", "1 + 1", relevant="${"),
            question("q", QuestionType.TEXT),
        )
    )
    survey = Definition(
        title=survey.title,
        sections=(
            Section(
                code="s",
                title=text("S"),
                questions=(*survey.questions, Question("none", QuestionType.CALCULATE, text("n"))),
            ),
        ),
    )
    assert calculated(survey, {"q": "x"}) == {"shown": 2}


def test_a_calculation_hidden_by_a_hidden_calculation() -> None:
    survey = definition(
        (
            question("a", QuestionType.INTEGER),
            calculate("double", "${a} * 2", relevant="${a} > 0"),
            calculate("quadruple", "${double} * 2", relevant="${double} != ''"),
            calculate("fallback", "coalesce(${double}, 'none')"),
        )
    )
    assert calculated(survey, {"a": 3}) == {"double": 6, "quadruple": 12, "fallback": 6}
    assert calculated(survey, {"a": -3}) == {"fallback": "none"}
