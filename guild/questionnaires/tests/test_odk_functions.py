"""ODK's ``now()`` and ``jr:choice-name()``, as public forms use them: evaluated by the
server (now in the site's time zone, a choice's label in the respondent's language), read
from an XLSForm without a review note, exported so that pyxform converts them. What Guild
still does not evaluate (``pulldata``, ``random``, repeat functions) is reviewed."""

import datetime
import zoneinfo

import pytest
from django.utils import translation

from guild.questionnaires.definition.calculations import calculated
from guild.questionnaires.definition.condition_tree import functions
from guild.questionnaires.definition.conditions import (
    ConditionError,
    parse_calculation,
    parse_condition,
)
from guild.questionnaires.tests.xlsform_workbooks import converts, notes, read, workbook

TORONTO = zoneinfo.ZoneInfo("America/Toronto")


@pytest.fixture
def moment(monkeypatch: pytest.MonkeyPatch) -> None:
    at = datetime.datetime(2024, 5, 31, 14, 3, 7, 250_000, tzinfo=TORONTO)
    monkeypatch.setattr(functions, "now", lambda: at)


def test_now_is_the_moment_as_odk_writes_it(moment: None) -> None:
    assert parse_calculation("now()").value({}) == "2024-05-31T14:03:07.250-04:00"
    assert parse_calculation("date(now())").value({}) == "2024-05-31"
    assert parse_calculation("format-date-time(now(), '%Y-%m-%d %H:%M')").value({}) == (
        "2024-05-31 14:03"
    )
    assert parse_condition("date(now()) = '2024-05-31'").evaluate({}) is True
    assert parse_condition("${due} < date(now())").evaluate({"due": "2024-05-30"}) is True


def test_choice_name_is_the_label_in_the_respondents_language() -> None:
    calculation = parse_calculation("jr:choice-name(${fruit}, '${fruit}')")
    assert calculation.references == frozenset({"fruit"})
    labels = {"fruit": {"mango": "Mango", "pear": "Pear"}}
    assert calculation.value({"fruit": "mango"}, labels=labels) == "Mango"
    assert calculation.value({"fruit": "plum"}, labels=labels) is None
    assert calculation.value({}, labels=labels) is None
    assert calculation.value({"fruit": "mango"}) is None  # no labels at hand


def test_choice_name_is_for_calculations_and_names_its_question_in_quotes() -> None:
    with pytest.raises(ConditionError) as caught:
        parse_condition("jr:choice-name(${fruit}, '${fruit}') = 'Mango'")
    assert (caught.value.code, caught.value.function) == ("unknown_function", "jr:choice-name")
    with pytest.raises(ConditionError) as caught:
        parse_calculation("jr:choice-name(${fruit}, 'fruit')")
    assert (caught.value.code, caught.value.position) == ("invalid_argument", 25)
    assert caught.value.message == (
        "This argument must name the question in quotes, like '${question_code}'."
    )
    with pytest.raises(ConditionError) as caught:
        parse_calculation("jr:choice-name(${fruit}, '${fruit}')", known_codes={"other"})
    assert caught.value.code == "unknown_reference"


_FORM = workbook(
    [
        ["type", "name", "label::English (en)", "label::French (fr)", "calculation"],
        ["select_one fruits", "fruit", "Fruit?", "Fruit ?", ""],
        ["calculate", "fruit_name", "", "", "jr:choice-name(${fruit}, '${fruit}')"],
        ["calculate", "started", "", "", "now()"],
        ["calculate", "draw", "", "", "random()"],
        ["text", "why", "Why ${fruit_name}?", "Pourquoi ${fruit_name} ?", ""],
    ],
    [
        ["list_name", "name", "label::English (en)", "label::French (fr)"],
        ["fruits", "mango", "Mango", "Mangue"],
        ["fruits", "pear", "Pear", "Poire"],
    ],
    [["form_title", "guild_title_fr"], ["Fruit", "Fruits"]],
)


def test_an_xlsform_using_them_comes_in_and_exports(moment: None) -> None:
    reading = read(_FORM)
    definition = reading.definition
    assert [q.code for q in definition.questions] == ["fruit", "fruit_name", "started", "why"]
    assert definition.question("fruit_name").calculation == ("jr:choice-name(${fruit}, '${fruit}')")
    assert definition.question("why").label.fr == "Pourquoi ${fruit_name} ?"
    assert notes(reading) == (
        [],
        [
            (
                "survey!E5",
                "calculation_dropped",
                "Guild cannot work out “random()”. The calculation cannot come in.",
            )
        ],
    )
    with translation.override("fr"):
        french = calculated(definition, {"fruit": "pear"})
    assert french == {"fruit_name": "Poire", "started": "2024-05-31T14:03:07.250-04:00"}
    assert calculated(definition, {"fruit": "mango"}, language="en")["fruit_name"] == "Mango"
    again = read(converts(definition))
    assert again.definition == definition
