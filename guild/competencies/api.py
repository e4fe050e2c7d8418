"""Competencies JSON API: frameworks (CASE 1.0 and CSV export), role profiles, my
assessments and gaps, supervisors' validations, heat maps and learning needs.

Figures hidden by disclosure control are `{"suppressed": true}` wherever a number would be
(`published`), the same for both reasons so the reason itself leaks nothing."""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.responses import Status, codes_4xx
from pydantic import ConfigDict

from guild.competencies.access import (
    access_framework,
    access_framework_version,
    access_heat_map,
    access_member_competencies,
    access_role_profile,
    can_manage_frameworks,
)
from guild.competencies.case import framework_to_case, framework_to_csv
from guild.competencies.models import Competency, FrameworkVersion, RoleProfile
from guild.competencies.selectors import (
    GapRow,
    HeatMapData,
    LearningNeeds,
    assessment_history,
    framework_version_content,
    framework_versions,
    frameworks_list,
    heat_map_data,
    learning_needs,
    member_gap_rows,
    role_profile_targets,
    role_profiles_list,
    version_competencies,
)
from guild.competencies.services import assessment_self, assessment_supervise
from guild.core.api_errors import ErrorOut
from guild.core.bilingual import localize
from guild.core.disclosure import Suppressed
from guild.core.errors import NotFound
from guild.members.selectors import member_for_user
from guild.organizations.models import Community, Department

router = Router(tags=["competencies"])


class SuppressedOut(Schema):
    """A figure hidden because it would describe too few people."""

    suppressed: Literal[True] = True


def published(value: Any) -> Any:
    """The value, or the suppressed marker's JSON (`{"suppressed": true}`)."""
    return {"suppressed": True} if isinstance(value, Suppressed) else value


# --- frameworks ---------------------------------------------------------------------------


class VersionOut(Schema):
    id: int
    number: int
    label: str
    status: str
    identifier: str
    title: str
    published_at: datetime | None


class FrameworkOut(Schema):
    id: int
    community_id: int
    code: str
    name: str
    versions: list[VersionOut]


class LevelOut(Schema):
    level: int
    name: str


class IndicatorOut(Schema):
    level: int
    indicators: str


class CompetencyOut(Schema):
    id: int
    identifier: str
    code: str
    name: str
    description: str
    family_code: str
    family: str
    indicators: list[IndicatorOut]


class VersionDetailOut(VersionOut):
    framework_id: int
    levels: list[LevelOut]
    competencies: list[CompetencyOut]


def _version_out(version: FrameworkVersion) -> dict[str, Any]:
    return {
        "id": version.pk,
        "number": version.number,
        "label": version.label,
        "status": version.status,
        "identifier": str(version.identifier),
        "title": localize(version, "title").text,
        "published_at": version.published_at,
    }


@router.get(
    "/frameworks",
    response={200: list[FrameworkOut], codes_4xx: ErrorOut},
    operation_id="competency_frameworks",
)
def frameworks(request: HttpRequest, community: int | None = None) -> list[dict[str, Any]]:
    """Frameworks with their versions; drafts only for those who manage them."""
    result = []
    chosen = Community.objects.filter(pk=community).first() if community else None
    if community and chosen is None:
        return []
    for framework in frameworks_list(community=chosen).prefetch_related("versions"):
        drafts = can_manage_frameworks(request.user, framework.community_id)
        versions = [
            _version_out(v)
            for v in sorted(framework.versions.all(), key=lambda v: -v.number)
            if drafts or v.is_published
        ]
        if versions:
            result.append(
                {
                    "id": framework.pk,
                    "community_id": framework.community_id,
                    "code": framework.code,
                    "name": framework.name,
                    "versions": versions,
                }
            )
    return result


@router.get(
    "/frameworks/{framework_id}",
    response={200: FrameworkOut, codes_4xx: ErrorOut},
    operation_id="competency_framework",
)
def framework_read(request: HttpRequest, framework_id: int) -> dict[str, Any]:
    framework = access_framework(request.user, framework_id)
    drafts = can_manage_frameworks(request.user, framework.community_id)
    return {
        "id": framework.pk,
        "community_id": framework.community_id,
        "code": framework.code,
        "name": framework.name,
        "versions": [
            _version_out(v) for v in framework_versions(framework=framework, include_drafts=drafts)
        ],
    }


@router.get(
    "/versions/{version_id}",
    response={200: VersionDetailOut, codes_4xx: ErrorOut},
    operation_id="competency_framework_version",
)
def version_read(request: HttpRequest, version_id: int) -> dict[str, Any]:
    version = access_framework_version(request.user, version_id)
    return {
        **_version_out(version),
        "framework_id": version.framework_id,
        "levels": [
            {"level": level.level, "name": level.name} for level in version.levels.order_by("level")
        ],
        "competencies": [
            {
                "id": c.pk,
                "identifier": str(c.identifier),
                "code": c.code,
                "name": c.name,
                "description": localize(c, "description").text,
                "family_code": c.family.code,
                "family": c.family.name,
                "indicators": [
                    {"level": i.level, "indicators": localize(i, "indicators").text}
                    for i in sorted(c.indicators.all(), key=lambda i: i.level)
                ],
            }
            for c in version_competencies(version)
        ],
    }


