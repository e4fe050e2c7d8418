"""A running cohort for the report tests, built from real rows: participants, sessions, the
attendance register, evaluations opened through the service and answered through the
questionnaire engine, published by results snapshots."""

import datetime
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.utils import timezone

from guild.accounts.models import User
from guild.members.models import Member
from guild.organizations.models import Department
from guild.programmes.models import (
    Attendance,
    Intake,
    IntakeStage,
    LearningGroup,
    Participant,
    Session,
    SessionKind,
)
from guild.programmes.services.evaluations import evaluation_open
from guild.questionnaires.answering.services import response_submit
from guild.questionnaires.models import Questionnaire, ResultsSnapshot, SnapshotReason
from guild.questionnaires.results.snapshots import snapshot_take

_keys = itertools.count(1)


@dataclass
class Cohort:
    intake: Intake
    participants: list[Participant]
    groups: list[LearningGroup] = field(default_factory=list)


def cohort(
    intake: Intake,
    make_member: Callable[..., Member],
    departments: Sequence[Department],
    size: int,
    *,
    group_size: int = 0,
) -> Cohort:
    """`size` participants joining on the intake's start, from `departments` in turn, split
    into groups of `group_size` (none when 0)."""
    intake.stage = IntakeStage.RUNNING
    intake.save(update_fields=["stage"])
    participants = []
    groups: list[LearningGroup] = []
    for index in range(size):
        group = None
        if group_size:
            number = index // group_size + 1
            if len(groups) < number:
                groups.append(
                    LearningGroup.objects.create(
                        intake=intake,
                        number=number,
                        name_en=f"Group {number}",
                        name_fr=f"Groupe {number}",
                    )
                )
            group = groups[-1]
        member = make_member(department=departments[index % len(departments)])
        participants.append(
            Participant.objects.create(
                intake=intake, member=member, group=group, joined_on=intake.starts_on
            )
        )
    return Cohort(intake, participants, groups)


def session(
    intake: Intake,
    kind: str,
    day: datetime.date,
    *,
    group: LearningGroup | None = None,
    name: str = "Session",
) -> Session:
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    return Session.objects.create(
        intake=intake,
        kind=kind,
        group=group,
        name_en=name,
        name_fr=f"{name} (fr)",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=7),
    )


def mark(session: Session, statuses: dict[Participant, str]) -> None:
    Attendance.objects.bulk_create(
        [Attendance(session=session, participant=p, status=s) for p, s in statuses.items()]
    )


def answer(
    questionnaire: Questionnaire, users: Sequence[User], answers: Sequence[dict[str, Any]]
) -> None:
    """Each user submits the matching answers through the engine."""
    for user, given in zip(users, answers, strict=True):
        response_submit(
            user=user, questionnaire=questionnaire, answers=given, idempotency_key=f"k{next(_keys)}"
        )


def publish(questionnaire: Questionnaire) -> ResultsSnapshot | None:
    return snapshot_take(questionnaire=questionnaire, reason=SnapshotReason.SCHEDULED)


def evaluate(
    admin: User,
    session: Session,
    participants: Sequence[Participant],
    choices: Sequence[str],
    *,
    question: str,
    comments: Sequence[str] = (),
) -> Questionnaire:
    """Open the session's evaluation and have the first participants answer `choices`."""
    questionnaire = evaluation_open(actor=admin, session=session)
    given = [
        {question: choice, **({"comments": comments[i]} if i < len(comments) else {})}
        for i, choice in enumerate(choices)
    ]
    users = [p.member.user for p in participants[: len(choices)]]
    answer(questionnaire, [user for user in users if user is not None], given)
    return questionnaire


@pytest.fixture
def built(
    intake: Intake,
    make_member: Callable[..., Member],
    esdc: Department,
    cra: Department,
    cast: dict[str, Any],
) -> dict[str, Any]:
    """12 participants in two groups of 6; two events and one meeting of each group, with
    their registers taken (no evaluation yet)."""
    crew = cohort(intake, make_member, [esdc, cra], 12, group_size=6)
    p = crew.participants
    start = intake.starts_on
    leaver = p[11]
    leaver.left_on = start + datetime.timedelta(days=20)
    leaver.save()
    event1 = session(intake, SessionKind.EVENT, start + datetime.timedelta(days=1), name="Event 1")
    event2 = session(intake, SessionKind.EVENT, start + datetime.timedelta(days=30), name="Event 2")
    meeting1 = session(
        intake, SessionKind.GROUP, start + datetime.timedelta(days=35), group=crew.groups[0]
    )
    meeting2 = session(
        intake, SessionKind.GROUP, start + datetime.timedelta(days=36), group=crew.groups[1]
    )
    mark(event1, {**{x: "present" for x in p[:10]}, p[10]: "late", p[11]: "excused"})
    mark(event2, {**{x: "present" for x in p[:9]}, p[9]: "absent", p[10]: "absent"})
    mark(meeting1, {**{x: "present" for x in p[:5]}, p[5]: "absent"})
    mark(meeting2, {x: "present" for x in p[6:11]})
    return {
        "crew": crew,
        "admin": cast["admin"].user,
        "sessions": [event1, event2, meeting1, meeting2],
    }


COMMENTS = [
    "The panel on records was useful.",
    "More time for questions, please.",
    "Great networking.",
]


def answered(built: dict[str, Any]) -> dict[str, Questionnaire]:
    """Evaluations answered and published: event 1 by 10 of its 11 (9 agree, 3 comments),
    each group meeting by its attendees (9 of 10 agree). Understanding 90% (n 10, 10 of 11
    invited: 91%), benefit 90% (n 10, 10 of 10: 100%); attendance 91% and 91%."""
    crew: Cohort = built["crew"]
    admin = built["admin"]
    event1, _event2, meeting1, meeting2 = built["sessions"]
    p = crew.participants
    event = evaluate(
        admin,
        event1,
        p[:10],
        ["strongly_agree"] * 5 + ["agree"] * 4 + ["neutral"],
        question="understanding",
        comments=COMMENTS,
    )
    group1 = evaluate(admin, meeting1, p[:5], ["agree"] * 4 + ["disagree"], question="benefit")
    group2 = evaluate(admin, meeting2, p[6:11], ["strongly_agree"] * 5, question="benefit")
    for questionnaire in (event, group1, group2):
        assert publish(questionnaire) is not None
    return {"event": event, "group1": group1, "group2": group2}
