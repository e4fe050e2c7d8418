"""“Rank your three most important”: a ranking question limits how many options are
ranked (`maximum`), the page offers that many places, more are refused whoever sends them,
and the XLSForm carries it as `count-selected(.) <= 3` (issue 10)."""

import io
from dataclasses import replace
from decimal import Decimal

from django.utils import translation
from openpyxl import load_workbook

from guild.questionnaires.answering.answers import validate_answers
from guild.questionnaires.answering.forms import SectionForm
from guild.questionnaires.definition.types import (
    Definition,
    Option,
    Question,
    QuestionType,
    Section,
    Text,
)
from guild.questionnaires.definition.validate import validate_definition
from guild.questionnaires.definition.xlsform import definition_to_xlsform, reading_from_xlsform

OPTIONS = tuple(Option(code, Text(code.upper(), code.upper() + " fr")) for code in "abcdefgh")
RANK = Question(
    "top",
    QuestionType.RANKING,
    Text("Rank your three most important", "Classez vos trois plus importants"),
    options=OPTIONS,
    maximum=Decimal(3),
)


def _definition(question: Question) -> Definition:
    return Definition(
        Text("T", "T fr"), None, (Section("s", Text("S", "S fr"), None, (question,)),)
    )


def test_the_page_offers_as_many_places_as_may_be_ranked() -> None:
    form = SectionForm(questions=[RANK], language="en")
    assert [name for name in form.fields] == ["top__1", "top__2", "top__3"]
    unlimited = SectionForm(questions=[replace(RANK, maximum=None)], language="en")
    assert len(unlimited.fields) == 8


def test_more_than_the_limit_is_refused_with_its_message() -> None:
    definition = _definition(RANK)
    answers, errors = validate_answers(definition, {"top": ["c", "a", "b"]}, complete=True)
    assert (answers, errors) == ({"top": ["c", "a", "b"]}, {})
    with translation.override("fr"):
        _answers, errors = validate_answers(
            definition, {"top": ["c", "a", "b", "d"]}, complete=True
        )
    assert (errors["top"].code, errors["top"].message) == (
        "too_many_ranked",
        "Classez au plus 3 options.",
    )
    _answers, errors = validate_answers(
        definition, {"top": {"a": 1, "b": 2, "c": 3, "d": 4}}, complete=True
    )
    assert errors["top"].code == "too_many_ranked"


def test_the_limit_is_checked_when_the_definition_is() -> None:
    found = [
        (p.location, p.code)
        for limit in (Decimal(0), Decimal(9), Decimal("2.5"))
        for p in validate_definition(_definition(replace(RANK, maximum=limit)))
    ]
    assert found == [("sections[0].questions[0].maximum", "invalid_ranking_limit")] * 3
    required = validate_definition(_definition(replace(RANK, minimum=Decimal(1))))
    assert [(p.location, p.code) for p in required] == [
        ("sections[0].questions[0].minimum", "range_not_allowed")
    ]


def test_the_xlsform_carries_the_limit_as_odk_writes_it() -> None:
    content = definition_to_xlsform(_definition(RANK))
    reading = reading_from_xlsform(content)
    assert reading.definition.question("top").maximum == Decimal(3)
    assert reading.definition.question("top").constraint is None

    survey = load_workbook(io.BytesIO(content))["survey"]
    header = [cell.value for cell in survey[1]]
    row = [cell.value for cell in survey[3]]
    assert row[header.index("constraint")] == "count-selected(.) <= 3"
