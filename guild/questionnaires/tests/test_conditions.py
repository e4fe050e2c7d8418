"""Show-if conditions: exact examples of every rule, then three properties.

The generated expressions are trees of tuples, rendered to text with the fewest parentheses
that precedence allows (plus random redundant ones) and evaluated directly by ``model`` below,
which works over ``Fraction`` rather than the parser's ``Decimal``.
"""

import contextlib
import math
import pickle
import re
import time
from collections.abc import Mapping
from dataclasses import FrozenInstanceError
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    ],
)
def test_evaluates(source: str, expected: bool) -> None:
    assert parse_condition(source).evaluate(ANSWERS) is expected


@pytest.mark.parametrize(
    ("source", "code", "position"),
    [
        ("", "unexpected_end", 0),
        ("   ", "unexpected_end", 3),
        ("${a}", "unexpected_end", 4),
        ("${a} = 1 and", "unexpected_end", 12),
        ("(${a} = 1", "unexpected_end", 9),
        ("selected(${a}, 'x'", "unexpected_end", 18),
        ("${a} = 1 #", "unknown_character", 9),
        ("- 1 = 1", "unknown_character", 0),
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
        ("${a} = selected(${a}, 'x')", "unexpected_token", 7),
        ("selected(${a}, 'x') = 1", "unexpected_token", 20),
        ("foo(${a}) = 1", "unknown_function", 0),
        ("${a} = bar(1)", "unknown_function", 7),
        ("selected()", "wrong_argument_count", 9),
        ("selected(${a})", "wrong_argument_count", 13),
        ("selected(${a}, 'x', 'y')", "wrong_argument_count", 18),
        ("count-selected() = 1", "wrong_argument_count", 15),
        ("count-selected(${a}, ${a}) = 1", "wrong_argument_count", 19),
        ("not()", "wrong_argument_count", 4),
        ("not(${a} = 1, ${a} = 2)", "wrong_argument_count", 12),
        ("selected('a', 'b')", "invalid_argument", 9),
        ("selected(${a}, ${a})", "invalid_argument", 15),
        ("selected(${a}, 1)", "invalid_argument", 15),
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
    error = pickle.loads(pickle.dumps(ConditionError("too_long", "Too long.", 3)))
    assert (error.code, error.message, error.position) == ("too_long", "Too long.", 3)


# ---------------------------------------------------------------------------------------------
# Properties

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
    ]
)  # fmt: skip
sources = st.one_of(
    st.text(max_size=200),
    st.lists(fragments, max_size=60).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(source=sources, known=st.none() | st.frozensets(st.sampled_from(CODES)))
def test_parse_raises_only_condition_errors(source: str, known: frozenset[str] | None) -> None:
    try:
        condition = parse_condition(source, known_codes=known)
    except ConditionError as error:
        assert error.code in ERROR_CODES
        assert 0 <= error.position <= len(source)
    else:
        assert known is None or condition.references <= known
        assert isinstance(condition.evaluate({}), bool)


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
