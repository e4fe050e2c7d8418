"""API: my nominations (as nominee, supervisor and nominator), nominating a member, and
the nominee's, supervisor's and withdrawer's steps. Refusals are 400 with every problem
in `fields`; what is missing or not mine is 404."""

import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status, codes_4xx

from guild.core.api_errors import ErrorOut
from guild.core.errors import NotFound
from guild.members.models import Member
from guild.programmes.access import access_intake, access_nomination
from guild.programmes.models import Nomination
from guild.programmes.selectors.nominations import my_nominations
from guild.programmes.services import nominations as service

router = Router(tags=["programmes"])


class NominationOut(Schema):
    id: int
    intake_id: int
    member_id: int
    member_name: str
    department_code: str
    supervisor_id: int | None
    rationale: str
    historical: bool
    consent: str = Field(description="pending, given or declined (the nominee's answer)")
    endorsement: str = Field(description="pending, endorsed or refused (the supervisor's)")
    outcome: str = Field(description="pending, selected, waitlisted or not-selected")
    withdrawn_at: datetime.datetime | None
    created_at: datetime.datetime


class MyNominationsOut(Schema):
    as_nominee: list[NominationOut]
    as_supervisor: list[NominationOut]
    as_nominator: list[NominationOut]


class NominateIn(Schema):
    member_id: int
    rationale: str = Field(max_length=4000)
    historical: bool = Field(
        False, description="Administrators: load history of an intake whose call has closed."
    )


class ConsentIn(Schema):
    accept: bool


class EndorseIn(Schema):
    endorse: bool
    note: str = Field("", max_length=2000)


class WithdrawIn(Schema):
    reason: str = Field(max_length=2000)


def nomination_out(nomination: Nomination) -> NominationOut:
    return NominationOut(
        id=nomination.pk,
        intake_id=nomination.intake_id,
        member_id=nomination.member_id,
        member_name=nomination.member.full_name,
        department_code=nomination.department.code,
        supervisor_id=nomination.supervisor_id,
        rationale=nomination.rationale,
        historical=nomination.historical,
        consent=nomination.consent,
        endorsement=nomination.endorsement,
        outcome=nomination.outcome,
        withdrawn_at=nomination.withdrawn_at,
        created_at=nomination.created_at,
    )


@router.get(
    "/nominations/mine",
    response={200: MyNominationsOut, codes_4xx: ErrorOut},
    operation_id="programmes_my_nominations",
)
def nominations_mine(request: HttpRequest) -> MyNominationsOut:
    """The nominations naming me as nominee or supervisor, and those I made."""
    mine = my_nominations(request.user)
    return MyNominationsOut(
        as_nominee=[nomination_out(n) for n in mine.as_nominee],
        as_supervisor=[nomination_out(n) for n in mine.as_supervisor],
        as_nominator=[nomination_out(n) for n in mine.as_nominator],
    )


@router.post(
    "/intakes/{intake_id}/nominations",
    response={201: NominationOut, codes_4xx: ErrorOut},
    operation_id="programmes_nominate",
)
def nominate(request: HttpRequest, intake_id: int, payload: NominateIn) -> Status[NominationOut]:
    """Nominate a member of a department I coordinate. 400 with every problem (ineligible,
    outside the window, over the department's quota, already nominated, not my department,
    no supervisor); 404 for an intake or member I cannot see."""
    intake = access_intake(request.user, intake_id)
    member = Member.objects.filter(
        pk=payload.member_id, communities=intake.programme.community_id
    ).first()
    if member is None:
        raise NotFound()
    nomination = service.nominate(
        actor=request.user,
        intake=intake,
        member=member,
        rationale=payload.rationale,
        historical=payload.historical,
    )
    return Status(201, nomination_out(nomination))


@router.post(
    "/nominations/{nomination_id}/consent",
    response={200: NominationOut, codes_4xx: ErrorOut},
    operation_id="programmes_nomination_consent",
)
def consent(request: HttpRequest, nomination_id: int, payload: ConsentIn) -> NominationOut:
    """The nominee accepts or declines, once; 404 for anyone else."""
    found = access_nomination(request.user, nomination_id)
    return nomination_out(
        service.consent(actor=request.user, nomination=found, accept=payload.accept)
    )


@router.post(
    "/nominations/{nomination_id}/endorse",
    response={200: NominationOut, codes_4xx: ErrorOut},
    operation_id="programmes_nomination_endorse",
)
def endorse(request: HttpRequest, nomination_id: int, payload: EndorseIn) -> NominationOut:
    """The supervisor the nomination names endorses it or not, once; 404 for anyone else."""
    found = access_nomination(request.user, nomination_id)
    done = service.endorse(
        actor=request.user, nomination=found, endorse=payload.endorse, note=payload.note
    )
    return nomination_out(done)


@router.post(
    "/nominations/{nomination_id}/withdraw",
    response={200: NominationOut, codes_4xx: ErrorOut},
    operation_id="programmes_nomination_withdraw",
)
def withdraw(request: HttpRequest, nomination_id: int, payload: WithdrawIn) -> NominationOut:
    """The nominator, the department's coordinators or an administrator withdraw it."""
    found = access_nomination(request.user, nomination_id)
    return nomination_out(
        service.withdraw(actor=request.user, nomination=found, reason=payload.reason)
    )
