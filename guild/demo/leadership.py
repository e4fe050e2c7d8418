"""The demo's IM Leadership Initiative (IMLI): the programme and its two phases, and the
2003-2004 intake built to the facts the programme reported to MGI senior officials on
November 25, 2004 (`../shared/seeds/im-certificate-and-leadership.txt`): nominations and
selection in the summer of 2003, entered as history; 23 participants from 17
departments; the launch in October 2003; four action learning groups; monthly formal
learning events and group meetings from November 2003 to June 2004 with their attendance;
an anonymous evaluation after each, answered through the questionnaire engine and
published by its snapshots; the supervisors' feedback; themes tagged by the programme
administrator. The success measures (82 %, 90 %, 80 %, 95 %) are what these rows add up
to; no figure is stored. Seeding twice adds nothing.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from guild.demo.leadership_evaluations import seed_evaluations
from guild.demo.leadership_people import ELIGIBLE_LEVELS, choose_cohort, sign_ins
from guild.demo.leadership_plan import (
    EVENT_DAYS,
    LAUNCH_DAY,
    IntakePlan,
    plan_intake,
    window,
)
from guild.demo.leadership_texts import EVENT_TITLES, PROGRAMME, RATIONALES
from guild.members.models import Member
from guild.organizations.models import Community, OccupationalLevel
from guild.programmes.models import (
    Attendance,
    BalanceAttribute,
    BalanceRule,
    Consent,
    Criterion,
    Endorsement,
    Intake,
    IntakeStage,
    LearningGroup,
    Nomination,
    NominationEvent,
    NominationStep,
    Outcome,
    Participant,
    Phase,
    Programme,
    Score,
    Session,
    SessionKind,
)

CODE = "imli"
CRITERIA = (
    ("Leadership potential", "Potentiel de leadership", 3),
    ("Experience in information management", "Expérience en gestion de l'information", 2),
    ("Commitment to the IM community", "Engagement envers la communauté de la GI", 1),
)
LOCATION = "Library and Archives Canada, 395 Wellington Street, Ottawa"


@dataclass
class LeadershipSeed:
    programmes_created: int = 0
    participants: int = 0
    members_created: int = 0
    responses: int = 0


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _eligibility_and_criteria(intake: Intake) -> None:
    intake.eligible_levels.set(OccupationalLevel.objects.filter(code__in=ELIGIBLE_LEVELS))
    Criterion.objects.bulk_create(
        Criterion(intake=intake, name_en=en, name_fr=fr, weight=weight, order=n)
        for n, (en, fr, weight) in enumerate(CRITERIA, 1)
    )


def _programme(community: Community) -> tuple[Programme, Intake]:
    programme = Programme.objects.create(community=community, code=CODE, **PROGRAMME["programme"])
    phases = [
        Phase.objects.create(programme=programme, number=n, **fields)
        for n, fields in enumerate(PROGRAMME["phases"], 1)
    ]
    intake = Intake.objects.create(
        programme=programme,
        phase=phases[0],
        name_en="2003-2004 intake",
        name_fr="Cohorte 2003-2004",
        stage=IntakeStage.CLOSED,
        nominations_open_on=date(2003, 6, 2),
        nominations_close_on=date(2003, 8, 29),
        starts_on=LAUNCH_DAY,
        ends_on=date(2004, 6, 30),
        capacity=23,
        max_per_department=2,
        nominations_per_department=3,
        min_departments=15,
    )
    _eligibility_and_criteria(intake)
    return programme, intake


def _open_call(programme: Programme) -> Intake:
    """Today's intake, its call for nominations open, so the demo's coordinators can
    nominate, nominees accept and supervisors endorse from the start."""
    today = timezone.localdate()
    intake = Intake.objects.create(
        programme=programme,
        name_en=f"{today.year + 1} intake",
        name_fr=f"Cohorte {today.year + 1}",
        stage=IntakeStage.NOMINATING,
        nominations_open_on=today - timedelta(days=14),
        nominations_close_on=today + timedelta(days=45),
        starts_on=today + timedelta(days=120),
        ends_on=today + timedelta(days=365),
        capacity=23,
        max_per_department=2,
        nominations_per_department=3,
        min_departments=10,
    )
    _eligibility_and_criteria(intake)
    BalanceRule.objects.create(
        intake=intake, attribute=BalanceAttribute.LANGUAGE, value="fr", at_least=30, percent=True
    )
    return intake


def _nominations(
    intake: Intake, people: Sequence[Member], admin: Any, reviewer: Any
) -> list[Nomination]:
    """Entered as history by the administrator: each accepted, endorsed, scored and
    selected on the dates the programme's records give."""
    nominations = [
        Nomination(
            intake=intake,
            member=m,
            department_id=m.department_id,
            supervisor_id=m.supervisor_id,
            nominated_by=admin,
            rationale=RATIONALES[n % len(RATIONALES)][m.first_official_language == "fr"],
            historical=True,
            consent=Consent.GIVEN,
            endorsement=Endorsement.ENDORSED,
            endorsed_by_id=m.supervisor_id,
            outcome=Outcome.SELECTED,
            created_at=_at(date(2003, 7, 2) + timedelta(days=n), 10),
        )
        for n, m in enumerate(people)
    ]
    Nomination.objects.bulk_create(nominations)
    steps = (
        (NominationStep.NOMINATED, 0),
        (NominationStep.ACCEPTED, 3),
        (NominationStep.ENDORSED, 8),
    )
    note = "Entered from the programme's 2003 records."
    events = [
        NominationEvent(
            nomination=nom, step=step, actor=admin, note=note, at=nom.created_at + timedelta(days=d)
        )
        for nom in nominations
        for step, d in steps
    ]
    events += [
        NominationEvent(nomination=nom, step=step, actor=actor, note=note, at=_at(day, 15))
        for nom in nominations
        for step, actor, day in (
            (NominationStep.SCORED, reviewer, date(2003, 9, 9)),
            (NominationStep.SELECTED, admin, date(2003, 9, 19)),
        )
    ]
    NominationEvent.objects.bulk_create(events)
    criteria = list(intake.criteria.all())
    Score.objects.bulk_create(
        Score(nomination=nom, criterion=c, reviewer=reviewer, value=3 + (n + c.order) % 3)
        for n, nom in enumerate(nominations)
        for c in criteria
    )
    return nominations


