"""The functions an expression may call, as ODK runs them; regular expressions run on
RE2, which matches in time linear in the text whatever the pattern. No database.
"""

from __future__ import annotations

import datetime
import decimal
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import re2
from django.utils import timezone

from guild.questionnaires.definition.condition_tree.values import (
    ARITHMETIC,
    EMPTY,
    EPOCH,
    EXACT,
    MAX_PLAIN_DIGITS,
    MAX_TEXT,
    OTHER,
    Constant,
    Current,
    Name,
    Reference,
    Scope,
    Value,
    choice_codes,
    date_days,
    is_empty,
    number_value,
    to_boolean,
    to_number,
    to_string,
)

if TYPE_CHECKING:
    from guild.questionnaires.definition.condition_tree.tree import Node

    _Apply: TypeAlias = Callable[[Scope, tuple[Node, ...]], Value]

_MAX_ROUND_DIGITS: Final = 30  # ODK's bound on round()'s digits


@dataclass(frozen=True, slots=True)
class Function:
    minimum: int
    maximum: int | None  # None: any number of arguments
    apply: _Apply
    source_first: bool = False  # the first argument must be ${q}, "." or a bare name


def _codes_of(scope: Scope, node: Node) -> tuple[str, ...] | None:
    """The options chosen in a choice answer (a text answer is one option), None if it is
    no choice answer."""
    answer = node.raw(scope) if isinstance(node, Reference | Current | Name) else None
    if is_empty(answer):
        return ()
    if isinstance(answer, str):
        return (str.__str__(answer),)
    return choice_codes(answer)


def _selected(scope: Scope, arguments: tuple[Node, ...]) -> Value:
    codes = _codes_of(scope, arguments[0])
    return codes is not None and to_string(arguments[1].value(scope)).strip() in codes


def _count_selected(scope: Scope, arguments: tuple[Node, ...]) -> Value:
    codes = _codes_of(scope, arguments[0])
    return OTHER if codes is None else Decimal(len(set(codes)))


def _integer(value: Value) -> int | None:
    """The whole number a value stands for, truncated towards zero; None if out of reach."""
    number = to_number(value)
    if number is None or number.adjusted() > MAX_PLAIN_DIGITS:
        return None
    return int(number)


def _selected_at(scope: Scope, arguments: tuple[Node, ...]) -> Value:
    codes = _codes_of(scope, arguments[0])
    index = _integer(arguments[1].value(scope))
    if codes is None or index is None:
        return OTHER
    return codes[index] if 0 <= index < len(codes) else ""


def _if(scope: Scope, arguments: tuple[Node, ...]) -> Value:
    chosen = arguments[1] if to_boolean(arguments[0].value(scope)) else arguments[2]
    return chosen.value(scope)


def _coalesce(scope: Scope, arguments: tuple[Node, ...]) -> Value:
    first = arguments[0].value(scope)
    return arguments[1].value(scope) if first in (EMPTY, OTHER, "") else first


def _strings(scope: Scope, arguments: tuple[Node, ...]) -> list[str]:
    return [to_string(argument.value(scope)) for argument in arguments]


def _substr(scope: Scope, arguments: tuple[Node, ...]) -> Value:
    text = to_string(arguments[0].value(scope))
    bounds = [_integer(argument.value(scope)) for argument in arguments[1:]]
    if None in bounds:
        return ""
    # As in ODK: 0-based, the end excluded, negative positions counted from the end.
    return text[bounds[0] : bounds[1] if len(bounds) > 1 else None]


def _round(scope: Scope, arguments: tuple[Node, ...]) -> Value:
    number = to_number(arguments[0].value(scope))
    digits = _integer(arguments[1].value(scope)) if len(arguments) > 1 else 0
    if number is None or digits is None or abs(digits) > _MAX_ROUND_DIGITS:
        return OTHER
    # As in ODK (and XPath's round()): halves go up, towards positive infinity.
    rounding = decimal.ROUND_HALF_UP if number >= 0 else decimal.ROUND_HALF_DOWN
    try:
        return number.quantize(Decimal(1).scaleb(-digits), rounding, EXACT)
    except ArithmeticError:
        return OTHER


def _number_function(compute: Callable[[Decimal], Decimal]) -> _Apply:
    def apply(scope: Scope, arguments: tuple[Node, ...]) -> Value:
        number = to_number(arguments[0].value(scope))
        if number is None:
            return OTHER
        try:
            result = compute(number)
        except (ArithmeticError, ValueError):  # ValueError: math's domain errors
            return OTHER
        return result if result.is_finite() else OTHER  # ln(0) is -Infinity

    return apply


def _float_function(compute: Callable[[float], float]) -> Callable[[Decimal], Decimal]:
    """A function only floats offer (trigonometry): its result rounded to float precision."""

    def apply(number: Decimal) -> Decimal:
        result = compute(float(number))
        if not math.isfinite(result):
            raise ValueError(result)
        return Decimal(repr(result))

    return apply


def _pow(scope: Scope, arguments: tuple[Node, ...]) -> Value:
    base, exponent = (to_number(argument.value(scope)) for argument in arguments)
    if base is None or exponent is None:
        return OTHER
    try:
        return ARITHMETIC.power(base, exponent)
    except ArithmeticError:
        return OTHER


