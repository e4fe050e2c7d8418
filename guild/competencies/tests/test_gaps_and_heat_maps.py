"""A member's gaps, and heat maps and learning needs aggregated in the database with small
groups suppressed (threshold 5 here): exact figures."""

from collections.abc import Callable
from typing import Any

import pytest

from guild.competencies.models import CompetencySettings
from guild.competencies.selectors import (
    MissingLevel,
    heat_map_data,
    learning_needs,
    learning_needs_by_department,
    member_gap_rows,
)
from guild.competencies.services import assessment_self, assessment_supervise, priority_set
from guild.core.disclosure import COMPLEMENTARY, SMALL
from guild.organizations.models import Department

# RIL-01 (target 3) self-assessed levels by department: ESDC 6 people, TBS 5, CRA 2.
LEVELS = {"esdc": [1, 2, 3, 3, 4, 2], "tbs": [3, 3, 3, 3, 2], "cra": [1, 3]}


@pytest.mark.django_db
def test_member_gap_rows(
    cast: dict[str, Any], on_profile: Callable[..., Any], competency: Callable[[str], Any]
) -> None:
    mia = on_profile(cast["member"])
    assessment_self(actor=mia.user, member=mia, competency=competency("RIL-01"), level=2)
    assessment_supervise(
        actor=cast["supervisor"].user, member=mia, competency=competency("RIL-02"), level=3
    )
    gaps = member_gap_rows(mia)
    assert gaps.profile is not None and gaps.profile.name_en == "Records manager, IS-04"
    table = [
        (r.code, r.target, r.self_level, r.supervisor_level, r.validated, r.gap) for r in gaps.rows
    ]
    assert table == [
        ("RIL-01", 3, 2, None, 2, 1),
        ("RIL-02", 4, None, 3, 3, 1),
        ("ACP-01", 2, None, None, None, None),
    ]
    ril_01 = competency("RIL-01").indicators.get(level=3).indicators_en
    assert gaps.rows[0].missing == [MissingLevel(3, "Proficient", ril_01)]
    assert [m.level for m in gaps.rows[1].missing or []] == [4]
    assert gaps.rows[2].missing is None
    assert gaps.to_assess == ["ACP-01"]
    assert gaps.rows[0].name == "Classification and file plans"
    assert gaps.rows[0].family == "Records and information life cycle"


@pytest.mark.django_db
def test_member_without_profile_has_no_rows(cast: dict[str, Any], version: Any) -> None:
    gaps = member_gap_rows(cast["other"])
    assert gaps.profile is None and gaps.rows == [] and gaps.to_assess == []


@pytest.fixture
def population(
    im: Any,
    make_member: Callable[..., Any],
    on_profile: Callable[..., Any],
    competency: Callable[[str], Any],
) -> None:
    CompetencySettings.objects.create(community=im, disclosure_threshold=5)
    ril = competency("RIL-01")
    for code, levels in LEVELS.items():
        department = Department.objects.get(code=code)
        for level in levels:
            member = on_profile(make_member(department=department))
            assessment_self(actor=member.user, member=member, competency=ril, level=level)


def _figures(cell: Any) -> tuple[Any, ...]:
    return (cell.n, cell.below, cell.share_below, cell.mean_gap)


@pytest.mark.django_db
def test_community_heat_map_by_department(im: Any, population: None) -> None:
    data = heat_map_data(community=im, group_by="department")
    result = data.heat_map
    assert data.threshold == 5
    assert result.groups == ("cra", "esdc", "tbs")
    assert result.competencies == ("ACP-01", "RIL-01", "RIL-02")
    assert _figures(result.cell("esdc", "RIL-01")) == (6, 3, 0.5, 4 / 6)
    assert result.cell("cra", "RIL-01").n == SMALL
    assert result.cell("tbs", "RIL-01").n == COMPLEMENTARY  # else ESDC + TBS give CRA away
    assert _figures(result.community["RIL-01"]) == (13, 5, 5 / 13, 7 / 13)
    assert _figures(result.cell("esdc", "RIL-02")) == (0, 0, None, None)
    assert data.group_labels["esdc"] == "Employment and Social Development Canada"
    assert data.competency_labels["RIL-01"] == "Classification and file plans"


@pytest.mark.django_db
def test_department_heat_map_agrees_with_the_community_one(
    im: Any, population: None, esdc: Any
) -> None:
    mine = heat_map_data(community=im, group_by="region", department=esdc).heat_map
    assert mine.groups == ("ncr",)
    assert _figures(mine.cell("ncr", "RIL-01")) == (6, 3, 0.5, 4 / 6)
    assert _figures(mine.community["RIL-01"]) == (6, 3, 0.5, 4 / 6)
    tbs = Department.objects.get(code="tbs")
    theirs = heat_map_data(community=im, group_by="region", department=tbs).heat_map
    assert theirs.cell("ncr", "RIL-01").suppressed  # 5 people, but hidden community-wide
    assert theirs.community["RIL-01"].suppressed


@pytest.mark.django_db
def test_work_stream_heat_map(im: Any, population: None) -> None:
    result = heat_map_data(community=im, group_by="work_stream").heat_map
    assert result.groups == ("records-management",)
    assert _figures(result.cell("records-management", "RIL-01")) == (13, 5, 5 / 13, 7 / 13)


@pytest.mark.django_db
def test_learning_needs_ranked_with_priorities(
    im: Any, population: None, cast: dict[str, Any], esdc: Any
) -> None:
    priority_set(actor=cast["admin"].user, community=im, competency_code="RIL-01", weight=2)
    community = learning_needs(community=im)
    assert [
        (n.rank, n.code, n.score, n.total_gap, n.below, n.assessed) for n in community.needs
    ] == [
        (1, "RIL-01", 14.0, 7, 5, 13),
        (2, "ACP-01", 0.0, 0, 0, 0),
        (3, "RIL-02", 0.0, 0, 0, 0),
    ]
    assert community.not_assessed == {"RIL-01": 0, "ACP-01": 13, "RIL-02": 13}
    assert community.hidden == []
    department = learning_needs(community=im, department=esdc)
    top = department.needs[0]
    assert (top.code, top.score, top.total_gap, top.assessed) == (
        "RIL-01",
        8.0,
        4,
        6,
    )
    assert department.not_assessed["ACP-01"] == 6
    by_department = learning_needs_by_department(community=im)
    assert sorted(by_department) == ["cra", "esdc", "tbs"]
    assert by_department["tbs"].hidden == ["RIL-01"]
    assert by_department["cra"].hidden == ["RIL-01"]
    assert by_department["cra"].not_assessed["ACP-01"] == SMALL
