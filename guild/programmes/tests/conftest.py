"""Fixtures for the leadership programme tests: the IMLI programme in the IM community with
one intake whose call for nominations is open today."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from guild.organizations.models import Community
from guild.programmes.models import Criterion, Intake, IntakeStage, Nomination, Phase, Programme
from guild.programmes.tests.selection_setup import by_name, nominate_people


@pytest.fixture
def programme(im: Community) -> Programme:
    return Programme.objects.create(
        community=im,
        code="imli",
        name_en="IM Leadership Initiative",
        name_fr="Initiative de leadership en GI",
    )


@pytest.fixture
def intake(programme: Programme) -> Intake:
    today = timezone.localdate()
    phase = Phase.objects.create(
        programme=programme,
        number=1,
        name_en="First phase",
        name_fr="Première phase",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=365),
    )
    intake = Intake.objects.create(
        programme=programme,
        phase=phase,
        name_en="Intake 1",
        name_fr="Cohorte 1",
        stage=IntakeStage.NOMINATING,
        nominations_open_on=today - datetime.timedelta(days=10),
        nominations_close_on=today + datetime.timedelta(days=20),
        starts_on=today + datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=330),
        capacity=23,
        max_per_department=2,
        nominations_per_department=3,
        min_departments=1,
    )
    Criterion.objects.create(
        intake=intake, name_en="Leadership", name_fr="Leadership", weight=3, order=1
    )
    Criterion.objects.create(
        intake=intake, name_en="IM experience", name_fr="Expérience en GI", weight=2, order=2
    )
    return intake


@pytest.fixture
def people(intake: Intake, make_member: Any, cast: dict[str, Any]) -> dict[str, Nomination]:
    """The selection tests' six people (`PEOPLE`), nominated by the coordinator, for three seats."""
    intake.capacity = 3
    intake.save(update_fields=["capacity"])
    return by_name(nominate_people(intake, make_member, coordinator=cast["coordinator"].user))
