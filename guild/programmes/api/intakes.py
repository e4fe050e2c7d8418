"""API: the intakes a person may see, with their window, seats, eligibility, quotas,
selection criteria with their weights and balance rules."""

import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import codes_4xx

from guild.core.api_errors import ErrorOut
from guild.programmes.access import access_intake
from guild.programmes.models import Intake
from guild.programmes.selectors.intakes import intake_detail, intakes_visible

router = Router(tags=["programmes"])


class CriterionOut(Schema):
    id: int
    name_en: str
    name_fr: str
    weight: int
    max_score: int


class BalanceRuleOut(Schema):
    attribute: str
    value: str
    at_least: int | None
    at_most: int | None
    percent: bool


class IntakeOut(Schema):
    id: int
    programme_id: int
    programme_code: str
    name_en: str
    name_fr: str
    stage: str
    nominations_open_on: datetime.date
    nominations_close_on: datetime.date
    nominations_open_now: bool
    starts_on: datetime.date
    ends_on: datetime.date
    capacity: int
    max_per_department: int | None
    nominations_per_department: int | None
    min_departments: int
    eligible_levels: list[str]
    criteria: list[CriterionOut]
    balance_rules: list[BalanceRuleOut]


def intake_out(intake: Intake) -> IntakeOut:
    return IntakeOut(
        id=intake.pk,
        programme_id=intake.programme_id,
        programme_code=intake.programme.code,
        name_en=intake.name_en,
        name_fr=intake.name_fr,
        stage=intake.stage,
        nominations_open_on=intake.nominations_open_on,
        nominations_close_on=intake.nominations_close_on,
        nominations_open_now=intake.window_is_open() and intake.stage == "nominating",
        starts_on=intake.starts_on,
        ends_on=intake.ends_on,
        capacity=intake.capacity,
        max_per_department=intake.max_per_department,
        nominations_per_department=intake.nominations_per_department,
        min_departments=intake.min_departments,
        eligible_levels=[level.code for level in intake.eligible_levels.all()],
        criteria=[
            CriterionOut(
                id=c.pk,
                name_en=c.name_en,
                name_fr=c.name_fr,
                weight=c.weight,
                max_score=c.max_score,
            )
            for c in intake.criteria.all()
        ],
        balance_rules=[
            BalanceRuleOut(
                attribute=r.attribute,
                value=r.value,
                at_least=r.at_least,
                at_most=r.at_most,
                percent=r.percent,
            )
            for r in intake.balance_rules.all()
        ],
    )


@router.get(
    "/intakes",
    response={200: list[IntakeOut], codes_4xx: ErrorOut},
    operation_id="programmes_intakes",
)
def intakes(request: HttpRequest, programme: int | None = None) -> list[IntakeOut]:
    """The intakes of the programmes I may read (members of the programme's community and
    its roles), newest first; `programme` keeps one programme's."""
    return [intake_out(i) for i in intakes_visible(request.user, programme_id=programme)]


@router.get(
    "/intakes/{intake_id}",
    response={200: IntakeOut, codes_4xx: ErrorOut},
    operation_id="programmes_intake",
)
def intake(request: HttpRequest, intake_id: int) -> IntakeOut:
    """One intake with its rules; 404 when missing or not mine to read."""
    return intake_out(intake_detail(access_intake(request.user, intake_id)))
