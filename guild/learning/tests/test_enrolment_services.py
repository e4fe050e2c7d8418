"""Offerings and enrolments: places, the waitlist in order, promotions, approvals, refusals;
every write audited, every refusal leaving nothing changed."""

import datetime
import threading
import time
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guild.core.errors import ApplicationError, NotFound
from guild.core.models import AuditEvent
from guild.learning.models import Enrolment, EnrolmentStatus, Offering
from guild.learning.selectors import my_enrolments, offering_roster
from guild.learning.services import (
    enrolment_add,
    enrolment_create,
    enrolment_decide,
    enrolment_withdraw,
    offering_save,
)
from guild.learning.tests.conftest import make_course, make_offering

pytestmark = pytest.mark.django_db

ENROLLED, WAITLISTED = EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED


def _members(make_member: Any, count: int) -> list[Any]:
    return [make_member(given_name=f"M{i}", family_name=f"Waiting{i}") for i in range(count)]


def test_places_then_the_waitlist_in_order_and_promotion_on_withdrawal(
    cast: dict[str, Any], offering: Offering, make_member: Any
) -> None:
    people = _members(make_member, 4)
    made = [enrolment_create(actor=p.user, offering=offering) for p in people]
    assert [e.status for e in made] == [ENROLLED, ENROLLED, WAITLISTED, WAITLISTED]
    waiting = offering_roster(offering).waitlist
    assert [(e.member_id, vars(e)["position"]) for e in waiting] == [
        (people[2].pk, 1),
        (people[3].pk, 2),
    ]
    assert [vars(e)["position"] for e in my_enrolments(member_id=people[3].pk)] == [2]

    enrolment_withdraw(actor=people[0].user, enrolment=made[0])
    statuses = dict(Enrolment.objects.values_list("member_id", "status"))
    assert statuses == {
        people[0].pk: EnrolmentStatus.WITHDRAWN,
        people[1].pk: ENROLLED,
        people[2].pk: ENROLLED,  # the first on the waitlist
        people[3].pk: WAITLISTED,
    }
    roster = offering_roster(offering)
    assert [e.member_id for e in roster.waitlist] == [people[3].pk]
    assert vars(roster.waitlist[0])["position"] == 1
    assert list(
        AuditEvent.objects.filter(action__startswith="learning.enrolment")
        .order_by("pk")
        .values_list("action", "object_id")
    ) == [
        *(("learning.enrolment_create", str(e.pk)) for e in made),
        ("learning.enrolment_withdraw", str(made[0].pk)),
        ("learning.enrolment_promote", str(made[2].pk)),
    ]


def test_more_places_promote_the_waitlist_at_once(
    cast: dict[str, Any], offering: Offering, make_member: Any
) -> None:
    people = _members(make_member, 5)
    for person in people:
        enrolment_create(actor=person.user, offering=offering)
    offering_save(actor=cast["admin"].user, course=offering.course, offering=offering, capacity=4)
    statuses = [Enrolment.objects.get(member=p).status for p in people]
    assert statuses == [ENROLLED, ENROLLED, ENROLLED, ENROLLED, WAITLISTED]
    update = AuditEvent.objects.get(action="learning.offering_update")
    assert update.changes == {"capacity": [2, 4]}


def test_enrolling_twice_is_refused_and_changes_nothing(
    cast: dict[str, Any], offering: Offering
) -> None:
    member = cast["member"]
    enrolment_create(actor=member.user, offering=offering)
    with pytest.raises(ApplicationError) as refused:
        enrolment_create(actor=member.user, offering=offering)
    assert refused.value.code == "already_enrolled"
    assert str(refused.value.message) == (
        "You are already enrolled in this offering, on its waitlist or waiting for approval."
    )
    assert Enrolment.objects.count() == 1
    assert AuditEvent.objects.filter(action="learning.enrolment_create").count() == 1


def test_after_withdrawing_a_member_may_enrol_again(
    cast: dict[str, Any], offering: Offering
) -> None:
    member = cast["member"]
    first = enrolment_create(actor=member.user, offering=offering)
    enrolment_withdraw(actor=member.user, enrolment=first)
    again = enrolment_create(actor=member.user, offering=offering)
    assert again.pk != first.pk and again.status == ENROLLED
    with pytest.raises(ApplicationError) as refused:
        enrolment_withdraw(actor=member.user, enrolment=first)
    assert refused.value.code == "not_active"


