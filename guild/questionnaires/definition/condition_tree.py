"""What a parsed show-if condition is and how it evaluates: the syntax tree that
``conditions.parse_condition`` builds, and the comparison of answers it rests on (see the
rules in conditions.py). Evaluation never raises, whatever the answers. Standard library
only.
"""

from __future__ import annotations

import enum
import math
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final, TypeAlias

# ---------------------------------------------------------------------------------------------
# Values

COMPARATORS: Final = ("<=", ">=", "!=", "=", "<", ">")  # longest first
_APPLY: Final[dict[str, Callable[[Any, Any], Any]]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_CHOICES: Final = (list, tuple, set, frozenset)
_MAX_INT_BITS: Final = 4000  # Decimal(int) is slow for huge ints; none is a real answer
_PLAIN_NUMBER: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


class _Special(enum.Enum):
    EMPTY = "empty"  # an unanswered question
    OTHER = "other"  # an answer of a type conditions cannot compare


_Value: TypeAlias = Decimal | str | _Special


def _is_empty(answer: object) -> bool:
    if answer is None:
        return True
    if isinstance(answer, str):
        return len(answer) == 0
    return isinstance(answer, _CHOICES) and len(answer) == 0


def _value(answer: object) -> _Value:
    if _is_empty(answer):
        return _Special.EMPTY
    if isinstance(answer, str):
        return str.__str__(answer)
    if isinstance(answer, bool):
        return _Special.OTHER
    if isinstance(answer, int):
        return Decimal(answer) if answer.bit_length() <= _MAX_INT_BITS else _Special.OTHER
    if isinstance(answer, float):
        return Decimal(float.__repr__(answer)) if math.isfinite(answer) else _Special.OTHER
    if isinstance(answer, Decimal):
        return answer if answer.is_finite() else _Special.OTHER
    return _Special.OTHER


def _number(text: str) -> _Value:
    return Decimal(text) if _PLAIN_NUMBER.fullmatch(text) else _Special.OTHER


def _compare(comparator: str, left: _Value, right: _Value) -> bool:
    if left is _Special.EMPTY or right is _Special.EMPTY:
        other = right if left is _Special.EMPTY else left
        return comparator == "=" and other == ""
    if comparator in ("=", "!=") and (left == "" or right == ""):
        return bool(_APPLY[comparator](left, right))  # an emptiness test: any type will do
    if isinstance(left, str) and isinstance(right, Decimal):
        left = _number(left)
    elif isinstance(left, Decimal) and isinstance(right, str):
        right = _number(right)
    if (isinstance(left, str) and isinstance(right, str)) or (
        isinstance(left, Decimal) and isinstance(right, Decimal)
    ):
        return bool(_APPLY[comparator](left, right))
    return False


# ---------------------------------------------------------------------------------------------
# Syntax tree


@dataclass(frozen=True, slots=True)
class Reference:
    code: str

    def value(self, answers: Mapping[str, object]) -> _Value:
        return _value(answers.get(self.code))


@dataclass(frozen=True, slots=True)
class Constant:
    value_: Decimal | str

    def value(self, answers: Mapping[str, object]) -> _Value:
        return self.value_


@dataclass(frozen=True, slots=True)
class CountSelected:
    code: str

    def value(self, answers: Mapping[str, object]) -> _Value:
        answer = answers.get(self.code)
        if _is_empty(answer):
            return Decimal(0)
        if isinstance(answer, str):
            return Decimal(1)
        if isinstance(answer, _CHOICES) and all(isinstance(item, str) for item in answer):
            return Decimal(len({str.__str__(item) for item in answer}))
        return _Special.OTHER


@dataclass(frozen=True, slots=True)
class Selected:
    code: str
    option: str

    def evaluate(self, answers: Mapping[str, object]) -> bool:
        answer = answers.get(self.code)
        if _is_empty(answer):
            return False
        if isinstance(answer, str):
            return answer == self.option
        if isinstance(answer, _CHOICES):
            return any(isinstance(item, str) and item == self.option for item in answer)
        return False


@dataclass(frozen=True, slots=True)
class Comparison:
    comparator: str  # one of COMPARATORS
    left: Operand
    right: Operand

    def evaluate(self, answers: Mapping[str, object]) -> bool:
        return _compare(self.comparator, self.left.value(answers), self.right.value(answers))


@dataclass(frozen=True, slots=True)
class Not:
    operand: Expression

    def evaluate(self, answers: Mapping[str, object]) -> bool:
        return not self.operand.evaluate(answers)


@dataclass(frozen=True, slots=True)
class And:
    operands: tuple[Expression, ...]

    def evaluate(self, answers: Mapping[str, object]) -> bool:
        return all(operand.evaluate(answers) for operand in self.operands)


@dataclass(frozen=True, slots=True)
class Or:
    operands: tuple[Expression, ...]

    def evaluate(self, answers: Mapping[str, object]) -> bool:
        return any(operand.evaluate(answers) for operand in self.operands)


Operand: TypeAlias = Reference | Constant | CountSelected
Expression: TypeAlias = Comparison | Selected | Not | And | Or


@dataclass(frozen=True)
class Condition:
    """A parsed condition; build it with :func:`parse_condition`."""

    source: str
    references: frozenset[str]
    expression: Expression = field(repr=False)

    def evaluate(self, answers: Mapping[str, object]) -> bool:
        """Whether the condition holds for ``answers`` (question code to answer)."""
        return self.expression.evaluate(answers)
