"""Learning needs ranked from the published cells of the protected heat map by
department, so that a figure hidden on one page is hidden on every other."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from guild.competencies.gaps import (
    HeatCell,
    heat_map_from_tallies,
)
from guild.competencies.learning_needs import Need, rank_from_tallies
from guild.competencies.models import (
    MemberRoleProfile,
    RoleProfileTarget,
)
from guild.competencies.selectors.community_settings import competency_settings, learning_priorities
from guild.competencies.selectors.heat_maps import competency_labels, heat_map_tallies
from guild.core.disclosure import SMALL, Suppressed
from guild.organizations.models import Community, Department


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
    by_department = heat_map_from_tallies(
        heat_map_tallies(community, "department", None), threshold
    )
    targeted = _targeted(community, department.pk if department else None)
    priorities = learning_priorities(community)
    labels = competency_labels(community, by_department.competencies)
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
    by_department = heat_map_from_tallies(
        heat_map_tallies(community, "department", None), threshold
    )
    targeted = _targeted(community, None)
    priorities = learning_priorities(community)
    labels = competency_labels(community, by_department.competencies)
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
