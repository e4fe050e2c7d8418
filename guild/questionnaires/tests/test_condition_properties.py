"""Expressions: properties over generated expressions.

The generated expressions are trees of tuples, rendered to text with the fewest parentheses
that precedence allows (plus random redundant ones) and evaluated directly by ``model`` below,
which works over ``Fraction`` rather than the parser's ``Decimal``. Arithmetic has a model
of its own (``arithmetic_model``); every function of the grammar, with "." and bare names,
goes through the never-raises property.
"""

import datetime
import math
import re
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guild.questionnaires.definition.condition_tree import CHOICE_NAME, FUNCTIONS
from guild.questionnaires.definition.conditions import (
    ERROR_CODES,
    Calculation,
    Condition,
    ConditionError,
    parse_calculation,
    parse_condition,
)

CODES = ("a", "b", "c")
OPTIONS = ("a", "b", "ab", "")
COMPARATORS = ("=", "!=", "<", "<=", ">", ">=")

numbers = st.one_of(
    st.integers(-20, 20).map(str),
    st.tuples(st.integers(-3, 3), st.integers(0, 99)).map(lambda p: f"{p[0]}.{p[1]:02d}"),
)
texts = st.text(alphabet="ab1-.' \"", max_size=4).filter(lambda t: not ("'" in t and '"' in t))
operands = st.one_of(
    st.tuples(st.just("ref"), st.sampled_from(CODES)),
    st.tuples(st.just("num"), numbers),
    st.tuples(st.just("str"), texts),
    st.tuples(st.just("count"), st.sampled_from(CODES)),
)
leaves = st.one_of(
    st.tuples(st.just("cmp"), st.sampled_from(COMPARATORS), operands, operands),
    st.tuples(st.just("sel"), st.sampled_from(CODES), st.sampled_from(OPTIONS)),
)
expressions = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.tuples(st.just("not"), inner),
        st.tuples(st.just("paren"), inner),
        st.tuples(st.sampled_from(["and", "or"]), inner, inner),
    ),
    max_leaves=12,
)
answer_values = st.one_of(
    st.none(),
    st.just(""),
    texts,
    st.sampled_from(["1", "-2.5", "0", "01", "1.", "20", " 1"]),
    st.integers(-25, 25),
    st.decimals(min_value=-25, max_value=25, places=2),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.floats(-25, 25) | st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.lists(st.sampled_from(OPTIONS), max_size=3),
    st.frozensets(st.sampled_from(OPTIONS), max_size=3),
    st.tuples(st.sampled_from(OPTIONS)),
)
answer_maps = st.dictionaries(st.sampled_from(CODES), answer_values)


def quote(text: str) -> str:
    return f'"{text}"' if "'" in text else f"'{text}'"


def render_operand(node: tuple[Any, ...], space: str) -> str:
    kind, value = node
    if kind == "ref":
        return f"${{{value}}}"
    if kind == "num":
        return str(value)
    if kind == "str":
        return quote(value)
    return f"count-selected({space}${{{value}}}{space})"


def render(node: tuple[Any, ...], space: str, context: str = "or") -> str:
    """Render ``node`` with only the parentheses that precedence needs (and the "paren" ones)."""
    kind = node[0]
    if kind == "cmp":
        _, comparator, left, right = node
        return (
            f"{render_operand(left, space)}{space}{comparator}{space}{render_operand(right, space)}"
        )
    if kind == "sel":
        return f"selected({space}${{{node[1]}}}{space},{space}{quote(node[2])}{space})"
    if kind == "not":
        return f"not({space}{render(node[1], space)}{space})"
    if kind == "paren":
        return f"({space}{render(node[1], space)}{space})"
    text = f" {kind} ".join(render(child, space, kind) for child in node[1:])
    return f"({space}{text}{space})" if kind == "or" and context == "and" else text


EMPTY = object()
OTHER = object()


def model_value(node: tuple[Any, ...], answers: Mapping[str, object]) -> object:
    kind, value = node
    if kind == "num":
        return Fraction(value)
    if kind == "str":
        return value
    answer = answers.get(value)
    empty = (
        answer is None
        or answer == ""
        or (isinstance(answer, list | tuple | frozenset) and not answer)
    )
    if kind == "count":
        if empty:
            return Fraction(0)
        if isinstance(answer, str):
            return Fraction(1)
        if isinstance(answer, list | tuple | frozenset):
            return Fraction(len(set(answer)))
        return OTHER
    if empty:
        return EMPTY
    if isinstance(answer, str):
        return answer
    if isinstance(answer, int) and not isinstance(answer, bool):
        return Fraction(answer)
    if isinstance(answer, float) and math.isfinite(answer):
        return Fraction(repr(answer))
    if isinstance(answer, Decimal) and answer.is_finite():
        return Fraction(answer)
    return OTHER


