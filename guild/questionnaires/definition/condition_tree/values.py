"""The values an expression works on — what an answer stands for, XPath's conversions
between numbers, text and truth values, and comparisons — and the leaves of the syntax tree
that produce them: what an expression sees (``Scope``), ``${q}``, ``.``, bare names and
constants. No database.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import math
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final, TypeAlias

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
_XPATH_NUMBER: Final = re.compile(r"\s*-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*")
_ISO_DATE: Final = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
EPOCH: Final = datetime.date(1970, 1, 1)
MAX_PLAIN_DIGITS: Final = 40  # larger or smaller numbers are written with an exponent
MAX_TEXT: Final = 100_000  # longer answers are not text a person typed; they match nothing
# Arithmetic keeps 40 significant digits (no float rounding: 0.1 + 0.2 = 0.3) and refuses
# results beyond 10**±9999 instead of building ever larger numbers.
ARITHMETIC: Final = decimal.Context(
    prec=40,
    Emax=9999,
    Emin=-9999,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
# Rounding and remainders keep every digit of any number an expression can hold.
EXACT: Final = ARITHMETIC.copy()
EXACT.prec = 2500
# Writing a number out keeps its digits and never fails, whatever its exponent.
WRITING: Final = decimal.Context(
    prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN, traps=[]
)


class _Special(enum.Enum):
    EMPTY = "empty"  # an unanswered question
    OTHER = "other"  # not computable (NaN), or an answer of a type expressions cannot use


EMPTY: Final = _Special.EMPTY
OTHER: Final = _Special.OTHER


@dataclass(frozen=True, slots=True)
class Choices:
    """A non-empty answer made of several option codes (a multiple-choice answer)."""

    codes: tuple[str, ...]


Value: TypeAlias = Decimal | str | bool | Choices | _Special


def is_empty(answer: object) -> bool:
    if answer is None:
        return True
    if isinstance(answer, str):
        return len(answer) == 0
    return isinstance(answer, _CHOICES) and len(answer) == 0


def choice_codes(answer: object) -> tuple[str, ...] | None:
    """The option codes of an answer given as a list, tuple or set (sets in code order);
    None for any other answer."""
    if not isinstance(answer, _CHOICES) or not all(isinstance(item, str) for item in answer):
        return None
    codes = [str.__str__(item) for item in answer]
    return tuple(codes if isinstance(answer, list | tuple) else sorted(codes))


def to_value(answer: object) -> Value:
    """The value an answer (question code to answer mapping entry) stands for."""
    if is_empty(answer):
        return EMPTY
    if isinstance(answer, str):
        return str.__str__(answer)
    if isinstance(answer, bool):
        return OTHER
    if isinstance(answer, int):
        return Decimal(answer) if answer.bit_length() <= _MAX_INT_BITS else OTHER
    if isinstance(answer, float):
        return Decimal(float.__repr__(answer)) if math.isfinite(answer) else OTHER
    if isinstance(answer, Decimal):
        return answer if answer.is_finite() else OTHER
    codes = choice_codes(answer)
    return OTHER if codes is None else Choices(codes)


def date_days(text: str) -> Decimal | None:
    """Days since 1970-01-01 of a "YYYY-MM-DD" date, None for any other text."""
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        return None
    try:
        date = datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return Decimal((date - EPOCH).days)


def _compared_number(text: str) -> Decimal | _Special:
    if _PLAIN_NUMBER.fullmatch(text):
        return Decimal(text)
    days = date_days(text)
    return OTHER if days is None else days


def to_number(value: Value) -> Decimal | None:
    """XPath's number(): None stands for NaN (not computable)."""
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        if len(value) <= MAX_TEXT and _XPATH_NUMBER.fullmatch(value):
            return Decimal(value.strip())
        return date_days(value)
    return None


def _format_number(number: Decimal) -> str:
    if number.is_zero():
        return "0"
    if abs(number.adjusted()) > MAX_PLAIN_DIGITS:
        return str(number.normalize(WRITING))
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def to_string(value: Value) -> str:
    """XPath's string(), except that a value that cannot be computed is empty, not "NaN"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return _format_number(value)
    if isinstance(value, Choices):
        return " ".join(value.codes)
    return ""


def to_boolean(value: Value) -> bool:
    """XPath's boolean(): non-zero numbers, non-empty text and answers are true."""
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return not value.is_zero()
    if isinstance(value, str):
        return len(value) > 0
    return isinstance(value, Choices)


def number_value(number: Decimal | None) -> Decimal | _Special:
    return OTHER if number is None else number


def compare(comparator: str, left: Value, right: Value) -> bool:
    if left is EMPTY or right is EMPTY:
        other = right if left is EMPTY else left
        return comparator == "=" and other == ""
    if isinstance(left, bool) or isinstance(right, bool):
        if comparator in ("=", "!="):
            if isinstance(left, _Special | Choices) or isinstance(right, _Special | Choices):
                return False
            return bool(_APPLY[comparator](to_boolean(left), to_boolean(right)))
        left_number, right_number = to_number(left), to_number(right)
        if left_number is None or right_number is None:
            return False
        return bool(_APPLY[comparator](left_number, right_number))
    if comparator in ("=", "!=") and (left == "" or right == ""):
        return bool(_APPLY[comparator](left, right))  # an emptiness test: any type will do
    if isinstance(left, str) and isinstance(right, Decimal):
        left = _compared_number(left)
    elif isinstance(left, Decimal) and isinstance(right, str):
        right = _compared_number(right)
    if (isinstance(left, str) and isinstance(right, str)) or (
        isinstance(left, Decimal) and isinstance(right, Decimal)
    ):
        return bool(_APPLY[comparator](left, right))
    return False


# ---------------------------------------------------------------------------------------------
# Leaves of the syntax tree


@dataclass(frozen=True, slots=True)
class Scope:
    """What an expression sees: the answers, the answer being checked (``.``) and the bare
    names (a choice filter's option properties)."""

    answers: Mapping[str, object]
    current: object = None
    names: Mapping[str, object] = field(default_factory=dict)
    # question code → option code → its label in the respondent's language (choice-name)
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Reference:
    code: str

    def raw(self, scope: Scope) -> object:
        return scope.answers.get(self.code)

    def value(self, scope: Scope) -> Value:
        return to_value(self.raw(scope))


@dataclass(frozen=True, slots=True)
class Current:
    """``.``: the answer being checked by a constraint."""

    def raw(self, scope: Scope) -> object:
        return scope.current

    def value(self, scope: Scope) -> Value:
        return to_value(scope.current)


@dataclass(frozen=True, slots=True)
class Name:
    """A bare name: a property of the option a choice filter is looking at."""

    name: str

    def raw(self, scope: Scope) -> object:
        return scope.names.get(self.name)

    def value(self, scope: Scope) -> Value:
        return to_value(self.raw(scope))


@dataclass(frozen=True, slots=True)
class Constant:
    value_: Decimal | str | bool

    def value(self, scope: Scope) -> Value:
        return self.value_


Source: TypeAlias = Reference | Current | Name  # what selected() and its kin look into
