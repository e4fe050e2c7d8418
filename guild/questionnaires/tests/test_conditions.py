"""Show-if conditions: exact examples of every rule (the properties are in
test_condition_properties.py)."""

import contextlib
import pickle
import time
from dataclasses import FrozenInstanceError
from decimal import Decimal

import pytest

from guild.questionnaires.definition.conditions import (
    ERROR_CODES,
    MAX_DEPTH,
    MAX_LENGTH,
    Condition,
    ConditionError,
    parse_condition,
)

ANSWERS: dict[str, object] = {
    "text": "manager",
    "num": 5,
    "dec": Decimal("2.5"),
    "float": 0.1,
    "numtext": "10",
    "multi": ["a", "b"],
    "choices": frozenset({"a"}),
    "single": "a",
    "empty": "",
    "none": None,
    "nothing": [],
    "flag": True,
    "obj": {"x": 1},
    "nan": float("nan"),
}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # numbers compare numerically
        ("${num} = 5", True),
        ("${num} = 5.0", True),
        ("${num} = 4", False),
        ("${num} != 5", False),
        ("${num} != 4", True),
        ("${num} < 6", True),
        ("${num} < 5", False),
        ("${num} <= 5", True),
        ("${num} <= 4.99", False),
        ("${num} > 4.99", True),
        ("${num} > 5", False),
        ("${num} >= 5", True),
        ("${num} >= 5.01", False),
        ("${num} > -1", True),
        ("${dec} = 2.50", True),
        ("${float} = 0.1", True),
        ("${numtext} > 9", True),
        ("9 < ${numtext}", True),
        ("'5' = 5", True),
        # text compares as text
        ("${text} = 'manager'", True),
        ('${text} = "manager"', True),
        ("${text} = 'Manager'", False),
        ("${text} != 'director'", True),
        ("${text} < 'n'", True),
        ("${text} >= 'z'", False),
        ("${numtext} > '9'", False),
        ("'a' < 'b'", True),
        # other pairings and other types compare false, whatever the operator
        ("${text} = 5", False),
        ("${text} != 5", False),
        ("${text} < 5", False),
        ("${multi} = 'a'", False),
        ("${multi} != 'a'", False),
        ("${flag} = 1", False),
        ("${obj} = 1", False),
        ("${nan} != 1", False),
        # empty answers
        ("${empty} = ''", True),
        ("${none} = ''", True),
        ("${missing} = ''", True),
        ("${nothing} = ''", True),
        ("'' = ${missing}", True),
        ("${empty} != ''", False),
        ("${missing} != ''", False),
        ("${text} = ''", False),
        ("${text} != ''", True),
        ("${num} != ''", True),
        ("${multi} != ''", True),
        ("${missing} = 'x'", False),
        ("${missing} != 'x'", False),
        ("${missing} < 1", False),
        ("${missing} >= 0", False),
        ("${missing} = ${none}", False),
        ("${missing} != ${none}", False),
        ("not(${missing} = 'x')", True),
        ("'' = ''", True),
        ("'' != 'a'", True),
        # selected
        ("selected(${multi}, 'a')", True),
        ("selected(${multi}, 'c')", False),
        ("selected(${choices}, 'a')", True),
        ("selected(${single}, 'a')", True),
        ("selected(${single}, 'b')", False),
        ("selected(${text}, 'man')", False),
        ("selected(${missing}, 'a')", False),
        ("selected(${num}, '5')", False),
        # count-selected
        ("count-selected(${multi}) = 2", True),
        ("count-selected(${multi}) > 1", True),
        ("count-selected(${choices}) = 1", True),
        ("count-selected(${single}) = 1", True),
        ("count-selected(${missing}) = 0", True),
        ("count-selected(${empty}) = 0", True),
        ("count-selected(${nothing}) = 0", True),
        ("count-selected(${num}) = 1", False),
        ("count-selected(${num}) != 1", False),
        # not > comparison > and > or
        ("${num} = 5 or ${num} = 6 and ${num} = 7", True),
        ("${num} = 6 and ${num} = 7 or ${num} = 5", True),
        ("(${num} = 5 or ${num} = 6) and ${num} = 7", False),
        ("${num} = 5 and ${num} = 6 or ${num} = 7", False),
        ("${num} = 5 and (${num} = 6 or ${num} = 5)", True),
        ("not(${num} = 5) or ${num} = 5", True),
        ("not(${num} = 5 or ${num} = 6)", False),
        ("not(not(${num} = 5))", True),
        ("${num} = 5 and not(${num} = 6)", True),
        ("((((${num} = 5))))", True),
        # whitespace is free
        ("${num}=5and${text}='manager'", True),
        ("\n\t${num}\r\n>=\t5 ", True),
        # XPath, refused before the expressions grew to it: a value where a truth value is
        # needed, unary minus, truth values compared, any expression as the option
        ("${text}", True),
        ("${empty}", False),
        ("${missing}", False),
        ("- 1 = 1", False),
        ("- 1 = -1", True),
        ("${text} = selected(${multi}, 'a')", True),
        ("selected(${multi}, 'a') = 1", True),
        ("selected(${multi}, 'c') = 1", False),
        ("selected(${multi}, ${single})", True),
        ("selected(${multi}, ${text})", False),
        ("selected(${numtext}, '10')", True),
        ("selected(${multi}, ' a ')", True),
    ],
)
def test_evaluates(source: str, expected: bool) -> None:
    assert parse_condition(source).evaluate(ANSWERS) is expected


