"""Rates per participant and pooled for the cohort, events and group meetings apart, with
windows and excused sessions, in a fixed number of queries; the worklist's selectors."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guild.members.models import Member
from guild.programmes.models import Attendance, Intake, LearningGroup, Participant
from guild.programmes.rates import Rate
from guild.programmes.selectors.cohort import (
    cohort_rates,
    my_participations,
    participant_sessions,
    session_register,
    sessions_to_mark,
)
from guild.programmes.services.cohort import cohort_launch
from guild.programmes.tests.cohort_helpers import other_intake, selected, session, started

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(intake: Intake, cast: dict[str, Any], make_member: Callable[..., Member]) -> Intake:
    started(intake)
    selected(intake, make_member, 10, spread=5)
    cohort_launch(actor=cast["admin"].user, intake=intake)
    intake.refresh_from_db()
    return intake


def _mark(sess: Any, person: Participant, status: str) -> None:
    Attendance.objects.create(session=sess, participant=person, status=status)


def test_rates_with_windows_excused_and_unmarked(cohort: Intake) -> None:
    people = list(Participant.objects.filter(intake=cohort).order_by("pk"))
    a, b, c = people[0], people[1], people[2]
    start = cohort.starts_on
    e1, e2, e3 = (session(cohort, start + datetime.timedelta(days=d)) for d in (1, 31, 61))
    session(cohort, start + datetime.timedelta(days=70))  # not taken: counts for nobody
    group_a = a.group
    assert group_a is not None
    g1 = session(cohort, start + datetime.timedelta(days=15), group=group_a)
    # a: present, late, absent at events; excused at the group meeting.
    _mark(e1, a, "present")
    _mark(e2, a, "late")
    _mark(e3, a, "absent")
    _mark(g1, a, "excused")
    # b left on day 40: e3 does not count; no line at e2 counts as not attended.
    b.left_on = start + datetime.timedelta(days=40)
    b.save()
    _mark(e1, b, "present")
    _mark(e3, b, "present")
    # c joined on day 20: e1 does not count.
    c.joined_on = start + datetime.timedelta(days=20)
    c.save()
    _mark(e2, c, "present")
    _mark(e3, c, "excused")
    found = cohort_rates(cohort)
    assert found.by_participant[a.pk].events == Rate(2, 3)
    assert found.by_participant[a.pk].groups == Rate(0, 0)
    assert found.by_participant[b.pk].events == Rate(1, 2)
    assert found.by_participant[c.pk].events == Rate(1, 1)
    # The seven others: in no line of a taken register: 0 of 3 each.
    assert found.by_participant[people[5].pk].events == Rate(0, 3)
    pooled = found.pooled("events")
    assert pooled == Rate(2 + 1 + 1, 3 + 2 + 1 + 7 * 3)
    assert pooled.percent == 15
    # Group meeting: taken (a's excused mark), so a's group mates are expected.
    mates = Participant.objects.filter(group=group_a).exclude(pk=a.pk)
    assert {found.by_participant[p.pk].groups for p in mates} == {
        Rate(0, 0) if p.pk == c.pk else Rate(0, 1) for p in mates
    }
    lines = participant_sessions(a)
    assert [(line.status, line.counted) for line in lines] == [
        ("present", True),
        ("excused", False),
        ("late", True),
        ("absent", True),
        (None, False),
    ]


def test_rates_take_a_fixed_number_of_queries(
    intake: Intake, cast: dict[str, Any], make_member: Callable[..., Member]
) -> None:
    started(intake)
    selected(intake, make_member, 40)
    cohort_launch(actor=cast["admin"].user, intake=intake)
    people = list(Participant.objects.filter(intake=intake))
    for day in range(1, 6):
        s = session(intake, intake.starts_on + datetime.timedelta(days=day * 7))
        Attendance.objects.bulk_create(
            [Attendance(session=s, participant=p, status="present") for p in people]
        )
    with CaptureQueriesContext(connection) as small:
        cohort_rates(intake, people[:5])
    with CaptureQueriesContext(connection) as large:
        found = cohort_rates(intake)
    assert (len(small), len(large)) == (2, 3)
    assert found.pooled("events") == Rate(200, 200)


def test_register_lists_who_is_expected(cohort: Intake) -> None:
    people = list(Participant.objects.filter(intake=cohort).order_by("pk"))
    people[0].left_on = cohort.starts_on + datetime.timedelta(days=5)
    people[0].save()
    event = session(cohort, cohort.starts_on + datetime.timedelta(days=10))
    assert {line.participant.pk for line in session_register(event)} == {p.pk for p in people[1:]}
    group = LearningGroup.objects.order_by("number").first()
    meeting = session(cohort, cohort.starts_on + datetime.timedelta(days=2), group=group)
    assert {line.participant.pk for line in session_register(meeting)} == {
        p.pk
        for p in people
        if p.group_id == group.pk  # type: ignore[union-attr]
    }


def test_sessions_to_mark_and_my_participations(
    cohort: Intake, cast: dict[str, Any], programme: Any, make_member: Callable[..., Member]
) -> None:
    past = session(cohort, cohort.starts_on + datetime.timedelta(days=1))
    taken = session(cohort, cohort.starts_on + datetime.timedelta(days=2))
    session(cohort, timezone.localdate() + datetime.timedelta(days=5))
    person = Participant.objects.filter(intake=cohort).first()
    assert person is not None
    _mark(taken, person, "present")
    assert sessions_to_mark(cast["admin"].user) == [past]
    assert sessions_to_mark(cast["platform"]) == [past]
    assert sessions_to_mark(cast["member"].user) == []
    assert sessions_to_mark(cast["committee"].user) == []
    assert my_participations(person.member.user) == [person]
    later = other_intake(programme)
    again = Participant.objects.create(
        intake=later, member=person.member, joined_on=later.starts_on
    )
    assert my_participations(person.member.user) == [person, again] or my_participations(
        person.member.user
    ) == [again, person]
    assert my_participations(cast["member"].user) == []
