"""Who sees and does what in a leadership programme. Missing and forbidden look the same
(NotFound), so a tampered id learns nothing.

* A programme and its intakes (dates, seats, eligibility, criteria) are read by the members
  of its community and by anyone with a role in it; every change, the schedule and the
  attendance register are for its programme administrators (and platform administrators).
* A department coordinator nominates members of the departments they coordinate in the
  community; an administrator may also nominate (to load history from past intakes).
* A nomination is seen by its nominee, the supervisor it names, the coordinators of its
  department, the community's selection committee and its administrators. Only the nominee
  accepts or declines; only the named supervisor endorses (signed in, or through the signed
  e-mailed link); the nominator, the department's coordinators and administrators withdraw.
* The committee (and administrators) score nominations, run the optimiser and confirm the
  cohort; nominations still waiting for consent or endorsement are theirs to see, not score.
* A participant's own attendance and calendar are theirs, and their supervisor sees their
  attendance; the register of everyone is the administrators'.
* The success measures and evaluation reports publish figures about people, always through
  `core.disclosure`: the community's administrators, committee and coordinators read them.
"""

from typing import Any

from django.db.models import Q, QuerySet

from guild.accounts.models import AnyUser
from guild.accounts.scopes import scope_for
from guild.core.errors import NotFound
from guild.members.access import is_community_member, own_member_id
from guild.programmes.models import Intake, Nomination, Participant, Programme, Session


def _pk(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFound() from None


def administers(user: AnyUser, community_id: int) -> bool:
    return scope_for(user).administers(community_id)


def sits_on_committee(user: AnyUser, community_id: int) -> bool:
    scope = scope_for(user)
    return scope.administers(community_id) or community_id in scope.committee_communities


def coordinated_departments(user: AnyUser, community_id: int) -> set[int]:
    return {d for c, d in scope_for(user).coordinated if c == community_id}


def reads_reports(user: AnyUser, community_id: int) -> bool:
    return sits_on_committee(user, community_id) or bool(
        coordinated_departments(user, community_id)
    )


def can_read_programme(user: AnyUser, community_id: int) -> bool:
    return reads_reports(user, community_id) or is_community_member(user, community_id)


def can_nominate(user: AnyUser, community_id: int, department_id: int) -> bool:
    return administers(user, community_id) or department_id in coordinated_departments(
        user, community_id
    )


def access_programme(user: AnyUser, programme_id: Any, *, to_change: bool = False) -> Programme:
    programme = Programme.objects.select_related("community").filter(pk=_pk(programme_id)).first()
    if programme is None:
        raise NotFound()
    allowed = (
        administers(user, programme.community_id)
        if to_change
        else can_read_programme(user, programme.community_id)
    )
    if not allowed:
        raise NotFound()
    return programme


def access_intake(user: AnyUser, intake_id: Any, *, to_change: bool = False) -> Intake:
    intake = (
        Intake.objects.select_related("programme", "programme__community", "phase")
        .filter(pk=_pk(intake_id))
        .first()
    )
    if intake is None:
        raise NotFound()
    community_id = intake.programme.community_id
    allowed = (
        administers(user, community_id) if to_change else can_read_programme(user, community_id)
    )
    if not allowed:
        raise NotFound()
    return intake


def access_intake_for_committee(user: AnyUser, intake_id: Any) -> Intake:
    intake = access_intake(user, intake_id)
    if not sits_on_committee(user, intake.programme.community_id):
        raise NotFound()
    return intake


def access_intake_reports(user: AnyUser, intake_id: Any) -> Intake:
    intake = access_intake(user, intake_id)
    if not reads_reports(user, intake.programme.community_id):
        raise NotFound()
    return intake


def visible_nominations_q(user: AnyUser) -> Q:
    """The nominations `user` may see, as a filter on `Nomination`."""
    scope = scope_for(user)
    if not scope.is_authenticated:
        return Q(pk__in=[])
    if scope.platform_admin:
        return Q()
    community = "intake__programme__community_id"
    q = Q(**{f"{community}__in": scope.admin_communities | scope.committee_communities})
    for community_id, department_id in scope.coordinated:
        q |= Q(**{community: community_id}, department_id=department_id)
    own = own_member_id(user)
    if own is not None:
        q |= Q(member_id=own) | Q(supervisor_id=own)
    return q


def visible_nominations(user: AnyUser) -> QuerySet[Nomination]:
    return Nomination.objects.filter(visible_nominations_q(user))


def access_nomination(user: AnyUser, nomination_id: Any) -> Nomination:
    nomination = (
        visible_nominations(user)
        .select_related(
            "intake", "intake__programme", "member", "department", "supervisor", "nominated_by"
        )
        .filter(pk=_pk(nomination_id))
        .first()
    )
    if nomination is None:
        raise NotFound()
    return nomination


def is_nominee(user: AnyUser, nomination: Nomination) -> bool:
    own = own_member_id(user)
    return own is not None and nomination.member_id == own


def is_named_supervisor(user: AnyUser, nomination: Nomination) -> bool:
    own = own_member_id(user)
    return own is not None and nomination.supervisor_id == own


def can_withdraw(user: AnyUser, nomination: Nomination) -> bool:
    community_id = nomination.intake.programme.community_id
    account_id = scope_for(user).user_id
    return (
        (account_id is not None and nomination.nominated_by_id == account_id)
        or administers(user, community_id)
        or nomination.department_id in coordinated_departments(user, community_id)
    )


def access_session(user: AnyUser, session_id: Any, *, to_change: bool = False) -> Session:
    session = (
        Session.objects.select_related("intake", "intake__programme", "group")
        .filter(pk=_pk(session_id))
        .first()
    )
    if session is None:
        raise NotFound()
    community_id = session.intake.programme.community_id
    if to_change:
        if not administers(user, community_id):
            raise NotFound()
    elif not (administers(user, community_id) or _takes_part(user, session.intake_id)):
        raise NotFound()
    return session


def _takes_part(user: AnyUser, intake_id: int) -> bool:
    own = own_member_id(user)
    return (
        own is not None and Participant.objects.filter(intake_id=intake_id, member_id=own).exists()
    )


def own_participation(user: AnyUser, intake_id: int) -> Participant | None:
    own = own_member_id(user)
    if own is None:
        return None
    return Participant.objects.filter(intake_id=intake_id, member_id=own).first()


def access_participant(user: AnyUser, participant_id: Any) -> Participant:
    """A participant's record: their own, their supervisor's or an administrator's to read."""
    participant = (
        Participant.objects.select_related("member", "intake", "intake__programme", "group")
        .filter(pk=_pk(participant_id))
        .first()
    )
    if participant is None:
        raise NotFound()
    own = own_member_id(user)
    if not (
        administers(user, participant.intake.programme.community_id)
        or (own is not None and own in (participant.member_id, participant.member.supervisor_id))
    ):
        raise NotFound()
    return participant
