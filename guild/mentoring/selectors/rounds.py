"""The engine's inputs read from the database, and rounds with their pairs and reasons.

A person's **seniority** is the level of their group and level (IS-04 → 4; 0 without one);
their **reporting line** the supervisors up `Member.supervisor`, followed through anyone,
in the pool or not; **past** pairs every pair of the pool ever approved, whatever became of
it; the people to **avoid** their own list. Memberships whose places are all taken by live
pairs sit the round out (a mentor takes part with the places left)."""

from dataclasses import dataclass

from django.db.models import F, QuerySet

from guild.members.models import Member
from guild.mentoring.matching import Mentor, Person, Rules, Weights
from guild.mentoring.models import Pair, Pool, PoolKind, PoolMembership, Round, Side, Unmatched

MAX_CHAIN = 50


@dataclass(frozen=True)
class MatchingInputs:
    people: list[Person]
    """Buddies, or mentees."""
    mentors: list[Mentor]
    past: list[tuple[int, int]]
    memberships: dict[int, PoolMembership]
    """By member id."""


def pool_rules(pool: Pool) -> Rules:
    return Rules(
        separate_departments=not pool.allow_same_department,
        same_region=pool.same_region,
        min_gap=pool.min_gap,
        max_gap=pool.max_gap,
    )


def pool_weights(pool: Pool) -> Weights:
    return Weights(
        competencies=pool.weight_competencies,
        goals=pool.weight_goals,
        region=pool.weight_region,
        format=pool.weight_format,
        availability=pool.weight_availability,
    )


def reporting_lines(member_ids: set[int]) -> dict[int, tuple[int, ...]]:
    """Each member's supervisors up the chain, the immediate one first (a loop in the data
    stops the chain where it comes back)."""
    supervisor: dict[int, int | None] = {}
    frontier = set(member_ids)
    for _step in range(MAX_CHAIN):
        frontier -= set(supervisor)
        if not frontier:
            break
        rows = Member.objects.filter(pk__in=frontier).values_list("pk", "supervisor_id")
        supervisor.update(dict(rows))
        frontier = {s for _m, s in rows if s is not None}
    lines: dict[int, tuple[int, ...]] = {}
    for member_id in member_ids:
        chain: list[int] = []
        at = supervisor.get(member_id)
        while at is not None and at != member_id and at not in chain and len(chain) < MAX_CHAIN:
            chain.append(at)
            at = supervisor.get(at)
        lines[member_id] = tuple(chain)
    return lines


def _person(m: PoolMembership, line: tuple[int, ...], avoid: frozenset[int]) -> dict:
    member = m.member
    return {
        "id": member.pk,
        "department": member.department.code,
        "region": member.region.code,
        "seniority": member.level.level if member.level else 0,
        "languages": frozenset(m.languages),
        "reporting_line": line,
        "formats": frozenset(m.formats),
        "availability": frozenset(m.availability),
        "wants": frozenset(m.wants),
        "offers": frozenset(m.offers),
        "goals": frozenset(m.goals),
        "avoid": avoid,
    }


def matching_inputs(pool: Pool, *, only: set[int] | None = None) -> MatchingInputs:
    """The engine's inputs for the pool's active members with places left (`only` keeps
    those member ids, and the past pairs among them)."""
    found = PoolMembership.objects.filter(pool=pool, is_active=True, taken__lt=F("capacity"))
    past_pairs = Pair.objects.filter(pool=pool, approved_at__isnull=False)
    if only is not None:
        found = found.filter(member_id__in=only)
        past_pairs = past_pairs.filter(first__member_id__in=only, second__member_id__in=only)
    memberships = list(
        found.select_related("member", "member__department", "member__region", "member__level")
        .prefetch_related("avoid")
        .order_by("member_id")
    )
    lines = reporting_lines({m.member_id for m in memberships})
    people: list[Person] = []
    mentors: list[Mentor] = []
    for m in memberships:
        fields = _person(m, lines[m.member_id], frozenset(a.pk for a in m.avoid.all()))
        if m.side == Side.MENTOR:
            mentors.append(Mentor(**fields, capacity=m.capacity - m.taken))
        else:
            people.append(Person(**fields))
    past = list(past_pairs.values_list("first__member_id", "second__member_id"))
    return MatchingInputs(
        people=people,
        mentors=mentors if pool.kind == PoolKind.MENTORING else [],
        past=past,
        memberships={m.member_id: m for m in memberships},
    )


def pool_rounds(pool: Pool) -> QuerySet[Round]:
    return Round.objects.filter(pool=pool).order_by("-number")


def round_pairs(round_: Round) -> QuerySet[Pair]:
    return (
        Pair.objects.filter(round=round_)
        .select_related(
            "first__member",
            "second__member",
            "first__member__department",
            "second__member__department",
        )
        .order_by("pk")
    )


def round_unmatched(round_: Round) -> QuerySet[Unmatched]:
    return (
        Unmatched.objects.filter(round=round_)
        .select_related("membership__member")
        .order_by("membership__member_id", "pk")
    )