def _atan2(scope: Scope, arguments: tuple[Node, ...]) -> Value:
    y, x = (to_number(argument.value(scope)) for argument in arguments)
    if y is None or x is None:
        return OTHER
    return _float_function(lambda y_: math.atan2(y_, float(x)))(y)


def _extreme(pick: Callable[[list[Decimal]], Decimal]) -> _Apply:
    """min() or max() as in ODK: values that are not numbers are left out."""

    def apply(scope: Scope, arguments: tuple[Node, ...]) -> Value:
        values = (to_number(argument.value(scope)) for argument in arguments)
        numbers = [number for number in values if number is not None]
        return pick(numbers) if numbers else OTHER

    return apply


today: Callable[[], datetime.date] = timezone.localdate
"""Today's date for ``today()``, in the site's time zone (a server on UTC would otherwise
turn the day over in the evening); tests replace it."""


def _today(scope: Scope, arguments: tuple[Node, ...]) -> Value:
    return today().isoformat()


now: Callable[[], datetime.datetime] = timezone.localtime
"""The moment for ``now()``, in the site's time zone; tests replace it."""


def _now(scope: Scope, arguments: tuple[Node, ...]) -> Value:
    """ODK's now(): the date and time as ``2024-05-31T14:03:07.250-04:00``."""
    moment = now()
    offset = moment.strftime("%z")
    return (
        moment.strftime("%Y-%m-%dT%H:%M:%S")
        + f".{moment.microsecond // 1000:03d}"
        + (f"{offset[:3]}:{offset[3:]}" if offset else "")
    )


CHOICE_NAME: Final = "jr:choice-name"
CHOSEN_QUESTION: Final = re.compile(r"\s*\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}\s*")


def _choice_name(scope: Scope, arguments: tuple[Node, ...]) -> Value:
    """ODK's jr:choice-name(${q}, '${q}'): the label of the option chosen, in the
    respondent's language; "" for no answer, several options or an unknown one."""
    value = arguments[0].value(scope)
    if not isinstance(value, str):
        return ""
    named = arguments[1]
    found = (
        CHOSEN_QUESTION.fullmatch(named.value_)
        if isinstance(named, Constant) and isinstance(named.value_, str)
        else None
    )
    if found is None:
        return ""
    return scope.labels.get(found[1], {}).get(value.strip(), "")


def _date(scope: Scope, arguments: tuple[Node, ...]) -> Value:
    value = arguments[0].value(scope)
    if isinstance(value, str):
        text = value[:10] if len(value) > 10 and value[10] == "T" else value
        return text if date_days(text) is not None else OTHER
    days = _integer(value) if isinstance(value, Decimal) else None
    if days is None:
        return OTHER
    try:
        return (EPOCH + datetime.timedelta(days=days)).isoformat()
    except OverflowError:
        return OTHER


_DATE_TIME: Final = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,3}))?)?)?"
)
_MONTHS: Final = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
)  # fmt: skip
_DAYS: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_FORMAT_CODE: Final = re.compile(r"%(.)", re.DOTALL)


def _format_date(scope: Scope, arguments: tuple[Node, ...]) -> Value:
    """ODK's format-date(): %Y %y %m %n %b %d %e %a, and %H %h %M %S %3 from a date-time;
    "" for anything that is no date."""
    value = arguments[0].value(scope)
    date_text = _date(scope, arguments[:1])
    if not isinstance(date_text, str):
        return ""
    date = datetime.date.fromisoformat(date_text)
    match = _DATE_TIME.match(value) if isinstance(value, str) else None
    hour, minute, second, milli = (
        (int(match[2] or 0), int(match[3] or 0), int(match[4] or 0), (match[5] or "0"))
        if match
        else (0, 0, 0, "0")
    )
    codes = {
        "Y": f"{date.year:04d}",
        "y": f"{date.year % 100:02d}",
        "m": f"{date.month:02d}",
        "n": str(date.month),
        "b": _MONTHS[date.month - 1],
        "d": f"{date.day:02d}",
        "e": str(date.day),
        "a": _DAYS[date.weekday()],
        "H": f"{hour:02d}",
        "h": str(hour),
        "M": f"{minute:02d}",
        "S": f"{second:02d}",
        "3": f"{int(milli.ljust(3, '0')):03d}",
        "%": "%",
    }
    pattern = to_string(arguments[1].value(scope))
    return _FORMAT_CODE.sub(lambda code: codes.get(code[1], code[0]), pattern)


_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False


@functools.lru_cache(maxsize=256)
def compile_pattern(pattern: str) -> Any:
    """The compiled pattern; raises ``re2.error`` for a pattern RE2 cannot run (among
    them back-references and look-arounds, whose matching can take exponential time)."""
    return re2.compile(pattern, _RE2_OPTIONS)


def _regex(scope: Scope, arguments: tuple[Node, ...]) -> Value:
    text, pattern = _strings(scope, arguments)
    if len(text) > MAX_TEXT:
        return False
    try:
        return compile_pattern(pattern).fullmatch(text) is not None
    except Exception:  # a bad pattern from an answer, text RE2 cannot encode
        return False


