"""Pools saved by their coordinators, and members opting in, changing their preferences and
opting out. Preferences are checked all at once (`ProblemsError` naming every problem at its
field, unknown competency codes named); nothing is saved when one is wrong."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guild.accounts.models import AnyUser
from guild.core.audit import audit_record, diff, snapshot
from guild.core.errors import ApplicationError, NotFound, Problem, ProblemsError
from guild.members.access import is_community_member, own_member_id
from guild.members.models import Member
from guild.mentoring.access import coordinates
from guild.mentoring.models import (
    AVAILABILITY,
    FORMATS,
    Goal,
    Pool,
    PoolKind,
    PoolMembership,
    Side,
)
from guild.mentoring.selectors.pools import competency_codes
from guild.organizations.models import Community

POOL_FIELDS = (
    "kind",
    "name_en",
    "name_fr",
    "description_en",
    "description_fr",
    "is_open",
    "allow_same_department",
    "same_region",
    "min_gap",
    "max_gap",
    "weight_competencies",
    "weight_goals",
    "weight_region",
    "weight_format",
    "weight_availability",
)
MEMBERSHIP_FIELDS = (
    "side",
    "capacity",
    "goals",
    "wants",
    "offers",
    "languages",
    "formats",
    "availability",
    "avoid",
    "is_active",
)
MAX_CODES = 40


class PreferencesError(ProblemsError):
    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(
            gettext_lazy("Some preferences need your attention."),
            code="invalid_preferences",
            problems=problems,
        )


@dataclass(frozen=True)
class Preferences:
    """What a member says when opting in. Codes: competencies of the community's current
    framework, `Goal` values, "en"/"fr", `FORMATS`, `AVAILABILITY`; `avoid` member ids."""

    side: str
    capacity: int = 1
    goals: Sequence[str] = ()
    wants: Sequence[str] = ()
    offers: Sequence[str] = ()
    languages: Sequence[str] = ("en",)
    formats: Sequence[str] = ()
    availability: Sequence[str] = ()
    avoid: Sequence[int] = field(default_factory=tuple)


@transaction.atomic
def pool_save(
    *, actor: AnyUser, community: Community, pool: Pool | None = None, **fields: Any
) -> Pool:
    """Create (`pool` None) or change a pool of `community`: its coordinators only. The kind
    of a pool with memberships does not change. Raises `ValidationError` with every error."""
    if not coordinates(actor, community.pk):
        raise NotFound()
    creating = pool is None
    if pool is None:
        pool = Pool(community=community)
    elif pool.community_id != community.pk:
        raise NotFound()
    before = {} if creating else snapshot(pool, POOL_FIELDS)
    unknown = set(fields) - set(POOL_FIELDS)
    if unknown:
        raise ValueError(f"not pool fields: {sorted(unknown)}")
    if (
        not creating
        and "kind" in fields
        and fields["kind"] != pool.kind
        and pool.memberships.exists()
    ):
        raise ValidationError({"kind": [_("The kind of a pool with members does not change.")]})
    for name, value in fields.items():
        setattr(pool, name, value)
    errors: dict[str, list[Any]] = {}
    try:
        pool.full_clean(exclude=["community"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if pool.min_gap is not None and pool.max_gap is not None and pool.max_gap < pool.min_gap:
        errors.setdefault("max_gap", []).append(
            _("The largest seniority gap cannot be less than the smallest.")
        )
    if errors:
        raise ValidationError(errors)
    pool.save()
    audit_record(
        actor=actor,
        action="mentoring.pool_create" if creating else "mentoring.pool_update",
        obj=pool,
        changes=diff(before, snapshot(pool, POOL_FIELDS)),
    )
    return pool


def _codes(
    problems: list[Problem],
    name: str,
    values: Sequence[str],
    known: Sequence[str] | set[str],
    message: str,
) -> list[str]:
    if not isinstance(values, (list, tuple)) or not all(isinstance(v, str) for v in values):
        problems.append(Problem(name, _("Give a list of codes.")))
        return []
    if len(values) > MAX_CODES:
        problems.append(Problem(name, _("Give at most %(max)d codes.") % {"max": MAX_CODES}))
        return []
    unknown = sorted({v for v in values if v not in known})
    if unknown:
        problems.append(Problem(name, message % {"codes": ", ".join(unknown)}))
    return sorted(set(values))


def _checked(pool: Pool, member: Member, prefs: Preferences) -> tuple[dict[str, Any], list[Member]]:
    problems: list[Problem] = []
    sides = [Side.BUDDY] if pool.kind == PoolKind.BUDDY else [Side.MENTOR, Side.MENTEE]
    if prefs.side not in sides:
        problems.append(
            Problem(
                "side",
                _("In a buddy pool, everyone is a buddy.")
                if pool.kind == PoolKind.BUDDY
                else _("Choose mentor or mentee."),
            )
        )
    capacity = prefs.capacity
    if prefs.side == Side.MENTOR:
        if isinstance(capacity, bool) or not isinstance(capacity, int) or not 1 <= capacity <= 3:
            problems.append(Problem("capacity", _("A mentor takes 1, 2 or 3 mentees at once.")))
    elif capacity != 1:
        problems.append(Problem("capacity", _("Only a mentor takes more than one person.")))
    competencies = competency_codes(pool.community)
    unknown_competency = _("Not competencies of the community's current framework: %(codes)s.")
    values = {
        "goals": _codes(
            problems, "goals", prefs.goals, Goal.values, _("Unknown goals: %(codes)s.")
        ),
        "wants": _codes(problems, "wants", prefs.wants, competencies, unknown_competency),
        "offers": _codes(problems, "offers", prefs.offers, competencies, unknown_competency),
        "languages": _codes(
            problems, "languages", prefs.languages, ("en", "fr"), _("Unknown languages: %(codes)s.")
        ),
        "formats": _codes(
            problems, "formats", prefs.formats, FORMATS, _("Unknown formats: %(codes)s.")
        ),
        "availability": _codes(
            problems,
            "availability",
            prefs.availability,
            AVAILABILITY,
            _("Unknown half-days: %(codes)s (write mon-am … fri-pm)."),
        ),
    }
    if not values["languages"] and not any(p.path == "languages" for p in problems):
        problems.append(Problem("languages", _("Choose at least one official language.")))
    avoid: list[Member] = []
    if not isinstance(prefs.avoid, (list, tuple)) or not all(
        isinstance(i, int) and not isinstance(i, bool) for i in prefs.avoid
    ):
        problems.append(Problem("avoid", _("Give a list of member ids.")))
    elif len(prefs.avoid) > MAX_CODES:
        problems.append(Problem("avoid", _("Give at most %(max)d people.") % {"max": MAX_CODES}))
    else:
        wanted = {i for i in prefs.avoid if 0 < i < 2**63}
        avoid = list(
            Member.objects.filter(pk__in=wanted, communities=pool.community).exclude(pk=member.pk)
        )
        missing = sorted(set(prefs.avoid) - {m.pk for m in avoid})
        if missing:
            problems.append(
                Problem(
                    "avoid",
                    _("Not other members of the pool's community: %(ids)s.")
                    % {"ids": ", ".join(str(i) for i in missing)},
                )
            )
    if problems:
        raise PreferencesError(problems)
    return {"side": prefs.side, "capacity": capacity, **values}, avoid


def _own_member(actor: AnyUser) -> Member:
    own = own_member_id(actor)
    if own is None:
        raise NotFound()
    return Member.objects.get(pk=own)


@transaction.atomic
def pool_opt_in(*, actor: AnyUser, pool: Pool, preferences: Preferences) -> PoolMembership:
    """The actor joins `pool` with `preferences` (or rejoins, after opting out). Only members
    of the pool's community, only while it is open."""
    if not is_community_member(actor, pool.community_id):
        raise NotFound()
    member = _own_member(actor)
    if not pool.is_open:
        raise ApplicationError(_("This pool is closed to new members."), code="pool_closed")
    membership = PoolMembership.objects.select_for_update().filter(pool=pool, member=member).first()
    if membership is not None and membership.is_active:
        raise ApplicationError(
            _("You are already in this pool; change your preferences instead."),
            code="already_in_pool",
        )
    values, avoid = _checked(pool, member, preferences)
    if membership is not None and membership.side != values["side"] and membership.taken:
        raise ApplicationError(
            _("You cannot change sides while you have a partner in this pool."),
            code="side_in_use",
        )
    creating = membership is None
    if membership is None:
        membership = PoolMembership(pool=pool, member=member)
    before = {} if creating else snapshot(membership, MEMBERSHIP_FIELDS)
    for name, value in values.items():
        setattr(membership, name, value)
    membership.is_active = True
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:  # the same person opting in twice at once: one wins
        raise ApplicationError(
            _("You are already in this pool; change your preferences instead."),
            code="already_in_pool",
        ) from None
    membership.avoid.set(avoid)
    audit_record(
        actor=actor,
        action="mentoring.opt_in",
        obj=membership,
        changes=diff(before, snapshot(membership, MEMBERSHIP_FIELDS)),
    )
    return membership


