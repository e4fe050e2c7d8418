"""Show-if conditions: three properties over generated expressions.

The generated expressions are trees of tuples, rendered to text with the fewest parentheses
that precedence allows (plus random redundant ones) and evaluated directly by ``model`` below,
which works over ``Fraction`` rather than the parser's ``Decimal``.
"""

import math
import re
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guild.questionnaires.definition.conditions import (
    ERROR_CODES,
    ConditionError,
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