@router.get(
    "/versions/{version_id}/case",
    response={200: dict[str, Any], codes_4xx: ErrorOut},
    operation_id="competency_framework_case",
    summary="The version as a 1EdTech CASE 1.0 CFPackage",
)
def version_case(request: HttpRequest, version_id: int) -> dict[str, Any]:
    version = access_framework_version(request.user, version_id)
    return framework_to_case(
        framework_version_content(version), changed_at=version.published_at or version.created_at
    )


@router.get(
    "/versions/{version_id}/csv",
    response={200: str, codes_4xx: ErrorOut},
    operation_id="competency_framework_csv",
    summary="The version as CSV, one row per competency and level",
)
def version_csv(request: HttpRequest, version_id: int) -> HttpResponse:
    version = access_framework_version(request.user, version_id)
    response = HttpResponse(
        framework_to_csv(framework_version_content(version)), content_type="text/csv"
    )
    name = f"{version.framework.code}-v{version.number}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- role profiles ------------------------------------------------------------------------


class RoleProfileOut(Schema):
    id: int
    community_id: int
    version_id: int
    name: str
    work_stream: str
    level: str = Field(description="Group and level, e.g. IS-04")
    department_id: int | None
    adapted_from_id: int | None


class TargetOut(Schema):
    code: str
    target: int


class RoleProfileDetailOut(RoleProfileOut):
    targets: list[TargetOut]


def _profile_out(profile: RoleProfile) -> dict[str, Any]:
    return {
        "id": profile.pk,
        "community_id": profile.community_id,
        "version_id": profile.version_id,
        "name": profile.name,
        "work_stream": profile.work_stream.code,
        "level": profile.level.code,
        "department_id": profile.department_id,
        "adapted_from_id": profile.adapted_from_id,
    }


@router.get(
    "/role-profiles",
    response={200: list[RoleProfileOut], codes_4xx: ErrorOut},
    operation_id="role_profiles",
)
def role_profiles(
    request: HttpRequest, community: int | None = None, department: int | None = None
) -> list[dict[str, Any]]:
    chosen = Community.objects.filter(pk=community).first() if community else None
    dept = Department.objects.filter(pk=department).first() if department else None
    if (community and chosen is None) or (department and dept is None):
        return []
    return [_profile_out(p) for p in role_profiles_list(community=chosen, department=dept)]


@router.get(
    "/role-profiles/{profile_id}",
    response={200: RoleProfileDetailOut, codes_4xx: ErrorOut},
    operation_id="role_profile",
)
def role_profile_read(request: HttpRequest, profile_id: int) -> dict[str, Any]:
    profile = access_role_profile(request.user, profile_id)
    targets = [{"code": c, "target": t} for c, t in role_profile_targets(profile).items()]
    return {**_profile_out(profile), "targets": targets}


# --- assessments and gaps -----------------------------------------------------------------


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


