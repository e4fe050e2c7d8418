"""Saving an intake with its criteria, balance rules and eligible levels; moving its stage."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from guild.core.errors import ApplicationError, NotFound
from guild.core.models import AuditEvent
from guild.organizations.models import OccupationalLevel
from guild.programmes.models import Intake, IntakeStage
from guild.programmes.services.intakes import (
    BalanceInput,
    CriterionInput,
    intake_save,
    intake_stage_set,
)

DAY = datetime.date(2030, 1, 10)


def _fields(**changes):
    fields = {
        "name_en": "Intake 2",
        "name_fr": "Cohorte 2",
        "nominations_open_on": DAY,
        "nominations_close_on": DAY + datetime.timedelta(days=30),
        "starts_on": DAY + datetime.timedelta(days=60),
        "ends_on": DAY + datetime.timedelta(days=300),
        "capacity": 23,
        "max_per_department": 2,
        "nominations_per_department": 3,
        "min_departments": 10,
        "attendance_alert_below": 75,
    }
    fields.update(changes)
    return fields


CRITERIA = [CriterionInput("Leadership", "Leadership", 3, 5)]


@pytest.mark.django_db
def test_an_administrator_saves_an_intake_with_its_rules(cast, programme) -> None:
    levels = list(OccupationalLevel.objects.filter(code__in=["EX-01", "EX-02"]))
    intake = intake_save(
        actor=cast["admin"].user,
        programme=programme,
        criteria=[*CRITERIA, CriterionInput("IM experience", "Expérience en GI", 2, 10)],
        balance_rules=[
            BalanceInput("language", "fr", 5, None),
            BalanceInput("region", "ncr", None, 60, True),
        ],
        eligible_levels=levels,
        **_fields(),
    )
    assert [(c.name_en, c.weight, c.max_score, c.order) for c in intake.criteria.all()] == [
        ("Leadership", 3, 5, 1),
        ("IM experience", 2, 10, 2),
    ]
    assert [
        (r.attribute, r.value, r.at_least, r.at_most, r.percent) for r in intake.balance_rules.all()
    ] == [
        ("language", "fr", 5, None, False),
        ("region", "ncr", None, 60, True),
    ]
    assert sorted(level.code for level in intake.eligible_levels.all()) == ["EX-01", "EX-02"]
    assert AuditEvent.objects.filter(action="programmes.intake_create").count() == 1
    intake_save(
        actor=cast["admin"].user,
        programme=programme,
        intake=intake,
        criteria=CRITERIA,
        balance_rules=[],
        eligible_levels=levels,
        **_fields(capacity=25),
    )
    intake.refresh_from_db()
    assert intake.capacity == 25 and intake.criteria.count() == 1
    assert not intake.balance_rules.exists()
    change = AuditEvent.objects.get(action="programmes.intake_update").changes
    assert change["capacity"] == [23, 25]


@pytest.mark.django_db
def test_every_error_at_once_and_nothing_saved(cast, programme) -> None:
    with pytest.raises(ValidationError) as caught:
        intake_save(
            actor=cast["admin"].user,
            programme=programme,
            criteria=[CriterionInput("", "Leadership", 0, 5)],
            balance_rules=[
                BalanceInput("language", "de", 5, 2),
                BalanceInput("region", "ncr", None, None),
                BalanceInput("level", "EX-01", 200, None, True),
            ],
            eligible_levels=[],
            **_fields(
                nominations_close_on=DAY - datetime.timedelta(days=1),
                max_per_department=40,
            ),
        )
    assert caught.value.message_dict == {
        "nominations_close_on": ["The nominations cannot close before they open."],
        "max_per_department": ["No more can be selected from one department than there are seats."],
        "criteria.0.name_en": ["Give the criterion's name in English."],
        "criteria.0.weight": ["The weight is a whole number from 1 to 100."],
        "balance.0.value": [
            "Give a region code (ncr), a language (en or fr) or a group and level (EX-01) "
            "that exists."
        ],
        "balance.0.at_most": ["At most cannot be less than at least."],
        "balance.1.at_least": ["Give at least, at most, or both."],
        "balance.2.at_least": ["A percentage is at most 100."],
    }
    assert not Intake.objects.exists()


@pytest.mark.django_db
def test_no_criterion_is_refused(cast, programme) -> None:
    with pytest.raises(ValidationError) as caught:
        intake_save(
            actor=cast["admin"].user,
            programme=programme,
            criteria=[],
            balance_rules=[],
            eligible_levels=[],
            **_fields(),
        )
    assert caught.value.message_dict == {"criteria": ["Give at least one selection criterion."]}


@pytest.mark.django_db
def test_only_administrators_save(cast, programme) -> None:
    for person in ("coordinator", "committee", "member"):
        with pytest.raises(NotFound):
            intake_save(
                actor=cast[person].user,
                programme=programme,
                criteria=CRITERIA,
                balance_rules=[],
                eligible_levels=[],
                **_fields(),
            )
    assert not Intake.objects.exists()


@pytest.mark.django_db
def test_the_stage_moves_one_step_at_a_time(cast, intake) -> None:
    assert intake.stage == IntakeStage.NOMINATING
    with pytest.raises(ApplicationError) as caught:
        intake_stage_set(actor=cast["admin"].user, intake=intake, stage="running")
    assert str(caught.value.message) == "An intake moves one stage at a time: Selection, Planned."
    with pytest.raises(NotFound):
        intake_stage_set(actor=cast["committee"].user, intake=intake, stage="selecting")
    intake_stage_set(actor=cast["admin"].user, intake=intake, stage="selecting")
    intake.refresh_from_db()
    assert intake.stage == IntakeStage.SELECTING
    assert AuditEvent.objects.get(action="programmes.intake_stage").changes == {
        "stage": ["nominating", "selecting"]
    }
