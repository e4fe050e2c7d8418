"""What expressions refuse, and how they hold against hostile input: each refusal with its
code, position and message; long, deep and catastrophic sources bounded in time; strange
answers never raising."""

import time
from decimal import Decimal

import pytest

from guild.questionnaires.definition.conditions import (
    ERROR_CODES,
    MAX_DEPTH,
    MAX_LENGTH,
    ConditionError,
    parse_calculation,
    parse_condition,
)


@pytest.mark.parametrize(
    ("source", "code", "position", "function"),
    [
        ("jr:choice-name(${a}, '${a}') = 'x'", "unknown_function", 0, "jr:choice-name"),
        ("pulldata('fruits', 'name', 'name', 'mango')", "unknown_function", 0, "pulldata"),
        ("${a} = random()", "unknown_function", 7, "random"),
        ("sum(${a}) > 1", "unknown_function", 0, "sum"),
        ("position(..) = 1", "unknown_function", 0, "position"),
        ("indexed-repeat(${a}, ${a}, 1)", "unknown_function", 0, "indexed-repeat"),
        ("decimal-date-time(${a}) > 1", "unknown_function", 0, "decimal-date-time"),
        ("COUNT-SELECTED(${a}) = 1", "unknown_function", 0, "COUNT-SELECTED"),
        ("concat(uuid(), 'x')", "unknown_function", 7, "uuid"),
    ],
)
def test_unknown_functions_are_named(source: str, code: str, position: int, function: str) -> None:
    with pytest.raises(ConditionError) as caught:
        parse_condition(source, known_codes={"a"})
    error = caught.value
    assert (error.code, error.position, error.function) == (code, position, function)
    assert error.message == f"There is no function called '{function}'."


@pytest.mark.parametrize(
    ("source", "code", "position"),
    [
        (". > 1", "self_not_allowed", 0),
        ("${a} = .", "self_not_allowed", 7),
        ("regex(., '[0-9]+')", "self_not_allowed", 6),
        ("state = ${a}", "name_not_allowed", 0),
        ("${a} = yes", "name_not_allowed", 7),
        ("because pyxform doesn't know what to do", "name_not_allowed", 0),
        ("/data/a = 1", "unsupported_path", 0),
        ("${a} = ../b", "unsupported_path", 7),
        ("${a} = ..", "unsupported_path", 7),
        ("${a} | ${a}", "unknown_character", 5),
        ("1e400", "unexpected_token", 1),
        ("${a} = 1 = 1", "unexpected_token", 9),
        ("${a} + ", "unexpected_end", 7),
        ("${a} * * 2", "unexpected_token", 7),
        ("${a} div", "unexpected_end", 8),
        ("div 2", "unexpected_token", 0),
        ("=FALSE()", "unexpected_token", 0),
        ("if(${a}, 1)", "wrong_argument_count", 10),
        ("if(${a}, 1, 2, 3)", "wrong_argument_count", 13),
        ("coalesce(${a})", "wrong_argument_count", 13),
        ("coalesce(${a}, 1, 2)", "wrong_argument_count", 16),
        ("today(1) = ''", "wrong_argument_count", 6),
        ("true(1)", "wrong_argument_count", 5),
        ("substr('a')", "wrong_argument_count", 10),
        ("round(1, 2, 3)", "wrong_argument_count", 10),
        ("concat(1, )", "wrong_argument_count", 10),
        ("concat(, 1)", "wrong_argument_count", 7),
        ("selected-at('a b', 0) = 'a'", "invalid_argument", 12),
        ("count-selected(${a} + 1) = 1", "invalid_argument", 15),
        ("selected(concat(${a}), 'x')", "invalid_argument", 9),
        ("regex(${a}, '(a)\\1')", "invalid_argument", 12),
        ("regex(${a}, '(?=a)')", "invalid_argument", 12),
        ("regex(${a}, '(')", "invalid_argument", 12),
        ("label::English != ''", "name_not_allowed", 0),
    ],
)
def test_refuses_what_cannot_be_used(source: str, code: str, position: int) -> None:
    with pytest.raises(ConditionError) as caught:
        parse_condition(source, known_codes={"a"})
    error = caught.value
    assert (error.code, error.position, error.function) == (code, position, None)
    assert code in ERROR_CODES
    assert error.message.endswith(".")