def _assessment_out(assessment: Any) -> dict[str, Any]:
    return {
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


def _gap_out(row: GapRow) -> dict[str, Any]:
    own = row.self_assessment
    supervisor = row.supervisor_assessment
    return {
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


def _gaps_out(member: Any) -> dict[str, Any]:
    gaps = member_gap_rows(member)
    return {
        "member_id": member.pk,
        "role_profile": _profile_out(gaps.profile) if gaps.profile else None,
        "gaps": [_gap_out(row) for row in gaps.rows],
        "to_assess": gaps.to_assess,
    }


def _own_member(request: HttpRequest) -> Any:
    member = member_for_user(request.user)
    if member is None:
        raise NotFound()
    return member


def _competency(competency_id: int) -> Competency:
    return get_object_or_404(Competency.objects.select_related("version"), pk=competency_id)


@router.get(
    "/me/gaps", response={200: GapsOut, codes_4xx: ErrorOut}, operation_id="my_competency_gaps"
)
def my_gaps(request: HttpRequest) -> dict[str, Any]:
    return _gaps_out(_own_member(request))


@router.get(
    "/me/assessments",
    response={200: list[AssessmentOut], codes_4xx: ErrorOut},
    operation_id="my_assessments",
    summary="My assessment history, newest first (self and supervisor)",
)
def my_assessments(request: HttpRequest) -> list[dict[str, Any]]:
    return [_assessment_out(a) for a in assessment_history(_own_member(request))[:500]]


@router.post(
    "/me/assessments",
    response={201: AssessmentOut, codes_4xx: ErrorOut},
    operation_id="my_assessment_create",
)
def my_assessment_create(request: HttpRequest, payload: AssessmentIn) -> Status[Any]:
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
def member_gaps(request: HttpRequest, member_id: int) -> dict[str, Any]:
    return _gaps_out(access_member_competencies(request.user, member_id))


@router.post(
    "/members/{member_id}/validations",
    response={201: AssessmentOut, codes_4xx: ErrorOut},
    operation_id="member_assessment_validate",
    summary="The supervisor confirms or adjusts a report's level",
)
def member_validate(request: HttpRequest, member_id: int, payload: ValidationIn) -> Status[Any]:
    member = access_member_competencies(request.user, member_id)
    assessment = assessment_supervise(
        actor=request.user,
        member=member,
        competency=_competency(payload.competency_id),
        level=payload.level,
        comment=payload.comment,
    )
    return Status(201, _assessment_out(assessment))


# --- heat maps and learning needs ---------------------------------------------------------

Figure = float | SuppressedOut | None
Count = int | SuppressedOut


class HeatCellOut(Schema):
    group: str
    competency: str
    n: Count
    below: Count
    share_below: Figure
    mean_gap: Figure


class HeatMapOut(Schema):
    group_by: str
    threshold: int
    groups: dict[str, str] = Field(description="Group code to name")
    competencies: dict[str, str] = Field(description="Competency code to name")
    cells: list[HeatCellOut]
    total: list[HeatCellOut] = Field(description="Every group together (group is empty)")


class HeatMapQuery(Schema):
    community: int
    group_by: Literal["department", "region", "work_stream"] = "department"
    department: int | None = None


def _scope(user: Any, community_id: int, department_id: int | None) -> tuple[Any, Any]:
    community = Community.objects.filter(pk=community_id).first()
    if community is None:
        raise NotFound()
    access_heat_map(user, community.pk, department_id)
    department = None
    if department_id is not None:
        department = Department.objects.filter(pk=department_id).first()
        if department is None:
            raise NotFound()
    return community, department


def _cell_out(group: str, code: str, cell: Any) -> dict[str, Any]:
    return {
        "group": group,
        "competency": code,
        "n": published(cell.n),
        "below": published(cell.below),
        "share_below": published(cell.share_below),
        "mean_gap": published(cell.mean_gap),
    }


def heat_map_out(data: HeatMapData) -> dict[str, Any]:
    result = data.heat_map
    return {
        "group_by": data.group_by,
        "threshold": data.threshold,
        "groups": {g: data.group_labels.get(g, g) for g in result.groups},
        "competencies": data.competency_labels,
        "cells": [
            _cell_out(group, code, result.cells[(group, code)])
            for group in result.groups
            for code in result.competencies
        ],
        "total": [_cell_out("", code, result.community[code]) for code in result.competencies],
    }


@router.get(
    "/heat-map", response={200: HeatMapOut, codes_4xx: ErrorOut}, operation_id="competency_heat_map"
)
def heat_map(request: HttpRequest, query: Query[HeatMapQuery]) -> dict[str, Any]:
    """Competencies by groups: members assessed, how many below target, the share below
    and the mean gap. Department coordinators ask for their department (`department`)."""
    community, department = _scope(request.user, query.community, query.department)
    return heat_map_out(
        heat_map_data(community=community, group_by=query.group_by, department=department)
    )


class NeedOut(Schema):
    rank: int
    code: str
    name: str
    score: float
    priority: float
    total_gap: int
    below: int
    assessed: int
    mean_gap: float | None
    not_assessed: Count


class LearningNeedsOut(Schema):
    threshold: int
    needs: list[NeedOut]
    hidden: list[str] = Field(description="Competencies whose figures are suppressed")


class NeedsQuery(Schema):
    community: int
    department: int | None = None


def learning_needs_out(result: LearningNeeds) -> dict[str, Any]:
    return {
        "threshold": result.threshold,
        "needs": [
            {
                "rank": need.rank,
                "code": need.code,
                "name": result.competency_labels.get(need.code, need.code),
                "score": need.score,
                "priority": need.priority,
                "total_gap": need.total_gap,
                "below": need.below,
                "assessed": need.assessed,
                "mean_gap": need.mean_gap,
                "not_assessed": published(result.not_assessed.get(need.code, 0)),
            }
            for need in result.needs
        ],
        "hidden": result.hidden,
    }


@router.get(
    "/learning-needs",
    response={200: LearningNeedsOut, codes_4xx: ErrorOut},
    operation_id="competency_learning_needs",
)
def needs(request: HttpRequest, query: Query[NeedsQuery]) -> dict[str, Any]:
    """Competencies ranked by total gap weighted by headcount and priority, for the
    community or one department."""
    community, department = _scope(request.user, query.community, query.department)
    return learning_needs_out(learning_needs(community=community, department=department))
