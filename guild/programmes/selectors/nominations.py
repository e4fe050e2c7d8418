"""Reads of nominations: what waits for a person, an intake's list as each role may see
it, a person's own (as nominee, supervisor or nominator), the members a coordinator may
nominate, and the signed e-mail link by which a supervisor endorses without signing in.

Waiting for the supervisor: a nomination not withdrawn whose endorsement is pending and
whose nominee has not declined; the supervisor may endorse before the nominee answers, so
neither waits for the other."""

from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db.models import Q, QuerySet

from guild.accounts.models import AnyUser
from guild.accounts.scopes import scope_for
from guild.members.access import approved_memberships, own_member_id
from guild.members.models import Member
from guild.programmes.access import administers, coordinated_departments, visible_nominations
from guild.programmes.models import Consent, Endorsement, Intake, Nomination, NominationEvent

SHOWN = 50  # rows of a list on the home page; the rest is on "My nominations"
LINK_SALT = "guild.programmes.endorse-link"
LINK_MAX_AGE = 30 * 24 * 3600  # seconds: the e-mailed link works for 30 days

_JOINED = ("intake", "intake__programme", "member", "department", "supervisor", "nominated_by")


def _open() -> Q:
    return Q(withdrawn_at__isnull=True)


def _waiting_as_nominee(member_id: int) -> Q:
    return _open() & Q(member_id=member_id, consent=Consent.PENDING)


def _waiting_as_supervisor(member_id: int) -> Q:
    return (
        _open()
        & Q(supervisor_id=member_id, endorsement=Endorsement.PENDING)
        & ~Q(consent=Consent.DECLINED)
    )


def nominations_waiting_for(user: AnyUser) -> list[Nomination]:
    """Nominations waiting for `user`: to accept (as nominee) or to endorse (as supervisor)."""
    member_id = own_member_id(user)
    if member_id is None:
        return []
    waiting = _waiting_as_nominee(member_id) | _waiting_as_supervisor(member_id)
    return list(
        Nomination.objects.filter(waiting)
        .select_related(*_JOINED)
        .order_by("created_at", "pk")[:SHOWN]
    )


def intake_nominations(user: AnyUser, intake: Intake) -> list[Nomination]:
    """The intake's nominations `user` may see (coordinators: their departments'; the
    committee and administrators: all), withdrawn ones last."""
    return list(
        visible_nominations(user)
        .filter(intake=intake)
        .select_related(*_JOINED)
        .order_by("withdrawn_at", "department__code", "member__family_name", "pk")
    )


@dataclass(frozen=True)
class MyNominations:
    as_nominee: list[Nomination]
    as_supervisor: list[Nomination]
    as_nominator: list[Nomination]


def my_nominations(user: AnyUser) -> MyNominations:
    member_id = own_member_id(user)
    account_id = scope_for(user).user_id
    base = Nomination.objects.select_related(*_JOINED).order_by("-created_at", "-pk")
    return MyNominations(
        as_nominee=list(base.filter(member_id=member_id)) if member_id else [],
        as_supervisor=list(base.filter(supervisor_id=member_id)) if member_id else [],
        as_nominator=list(base.filter(nominated_by_id=account_id)) if account_id else [],
    )


def nomination_history(nomination: Nomination) -> list[NominationEvent]:
    return list(nomination.events.select_related("actor").order_by("at", "pk"))


def nominable_members(user: AnyUser, intake: Intake) -> QuerySet[Member]:
    """The members `user` may nominate to `intake`: active members of the programme's
    community in the departments they coordinate (any department for administrators),
    of an eligible level, not already nominated."""
    community_id = intake.programme.community_id
    members = Member.objects.filter(
        is_active=True,
        pk__in=approved_memberships().filter(community_id=community_id).values("member_id"),
    )
    if not administers(user, community_id):
        members = members.filter(department_id__in=coordinated_departments(user, community_id))
    levels = [level.pk for level in intake.eligible_levels.all()]
    if levels:
        members = members.filter(level_id__in=levels)
    taken = Nomination.objects.filter(_open(), intake=intake).values("member_id")
    return (
        members.exclude(pk__in=taken)
        .select_related("department", "level")
        .order_by("family_name", "given_name", "pk")
    )


def open_nominations_count(intake: Intake, department_id: int) -> int:
    return Nomination.objects.filter(_open(), intake=intake, department_id=department_id).count()


def endorse_link_token(nomination: Nomination) -> str:
    """The signed token of the e-mailed endorsement link: the nomination and the
    supervisor it was sent to, so a change of supervisor voids it."""
    return signing.TimestampSigner(salt=LINK_SALT).sign_object(
        {"n": nomination.pk, "s": nomination.supervisor_id}
    )


def nomination_from_link(token: str) -> Nomination | None:
    """The nomination a link's token names, if the token is genuine, younger than 30
    days and still names the nomination's supervisor; None otherwise."""
    try:
        data: Any = signing.TimestampSigner(salt=LINK_SALT).unsign_object(
            token, max_age=LINK_MAX_AGE
        )
    except signing.BadSignature:  # SignatureExpired is one
        return None
    if not isinstance(data, dict):
        return None
    nomination_id, supervisor_id = data.get("n"), data.get("s")
    if not isinstance(nomination_id, int) or not isinstance(supervisor_id, int):
        return None
    return (
        Nomination.objects.select_related(*_JOINED)
        .filter(pk=nomination_id, supervisor_id=supervisor_id)
        .first()
    )
