import time

from django.db.models import QuerySet

from guild.core.bilingual import current_language
from guild.organizations.models import (
    Community,
    Department,
    OccupationalGroup,
    OccupationalLevel,
    Region,
    WorkStream,
)


def community_list() -> QuerySet[Community]:
    return Community.objects.active()


def department_list() -> QuerySet[Department]:
    return Department.objects.active()


def region_list() -> QuerySet[Region]:
    return Region.objects.active()


def occupational_group_list() -> QuerySet[OccupationalGroup]:
    return OccupationalGroup.objects.active()


def occupational_level_list() -> QuerySet[OccupationalLevel]:
    return OccupationalLevel.objects.active().select_related("group")


def work_stream_list(*, community_id: int | None = None) -> QuerySet[WorkStream]:
    streams = WorkStream.objects.active().select_related("community")
    if community_id is not None:
        streams = streams.filter(community_id=community_id)
    return streams


CHOICES_TTL = 300  # seconds; reference data changes rarely and the admin clears it on save
CHOICE_KINDS = ("community", "department", "region", "work_stream", "group", "level")


def _choices_uncached(kind: str) -> list[tuple[int, str]]:
    if kind == "community":
        return [(c.pk, c.name) for c in community_list()]
    if kind == "department":
        return sorted(((d.pk, d.name) for d in department_list()), key=lambda c: c[1])
    if kind == "region":
        return [(r.pk, r.name) for r in region_list()]
    if kind == "work_stream":
        return [(s.pk, f"{s.community.name} — {s.name}") for s in work_stream_list()]
    if kind == "group":
        return [(g.pk, f"{g.code} — {g.name}") for g in occupational_group_list()]
    if kind == "level":
        return [(level.pk, level.code) for level in occupational_level_list()]
    raise ValueError(kind)


_CHOICES: dict[tuple[str, str], tuple[float, list[tuple[int, str]]]] = {}


def reference_choices(kind: str) -> list[tuple[int, str]]:
    """(id, label) pairs for a filter, in the active language, kept in this process for
    CHOICES_TTL seconds (a shared cache would unpickle ~180 pairs per field per request)."""
    key = (kind, current_language())
    now = time.monotonic()
    cached = _CHOICES.get(key)
    if cached is None or now - cached[0] > CHOICES_TTL:
        cached = (now, _choices_uncached(kind))
        _CHOICES[key] = cached
    return cached[1]


def reference_choice_ids(kind: str) -> frozenset[str]:
    return frozenset(str(pk) for pk, _label in reference_choices(kind))


def reference_choices_clear() -> None:
    """Forget the lists in this process; other processes refresh within CHOICES_TTL."""
    _CHOICES.clear()