@pytest.mark.parametrize("status", ["closed", "cancelled"])
def test_a_closed_or_cancelled_offering_refuses_enrolment(
    cast: dict[str, Any], offering: Offering, status: str
) -> None:
    offering_save(
        actor=cast["admin"].user, course=offering.course, offering=offering, status=status
    )
    with pytest.raises(ApplicationError) as refused:
        enrolment_create(actor=cast["member"].user, offering=offering)
    assert refused.value.code == "offering_not_open"
    assert str(refused.value.message) == "This offering is not open for enrolment."
    assert not Enrolment.objects.exists()


def test_the_supervisor_approves_or_refuses_and_nobody_else_can(
    cast: dict[str, Any], course: Any
) -> None:
    admin = cast["admin"].user
    offering = make_offering(admin, course, needs_approval=True, capacity=2)
    member, private = cast["member"], cast["private"]
    first = enrolment_create(actor=member.user, offering=offering)
    second = enrolment_create(actor=private.user, offering=offering)
    # Each request holds its place until the supervisor decides.
    assert first.status == second.status == EnrolmentStatus.AWAITING_APPROVAL

    for outsider in (admin, cast["other"].user, member.user):
        with pytest.raises(NotFound):
            enrolment_decide(actor=outsider, enrolment=first, approve=True)
    first.refresh_from_db()
    assert first.status == EnrolmentStatus.AWAITING_APPROVAL

    supervisor = cast["supervisor"]
    assert enrolment_decide(actor=supervisor.user, enrolment=first, approve=True).status == ENROLLED
    assert (
        enrolment_decide(actor=supervisor.user, enrolment=second, approve=True).status == ENROLLED
    )
    with pytest.raises(ApplicationError) as twice:
        enrolment_decide(actor=supervisor.user, enrolment=second, approve=False)
    assert twice.value.code == "not_awaiting"
    second.refresh_from_db()
    assert second.status == ENROLLED
    first.refresh_from_db()
    assert first.decided_by_id == supervisor.pk
    assert AuditEvent.objects.filter(action="learning.enrolment_approve").count() == 2


def test_a_refusal_frees_the_place_for_the_waitlist_in_order(
    cast: dict[str, Any], course: Any, make_member: Any
) -> None:
    offering = make_offering(cast["admin"].user, course, needs_approval=True, capacity=1)
    boss = cast["supervisor"]
    enrolment = enrolment_create(actor=cast["member"].user, offering=offering)
    waiting = [
        enrolment_create(actor=make_member(supervisor=boss).user, offering=offering)
        for _ in range(2)
    ]
    assert [e.status for e in waiting] == [WAITLISTED, WAITLISTED]
    refused = enrolment_decide(actor=boss.user, enrolment=enrolment, approve=False)
    assert refused.status == EnrolmentStatus.REFUSED
    event = AuditEvent.objects.get(action="learning.enrolment_refuse")
    assert event.changes == {"status": ["awaiting-approval", "refused"]}
    # The first on the waitlist now holds the place, for the supervisor to decide.
    statuses = [Enrolment.objects.get(pk=e.pk).status for e in waiting]
    assert statuses == [EnrolmentStatus.AWAITING_APPROVAL, WAITLISTED]
    promoted = AuditEvent.objects.get(action="learning.enrolment_promote")
    assert promoted.changes == {"status": ["waitlisted", "awaiting-approval"]}
    assert enrolment_decide(actor=boss.user, enrolment=waiting[0], approve=True).status == ENROLLED


def test_an_administrator_enrols_a_programmes_participant_and_nobody_else_can(
    cast: dict[str, Any], offering: Offering
) -> None:
    with pytest.raises(NotFound):
        enrolment_add(actor=cast["member"].user, offering=offering, member=cast["other"])
    added = enrolment_add(actor=cast["admin"].user, offering=offering, member=cast["other"])
    assert (added.member_id, added.status) == (cast["other"].pk, ENROLLED)
    event = AuditEvent.objects.get(action="learning.enrolment_create")
    assert event.actor_id == cast["admin"].user.pk


