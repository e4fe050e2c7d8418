"""Reads of curricula: the list, a version's courses as people read them, its competency
map (which courses develop which competency, to which level, and what the framework leaves
uncovered), its endorsements and their tally, and the worklist's open versions."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from guild.competencies.models import Competency
from guild.core.bilingual import localize
from guild.learning.models import (
    CertificationProgramme,
    Course,
    CourseCompetency,
    Curriculum,
    CurriculumStatus,
    CurriculumVersion,
    Endorsement,
    EndorsementStance,
)
from guild.learning.selectors.catalogue import framework_competencies, level_names
from guild.members.access import approved_memberships
from guild.organizations.models import Community

CORE = "core"
ELECTIVE = "elective"
CAPSTONE = "capstone"
PLACES = (CORE, ELECTIVE, CAPSTONE)


def curricula_list(*, communities: Sequence[Community]) -> QuerySet[Curriculum]:
    """The curricula of `communities`, each with its versions (newest first)."""
    return (
        Curriculum.objects.filter(community__in=communities)
        .select_related("community", "programme")
        .prefetch_related(
            Prefetch("versions", queryset=CurriculumVersion.objects.order_by("-number"))
        )
        .order_by("community__code", "name_en", "pk")
    )


def curriculum_versions(curriculum: Curriculum) -> list[CurriculumVersion]:
    """Every version of the curriculum, newest first, with its tally."""
    return list(
        _tallied(CurriculumVersion.objects.filter(curriculum=curriculum))
        .select_related("approved_by")
        .order_by("-number")
    )


def latest_approved(curriculum: Curriculum) -> CurriculumVersion | None:
    return (
        CurriculumVersion.objects.filter(curriculum=curriculum, status=CurriculumStatus.APPROVED)
        .order_by("-number")
        .first()
    )


def in_progress(curriculum: Curriculum) -> CurriculumVersion | None:
    """The curriculum's draft or open version, if any (there is at most one)."""
    return (
        CurriculumVersion.objects.filter(
            curriculum=curriculum, status__in=[CurriculumStatus.DRAFT, CurriculumStatus.OPEN]
        )
        .order_by("-number")
        .first()
    )


@dataclass(frozen=True)
class CourseRef:
    code: str
    course: Course | None
    """None when the catalogue no longer has the code (an old version may name it)."""


@dataclass(frozen=True)
class GroupView:
    code: str
    name_en: str
    name_fr: str
    choose: int
    courses: list[CourseRef]

    @property
    def name(self) -> str:
        return localize(self, "name").text or self.code


@dataclass(frozen=True)
class Structure:
    core: list[CourseRef] = field(default_factory=list)
    groups: list[GroupView] = field(default_factory=list)
    capstone: CourseRef | None = None

    @property
    def courses(self) -> list[tuple[CourseRef, str, GroupView | None]]:
        """Every course with its place (core, elective, capstone) and its group."""
        found: list[tuple[CourseRef, str, GroupView | None]] = [
            (ref, CORE, None) for ref in self.core
        ]
        for group in self.groups:
            found.extend((ref, ELECTIVE, group) for ref in group.courses)
        if self.capstone is not None:
            found.append((self.capstone, CAPSTONE, None))
        return found


def community_courses(community: Community) -> dict[str, Course]:
    """The community's courses by code (the first by id when two providers share a code,
    as the certification rules read them)."""
    found: dict[str, Course] = {}
    for course in Course.objects.filter(provider__community=community).order_by("pk"):
        found.setdefault(course.code, course)
    return found


def structure_of(data: Any, courses: dict[str, Course]) -> Structure:
    """A stored structure (checked when saved) with its courses."""
    data = data if isinstance(data, dict) else {}

    def ref(code: Any) -> CourseRef:
        return CourseRef(str(code), courses.get(str(code)))

    groups = [
        GroupView(
            code=str(group.get("code", "")),
            name_en=str(group.get("name_en") or ""),
            name_fr=str(group.get("name_fr") or ""),
            choose=int(group.get("choose") or 0),
            courses=[ref(code) for code in group.get("courses") or []],
        )
        for group in data.get("electives") or []
        if isinstance(group, dict)
    ]
    capstone = data.get("capstone")
    return Structure(
        core=[ref(code) for code in data.get("required") or []],
        groups=groups,
        capstone=ref(capstone) if capstone else None,
    )


def version_structure(version: CurriculumVersion) -> Structure:
    return structure_of(version.structure, community_courses(version.curriculum.community))


@dataclass(frozen=True)
class MapEntry:
    course: Course
    place: str
    group: GroupView | None
    level: int


@dataclass(frozen=True)
class MapRow:
    competency: Competency
    entries: list[MapEntry]

    @property
    def highest(self) -> int:
        return max(entry.level for entry in self.entries)

    @property
    def by_place(self) -> list[list[MapEntry]]:
        """The entries of the core courses, the elective courses and the capstone."""
        return [[e for e in self.entries if e.place == place] for place in PLACES]