def test_calculations_refuse_dot_and_names() -> None:
    for source, code in ((". + 1", "self_not_allowed"), ("x + 1", "name_not_allowed")):
        with pytest.raises(ConditionError) as caught:
            parse_calculation(source)
        assert (caught.value.code, caught.value.position) == (code, 0)
    with pytest.raises(ConditionError) as caught:
        parse_calculation("   ")
    assert (caught.value.code, caught.value.position, caught.value.message) == (
        "unexpected_end",
        3,
        "The calculation is empty.",
    )
    with pytest.raises(ConditionError) as caught:
        parse_calculation("${b} + 1", known_codes={"a"})
    assert (caught.value.code, caught.value.position) == ("unknown_reference", 0)


def test_names_in_a_choice_filter_need_no_parenthesis_but_functions_do() -> None:
    with pytest.raises(ConditionError) as caught:
        parse_condition("label::English != ''", allow_names=True)
    assert (caught.value.code, caught.value.position) == ("unknown_character", 5)
    with pytest.raises(ConditionError) as caught:
        parse_condition("not ${a} = 1")
    assert (caught.value.code, caught.value.position) == ("unexpected_token", 4)


def test_regex_pattern_errors_say_what_is_wrong() -> None:
    with pytest.raises(ConditionError) as caught:
        parse_condition("regex(${a}, '(a)\\1')")
    assert caught.value.message == (
        "This pattern cannot be used (invalid escape sequence: \\1); back-references and "
        "look-arounds are not supported."
    )


def test_hostile_input_is_quick_and_bounded() -> None:
    started = time.perf_counter()
    with pytest.raises(ConditionError) as caught:
        parse_condition("(" * 10_000 + "1" + ")" * 10_000)
    assert (caught.value.code, caught.value.position) == ("too_long", MAX_LENGTH)
    assert time.perf_counter() - started < 0.5
    deep_calls = "abs(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1)
    with pytest.raises(ConditionError) as caught:
        parse_calculation(deep_calls)
    assert (caught.value.code, caught.value.position) == ("too_deep", 4 * MAX_DEPTH)
    assert parse_calculation("abs(" * MAX_DEPTH + "-1" + ")" * MAX_DEPTH).value({}) == 1
    # operators chain without nesting: long sources stay flat and quick
    for source in (
        "1" + " + 1" * 249,
        "-" * (MAX_LENGTH - 1) + "1",
        "${a}" + " * ${a}" * 140,
        "concat(" + ", ".join(["${a}"] * 160) + ")",
        " or ".join(["regex(${a}, '(a+)+$')"] * 40),
        "9" * MAX_LENGTH,
        "9" * 499 + "*" + "9" * 500,
    ):
        assert len(source) <= MAX_LENGTH
        started = time.perf_counter()
        calculation = parse_calculation(source)
        for answer in ("a" * 10_000, 10**1200, "9" * 1000):
            calculation.value({"a": answer})
        assert time.perf_counter() - started < 0.5
    assert parse_calculation("1" + " + 1" * 249).value({}) == 250
    assert parse_calculation("-" * (MAX_LENGTH - 1) + "1").value({}) == -1


def test_catastrophic_patterns_finish_fast() -> None:
    condition = parse_condition("regex(${a}, '(a+)+$')")
    started = time.perf_counter()
    assert condition.evaluate({"a": "a" * 10_000 + "b"}) is False
    assert condition.evaluate({"a": "a" * 10_000}) is True
    assert condition.evaluate({"a": "a" * 100_001}) is False  # longer than any answer
    evil = parse_condition("regex(${a}, ${b})")
    assert evil.evaluate({"a": "a" * 10_000 + "!", "b": "(a|aa)*c"}) is False
    assert evil.evaluate({"a": "x", "b": "(x)\\1"}) is False
    assert time.perf_counter() - started < 0.5


def test_evaluation_never_raises_on_strange_answers() -> None:
    strange: list[object] = [
        float("nan"),
        float("inf"),
        Decimal("NaN"),
        Decimal("-Infinity"),
        10**5000,
        True,
        object(),
        {"a": 1},
        [1, 2],
        ["a", None],
        "\ud800",
        b"bytes",
        complex(1, 2),
    ]
    sources = [
        "regex(${a}, '.*')",
        "${a} + 1",
        "concat(${a}, ${a})",
        "selected(${a}, 'a')",
        "count-selected(${a})",
        "selected-at(${a}, 0)",
        "date(${a})",
        "round(${a}, ${a})",
        "substr(${a}, ${a}, ${a})",
        "int(${a})",
        "pow(${a}, ${a})",
        "${a} = ${a}",
        "${a} < today()",
        "sqrt(${a})",
        "sin(${a})",
    ]
    for source in sources:
        calculation = parse_calculation(source)
        condition = parse_condition(source)
        for answer in strange:
            result = calculation.value({"a": answer})
            assert result is None or isinstance(result, str | int | Decimal)
            assert isinstance(condition.evaluate({"a": answer}), bool)
