"""Reads of competency data: frameworks rebuilt as plain data, role profiles, a member's
gaps, and the suppressed heat maps and learning needs, aggregated in the database.

Group figures are counted with one `GROUP BY` over the current-level table (ADR 9) and then
protected by `gaps.heat_map_from_tallies`; learning needs are ranked from the cells of the
same protected heat map, so a figure hidden on one page is hidden on every other.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from django.db.models import Case, Count, F, IntegerField, Max, QuerySet, Sum, Value, When
from django.db.models.functions import Greatest

from guild.competencies import framework as pure
from guild.competencies.gaps import (
    HeatCell,
    HeatMap,
    heat_map_from_tallies,
    member_gaps,
    missing_levels,
)
from guild.competencies.learning_needs import Need, rank_from_tallies
from guild.competencies.models import (
    Assessment,
    Competency,
    CompetencySettings,
    CurrentAssessment,
    Family,
    Framework,
    FrameworkVersion,
    LearningPriority,
    LevelIndicator,
    MemberRoleProfile,
    ProficiencyLevel,
    RoleProfile,
    RoleProfileTarget,
)
from guild.core.bilingual import localize
from guild.core.disclosure import COMPLEMENTARY, DEFAULT_THRESHOLD, SMALL, Suppressed
from guild.members.models import Member
from guild.organizations.models import Community, Department, Region, WorkStream

DEFAULT_REMINDER_DAYS = 365

# --- frameworks ---------------------------------------------------------------------------


def framework_version_content(version: FrameworkVersion) -> pure.Framework:
    """The version as the pure `Framework`, exactly as it was imported (four queries)."""
    families = list(Family.objects.filter(version=version).order_by("order"))
    competencies: dict[int, list[Competency]] = defaultdict(list)
    for competency in Competency.objects.filter(version=version).order_by("order"):
        competencies[competency.family_id].append(competency)
    indicators: dict[int, list[LevelIndicator]] = defaultdict(list)
    for indicator in LevelIndicator.objects.filter(competency__version=version).order_by(
        "competency_id", "level"
    ):
        indicators[indicator.competency_id].append(indicator)
    return pure.Framework(
        identifier=str(version.identifier),
        title_en=version.title_en,
        title_fr=version.title_fr,
        version=version.label,
        levels_scale=[
            pure.ScaleLevel(level=level.level, name_en=level.name_en, name_fr=level.name_fr)
            for level in ProficiencyLevel.objects.filter(version=version).order_by("level")
        ],
        families=[
            pure.Family(
                identifier=str(family.identifier),
                code=family.code,
                name_en=family.name_en,
                name_fr=family.name_fr,
                competencies=[
                    pure.Competency(
                        identifier=str(competency.identifier),
                        code=competency.code,
                        name_en=competency.name_en,
                        name_fr=competency.name_fr,
                        description_en=competency.description_en,
                        description_fr=competency.description_fr,
                        levels=[
                            pure.LevelDescriptor(
                                level=indicator.level,
                                indicators_en=indicator.indicators_en,
                                indicators_fr=indicator.indicators_fr,
                            )
                            for indicator in indicators[competency.pk]
                        ],
                        replaces=list(competency.replaces),
                    )
                    for competency in competencies[family.pk]
                ],
            )
            for family in families
        ],
    )


def frameworks_list(*, community: Community | None = None) -> QuerySet[Framework]:
    frameworks = Framework.objects.select_related("community").order_by("community__code", "code")
    if community is not None:
        frameworks = frameworks.filter(community=community)
    return frameworks


def framework_versions(
    *, framework: Framework, include_drafts: bool = False
) -> QuerySet[FrameworkVersion]:
    versions = framework.versions.order_by("-number")
    if not include_drafts:
        versions = versions.filter(status=FrameworkVersion.Status.PUBLISHED)
    return versions


def framework_current_version(framework: Framework) -> FrameworkVersion | None:
    """The latest published version."""
    return framework_versions(framework=framework).first()


def community_current_version(community: Community) -> FrameworkVersion | None:
    """The latest published version of the community's most recently published framework."""
    return (
        FrameworkVersion.objects.filter(
            framework__community=community, status=FrameworkVersion.Status.PUBLISHED
        )
        .order_by("-published_at", "-pk")
        .first()
    )


