"""My assessments and gaps, a report's gaps, and the supervisor's validations."""

from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.responses import Status, codes_4xx
from pydantic import ConfigDict

from guild.competencies.access import (
    access_member_competencies,
)
from guild.competencies.api.profiles import RoleProfileOut, profile_out
from guild.competencies.models import Assessment, Competency
from guild.competencies.selectors import (
    GapRow,
    assessment_history,
    member_gap_rows,
)
from guild.competencies.services import assessment_self, assessment_supervise
from guild.core.api_errors import ErrorOut
from guild.core.errors import NotFound
from guild.members.models import Member
from guild.members.selectors import member_for_user

router = Router()  # mounted by the competencies router, whose tag it takes


class AssessmentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    competency_id: int
    level: int
    evidence: str = Field("", max_length=5000)
    links: list[str] = Field(default_factory=list, max_length=10)


class ValidationIn(Schema):
    model_config = ConfigDict(extra="forbid")

    competency_id: int
    level: int
    comment: str = Field("", max_length=5000)


class AssessmentOut(Schema):
    id: int
    member_id: int
    competency_id: int
    competency_code: str
    kind: str
    level: int
    evidence: str
    links: list[str]
    comment: str
    author_id: int | None
    created_at: datetime


class MissingLevelOut(Schema):
    level: int
    name: str
    indicators: str


class GapOut(Schema):
    competency_id: int
    code: str
    name: str
    family: str
    target: int
    self_level: int | None
    supervisor_level: int | None
    validated: int | None
    gap: int | None
    missing: list[MissingLevelOut] | None
    evidence: str
    links: list[str]
    supervisor_comment: str


class GapsOut(Schema):
    member_id: int
    role_profile: RoleProfileOut | None
    gaps: list[GapOut]
    to_assess: list[str]


def _assessment_out(assessment: Assessment) -> AssessmentOut:
    return AssessmentOut.model_validate(
        {
            "id": assessment.pk,
            "member_id": assessment.member_id,
            "competency_id": assessment.competency_id,
            "competency_code": assessment.competency.code,
            "kind": assessment.kind,
            "level": assessment.level,
            "evidence": assessment.evidence,
            "links": list(assessment.links),
            "comment": assessment.comment,
            "author_id": assessment.author_id,
            "created_at": assessment.created_at,
        }
    )


def _gap_out(row: GapRow) -> GapOut:
    own = row.self_assessment
    supervisor = row.supervisor_assessment
    return GapOut.model_validate(
        {
            "competency_id": row.competency_id,
            "code": row.code,
            "name": row.name,
            "family": row.family,
            "target": row.target,
            "self_level": row.self_level,
            "supervisor_level": row.supervisor_level,
            "validated": row.validated,
            "gap": row.gap,
            "missing": None if row.missing is None else [vars(m) for m in row.missing],
            "evidence": own.evidence if own else "",
            "links": list(own.links) if own else [],
            "supervisor_comment": supervisor.comment if supervisor else "",
        }
    )


def _gaps_out(member: Member) -> GapsOut:
    gaps = member_gap_rows(member)
    return GapsOut.model_validate(
        {
            "member_id": member.pk,
            "role_profile": profile_out(gaps.profile) if gaps.profile else None,
            "gaps": [_gap_out(row) for row in gaps.rows],
            "to_assess": gaps.to_assess,
        }
    )


def _own_member(request: HttpRequest) -> Member:
    member = member_for_user(request.user)
    if member is None:
        raise NotFound()
    return member


def _competency(competency_id: int) -> Competency:
    return get_object_or_404(Competency.objects.select_related("version"), pk=competency_id)


@router.get(
    "/me/gaps", response={200: GapsOut, codes_4xx: ErrorOut}, operation_id="my_competency_gaps"
)
def my_gaps(request: HttpRequest) -> GapsOut:
    return _gaps_out(_own_member(request))


@router.get(
    "/me/assessments",
    response={200: list[AssessmentOut], codes_4xx: ErrorOut},
    operation_id="my_assessments",
    summary="My assessment history, newest first (self and supervisor)",
)
def my_assessments(request: HttpRequest) -> list[AssessmentOut]:
    return [_assessment_out(a) for a in assessment_history(_own_member(request))[:500]]


@router.post(
    "/me/assessments",
    response={201: AssessmentOut, codes_4xx: ErrorOut},
    operation_id="my_assessment_create",
)
def my_assessment_create(request: HttpRequest, payload: AssessmentIn) -> Status[AssessmentOut]:
    member = _own_member(request)
    assessment = assessment_self(
        actor=request.user,
        member=member,
        competency=_competency(payload.competency_id),
        level=payload.level,
        evidence=payload.evidence,
        links=payload.links,
    )
    return Status(201, _assessment_out(assessment))


@router.get(
    "/members/{member_id}/gaps",
    response={200: GapsOut, codes_4xx: ErrorOut},
    operation_id="member_competency_gaps",
    summary="A report's gaps (the member, their supervisors, platform administrators)",
)
def member_gaps(request: HttpRequest, member_id: int) -> GapsOut:
    return _gaps_out(access_member_competencies(request.user, member_id))


@router.post(
    "/members/{member_id}/validations",
    response={201: AssessmentOut, codes_4xx: ErrorOut},
    operation_id="member_assessment_validate",
    summary="The supervisor confirms or adjusts a report's level",
)
def member_validate(
    request: HttpRequest, member_id: int, payload: ValidationIn
) -> Status[AssessmentOut]:
    member = access_member_competencies(request.user, member_id)
    assessment = assessment_supervise(
        actor=request.user,
        member=member,
        competency=_competency(payload.competency_id),
        level=payload.level,
        comment=payload.comment,
    )
    return Status(201, _assessment_out(assessment))
