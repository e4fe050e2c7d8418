"""Reading an expression's source: tokens read on demand, then a recursive-descent parser
that builds the syntax tree (the grammar is in the package's docstring) and refuses, with a
:class:`ConditionError`, the first problem it meets. No database."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from guild.questionnaires.definition.condition_tree import (
    CHOICE_NAME,
    CHOSEN_QUESTION,
    COMPARATORS,
    FUNCTIONS,
    And,
    Arithmetic,
    Call,
    Comparison,
    Constant,
    Current,
    Name,
    Negate,
    Node,
    Or,
    Reference,
    compile_pattern,
)
from guild.questionnaires.definition.conditions.errors import (
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

# Tokens

_WHITESPACE: Final = frozenset(" \t\r\n")
# A prefix such as jr: is kept, so that jr:choice-name is named as the unknown function.
_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z_][A-Za-z0-9_.-]*)?")
_NUMBER: Final = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
_REFERENCE: Final = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}")
_QUOTES: Final = {"'": "'", '"': '"', "‘": "’", "’": "’", "“": "”", "”": "”"}  # noqa: RUF001
_OPERATORS: Final = "+-*"
_KEYWORDS: Final = frozenset({"and", "or", "div", "mod"})


@dataclass(frozen=True, slots=True)
class _Token:
    # reference, number, string, name, self, comparator, operator, (, ), "," or end
    kind: str
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
        elif char in _QUOTES:
            close = source.find(_QUOTES[char], start + 1)
            if close < 0:
                raise ConditionError(UNTERMINATED_STRING, "This text has no closing quote.", start)
            token, end = _Token("string", source[start + 1 : close], start), close + 1
        elif char in "(),":
            token, end = _Token(char, char, start), start + 1
        elif char in _OPERATORS:
            token, end = _Token("operator", char, start), start + 1
        elif (match := _NUMBER.match(source, start)) is not None:
            token, end = _Token("number", match[0], start), match.end()
        elif source.startswith("..", start) or char == "/":
            raise ConditionError(
                UNSUPPORTED_PATH,
                "Paths such as /data/question or .. are not supported: "
                "refer to a question as ${question_code}.",
                start,
            )
        elif char == ".":
            token, end = _Token("self", char, start), start + 1
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
            UNEXPECTED_END, f"The expression ends too early. {expected}", token.position
        )
    return ConditionError(
        UNEXPECTED_TOKEN, f"Unexpected {_describe(token)}. {expected}", token.position
    )


_OPERAND_EXPECTED: Final = "Expected ${question_code}, a number, text in quotes or a function."


class _Parser:
    def __init__(
        self,
        source: str,
        known_codes: frozenset[str] | None,
        *,
        allow_self: bool,
        allow_names: bool,
    ) -> None:
        self._lexer = _Lexer(source)
        self._known_codes = known_codes
        self._allow_self = allow_self
        self._allow_names = allow_names
        self._depth = 0
        self._what = "condition"
        self.references: set[str] = set()

    def parse(self, what: str) -> Node:
        self._what = what
        if self._lexer.peek().kind == "end":
            raise ConditionError(
                UNEXPECTED_END, f"The {what} is empty.", self._lexer.peek().position
            )
        expression = self._or()
        token = self._lexer.next()
        if token.kind != "end":
            raise _unexpected(
                token, f"Expected an operator such as 'and' or the end of the {what}."
            )
        return expression

    def _keyword(self, word: str) -> bool:
        token = self._lexer.peek()
        if token.kind == "name" and token.text == word:
            self._lexer.next()
            return True
        return False

    def _or(self) -> Node:
        operands = [self._and()]
        while self._keyword("or"):
            operands.append(self._and())
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def _and(self) -> Node:
        operands = [self._comparison()]
        while self._keyword("and"):
            operands.append(self._comparison())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def _comparison(self) -> Node:
        left = self._sum()
        if self._lexer.peek().kind != "comparator":
            return left
        comparator = self._lexer.next()
        right = self._sum()
        chained = self._lexer.peek()
        if chained.kind == "comparator":
            raise _unexpected(chained, "Comparisons do not chain: join them with 'and' or 'or'.")
        return Comparison(comparator.text, left, right)

    def _sum(self) -> Node:
        first = self._product()
        rest: list[tuple[str, Node]] = []
        while (token := self._lexer.peek()).kind == "operator" and token.text in "+-":
            self._lexer.next()
            rest.append((token.text, self._product()))
        return Arithmetic(first, tuple(rest)) if rest else first

    def _product(self) -> Node:
        first = self._unary()
        rest: list[tuple[str, Node]] = []
        while True:
            token = self._lexer.peek()
            if token.kind == "operator" and token.text == "*":
                operator = "*"
            elif token.kind == "name" and token.text in ("div", "mod"):
                operator = token.text
            else:
                break
            self._lexer.next()
            rest.append((operator, self._unary()))
        return Arithmetic(first, tuple(rest)) if rest else first

    def _unary(self) -> Node:
        minus = 0
        while (token := self._lexer.peek()).kind == "operator" and token.text == "-":
            self._lexer.next()
            minus += 1
        operand = self._primary()
        if minus == 0:
            return operand
        if minus % 2 == 0:
            return Call("number", (operand,))
        if isinstance(operand, Constant) and isinstance(operand.value_, Decimal):
            return Constant(operand.value_.copy_negate())
        return Negate(operand)

    def _nested(self, opening: _Token) -> Node:
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise ConditionError(
                TOO_DEEP, f"Expressions may nest at most {MAX_DEPTH} deep.", opening.position
            )
        expression = self._or()
        self._depth -= 1
        return expression

    def _primary(self) -> Node:
        token = self._lexer.next()
        if token.kind == "(":
            expression = self._nested(token)
            closing = self._lexer.next()
            if closing.kind != ")":
                raise _unexpected(closing, f"Expected ')' to close the '(' at {token.position}.")
            return expression
        if token.kind == "reference":
            return Reference(self._reference(token))
        if token.kind == "number":
            return Constant(Decimal(token.text))
        if token.kind == "string":
            return Constant(token.text)
        if token.kind == "self":
            if not self._allow_self:
                raise ConditionError(
                    SELF_NOT_ALLOWED,
                    "'.' (the answer being checked) can be used only in a constraint.",
                    token.position,
                )
            return Current()
        if token.kind == "name":
            if self._call_follows():
                return self._call(token)
            if self._allow_names:
                return Name(token.text)
            if token.text in FUNCTIONS:
                raise _unexpected(self._lexer.peek(), f"Expected '(' after '{token.text}'.")
            if token.text not in _KEYWORDS:
                raise ConditionError(
                    NAME_NOT_ALLOWED,
                    f"Unexpected '{token.text}'. Put text in quotes and refer to questions "
                    "as ${question_code}.",
                    token.position,
                )
        raise _unexpected(token, _OPERAND_EXPECTED)

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

    def _call(self, name: _Token) -> Node:
        function = FUNCTIONS.get(name.text)
        # A choice's label depends on the respondent's language: only a calculation (worked
        # out with the labels at hand) may ask for it.
        if name.text == CHOICE_NAME and self._what != "calculation":
            function = None
        if function is None:
            raise ConditionError(
                UNKNOWN_FUNCTION,
                f"There is no function called '{name.text}'.",
                name.position,
                function=name.text,
            )
        self._lexer.next()  # the "(" that _call_follows saw
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise ConditionError(
                TOO_DEEP, f"Expressions may nest at most {MAX_DEPTH} deep.", name.position
            )
        arguments: list[Node] = []
        while True:
            token = self._lexer.peek()
            if arguments:
                if token.kind == ")":
                    break
                if token.kind != ",":
                    raise _unexpected(token, "Expected ',' or ')'.")
                if len(arguments) == function.maximum:
                    raise self._argument_count(name, token)
                self._lexer.next()
                token = self._lexer.peek()
                if token.kind in (")", ","):
                    raise self._argument_count(name, token)
            elif token.kind == ")":
                break
            elif token.kind == "," or function.maximum == 0:
                raise self._argument_count(name, token)
            argument = self._or()
            self._check_argument(name.text, len(arguments), argument, token)
            arguments.append(argument)
        closing = self._lexer.next()
        if len(arguments) < function.minimum:
            raise self._argument_count(name, closing)
        self._depth -= 1
        if name.text in ("true", "false"):
            return Constant(name.text == "true")
        return Call(name.text, tuple(arguments))

    def _check_argument(self, function: str, index: int, argument: Node, start: _Token) -> None:
        if index == 0 and FUNCTIONS[function].source_first:
            if not isinstance(argument, Reference | Current | Name):
                raise ConditionError(
                    INVALID_ARGUMENT,
                    "This argument must be a reference like ${question_code}.",
                    start.position,
                )
        elif function == CHOICE_NAME and index == 1:
            named = (
                CHOSEN_QUESTION.fullmatch(argument.value_)
                if isinstance(argument, Constant) and isinstance(argument.value_, str)
                else None
            )
            if named is None:
                raise ConditionError(
                    INVALID_ARGUMENT,
                    "This argument must name the question in quotes, like '${question_code}'.",
                    start.position,
                )
            self._reference(_Token("reference", named[1], start.position))
        elif (
            function == "selected"
            and index == 1
            and isinstance(argument, Constant)
            and not isinstance(argument.value_, str)
        ):
            # ODK refuses a number here at run time ("must be in quotes (like '1')").
            raise ConditionError(
                INVALID_ARGUMENT,
                "This argument must be an option code in quotes, like '1'.",
                start.position,
            )
        elif function == "regex" and index == 1 and isinstance(argument, Constant):
            try:
                compile_pattern(str(argument.value_))
            except Exception as error:  # re2.error; anything else RE2 refuses is as bad
                detail = error.args[0] if error.args else ""
                if isinstance(detail, bytes):
                    detail = detail.decode("utf-8", "replace")
                raise ConditionError(
                    INVALID_ARGUMENT,
                    f"This pattern cannot be used ({detail}); back-references and "
                    "look-arounds are not supported.",
                    start.position,
                ) from None

    def _argument_count(self, function: _Token, token: _Token) -> ConditionError:
        spec = FUNCTIONS[function.text]
        if spec.maximum == spec.minimum:
            count = f"exactly {spec.minimum}"
        elif spec.maximum is None:
            count = f"at least {spec.minimum}"
        else:
            count = f"{spec.minimum} to {spec.maximum}"
        arguments = "argument" if count.endswith(" 1") else "arguments"
        return ConditionError(
            WRONG_ARGUMENT_COUNT,
            f"'{function.text}' takes {count} {arguments}.",
            token.position,
        )


def parse(
    source: str,
    known_codes: Collection[str] | None,
    *,
    what: str,
    allow_self: bool = False,
    allow_names: bool = False,
) -> tuple[Node, frozenset[str]]:
    if len(source) > MAX_LENGTH:
        raise ConditionError(
            TOO_LONG, f"Expressions may be at most {MAX_LENGTH} characters long.", MAX_LENGTH
        )
    parser = _Parser(
        source,
        None if known_codes is None else frozenset(known_codes),
        allow_self=allow_self,
        allow_names=allow_names,
    )
    expression = parser.parse(what)
    return expression, frozenset(parser.references)
