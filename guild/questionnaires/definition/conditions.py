"""Show-if conditions for questionnaire questions, in a subset of XLSForm's ``relevant`` syntax.

A question with a condition is shown only when the condition holds for the answers given to
earlier questions::

    ${role} = 'manager' and (${years} >= 5 or not(selected(${tools}, 'excel')))

Grammar (``not`` binds tightest, then comparisons, then ``and``, then ``or``)::

    condition  := and_expr ("or" and_expr)*
    and_expr   := atom ("and" atom)*
    atom       := "(" condition ")" | "not(" condition ")"
                | "selected(" reference "," string ")" | operand comparator operand
    operand    := reference | number | string | "count-selected(" reference ")"
    comparator := "=" | "!=" | "<" | "<=" | ">" | ">="

``${code}`` refers to an earlier question's answer; numbers are ``12``, ``-3`` or ``4.5``;
text is in single or double quotes, with no escapes. Keywords and function names are
lower case. Comparisons do not chain (``1 < ${x} < 5`` is refused).

Evaluation never raises, whatever the answers:

* A missing key, ``None``, ``''`` and an empty list, tuple or set are *empty* answers. Every
  comparison with an empty answer is false, except ``${x} = ''`` (true exactly when the
  answer is empty). ``${x} != ''`` is true exactly when the answer is not empty.
* Numbers (``int``, finite ``float`` and ``Decimal``; not ``bool``) compare numerically, text
  compares as text. Text that spells a plain number (``'-4.5'``) compares numerically with a
  number. Any other pairing, and any answer of another type, compares false.
* ``selected(${q}, 'a')`` holds when a list/tuple/set answer contains ``'a'``, or a text
  answer is ``'a'``. ``count-selected(${q})`` is the number of distinct options in such an
  answer: 1 for non-empty text, 0 for an empty answer.

:func:`parse_condition` refuses anything else with a :class:`ConditionError` that says where
(``position``, a 0-based offset into the source) and what (``code``, stable, for translated
messages; ``message``, plain English). Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from guild.questionnaires.definition.condition_tree import (
    COMPARATORS,
    And,
    Comparison,
    Condition,
    Constant,
    CountSelected,
    Expression,
    Not,
    Operand,
    Or,
    Reference,
    Selected,
)

MAX_LENGTH: Final = 1000
"""Longest accepted source, in characters."""
MAX_DEPTH: Final = 50
"""Deepest accepted nesting of parentheses and ``not(...)``."""

UNKNOWN_CHARACTER: Final = "unknown_character"
UNTERMINATED_STRING: Final = "unterminated_string"
INVALID_REFERENCE: Final = "invalid_reference"
UNEXPECTED_TOKEN: Final = "unexpected_token"  # noqa: S105 - an error code, not a secret
UNEXPECTED_END: Final = "unexpected_end"
UNKNOWN_FUNCTION: Final = "unknown_function"
WRONG_ARGUMENT_COUNT: Final = "wrong_argument_count"
INVALID_ARGUMENT: Final = "invalid_argument"
UNKNOWN_REFERENCE: Final = "unknown_reference"
TOO_LONG: Final = "too_long"
TOO_DEEP: Final = "too_deep"

ERROR_CODES: Final = frozenset(
    {
        UNKNOWN_CHARACTER,
        UNTERMINATED_STRING,
        INVALID_REFERENCE,
        UNEXPECTED_TOKEN,
        UNEXPECTED_END,
        UNKNOWN_FUNCTION,
        WRONG_ARGUMENT_COUNT,
        INVALID_ARGUMENT,
        UNKNOWN_REFERENCE,
        TOO_LONG,
        TOO_DEEP,
    }
)


__all__ = [
    "ERROR_CODES",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "Condition",
    "ConditionError",
    "parse_condition",
]


class ConditionError(ValueError):
    """A condition that cannot be used: ``code`` says why, ``position`` where (0-based)."""

    def __init__(self, code: str, message: str, position: int) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.position = position

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.code, self.message, self.position))


# ---------------------------------------------------------------------------------------------
# Tokens

_WHITESPACE: Final = frozenset(" \t\r\n")
_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_NUMBER: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_REFERENCE: Final = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_FUNCTIONS: Final = {"not": 1, "selected": 2, "count-selected": 1}


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # reference, number, string, name, comparator, (, ), "," or end
    text: str  # a reference's code, a string's contents, otherwise the source text
    position: int


def _describe(token: _Token) -> str:
    if token.kind == "reference":
        return f"${{{token.text}}}"
    if token.kind == "string":
        return "text in quotes"
    return f"'{token.text}'"


class _Lexer:
    """Reads tokens on demand, so that errors come in the order they appear in the source."""

    def __init__(self, source: str) -> None:
        self._source = source
        self._position = 0
        self._peeked: _Token | None = None

    def peek(self) -> _Token:
        if self._peeked is None:
            self._peeked = self._scan()
        return self._peeked

    def next(self) -> _Token:
        token = self.peek()
        self._peeked = None
        return token

    def _scan(self) -> _Token:
        source, start = self._source, self._position
        while start < len(source) and source[start] in _WHITESPACE:
            start += 1
        if start == len(source):
            self._position = start
            return _Token("end", "", start)
        char = source[start]
        token: _Token
        if char == "$":
            match = _REFERENCE.match(source, start)
            if match is None:
                raise ConditionError(
                    INVALID_REFERENCE, "A reference must look like ${question_code}.", start
                )
            token, end = _Token("reference", match[1], start), match.end()
        elif char in "'\"":
            close = source.find(char, start + 1)
            if close < 0:
                raise ConditionError(UNTERMINATED_STRING, "This text has no closing quote.", start)
            token, end = _Token("string", source[start + 1 : close], start), close + 1
        elif char in "(),":
            token, end = _Token(char, char, start), start + 1
        elif (match := _NUMBER.match(source, start)) is not None:
            token, end = _Token("number", match[0], start), match.end()
        elif (match := _NAME.match(source, start)) is not None:
            token, end = _Token("name", match[0], start), match.end()
        else:
            comparator = next((c for c in COMPARATORS if source.startswith(c, start)), None)
            if comparator is None:
                raise ConditionError(UNKNOWN_CHARACTER, f"Unexpected character {char!r}.", start)
            token, end = _Token("comparator", comparator, start), start + len(comparator)
        self._position = end
        return token


# ---------------------------------------------------------------------------------------------
# Parser


def _unexpected(token: _Token, expected: str) -> ConditionError:
    if token.kind == "end":
        return ConditionError(
            UNEXPECTED_END, f"The condition ends too early. {expected}", token.position
        )
    return ConditionError(
        UNEXPECTED_TOKEN, f"Unexpected {_describe(token)}. {expected}", token.position
    )


class _Parser:
    def __init__(self, source: str, known_codes: frozenset[str] | None) -> None:
        self._lexer = _Lexer(source)
        self._known_codes = known_codes
        self._depth = 0
        self.references: set[str] = set()

    def parse(self) -> Expression:
        if self._lexer.peek().kind == "end":
            raise ConditionError(
                UNEXPECTED_END, "The condition is empty.", self._lexer.peek().position
            )
        expression = self._or()
        token = self._lexer.next()
        if token.kind != "end":
            raise _unexpected(token, "Expected 'and', 'or' or the end of the condition.")
        return expression

    def _keyword(self, word: str) -> bool:
        token = self._lexer.peek()
        if token.kind == "name" and token.text == word:
            self._lexer.next()
            return True
        return False

    def _or(self) -> Expression:
        operands = [self._and()]
        while self._keyword("or"):
            operands.append(self._and())
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def _and(self) -> Expression:
        operands = [self._atom()]
        while self._keyword("and"):
            operands.append(self._atom())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def _nested(self, opening: _Token) -> Expression:
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise ConditionError(
                TOO_DEEP, f"Conditions may nest at most {MAX_DEPTH} deep.", opening.position
            )
        expression = self._or()
        self._depth -= 1
        return expression

    def _atom(self) -> Expression:
        token = self._lexer.peek()
        if token.kind == "(":
            self._lexer.next()
            expression = self._nested(token)
            closing = self._lexer.next()
            if closing.kind != ")":
                raise _unexpected(closing, f"Expected ')' to close the '(' at {token.position}.")
            return expression
        if token.kind == "name" and token.text == "not":
            self._lexer.next()
            self._open_call(token)
            self._argument(token, 0)
            expression = Not(self._nested(token))
            self._close_call(token)
            return expression
        if token.kind == "name" and token.text == "selected":
            self._lexer.next()
            self._open_call(token)
            code = self._reference_argument(token, 0)
            option = self._argument(token, 1)
            if option.kind != "string":
                raise self._invalid_argument(option, "must be an option code in quotes.")
            self._lexer.next()
            self._close_call(token)
            return Selected(code, option.text)
        left = self._operand()
        comparator = self._lexer.next()
        if comparator.kind != "comparator":
            raise _unexpected(comparator, "Expected a comparison such as = or !=.")
        right = self._operand()
        return Comparison(comparator.text, left, right)

    def _operand(self) -> Operand:
        token = self._lexer.next()
        if token.kind == "reference":
            return Reference(self._reference(token))
        if token.kind == "number":
            return Constant(Decimal(token.text))
        if token.kind == "string":
            return Constant(token.text)
        if token.kind == "name" and token.text == "count-selected":
            self._open_call(token)
            code = self._reference_argument(token, 0)
            self._close_call(token)
            return CountSelected(code)
        if token.kind == "name" and token.text not in _FUNCTIONS and self._call_follows():
            raise ConditionError(
                UNKNOWN_FUNCTION, f"There is no function called '{token.text}'.", token.position
            )
        raise _unexpected(
            token, "Expected ${question_code}, a number, text in quotes or count-selected()."
        )

    def _call_follows(self) -> bool:
        try:
            return self._lexer.peek().kind == "("
        except ConditionError:  # a later problem; the name comes first
            return False

    def _reference(self, token: _Token) -> str:
        if self._known_codes is not None and token.text not in self._known_codes:
            raise ConditionError(
                UNKNOWN_REFERENCE,
                f"${{{token.text}}} is not the code of an earlier question.",
                token.position,
            )
        self.references.add(token.text)
        return token.text

    def _open_call(self, function: _Token) -> None:
        token = self._lexer.next()
        if token.kind != "(":
            raise _unexpected(token, f"Expected '(' after '{function.text}'.")

    def _argument(self, function: _Token, index: int) -> _Token:
        """Check that argument ``index`` is there (after its comma); peek at its first token."""
        if index > 0:
            comma = self._lexer.next()
            if comma.kind == ")":
                raise self._argument_count(function, comma)
            if comma.kind != ",":
                raise _unexpected(comma, "Expected ',' or ')'.")
        token = self._lexer.peek()
        if token.kind in (")", ","):
            raise self._argument_count(function, token)
        return token

    def _reference_argument(self, function: _Token, index: int) -> str:
        token = self._argument(function, index)
        if token.kind != "reference":
            raise self._invalid_argument(token, "must be a reference like ${question_code}.")
        return self._reference(self._lexer.next())

    def _close_call(self, function: _Token) -> None:
        token = self._lexer.next()
        if token.kind == ",":
            raise self._argument_count(function, token)
        if token.kind != ")":
            raise _unexpected(token, f"Expected ')' to close '{function.text}('.")

    def _argument_count(self, function: _Token, token: _Token) -> ConditionError:
        count = _FUNCTIONS[function.text]
        arguments = "argument" if count == 1 else "arguments"
        return ConditionError(
            WRONG_ARGUMENT_COUNT,
            f"'{function.text}' takes exactly {count} {arguments}.",
            token.position,
        )

    def _invalid_argument(self, token: _Token, requirement: str) -> ConditionError:
        if token.kind not in ("reference", "number", "string", "name"):
            return _unexpected(token, f"This argument {requirement}")
        return ConditionError(INVALID_ARGUMENT, f"This argument {requirement}", token.position)


def parse_condition(source: str, *, known_codes: Collection[str] | None = None) -> Condition:
    """Parse ``source``; refer only to ``known_codes`` (the earlier questions) when given.

    Raises :class:`ConditionError` at the first problem in the source.
    """
    if len(source) > MAX_LENGTH:
        raise ConditionError(
            TOO_LONG, f"Conditions may be at most {MAX_LENGTH} characters long.", MAX_LENGTH
        )
    parser = _Parser(source, None if known_codes is None else frozenset(known_codes))
    expression = parser.parse()
    return Condition(source, frozenset(parser.references), expression)