@dataclass(frozen=True)
class CompetencyMap:
    rows: list[MapRow]
    uncovered: list[Competency]
    level_names: dict[int, str]
    has_framework: bool


def competency_map(structure: Structure, community: Community) -> CompetencyMap:
    """For each competency of the community's current framework that the curriculum's
    courses develop: which courses, in which place, to which level (framework order); and
    the framework's competencies that none of them develops."""
    version, competencies = framework_competencies(community)
    if version is None:
        return CompetencyMap([], [], {}, False)
    placed = {
        ref.course.pk: (ref.course, place, group)
        for ref, place, group in structure.courses
        if ref.course is not None
    }
    by_competency: dict[int, list[MapEntry]] = {}
    for mapping in CourseCompetency.objects.filter(
        course_id__in=placed, competency__version=version
    ).order_by("-level", "course__title_en"):
        course, place, group = placed[mapping.course_id]
        by_competency.setdefault(mapping.competency_id, []).append(
            MapEntry(course, place, group, mapping.level)
        )
    rows = [MapRow(c, by_competency[c.pk]) for c in competencies if c.pk in by_competency]
    uncovered = [c for c in competencies if c.pk not in by_competency]
    return CompetencyMap(rows, uncovered, level_names(version), True)


@dataclass(frozen=True)
class Tally:
    endorsements: int
    comments: int
    departments: int


def _tallied(versions: QuerySet[CurriculumVersion]) -> QuerySet[CurriculumVersion]:
    return versions.annotate(
        endorse_count=Count(
            "endorsements", filter=Q(endorsements__stance=EndorsementStance.ENDORSE)
        ),
        comment_count=Count(
            "endorsements", filter=Q(endorsements__stance=EndorsementStance.COMMENT)
        ),
        department_count=Count(
            "endorsements__department", filter=Q(endorsements__department__isnull=False)
        ),
    )


def version_tally(version: CurriculumVersion) -> Tally:
    """Endorsements and comments on the version, and how many departments spoke."""
    row = _tallied(CurriculumVersion.objects.filter(pk=version.pk)).get()
    return Tally(
        row.endorse_count,  # type: ignore[attr-defined]
        row.comment_count,  # type: ignore[attr-defined]
        row.department_count,  # type: ignore[attr-defined]
    )


def version_endorsements(version: CurriculumVersion) -> QuerySet[Endorsement]:
    """The version's endorsements and comments, newest first, with who said them."""
    return (
        Endorsement.objects.filter(version=version)
        .select_related("member__department", "department")
        .order_by("-updated_at", "-pk")
    )


def my_endorsements(
    version: CurriculumVersion, member_id: int | None
) -> dict[int | None, Endorsement]:
    """The member's endorsements of the version by department (None: their own)."""
    if member_id is None:
        return {}
    return {
        e.department_id: e for e in Endorsement.objects.filter(version=version, member_id=member_id)
    }


def department_endorsements(
    version: CurriculumVersion, department_ids: Iterable[int]
) -> dict[int, Endorsement]:
    """What the departments said on the version (whoever said it for them)."""
    return {
        e.department_id: e
        for e in Endorsement.objects.filter(
            version=version, department_id__in=list(department_ids)
        ).select_related("member")
        if e.department_id is not None
    }


def versions_to_endorse(*, member_id: int | None) -> list[CurriculumVersion]:
    """The open versions of the member's communities they have neither endorsed nor
    commented on themself, oldest opened first."""
    if member_id is None:
        return []
    communities = approved_memberships().filter(member_id=member_id, member__is_active=True)
    spoken = Endorsement.objects.filter(
        version=OuterRef("pk"), member_id=member_id, department__isnull=True
    )
    return list(
        CurriculumVersion.objects.filter(
            status=CurriculumStatus.OPEN,
            curriculum__community_id__in=communities.values("community_id"),
        )
        .exclude(Exists(spoken))
        .select_related("curriculum")
        .order_by("opened_at", "pk")
    )


def open_versions(*, community_ids: Iterable[int]) -> list[CurriculumVersion]:
    """The open versions of the communities, with their tally (for those who manage them)."""
    return list(
        _tallied(
            CurriculumVersion.objects.filter(
                status=CurriculumStatus.OPEN, curriculum__community_id__in=list(community_ids)
            )
        )
        .select_related("curriculum")
        .order_by("opened_at", "pk")
    )


def linkable_programmes(*, communities: Sequence[Community]) -> list[CertificationProgramme]:
    """The certification programmes a new curriculum of these communities may set."""
    return list(
        CertificationProgramme.objects.filter(community__in=communities)
        .select_related("community")
        .order_by("community__code", "code")
    )
