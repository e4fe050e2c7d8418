"""Counts on home pages: small groups pooled so that no count under the threshold is shown
and none can be narrowed from the total; members who declined to be counted change nothing;
a coordinator's panel shows nothing where the community's panel pools their department."""

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guild.core.disclosure import COMPLEMENTARY, pool_with_room
from guild.members.models import Member
from guild.organizations.models import Department, Region
from guild.reports.home import OTHER, CountRow, _rows, home_context

LABELS = {str(n): f"D{n}" for n in range(30)}


def rows(sizes: dict[str, int], threshold: int = 10) -> list[CountRow]:
    return _rows(pool_with_room(sizes, threshold, OTHER), LABELS)


def test_small_groups_join_other_until_each_keeps_room() -> None:
    # 6 + 5 = 11 is under 10 + 2: the next-smallest group joins the pool.
    assert rows({"1": 40, "2": 12, "3": 6, "4": 5}) == [CountRow("D1", 40), CountRow("Other", 23)]


def test_a_pool_with_room_takes_no_one_else() -> None:
    assert rows({"1": 40, "2": 12, "3": 9, "4": 8}) == [
        CountRow("D1", 40),
        CountRow("D2", 12),
        CountRow("Other", 17),
    ]


def test_everything_small_is_one_hidden_row_and_a_hidden_total() -> None:
    pooled = pool_with_room({"1": 6, "2": 5}, 10, OTHER)
    assert pooled.total == COMPLEMENTARY
    assert rows({"1": 4, "2": 3}) == [CountRow("Other", None)]


@given(
    st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=25),
    st.integers(min_value=5, max_value=15),
)
def test_no_shown_count_is_small_and_every_pooled_group_keeps_room(
    sizes: list[int], threshold: int
) -> None:
    counts = {str(i): n for i, n in enumerate(sizes)}
    pooled = pool_with_room(counts, threshold, OTHER)
    shown = {k: v for k, v in pooled.counts.items() if isinstance(v, int)}
    assert all(v >= threshold for v in shown.values())
    members = [k for k, n in counts.items() if n > 0 and k not in pooled.counts]
    if OTHER in shown:
        # Each of k pooled groups (at least 1 each) ranges over other - (k - 1) values.
        assert shown[OTHER] - len(members) >= threshold
    if isinstance(pooled.total, int):
        assert pooled.total == sum(sizes) and sum(shown.values()) == pooled.total
    else:
        assert list(pooled.counts) == [OTHER]


# Through the home page ----------------------------------------------------------------------


def _panels(context: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (panel.total, [(row.label, row.count) for row in panel.rows])
        for panel in [*context["coordinator_panels"], *context["community_panels"]]
    ]


@pytest.mark.django_db
def test_members_who_declined_or_left_change_no_count(
    cast: dict[str, Any], make_member: Callable[..., Member], esdc: Department, cra: Department
) -> None:
    for _ in range(14):
        make_member(account=False, department=esdc)
    for _ in range(12):
        make_member(account=False, department=cra)
    before = {role: _panels(home_context(cast[role].user)) for role in ("admin", "coordinator")}
    for department in (esdc, cra):
        for _ in range(3):
            make_member(account=False, department=department, consent_statistics=False)
        make_member(account=False, department=department, is_active=False)
    after = {role: _panels(home_context(cast[role].user)) for role in ("admin", "coordinator")}
    assert after == before
    shown = [
        count
        for panels in after.values()
        for total, rows in panels
        for count in [total, *(count for _label, count in rows)]
    ]
    assert all(count is None or count == 0 or count >= 10 for count in shown)


@pytest.mark.django_db
def test_a_coordinator_panel_shows_nothing_when_the_department_is_pooled(
    cast: dict[str, Any], make_member: Callable[..., Member], esdc: Department, cra: Department
) -> None:
    for _ in range(30):
        make_member(account=False, department=cra)
    # ESDC has the cast's 6 members only: pooled with CRA on the community panel.
    context = home_context(cast["coordinator"].user)
    (panel,) = context["coordinator_panels"]
    assert panel.total is None and panel.rows == []
    admin = home_context(cast["admin"].user)
    (community,) = admin["community_panels"]
    assert [(row.label, row.count) for row in community.rows] == [("Other", 38)]


@pytest.mark.django_db
def test_the_home_page_says_who_is_not_counted(
    cast: dict[str, Any], make_member: Callable[..., Member], cra: Department, login: Any
) -> None:
    for _ in range(30):
        make_member(account=False, department=cra, region=Region.objects.get(code="ncr"))
    page = login(cast["admin"].user).get("/en/")
    assert "n excludes members who chose not to be counted." in page.content.decode()
    french = login(cast["admin"].user).get("/fr/")
    assert "n exclut les membres qui ont choisi de ne pas être comptés." in french.content.decode()
