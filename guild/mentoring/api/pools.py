"""API: the pools I may see (and, as a coordinator, create or change), and my memberships
with their preferences: opt in, change, opt out."""

from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status, codes_4xx

from guild.core.api_errors import ErrorOut
from guild.core.errors import NotFound
from guild.mentoring.access import access_own_membership, access_pool, coordinates
from guild.mentoring.models import Pool, PoolMembership
from guild.mentoring.selectors.pools import my_memberships, pools_visible
from guild.mentoring.services import pools as service
from guild.organizations.models import Community

router = Router(tags=["mentoring"])


class PoolOut(Schema):
    id: int
    community: str
    kind: str = Field(description="buddy or mentoring")
    name_en: str
    name_fr: str
    description_en: str
    description_fr: str
    is_open: bool
    allow_same_department: bool
    same_region: bool
    min_gap: int
    max_gap: int
    weight_competencies: Decimal
    weight_goals: Decimal
    weight_region: Decimal
    weight_format: Decimal
    weight_availability: Decimal


class PoolIn(Schema):
    community: str = Field(max_length=20, description="The community's code.")
    kind: str = Field(max_length=10, description="buddy or mentoring")
    name_en: str = Field(max_length=200)
    name_fr: str = Field(max_length=200)
    description_en: str = Field("", max_length=4000)
    description_fr: str = Field("", max_length=4000)
    is_open: bool = True
    allow_same_department: bool = False
    same_region: bool = False
    min_gap: int = Field(1, ge=1, le=50)
    max_gap: int = Field(4, ge=1, le=50)
    weight_competencies: Decimal = Field(Decimal(3), ge=0, le=1000, max_digits=8, decimal_places=4)
    weight_goals: Decimal = Field(Decimal(2), ge=0, le=1000, max_digits=8, decimal_places=4)
    weight_region: Decimal = Field(Decimal(1), ge=0, le=1000, max_digits=8, decimal_places=4)
    weight_format: Decimal = Field(Decimal(1), ge=0, le=1000, max_digits=8, decimal_places=4)
    weight_availability: Decimal = Field(Decimal(1), ge=0, le=1000, max_digits=8, decimal_places=4)


class PreferencesIn(Schema):
    side: str = Field(max_length=6, description="buddy, mentor or mentee")
    capacity: int = Field(1, description="Mentors: 1 to 3 mentees at once; others 1.")
    goals: list[str] = Field([], description="career, leadership, technical, network, …")
    wants: list[str] = Field([], description="Competency codes of the community's framework.")
    offers: list[str] = Field([], description="Competency codes of the community's framework.")
    languages: list[str] = Field(["en"], description="en, fr or both")
    formats: list[str] = Field([], description="in_person, virtual")
    availability: list[str] = Field([], description="Half-days: mon-am … fri-pm")
    avoid: list[int] = Field([], description="Member ids of people not to be paired with.")


class MembershipOut(Schema):
    id: int
    pool_id: int
    pool_name_en: str
    pool_name_fr: str
    side: str
    capacity: int
    taken: int = Field(description="Places held by my current pairs.")
    goals: list[str]
    wants: list[str]
    offers: list[str]
    languages: list[str]
    formats: list[str]
    availability: list[str]
    avoid: list[int]
    is_active: bool


def pool_out(pool: Pool) -> PoolOut:
    return PoolOut(
        id=pool.pk,
        community=pool.community.code,
        kind=pool.kind,
        name_en=pool.name_en,
        name_fr=pool.name_fr,
        description_en=pool.description_en,
        description_fr=pool.description_fr,
        is_open=pool.is_open,
        allow_same_department=pool.allow_same_department,
        same_region=pool.same_region,
        min_gap=pool.min_gap,
        max_gap=pool.max_gap,
        weight_competencies=pool.weight_competencies,
        weight_goals=pool.weight_goals,
        weight_region=pool.weight_region,
        weight_format=pool.weight_format,
        weight_availability=pool.weight_availability,
    )