def version_competencies(version: FrameworkVersion) -> QuerySet[Competency]:
    return (
        Competency.objects.filter(version=version)
        .select_related("family")
        .prefetch_related("indicators")
        .order_by("family__order", "order")
    )


def competency_replaced(competency: Competency) -> list[Competency]:
    """The competencies of earlier versions of the same framework that this one replaces,
    in the order the version lists them (identifiers from outside Guild are left out)."""
    found = {
        str(c.identifier): c
        for c in Competency.objects.filter(
            version__framework_id=competency.version.framework_id,
            version__number__lt=competency.version.number,
            identifier__in=competency.replaces,
        ).order_by("-version__number")
    }
    return [found[identifier] for identifier in competency.replaces if identifier in found]


# --- role profiles ------------------------------------------------------------------------


def role_profiles_list(
    *, community: Community | None = None, department: Department | None = None
) -> QuerySet[RoleProfile]:
    """Role profiles; with `department`, the community-wide ones and that department's."""
    profiles = RoleProfile.objects.select_related(
        "community", "version__framework", "work_stream", "level", "department", "adapted_from"
    ).order_by("name_en", "pk")
    if community is not None:
        profiles = profiles.filter(community=community)
    if department is not None:
        profiles = profiles.filter(department__isnull=True) | profiles.filter(department=department)
    return profiles


def role_profile_targets(profile: RoleProfile) -> dict[str, int]:
    """Target level by competency code, in the framework's order."""
    return dict(
        RoleProfileTarget.objects.filter(profile=profile)
        .order_by("competency__family__order", "competency__order")
        .values_list("competency__code", "target")
    )


def member_role_profile(member: Member) -> RoleProfile | None:
    assignment = (
        MemberRoleProfile.objects.select_related(
            "profile__version__framework", "profile__work_stream", "profile__level"
        )
        .filter(member=member)
        .first()
    )
    return assignment.profile if assignment else None


# --- a member's gaps ----------------------------------------------------------------------


@dataclass(frozen=True)
class MissingLevel:
    level: int
    name: str
    indicators: str


@dataclass(frozen=True)
class GapRow:
    """One competency of a member's profile: self, supervisor and validated levels side by
    side, the target, the gap and the behavioural indicators of the levels still to reach
    (`missing` is None when the competency is not assessed)."""

    competency_id: int
    code: str
    name: str
    family: str
    target: int
    self_level: int | None
    supervisor_level: int | None
    validated: int | None
    gap: int | None
    missing: list[MissingLevel] | None
    self_assessment: Assessment | None
    supervisor_assessment: Assessment | None


@dataclass(frozen=True)
class MemberGaps:
    member: Member
    profile: RoleProfile | None
    rows: list[GapRow] = field(default_factory=list)

    @property
    def to_assess(self) -> list[str]:
        return [row.code for row in self.rows if row.validated is None]


