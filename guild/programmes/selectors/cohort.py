"""Reads of the cohort, its sessions and attendance. Rates go through `rates` (the one
definition), from three queries whatever the cohort's size: the sessions, the participants
and the marks."""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser
from guild.accounts.scopes import scope_for
from guild.members.access import own_member_id
from guild.programmes import rates
from guild.programmes.models import (
    Attendance,
    Intake,
    LearningGroup,
    Participant,
    Session,
    SessionKind,
)

EVENTS = "events"
GROUPS = "groups"


def rate_definition() -> str:
    return _(
        "Attendance rate: sessions attended (present or late) ÷ sessions expected, counting "
        "only sessions whose attendance was taken, between the day the participant joined "
        "and the day they left; excused sessions are not expected."
    )


def session_day(session: Session) -> datetime.date:
    return timezone.localdate(session.starts_at)


def family(session: Session) -> str:
    """Formal events (the launch with them) and group meetings are counted apart."""
    return GROUPS if session.kind == SessionKind.GROUP else EVENTS


def expects(session: Session, participant: Participant, *, marked: bool = False) -> bool:
    """Whether `session` is one of `participant`'s: the whole cohort's, or their group's
    meeting (or another group's where they were marked, before a move)."""
    if session.kind != SessionKind.GROUP:
        return True
    return marked or session.group_id == participant.group_id


def window(participant: Participant) -> rates.Window:
    return rates.Window(participant.joined_on, participant.left_on)


def administered_intakes_q(user: AnyUser, prefix: str = "") -> Q:
    scope = scope_for(user)
    if scope.platform_admin:
        return Q()
    return Q(**{f"{prefix}programme__community_id__in": scope.admin_communities})


def sessions_to_mark(user: AnyUser) -> list[Session]:
    """Past sessions whose attendance `user` (an administrator) has not taken yet."""
    scope = scope_for(user)
    if not scope.is_authenticated or not (scope.platform_admin or scope.admin_communities):
        return []
    return list(
        Session.objects.filter(administered_intakes_q(user, "intake__"))
        .filter(starts_at__lt=timezone.now())
        .exclude(Exists(Attendance.objects.filter(session=OuterRef("pk"))))
        .select_related("intake", "group")
        .order_by("starts_at", "pk")
    )


def my_participations(user: AnyUser) -> list[Participant]:
    """The cohorts `user` takes part in, newest first."""
    own = own_member_id(user)
    if own is None:
        return []
    return list(
        Participant.objects.filter(member_id=own)
        .select_related("intake", "intake__programme", "group")
        .order_by("-intake__starts_on", "pk")
    )


def intake_participants(intake: Intake) -> QuerySet[Participant]:
    return Participant.objects.filter(intake=intake).select_related(
        "member", "member__department", "member__supervisor", "group", "nomination"
    )


def intake_groups(intake: Intake) -> list[LearningGroup]:
    return list(
        LearningGroup.objects.filter(intake=intake)
        .annotate(size=Count("participants"))
        .order_by("number")
    )


def intake_sessions(intake: Intake) -> list[Session]:
    """The schedule, each session with `taken` (its attendance has marks)."""
    return list(
        Session.objects.filter(intake=intake)
        .select_related("group")
        .annotate(marks=Count("attendance"))
        .order_by("starts_at", "pk")
    )


@dataclass
class ParticipantRates:
    events: rates.Rate = rates.NO_SESSIONS
    groups: rates.Rate = rates.NO_SESSIONS

    @property
    def overall(self) -> rates.Rate:
        return self.events + self.groups


@dataclass
class CohortRates:
    by_participant: dict[int, ParticipantRates] = field(default_factory=dict)

    def pooled(self, kind: str) -> rates.Rate:
        return rates.pooled_rate(getattr(r, kind) for r in self.by_participant.values())


