"""Heat maps of competencies by groups, counted with one `GROUP BY` over the
current-level table and protected by `gaps.heat_map_from_tallies`."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from django.db.models import Case, Count, F, IntegerField, Sum, Value, When
from django.db.models.functions import Greatest

from guild.competencies.gaps import (
    HeatCell,
    HeatMap,
    heat_map_from_tallies,
)
from guild.competencies.models import (
    Competency,
    CurrentAssessment,
    MemberRoleProfile,
    RoleProfile,
    RoleProfileTarget,
)
from guild.competencies.selectors.community_settings import competency_settings
from guild.competencies.selectors.frameworks import community_current_version
from guild.core.bilingual import localize
from guild.core.disclosure import COMPLEMENTARY
from guild.organizations.models import Community, Department, Region, WorkStream

GroupBy = Literal["department", "region", "work_stream", "role_profile", "level"]
GROUP_FIELDS: dict[str, str] = {
    "department": "member__department__code",
    "region": "member__region__code",
    "work_stream": "profile__work_stream__code",
    "role_profile": "profile_id",
    "level": "profile__level__code",
}
"""What each grouping groups by, from a member's role profile assignment."""


def _assessment_group_field(group_by: str) -> str:
    field = GROUP_FIELDS[group_by]
    return field if field.startswith("member__") else f"member__role_profile__{field}"


@dataclass(frozen=True)
class HeatMapData:
    """A protected heat map with the labels to show it: group and competency names in the
    active language, keyed by the codes the map uses."""

    heat_map: HeatMap
    group_by: str
    threshold: int
    group_labels: dict[str, str]
    competency_labels: dict[str, str]


def heat_map_tallies(
    community: Community, group_by: str, department_id: int | None
) -> list[tuple[str, str, int, int, int]]:
    """(group, code, n, below, total_gap) for every group and competency with members:
    one aggregate over the current levels of members on their profile's targets, and one
    small one that puts groups and competencies with nobody assessed on the map."""
    group_field = GROUP_FIELDS[group_by]
    current_group = _assessment_group_field(group_by)
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
    # Role profiles group by their key, a number: every group is text on the map.
    tallies = [
        (str(row["group"]), row["code"], row["n"], row["below"], row["total_gap"]) for row in rows
    ]
    groups_by_profile: dict[int, set[str]] = defaultdict(set)
    for profile_id, group in profiles.values_list("profile_id", group_field).distinct().order_by():
        groups_by_profile[profile_id].add(str(group))
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
    if group_by == "role_profile":
        keys = [int(key) for key in wanted if key.isdigit()]
        profiles = RoleProfile.objects.filter(community=community, pk__in=keys)
        return {str(p.pk): localize(p, "name").text for p in profiles}
    if group_by == "level":
        return {code: code for code in wanted}
    return {s.code: s.name for s in WorkStream.objects.filter(community=community, code__in=wanted)}


def competency_labels(community: Community, codes: Iterable[str]) -> dict[str, str]:
    version = community_current_version(community)
    names: dict[str, str] = {}
    if version is not None:
        names = {c.code: c.name for c in Competency.objects.filter(version=version, code__in=codes)}
    return {code: names.get(code, code) for code in codes}


def heat_map_data(
    *, community: Community, group_by: GroupBy = "department", department: Department | None = None
) -> HeatMapData:
    """Competencies by groups (departments, regions, work streams, role profiles or
    occupational group-levels) with the share of members below target and the mean gap,
    small cells hidden.

    With `department`, only its members, grouped within it; its total column is then made
    to agree with the department's column of the community map by department (hidden there,
    every cell of that competency is hidden here too), so that a figure hidden in one view
    cannot be read from another.
    """
    threshold = competency_settings(community).disclosure_threshold
    department_id = department.pk if department is not None else None
    result = heat_map_from_tallies(heat_map_tallies(community, group_by, department_id), threshold)
    if group_by == "level":
        by_profile = heat_map_from_tallies(
            heat_map_tallies(community, "role_profile", department_id), threshold
        )
        result = _nested_agree_with(result, by_profile, _profile_levels(community))
    if department is not None:
        by_department = heat_map_from_tallies(
            heat_map_tallies(community, "department", None), threshold
        )
        result = _agree_with(result, by_department, department.code)
    return HeatMapData(
        heat_map=result,
        group_by=group_by,
        threshold=threshold,
        group_labels=_group_labels(group_by, result.groups, community),
        competency_labels=competency_labels(community, result.competencies),
    )


def _profile_levels(community: Community) -> dict[str, str]:
    """The group-level of each role profile, keyed as the map by role profile keys them."""
    return {
        str(pk): code
        for pk, code in RoleProfile.objects.filter(community=community).values_list(
            "pk", "level__code"
        )
    }


def _nested_agree_with(coarse: HeatMap, fine: HeatMap, parent_of: dict[str, str]) -> HeatMap:
    """`coarse` with every cell hidden whose fine groups (each role profile of a group-level)
    include a hidden one: a coarse figure minus the published fine ones would otherwise
    give the hidden one away. The hidden coarse cells add up to no more than the hidden fine
    ones do, which the fine map already protects."""
    cells = dict(coarse.cells)
    for (group, code), cell in fine.cells.items():
        parent = parent_of.get(group)
        if parent is None or not cell.suppressed or (parent, code) not in cells:
            continue
        if not cells[(parent, code)].suppressed:
            cells[(parent, code)] = HeatCell(
                COMPLEMENTARY, COMPLEMENTARY, COMPLEMENTARY, COMPLEMENTARY
            )
    return HeatMap(coarse.groups, coarse.competencies, cells, coarse.community)


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
