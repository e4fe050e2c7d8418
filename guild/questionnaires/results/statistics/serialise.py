"""Published figures as JSON, the one serialisation of a hidden value: ``{"suppressed": true}``
(never its reason: which hidden values are small ones is itself a clue)."""

from typing import Any

from guild.core.disclosure import Suppressed
from guild.questionnaires.definition.types import Text

SUPPRESSED_JSON: dict[str, bool] = {"suppressed": True}


def figure_json(value: object) -> Any:
    """A count, percentage or mean as JSON: the number, ``None``, or ``SUPPRESSED_JSON``."""
    if isinstance(value, Suppressed):
        return dict(SUPPRESSED_JSON)
    return value


def text_json(value: Text | None) -> dict[str, str] | None:
    return None if value is None else {"en": value.en, "fr": value.fr}