def _rates(
    participants: Iterable[Participant],
    sessions: Sequence[Session],
    marks: dict[tuple[int, int], str],
) -> CohortRates:
    taken_ids = {s.pk for s in sessions if getattr(s, "marks", 0)} | {k[0] for k in marks}
    # Each taken session's day and family once; a participant then visits only the
    # sessions `expects` can accept (the cohort's, their group's, those they were marked
    # at), not every group's meetings.
    cohort_wide: list[tuple[int, datetime.date, str]] = []
    by_group: dict[int | None, list[tuple[int, datetime.date, str]]] = defaultdict(list)
    for session in sessions:
        if session.pk in taken_ids:
            line = (session.pk, session_day(session), family(session))
            if session.kind == SessionKind.GROUP:
                by_group[session.group_id].append(line)
            else:
                cohort_wide.append(line)
    group_meetings = {line[0]: line for lines in by_group.values() for line in lines}
    marked_at: dict[int, list[int]] = defaultdict(list)
    for session_id, participant_id in marks:
        marked_at[participant_id].append(session_id)
    result = CohortRates()
    for participant in participants:
        pk = participant.pk
        own = by_group.get(participant.group_id, []) if participant.group_id else []
        elsewhere = [
            group_meetings[session_id]
            for session_id in marked_at.get(pk, ())
            if session_id in group_meetings and group_meetings[session_id] not in own
        ]
        found: dict[str, list[rates.Mark]] = {EVENTS: [], GROUPS: []}
        for session_id, day, kind in (*cohort_wide, *own, *elsewhere):
            found[kind].append(rates.Mark(day, marks.get((session_id, pk))))
        result.by_participant[pk] = ParticipantRates(
            events=rates.participant_rate(window(participant), found[EVENTS]),
            groups=rates.participant_rate(window(participant), found[GROUPS]),
        )
    return result


def _marks(session_filter: Q, participant_ids: Iterable[int] | None = None) -> dict:
    rows = Attendance.objects.filter(session_filter)
    if participant_ids is not None:
        rows = rows.filter(participant_id__in=list(participant_ids))
    return {
        (s, p): status
        for s, p, status in rows.values_list("session_id", "participant_id", "status")
    }


def cohort_rates(intake: Intake, participants: Iterable[Participant] | None = None) -> CohortRates:
    """Each participant's rate at formal events and at group meetings, and (through
    `pooled`) the cohort's, in three queries."""
    if participants is None:
        # Only what a rate reads: the report counts 200 people without their profiles.
        participants = Participant.objects.filter(intake=intake).only(
            "pk", "group_id", "joined_on", "left_on"
        )
    chosen = list(participants)
    sessions = list(
        Session.objects.filter(intake=intake)
        .only("pk", "kind", "group_id", "starts_at")
        .annotate(marks=Count("attendance"))
    )
    marks = _marks(Q(session__intake=intake), [p.pk for p in chosen])
    return _rates(chosen, sessions, marks)


@dataclass(frozen=True)
class SessionLine:
    session: Session
    status: str | None
    counted: bool


def participant_sessions(participant: Participant) -> list[SessionLine]:
    """A participant's sessions, each with their mark and whether it counts in their rate
    (taken, in their window, not excused)."""
    sessions = intake_sessions(participant.intake)
    marks = _marks(Q(session__intake_id=participant.intake_id), [participant.pk])
    lines = []
    span = window(participant)
    for session in sessions:
        status = marks.get((session.pk, participant.pk))
        if not expects(session, participant, marked=status is not None):
            continue
        counted = (
            bool(session.marks) and span.contains(session_day(session)) and status != "excused"  # type: ignore[attr-defined]
        )
        lines.append(SessionLine(session, status, counted))
    return lines


@dataclass(frozen=True)
class RegisterLine:
    participant: Participant
    status: str | None


def session_register(session: Session) -> list[RegisterLine]:
    """The participants expected at `session` (in their window on its day; the group's
    for a group meeting), with the mark each has."""
    day = session_day(session)
    people = (
        intake_participants(session.intake)
        .filter(joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=day))
    )
    marks = _marks(Q(session=session))
    if session.kind == SessionKind.GROUP:
        marked = [key[1] for key in marks]
        people = people.filter(Q(group_id=session.group_id) | Q(pk__in=marked))
    return [RegisterLine(p, marks.get((session.pk, p.pk))) for p in people]


def participant_for_token(token: Any) -> Participant | None:
    return (
        Participant.objects.select_related("member", "member__user", "intake")
        .filter(calendar_token=token)
        .first()
    )


def calendar_sessions(participants: Iterable[Participant]) -> list[tuple[Participant, Session]]:
    """The sessions each participant is expected at in their window, from every intake
    given (one query)."""
    chosen = list(participants)
    if not chosen:
        return []
    sessions = Session.objects.filter(intake_id__in={p.intake_id for p in chosen}).select_related(
        "intake", "group"
    )
    found = []
    for session in sessions.order_by("starts_at", "pk"):
        for participant in chosen:
            if (
                session.intake_id == participant.intake_id
                and expects(session, participant)
                and window(participant).contains(session_day(session))
            ):
                found.append((participant, session))
    return found
