"""How an expression is refused: the bounds on its size, the stable error codes and
:class:`ConditionError`. No database."""

from typing import Any, Final

MAX_LENGTH: Final = 1000
"""Longest accepted source, in characters."""
MAX_DEPTH: Final = 50
"""Deepest accepted nesting of parentheses and function calls."""

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
SELF_NOT_ALLOWED: Final = "self_not_allowed"
"""``.`` outside a constraint."""
NAME_NOT_ALLOWED: Final = "name_not_allowed"
"""A bare name outside a choice filter (often text missing its quotes)."""
UNSUPPORTED_PATH: Final = "unsupported_path"
"""An XPath path (``/data/q``, ``..``): refer to questions as ``${code}``."""

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
        SELF_NOT_ALLOWED,
        NAME_NOT_ALLOWED,
        UNSUPPORTED_PATH,
    }
)


class ConditionError(ValueError):
    """An expression that cannot be used: ``code`` says why, ``position`` where (0-based);
    ``function`` names the function of an :data:`UNKNOWN_FUNCTION` error (else None)."""

    def __init__(self, code: str, message: str, position: int, function: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.position = position
        self.function = function

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.code, self.message, self.position, self.function))
