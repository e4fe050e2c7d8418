"""The cohort API: the cohort with its rates, the schedule, and bulk marking (all or
nothing, a 400 naming each refused line)."""

import datetime
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from guild.accounts.models import User
from guild.members.models import Member
from guild.programmes.models import Attendance, Intake, LearningGroup, Participant
from guild.programmes.services.cohort import cohort_launch
from guild.programmes.tests.cohort_helpers import other_intake, selected, session, started

pytestmark = pytest.mark.django_db

Login = Callable[[User], Client]
BASE = "/api/v1/programmes"


@pytest.fixture
def cohort(intake: Intake, cast: dict[str, Any], make_member: Callable[..., Member]) -> Intake:
    started(intake)
    selected(intake, make_member, 12, spread=6)
    cohort_launch(actor=cast["admin"].user, intake=intake)
    intake.refresh_from_db()
    return intake


def _post(client: Client, url: str, body: Any) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_cohort_with_rates(cohort: Intake, cast: dict[str, Any], login: Login) -> None:
    people = list(Participant.objects.filter(intake=cohort).order_by("pk"))
    event = session(cohort, cohort.starts_on + datetime.timedelta(days=1))
    Attendance.objects.create(session=event, participant=people[0], status="present")
    Attendance.objects.create(session=event, participant=people[1], status="excused")
    body = login(cast["admin"].user).get(f"{BASE}/intakes/{cohort.pk}/cohort").json()
    assert body["stage"] == "running"
    assert body["events"] == {"attended": 1, "expected": 11, "percent": 9}
    assert body["groups"] == {"attended": 0, "expected": 0, "percent": None}
    assert "excused sessions are not expected" in body["definition"]
    first = next(p for p in body["participants"] if p["id"] == people[0].pk)
    assert first["events"] == {"attended": 1, "expected": 1, "percent": 100}
    assert first["joined_on"] == cohort.starts_on.isoformat()
    second = next(p for p in body["participants"] if p["id"] == people[1].pk)
    assert second["events"] == {"attended": 0, "expected": 0, "percent": None}
    assert len(body["participants"]) == 12


@pytest.mark.parametrize("who", ["member", "committee", "coordinator"])
def test_the_cohort_is_for_administrators(
    cohort: Intake, cast: dict[str, Any], login: Login, who: str
) -> None:
    response = login(cast[who].user).get(f"{BASE}/intakes/{cohort.pk}/cohort")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_sessions_for_administrators_and_participants(
    cohort: Intake, cast: dict[str, Any], login: Login
) -> None:
    one, two = LearningGroup.objects.filter(intake=cohort).order_by("number")
    event = session(cohort, cohort.starts_on + datetime.timedelta(days=1))
    mine = session(cohort, cohort.starts_on + datetime.timedelta(days=2), group=one)
    session(cohort, cohort.starts_on + datetime.timedelta(days=3), group=two)
    everything = login(cast["admin"].user).get(f"{BASE}/intakes/{cohort.pk}/sessions").json()
    assert [s["kind"] for s in everything] == ["event", "group", "group"]
    person = one.participants.select_related("member__user").first()
    assert person is not None and person.member.user is not None
    seen = login(person.member.user).get(f"{BASE}/intakes/{cohort.pk}/sessions").json()
    assert [s["id"] for s in seen] == [event.pk, mine.pk]
    assert seen[0]["uid"] == str(event.uid)
    stranger = login(cast["member"].user).get(f"{BASE}/intakes/{cohort.pk}/sessions")
    assert stranger.status_code == 404


def test_bulk_marking(cohort: Intake, cast: dict[str, Any], login: Login) -> None:
    event = session(cohort, cohort.starts_on + datetime.timedelta(days=1))
    people = list(Participant.objects.filter(intake=cohort).order_by("pk"))
    marks = [{"participant": p.pk, "status": "present"} for p in people]
    marks[0]["status"] = "late"
    response = _post(login(cast["admin"].user), f"{BASE}/sessions/{event.pk}/attendance", marks)
    assert response.status_code == 200
    assert response.json() == {"session_id": event.pk, "saved": 12}
    assert Attendance.objects.get(participant=people[0]).status == "late"


def test_bulk_marking_refused_names_every_row_and_saves_nothing(
    cohort: Intake,
    cast: dict[str, Any],
    login: Login,
    programme: Any,
    make_member: Callable[..., Member],
) -> None:
    event = session(cohort, cohort.starts_on + datetime.timedelta(days=1))
    people = list(Participant.objects.filter(intake=cohort).order_by("pk"))
    people[2].left_on = cohort.starts_on
    people[2].save()
    elsewhere = other_intake(programme)
    stranger = Participant.objects.create(
        intake=elsewhere, member=make_member(), joined_on=elsewhere.starts_on
    )
    marks = [
        {"participant": people[0].pk, "status": "present"},
        {"participant": people[1].pk, "status": "here"},
        {"participant": people[2].pk, "status": "present"},
        {"participant": stranger.pk, "status": "present"},
    ]
    response = _post(login(cast["admin"].user), f"{BASE}/sessions/{event.pk}/attendance", marks)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "attendance_refused"
    assert body["message"] == "The attendance was not saved: correct the lines below."
    assert body["fields"] == {
        f"marks.{people[1].pk}": [f"{people[1]}: choose present, late, absent or excused."],
        f"marks.{people[2].pk}": [
            f"{people[2]} takes part from {cohort.starts_on.isoformat()} to "
            f"{cohort.starts_on.isoformat()}: this session is outside that."
        ],
        f"marks.{stranger.pk}": [f"{stranger.pk} is not a participant in this cohort."],
    }
    assert not Attendance.objects.exists()


def test_bulk_marking_by_others_or_for_unknown_sessions(
    cohort: Intake, cast: dict[str, Any], login: Login
) -> None:
    event = session(cohort, cohort.starts_on + datetime.timedelta(days=1))
    person = Participant.objects.filter(intake=cohort).select_related("member__user").first()
    assert person is not None and person.member.user is not None
    marks = [{"participant": person.pk, "status": "present"}]
    for user in (cast["member"].user, cast["committee"].user, person.member.user):
        assert (
            _post(login(user), f"{BASE}/sessions/{event.pk}/attendance", marks).status_code == 404
        )
    admin = login(cast["admin"].user)
    assert _post(admin, f"{BASE}/sessions/999999/attendance", marks).status_code == 404
    bad = _post(admin, f"{BASE}/sessions/{event.pk}/attendance", [{"participant": "x"}])
    assert bad.status_code in (400, 422)
    assert not Attendance.objects.exists()