def model_compare(comparator: str, left: object, right: object) -> bool:
    if left is EMPTY or right is EMPTY:
        return comparator == "=" and "" in (left, right)
    if comparator == "=" and "" in (left, right):
        return left == right
    if comparator == "!=" and "" in (left, right):
        return left != right
    if isinstance(left, str) and isinstance(right, Fraction):
        left = Fraction(left) if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", left) else OTHER
    if isinstance(right, str) and isinstance(left, Fraction):
        right = Fraction(right) if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", right) else OTHER
    if not (
        (isinstance(left, str) and isinstance(right, str))
        or (isinstance(left, Fraction) and isinstance(right, Fraction))
    ):
        return False
    return {
        "=": left == right,
        "!=": left != right,
        "<": left < right,  # type: ignore[operator]
        "<=": left <= right,  # type: ignore[operator]
        ">": left > right,  # type: ignore[operator]
        ">=": left >= right,  # type: ignore[operator]
    }[comparator]


def model(node: tuple[Any, ...], answers: Mapping[str, object]) -> bool:
    kind = node[0]
    if kind == "cmp":
        _, comparator, left, right = node
        return model_compare(comparator, model_value(left, answers), model_value(right, answers))
    if kind == "sel":
        answer = answers.get(node[1])
        if isinstance(answer, str):
            return answer != "" and answer == node[2]
        return isinstance(answer, list | tuple | frozenset) and node[2] in answer
    if kind == "not":
        return not model(node[1], answers)
    if kind == "paren":
        return model(node[1], answers)
    if kind == "and":
        return model(node[1], answers) and model(node[2], answers)
    return model(node[1], answers) or model(node[2], answers)


def codes_in(node: tuple[Any, ...]) -> set[str]:
    kind = node[0]
    if kind in ("ref", "count", "sel"):
        return {node[1]}
    if kind in ("num", "str"):
        return set()
    return set().union(*(codes_in(child) for child in node[1:] if isinstance(child, tuple)))


fragments = st.sampled_from(
    [
        "${a}", "${b}", "${", "$", "}", "a", " and ", " or ", "not(", "not", "selected(",
        "count-selected(", "foo(", "(", ")", ",", "'x'", "'", '"', "=", "!=", "<", "<=", ">",
        ">=", "!", "1", "-2.5", "-", ".", " ", "\n", "é", "\x00",
        "+", "*", " div ", " mod ", "..", "/", "|", ":", "name", "state", "concat(", "regex(",
        "if(", "coalesce(", "round(", "substr(", "today()", "date(", "jr:choice-name(",
        "selected-at(", "true()", "'(a+)+$'", "\u2018", "\u2019", "'[0-9]{2}'", "5.", ".5",
    ]
)  # fmt: skip
sources = st.one_of(
    st.text(max_size=200),
    st.lists(fragments, max_size=60).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(
    source=sources,
    known=st.none() | st.frozensets(st.sampled_from(CODES)),
    kind=st.sampled_from(["relevant", "constraint", "choice_filter", "calculation"]),
)
def test_parse_raises_only_condition_errors(
    source: str, known: frozenset[str] | None, kind: str
) -> None:
    try:
        if kind == "calculation":
            parsed: Condition | Calculation = parse_calculation(source, known_codes=known)
        else:
            parsed = parse_condition(
                source,
                known_codes=known,
                allow_self=kind == "constraint",
                allow_names=kind == "choice_filter",
            )
    except ConditionError as error:
        assert error.code in ERROR_CODES
        assert 0 <= error.position <= len(source)
        assert (error.function is not None) is (error.code == "unknown_function")
    else:
        assert known is None or parsed.references <= known
        if isinstance(parsed, Calculation):
            assert parsed.value({}) is None or isinstance(parsed.value({}), str | int | Decimal)
        else:
            assert isinstance(parsed.evaluate({}, current="x", names={"name": "y"}), bool)


@settings(max_examples=300, deadline=None)
@given(tree=expressions, answers=answer_maps, space=st.sampled_from(["", " ", " \n\t"]))
def test_rendered_expressions_evaluate_like_the_model(
    tree: tuple[Any, ...], answers: dict[str, object], space: str
) -> None:
    source = render(tree, space)
    codes = codes_in(tree)
    condition = parse_condition(source, known_codes=codes)
    assert condition.references == codes
    assert condition.evaluate(answers) is model(tree, answers)
    for code in codes:
        with pytest.raises(ConditionError) as caught:
            parse_condition(source, known_codes=codes - {code})
        assert caught.value.code == "unknown_reference"
        assert caught.value.position == source.index(f"${{{code}}}")


class Hostile:
    def __eq__(self, other: object) -> bool:
        raise RuntimeError("compared")

    def __hash__(self) -> int:
        raise RuntimeError("hashed")


wild_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(1000, 6000).map(lambda n: 10**n),
        st.sampled_from([-(2**4000), 2**4000 - 1]),
        st.floats(),
        st.decimals(),
        st.fractions(),
        st.complex_numbers(),
        st.text(),
        st.binary(),
        st.builds(Hostile),
        st.builds(object),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.tuples(inner, inner),
        st.dictionaries(st.text(max_size=2), inner, max_size=2),
        st.frozensets(st.text(max_size=2) | st.integers(), max_size=3),
    ),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(tree=expressions, answers=st.dictionaries(st.sampled_from(CODES), wild_values))
