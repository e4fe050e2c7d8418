"""The register: bulk marking, every refused line named at once with nothing saved, and
the supervisor's alert (once, then again only after a recovery)."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from guild.core.errors import NotFound, ProblemsError
from guild.core.models import AuditEvent
from guild.members.models import Member
from guild.programmes.models import Attendance, Intake, LearningGroup, Participant
from guild.programmes.services.attendance import attendance_mark_bulk
from guild.programmes.services.cohort import cohort_launch
from guild.programmes.tests.cohort_helpers import other_intake, selected, session, started

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(intake: Intake, cast: dict[str, Any], make_member: Callable[..., Member]) -> Intake:
    started(intake)
    selected(intake, make_member, 12, spread=6, supervisor=cast["supervisor"])
    cohort_launch(actor=cast["admin"].user, intake=intake)
    intake.refresh_from_db()
    return intake


def _people(intake: Intake) -> list[Participant]:
    return list(Participant.objects.filter(intake=intake).order_by("pk"))


def test_bulk_marking_saves_and_audits(cohort: Intake, cast: dict[str, Any]) -> None:
    event = session(cohort, cohort.starts_on + datetime.timedelta(days=1))
    people = _people(cohort)
    marks = {p.pk: "present" for p in people}
    marks[people[0].pk] = "late"
    saved = attendance_mark_bulk(actor=cast["admin"].user, session=event, marks=marks)
    assert len(saved) == 12
    assert Attendance.objects.get(participant=people[0]).status == "late"
    audit = AuditEvent.objects.get(action="programmes.attendance_mark")
    assert audit.changes[str(people[0].pk)] == [None, "late"]
    attendance_mark_bulk(actor=cast["admin"].user, session=event, marks={people[0].pk: "excused"})
    assert Attendance.objects.filter(session=event).count() == 12
    assert Attendance.objects.get(participant=people[0]).status == "excused"


def test_every_refused_line_is_named_and_nothing_is_saved(
    cohort: Intake, cast: dict[str, Any], programme: Any, make_member: Callable[..., Member]
) -> None:
    people = _people(cohort)
    one, two = LearningGroup.objects.filter(intake=cohort).order_by("number")
    meeting = session(cohort, cohort.starts_on + datetime.timedelta(days=20), group=one)
    late = people[1]
    late.joined_on = cohort.starts_on + datetime.timedelta(days=40)
    late.save()
    elsewhere = other_intake(programme)
    stranger = Participant.objects.create(
        intake=elsewhere, member=make_member(), joined_on=elsewhere.starts_on
    )
    outsider = next(p for p in people if p.group_id == two.pk)
    insider = next(p for p in people if p.group_id == one.pk and p.pk != late.pk)
    marks: dict[Any, Any] = {
        insider.pk: "present",
        stranger.pk: "present",
        outsider.pk: "present",
        "x": "present",
        insider.pk + 100000: "absent",
    }
    if late.group_id == one.pk:
        marks[late.pk] = "present"
    else:
        late.group = one
        late.save()
        marks[late.pk] = "present"
    second = next(p for p in people if p.group_id == one.pk and p.pk not in (insider.pk, late.pk))
    marks[second.pk] = "asleep"
    with pytest.raises(ProblemsError) as refused:
        attendance_mark_bulk(actor=cast["admin"].user, session=meeting, marks=marks)
    fields = refused.value.fields
    assert fields == {
        f"marks.{stranger.pk}": [f"{stranger.pk} is not a participant in this cohort."],
        f"marks.{outsider.pk}": [
            f"{outsider} is not in this group, so is not expected at its meeting."
        ],
        "marks.x": ["x is not a participant in this cohort."],
        f"marks.{insider.pk + 100000}": [
            f"{insider.pk + 100000} is not a participant in this cohort."
        ],
        f"marks.{late.pk}": [
            f"{late} takes part from {late.joined_on.isoformat()} to —: this session is "
            "outside that."
        ],
        f"marks.{second.pk}": [f"{second}: choose present, late, absent or excused."],
    }
    assert not Attendance.objects.exists()
    assert not AuditEvent.objects.filter(action="programmes.attendance_mark").exists()


def test_a_session_in_the_future_is_refused(cohort: Intake, cast: dict[str, Any]) -> None:
    ahead = session(cohort, timezone.localdate() + datetime.timedelta(days=3))
    person = _people(cohort)[0]
    with pytest.raises(ProblemsError) as refused:
        attendance_mark_bulk(actor=cast["admin"].user, session=ahead, marks={person.pk: "present"})
    assert refused.value.fields == {
        "session": ["This session has not started yet: take attendance after it."]
    }
    with pytest.raises(ProblemsError) as empty:
        attendance_mark_bulk(
            actor=cast["admin"].user,
            session=session(cohort, cohort.starts_on),
            marks={},
        )
    assert empty.value.fields == {"marks": ["Mark at least one participant."]}


@pytest.mark.parametrize("who", ["member", "committee", "coordinator", "supervisor"])
def test_only_administrators_mark(cohort: Intake, cast: dict[str, Any], who: str) -> None:
    event = session(cohort, cohort.starts_on)
    person = _people(cohort)[0]
    with pytest.raises(NotFound):
        attendance_mark_bulk(actor=cast[who].user, session=event, marks={person.pk: "present"})
    assert not Attendance.objects.exists()


def test_the_supervisor_is_alerted_once_and_again_after_a_recovery(
    cohort: Intake,
    cast: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    admin = cast["admin"].user
    people = _people(cohort)
    person = people[0]
    others = {p.pk: "present" for p in people[1:]}
    days = [cohort.starts_on + datetime.timedelta(days=d) for d in (1, 31, 61, 71)]
    events = [session(cohort, day) for day in days]
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark_bulk(actor=admin, session=events[0], marks={**others, person.pk: "present"})
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark_bulk(actor=admin, session=events[1], marks={**others, person.pk: "absent"})
    # 1 of 2 = 50 % < 75 %: one e-mail to the supervisor.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [cast["supervisor"].work_email]
    assert person.member.full_name in message.subject
    assert "is 50% (1 of 2 sessions), below the programme's threshold of 75%" in message.body
    assert "excused sessions are not expected" in message.body
    person.refresh_from_db()
    assert person.alerted_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark_bulk(actor=admin, session=events[2], marks={**others, person.pk: "absent"})
    assert len(mail.outbox) == 1  # still below: no second e-mail
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark_bulk(actor=admin, session=events[1], marks={person.pk: "excused"})
        attendance_mark_bulk(actor=admin, session=events[2], marks={person.pk: "excused"})
    person.refresh_from_db()
    assert person.alerted_at is None  # 1 of 1: recovered, the alert is cleared
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark_bulk(actor=admin, session=events[3], marks={**others, person.pk: "absent"})
    assert len(mail.outbox) == 2


def test_the_alert_is_in_the_supervisors_language(
    cohort: Intake, cast: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    supervisor = cast["supervisor"]
    assert supervisor.user is not None
    supervisor.user.preferred_language = "fr"
    supervisor.user.save()
    event = session(cohort, cohort.starts_on + datetime.timedelta(days=1))
    person = _people(cohort)[0]
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark_bulk(actor=cast["admin"].user, session=event, marks={person.pk: "absent"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Assiduité de")


def test_no_supervisor_no_alert_until_one_is_named(
    cohort: Intake, cast: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    person = _people(cohort)[0]
    member = person.member
    member.supervisor = None
    member.save()
    first = session(cohort, cohort.starts_on + datetime.timedelta(days=1))
    second = session(cohort, cohort.starts_on + datetime.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark_bulk(actor=cast["admin"].user, session=first, marks={person.pk: "absent"})
    person.refresh_from_db()
    assert (mail.outbox, person.alerted_at) == ([], None)
    member.supervisor = cast["supervisor"]
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark_bulk(actor=cast["admin"].user, session=second, marks={person.pk: "absent"})
    assert [m.to for m in mail.outbox] == [[cast["supervisor"].work_email]]
    assert "is 0% (0 of 2 sessions)" in mail.outbox[0].body
