"""The router every competencies endpoint registers on, and the JSON of a suppressed
figure."""

from typing import Any, Literal

from ninja import Router, Schema

from guild.core.disclosure import Suppressed

router = Router(tags=["competencies"])


class SuppressedOut(Schema):
    """A figure hidden because it would describe too few people."""

    suppressed: Literal[True] = True


def published(value: Any) -> Any:
    """The value, or the suppressed marker's JSON (`{"suppressed": true}`)."""
    return {"suppressed": True} if isinstance(value, Suppressed) else value
