"""Expressions in questionnaire definitions, in the subset of XLSForm's XPath that public
XLSForms use: show-if conditions (``relevant``), answer checks (``constraint``), option
filters (``choice_filter``) and calculated values (``calculation``)::

    ${role} = 'manager' and (${years} >= 5 or not(selected(${tools}, 'excel')))
    . >= 0 and . <= ${household_size}                       (a constraint)
    selected(${regions}, name) and state = ${state}         (a choice filter)
    int((today() - ${birth_date}) div 365.25)               (a calculation)

Grammar, loosest binding first (``or``, ``and``, ``div`` and ``mod`` are operators only
where an operator can stand)::

    expression := and_expr ("or" and_expr)*
    and_expr   := comparison ("and" comparison)*
    comparison := sum (comparator sum)?               (comparisons do not chain)
    sum        := product (("+" | "-") product)*
    product    := unary (("*" | "div" | "mod") unary)*
    unary      := "-"* primary
    primary    := "${" code "}" | "." | name | number | string | "(" expression ")"
                | function "(" (expression ("," expression)*)? ")"
    comparator := "=" | "!=" | "<" | "<=" | ">" | ">="

``${code}`` refers to another question's answer; ``.`` to the answer being checked (only
with ``allow_self``, for constraints); a bare name such as ``state`` to a value in
``names`` (only with ``allow_names``, for choice filters: the option's code as ``name`` and
its properties), empty when absent. Numbers are ``12`` or ``4.5`` (no exponents); text is
in single or double quotes (typographic quotes too, as spreadsheets type them), with no
escapes. Keywords and function names are lower case.

Functions: ``not``, ``true``, ``false``, ``boolean``, ``boolean-from-string``,
``selected``, ``count-selected``, ``selected-at`` (their first argument a ``${code}``,
``.`` or a name), ``if``, ``coalesce``, ``once``, ``string``, ``concat``, ``join``,
``string-length``, ``substr`` (0-based, end excluded), ``contains``, ``starts-with``,
``ends-with``, ``substring-before``, ``substring-after``, ``normalize-space``,
``translate``, ``regex`` (the whole text must match), ``number``, ``int``, ``round``
(halves up, as in ODK: -2.5 gives -2), ``floor``, ``ceiling``, ``abs``, ``min``, ``max``,
``pow``, ``sqrt``, ``exp``, ``exp10``, ``log``, ``log10``, ``sin``, ``cos``, ``tan``,
``asin``, ``acos``, ``atan``, ``atan2``, ``pi``, ``today``, ``date``, ``format-date`` and
``format-date-time`` (%Y %y %m %n %b %d %e %a %H %h %M %S %3, English names), ``now``
and, in calculations only, ``jr:choice-name(${q}, '${q}')`` (the label of the option
chosen, in the respondent's language). Any other (``pulldata``, ``random``, ``uuid``,
repeat functions such as ``sum`` …) is refused with :data:`UNKNOWN_FUNCTION`, the error's
``function`` naming it.

Evaluation never raises, whatever the answers:

* A missing key, ``None``, ``''`` and an empty list, tuple or set are *empty* answers. Every
  comparison with an empty answer is false, except ``${x} = ''`` (true exactly when the
  answer is empty). ``${x} != ''`` is true exactly when the answer is not empty.
* Numbers (``int``, finite ``float`` and ``Decimal``; not ``bool``) compare numerically, text
  compares as text. Text that spells a plain number (``'-4.5'``) or a date
  (``'2024-05-31'``, as days since 1970-01-01) compares numerically with a number; dates
  as text compare as dates with each other and with ``today()``. Truth values compare with
  truth values (others converted with ``boolean()``), or as 1 and 0 for ``<`` and kin.
  Any other pairing, and any answer of another type (a table's mapping …), compares false.
* ``selected(${q}, 'a')`` holds when a list/tuple/set answer contains ``'a'``, or a text
  answer is ``'a'`` (the option trimmed; as in ODK, a number there must be in quotes).
  ``count-selected(${q})`` is the number of distinct options in such an answer: 1 for
  non-empty text, 0 for an empty answer. ``selected-at(${q}, n)`` is the option at 0-based
  position n (``''`` past the end).
* Arithmetic works on exact decimals (40 significant digits: ``0.1 + 0.2 = 0.3``); text
  holding a number or a date (as days) takes part. An empty answer, other text, division
  by zero and results beyond 10**9999 are *not computable* (XPath's NaN): every comparison
  with them is false, except ``!= ''``, and a calculation gives None. As text (``concat``)
  they are empty. Trigonometry rounds to float precision.
* ``regex(x, pattern)`` holds when the pattern matches somewhere in x, run by RE2 (time
  linear in the text whatever the pattern: no back-references or look-arounds).
* ``now()`` is the moment in the site's time zone as ODK writes it
  (``'2024-05-31T14:03:07.250-04:00'``); ``date(now())`` is today.
* ``today()`` is today's date in the site's time zone as ``'YYYY-MM-DD'``; ``date(x)`` turns such
  text, or a number of days since 1970-01-01, into a date.
* Where a truth value is needed, numbers are true unless zero and text unless empty.

The parsers refuse anything else with a :class:`ConditionError` that says where
(``position``, a 0-based offset into the source) and what (``code``, stable, for translated
messages; ``message``, plain English). No database.
"""

