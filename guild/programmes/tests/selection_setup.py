"""Set-up for the scoring and selection tests: complete nominations built directly (the
nomination services have their own tests), scores through the scoring service."""

from collections.abc import Callable, Sequence
from typing import Any

from guild.members.models import Member
from guild.organizations.models import Department, OccupationalLevel, Region
from guild.programmes.models import (
    Consent,
    Criterion,
    Endorsement,
    Intake,
    IntakeStage,
    Nomination,
)
from guild.programmes.services.selection import score_save

# (given name, department, region, first official language, level)
PEOPLE = [
    ("Alice", "esdc", "ncr", "en", "EX-01"),
    ("Bruno", "esdc", "quebec", "fr", "EX-02"),
    ("Chloé", "esdc", "quebec", "fr", "EX-01"),
    ("Dev", "cra", "ncr", "en", "EX-01"),
    ("Élise", "cra", "atlantic", "fr", "EX-02"),
    ("Farid", "hc", "ontario", "en", "EX-02"),
]


def nominate_people(
    intake: Intake,
    make_member: Callable[..., Member],
    people: Sequence[tuple[str, str, str, str, str]] = PEOPLE,
    *,
    coordinator: Any = None,
) -> list[Nomination]:
    """Complete nominations (accepted, endorsed) of `people`, with the intake in selection."""
    intake.stage = IntakeStage.SELECTING
    intake.save(update_fields=["stage"])
    supervisor = make_member(given_name="Sue", family_name="Supervisor")
    found = []
    for given, department, region, language, level in people:
        dept = Department.objects.get(code=department)
        member = make_member(
            given_name=given,
            family_name="Nominee",
            department=dept,
            region=Region.objects.get(code=region),
            first_official_language=language,
            level=OccupationalLevel.objects.get(code=level),
            supervisor=supervisor,
        )
        found.append(
            Nomination.objects.create(
                intake=intake,
                member=member,
                department=dept,
                supervisor=supervisor,
                nominated_by=coordinator,
                rationale=f"{given} leads well.",
                consent=Consent.GIVEN,
                endorsement=Endorsement.ENDORSED,
                endorsed_by=supervisor,
            )
        )
    return found


def criteria(intake: Intake) -> list[Criterion]:
    return list(intake.criteria.order_by("order"))


def score(user: Any, nomination: Nomination, *values: int) -> None:
    """Score `nomination` as `user`, one value per criterion in order."""
    score_save(
        actor=user,
        nomination=nomination,
        scores={c.pk: v for c, v in zip(criteria(nomination.intake), values, strict=True)},
    )


# Leadership (weight 3) and IM experience (weight 2), each out of 5.
SCORES = {
    "Alice": (5, 5),
    "Bruno": (5, 4),
    "Chloé": (5, 3),
    "Dev": (4, 4),
    "Élise": (2, 2),
    "Farid": (1, 1),
}


def by_name(nominations: list[Nomination]) -> dict[str, Nomination]:
    return {n.member.given_name: n for n in nominations}


def score_everyone(user: Any, people: dict[str, Nomination]) -> None:
    for name, values in SCORES.items():
        score(user, people[name], *values)
