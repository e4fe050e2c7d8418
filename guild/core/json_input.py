"""JSON from people (uploaded files), read with a bound on nesting.

Python's parser recurses once per bracket, so 200,000 nested ``[`` raise `RecursionError`
(and a few hundred can exhaust later recursive code). `json_loads_bounded` finds where the
text goes deeper than `max_depth` before parsing, and says where, as line and column.
"""

import json
import re
from typing import Any

from django.utils.translation import gettext as _

from guild.core.errors import ApplicationError

MAX_DEPTH = 64
# Strings (whose brackets do not count) and the brackets themselves.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


class JsonInputError(ApplicationError):
    """Text that is not JSON, or JSON nested too deeply; `line` and `column` say where."""

    def __init__(self, message: str, *, line: int, column: int) -> None:
        super().__init__(message, code="invalid_json")
        self.line = line
        self.column = column


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def json_depth_error(text: str, max_depth: int = MAX_DEPTH) -> tuple[int, int] | None:
    """(line, column) of the first bracket deeper than `max_depth`, or None."""
    depth = 0
    for token in _TOKENS.finditer(text):
        mark = token.group()
        if mark in "[{":
            depth += 1
            if depth > max_depth:
                return _position(text, token.start())
        elif mark in "]}":
            depth -= 1
    return None


def json_loads_bounded(text: str, *, max_depth: int = MAX_DEPTH) -> Any:
    """The parsed JSON; raises `JsonInputError` (located) for invalid or too deep text."""
    too_deep = json_depth_error(text, max_depth)
    if too_deep is not None:
        line, column = too_deep
        raise JsonInputError(
            _(
                "The file is nested more than %(depth)d levels deep "
                "(line %(line)d, column %(column)d)."
            )
            % {"depth": max_depth, "line": line, "column": column},
            line=line,
            column=column,
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonInputError(
            _("The file is not JSON (line %(line)d, column %(column)d).")
            % {"line": error.lineno, "column": error.colno},
            line=error.lineno,
            column=error.colno,
        ) from None
    except RecursionError:  # pragma: no cover - the depth check comes first
        raise JsonInputError(_("The file is nested too deeply."), line=1, column=1) from None
