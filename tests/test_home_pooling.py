"""Counts on home pages pool small groups so none under the threshold can be read or
recovered from the total."""

from hypothesis import given
from hypothesis import strategies as st

from guild.reports.home import CountRow, _rows

LABELS = {n: f"D{n}" for n in range(30)}


def test_small_groups_join_other() -> None:
    counts = [{"k": 1, "n": 40}, {"k": 2, "n": 12}, {"k": 3, "n": 6}, {"k": 4, "n": 5}]
    assert _rows(counts, "k", LABELS, 10) == [
        CountRow("D1", 40),
        CountRow("D2", 12),
        CountRow("Other", 11),
    ]


def test_a_small_pool_takes_the_next_smallest_group() -> None:
    counts = [{"k": 1, "n": 40}, {"k": 2, "n": 12}, {"k": 3, "n": 3}]
    assert _rows(counts, "k", LABELS, 10) == [CountRow("D1", 40), CountRow("Other", 15)]


def test_everything_small_is_one_hidden_row() -> None:
    assert _rows([{"k": 1, "n": 4}, {"k": 2, "n": 3}], "k", LABELS, 10) == [CountRow("Other", None)]


@given(
    st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=25),
    st.integers(min_value=5, max_value=15),
)
def test_no_shown_count_is_below_the_threshold(sizes: list[int], threshold: int) -> None:
    rows = _rows([{"k": i, "n": n} for i, n in enumerate(sizes)], "k", LABELS, threshold)
    shown = [row.count for row in rows if row.count is not None]
    assert all(count >= threshold for count in shown)
    hidden = [row for row in rows if row.count is None]
    # At most one hidden row, and only when the whole population is below the threshold,
    # so subtracting shown rows from the total never reveals a small group.
    assert len(hidden) <= 1
    if hidden:
        assert sum(sizes) < threshold and len(rows) == 1
    else:
        assert sum(shown) == sum(sizes)
