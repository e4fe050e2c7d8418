"""A pool's raw counts for its reports (never published as they are: `report.py` suppresses
them). Only members who agreed to be counted in statistics, and are active, are counted.

* **people in pairs**: the members who were in at least one pair of a published round,
  by department and region (each person counted once, in one cell);
* **acceptance**: the published pairs their two members decided on: accepted by both
  (whatever became of them after) or declined;
* **completion**: the pairs that ended: completed, or ended early."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Q

from guild.mentoring.models import Pair, PairStatus, Pool, PoolMembership, RoundStatus

COUNTED = Q(member__consent_statistics=True, member__is_active=True)


@dataclass(frozen=True)
class RawCounts:
    by_place: dict[tuple[str, str], int]
    """(department code, region code) → people in pairs."""
    accepted: int
    declined: int
    completed: int
    ended: int


def _counted(prefix: str) -> Q:
    return Q(
        **{
            f"{prefix}__member__consent_statistics": True,
            f"{prefix}__member__is_active": True,
        }
    )


def pool_raw_counts(pool: Pool) -> RawCounts:
    published = Pair.objects.filter(
        pool=pool, round__status=RoundStatus.PUBLISHED, approved_at__isnull=False
    )
    paired_ids = set(published.values_list("first_id", flat=True)) | set(
        published.values_list("second_id", flat=True)
    )
    places = Counter(
        PoolMembership.objects.filter(COUNTED, pk__in=paired_ids).values_list(
            "member__department__code", "member__region__code"
        )
    )
    both = published.filter(_counted("first"), _counted("second"))
    statuses = Counter(
        (status, accepted is not None)
        for status, accepted in both.values_list("status", "active_since")
    )
    accepted = sum(n for (status, active), n in statuses.items() if active)
    return RawCounts(
        by_place=dict(places),
        accepted=accepted,
        declined=statuses[(PairStatus.DECLINED, False)],
        completed=sum(n for (s, _a), n in statuses.items() if s == PairStatus.COMPLETED),
        ended=sum(n for (s, _a), n in statuses.items() if s == PairStatus.ENDED),
    )
