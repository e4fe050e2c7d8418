"""The cohort's writes: launch, late joiners, windows and moves between groups."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from guild.core.errors import ApplicationError, NotFound
from guild.core.models import AuditEvent
from guild.members.models import Member
from guild.programmes.models import (
    Intake,
    IntakeStage,
    LearningGroup,
    NominationEvent,
    NominationStep,
    Outcome,
    Participant,
)
from guild.programmes.services.cohort import (
    cohort_launch,
    group_add,
    participant_add,
    participant_move,
    participant_window,
)
from guild.programmes.tests.cohort_helpers import nominate, other_intake, selected

pytestmark = pytest.mark.django_db


def test_launch_makes_participants_and_mixed_groups(
    intake: Intake, cast: dict[str, Any], make_member: Callable[..., Member]
) -> None:
    nominations = selected(intake, make_member, 23)
    participants = cohort_launch(actor=cast["admin"].user, intake=intake)
    assert len(participants) == 23
    intake.refresh_from_db()
    assert intake.stage == IntakeStage.RUNNING
    groups = list(LearningGroup.objects.filter(intake=intake).order_by("number"))
    assert [(g.name_en, g.name_fr) for g in groups] == [
        ("Group 1", "Groupe 1"),
        ("Group 2", "Groupe 2"),
        ("Group 3", "Groupe 3"),
        ("Group 4", "Groupe 4"),
    ]
    assert [g.participants.count() for g in groups] == [6, 6, 6, 5]
    for group in groups:
        departments = [p.member.department_id for p in group.participants.all()]
        assert len(departments) == len(set(departments))
    rows = Participant.objects.filter(intake=intake)
    assert {p.joined_on for p in rows} == {intake.starts_on}
    assert {p.nomination_id for p in rows} == {n.pk for n in nominations}
    assert len({p.calendar_token for p in rows}) == 23
    event = AuditEvent.objects.get(action="programmes.cohort_launch")
    assert event.changes == {"participants": 23, "groups": 4}


def test_launch_twice_is_refused_and_changes_nothing(
    intake: Intake, cast: dict[str, Any], make_member: Callable[..., Member]
) -> None:
    selected(intake, make_member, 6)
    cohort_launch(actor=cast["admin"].user, intake=intake)
    with pytest.raises(ApplicationError) as refused:
        cohort_launch(actor=cast["admin"].user, intake=intake)
    assert refused.value.code == "already_launched"
    assert Participant.objects.filter(intake=intake).count() == 6
    assert LearningGroup.objects.filter(intake=intake).count() == 1


@pytest.mark.parametrize("who", ["member", "committee", "coordinator"])
def test_only_administrators_launch(
    intake: Intake, cast: dict[str, Any], make_member: Callable[..., Member], who: str
) -> None:
    selected(intake, make_member, 6)
    with pytest.raises(NotFound):
        cohort_launch(actor=cast[who].user, intake=intake)
    assert not Participant.objects.filter(intake=intake).exists()
    intake.refresh_from_db()
    assert intake.stage == IntakeStage.SELECTING


def test_launch_with_four_selected_says_why_and_saves_nothing(
    intake: Intake, cast: dict[str, Any], make_member: Callable[..., Member]
) -> None:
    selected(intake, make_member, 4)
    with pytest.raises(ApplicationError) as refused:
        cohort_launch(actor=cast["admin"].user, intake=intake)
    assert str(refused.value.message) == (
        "Action learning groups need at least 5 participants; the cohort has 4."
    )
    assert not Participant.objects.exists()
    assert not LearningGroup.objects.exists()
    intake.refresh_from_db()
    assert intake.stage == IntakeStage.SELECTING


@pytest.fixture
def launched(intake: Intake, cast: dict[str, Any], make_member: Callable[..., Member]) -> Intake:
    selected(intake, make_member, 12, spread=6)
    cohort_launch(actor=cast["admin"].user, intake=intake)
    intake.refresh_from_db()
    return intake


def test_a_late_joiner_from_the_waitlist(
    launched: Intake, cast: dict[str, Any], make_member: Callable[..., Member]
) -> None:
    late = make_member(department=cast["other"].department, given_name="Lou", family_name="Late")
    nomination = nominate(launched, late, outcome=Outcome.WAITLISTED, rank=1)
    day = launched.starts_on + datetime.timedelta(days=30)
    added = participant_add(
        actor=cast["admin"].user, intake=launched, nomination=nomination, joined_on=day
    )
    assert added.joined_on == day
    assert added.group is not None and added.group.participants.count() == 7
    nomination.refresh_from_db()
    assert (nomination.outcome, nomination.waitlist_rank) == (Outcome.SELECTED, None)
    assert NominationEvent.objects.filter(
        nomination=nomination, step=NominationStep.PROMOTED
    ).exists()
    with pytest.raises(Exception) as twice:
        participant_add(
            actor=cast["admin"].user, intake=launched, nomination=nomination, joined_on=day
        )
    assert "already in the cohort" in str(twice.value)


def test_a_late_joiner_with_bad_input_gets_every_error(
    launched: Intake, cast: dict[str, Any], make_member: Callable[..., Member]
) -> None:
    late = make_member(department=cast["other"].department)
    nomination = nominate(launched, late, outcome=Outcome.NOT_SELECTED)
    with pytest.raises(ValidationError) as refused:
        participant_add(
            actor=cast["admin"].user,
            intake=launched,
            nomination=nomination,
            joined_on=launched.starts_on - datetime.timedelta(days=1),
        )
    assert set(refused.value.message_dict) == {"joined_on", "nomination"}
    assert not Participant.objects.filter(member=late).exists()


def test_another_intakes_nomination_is_not_found(
    launched: Intake, programme: Any, cast: dict[str, Any]
) -> None:
    other = other_intake(programme)
    nomination = nominate(other, cast["member"])
    with pytest.raises(NotFound):
        participant_add(
            actor=cast["admin"].user,
            intake=launched,
            nomination=nomination,
            joined_on=launched.starts_on,
        )


def test_the_window(launched: Intake, cast: dict[str, Any]) -> None:
    person = Participant.objects.filter(intake=launched).first()
    assert person is not None
    start = launched.starts_on
    with pytest.raises(ValidationError) as refused:
        participant_window(
            actor=cast["admin"].user,
            participant=person,
            joined_on=start + datetime.timedelta(days=10),
            left_on=start + datetime.timedelta(days=5),
        )
    assert refused.value.message_dict == {"left_on": ["They cannot leave before they joined."]}
    with pytest.raises(ValidationError) as outside:
        participant_window(
            actor=cast["admin"].user,
            participant=person,
            joined_on=None,
            left_on=launched.ends_on + datetime.timedelta(days=1),
        )
    assert set(outside.value.message_dict) == {"joined_on", "left_on"}
    participant_window(
        actor=cast["admin"].user,
        participant=person,
        joined_on=start + datetime.timedelta(days=10),
        left_on=start + datetime.timedelta(days=50),
    )
    person.refresh_from_db()
    assert person.left_on == start + datetime.timedelta(days=50)
    event = AuditEvent.objects.get(action="programmes.participant_window")
    assert set(event.changes) == {"joined_on", "left_on"}
    with pytest.raises(NotFound):
        participant_window(
            actor=cast["member"].user, participant=person, joined_on=start, left_on=None
        )


def test_moves_keep_groups_between_five_and_seven(launched: Intake, cast: dict[str, Any]) -> None:
    admin = cast["admin"].user
    first, second = LearningGroup.objects.filter(intake=launched).order_by("number")
    assert (first.participants.count(), second.participants.count()) == (6, 6)
    people = list(first.participants.order_by("pk"))
    participant_move(actor=admin, participant=people[0], group=second)
    assert (first.participants.count(), second.participants.count()) == (5, 7)
    with pytest.raises(ApplicationError) as full:
        participant_move(actor=admin, participant=people[1], group=second)
    assert full.value.code == "group_full"
    assert str(full.value.message).startswith("Group 2 already has 7 people")
    third = group_add(actor=admin, intake=launched)
    assert (third.number, third.name_en, third.name_fr) == (3, "Group 3", "Groupe 3")
    with pytest.raises(ApplicationError) as small:
        participant_move(actor=admin, participant=people[1], group=third)
    assert small.value.code == "group_too_small"
    participant_move(actor=admin, participant=people[0], group=third)
    from_second = second.participants.order_by("pk").first()
    assert from_second is not None
    participant_move(actor=admin, participant=from_second, group=third)
    assert [g.participants.count() for g in (first, second, third)] == [5, 5, 2]
    last = second.participants.first()
    assert last is not None
    with pytest.raises(ApplicationError):
        participant_move(actor=admin, participant=last, group=third)
    assert AuditEvent.objects.filter(action="programmes.participant_move").count() == 3


def test_moves_across_intakes_or_by_others_are_not_found(
    launched: Intake, cast: dict[str, Any], programme: Any
) -> None:
    person = Participant.objects.filter(intake=launched).first()
    assert person is not None
    other = other_intake(programme)
    stranger = LearningGroup.objects.create(intake=other, number=1, name_en="G", name_fr="G")
    with pytest.raises(NotFound):
        participant_move(actor=cast["admin"].user, participant=person, group=stranger)
    mine = LearningGroup.objects.filter(intake=launched).exclude(id=person.group_id or 0).first()
    assert mine is not None
    with pytest.raises(NotFound):
        participant_move(actor=cast["member"].user, participant=person, group=mine)
    before = person.group_id
    person.refresh_from_db()
    assert person.group_id == before


def test_launch_waits_for_the_selection_stage(
    intake: Intake, cast: dict[str, Any], make_member: Callable[..., Member]
) -> None:
    selected(intake, make_member, 6)
    intake.stage = IntakeStage.NOMINATING
    intake.save()
    with pytest.raises(ApplicationError) as refused:
        cohort_launch(actor=cast["admin"].user, intake=intake)
    assert refused.value.code == "not_selected_yet"
    assert str(refused.value.message) == (
        "Launch the cohort after the selection: the intake is at the stage “Call for nominations”."
    )
    assert not Participant.objects.exists()
