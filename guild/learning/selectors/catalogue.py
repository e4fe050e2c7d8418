"""Reads of the course catalogue, pre-joined, and the coverage report's data."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from guild.competencies.learning_needs import Need
from guild.competencies.models import Competency, FrameworkVersion, ProficiencyLevel
from guild.competencies.selectors import (
    community_current_version,
    learning_needs,
    version_competencies,
)
from guild.core.bilingual import localize
from guild.learning.course_file import Catalogue
from guild.learning.coverage import CompetencyLine, Coverage, coverage
from guild.learning.models import (
    Course,
    CourseCompetency,
    CourseFormat,
    CourseLanguages,
    Provider,
    ProviderKind,
)
from guild.organizations.models import Community


@dataclass(frozen=True)
class CourseFilters:
    provider: int | None = None
    format: str = ""
    languages: str = ""
    competency: str = ""  # a competency code
    text: str = ""
    include_inactive: bool = False


def providers_list(*, community: Community) -> QuerySet[Provider]:
    return (
        Provider.objects.filter(community=community)
        .annotate(course_count=Count("courses", filter=Q(courses__active=True)))
        .order_by("name_en", "pk")
    )


def _mappings() -> Prefetch:
    return Prefetch(
        "mappings",
        queryset=CourseCompetency.objects.select_related("competency__family").order_by(
            "competency__family__order", "competency__order"
        ),
    )


def courses_list(*, community: Community, filters: CourseFilters | None = None) -> QuerySet[Course]:
    """The community's courses with their provider and mappings, filtered; only active
    courses unless `include_inactive` (for those who manage the catalogue)."""
    filters = filters or CourseFilters()
    courses = Course.objects.filter(provider__community=community)
    if not filters.include_inactive:
        courses = courses.filter(active=True)
    if filters.provider:
        courses = courses.filter(provider_id=filters.provider)
    if filters.format:
        courses = courses.filter(format=filters.format)
    if filters.languages:
        # A course in both languages is offered in each of them.
        courses = courses.filter(languages__in=[filters.languages, CourseLanguages.BOTH])
    if filters.competency:
        courses = courses.filter(mappings__competency__code=filters.competency).distinct()
    if filters.text:
        words = Q()
        for field in ("title_en", "title_fr", "summary_en", "summary_fr", "code"):
            words |= Q(**{f"{field}__icontains": filters.text})
        courses = courses.filter(words)
    return (
        courses.select_related("provider").prefetch_related(_mappings()).order_by("title_en", "pk")
    )


def course_with_mappings(course: Course) -> Course:
    return (
        Course.objects.select_related("provider__community")
        .prefetch_related(_mappings())
        .get(pk=course.pk)
    )


def level_names(version: FrameworkVersion) -> dict[int, str]:
    return {
        level.level: localize(level, "name").text
        for level in ProficiencyLevel.objects.filter(version=version).order_by("level")
    }


def framework_competencies(
    community: Community,
) -> tuple[FrameworkVersion | None, list[Competency]]:
    """The community's current published framework version and its competencies."""
    version = community_current_version(community)
    if version is None:
        return None, []
    return version, list(version_competencies(version))


def scale_levels(version: FrameworkVersion | None) -> tuple[int, ...]:
    """The levels of the framework version's proficiency scale, lowest first."""
    if version is None:
        return ()
    return tuple(
        ProficiencyLevel.objects.filter(version=version)
        .order_by("level")
        .values_list("level", flat=True)
    )


def import_catalogue(community: Community) -> tuple[Catalogue, dict[str, Competency]]:
    """What an import file may name in the community, and its competencies by code."""
    version, competencies = framework_competencies(community)
    levels = scale_levels(version)
    catalogue = Catalogue(
        providers=frozenset(
            Provider.objects.filter(community=community).values_list("code", flat=True)
        ),
        competencies=frozenset(c.code for c in competencies),
        levels=levels,
        kinds=frozenset(ProviderKind.values),
        formats=frozenset(CourseFormat.values),
        languages=frozenset(CourseLanguages.values),
    )
    return catalogue, {c.code: c for c in competencies}


def catalogue_rows(*, community: Community, include_inactive: bool) -> list[dict[str, Any]]:
    """Every course as a row of the import layout (`course_file.COLUMNS`), for exports
    that import back unchanged."""
    rows = []
    for course in courses_list(
        community=community, filters=CourseFilters(include_inactive=include_inactive)
    ).order_by("provider__code", "code"):
        provider = course.provider
        rows.append(
            {
                "provider": provider.code,
                "provider_name_en": provider.name_en,
                "provider_name_fr": provider.name_fr,
                "provider_kind": provider.kind,
                "provider_url": provider.url,
                "course": course.code,
                "title_en": course.title_en,
                "title_fr": course.title_fr,
                "summary_en": course.summary_en,
                "summary_fr": course.summary_fr,
                "languages": course.languages,
                "format": course.format,
                "duration_hours": course.duration_hours,
                "cost": course.cost,
                "url": course.url,
                "active": "yes" if course.active else "no",
                "competencies": "; ".join(
                    f"{m.competency.code}:{m.level}" for m in course.mappings.all()
                ),
            }
        )
    return rows


@dataclass(frozen=True)
class CoverageReport:
    version: FrameworkVersion | None
    level_names: dict[int, str]
    coverage: Coverage
    threshold: int
    active_courses: int


def coverage_report(*, community: Community) -> CoverageReport:
    """The community's framework (competencies by levels) against its active courses, beside
    the community's published learning needs (suppressed figures stay hidden)."""
    version, competencies = framework_competencies(community)
    needs = learning_needs(community=community)
    if version is None:
        empty = coverage(competencies=[], levels=[], mappings=[], needs=[], hidden=[])
        return CoverageReport(None, {}, empty, needs.threshold, 0)
    active = Course.objects.filter(provider__community=community, active=True)
    mappings = CourseCompetency.objects.filter(
        course__in=active, competency__version__framework_id=version.framework_id
    ).values_list("competency__code", "level")
    names = level_names(version)
    lines = [
        CompetencyLine(c.code, localize(c, "name").text, localize(c.family, "name").text)
        for c in competencies
    ]
    shown: list[Need] = needs.needs
    return CoverageReport(
        version=version,
        level_names=names,
        coverage=coverage(
            competencies=lines,
            levels=list(names),
            mappings=list(mappings),
            needs=shown,
            hidden=needs.hidden,
        ),
        threshold=needs.threshold,
        active_courses=active.count(),
    )