def membership_out(membership: PoolMembership) -> MembershipOut:
    return MembershipOut(
        id=membership.pk,
        pool_id=membership.pool_id,
        pool_name_en=membership.pool.name_en,
        pool_name_fr=membership.pool.name_fr,
        side=membership.side,
        capacity=membership.capacity,
        taken=membership.taken,
        goals=membership.goals,
        wants=membership.wants,
        offers=membership.offers,
        languages=membership.languages,
        formats=membership.formats,
        availability=membership.availability,
        avoid=sorted(m.pk for m in membership.avoid.all()),
        is_active=membership.is_active,
    )


def _preferences(payload: PreferencesIn) -> service.Preferences:
    return service.Preferences(**payload.dict())


@router.get(
    "/pools", response={200: list[PoolOut], codes_4xx: ErrorOut}, operation_id="mentoring_pools"
)
def pools(request: HttpRequest) -> list[PoolOut]:
    """The pools of my communities, and those I coordinate."""
    return [pool_out(p) for p in pools_visible(request.user)]


def _community(request: HttpRequest, code: str) -> Community:
    community = Community.objects.filter(code=code).first()
    if community is None or not coordinates(request.user, community.pk):
        raise NotFound()
    return community


@router.post(
    "/pools",
    response={201: PoolOut, codes_4xx: ErrorOut},
    operation_id="mentoring_pool_create",
)
def pool_create(request: HttpRequest, payload: PoolIn) -> Status[PoolOut]:
    """Create a pool (its community's programme administrators); 400 with every error."""
    fields = payload.dict()
    community = _community(request, fields.pop("community"))
    pool = service.pool_save(actor=request.user, community=community, **fields)
    return Status(201, pool_out(pool))


@router.put(
    "/pools/{pool_id}",
    response={200: PoolOut, codes_4xx: ErrorOut},
    operation_id="mentoring_pool_update",
)
def pool_update(request: HttpRequest, pool_id: int, payload: PoolIn) -> PoolOut:
    """Change a pool's texts, rules and weights (its coordinators)."""
    pool = access_pool(request.user, pool_id, to_coordinate=True)
    fields = payload.dict()
    fields.pop("community")
    return pool_out(
        service.pool_save(actor=request.user, community=pool.community, pool=pool, **fields)
    )


@router.get(
    "/memberships",
    response={200: list[MembershipOut], codes_4xx: ErrorOut},
    operation_id="mentoring_my_memberships",
)
def memberships(request: HttpRequest) -> list[MembershipOut]:
    """My pool memberships with my preferences (those I opted out of included)."""
    return [membership_out(m) for m in my_memberships(request.user)]


@router.post(
    "/pools/{pool_id}/memberships",
    response={201: MembershipOut, codes_4xx: ErrorOut},
    operation_id="mentoring_opt_in",
)
def opt_in(request: HttpRequest, pool_id: int, payload: PreferencesIn) -> Status[MembershipOut]:
    """Opt into a pool of my community (or back in). 400 naming every problem (unknown
    competency codes named); 404 for a pool of another community."""
    pool = access_pool(request.user, pool_id)
    membership = service.pool_opt_in(
        actor=request.user, pool=pool, preferences=_preferences(payload)
    )
    return Status(201, membership_out(membership))


@router.get(
    "/memberships/{membership_id}",
    response={200: MembershipOut, codes_4xx: ErrorOut},
    operation_id="mentoring_my_membership",
)
def membership(request: HttpRequest, membership_id: int) -> MembershipOut:
    """One of my memberships; 404 for anyone else's."""
    return membership_out(access_own_membership(request.user, membership_id))


@router.put(
    "/memberships/{membership_id}",
    response={200: MembershipOut, codes_4xx: ErrorOut},
    operation_id="mentoring_preferences_update",
)
def preferences_update(
    request: HttpRequest, membership_id: int, payload: PreferencesIn
) -> MembershipOut:
    """Change my preferences; 400 naming every problem."""
    found = access_own_membership(request.user, membership_id)
    return membership_out(
        service.membership_update(
            actor=request.user, membership=found, preferences=_preferences(payload)
        )
    )


@router.delete(
    "/memberships/{membership_id}",
    response={200: MembershipOut, codes_4xx: ErrorOut},
    operation_id="mentoring_opt_out",
)
def opt_out(request: HttpRequest, membership_id: int) -> MembershipOut:
    """Opt out of the pool's next rounds (my current pairs go on)."""
    found = access_own_membership(request.user, membership_id)
    return membership_out(service.pool_opt_out(actor=request.user, membership=found))
