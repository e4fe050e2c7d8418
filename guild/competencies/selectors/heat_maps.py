"""Heat maps of competencies by groups, counted with one `GROUP BY` over the current-level
table and protected together by `gaps.linked_heat_maps`: every grouping, community-wide and
within each department, comes from the same suppressed tables, so a figure hidden in one
view cannot be read from another.

Only members who agreed to be counted (`consent_statistics`) and are active are counted;
`COUNTED` is the filter, for every statistic about members in this app.
"""

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import astuple, dataclass
from typing import Literal

from django.core.cache import cache
from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Greatest

from guild.competencies.gaps import Atom, HeatMap, LinkedHeatMaps, linked_heat_maps
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

COUNTED = Q(member__consent_statistics=True, member__is_active=True)
"""Role profile assignments of the members counted in statistics."""


@dataclass(frozen=True)
class HeatMapData:
    """A protected heat map with the labels to show it: group and competency names in the
    active language, keyed by the codes the map uses."""

    heat_map: HeatMap
    group_by: str
    threshold: int
    group_labels: dict[str, str]
    competency_labels: dict[str, str]


def _key(value: object) -> str:
    return "" if value is None else str(value)


def heat_map_atoms(community: Community) -> list[Atom]:
    """The counted members of the community on each competency of their role profile's
    targets, by department, region and role profile: one aggregate over the current
    levels, and one small one that puts groups with nobody assessed on the maps."""
    counted = MemberRoleProfile.objects.filter(COUNTED, profile__community=community)
    assessed = CurrentAssessment.objects.filter(
        COUNTED,
        competency__targets__profile_id=F("member__role_profile__profile_id"),
        member__role_profile__profile__community=community,
        validated_level__isnull=False,
    )
    rows = (
        assessed.values(
            department=F("member__department__code"),
            region=F("member__region__code"),
            profile=F("member__role_profile__profile_id"),
            code=F("competency__code"),
        )
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
    atoms = [
        Atom(
            row["code"],
            _key(row["department"]),
            _key(row["region"]),
            _key(row["profile"]),
            row["n"],
            row["below"],
            row["total_gap"],
        )
        for row in rows
    ]
    places: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for profile_id, department, region in (
        counted.values_list("profile_id", "member__department__code", "member__region__code")
        .distinct()
        .order_by()
    ):
        places[profile_id].add((_key(department), _key(region)))
    for profile_id, code in RoleProfileTarget.objects.filter(profile_id__in=places).values_list(
        "profile_id", "competency__code"
    ):
        atoms.extend(
            Atom(code, department, region, str(profile_id), 0, 0, 0)
            for department, region in places[profile_id]
        )
    return atoms


def role_profile_parents(community: Community) -> dict[str, dict[str, str]]:
    """The work stream and group-level of each role profile, keyed as the maps key them."""
    parents: dict[str, dict[str, str]] = {"work_stream": {}, "level": {}}
    for pk, stream, level in RoleProfile.objects.filter(community=community).values_list(
        "pk", "work_stream__code", "level__code"
    ):
        parents["work_stream"][str(pk)] = _key(stream)
        parents["level"][str(pk)] = _key(level)
    return parents


PROTECTED_MAPS_TIMEOUT = 24 * 3600


def protected_maps(
    atoms: list[Atom], threshold: int, parents: dict[str, dict[str, str]]
) -> LinkedHeatMaps:
    """`gaps.linked_heat_maps` of these counts, cached under a digest of everything it reads:
    protecting a 5,000-member community's maps takes seconds of CPU (max flows over every
    hidden cell), and the same counts always give the same maps, so a cached answer is
    exactly the one a fresh computation would publish and never needs invalidating."""
    digest = hashlib.sha256(
        repr(
            (
                [astuple(atom) for atom in atoms],
                threshold,
                sorted((kind, sorted(links.items())) for kind, links in parents.items()),
            )
        ).encode()
    ).hexdigest()
    key = f"competencies:protected-maps:{digest}"
    maps = cache.get(key)
    if maps is None:
        maps = linked_heat_maps(atoms, threshold, parents)
        cache.set(key, maps, PROTECTED_MAPS_TIMEOUT)
    return maps


def linked_maps(community: Community) -> LinkedHeatMaps:
    """Every heat map of the community, protected together."""
    threshold = competency_settings(community).disclosure_threshold
    return protected_maps(heat_map_atoms(community), threshold, role_profile_parents(community))


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
    *,
    community: Community,
    group_by: GroupBy = "department",
    department: Department | None = None,
    maps: LinkedHeatMaps | None = None,
) -> HeatMapData:
    """Competencies by groups (departments, regions, work streams, role profiles or
    occupational group-levels) with the share of members below target and the mean gap,
    community-wide or within `department` (whose total is its column of the community map
    by department). Every view is read off the same protected tables (`maps`, computed
    when not given), so that a figure hidden in one view cannot be read from another.
    """
    maps = maps if maps is not None else linked_maps(community)
    result = maps.heat_map(group_by, department.code if department is not None else None)
    return HeatMapData(
        heat_map=result,
        group_by=group_by,
        threshold=maps.threshold,
        group_labels=_group_labels(group_by, result.groups, community),
        competency_labels=competency_labels(community, result.competencies),
    )
