"""The enrolment API through the real HTTP stack, with personal access tokens: a course's
offerings, my enrolments, enrolling and withdrawing; bad input answers 4xx with a JSON
body and changes nothing."""

from typing import Any

import pytest
from django.test import Client

from guild.accounts.models import User
from guild.accounts.services import token_create
from guild.learning.models import Enrolment, EnrolmentStatus, Offering
from guild.learning.services import offering_save
from guild.learning.tests.conftest import make_offering

pytestmark = pytest.mark.django_db
BASE = "/api/v1/learning"


def _client(user: User) -> Client:
    _token, raw = token_create(user=user, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_offerings_enrol_waitlist_and_withdraw(cast: dict[str, Any], offering: Offering) -> None:
    member, private, other = (_client(cast[k].user) for k in ("member", "private", "other"))
    listed = member.get(f"{BASE}/courses/{offering.course_id}/offerings").json()
    assert [(o["id"], o["capacity"], o["places_taken"], o["status"]) for o in listed] == [
        (offering.pk, 2, 0, "open")
    ]
    first = member.post(f"{BASE}/offerings/{offering.pk}/enrolments")
    assert first.status_code == 201
    assert (first.json()["status"], first.json()["waitlist_position"]) == ("enrolled", None)
    private.post(f"{BASE}/offerings/{offering.pk}/enrolments")
    third = other.post(f"{BASE}/offerings/{offering.pk}/enrolments").json()
    assert (third["status"], third["waitlist_position"]) == ("waitlisted", 1)
    assert third["offering"]["places_taken"] == 2

    withdrawn = member.post(f"{BASE}/enrolments/{first.json()['id']}/withdraw")
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == "withdrawn"
    mine = other.get(f"{BASE}/enrolments/mine").json()
    assert [(e["id"], e["status"], e["waitlist_position"]) for e in mine] == [
        (third["id"], "enrolled", None)
    ]


def test_bad_input_answers_json_and_changes_nothing(
    cast: dict[str, Any], offering: Offering
) -> None:
    member = _client(cast["member"].user)
    enrolled = member.post(f"{BASE}/offerings/{offering.pk}/enrolments").json()
    twice = member.post(f"{BASE}/offerings/{offering.pk}/enrolments")
    assert twice.status_code == 400
    assert twice.json()["code"] == "already_enrolled"
    assert Enrolment.objects.count() == 1

    other = _client(cast["other"].user)
    stolen = other.post(f"{BASE}/enrolments/{enrolled['id']}/withdraw")
    assert (stolen.status_code, stolen.json()["code"]) == (404, "not_found")
    assert Enrolment.objects.get().status == EnrolmentStatus.ENROLLED
    assert other.post(f"{BASE}/offerings/999999/enrolments").status_code == 404
    assert other.post(f"{BASE}/offerings/abc/enrolments").status_code == 422
    assert other.get(f"{BASE}/courses/999999/offerings").status_code == 404

    offering_save(
        actor=cast["admin"].user, course=offering.course, offering=offering, status="closed"
    )
    closed = other.post(f"{BASE}/offerings/{offering.pk}/enrolments")
    assert (closed.status_code, closed.json()["code"]) == (400, "offering_not_open")
    assert Enrolment.objects.count() == 1


def test_past_offerings_are_listed_only_for_catalogue_managers(
    cast: dict[str, Any], course: Any
) -> None:
    past = make_offering(cast["admin"].user, course, starts_on="2020-01-01", ends_on="2020-01-02")
    member = _client(cast["member"].user)
    assert member.get(f"{BASE}/courses/{course.pk}/offerings").json() == []
    late = member.post(f"{BASE}/offerings/{past.pk}/enrolments")
    assert (late.status_code, late.json()["code"]) == (400, "offering_ended")
    admin = _client(cast["admin"].user).get(f"{BASE}/courses/{course.pk}/offerings").json()
    assert [o["id"] for o in admin] == [past.pk]
