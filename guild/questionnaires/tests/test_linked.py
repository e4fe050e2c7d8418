"""Linked suppression of a questionnaire's tables: searched with hypothesis for a hidden
value that the published tables, taken together, give away."""

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guild.core.disclosure import COMPLEMENTARY, SMALL, Suppressed
from guild.questionnaires.results.linked import margin_cells, margin_hidden, suppress_linked
from guild.questionnaires.tests.disclosure_check import Equations

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_margin_hidden() -> None:
    assert margin_hidden([20, 3, 15, 0], 10) == {1, 2}
    # 3 and 4 add up to 7: the total would pin each to 1..6, so 20 is hidden too.
    assert margin_hidden([20, 3, 4, 0], 10) == {0, 1, 2}
    assert margin_hidden([9, 9, 30], 10) == {0, 1}
    assert margin_hidden([20, 30, 15, 0], 10) == set()
    assert margin_cells([20, 3, 15, 0], frozenset({1, 2}), 10) == (20, SMALL, COMPLEMENTARY, 0)


def test_a_linked_table_keeps_the_margins_it_is_given() -> None:
    table = [[12, 0, 3], [11, 14, 10], [0, 12, 0]]
    result = suppress_linked(table, 10, row_hidden=frozenset(), column_hidden=frozenset({2}) | {1})
    assert isinstance(result.column_totals[1], Suppressed)
    assert isinstance(result.column_totals[2], Suppressed)
    assert not isinstance(result.column_totals[0], Suppressed)
    assert result.grand_total == 62


def test_the_grand_total_must_reach_the_threshold() -> None:
    with pytest.raises(ValueError):
        suppress_linked([[3, 4]], 10, row_hidden=frozenset(), column_hidden=frozenset())


people = st.lists(
    st.tuples(st.integers(0, 3), st.integers(0, 2), st.integers(0, 3)), min_size=10, max_size=90
)


def _table(
    population: list[tuple[int, ...]], a: int, b: int, sizes: tuple[int, ...]
) -> list[list[int]]:
    counts = Counter((person[a], person[b]) for person in population)
    return [[counts[(i, j)] for j in range(sizes[b])] for i in range(sizes[a])]


@PROPERTY
@given(population=people, threshold=st.sampled_from([5, 10]))
def test_no_hidden_value_is_recovered_from_all_tables_together(
    population: list[tuple[int, ...]], threshold: int
) -> None:
    """Three variables, their margins and all three two-way tables, published together."""
    total = len(population)
    if total < threshold:
        return
    sizes = (4, 3, 4)
    names = ("answer", "department", "region")
    margins = [[sum(1 for p in population if p[v] == i) for i in range(sizes[v])] for v in range(3)]
    hidden = [margin_hidden(margin, threshold) for margin in margins]
    system = Equations(total)
    for v in range(3):
        system.margin(names[v], margins[v], margin_cells(margins[v], hidden[v], threshold))
    for a, b in ((0, 1), (0, 2), (1, 2)):
        table = _table(population, a, b, sizes)
        result = suppress_linked(table, threshold, row_hidden=hidden[a], column_hidden=hidden[b])
        system.table(
            names[a], names[b], table, result.cells, result.row_totals, result.column_totals
        )
    system.check(threshold)
