"""A member's gaps, and heat maps and learning needs aggregated in the database with small
groups suppressed (threshold 5 here): exact figures where groups are large, the hidden marker
for every figure of a small group and of the group hidden beside it."""

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

# RIL-01 (target 3) self-assessed levels by department: below target means level 1 (gap 2)
# or 2 (gap 1). Five departments of 11 to 20 members, each with 0 or at least 5 members
# below target and at target, and two small ones (CRA 2, LAC 3).
LEVELS = {
    "esdc": [2] * 6 + [3] * 7,  # 13: 6 below, total gap 6
    "hc": [1] * 6 + [3] * 8,  # 14: 6 below, total gap 12
    "ssc": [3] * 10 + [4] * 10,  # 20: nobody below
    "statcan": [1] * 12,  # 12: everyone below, total gap 24
    "tbs": [2] * 5 + [3] * 6,  # 11: 5 below, total gap 5
    "cra": [1, 3],  # 2: 1 below, total gap 2
    "lac": [2, 2, 4],  # 3: 2 below, total gap 2
}
# Community: 75 assessed, 32 below, total gap 51.
PUBLISHED = ("esdc", "hc", "ssc", "statcan")


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
    assert result.groups == ("cra", "esdc", "hc", "lac", "ssc", "statcan", "tbs")
    assert result.competencies == ("ACP-01", "RIL-01", "RIL-02")
    assert {d: _figures(result.cell(d, "RIL-01")) for d in PUBLISHED} == {
        "esdc": (13, 6, 6 / 13, 6 / 13),
        "hc": (14, 6, 6 / 14, 12 / 14),
        "ssc": (20, 0, 0.0, 0.0),
        "statcan": (12, 12, 1.0, 2.0),
    }
    assert _figures(result.cell("cra", "RIL-01")) == (SMALL,) * 4
    assert _figures(result.cell("lac", "RIL-01")) == (SMALL,) * 4
    # CRA and LAC hold 5 members, fewer than the threshold plus one each: the department
    # smallest in every figure (TBS) is hidden with them, all its figures included.
    assert _figures(result.cell("tbs", "RIL-01")) == (COMPLEMENTARY,) * 4
    assert _figures(result.community["RIL-01"]) == (75, 32, 32 / 75, 51 / 75)
    # The three hidden departments together: 16 assessed, 8 below, 8 at target, total
    # gap 9; each at least the threshold plus one per hidden department (5 + 3).
    shown = [result.cell(d, "RIL-01") for d in PUBLISHED]
    n = sum(c.n for c in shown if isinstance(c.n, int))
    below = sum(c.below for c in shown if isinstance(c.below, int))
    assert (75 - n, 32 - below) == (16, 8)
    for code in ("RIL-02", "ACP-01"):  # nobody assessed: zeros, published everywhere
        assert {_figures(result.cell(d, code)) for d in result.groups} == {(0, 0, None, None)}
    assert data.group_labels["esdc"] == "Employment and Social Development Canada"
    assert data.competency_labels["RIL-01"] == "Classification and file plans"


@pytest.mark.django_db
def test_department_heat_map_agrees_with_the_community_one(
    im: Any, population: None, esdc: Any
) -> None:
    mine = heat_map_data(community=im, group_by="region", department=esdc).heat_map
    assert mine.groups == ("ncr",)
    assert _figures(mine.cell("ncr", "RIL-01")) == (13, 6, 6 / 13, 6 / 13)
    assert _figures(mine.community["RIL-01"]) == (13, 6, 6 / 13, 6 / 13)
    for code, marker in (("tbs", COMPLEMENTARY), ("cra", SMALL)):
        department = Department.objects.get(code=code)
        theirs = heat_map_data(community=im, group_by="region", department=department).heat_map
        # Hidden community-wide, so hidden in the department's own view too (TBS has 11).
        assert _figures(theirs.cell("ncr", "RIL-01")) == (marker,) * 4
        assert _figures(theirs.community["RIL-01"]) == (marker,) * 4


@pytest.mark.django_db
def test_work_stream_heat_map(im: Any, population: None) -> None:
    result = heat_map_data(community=im, group_by="work_stream").heat_map
    assert result.groups == ("records-management",)
    assert _figures(result.cell("records-management", "RIL-01")) == (75, 32, 32 / 75, 51 / 75)


@pytest.mark.django_db
def test_learning_needs_ranked_with_priorities(
    im: Any, population: None, cast: dict[str, Any], esdc: Any
) -> None:
    priority_set(actor=cast["admin"].user, community=im, competency_code="RIL-01", weight=2)
    community = learning_needs(community=im)
    assert [
        (n.rank, n.code, n.score, n.total_gap, n.below, n.assessed) for n in community.needs
    ] == [
        (1, "RIL-01", 102.0, 51, 32, 75),
        (2, "ACP-01", 0.0, 0, 0, 0),
        (3, "RIL-02", 0.0, 0, 0, 0),
    ]
    assert community.not_assessed == {"RIL-01": 0, "ACP-01": 75, "RIL-02": 75}
    assert community.hidden == []
    department = learning_needs(community=im, department=esdc)
    top = department.needs[0]
    assert (top.code, top.score, top.total_gap, top.below, top.assessed) == (
        "RIL-01",
        12.0,
        6,
        6,
        13,
    )
    assert department.not_assessed == {"RIL-01": 0, "ACP-01": 13, "RIL-02": 13}
    by_department = learning_needs_by_department(community=im)
    assert sorted(by_department) == ["cra", "esdc", "hc", "lac", "ssc", "statcan", "tbs"]
    statcan = by_department["statcan"]
    assert [(n.code, n.score, n.total_gap, n.below, n.assessed) for n in statcan.needs] == [
        ("RIL-01", 48.0, 24, 12, 12),
        ("ACP-01", 0.0, 0, 0, 0),
        ("RIL-02", 0.0, 0, 0, 0),
    ]
    for code, marker in (("tbs", COMPLEMENTARY), ("cra", SMALL), ("lac", SMALL)):
        hidden = by_department[code]
        assert hidden.hidden == ["RIL-01"], code
        assert [n.code for n in hidden.needs] == ["ACP-01", "RIL-02"], code
        # Its headcount is hidden as well: not assessed on ACP-01 is every member of it.
        assert hidden.not_assessed == {"ACP-01": marker, "RIL-02": marker}, code
