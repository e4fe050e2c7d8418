"""The mentoring app's tables: pools and the members who opted in (`pools`), matching
rounds with their proposed pairs and the people left unmatched, and the pairs' life with
their check-ins (`pairs`)."""

from guild.mentoring.models.pairs import CheckIn, Pair, PairStatus, Round, RoundStatus, Unmatched
from guild.mentoring.models.pools import (
    AVAILABILITY,
    FORMATS,
    Goal,
    Pool,
    PoolKind,
    PoolMembership,
    Side,
)

__all__ = [
    "AVAILABILITY",
    "FORMATS",
    "CheckIn",
    "Goal",
    "Pair",
    "PairStatus",
    "Pool",
    "PoolKind",
    "PoolMembership",
    "Round",
    "RoundStatus",
    "Side",
    "Unmatched",
]