def _cohort(
    intake: Intake, nominations: Sequence[Nomination], plan: IntakePlan
) -> tuple[list[Participant], list[LearningGroup]]:
    groups = [
        LearningGroup(
            intake=intake,
            number=g + 1,
            name_en=f"Action learning group {g + 1}",
            name_fr=f"Groupe d'apprentissage par l'action {g + 1}",
        )
        for g in range(len(plan.groups))
    ]
    LearningGroup.objects.bulk_create(groups)
    participants = []
    for index, nomination in enumerate(nominations):
        joined, left = window(index)
        group = next(g for g, members in enumerate(plan.groups) if index in members)
        participants.append(
            Participant(
                intake=intake,
                member_id=nomination.member_id,
                nomination=nomination,
                group=groups[group],
                joined_on=joined,
                left_on=left,
            )
        )
    Participant.objects.bulk_create(participants)
    return participants, groups


def _sessions(
    intake: Intake,
    plan: IntakePlan,
    participants: Sequence[Participant],
    groups: Sequence[LearningGroup],
    admin: Any,
) -> tuple[list[Session], list[Session]]:
    launch = Session(
        intake=intake,
        kind=SessionKind.LAUNCH,
        name_en="Launch of the IM Leadership Initiative",
        name_fr="Lancement de l'Initiative de leadership en gestion de l'information",
        starts_at=_at(LAUNCH_DAY, 13),
        ends_at=_at(LAUNCH_DAY, 16, 30),
        location=LOCATION,
    )
    events = [
        Session(
            intake=intake,
            kind=SessionKind.EVENT,
            name_en=en,
            name_fr=fr,
            starts_at=_at(s.day, 9),
            ends_at=_at(s.day, 16, 30),
            location=LOCATION,
        )
        for s, (en, fr) in zip(plan.events, EVENT_TITLES, strict=True)
    ]
    meetings = [
        Session(
            intake=intake,
            kind=SessionKind.GROUP,
            group=groups[s.group],
            name_en=f"{groups[s.group].name_en}: meeting {n % len(EVENT_DAYS) + 1}",
            name_fr=f"{groups[s.group].name_fr} : rencontre {n % len(EVENT_DAYS) + 1}",
            starts_at=_at(s.day, 9),
            ends_at=_at(s.day, 16),
            location="",
        )
        for n, s in enumerate(plan.meetings)
        if s.group is not None
    ]
    Session.objects.bulk_create([launch, *events, *meetings])
    marks = [
        Attendance(session=launch, participant=participants[i], status=status, recorded_by=admin)
        for i, status in plan.launch.items()
    ]
    for session, planned in zip([*events, *meetings], [*plan.events, *plan.meetings], strict=True):
        marks += [
            Attendance(
                session=session, participant=participants[i], status=status, recorded_by=admin
            )
            for i, status in planned.marks.items()
        ]
    Attendance.objects.bulk_create(marks)
    return events, meetings


@transaction.atomic
def seed_leadership(
    *, community: Community, admin: Any, reviewer: Any, password: str
) -> LeadershipSeed:
    """The IMLI and its 2003-2004 intake, unless the community has the programme. `admin`
    (a programme administrator) enters it and tags the comments, `reviewer` (a committee
    member) scored the nominations; new sign-ins get the `password` hash."""
    result = LeadershipSeed()
    if Programme.objects.filter(community=community, code=CODE).exists():
        return result
    programme, intake = _programme(community)
    _open_call(programme)
    cohort = choose_cohort(community)
    people = cohort.participants
    nominations = _nominations(intake, people, admin, reviewer)
    plan = plan_intake()
    participants, groups = _cohort(intake, nominations, plan)
    events, meetings = _sessions(intake, plan, participants, groups, admin)
    supervisors = list(
        Member.objects.filter(pk__in={m.supervisor_id for m in people}).order_by("work_email")
    )
    users = sign_ins([*people, *supervisors], password)
    result.responses = seed_evaluations(
        programme=programme,
        intake=intake,
        plan=plan,
        sessions=(events, meetings),
        people=people,
        supervisors=supervisors,
        users=users,
        admin=admin,
    )
    result.programmes_created = 1
    result.participants = len(participants)
    result.members_created = cohort.created
    return result
