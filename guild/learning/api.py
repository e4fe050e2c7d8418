"""Learning JSON API: the course catalogue (providers, courses with the competencies they
develop and to which level), read-only. Courses no longer offered only for those who
manage the community's catalogue."""

from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import codes_4xx

from guild.core.api_errors import ErrorOut
from guild.core.bilingual import localize
from guild.core.errors import NotFound
from guild.learning.access import access_course, can_manage_catalogue
from guild.learning.models import Course, Provider
from guild.learning.selectors import (
    CourseFilters,
    course_with_mappings,
    courses_list,
    providers_list,
)
from guild.organizations.models import Community

router = Router(tags=["learning"])


class ProviderOut(Schema):
    id: int
    community_id: int
    code: str
    name: str
    name_en: str
    name_fr: str
    kind: str
    url: str


class CourseCompetencyOut(Schema):
    code: str
    name: str
    level: int
    framework_version_id: int


class CourseOut(Schema):
    id: int
    provider: ProviderOut
    code: str
    title: str
    title_en: str
    title_fr: str
    summary_en: str
    summary_fr: str
    languages: str
    format: str
    duration_hours: Decimal | None
    cost: Decimal | None
    url: str
    active: bool
    competencies: list[CourseCompetencyOut]


def _community(community: int) -> Community:
    found = Community.objects.active().filter(pk=community).first()
    if found is None:
        raise NotFound()
    return found


def _provider_out(provider: Provider) -> ProviderOut:
    return ProviderOut(
        id=provider.pk,
        community_id=provider.community_id,
        code=provider.code,
        name=provider.name,
        name_en=provider.name_en,
        name_fr=provider.name_fr,
        kind=provider.kind,
        url=provider.url,
    )


def _course_out(course: Course) -> CourseOut:
    return CourseOut(
        id=course.pk,
        provider=_provider_out(course.provider),
        code=course.code,
        title=course.title,
        title_en=course.title_en,
        title_fr=course.title_fr,
        summary_en=course.summary_en,
        summary_fr=course.summary_fr,
        languages=course.languages,
        format=course.format,
        duration_hours=course.duration_hours,
        cost=course.cost,
        url=course.url,
        active=course.active,
        competencies=[
            CourseCompetencyOut(
                code=m.competency.code,
                name=localize(m.competency, "name").text,
                level=m.level,
                framework_version_id=m.competency.version_id,
            )
            for m in course.mappings.all()
        ],
    )


@router.get(
    "/providers",
    response={200: list[ProviderOut], codes_4xx: ErrorOut},
    operation_id="learning_providers",
)
def providers(request: HttpRequest, community: int) -> list[ProviderOut]:
    """The community's learning providers, by name."""
    return [_provider_out(p) for p in providers_list(community=_community(community))]


@router.get(
    "/courses",
    response={200: list[CourseOut], codes_4xx: ErrorOut},
    operation_id="learning_courses",
)
def courses(
    request: HttpRequest,
    community: int,
    provider: int | None = None,
    competency: str = "",
    format: str = "",
    languages: str = "",
    include_inactive: bool = False,
) -> list[CourseOut]:
    """The community's courses on offer, with the competencies each develops and to which
    level; filtered by provider, competency code, format and language. `include_inactive`
    adds courses no longer offered, for those who manage the catalogue."""
    chosen = _community(community)
    filters = CourseFilters(
        provider=provider,
        competency=competency.upper(),
        format=format,
        languages=languages,
        include_inactive=include_inactive and can_manage_catalogue(request.user, chosen.pk),
    )
    return [_course_out(c) for c in courses_list(community=chosen, filters=filters)]


@router.get(
    "/courses/{course_id}",
    response={200: CourseOut, codes_4xx: ErrorOut},
    operation_id="learning_course",
)
def course(request: HttpRequest, course_id: int) -> CourseOut:
    return _course_out(course_with_mappings(access_course(request.user, course_id)))