def member_gap_rows(member: Member) -> MemberGaps:
    """The member's gaps against their role profile, in the framework's order (five
    queries whatever the number of competencies)."""
    profile = member_role_profile(member)
    if profile is None:
        return MemberGaps(member, None)
    targets = list(
        RoleProfileTarget.objects.filter(profile=profile)
        .select_related("competency__family")
        .order_by("competency__family__order", "competency__order")
    )
    competency_ids = [target.competency_id for target in targets]
    current = {
        row.competency_id: row
        for row in CurrentAssessment.objects.filter(
            member=member, competency_id__in=competency_ids
        ).select_related("self_assessment__author", "supervisor_assessment__author")
    }
    indicators = {
        (indicator.competency_id, indicator.level): indicator
        for indicator in LevelIndicator.objects.filter(competency_id__in=competency_ids)
    }
    level_names = {
        level.level: localize(level, "name").text
        for level in ProficiencyLevel.objects.filter(version_id=profile.version_id)
    }
    gaps = member_gaps(
        {target.competency.code: target.target for target in targets},
        {
            target.competency.code: (
                current[target.competency_id].self_level,
                current[target.competency_id].supervisor_level,
            )
            for target in targets
            if target.competency_id in current
        },
    )
    rows = []
    for target, gap in zip(targets, gaps, strict=True):
        competency = target.competency
        state = current.get(competency.pk)
        missing = missing_levels(gap)
        rows.append(
            GapRow(
                competency_id=competency.pk,
                code=competency.code,
                name=localize(competency, "name").text,
                family=localize(competency.family, "name").text,
                target=target.target,
                self_level=gap.self_level,
                supervisor_level=gap.supervisor_level,
                validated=gap.validated,
                gap=gap.gap,
                missing=None
                if missing is None
                else [
                    MissingLevel(
                        level,
                        level_names.get(level, str(level)),
                        localize(indicators[(competency.pk, level)], "indicators").text
                        if (competency.pk, level) in indicators
                        else "",
                    )
                    for level in missing
                ],
                self_assessment=state.self_assessment if state else None,
                supervisor_assessment=state.supervisor_assessment if state else None,
            )
        )
    return MemberGaps(member, profile, rows)


def assessment_history(
    member: Member, competency: Competency | None = None
) -> QuerySet[Assessment]:
    """Every assessment of the member (of one competency), newest first, with who and when."""
    history = Assessment.objects.filter(member=member).select_related("author", "competency")
    if competency is not None:
        history = history.filter(competency=competency)
    return history.order_by("-created_at", "-id")


def current_assessments(member: Member) -> QuerySet[CurrentAssessment]:
    return CurrentAssessment.objects.filter(member=member).select_related(
        "competency", "self_assessment", "supervisor_assessment"
    )


# --- settings and priorities --------------------------------------------------------------


def competency_settings(community: Community) -> CompetencySettings:
    """The community's settings, or the defaults (unsaved) when it has none."""
    found = CompetencySettings.objects.filter(community=community).first()
    return found or CompetencySettings(
        community=community,
        assessment_reminder_days=DEFAULT_REMINDER_DAYS,
        disclosure_threshold=DEFAULT_THRESHOLD,
    )


def learning_priorities(community: Community) -> dict[str, float]:
    return dict(
        LearningPriority.objects.filter(community=community)
        .order_by("competency_code")
        .values_list("competency_code", "weight")
    )


# --- heat maps ----------------------------------------------------------------------------

GroupBy = Literal["department", "region", "work_stream"]
GROUP_FIELDS: dict[str, str] = {
    "department": "member__department__code",
    "region": "member__region__code",
    "work_stream": "profile__work_stream__code",
}


@dataclass(frozen=True)
class HeatMapData:
    """A protected heat map with the labels to show it: group and competency names in the
    active language, keyed by the codes the map uses."""

    heat_map: HeatMap
    group_by: str
    threshold: int
    group_labels: dict[str, str]
    competency_labels: dict[str, str]


