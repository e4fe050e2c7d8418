"""Learning needs ranked from the published cells of the protected heat map by
department, so that a figure hidden on one page is hidden on every other."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from guild.competencies.gaps import HeatCell
from guild.competencies.learning_needs import Need, rank_from_tallies
from guild.competencies.models import MemberRoleProfile, RoleProfileTarget
from guild.competencies.selectors.community_settings import competency_settings, learning_priorities
from guild.competencies.selectors.heat_maps import (
    COUNTED,
    competency_labels,
    heat_map_atoms,
    protected_maps,
    role_profile_parents,
)
from guild.core.disclosure import Cell, Suppressed, suppress_linked_tables
from guild.organizations.models import Community, Department


@dataclass(frozen=True)
class LearningNeeds:
    """Competencies ranked by learning need for the community or one department, from the
    published cells of the protected heat map by department; `hidden` lists the codes whose
    figures are suppressed (they are not ranked). `not_assessed` counts members with a
    target on the competency but no validated level, protected like every other count."""

    needs: list[Need]
    hidden: list[str]
    not_assessed: dict[str, int | Suppressed]
    competency_labels: dict[str, str]
    threshold: int


def _needs(
    column: dict[str, HeatCell],
    not_assessed: dict[str, Cell],
    priorities: dict[str, float],
    threshold: int,
    labels: dict[str, str],
) -> LearningNeeds:
    tallies = []
    hidden = []
    for code, cell in sorted(column.items()):
        n, below, mean_gap = cell.n, cell.below, cell.mean_gap
        if isinstance(n, Suppressed) or isinstance(below, Suppressed):
            hidden.append(code)
            continue
        total_gap = round(mean_gap * n) if n and isinstance(mean_gap, int | float) else 0
        tallies.append((code, total_gap, below, n, 0))
    needs = rank_from_tallies(tallies, priorities)
    shown = {code: value for code, value in not_assessed.items() if code not in hidden}
    return LearningNeeds(needs, hidden, shown, labels, threshold)


def _targeted(community: Community) -> dict[str, dict[str, int]]:
    """Counted members with a target on each competency, by department code."""
    per_profile: dict[int, dict[str, int]] = defaultdict(dict)
    assignments = MemberRoleProfile.objects.filter(COUNTED, profile__community=community)
    for profile_id, department_code, count in (
        assignments.values_list("profile_id", "member__department__code")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        per_profile[profile_id][department_code or ""] = count
    result: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for profile_id, code in RoleProfileTarget.objects.filter(
        profile_id__in=per_profile
    ).values_list("profile_id", "competency__code"):
        for department_code, count in per_profile[profile_id].items():
            result[department_code][code] += count
    return result


@dataclass(frozen=True)
class _AllNeeds:
    community: LearningNeeds
    departments: dict[str, LearningNeeds]


def _all_needs(community: Community) -> _AllNeeds:
    """Learning needs of the community and of every department, from one protected map."""
    threshold = competency_settings(community).disclosure_threshold
    atoms = heat_map_atoms(community)
    maps = protected_maps(atoms, threshold, role_profile_parents(community))
    by_department = maps.heat_map("department")
    assessed: dict[tuple[str, str], int] = defaultdict(int)
    for atom in atoms:
        assessed[(atom.department, atom.code)] += atom.n
    targeted = _targeted(community)
    departments = by_department.groups
    height = len(departments)
    per_department: dict[str, dict[str, Cell]] = {d: {} for d in departments}
    community_missing: dict[str, Cell] = {}
    for code in by_department.competencies:
        matrix = [
            [max(0, targeted.get(d, {}).get(code, 0) - assessed[(d, code)])] for d in departments
        ]
        keep = [
            place
            for i, d in enumerate(departments)
            if by_department.cell(d, code).suppressed
            for place in ((i, 0), (i, 1))
        ]
        if by_department.community[code].suppressed:
            keep.extend([(height, 0), (height, 1)])
        ((table,),) = suppress_linked_tables([[matrix]], threshold, keep_hidden=[keep])
        for i, d in enumerate(departments):
            per_department[d][code] = table.cells[i][0]
        community_missing[code] = table.grand_total
    priorities = learning_priorities(community)
    labels = competency_labels(community, by_department.competencies)
    return _AllNeeds(
        community=_needs(by_department.community, community_missing, priorities, threshold, labels),
        departments={
            d: _needs(
                {code: by_department.cell(d, code) for code in by_department.competencies},
                per_department[d],
                priorities,
                threshold,
                labels,
            )
            for d in departments
        },
    )


def learning_needs(*, community: Community, department: Department | None = None) -> LearningNeeds:
    """The community's (or one department's) competencies ranked by total gap weighted by
    headcount and the programme administrator's priorities, counting only members who
    agreed to be counted."""
    found = _all_needs(community)
    if department is None:
        return found.community
    empty = LearningNeeds([], [], {}, found.community.competency_labels, found.community.threshold)
    return found.departments.get(department.code, empty)


def learning_needs_by_department(*, community: Community) -> dict[str, LearningNeeds]:
    """`learning_needs` of every department with members on a profile, by department code."""
    return _all_needs(community).departments