@transaction.atomic
def membership_update(
    *, actor: AnyUser, membership: PoolMembership, preferences: Preferences
) -> PoolMembership:
    """The member changes their preferences; a mentor's capacity stays at least the places
    their partners hold, and nobody changes sides while holding a place."""
    own = own_member_id(actor)
    if own is None or membership.member_id != own:
        raise NotFound()
    locked = PoolMembership.objects.select_for_update().get(pk=membership.pk)
    values, avoid = _checked(locked.pool, locked.member, preferences)
    if locked.taken and values["side"] != locked.side:
        raise ApplicationError(
            _("You cannot change sides while you have a partner in this pool."),
            code="side_in_use",
        )
    if values["capacity"] < locked.taken:
        raise PreferencesError(
            [
                Problem(
                    "capacity",
                    _("You have %(taken)d mentees now: the capacity cannot be lower.")
                    % {"taken": locked.taken},
                )
            ]
        )
    before = snapshot(locked, MEMBERSHIP_FIELDS)
    for name, value in values.items():
        setattr(locked, name, value)
    locked.save()
    locked.avoid.set(avoid)
    audit_record(
        actor=actor,
        action="mentoring.preferences_update",
        obj=locked,
        changes=diff(before, snapshot(locked, MEMBERSHIP_FIELDS)),
    )
    return locked


@transaction.atomic
def pool_opt_out(*, actor: AnyUser, membership: PoolMembership) -> PoolMembership:
    """The member leaves the pool's next rounds; their current pairs go on (they end them
    on their own page)."""
    own = own_member_id(actor)
    if own is None or membership.member_id != own:
        raise NotFound()
    locked = PoolMembership.objects.select_for_update().get(pk=membership.pk)
    if not locked.is_active:
        return locked
    locked.is_active = False
    locked.save(update_fields=["is_active", "updated_at"])
    audit_record(
        actor=actor, action="mentoring.opt_out", obj=locked, changes={"is_active": [True, False]}
    )
    return locked
