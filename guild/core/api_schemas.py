"""The one JSON form and the one OpenAPI schema of a hidden value, for every API endpoint
that publishes figures about people.

A figure hidden by :mod:`guild.core.disclosure` is ``{"suppressed": true}`` wherever a number
would be, whatever the reason it is hidden: which hidden values are the small ones is itself
a clue, so the reason never leaves the server.
"""

from typing import Any, Literal, TypeAlias

from ninja import Field, Schema

from guild.core.disclosure import Suppressed


class Hidden(Schema):
    """A figure hidden because it would describe too few people, or let one be worked out."""

    suppressed: Literal[True] = Field(True, description="The value is hidden to protect privacy.")


Count: TypeAlias = int | Hidden
"""A count of people, or hidden."""

Figure: TypeAlias = float | Hidden | None
"""A share, percentage or mean: published, hidden, or null where there is no one to describe."""


def hidden_json(value: object) -> Any:
    """``value`` as the API publishes it: itself, or ``{"suppressed": true}`` if hidden."""
    return {"suppressed": True} if isinstance(value, Suppressed) else value
