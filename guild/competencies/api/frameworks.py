"""Frameworks and versions: read, and export as CASE 1.0 or 1.1 JSON and CSV."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import codes_4xx

from guild.competencies.access import (
    access_framework,
    access_framework_version,
    can_manage_frameworks,
)
from guild.competencies.case import framework_to_case, framework_to_csv
from guild.competencies.case.terms import CASE_VERSIONS
from guild.competencies.models import FrameworkVersion
from guild.competencies.selectors import (
    framework_version_content,
    framework_versions,
    frameworks_list,
    version_competencies,
)
from guild.core.api_errors import ErrorOut
from guild.core.bilingual import localize
from guild.organizations.models import Community

router = Router()  # mounted by the competencies router, whose tag it takes


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


def _version_out(version: FrameworkVersion) -> VersionOut:
    return VersionOut.model_validate(
        {
            "id": version.pk,
            "number": version.number,
            "label": version.label,
            "status": version.status,
            "identifier": str(version.identifier),
            "title": localize(version, "title").text,
            "published_at": version.published_at,
        }
    )


@router.get(
    "/frameworks",
    response={200: list[FrameworkOut], codes_4xx: ErrorOut},
    operation_id="competency_frameworks",
)
def frameworks(request: HttpRequest, community: int | None = None) -> list[FrameworkOut]:
    """Frameworks with their versions; drafts only for those who manage them."""
    result: list[FrameworkOut] = []
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
                FrameworkOut(
                    id=framework.pk,
                    community_id=framework.community_id,
                    code=framework.code,
                    name=framework.name,
                    versions=versions,
                )
            )
    return result


@router.get(
    "/frameworks/{framework_id}",
    response={200: FrameworkOut, codes_4xx: ErrorOut},
    operation_id="competency_framework",
)
def framework_read(request: HttpRequest, framework_id: int) -> FrameworkOut:
    framework = access_framework(request.user, framework_id)
    drafts = can_manage_frameworks(request.user, framework.community_id)
    return FrameworkOut.model_validate(
        {
            "id": framework.pk,
            "community_id": framework.community_id,
            "code": framework.code,
            "name": framework.name,
            "versions": [
                _version_out(v)
                for v in framework_versions(framework=framework, include_drafts=drafts)
            ],
        }
    )


@router.get(
    "/versions/{version_id}",
    response={200: VersionDetailOut, codes_4xx: ErrorOut},
    operation_id="competency_framework_version",
)
def version_read(request: HttpRequest, version_id: int) -> VersionDetailOut:
    version = access_framework_version(request.user, version_id)
    return VersionDetailOut(
        **_version_out(version).model_dump(),
        framework_id=version.framework_id,
        levels=[
            LevelOut(level=level.level, name=level.name)
            for level in version.levels.order_by("level")
        ],
        competencies=[
            CompetencyOut(
                id=c.pk,
                identifier=str(c.identifier),
                code=c.code,
                name=c.name,
                description=localize(c, "description").text,
                family_code=c.family.code,
                family=c.family.name,
                indicators=[
                    IndicatorOut(level=i.level, indicators=localize(i, "indicators").text)
                    for i in sorted(c.indicators.all(), key=lambda i: i.level)
                ],
            )
            for c in version_competencies(version)
        ],
    )


class CaseQuery(Schema):
    case_version: str = Field(
        "1.0",
        description=(
            '"1.0" (the default): valid under the CASE 1.0 binding and the 1.1 schema. '
            '"1.1": valid under the 1.1 schema, with the fields only CASE 1.1 has.'
        ),
    )


@router.get(
    "/versions/{version_id}/case",
    response={200: dict[str, Any], codes_4xx: ErrorOut},
    operation_id="competency_framework_case",
    summary="The version as a 1EdTech CASE 1.0 or 1.1 CFPackage",
)
def version_case(request: HttpRequest, version_id: int, query: Query[CaseQuery]) -> dict[str, Any]:
    version = access_framework_version(request.user, version_id)
    if query.case_version not in CASE_VERSIONS:
        raise ValidationError({"case_version": [_("Choose CASE version 1.0 or 1.1.")]})
    return framework_to_case(
        framework_version_content(version),
        changed_at=version.published_at or version.created_at,
        case_version=query.case_version,
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
