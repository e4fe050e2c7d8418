"""Learning needs: competencies ranked by priority-weighted total gap."""

import itertools
import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guild.competencies.learning_needs import Need, rank_by_group, rank_learning_needs

PAIRS: list[tuple[str, int | None]] = [
    ("IM-A", 2),
    ("IM-A", 1),
    ("IM-A", 0),
    ("IM-A", None),
    ("IM-B", 1),
    ("IM-B", 1),
    ("IM-B", 1),
    ("IM-C", 3),
    ("IM-D", None),
]


def test_equal_scores_rank_by_members_below_then_code() -> None:
    assert rank_learning_needs(PAIRS) == [
        Need(1, "IM-B", 3.0, 1.0, total_gap=3, below=3, assessed=3, not_assessed=0),
        Need(2, "IM-A", 3.0, 1.0, total_gap=3, below=2, assessed=3, not_assessed=1),
        Need(3, "IM-C", 3.0, 1.0, total_gap=3, below=1, assessed=1, not_assessed=0),
        Need(4, "IM-D", 0.0, 1.0, total_gap=0, below=0, assessed=0, not_assessed=1),
    ]
    tied = rank_learning_needs([("Z", 1), ("Y", 1), ("X", 0)])
    assert [(need.code, need.score) for need in tied] == [("Y", 1.0), ("Z", 1.0), ("X", 0.0)]


def test_priorities_weight_the_score() -> None:
    ranked = rank_learning_needs(PAIRS, {"IM-C": 2.0, "IM-B": 0.5})
    assert [(need.code, need.score) for need in ranked] == [
        ("IM-C", 6.0),
        ("IM-A", 3.0),
        ("IM-B", 1.5),
        ("IM-D", 0.0),
    ]
    assert ranked[0].priority == 2.0


def test_without_headcount_weight_the_mean_gap_counts() -> None:
    ranked = rank_learning_needs(PAIRS, headcount_weight=False)
    assert [(need.code, need.score) for need in ranked] == [
        ("IM-C", 3.0),
        ("IM-B", 1.0),
        ("IM-A", 1.0),
        ("IM-D", 0.0),
    ]
    assert [need.mean_gap for need in ranked] == [3.0, 1.0, 1.0, None]


def test_per_group() -> None:
    rows = [("dept-b", "IM-A", 1), ("dept-a", "IM-A", 2), ("dept-a", "IM-B", 3)]
    ranked = rank_by_group(rows)
    assert list(ranked) == ["dept-a", "dept-b"]
    assert [need.code for need in ranked["dept-a"]] == ["IM-B", "IM-A"]
    assert ranked["dept-b"] == rank_learning_needs([("IM-A", 1)])


@pytest.mark.parametrize("priority", [-1.0, math.nan, math.inf])
def test_rejects_bad_priorities(priority: float) -> None:
    with pytest.raises(ValueError, match="priority"):
        rank_learning_needs([("IM-A", 1)], {"IM-A": priority})


def test_rejects_negative_gaps() -> None:
    with pytest.raises(ValueError, match="negative"):
        rank_learning_needs([("IM-A", -1)])


codes = st.sampled_from(["IM-A", "IM-B", "IM-C", "IM-D", "IM-E"])
pairs = st.lists(st.tuples(codes, st.none() | st.integers(min_value=0, max_value=3)))
priorities = st.dictionaries(codes, st.integers(min_value=0, max_value=20).map(float))


@given(pairs, priorities, st.booleans(), st.randoms(use_true_random=False))
def test_ranking_is_deterministic(
    gaps: list[tuple[str, int | None]],
    weights: dict[str, float],
    by_headcount: bool,
    shuffler: random.Random,
) -> None:
    shuffled = list(gaps)
    shuffler.shuffle(shuffled)
    ranked = rank_learning_needs(gaps, weights, by_headcount)
    assert rank_learning_needs(shuffled, weights, by_headcount) == ranked
    assert [need.rank for need in ranked] == list(range(1, len(ranked) + 1))
    assert all(a.score >= b.score for a, b in itertools.pairwise(ranked))


@given(
    pairs,
    priorities,
    st.booleans(),
    st.integers(min_value=1, max_value=1000) | st.sampled_from([2.0**-10, 0.5, 2.0**20]),
)
def test_ranking_is_scale_invariant_in_priorities(
    gaps: list[tuple[str, int | None]],
    weights: dict[str, float],
    by_headcount: bool,
    factor: float,
) -> None:
    # Codes with no priority default to 1.0, so scale them too.
    full = {code: weights.get(code, 1.0) for code in ["IM-A", "IM-B", "IM-C", "IM-D", "IM-E"]}
    scaled = {code: value * factor for code, value in full.items()}
    before = [need.code for need in rank_learning_needs(gaps, full, by_headcount)]
    after = [need.code for need in rank_learning_needs(gaps, scaled, by_headcount)]
    assert after == before
