"""Member gaps, the validated-level rule and the disclosure-controlled heat map."""

import random
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guild.competencies.gaps import (
    Gap,
    HeatCell,
    heat_map,
    member_gaps,
    missing_levels,
    to_assess,
    validated_level,
)
from guild.core.disclosure import COMPLEMENTARY, SMALL, Suppressed

levels = st.integers(min_value=1, max_value=4)
optional_levels = st.none() | levels


def test_validated_level_prefers_the_supervisor() -> None:
    assert validated_level(2, 3) == 3
    assert validated_level(4, 1) == 1
    assert validated_level(2, None) == 2
    assert validated_level(None, 1) == 1
    assert validated_level(None, None) is None


def test_member_gaps_by_hand() -> None:
    targets = {"IM1": 4, "IM2": 2, "IM3": 3, "IM4": 3}
    assessments = {"IM1": (2, None), "IM2": (3, 1), "IM3": (2, 4), "OTHER": (1, 1)}
    gaps = member_gaps(targets, assessments)
    assert gaps == [
        Gap("IM1", 4, 2, None, 2, 2),
        Gap("IM2", 2, 3, 1, 1, 1),
        Gap("IM3", 3, 2, 4, 4, 0),
        Gap("IM4", 3, None, None, None, None),
    ]
    assert [missing_levels(gap) for gap in gaps] == [[3, 4], [2], [], None]
    assert to_assess(gaps) == ["IM4"]


@pytest.mark.parametrize(
    ("targets", "assessments"),
    [({"A": 5}, {}), ({"A": 0}, {}), ({"A": 3}, {"A": (0, None)}), ({"A": 3}, {"A": (1, 5)})],
)
def test_member_gaps_rejects_levels_off_the_scale(
    targets: dict[str, int], assessments: dict[str, tuple[int | None, int | None]]
) -> None:
    with pytest.raises(ValueError, match="outside the scale"):
        member_gaps(targets, assessments)


def test_member_gaps_rejects_non_int_levels() -> None:
    with pytest.raises(TypeError):
        member_gaps({"A": True}, {})


def test_member_gaps_on_another_scale() -> None:
    (gap,) = member_gaps({"A": 5}, {"A": (0, None)}, scale=(0, 5))
    assert gap.gap == 5
    assert missing_levels(gap) == [1, 2, 3, 4, 5]


@given(optional_levels, levels)
def test_validated_level_is_the_supervisors_when_given(
    self_level: int | None, supervisor_level: int
) -> None:
    assert validated_level(self_level, supervisor_level) == supervisor_level


@given(st.dictionaries(st.text(max_size=3), st.tuples(levels, optional_levels, optional_levels)))
def test_gaps_are_never_negative(
    profile: dict[str, tuple[int, int | None, int | None]],
) -> None:
    targets = {code: target for code, (target, _, _) in profile.items()}
    assessments = {code: (s, v) for code, (_, s, v) in profile.items()}
    for gap in member_gaps(targets, assessments):
        assert gap.gap is None or gap.gap >= 0
        assert (gap.gap is None) == (gap.validated is None)
        missing = missing_levels(gap)
        assert missing is None or len(missing) == gap.gap


@given(levels, levels, levels)
def test_raising_the_validated_level_never_raises_the_gap(
    target: int, lower: int, higher: int
) -> None:
    lower, higher = min(lower, higher), max(lower, higher)
    (before,) = member_gaps({"A": target}, {"A": (None, lower)})
    (after,) = member_gaps({"A": target}, {"A": (1, higher)})
    assert before.gap is not None and after.gap is not None
    assert after.gap <= before.gap


def _rows(
    group: str, code: str, target: int, validated: Sequence[int | None]
) -> list[tuple[str, str, int, int | None]]:
    return [(group, code, target, level) for level in validated]


def _by_hand_rows() -> list[tuple[str, str, int, int | None]]:
    return [
        *_rows("dept-a", "IM1", 3, [1, 2, 3, 3, 4, 3]),
        *_rows("dept-b", "IM1", 3, [3, 3, 3]),
        *_rows("dept-c", "IM1", 2, [2, 2, 2, 2, 2, 2, 1]),
        *_rows("dept-d", "IM1", 4, [4, 4, 4, 4, 4, 4, 4, 4]),
        *_rows("dept-a", "IM2", 2, [1, 2]),
        *_rows("dept-c", "IM2", 2, [None]),
    ]