def test_approval_needs_a_supervisor_on_the_profile(cast: dict[str, Any], course: Any) -> None:
    offering = make_offering(cast["admin"].user, course, needs_approval=True)
    with pytest.raises(ApplicationError) as refused:
        enrolment_create(actor=cast["other"].user, offering=offering)
    assert refused.value.code == "no_supervisor"
    assert not Enrolment.objects.exists()


def test_a_person_without_a_profile_cannot_enrol(cast: dict[str, Any], offering: Offering) -> None:
    with pytest.raises(ApplicationError) as refused:
        enrolment_create(actor=cast["platform"], offering=offering)
    assert refused.value.code == "no_profile"


def test_only_the_member_withdraws_their_enrolment(
    cast: dict[str, Any], offering: Offering
) -> None:
    enrolment = enrolment_create(actor=cast["member"].user, offering=offering)
    for other in (cast["admin"].user, cast["supervisor"].user, cast["other"].user):
        with pytest.raises(NotFound):
            enrolment_withdraw(actor=other, enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == ENROLLED


def test_offerings_are_made_by_catalogue_managers_with_every_error_at_once(
    cast: dict[str, Any], course: Any
) -> None:
    with pytest.raises(NotFound):
        make_offering(cast["member"].user, course)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        offering_save(
            actor=cast["admin"].user,
            course=course,
            starts_on=today,
            ends_on=today - datetime.timedelta(days=1),
            language="de",
            capacity=0,
            status="maybe",
        )
    assert set(refused.value.message_dict) == {"ends_on", "language", "capacity", "status"}
    assert not Offering.objects.exists()
    offering = make_offering(cast["admin"].user, course)
    assert offering.delivery == "classroom"  # the course's format
    created = AuditEvent.objects.get(action="learning.offering_create")
    assert created.changes["capacity"] == 2


def test_an_offering_of_another_community_is_not_managed_here(
    cast: dict[str, Any], course: Any, it_community: Any
) -> None:
    elsewhere = it_community
    other_course = make_course(cast["platform"], elsewhere, code="d100")
    offering = make_offering(cast["platform"], other_course)
    with pytest.raises(NotFound):
        offering_save(actor=cast["admin"].user, course=other_course, offering=offering, capacity=9)
    with pytest.raises(NotFound):
        offering_save(actor=cast["admin"].user, course=course, offering=offering, capacity=9)
    offering.refresh_from_db()
    assert offering.capacity == 2


def test_the_offering_row_is_locked_while_places_are_counted(
    cast: dict[str, Any], offering: Offering
) -> None:
    with CaptureQueriesContext(connection) as queries:
        enrolment_create(actor=cast["member"].user, offering=offering)
    sql = [q["sql"] for q in queries]
    lock = next(
        i for i, q in enumerate(sql) if q.startswith("SELECT") and 'FROM "learning_offering"' in q
    )
    count = next(i for i, q in enumerate(sql) if "COUNT(" in q and '"learning_enrolment"' in q)
    assert lock < count  # the places are counted under the lock
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in sql[lock]
    else:
        # SQLite has no row locks and Django leaves FOR UPDATE out: the transaction's
        # BEGIN IMMEDIATE takes the database's write lock instead (config.settings).
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db(transaction=True)
def test_two_members_racing_for_the_last_place_do_not_both_get_it(
    cast: dict[str, Any], course: Any, make_member: Any
) -> None:
    offering = make_offering(cast["admin"].user, course, capacity=1)
    racers = _members(make_member, 2)
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def enrol(person: Any) -> None:
        # The test database is SQLite in memory with a shared cache, which refuses a second
        # writer at once ("database table is locked") instead of waiting as the file
        # database's busy timeout or PostgreSQL's row lock do: the loser tries again, as a
        # person would, and must then find the place taken.
        try:
            start.wait()
            for _attempt in range(50):
                try:
                    enrolment_create(actor=person.user, offering=offering)
                    return
                except OperationalError as error:
                    if "locked" not in str(error):
                        raise
                    time.sleep(0.05)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=enrol, args=(p,)) for p in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(Enrolment.objects.values_list("status", flat=True)) == [ENROLLED, WAITLISTED]
