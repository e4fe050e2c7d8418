"""The coverage report: the framework's competencies by level against the active courses,
in order of the community's published learning needs (suppressed figures stay hidden)."""

from collections.abc import Callable
from typing import Any

import pytest

from guild.competencies.learning_needs import Need
from guild.competencies.models import CompetencySettings, MemberRoleProfile
from guild.competencies.selectors import learning_needs
from guild.competencies.services import assessment_self, role_profile_create
from guild.demo.learning import catalogue_file
from guild.learning.coverage import CompetencyLine, coverage
from guild.learning.selectors import coverage_report
from guild.learning.services import course_import
from guild.organizations.models import OccupationalLevel, WorkStream

LINES = [CompetencyLine(code, code.lower(), "family") for code in ("A", "B", "C", "D")]


def _need(rank: int, code: str) -> Need:
    return Need(rank, code, 1.0, 1.0, 1, 1, 1, 0)


def test_rows_follow_the_ranked_needs_then_the_hidden_then_the_framework() -> None:
    result = coverage(
        competencies=LINES,
        levels=[2, 1],
        mappings=[("C", 1), ("C", 1), ("A", 2), ("Z", 1), ("A", 9)],
        needs=[_need(1, "C"), _need(2, "D")],
        hidden=["B"],
    )
    assert result.levels == (1, 2)
    assert [(r.competency.code, r.courses, r.hidden, r.covered) for r in result.rows] == [
        ("C", (2, 0), False, True),
        ("D", (0, 0), False, False),
        ("B", (0, 0), True, False),
        ("A", (0, 1), False, True),
    ]
    assert [r.competency.code for r in result.uncovered] == ["D", "B"]
    assert [r.competency.code for r in result.needs_uncovered] == ["D"]
    assert (result.cells, result.cells_uncovered) == (8, 6)


@pytest.fixture
def assessed(
    cast: dict[str, Any], im: Any, version: Any, make_member: Callable[..., Any], esdc: Any
) -> Callable[[int], None]:
    """`n` ESDC members on a profile (RIL-01 3, RIL-02 4, ACP-01 2), level 1 on RIL-01."""
    CompetencySettings.objects.create(community=im, disclosure_threshold=5)
    profile = role_profile_create(
        actor=cast["admin"].user,
        community=im,
        version=version,
        name_en="Records manager, IS-04",
        name_fr="Gestionnaire des documents, IS-04",
        work_stream=WorkStream.objects.get(community=im, code="records-management"),
        level=OccupationalLevel.objects.get(code="IS-04"),
        targets={"RIL-01": 3, "RIL-02": 4, "ACP-01": 2},
    )
    ril01 = version.competencies.get(code="RIL-01")

    def make(n: int) -> None:
        for _ in range(n):
            member = make_member(department=esdc)
            MemberRoleProfile.objects.create(member=member, profile=profile)
            assessment_self(actor=member.user, member=member, competency=ril01, level=1)

    return make


@pytest.mark.django_db
def test_the_report_sets_the_catalogue_beside_the_published_needs(
    cast: dict[str, Any], im: Any, assessed: Callable[[int], None]
) -> None:
    assessed(6)
    course_import(
        actor=cast["admin"].user, community=im, content=catalogue_file(), file_format="csv"
    )
    report = coverage_report(community=im)
    rows = report.coverage.rows
    assert [
        (
            r.competency.code,
            r.need.rank if r.need else None,
            r.need.below if r.need else None,
            r.courses,
        )
        for r in rows[:4]
    ] == [
        ("RIL-01", 1, 6, (1, 1, 0, 0)),
        ("ACP-01", 2, 0, (1, 0, 1, 0)),
        ("RIL-02", 3, 0, (0, 1, 1, 0)),
        ("RIL-03", None, None, (0, 1, 0, 0)),
    ]
    # i099 (LDS-01 to level 2) is no longer offered: only I400's and IML100's level 3 count.
    assert next(r.courses for r in rows if r.competency.code == "LDS-01") == (0, 0, 2, 0)
    assert [r.competency.code for r in report.coverage.uncovered] == ["LKS-02", "DWC-03", "LDS-04"]
    assert report.coverage.needs_uncovered == []
    assert (report.coverage.cells, report.coverage.cells_uncovered) == (100, 74)
    assert report.active_courses == 20
    assert report.threshold == 5
    assert report.level_names[1] != ""
    # The figures about people are the published learning needs, the very same.
    assert [r.need for r in rows if r.need] == learning_needs(community=im).needs


@pytest.mark.django_db
def test_figures_of_too_few_members_stay_hidden(
    cast: dict[str, Any], im: Any, assessed: Callable[[int], None]
) -> None:
    assessed(3)
    report = coverage_report(community=im)
    ril01 = next(r for r in report.coverage.rows if r.competency.code == "RIL-01")
    assert (ril01.need, ril01.hidden) == (None, True)
    assert learning_needs(community=im).hidden == ["RIL-01"]
