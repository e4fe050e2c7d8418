"""Set-up for the cohort tests: selected nominations, a launched cohort and its sessions,
built directly (the services under test write the rest)."""

import datetime
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from guild.members.models import Member
from guild.organizations.models import Department
from guild.programmes.models import (
    Consent,
    Endorsement,
    Intake,
    IntakeStage,
    Nomination,
    Outcome,
    Session,
    SessionKind,
)


def departments(count: int) -> list[Department]:
    return list(Department.objects.order_by("code")[:count])


def nominate(
    intake: Intake,
    member: Member,
    *,
    outcome: str = Outcome.SELECTED,
    rank: int | None = None,
) -> Nomination:
    return Nomination.objects.create(
        intake=intake,
        member=member,
        department=member.department,
        supervisor=member.supervisor,
        rationale="Leads the records team.",
        consent=Consent.GIVEN,
        endorsement=Endorsement.ENDORSED,
        outcome=outcome,
        waitlist_rank=rank,
    )


def selected(
    intake: Intake,
    make_member: Callable[..., Member],
    count: int,
    *,
    supervisor: Member | None = None,
    spread: int = 17,
) -> list[Nomination]:
    """`count` selected nominations from `spread` departments, in turn."""
    places = departments(spread)
    nominations = []
    for index in range(count):
        member = make_member(
            department=places[index % len(places)],
            given_name=f"Person{index:02d}",
            family_name=f"Cohort{index:02d}",
            supervisor=supervisor,
        )
        nominations.append(nominate(intake, member))
    intake.stage = IntakeStage.SELECTING
    intake.save(update_fields=["stage"])
    return nominations


def started(intake: Intake, *, days_ago: int = 90) -> Intake:
    """Move the intake's dates so that it started `days_ago` days ago."""
    today = timezone.localdate()
    intake.starts_on = today - datetime.timedelta(days=days_ago)
    intake.ends_on = today + datetime.timedelta(days=200)
    intake.save(update_fields=["starts_on", "ends_on"])
    return intake


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def session(intake: Intake, day: datetime.date, *, group: Any = None, **fields: Any) -> Session:
    kind = SessionKind.GROUP if group is not None else SessionKind.EVENT
    return Session.objects.create(
        intake=intake,
        kind=fields.pop("kind", kind),
        group=group,
        name_en=fields.pop("name_en", f"Event {day.isoformat()}"),
        name_fr=fields.pop("name_fr", f"Activité {day.isoformat()}"),
        starts_at=at(day),
        ends_at=at(day, 16),
        **fields,
    )


def other_intake(programme: Any) -> Intake:
    today = timezone.localdate()
    return Intake.objects.create(
        programme=programme,
        name_en="Other intake",
        name_fr="Autre cohorte",
        stage=IntakeStage.RUNNING,
        nominations_open_on=today - datetime.timedelta(days=100),
        nominations_close_on=today - datetime.timedelta(days=90),
        starts_on=today - datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=100),
        capacity=10,
    )
