"""Parsed definitions of published versions, kept for the life of the process.

A published version never changes, so its definition is parsed once. The key includes
the publication time as well as the id: SQLite hands out an id again after a rolled-back
insert, and two versions must never share a parse."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from guild.questionnaires.definition.json_codec import definition_from_json
from guild.questionnaires.definition.types import Definition

_PARSED: dict[tuple[int, datetime | None], Definition] = {}


def published_definition(
    version_id: int, published_at: datetime | None, stored: Callable[[], Any]
) -> Definition:
    """The definition of a published version; `stored` fetches its JSON when not parsed yet."""
    key = (version_id, published_at)
    found = _PARSED.get(key)
    if found is None:
        found = _PARSED[key] = definition_from_json(stored())
    return found
