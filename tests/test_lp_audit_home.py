"""The attacker's audit of the member counts on home pages (issue 8): a reader who sees the
community's panel (members by department) and every coordinator's panel (their department
by region) at once — the worst case, every coordinator colluding with a committee member —
writes every published count as a linear equation and asks, for each pooled department and
each pooled region of a department, the smallest and largest size consistent with all of
them (HiGHS). Each must keep a range at least the threshold wide.

The reader is granted more than any page says: which departments make up "Other" and which
regions make up a department's "Other" (each at least 1 member), except where a panel is one
hidden "Other" row alone."""

from typing import Any

import pytest
from django.conf import settings
from django.utils import translation

from guild.accounts.models import Role, RoleAssignment
from guild.accounts.tests.factories import UserFactory
from guild.core.disclosure import COMPLEMENTARY
from guild.demo.seeding import seed_demo
from guild.members.selectors import member_counts_by
from guild.organizations.models import Community, Department, Region
from guild.questionnaires.tests.lp_auditor import Key, Model
from guild.questionnaires.tests.lp_ranges import Range, feasible_ranges
from guild.reports.home import Panel, home_context


def _published(panel: Panel, names: dict[str, int]) -> tuple[dict[int, int], int | None]:
    """The panel's groups shown on their own (id → count) and its pool ("Other")."""
    shown: dict[int, int] = {}
    other = None
    for row in panel.rows:
        if row.label == "Other":
            other = row.count
        else:
            assert row.count is not None, row
            shown[names[row.label]] = row.count
    return shown, other


def _add_panel(
    model: Model,
    total: Key,
    shown: dict[int, int],
    other: int | None,
    actual: dict[int, int],
    key: Any,
) -> None:
    """One panel: its shown groups and the pool's unknown members add up to `total`."""
    pooled = [group for group, n in actual.items() if n > 0 and group not in shown]
    parts = [model.quantity(key(group), value) for group, value in shown.items()]
    hidden = [model.quantity(key(group), COMPLEMENTARY) for group in pooled]
    if hidden and other is not None:
        model.equation(hidden, other)
    elif hidden and not shown:
        # Everything pooled and the pool hidden ("Other: x" alone): the page does not say
        # which groups have members, so each is at least 0 (ADR 14's reader).
        model.maybe_zero.update(hidden)
    model.equation(parts + hidden, total)


@pytest.fixture
def reader(db: Any) -> tuple[Community, Any]:
    # The demo generator at 600 members (as tests/test_lp_audit.py): small departments, so
    # most of them are pooled and most coordinators' panels have a pool of regions.
    seed_demo(members=600)
    im = Community.objects.get(code="im")
    user = UserFactory.create()
    RoleAssignment.objects.create(user=user, role=Role.COMMITTEE_MEMBER, community=im)
    for department in Department.objects.all():
        RoleAssignment.objects.create(
            user=user, role=Role.DEPARTMENT_COORDINATOR, community=im, department=department
        )
    return im, user


@pytest.mark.django_db
def test_no_pooled_count_of_the_demo_home_pages_can_be_narrowed(
    reader: tuple[Community, Any],
) -> None:
    im, user = reader
    threshold = settings.GUILD_DISCLOSURE_THRESHOLD
    with translation.override("en"):
        context = home_context(user)
    departments = {d.name_en: d.pk for d in Department.objects.all()}
    regions = {r.name_en: r.pk for r in Region.objects.all()}
    by_department = {
        row["department"]: row["n"]
        for row in member_counts_by(field="department", community_id=im.pk)
    }
    model = Model()
    (community,) = context["community_panels"]
    assert community.total == sum(by_department.values())
    total = model.quantity(("total",), community.total)
    shown, other = _published(community, departments)
    _add_panel(model, total, shown, other, by_department, lambda d: ("department", d))
    panels = 0
    for panel in context["coordinator_panels"]:
        department = panel.department.pk
        if panel.total is None:
            # The community panel pools this department: its own panel shows nothing.
            assert panel.rows == [] and department not in shown
            continue
        panels += 1
        assert panel.total == shown[department]
        actual = {
            row["region"]: row["n"]
            for row in member_counts_by(
                field="region", department_id=department, community_id=im.pk
            )
        }
        in_regions, other = _published(panel, regions)
        _add_panel(
            model,
            ("department", department),
            in_regions,
            other,
            actual,
            lambda r, d=department: ("region", d, r),
        )
    assert model.conflicts == []
    # The attack has something to work on: pooled departments and pooled regions.
    assert panels >= 10
    assert len([key for key in model.hidden if key[0] == "department"]) >= 5
    assert len([key for key in model.hidden if key[0] == "region"]) >= 20
    ranges = feasible_ranges(model, wide_enough=threshold)
    assert len(ranges) == len(model.hidden)
    narrow: list[Range] = [r for r in ranges if r.width < threshold - 1e-6]
    assert narrow == []