def test_evaluate_never_raises(tree: tuple[Any, ...], answers: dict[str, object]) -> None:
    assert isinstance(parse_condition(render(tree, " ")).evaluate(answers), bool)


# ---------------------------------------------------------------------------------------------
# Arithmetic: + - * mod and unary minus, against a model over Fraction

ARITHMETIC_TEXTS = ("'3'", "' 3 '", "'1.'", "'.5'", "'x'", "'2024-02-29'", "'2023-02-29'")
arithmetic_leaves = st.one_of(
    st.tuples(st.just("ref"), st.sampled_from(CODES)),
    st.tuples(st.just("num"), st.integers(0, 20).map(str) | st.sampled_from(["0.25", "1.5"])),
    st.tuples(st.just("lit"), st.sampled_from(ARITHMETIC_TEXTS)),
    st.tuples(st.just("count"), st.sampled_from(CODES)),
)
arithmetic = st.recursive(
    arithmetic_leaves,
    lambda inner: st.one_of(
        st.tuples(st.just("neg"), inner),
        st.tuples(st.sampled_from(["+", "-", "*", "mod"]), inner, inner),
    ),
    max_leaves=4,
)
arithmetic_answers = st.dictionaries(
    st.sampled_from(CODES),
    st.one_of(
        st.none(),
        st.just(""),
        st.integers(-25, 25),
        st.decimals(min_value=-25, max_value=25, places=2),
        st.sampled_from(["1", "-2.5", " 3 ", "1.", ".5", "x", "2024-02-29", "2023-02-29"]),
        st.lists(st.sampled_from(OPTIONS), max_size=3),
    ),
)
NAN = object()
XPATH_NUMBER = re.compile(r"\s*-?([0-9]+(\.[0-9]*)?|\.[0-9]+)\s*")
EPOCH = datetime.date(1970, 1, 1)


def date_days(text: str) -> Fraction | None:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return None
    try:
        return Fraction((datetime.date.fromisoformat(text) - EPOCH).days)
    except ValueError:
        return None


def render_arithmetic(node: tuple[Any, ...]) -> str:
    kind = node[0]
    if kind == "ref":
        return f"${{{node[1]}}}"
    if kind in ("num", "lit"):
        return str(node[1])
    if kind == "count":
        return f"count-selected(${{{node[1]}}})"
    if kind == "neg":
        return f"-{render_arithmetic(node[1])}"
    return f"({render_arithmetic(node[1])} {kind} {render_arithmetic(node[2])})"


