"""What a parsed expression is and how it evaluates: the syntax tree that
``conditions.parse_condition`` and ``conditions.parse_calculation`` build (tree.py), the
values it works on and the leaves that read them (values.py) and the functions it may call
(functions.py); the rules are in conditions/. Evaluation never raises, whatever the answers.
No database; regular expressions run on RE2, which matches in time linear in the text
whatever the pattern.
"""

from guild.questionnaires.definition.condition_tree.functions import (
    CHOICE_NAME,
    CHOSEN_QUESTION,
    FUNCTIONS,
    Function,
    compile_pattern,
)
from guild.questionnaires.definition.condition_tree.tree import (
    And,
    Arithmetic,
    Calculation,
    Call,
    Comparison,
    Condition,
    Negate,
    Node,
    Or,
    result_value,
)
from guild.questionnaires.definition.condition_tree.values import (
    COMPARATORS,
    EMPTY,
    OTHER,
    Choices,
    Constant,
    Current,
    Name,
    Reference,
    Scope,
    Source,
    Value,
    compare,
    to_boolean,
    to_number,
    to_string,
    to_value,
)

__all__ = [
    "CHOICE_NAME",
    "CHOSEN_QUESTION",
    "COMPARATORS",
    "EMPTY",
    "FUNCTIONS",
    "OTHER",
    "And",
    "Arithmetic",
    "Calculation",
    "Call",
    "Choices",
    "Comparison",
    "Condition",
    "Constant",
    "Current",
    "Function",
    "Name",
    "Negate",
    "Node",
    "Or",
    "Reference",
    "Scope",
    "Source",
    "Value",
    "compare",
    "compile_pattern",
    "result_value",
    "to_boolean",
    "to_number",
    "to_string",
    "to_value",
]