def _boolean_from_string(scope: Scope, arguments: tuple[Node, ...]) -> Value:
    return to_string(arguments[0].value(scope)).strip().lower() in ("true", "1")


def _one(compute: Callable[[Value], Value]) -> _Apply:
    return lambda scope, arguments: compute(arguments[0].value(scope))


def _strings_function(compute: Callable[..., Value]) -> _Apply:
    return lambda scope, arguments: compute(*_strings(scope, arguments))


def _to_integral(rounding: str) -> Callable[[Decimal], Decimal]:
    return lambda number: number.to_integral_value(rounding, EXACT)


def _translate(text: str, old: str, new: str) -> str:
    table: dict[str, str | int | None] = {}
    for index, char in enumerate(old):
        table.setdefault(char, new[index] if index < len(new) else None)
    return text.translate(str.maketrans(table)) if table else text


def _substring_before(text: str, part: str) -> str:
    index = text.find(part)
    return text[:index] if index >= 0 else ""


def _substring_after(text: str, part: str) -> str:
    index = text.find(part)
    return text[index + len(part) :] if index >= 0 else ""


FUNCTIONS: Final[dict[str, Function]] = {
    "not": Function(1, 1, _one(lambda value: not to_boolean(value))),
    "true": Function(0, 0, lambda scope, arguments: True),
    "false": Function(0, 0, lambda scope, arguments: False),
    "boolean": Function(1, 1, _one(to_boolean)),
    "boolean-from-string": Function(1, 1, _boolean_from_string),
    "selected": Function(2, 2, _selected, source_first=True),
    "count-selected": Function(1, 1, _count_selected, source_first=True),
    "selected-at": Function(2, 2, _selected_at, source_first=True),
    "if": Function(3, 3, _if),
    "coalesce": Function(2, 2, _coalesce),
    "once": Function(1, 1, _one(lambda value: value)),
    "string": Function(1, 1, _one(to_string)),
    "concat": Function(0, None, _strings_function(lambda *parts: "".join(parts))),
    "join": Function(1, None, _strings_function(lambda separator, *parts: separator.join(parts))),
    "string-length": Function(1, 1, _strings_function(lambda text: Decimal(len(text)))),
    "substr": Function(2, 3, _substr),
    "contains": Function(2, 2, _strings_function(lambda text, part: part in text)),
    "starts-with": Function(2, 2, _strings_function(str.startswith)),
    "ends-with": Function(2, 2, _strings_function(str.endswith)),
    "substring-before": Function(2, 2, _strings_function(_substring_before)),
    "substring-after": Function(2, 2, _strings_function(_substring_after)),
    "normalize-space": Function(1, 1, _strings_function(lambda text: " ".join(text.split()))),
    "translate": Function(3, 3, _strings_function(_translate)),
    "regex": Function(2, 2, _regex),
    "number": Function(1, 1, _one(lambda value: number_value(to_number(value)))),
    "int": Function(1, 1, _number_function(_to_integral(decimal.ROUND_DOWN))),
    "round": Function(1, 2, _round),
    "floor": Function(1, 1, _number_function(_to_integral(decimal.ROUND_FLOOR))),
    "ceiling": Function(1, 1, _number_function(_to_integral(decimal.ROUND_CEILING))),
    "abs": Function(1, 1, _number_function(Decimal.copy_abs)),
    "min": Function(1, None, _extreme(min)),
    "max": Function(1, None, _extreme(max)),
    "pow": Function(2, 2, _pow),
    "sqrt": Function(1, 1, _number_function(lambda number: number.sqrt(ARITHMETIC))),
    "exp": Function(1, 1, _number_function(lambda number: number.exp(ARITHMETIC))),
    "exp10": Function(1, 1, _number_function(lambda n: ARITHMETIC.power(Decimal(10), n))),
    "log": Function(1, 1, _number_function(lambda number: number.ln(ARITHMETIC))),
    "log10": Function(1, 1, _number_function(lambda number: number.log10(ARITHMETIC))),
    "sin": Function(1, 1, _number_function(_float_function(math.sin))),
    "cos": Function(1, 1, _number_function(_float_function(math.cos))),
    "tan": Function(1, 1, _number_function(_float_function(math.tan))),
    "asin": Function(1, 1, _number_function(_float_function(math.asin))),
    "acos": Function(1, 1, _number_function(_float_function(math.acos))),
    "atan": Function(1, 1, _number_function(_float_function(math.atan))),
    "atan2": Function(2, 2, _atan2),
    "pi": Function(0, 0, lambda scope, arguments: Decimal(repr(math.pi))),
    "today": Function(0, 0, _today),
    "now": Function(0, 0, _now),
    CHOICE_NAME: Function(2, 2, _choice_name, source_first=True),
    "date": Function(1, 1, _date),
    "format-date": Function(2, 2, _format_date),
    "format-date-time": Function(2, 2, _format_date),
}


# ---------------------------------------------------------------------------------------------
# Parsed expressions