def test_heat_map_by_hand() -> None:
    result = heat_map(_by_hand_rows(), threshold=5)
    assert result.groups == ("dept-a", "dept-b", "dept-c", "dept-d")
    assert result.competencies == ("IM1", "IM2")
    small = HeatCell(SMALL, SMALL, SMALL, SMALL)
    complementary = HeatCell(COMPLEMENTARY, COMPLEMENTARY, COMPLEMENTARY, COMPLEMENTARY)
    empty = HeatCell(0, 0, None, None)
    # dept-b (3 people) is small; dept-a has 2 below target, dept-c 1: small counts, so
    # their cells are hidden whole. The community's 3 below target are too few to publish,
    # so its column is hidden too; dept-d (8, none below) is all that is left.
    assert result.cell("dept-b", "IM1") == small
    assert result.cell("dept-a", "IM1") == complementary
    assert result.cell("dept-c", "IM1") == complementary
    assert result.cell("dept-d", "IM1") == HeatCell(8, 0, 0.0, 0.0)
    assert result.community["IM1"] == complementary
    # Only dept-a has anyone assessed on IM2, and only 2: everything about them is hidden.
    assert result.cell("dept-a", "IM2") == small
    assert result.cell("dept-b", "IM2") == empty
    assert result.cell("dept-c", "IM2") == empty
    assert result.community["IM2"] == small
    assert result.cell("dept-a", "IM1").suppressed
    assert not result.cell("dept-d", "IM1").suppressed


def test_small_groups_whose_pool_leaves_room_need_no_complement() -> None:
    # threshold 10: a, b and c (9 each) are small; together they hold 27 people, 14 below
    # target and 13 at it, each at least 10 + 3, so every hidden figure keeps a range of 10.
    rows = [
        *_rows("a", "IM1", 3, [2] * 5 + [3] * 4),
        *_rows("b", "IM1", 3, [2] * 4 + [3] * 5),
        *_rows("c", "IM1", 3, [2] * 5 + [3] * 4),
        *_rows("d", "IM1", 3, [2] * 10 + [3] * 10),
    ]
    result = heat_map(rows, threshold=10)
    for group in "abc":
        assert result.cell(group, "IM1") == HeatCell(SMALL, SMALL, SMALL, SMALL)
    assert result.cell("d", "IM1") == HeatCell(20, 10, 0.5, 0.5)
    assert result.community["IM1"] == HeatCell(47, 24, 24 / 47, 24 / 47)


def test_heat_map_rejects_a_low_threshold() -> None:
    with pytest.raises(ValueError, match="minimum"):
        heat_map([], threshold=4)


def test_heat_map_rejects_levels_off_the_scale() -> None:
    with pytest.raises(ValueError, match="outside the scale"):
        heat_map([("a", "IM1", 3, 5)], threshold=5)


heat_rows = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c", "d", "e"]),
        st.sampled_from(["IM1", "IM2", "IM3"]),
        levels,
        optional_levels,
    ),
    max_size=120,
)


@given(heat_rows, st.integers(min_value=5, max_value=12))
def test_heat_map_never_publishes_a_small_cell(
    rows: list[tuple[str, str, int, int | None]], threshold: int
) -> None:
    result = heat_map(rows, threshold)
    for code in result.competencies:
        cells = [result.cell(group, code) for group in result.groups]
        for cell in [*cells, result.community[code]]:
            if cell.suppressed:
                assert all(isinstance(v, Suppressed) for v in (cell.below, cell.share_below))
            else:
                assert isinstance(cell.n, int) and isinstance(cell.below, int)
                for count in (cell.n, cell.below, cell.n - cell.below):
                    assert count == 0 or count >= threshold
        # What subtraction from the community column recovers describes 0 or >= threshold.
        community = result.community[code]
        if not community.suppressed:
            assert isinstance(community.n, int)
            published = sum(cell.n for cell in cells if isinstance(cell.n, int))
            recovered = community.n - published
            assert recovered == 0 or recovered >= threshold


@given(heat_rows, st.randoms(use_true_random=False))
def test_heat_map_ignores_row_order(
    rows: list[tuple[str, str, int, int | None]], shuffler: random.Random
) -> None:
    shuffled = list(rows)
    shuffler.shuffle(shuffled)
    assert heat_map(shuffled, 5) == heat_map(rows, 5)
