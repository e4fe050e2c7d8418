"""The syntax tree's inner nodes (operators, comparisons, function calls) and the parsed
expressions built of them. No database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeAlias

from guild.questionnaires.definition.condition_tree.functions import FUNCTIONS
from guild.questionnaires.definition.condition_tree.values import (
    ARITHMETIC,
    EXACT,
    MAX_PLAIN_DIGITS,
    OTHER,
    WRITING,
    Choices,
    Constant,
    Scope,
    Source,
    Value,
    compare,
    number_value,
    to_boolean,
    to_number,
    to_string,
)


@dataclass(frozen=True, slots=True)
class Negate:
    operand: Node

    def value(self, scope: Scope) -> Value:
        number = to_number(self.operand.value(scope))
        return OTHER if number is None else number.copy_negate()


def _arithmetic(operator_: str, left: Decimal, right: Decimal) -> Decimal:
    if operator_ == "+":
        return ARITHMETIC.add(left, right)
    if operator_ == "-":
        return ARITHMETIC.subtract(left, right)
    if operator_ == "*":
        return ARITHMETIC.multiply(left, right)
    if operator_ == "div":
        return ARITHMETIC.divide(left, right)
    return EXACT.remainder(left, right)  # mod: the sign of the dividend, as in XPath


@dataclass(frozen=True, slots=True)
class Arithmetic:
    """``first`` followed by operations of one precedence level, left to right."""

    first: Node
    rest: tuple[tuple[str, Node], ...]

    def value(self, scope: Scope) -> Value:
        result = to_number(self.first.value(scope))
        for operator_, node in self.rest:
            operand = to_number(node.value(scope))
            if result is None or operand is None:
                return OTHER
            try:
                result = _arithmetic(operator_, result, operand)
            except ArithmeticError:  # division by zero, overflow, a remainder out of reach
                return OTHER
        return number_value(result)


@dataclass(frozen=True, slots=True)
class Comparison:
    comparator: str  # one of COMPARATORS
    left: Node
    right: Node

    def value(self, scope: Scope) -> Value:
        return compare(self.comparator, self.left.value(scope), self.right.value(scope))


@dataclass(frozen=True, slots=True)
class And:
    operands: tuple[Node, ...]

    def value(self, scope: Scope) -> Value:
        return all(to_boolean(operand.value(scope)) for operand in self.operands)


@dataclass(frozen=True, slots=True)
class Or:
    operands: tuple[Node, ...]

    def value(self, scope: Scope) -> Value:
        return any(to_boolean(operand.value(scope)) for operand in self.operands)


@dataclass(frozen=True, slots=True)
class Call:
    function: str  # a key of FUNCTIONS
    arguments: tuple[Node, ...]

    def value(self, scope: Scope) -> Value:
        return FUNCTIONS[self.function].apply(scope, self.arguments)


Node: TypeAlias = Source | Constant | Negate | Arithmetic | Comparison | And | Or | Call


# ---------------------------------------------------------------------------------------------
# Parsed expressions


@dataclass(frozen=True)
class Condition:
    """A parsed condition (``relevant``, ``constraint``, ``choice_filter``); build it with
    ``conditions.parse_condition``."""

    source: str
    references: frozenset[str]
    expression: Node = field(repr=False)

    def evaluate(
        self,
        answers: Mapping[str, object],
        *,
        current: object = None,
        names: Mapping[str, object] | None = None,
    ) -> bool:
        """Whether the condition holds for ``answers`` (question code to answer), ``current``
        being the answer "." stands for and ``names`` the values of bare names."""
        scope = Scope(answers, current, {} if names is None else names)
        return to_boolean(self.expression.value(scope))


@dataclass(frozen=True)
class Calculation:
    """A parsed ``calculation``; build it with ``conditions.parse_calculation``."""

    source: str
    references: frozenset[str]
    expression: Node = field(repr=False)

    def value(
        self,
        answers: Mapping[str, object],
        *,
        labels: Mapping[str, Mapping[str, str]] | None = None,
    ) -> str | int | Decimal | None:
        """The value for ``answers``: text, a whole number as int, another number as a
        Decimal without trailing zeros, "true"/"false" for a truth value; None when empty
        or not computable. ``labels`` (question → option → label) serve choice-name."""
        return result_value(self.expression.value(Scope(answers, labels=labels or {})))


def result_value(value: Value) -> str | int | Decimal | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and value.adjusted() <= MAX_PLAIN_DIGITS:
            return int(value)
        return value.normalize(WRITING)
    if isinstance(value, Choices):
        return to_string(value)
    if isinstance(value, str):
        return value or None
    return None