def _tallies(
    community: Community, group_by: str, department_id: int | None
) -> list[tuple[str, str, int, int, int]]:
    """(group, code, n, below, total_gap) for every group and competency with members:
    one aggregate over the current levels of members on their profile's targets, and one
    small one that puts groups and competencies with nobody assessed on the map."""
    group_field = GROUP_FIELDS[group_by]
    current_group = group_field.replace("profile__", "member__role_profile__profile__")
    assessed = CurrentAssessment.objects.filter(
        competency__targets__profile_id=F("member__role_profile__profile_id"),
        member__role_profile__profile__community=community,
        validated_level__isnull=False,
    )
    profiles = MemberRoleProfile.objects.filter(profile__community=community)
    if department_id is not None:
        assessed = assessed.filter(member__department_id=department_id)
        profiles = profiles.filter(member__department_id=department_id)
    rows = (
        assessed.values(group=F(current_group), code=F("competency__code"))
        .annotate(
            n=Count("pk"),
            below=Sum(
                Case(
                    When(validated_level__lt=F("competency__targets__target"), then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            ),
            total_gap=Sum(
                Greatest(F("competency__targets__target") - F("validated_level"), Value(0)),
                output_field=IntegerField(),
            ),
        )
        .order_by()
    )
    tallies = [
        (row["group"], row["code"], row["n"], row["below"], row["total_gap"]) for row in rows
    ]
    groups_by_profile: dict[int, set[str]] = defaultdict(set)
    for profile_id, group in profiles.values_list("profile_id", group_field).distinct().order_by():
        groups_by_profile[profile_id].add(group)
    for profile_id, code in RoleProfileTarget.objects.filter(
        profile_id__in=groups_by_profile
    ).values_list("profile_id", "competency__code"):
        tallies.extend((group, code, 0, 0, 0) for group in groups_by_profile[profile_id])
    return tallies


def _group_labels(group_by: str, codes: Iterable[str], community: Community) -> dict[str, str]:
    wanted = set(codes)
    if group_by == "department":
        return {d.code: d.name for d in Department.objects.filter(code__in=wanted)}
    if group_by == "region":
        return {r.code: r.name for r in Region.objects.filter(code__in=wanted)}
    return {s.code: s.name for s in WorkStream.objects.filter(community=community, code__in=wanted)}


def _competency_labels(community: Community, codes: Iterable[str]) -> dict[str, str]:
    version = community_current_version(community)
    names: dict[str, str] = {}
    if version is not None:
        names = {c.code: c.name for c in Competency.objects.filter(version=version, code__in=codes)}
    return {code: names.get(code, code) for code in codes}


def heat_map_data(
    *, community: Community, group_by: GroupBy = "department", department: Department | None = None
) -> HeatMapData:
    """Competencies by groups (departments, regions or work streams) with the share of
    members below target and the mean gap, small cells hidden.

    With `department`, only its members, grouped within it; its total column is then made
    to agree with the department's column of the community map by department (hidden there,
    every cell of that competency is hidden here too), so that a figure hidden in one view
    cannot be read from another.
    """
    threshold = competency_settings(community).disclosure_threshold
    department_id = department.pk if department is not None else None
    result = heat_map_from_tallies(_tallies(community, group_by, department_id), threshold)
    if department is not None:
        by_department = heat_map_from_tallies(_tallies(community, "department", None), threshold)
        result = _agree_with(result, by_department, department.code)
    return HeatMapData(
        heat_map=result,
        group_by=group_by,
        threshold=threshold,
        group_labels=_group_labels(group_by, result.groups, community),
        competency_labels=_competency_labels(community, result.competencies),
    )


def _agree_with(restricted: HeatMap, community_map: HeatMap, department_code: str) -> HeatMap:
    cells = dict(restricted.cells)
    totals = dict(restricted.community)
    for code in restricted.competencies:
        published = community_map.cells.get((department_code, code))
        if published is None:
            continue
        totals[code] = published
        if published.suppressed:
            for group in restricted.groups:
                cell = cells[(group, code)]
                if not cell.suppressed and cell.n != 0:
                    cells[(group, code)] = HeatCell(
                        COMPLEMENTARY, COMPLEMENTARY, COMPLEMENTARY, COMPLEMENTARY
                    )
    return HeatMap(restricted.groups, restricted.competencies, cells, totals)


# --- learning needs -----------------------------------------------------------------------


@dataclass(frozen=True)
class LearningNeeds:
    """Competencies ranked by learning need for the community or one department, from the
    published cells of the protected heat map by department; `hidden` lists the codes whose
    figures are suppressed (they are not ranked). `not_assessed` counts members with a
    target on the competency but no validated level, hidden when small."""

    needs: list[Need]
    hidden: list[str]
    not_assessed: dict[str, int | Suppressed]
    competency_labels: dict[str, str]
    threshold: int


def _total_gap(cell: HeatCell) -> int:
    assert isinstance(cell.n, int) and isinstance(cell.mean_gap, float)
    return round(cell.mean_gap * cell.n)


def _needs(
    column: dict[str, HeatCell],
    targeted: dict[str, int],
    priorities: dict[str, float],
    threshold: int,
    labels: dict[str, str],
) -> LearningNeeds:
    tallies = []
    hidden = []
    for code, cell in sorted(column.items()):
        if cell.suppressed:
            hidden.append(code)
            continue
        assert isinstance(cell.n, int) and isinstance(cell.below, int)
        total_gap = _total_gap(cell) if cell.n else 0
        tallies.append((code, total_gap, cell.below, cell.n, 0))
    needs = rank_from_tallies(tallies, priorities)
    not_assessed: dict[str, int | Suppressed] = {}
    for code, cell in column.items():
        if cell.suppressed or not isinstance(cell.n, int):
            continue
        missing = max(0, targeted.get(code, 0) - cell.n)
        not_assessed[code] = SMALL if 0 < missing < threshold else missing
    return LearningNeeds(needs, hidden, not_assessed, labels, threshold)


def _targeted(community: Community, department_id: int | None) -> dict[str, dict[str, int]]:
    """Members with a target on each competency, by department code."""
    per_profile: dict[int, dict[str, int]] = defaultdict(dict)
    assignments = MemberRoleProfile.objects.filter(profile__community=community)
    if department_id is not None:
        assignments = assignments.filter(member__department_id=department_id)
    for profile_id, department_code, count in (
        assignments.values_list("profile_id", "member__department__code")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        per_profile[profile_id][department_code] = count
    result: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for profile_id, code in RoleProfileTarget.objects.filter(
        profile_id__in=per_profile
    ).values_list("profile_id", "competency__code"):
        for department_code, count in per_profile[profile_id].items():
            result[department_code][code] += count
    return result


def learning_needs(*, community: Community, department: Department | None = None) -> LearningNeeds:
    """The community's (or one department's) competencies ranked by total gap weighted by
    headcount and the programme administrator's priorities."""
    threshold = competency_settings(community).disclosure_threshold
    by_department = heat_map_from_tallies(_tallies(community, "department", None), threshold)
    targeted = _targeted(community, department.pk if department else None)
    priorities = learning_priorities(community)
    labels = _competency_labels(community, by_department.competencies)
    if department is None:
        totals: dict[str, int] = defaultdict(int)
        for per_code in targeted.values():
            for code, count in per_code.items():
                totals[code] += count
        return _needs(by_department.community, totals, priorities, threshold, labels)
    column = {
        code: by_department.cells[(department.code, code)]
        for code in by_department.competencies
        if (department.code, code) in by_department.cells
    }
    return _needs(column, targeted.get(department.code, {}), priorities, threshold, labels)


def learning_needs_by_department(*, community: Community) -> dict[str, LearningNeeds]:
    """`learning_needs` of every department with members on a profile, by department code."""
    threshold = competency_settings(community).disclosure_threshold
    by_department = heat_map_from_tallies(_tallies(community, "department", None), threshold)
    targeted = _targeted(community, None)
    priorities = learning_priorities(community)
    labels = _competency_labels(community, by_department.competencies)
    return {
        group: _needs(
            {code: by_department.cells[(group, code)] for code in by_department.competencies},
            targeted.get(group, {}),
            priorities,
            threshold,
            labels,
        )
        for group in by_department.groups
    }


# --- reminders ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderDue:
    member_id: int
    basis: datetime


def reminders_due(*, now: datetime) -> list[ReminderDue]:
    """Members with a role profile whose latest self-assessment (or, never assessed, whose
    profile's assignment) is older than their community's reminder period."""
    days = {s.community_id: s.assessment_reminder_days for s in CompetencySettings.objects.all()}
    rows = (
        MemberRoleProfile.objects.filter(member__is_active=True)
        .annotate(last_self=Max("member__current_assessments__self_at"))
        .values_list("member_id", "profile__community_id", "last_self", "assigned_at")
        .order_by("member_id")
    )
    due = []
    for member_id, community_id, last_self, assigned_at in rows:
        basis = last_self or assigned_at
        period = days.get(community_id, DEFAULT_REMINDER_DAYS)
        if (now - basis).total_seconds() >= period * 86400:
            due.append(ReminderDue(member_id, basis))
    return due
