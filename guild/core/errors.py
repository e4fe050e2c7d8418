"""The one error vocabulary: services raise these, the edges translate them."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """A broken business rule. `message` is translated; `code` is stable for machines."""

    status = 400

    def __init__(
        self, message: Any, *, code: str = "invalid", fields: dict[str, list[str]] | None = None
    ):
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.fields = fields or {}


class NotFound(ApplicationError):
    """Missing and forbidden look the same to the caller, so nothing leaks."""

    status = 404

    def __init__(self, message: Any = None, *, code: str = "not_found"):
        super().__init__(
            message
            if message is not None
            else _("The page or item you asked for does not exist, or you may not see it."),
            code=code,
        )


class PermissionDenied(ApplicationError):
    """The actor may see the object but not do this to it."""

    status = 403

    def __init__(self, message: Any = None, *, code: str = "forbidden"):
        super().__init__(
            message if message is not None else _("You do not have permission to do that."),
            code=code,
        )


@dataclass(frozen=True)
class Problem:
    """One problem of some input, at its path in it (`nominees[3].score`)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ProblemsError(ApplicationError, ValueError):
    """Input refused by a pure module with every problem found, each at its path; the
    fields of the error are the problems' messages by path."""

    def __init__(self, message: Any, *, code: str, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        fields: dict[str, list[str]] = {}
        for problem in self.problems:
            fields.setdefault(problem.path, []).append(problem.message)
        super().__init__(message, code=code, fields=fields)

    def __str__(self) -> str:
        return "; ".join(str(problem) for problem in self.problems)
