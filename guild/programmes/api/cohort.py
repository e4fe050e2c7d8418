"""Cohort API: an intake's cohort with each participant's rates (administrators), its
sessions, bulk attendance marking (all or nothing; a 400 names every refused line) and my
calendar feed."""

import datetime

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.responses import codes_4xx

from guild.core.api_errors import ErrorOut
from guild.core.bilingual import localize
from guild.core.errors import NotFound
from guild.programmes.access import access_intake, access_session, administers, own_participation
from guild.programmes.models import Session
from guild.programmes.rates import Rate
from guild.programmes.selectors.calendar import CONTENT_TYPE, calendar_for, participant_language
from guild.programmes.selectors.cohort import (
    cohort_rates,
    intake_participants,
    intake_sessions,
    my_participations,
    rate_definition,
)
from guild.programmes.services.attendance import attendance_mark_bulk

router = Router(tags=["programmes"])


class RateOut(Schema):
    attended: int
    expected: int
    percent: int | None


class ParticipantOut(Schema):
    id: int
    member_id: int
    name: str
    department: str
    group: str | None
    joined_on: datetime.date
    left_on: datetime.date | None
    events: RateOut
    groups: RateOut


class CohortOut(Schema):
    intake_id: int
    stage: str
    definition: str
    events: RateOut
    groups: RateOut
    participants: list[ParticipantOut]


def _rate(rate: Rate) -> RateOut:
    return RateOut(attended=rate.attended, expected=rate.expected, percent=rate.percent)


@router.get(
    "/intakes/{intake_id}/cohort",
    response={200: CohortOut, codes_4xx: ErrorOut},
    operation_id="programmes_cohort",
)
def cohort(request: HttpRequest, intake_id: int) -> CohortOut:
    """The cohort (administrators): each participant's window, group and attendance rates
    at formal events and at group meetings, and the cohort's pooled rates, with the
    rate's definition."""
    intake = access_intake(request.user, intake_id, to_change=True)
    participants = list(intake_participants(intake))
    rates = cohort_rates(intake, participants)
    return CohortOut(
        intake_id=intake.pk,
        stage=intake.stage,
        definition=rate_definition(),
        events=_rate(rates.pooled("events")),
        groups=_rate(rates.pooled("groups")),
        participants=[
            ParticipantOut(
                id=p.pk,
                member_id=p.member_id,
                name=p.member.full_name,
                department=localize(p.member.department, "name").text,
                group=p.group.name if p.group else None,
                joined_on=p.joined_on,
                left_on=p.left_on,
                events=_rate(rates.by_participant[p.pk].events),
                groups=_rate(rates.by_participant[p.pk].groups),
            )
            for p in participants
        ],
    )


class SessionOut(Schema):
    id: int
    uid: str
    kind: str
    group_id: int | None
    name: str
    name_en: str
    name_fr: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    location: str
    marks: int


def _session_out(session: Session) -> SessionOut:
    return SessionOut(
        id=session.pk,
        uid=str(session.uid),
        kind=session.kind,
        group_id=session.group_id,
        name=localize(session, "name").text,
        name_en=session.name_en,
        name_fr=session.name_fr,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        location=session.location,
        marks=getattr(session, "marks", 0),
    )


@router.get(
    "/intakes/{intake_id}/sessions",
    response={200: list[SessionOut], codes_4xx: ErrorOut},
    operation_id="programmes_sessions",
)
def sessions(request: HttpRequest, intake_id: int) -> list[SessionOut]:
    """The intake's schedule, oldest first: every session for its administrators, the
    ones they are expected at for a participant."""
    intake = access_intake(request.user, intake_id)
    found = intake_sessions(intake)
    if administers(request.user, intake.programme.community_id):
        return [_session_out(s) for s in found]
    mine = own_participation(request.user, intake.pk)
    if mine is None:
        raise NotFound()
    return [_session_out(s) for s in found if s.group_id is None or s.group_id == mine.group_id]


class MarkIn(Schema):
    participant: int
    status: str


class MarksOut(Schema):
    session_id: int
    saved: int


@router.post(
    "/sessions/{session_id}/attendance",
    response={200: MarksOut, codes_4xx: ErrorOut},
    operation_id="programmes_attendance_mark",
)
def attendance_mark(request: HttpRequest, session_id: int, marks: list[MarkIn]) -> MarksOut:
    """Mark attendance for many participants at once (administrators): present, late,
    absent or excused. All or nothing: a 400 lists every refused line under
    `fields["marks.<participant>"]` (not in this cohort, not expected at this session,
    outside their participation window, a session not held yet)."""
    session = access_session(request.user, session_id, to_change=True)
    saved = attendance_mark_bulk(
        actor=request.user, session=session, marks={m.participant: m.status for m in marks}
    )
    return MarksOut(session_id=session.pk, saved=len(saved))


@router.get(
    "/me/calendar.ics",
    response={codes_4xx: ErrorOut},
    operation_id="programmes_my_calendar",
    openapi_extra={
        "responses": {
            200: {
                "description": "An RFC 5545 iCalendar feed, times in UTC, one VEVENT per session.",
                "content": {"text/calendar": {"schema": {"type": "string"}}},
            }
        }
    },
)
def my_calendar(request: HttpRequest) -> HttpResponse:
    """My sessions in every cohort I take part in, as an RFC 5545 iCalendar feed."""
    mine = my_participations(request.user)
    if not mine:
        raise NotFound()
    body = calendar_for(mine, participant_language(mine[0]))
    return HttpResponse(body, content_type=CONTENT_TYPE)