def arithmetic_number(value: object) -> object:
    """XPath's number() in the model: a Fraction, or NAN."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, str):
        if XPATH_NUMBER.fullmatch(value):
            return Fraction(value.strip())
        days = date_days(value)
        return NAN if days is None else days
    return NAN


def arithmetic_model(node: tuple[Any, ...], answers: Mapping[str, object]) -> object:
    """A leaf's value as model_value gives it; an operation's result as a Fraction or NAN."""
    kind = node[0]
    if kind == "lit":
        return node[1][1:-1]
    if kind in ("ref", "num", "count"):
        return model_value(node, answers)
    if kind == "neg":
        number = arithmetic_number(arithmetic_model(node[1], answers))
        return NAN if number is NAN else -number  # type: ignore[operator]
    left = arithmetic_number(arithmetic_model(node[1], answers))
    right = arithmetic_number(arithmetic_model(node[2], answers))
    if not isinstance(left, Fraction) or not isinstance(right, Fraction):
        return NAN
    if kind == "+":
        return left + right
    if kind == "-":
        return left - right
    if kind == "*":
        return left * right
    if right == 0:
        return NAN
    return left - right * math.trunc(left / right)  # the sign of the dividend


def arithmetic_compare(comparator: str, left: object, right: object) -> bool:
    if left is NAN:
        left = OTHER
    if right is NAN:
        right = OTHER
    if isinstance(left, str) and isinstance(right, Fraction) and date_days(left) is not None:
        left = date_days(left)
    if isinstance(right, str) and isinstance(left, Fraction) and date_days(right) is not None:
        right = date_days(right)
    return model_compare(comparator, left, right)


@settings(max_examples=300, deadline=None)
@given(
    left=arithmetic,
    right=arithmetic,
    comparator=st.sampled_from(COMPARATORS),
    answers=arithmetic_answers,
)
def test_arithmetic_evaluates_like_the_model(
    left: tuple[Any, ...],
    right: tuple[Any, ...],
    comparator: str,
    answers: dict[str, object],
) -> None:
    source = f"{render_arithmetic(left)} {comparator} {render_arithmetic(right)}"
    expected = arithmetic_compare(
        comparator, arithmetic_model(left, answers), arithmetic_model(right, answers)
    )
    assert parse_condition(source).evaluate(answers) is expected
    result = parse_calculation(render_arithmetic(left)).value(answers)
    modelled = arithmetic_model(left, answers)
    if isinstance(modelled, Fraction):
        assert result == modelled
        assert isinstance(result, int) is (modelled.denominator == 1)
    elif modelled is NAN or modelled is OTHER or modelled is EMPTY:
        assert result is None or not isinstance(result, int | Decimal)


# ---------------------------------------------------------------------------------------------
# Every function, with "." and bare names, never raises


def function_call(draw: st.DrawFn, inner: st.SearchStrategy[str], name: str) -> str:
    function = FUNCTIONS[name]
    most = function.maximum if function.maximum is not None else function.minimum + 3
    count = draw(st.integers(function.minimum, most))
    arguments = [draw(inner) for _ in range(count)]
    if function.source_first and arguments:
        arguments[0] = draw(st.sampled_from(["${a}", "${b}", ".", "name", "state"]))
    if name == "selected" and len(arguments) > 1:
        arguments[1] = draw(st.sampled_from(["'a'", "${c}", "name", "' b '"]))
    if name == "regex" and len(arguments) > 1:
        arguments[1] = draw(st.sampled_from(["'(a+)+$'", "'[0-9]{2}'", "${c}", "'.*'"]))
    return f"{name}({', '.join(arguments)})"


# jr:choice-name belongs to calculations only (test_odk_functions covers it).
CONDITION_FUNCTIONS = sorted(set(FUNCTIONS) - {CHOICE_NAME})

full_leaves = st.sampled_from(
    ["${a}", "${b}", "${c}", ".", "name", "state", "0", "1.5", "''", "'2024-02-29'", "'x y'"]
)
full_expressions = st.recursive(
    full_leaves,
    lambda inner: st.one_of(
        st.builds(lambda x: f"-{x}", inner),
        st.builds(lambda x: f"({x})", inner),
        st.builds(
            lambda left, operator, right: f"{left} {operator} {right}",
            inner,
            st.sampled_from(["+", "-", "*", "div", "mod", "and", "or"]),
            inner,
        ),
        st.builds(
            lambda left, comparator, right: f"({left} {comparator} {right})",
            inner,
            st.sampled_from(COMPARATORS),
            inner,
        ),
        st.composite(
            lambda draw: function_call(draw, inner, draw(st.sampled_from(CONDITION_FUNCTIONS)))
        )(),
    ),
    max_leaves=10,
)


@settings(max_examples=400, deadline=None)
@given(
    source=full_expressions,
    answers=st.dictionaries(st.sampled_from(CODES), wild_values),
    current=wild_values,
    names=st.dictionaries(st.sampled_from(["name", "state"]), wild_values),
)
def test_every_function_evaluates_without_raising(
    source: str, answers: dict[str, object], current: object, names: dict[str, object]
) -> None:
    condition = parse_condition(source, allow_self=True, allow_names=True)
    assert isinstance(condition.evaluate(answers, current=current, names=names), bool)
    if "." not in source.replace("1.5", "") and "name" not in source and "state" not in source:
        result = parse_calculation(source).value(answers)
        assert result is None or type(result) in (str, int, Decimal)