from __future__ import annotations

import functools
from collections.abc import Collection

from guild.questionnaires.definition.condition_tree import Calculation, Condition
from guild.questionnaires.definition.conditions.errors import (
    ERROR_CODES,
    INVALID_ARGUMENT,
    INVALID_REFERENCE,
    MAX_DEPTH,
    MAX_LENGTH,
    NAME_NOT_ALLOWED,
    SELF_NOT_ALLOWED,
    TOO_DEEP,
    TOO_LONG,
    UNEXPECTED_END,
    UNEXPECTED_TOKEN,
    UNKNOWN_CHARACTER,
    UNKNOWN_FUNCTION,
    UNKNOWN_REFERENCE,
    UNSUPPORTED_PATH,
    UNTERMINATED_STRING,
    WRONG_ARGUMENT_COUNT,
    ConditionError,
)
from guild.questionnaires.definition.conditions.parser import parse

__all__ = [
    "ERROR_CODES",
    "INVALID_ARGUMENT",
    "INVALID_REFERENCE",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "NAME_NOT_ALLOWED",
    "SELF_NOT_ALLOWED",
    "TOO_DEEP",
    "TOO_LONG",
    "UNEXPECTED_END",
    "UNEXPECTED_TOKEN",
    "UNKNOWN_CHARACTER",
    "UNKNOWN_FUNCTION",
    "UNKNOWN_REFERENCE",
    "UNSUPPORTED_PATH",
    "UNTERMINATED_STRING",
    "WRONG_ARGUMENT_COUNT",
    "Calculation",
    "Condition",
    "ConditionError",
    "cached_calculation",
    "cached_condition",
    "parse_calculation",
    "parse_condition",
]


def parse_condition(
    source: str,
    *,
    known_codes: Collection[str] | None = None,
    allow_self: bool = False,
    allow_names: bool = False,
) -> Condition:
    """Parse a condition; refer only to ``known_codes`` (the earlier questions) when given.

    ``allow_self`` admits ``.`` (a constraint's answer), ``allow_names`` bare names (a choice
    filter's option properties). Raises :class:`ConditionError` at the first problem.
    """
    expression, references = parse(
        source, known_codes, what="condition", allow_self=allow_self, allow_names=allow_names
    )
    return Condition(source, references, expression)


def parse_calculation(source: str, *, known_codes: Collection[str] | None = None) -> Calculation:
    """Parse a calculation; refer only to ``known_codes`` when given.

    Raises :class:`ConditionError` at the first problem.
    """
    expression, references = parse(source, known_codes, what="calculation")
    return Calculation(source, references, expression)


# The stored definitions were checked when saved: what answering and calculating need is
# the parsed form of each expression, parsed once per process (None if it does not parse).
@functools.lru_cache(maxsize=4096)
def cached_condition(
    source: str, *, allow_self: bool = False, allow_names: bool = False
) -> Condition | None:
    try:
        return parse_condition(source, allow_self=allow_self, allow_names=allow_names)
    except ConditionError:
        return None


@functools.lru_cache(maxsize=4096)
def cached_calculation(source: str) -> Calculation | None:
    try:
        return parse_calculation(source)
    except ConditionError:
        return None