@pytest.mark.parametrize(
    ("source", "code", "position"),
    [
        ("", "unexpected_end", 0),
        ("   ", "unexpected_end", 3),
        ("${a} = 1 and", "unexpected_end", 12),
        ("(${a} = 1", "unexpected_end", 9),
        ("selected(${a}, 'x'", "unexpected_end", 18),
        ("${a} = 1 #", "unknown_character", 9),
        ("${a} ! 1", "unknown_character", 5),
        ("${a} = 'abc", "unterminated_string", 7),
        ("${a} = \"abc'", "unterminated_string", 7),
        ("${a b} = 1", "invalid_reference", 0),
        ("${1a} = 1", "invalid_reference", 0),
        ("$a = 1", "invalid_reference", 0),
        ("${a} = 1 )", "unexpected_token", 9),
        ("${a} 1", "unexpected_token", 5),
        ("${a} = = 1", "unexpected_token", 7),
        ("${a} == 1", "unexpected_token", 6),
        ("${a} < 1 < 2", "unexpected_token", 9),
        ("${a} = 1 AND ${a} = 2", "unexpected_token", 9),
        ("not ${a} = 1", "unexpected_token", 4),
        ("and ${a} = 1", "unexpected_token", 0),
        ("foo(${a}) = 1", "unknown_function", 0),
        ("${a} = bar(1)", "unknown_function", 7),
        ("selected()", "wrong_argument_count", 9),
        ("selected(${a})", "wrong_argument_count", 13),
        ("selected(${a}, 'x', 'y')", "wrong_argument_count", 18),
        ("selected(${a}, 1)", "invalid_argument", 15),
        ("selected(${a}, -1)", "invalid_argument", 15),
        ("selected(${a}, true())", "invalid_argument", 15),
        ("count-selected() = 1", "wrong_argument_count", 15),
        ("count-selected(${a}, ${a}) = 1", "wrong_argument_count", 19),
        ("not()", "wrong_argument_count", 4),
        ("not(${a} = 1, ${a} = 2)", "wrong_argument_count", 12),
        ("selected('a', 'b')", "invalid_argument", 9),
        ("count-selected(3) = 1", "invalid_argument", 15),
        ("${a} = 1 and ${z} = 2", "unknown_reference", 13),
        ("selected(${z}, 'x')", "unknown_reference", 9),
        ("count-selected(${z}) = 0", "unknown_reference", 15),
        ("${z} = 1 #", "unknown_reference", 0),  # the first problem wins
        ("${a} # ${z}", "unknown_character", 5),
        ("x" * (MAX_LENGTH + 1), "too_long", MAX_LENGTH),
        ("(" * (MAX_DEPTH + 1) + "${a} = 1" + ")" * (MAX_DEPTH + 1), "too_deep", MAX_DEPTH),
        ("not(" * (MAX_DEPTH + 1) + "${a} = 1" + ")" * (MAX_DEPTH + 1), "too_deep", 4 * MAX_DEPTH),
    ],
)
def test_refuses(source: str, code: str, position: int) -> None:
    with pytest.raises(ConditionError) as caught:
        parse_condition(source, known_codes={"a"})
    error = caught.value
    assert (error.code, error.position) == (code, position)
    assert code in ERROR_CODES
    assert str(error) == error.message
    assert error.message.endswith(".")
    assert isinstance(error, ValueError)


def test_refuses_forward_and_self_references() -> None:
    # Callers pass only the codes of earlier questions: the question itself and later ones fail.
    with pytest.raises(ConditionError) as caught:
        parse_condition("${q2} = 'x'", known_codes=["q1"])
    assert (caught.value.code, caught.value.position) == ("unknown_reference", 0)
    assert parse_condition("${q1} = 'x'", known_codes=["q1"]).references == {"q1"}


def test_limits_are_inclusive() -> None:
    assert parse_condition("${a} = 1".ljust(MAX_LENGTH)).evaluate({"a": 1})
    deep = "(" * MAX_DEPTH + "${a} = 1" + ")" * MAX_DEPTH
    assert parse_condition(deep).evaluate({"a": 1})
    deep_not = "not(" * MAX_DEPTH + "${a} = 1" + ")" * MAX_DEPTH
    assert parse_condition(deep_not).evaluate({"a": 1}) is (MAX_DEPTH % 2 == 0)


@pytest.mark.parametrize(
    "source",
    [
        "(" * MAX_LENGTH,
        "not(" * (MAX_LENGTH // 4),
        ("${a} = 1 and " * 80)[:MAX_LENGTH],
        " or ".join(["${a} = 1"] * 83),
        "'" + "x" * (MAX_LENGTH - 1),
        "${" + "a" * (MAX_LENGTH - 2),
        "9" * MAX_LENGTH,
        "${a} = " + "1" * (MAX_LENGTH - 7),
        "x" * 10**6,
    ],
)
def test_hostile_sources_are_quick(source: str) -> None:
    started = time.perf_counter()
    with contextlib.suppress(ConditionError):
        parse_condition(source).evaluate({"a": "1" * 10**5})
    assert time.perf_counter() - started < 0.5


def test_condition_is_immutable_and_records_references() -> None:
    condition = parse_condition("selected(${b}, 'x') or count-selected(${c}) > ${a}")
    assert isinstance(condition, Condition)
    assert condition.source == "selected(${b}, 'x') or count-selected(${c}) > ${a}"
    assert condition.references == frozenset({"a", "b", "c"})
    with pytest.raises(FrozenInstanceError):
        condition.source = "1 = 1"  # type: ignore[misc]
    assert condition == parse_condition(condition.source)


def test_error_survives_pickling() -> None:
    error = pickle.loads(pickle.dumps(ConditionError("too_long", "Too long.", 3)))  # noqa: S301
    assert (error.code, error.message, error.position) == ("too_long", "Too long.", 3)
