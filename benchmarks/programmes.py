"""A large intake for the success measures benchmark (`benchmarks.success_measures`).

`generate` writes, in the database the environment names, an intake of 200 participants (in
action learning groups of six; one in twenty joined late, one in twenty left early) with
24 monthly sessions: 12 formal learning events and 12 rounds of group meetings (one
meeting per group per round), each session's attendance taken (present 78 %, late 4 %,
absent 12 %, excused 6 %) and its anonymous evaluation opened through the programme's
service, answered by about 80 % of those who came (rows written in bulk, as the demo
writes its anonymous answers) and published by the engine's snapshot.
"""

import math
import random
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from typing import Any

GROUP_SIZE = 6
STATUSES = (("present", 78), ("late", 4), ("absent", 12), ("excused", 6))
ANSWER_SHARE = 0.8
AGREE_SHARE = 0.88
START = date(2025, 9, 2)


def _at(day: date, hour: int) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day, clock(hour)))


def _members(community: Any, count: int, rng: random.Random) -> list[Any]:
    from guild.members.models import Member
    from guild.organizations.models import Department, OccupationalLevel, Region

    departments = list(Department.objects.order_by("code")[:40])
    regions = list(Region.objects.order_by("code"))
    levels = list(OccupationalLevel.objects.filter(code__in=("IS-05", "IS-06", "AS-07", "PM-06")))
    stamp = f"{time.time_ns():x}"
    members = Member.objects.bulk_create(
        Member(
            given_name=f"Participant {n}",
            family_name="Bench",
            work_email=f"imli-{stamp}-{n}@bench.guild.test",
            department=departments[n % len(departments)],
            region=rng.choice(regions),
            level=rng.choice(levels),
            first_official_language="fr" if rng.random() < 0.3 else "en",
            consent_statistics=True,
        )
        for n in range(count)
    )
    Member.communities.through.objects.bulk_create(
        Member.communities.through(member_id=m.pk, community_id=community.pk) for m in members
    )
    return members


def _status(rng: random.Random) -> str:
    return rng.choices([s for s, _w in STATUSES], [w for _s, w in STATUSES])[0]


def generate(participants: int = 200, sessions: int = 24, seed: int = 2004) -> int:
    """The intake, its attendance and published evaluations; its id."""
    from django.db import transaction

    from guild.organizations.models import Community
    from guild.programmes.models import (
        Attendance,
        Intake,
        IntakeStage,
        LearningGroup,
        Participant,
        Programme,
        Session,
        SessionKind,
    )

    rng = random.Random(seed)  # noqa: S311 - reproducible benchmark data
    rounds = sessions // 2
    end = START + timedelta(days=31 * rounds)
    with transaction.atomic():
        community = Community.objects.get(code="im")
        members = _members(community, participants, rng)
        programme = Programme.objects.create(
            community=community,
            code=f"bench-{time.time_ns():x}"[:30],
            name_en="Benchmark leadership programme",
            name_fr="Programme de leadership (banc d'essai)",
        )
        intake = Intake.objects.create(
            programme=programme,
            name_en="Benchmark intake",
            name_fr="Cohorte d'essai",
            stage=IntakeStage.RUNNING,
            nominations_open_on=START - timedelta(days=90),
            nominations_close_on=START - timedelta(days=30),
            starts_on=START,
            ends_on=end,
            capacity=participants,
        )
        groups = LearningGroup.objects.bulk_create(
            LearningGroup(
                intake=intake, number=g + 1, name_en=f"Group {g + 1}", name_fr=f"Groupe {g + 1}"
            )
            for g in range(math.ceil(participants / GROUP_SIZE))
        )
        people = []
        for n, member in enumerate(members):
            draw = rng.random()
            # Joined after the first third of the rounds, or left after two thirds.
            joined = START + timedelta(days=31 * rounds // 3) if draw < 0.05 else START
            left = START + timedelta(days=62 * rounds // 3) if 0.05 <= draw < 0.1 else None
            people.append(
                Participant(
                    intake=intake,
                    member=member,
                    group=groups[n % len(groups)],
                    joined_on=joined,
                    left_on=left,
                )
            )
        Participant.objects.bulk_create(people)
        made = []
        for r in range(rounds):
            day = START + timedelta(days=31 * r + 14)
            made.append(
                Session(
                    intake=intake,
                    kind=SessionKind.EVENT,
                    name_en=f"Event {r + 1}",
                    name_fr=f"Activité {r + 1}",
                    starts_at=_at(day, 9),
                    ends_at=_at(day, 16),
                )
            )
            made += [
                Session(
                    intake=intake,
                    kind=SessionKind.GROUP,
                    group=group,
                    name_en=f"{group.name_en}, meeting {r + 1}",
                    name_fr=f"{group.name_fr}, rencontre {r + 1}",
                    starts_at=_at(day - timedelta(days=7), 9),
                    ends_at=_at(day - timedelta(days=7), 16),
                )
                for group in groups
            ]
        Session.objects.bulk_create(made)
        marks = [
            Attendance(session=session, participant=p, status=_status(rng))
            for session in made
            for p in people
            if p.in_window(session.starts_at.date())
            and (session.group_id is None or session.group_id == p.group_id)
        ]
        Attendance.objects.bulk_create(marks, batch_size=2000)
        _evaluations(made, marks, rng)
    return intake.pk


def _evaluations(sessions: list[Any], marks: list[Any], rng: random.Random) -> None:
    from guild.demo.questionnaires import ANSWER_COLUMNS, response_rows
    from guild.demo.rows import insert_rows
    from guild.programmes.evaluation_forms import BENEFIT, UNDERSTANDING
    from guild.programmes.models import SessionKind
    from guild.programmes.services.evaluations import evaluation_open
    from guild.questionnaires.models import Answer, Response, SnapshotReason
    from guild.questionnaires.results.selectors import results_definition
    from guild.questionnaires.results.snapshots import snapshot_take

    came: dict[int, int] = {}
    for mark in marks:
        if mark.status in ("present", "late"):
            came[mark.session_id] = came.get(mark.session_id, 0) + 1
    for session in sessions:
        if not came.get(session.pk):
            continue
        questionnaire = evaluation_open(actor=None, session=session, now=session.ends_at)
        definition, version_id = results_definition(questionnaire)
        code = UNDERSTANDING if session.kind == SessionKind.EVENT else BENEFIT
        answer_sets = [
            (
                {
                    code: rng.choice(("strongly_agree", "agree"))
                    if rng.random() < AGREE_SHARE
                    else rng.choice(("neutral", "disagree", "strongly_disagree"))
                },
                True,
            )
            for _ in range(came[session.pk])
            if rng.random() < ANSWER_SHARE
        ]
        responses, answers = response_rows(questionnaire, version_id, definition, answer_sets)
        Response.objects.bulk_create(responses)
        insert_rows(Answer, ANSWER_COLUMNS, answers)
        snapshot_take(questionnaire=questionnaire, reason=SnapshotReason.CLOSING)
