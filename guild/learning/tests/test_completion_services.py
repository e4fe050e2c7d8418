"""Course results: recorded by an administrator (one or many), imported from a file (all rows
or none, every problem located), or declared by the member for self-paced courses."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from guild.core.errors import ApplicationError, NotFound
from guild.core.models import AuditEvent
from guild.learning.course_file import CourseFileError
from guild.learning.models import Completion, Offering
from guild.learning.services import (
    completion_declare,
    completion_import,
    completion_record,
    enrolment_create,
)
from guild.learning.tests.conftest import make_course

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


def _csv(*rows: str, header: str = "email,course,date,result") -> bytes:
    return "\n".join([header, *rows]).encode("utf-8")


def test_an_administrator_records_results_for_the_roster_all_or_none(
    cast: dict[str, Any], offering: Offering, make_member: Any
) -> None:
    admin = cast["admin"].user
    first = enrolment_create(actor=cast["member"].user, offering=offering)
    second = enrolment_create(actor=cast["private"].user, offering=offering)
    waiting = enrolment_create(actor=cast["other"].user, offering=offering)
    with pytest.raises(ApplicationError) as refused:
        completion_record(
            actor=admin,
            offering=offering,
            enrolments=[first, waiting],
            completed_on=YESTERDAY,
            result="completed",
        )
    assert refused.value.code == "not_enrolled"
    assert not Completion.objects.exists()

    done = completion_record(
        actor=admin,
        offering=offering,
        enrolments=[first, second],
        completed_on=YESTERDAY,
        result="completed",
    )
    assert [(c.member_id, c.result, c.source, c.completed_on) for c in done] == [
        (cast["member"].pk, "completed", "administrator", YESTERDAY),
        (cast["private"].pk, "completed", "administrator", YESTERDAY),
    ]
    # Recorded again: the enrolment's result is replaced, not doubled.
    completion_record(
        actor=admin,
        offering=offering,
        enrolments=[second],
        completed_on=TODAY,
        result="not-completed",
    )
    assert Completion.objects.count() == 2
    changed = AuditEvent.objects.get(action="learning.completion_update")
    assert changed.changes == {
        "completed_on": [YESTERDAY.isoformat(), TODAY.isoformat()],
        "result": ["completed", "not-completed"],
    }
    assert AuditEvent.objects.filter(action="learning.completion_create").count() == 2


def test_recording_checks_every_field_at_once_and_the_manager(
    cast: dict[str, Any], offering: Offering
) -> None:
    enrolment = enrolment_create(actor=cast["member"].user, offering=offering)
    with pytest.raises(ValidationError) as refused:
        completion_record(
            actor=cast["admin"].user,
            offering=offering,
            enrolments=[],
            completed_on=TODAY + datetime.timedelta(days=1),
            result="passed",
        )
    assert refused.value.message_dict == {
        "completed_on": ["The date is in the future."],
        "result": ["Choose completed or not completed."],
        "enrolments": ["Choose at least one member of the roster."],
    }
    with pytest.raises(NotFound):
        completion_record(
            actor=cast["member"].user,
            offering=offering,
            enrolments=[enrolment],
            completed_on=TODAY,
            result="completed",
        )
    assert not Completion.objects.exists()


def test_a_member_declares_a_self_paced_course_with_a_proof(
    cast: dict[str, Any], im: Any, course: Any
) -> None:
    member = cast["member"]
    guide = make_course(cast["admin"].user, im, code="g100", fmt="self-paced")
    with pytest.raises(ValidationError) as refused:
        completion_declare(actor=member.user, course=guide, completed_on=None, proof_url="nope")
    assert refused.value.message_dict == {
        "completed_on": ["Enter the date."],
        "proof_url": ["Enter a valid URL."],
    }
    with pytest.raises(ValidationError) as no_proof:
        completion_declare(actor=member.user, course=guide, completed_on=YESTERDAY)
    assert set(no_proof.value.message_dict) == {"proof_note", "proof_url"}
    with pytest.raises(ApplicationError) as classroom:
        completion_declare(actor=member.user, course=course, completed_on=YESTERDAY, proof_note="x")
    assert classroom.value.code == "not_self_paced"
    assert not Completion.objects.exists()

    done = completion_declare(
        actor=member.user,
        course=guide,
        completed_on=YESTERDAY,
        proof_url="https://example.gc.ca/certificate.pdf",
    )
    assert (done.member_id, done.source, done.result) == (member.pk, "self", "completed")
    event = AuditEvent.objects.get(action="learning.completion_create")
    assert event.changes["source"] == "self"
    assert event.changes["proof_url"] == "https://example.gc.ca/certificate.pdf"


def test_a_file_of_results_is_imported_and_attached_to_the_enrolment(
    cast: dict[str, Any], im: Any, offering: Offering
) -> None:
    enrolment = enrolment_create(actor=cast["member"].user, offering=offering)
    content = _csv(
        f"{cast['member'].work_email.upper()},I500,{YESTERDAY.isoformat()},completed",
        f"{cast['private'].work_email},csps/i500,{YESTERDAY.isoformat()},non terminé",
    )
    result = completion_import(actor=cast["admin"].user, community=im, content=content)
    assert (result.created, result.updated) == (2, 0)
    rows = {c.member_id: c for c in Completion.objects.all()}
    assert rows[cast["member"].pk].enrolment_id == enrolment.pk
    assert rows[cast["member"].pk].source == "import"
    assert rows[cast["private"].pk].result == "not-completed"
    assert rows[cast["private"].pk].enrolment_id is None
    again = completion_import(actor=cast["admin"].user, community=im, content=content)
    assert (again.created, again.updated) == (0, 2)
    assert Completion.objects.count() == 2


def test_a_file_with_mistakes_names_each_row_and_column_and_saves_nothing(
    cast: dict[str, Any], im: Any, offering: Offering
) -> None:
    content = _csv(
        f"{cast['member'].work_email},i500,{YESTERDAY.isoformat()},completed",
        f"nobody@example.gc.ca,i500,{YESTERDAY.isoformat()},completed",
        f"{cast['member'].work_email},x999,31/03/2026,passed",
        f"not-an-email,i500,{(TODAY + datetime.timedelta(days=2)).isoformat()},completed",
        f"{cast['member'].work_email},i500,{YESTERDAY.isoformat()},completed",
    )
    with pytest.raises(CourseFileError) as refused:
        completion_import(actor=cast["admin"].user, community=im, content=content)
    assert [(p.row, p.column, p.message) for p in refused.value.problems] == [
        (4, "date", "Write the date as YYYY-MM-DD, for example 2026-03-31."),
        (4, "result", "Write completed or not-completed."),
        (5, "email", "Enter a valid e-mail address."),
        (5, "date", "The date is in the future."),
        (6, None, "The same result is already on line 2."),
    ]
    assert not Completion.objects.exists()
    unknown = _csv(
        f"nobody@example.gc.ca,i500,{YESTERDAY.isoformat()},completed",
        f"{cast['member'].work_email},x999,{YESTERDAY.isoformat()},completed",
    )
    with pytest.raises(CourseFileError) as refused:
        completion_import(actor=cast["admin"].user, community=im, content=unknown)
    assert [(p.row, p.column, p.message) for p in refused.value.problems] == [
        (2, "email", "No member of the community has this e-mail."),
        (3, "course", "No course of the community has this code."),
    ]
    assert [p.as_dict()["location"] for p in refused.value.problems] == [
        "line 2, column email",
        "line 3, column course",
    ]
    assert not Completion.objects.exists()


def test_a_file_without_the_columns_is_refused(cast: dict[str, Any], im: Any) -> None:
    with pytest.raises(CourseFileError) as refused:
        completion_import(
            actor=cast["admin"].user, community=im, content=_csv("a,b", header="email,course")
        )
    assert [(p.row, p.message) for p in refused.value.problems] == [
        (1, "The header row lacks the columns: date, result.")
    ]
    with pytest.raises(NotFound):
        completion_import(actor=cast["member"].user, community=im, content=_csv())
