"""Disclosure control: no published number describes fewer than the threshold, and no hidden
number can be worked out from the published ones.

The attacker here knows every published number of a table (cells, row totals, column totals,
grand total) and that counts are non-negative whole numbers. Two independent checks stand in
for them: exact Gaussian elimination over fractions finds every hidden value that the
published equations pin down, and for every hidden value a concrete other table is built,
checked against everything published, in which that value is one higher and one lower.
"""

import random
from collections import deque
from collections.abc import Iterator, Sequence
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guild.core.disclosure import (
    COMPLEMENTARY,
    DEFAULT_THRESHOLD,
    MINIMUM_THRESHOLD,
    SMALL,
    Cell,
    Frequencies,
    Suppressed,
    SuppressedTable,
    check_threshold,
    mean,
    percent,
    pool_small_groups,
    suppress_frequencies,
    suppress_table,
)

Entry = tuple[int, int]
Grid = list[list[int]]
Node = tuple[str, int]

S, C = SMALL, COMPLEMENTARY


# --- the attacker's tools -------------------------------------------------------------------


def extended_values(table: Sequence[Sequence[int]]) -> Grid:
    """The table with its row totals as a last column and column totals as a last row."""
    grid = [[*row, sum(row)] for row in table]
    grid.append([sum(column) for column in zip(*grid, strict=True)])
    return grid


def extended_cells(result: SuppressedTable) -> list[list[Cell]]:
    grid = [[*row, total] for row, total in zip(result.cells, result.row_totals, strict=True)]
    grid.append([*result.column_totals, result.grand_total])
    return grid


def hidden_entries(result: SuppressedTable) -> set[Entry]:
    return {
        (i, j)
        for i, row in enumerate(extended_cells(result))
        for j, cell in enumerate(row)
        if isinstance(cell, Suppressed)
    }


def lines(height: int, width: int) -> Iterator[list[tuple[Entry, int]]]:
    """The equations of an extended table: each line's values add up to its total."""
    for i in range(height):
        yield [((i, j), 1) for j in range(width - 1)] + [((i, width - 1), -1)]
    for j in range(width):
        yield [((i, j), 1) for i in range(height - 1)] + [((height - 1, j), -1)]


def recoverable(values: Grid, hidden: set[Entry]) -> dict[Entry, Fraction]:
    """Every hidden value that the published values pin down, with the value they give.

    Reduced row echelon form over fractions of the line equations in the hidden values
    (published values moved to the right-hand side): a hidden value is pinned down exactly
    when a row of the reduced system names it alone.
    """
    unknowns = sorted(hidden)
    position = {entry: k for k, entry in enumerate(unknowns)}
    matrix: list[list[Fraction]] = []
    for line in lines(len(values), len(values[0])):
        row = [Fraction(0)] * (len(unknowns) + 1)
        for (i, j), coefficient in line:
            if (i, j) in position:
                row[position[(i, j)]] += coefficient
            else:
                row[-1] -= coefficient * values[i][j]
        matrix.append(row)
    pivots: list[int] = []
    for column in range(len(unknowns)):
        top = len(pivots)
        found = next((r for r in range(top, len(matrix)) if matrix[r][column] != 0), None)
        if found is None:
            continue
        matrix[top], matrix[found] = matrix[found], matrix[top]
        pivot = matrix[top][column]
        matrix[top] = [value / pivot for value in matrix[top]]
        for r in range(len(matrix)):
            if r != top and matrix[r][column] != 0:
                factor = matrix[r][column]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[top], strict=True)]
        pivots.append(column)
    assert all(any(row[:-1]) or row[-1] == 0 for row in matrix), "the equations disagree"
    return {
        unknowns[column]: matrix[r][-1]
        for r, column in enumerate(pivots)
        if all(matrix[r][k] == 0 for k in range(len(unknowns)) if k != column)
    }


def agrees(candidate: Grid, published: list[list[Cell]]) -> bool:
    """Whether ``candidate`` is a table of counts that a reader cannot tell from the real one."""
    height, width = len(candidate), len(candidate[0])
    if any(value < 0 for row in candidate for value in row):
        return False
    for line in lines(height, width):
        if sum(coefficient * candidate[i][j] for (i, j), coefficient in line) != 0:
            return False
    return all(
        isinstance(cell, Suppressed) or cell == candidate[i][j]
        for i, row in enumerate(published)
        for j, cell in enumerate(row)
    )


def alternative(values: Grid, published: list[list[Cell]], target: Entry, step: int) -> Grid | None:
    """Another table agreeing with everything published, with ``target`` moved by ``step``.

    Looks for a cycle of hidden values through ``target`` (rows and columns of the extended
    table as nodes, hidden values as edges), moves the values around it by ±``step`` so that
    every line still adds up, and returns the result only if :func:`agrees` accepts it.
    """
    height, width = len(values), len(values[0])

    def sign(node: Node, entry: Entry) -> int:
        kind, index = node
        total = (index, width - 1) if kind == "row" else (height - 1, index)
        return -1 if entry == total else 1

    links: dict[Node, list[tuple[Node, Entry]]] = {}
    for i, row in enumerate(published):
        for j, cell in enumerate(row):
            if isinstance(cell, Suppressed) and (i, j) != target:
                links.setdefault(("row", i), []).append((("column", j), (i, j)))
                links.setdefault(("column", j), []).append((("row", i), (i, j)))
    start, goal = ("column", target[1]), ("row", target[0])
    came_from: dict[Node, tuple[Node, Entry]] = {}
    queue = deque([start])
    while queue and goal not in came_from:
        node = queue.popleft()
        for other, entry in links.get(node, []):
            if other != start and other not in came_from:
                came_from[other] = (node, entry)
                queue.append(other)
    if goal not in came_from:
        return None
    path: list[tuple[Node, Entry]] = []
    node = goal
    while node != start:
        previous, entry = came_from[node]
        path.append((previous, entry))
        node = previous
    candidate = [row[:] for row in values]
    candidate[target[0]][target[1]] += step
    last, moved = target, step
    for node, entry in reversed(path):
        moved = -sign(node, last) * sign(node, entry) * moved
        candidate[entry[0]][entry[1]] += moved
        last = entry
    return candidate if agrees(candidate, published) else None


def assert_protected(table: Sequence[Sequence[int]], threshold: int) -> SuppressedTable:
    """Every property the product issue asks of a suppressed table, checked exactly."""
    result = suppress_table(table, threshold)
    values = extended_values(table)
    published = extended_cells(result)
    for i, row in enumerate(published):
        for j, cell in enumerate(row):
            value = values[i][j]
            if isinstance(cell, Suppressed):
                assert value >= 1
                assert cell == (SMALL if value < threshold else COMPLEMENTARY)
            else:
                assert cell == value
                assert value == 0 or value >= threshold
    hidden = hidden_entries(result)
    assert recoverable(values, hidden) == {}
    for i, j in sorted(hidden):
        for step in (1, -1):
            candidate = alternative(values, published, (i, j), step)
            assert candidate is not None, f"cell {(i, j)} cannot move by {step}"
            assert candidate[i][j] == values[i][j] + step
    return result


# --- thresholds, markers, percentages and means ---------------------------------------------


def test_threshold_defaults_and_minimum() -> None:
    assert DEFAULT_THRESHOLD == 10
    assert MINIMUM_THRESHOLD == 5
    assert check_threshold(5) == 5
    assert check_threshold(25) == 25


@pytest.mark.parametrize("threshold", [4, 1, 0, -10])
def test_a_threshold_below_five_is_refused(threshold: int) -> None:
    with pytest.raises(ValueError, match="minimum of 5"):
        check_threshold(threshold)
    with pytest.raises(ValueError):
        suppress_table([[20]], threshold)
    with pytest.raises(ValueError):
        suppress_frequencies({"a": 20}, threshold)
    with pytest.raises(ValueError):
        pool_small_groups({"a": 20}, threshold, "Other")


@pytest.mark.parametrize("threshold", [True, 10.0, "10"])
def test_a_threshold_must_be_an_int(threshold: object) -> None:
    with pytest.raises(TypeError):
        check_threshold(threshold)  # type: ignore[arg-type]


def test_markers_compare_by_reason() -> None:
    assert Suppressed("small") == SMALL
    assert Suppressed("complementary") == COMPLEMENTARY
    assert SMALL != COMPLEMENTARY
    assert SMALL != 0
    assert {SMALL, Suppressed("small")} == {SMALL}


def test_percent() -> None:
    assert percent(25, 100) == 25.0
    assert percent(10, 40) == 25.0
    assert percent(0, 40) == 0.0
    assert percent(40, 40) == 100.0
    assert percent(0, 0) == 0.0
    assert percent(SMALL, 40) is SMALL
    assert percent(C, 40) == COMPLEMENTARY
    assert percent(12, SMALL) == SMALL
    assert percent(12, C) == COMPLEMENTARY
    assert percent(S, C) == SMALL


@pytest.mark.parametrize(("part", "whole"), [(11, 10), (-1, 10), (1, 0), (5, -5)])
def test_percent_refuses_impossible_counts(part: int, whole: int) -> None:
    with pytest.raises(ValueError):
        percent(part, whole)


def test_mean() -> None:
    assert mean(120.0, 12) == 10.0
    assert mean(3, 10) == 0.3
    assert mean(50.0, SMALL) == SMALL
    assert mean(50.0, C) == COMPLEMENTARY
    with pytest.raises(ValueError):
        mean(0.0, 0)
    with pytest.raises(ValueError):
        mean(10.0, -3)


# --- pooling --------------------------------------------------------------------------------


def test_no_small_group_leaves_the_counts_alone() -> None:
    counts = {"ESDC": 40, "CRA": 12, "PSPC": 10}
    pooled = pool_small_groups(counts, 10, "Other organizations")
    assert pooled == counts
    assert list(pooled) == ["ESDC", "CRA", "PSPC"]
    assert pooled is not counts


def test_small_groups_are_pooled_last_in_order() -> None:
    counts = {"ESDC": 40, "NRC": 6, "CRA": 12, "DFO": 5, "PSPC": 30}
    pooled = pool_small_groups(counts, 10, "Other organizations")
    assert pooled == {"ESDC": 40, "CRA": 12, "PSPC": 30, "Other organizations": 11}
    assert list(pooled) == ["ESDC", "CRA", "PSPC", "Other organizations"]


def test_a_small_pool_takes_the_next_smallest_groups() -> None:
    counts = {"ESDC": 40, "CRA": 12, "NRC": 3, "PSPC": 11}
    assert pool_small_groups(counts, 10, "Other") == {"ESDC": 40, "CRA": 12, "Other": 14}
    counts = {"A": 2, "B": 1, "C": 3, "D": 50}
    assert pool_small_groups(counts, 10, "Other") == {"Other": 56}


def test_ties_for_next_smallest_go_to_the_group_listed_first() -> None:
    counts = {"A": 30, "B": 12, "C": 12, "D": 4}
    assert pool_small_groups(counts, 10, "Other") == {"A": 30, "C": 12, "Other": 16}


def test_everything_small_is_one_pool_that_suppression_then_hides() -> None:
    pooled = pool_small_groups({"A": 4, "B": 3}, 10, "Other")
    assert pooled == {"Other": 7}
    shown = suppress_frequencies(pooled, 10)
    assert shown.counts == {"Other": SMALL}
    assert shown.n == SMALL


def test_a_pool_of_empty_groups_shows_zero() -> None:
    assert pool_small_groups({"A": 50, "B": 0, "C": 0}, 10, "Other") == {"A": 50, "Other": 0}


def test_pooling_checks_its_input() -> None:
    assert pool_small_groups({}, 10, "Other") == {}
    with pytest.raises(ValueError, match="already"):
        pool_small_groups({"Other": 3, "A": 40}, 10, "Other")
    with pytest.raises(ValueError):
        pool_small_groups({"A": -1}, 10, "Other")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=60), max_size=25),
    st.integers(min_value=5, max_value=15),
)
def test_pooling_properties(sizes: list[int], threshold: int) -> None:
    counts = {f"group {index}": size for index, size in enumerate(sizes)}
    pooled = pool_small_groups(counts, threshold, "Other")
    assert pooled == pool_small_groups(counts, threshold, "Other")
    assert sum(pooled.values()) == sum(sizes)
    kept = [label for label in pooled if label != "Other"]
    assert kept == [label for label in counts if label in pooled]
    assert all(pooled[label] == counts[label] >= threshold for label in kept)
    gone = [label for label in counts if label not in pooled]
    if not gone:
        assert "Other" not in pooled
        return
    assert list(pooled)[-1] == "Other"
    if kept:
        assert max(counts[label] for label in gone) <= min(counts[label] for label in kept)
    pool = pooled["Other"]
    assert pool == 0 or pool >= threshold or not kept


# --- one-way frequencies --------------------------------------------------------------------


def test_one_small_option_hides_the_next_smallest() -> None:
    shown = suppress_frequencies({"Yes": 40, "No": 3, "Unsure": 12}, 10)
    assert shown == Frequencies(
        counts={"Yes": 40, "No": SMALL, "Unsure": COMPLEMENTARY},
        percentages={"Yes": 100 * 40 / 55, "No": SMALL, "Unsure": COMPLEMENTARY},
        n=55,
    )
    assert list(shown.counts) == ["Yes", "No", "Unsure"]


def test_two_small_options_protect_each_other() -> None:
    shown = suppress_frequencies({"Yes": 40, "No": 3, "Unsure": 2}, 10)
    assert shown.counts == {"Yes": 40, "No": SMALL, "Unsure": SMALL}
    assert shown.n == 45


def test_ties_for_the_complement_go_to_the_first_option() -> None:
    shown = suppress_frequencies({"A": 15, "B": 15, "C": 2}, 10)
    assert shown.counts == {"A": COMPLEMENTARY, "B": 15, "C": SMALL}


def test_zero_counts_are_published() -> None:
    shown = suppress_frequencies({"Yes": 25, "No": 0}, 10)
    assert shown == Frequencies({"Yes": 25, "No": 0}, {"Yes": 100.0, "No": 0.0}, 25)


def test_a_count_at_the_threshold_is_published() -> None:
    shown = suppress_frequencies({"Yes": 5, "No": 20}, 5)
    assert shown.counts == {"Yes": 5, "No": 20}
    assert shown.percentages == {"Yes": 20.0, "No": 80.0}


def test_a_small_question_hides_everything_but_zeros() -> None:
    shown = suppress_frequencies({"Yes": 4, "No": 0, "Unsure": 3}, 10)
    assert shown == Frequencies(
        counts={"Yes": SMALL, "No": 0, "Unsure": SMALL},
        percentages={"Yes": SMALL, "No": SMALL, "Unsure": SMALL},
        n=SMALL,
    )


def test_a_question_nobody_answered() -> None:
    assert suppress_frequencies({}, 10) == Frequencies({}, {}, 0)
    assert suppress_frequencies({"Yes": 0}, 10) == Frequencies({"Yes": 0}, {"Yes": 0.0}, 0)


def test_frequencies_check_their_input() -> None:
    with pytest.raises(ValueError):
        suppress_frequencies({"Yes": -1}, 10)
    with pytest.raises(TypeError):
        suppress_frequencies({"Yes": 2.5}, 10)  # type: ignore[dict-item]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=40), max_size=8),
    st.integers(min_value=5, max_value=15),
)
def test_no_hidden_frequency_can_be_recovered(sizes: list[int], threshold: int) -> None:
    counts = {f"option {index}": size for index, size in enumerate(sizes)}
    shown = suppress_frequencies(counts, threshold)
    assert shown == suppress_frequencies(counts, threshold)
    assert list(shown.counts) == list(counts)
    cells = [*shown.counts.values(), shown.n]
    values = [*sizes, sum(sizes)]
    for cell, value in zip(cells, values, strict=True):
        if isinstance(cell, Suppressed):
            assert cell == (SMALL if value < threshold else COMPLEMENTARY)
        else:
            assert cell == value
            assert value == 0 or value >= threshold
    # One equation links them (the counts add up to n): a hidden value is safe exactly when
    # another hidden value can move with it, and every hidden value is at least 1.
    hidden = [index for index, cell in enumerate(cells) if isinstance(cell, Suppressed)]
    assert len(hidden) != 1
    assert all(values[index] >= 1 for index in hidden)
    for label, cell in shown.counts.items():
        expected = percent(cell, shown.n)
        assert shown.percentages[label] == expected
        assert isinstance(expected, Suppressed) == (
            isinstance(cell, Suppressed) or isinstance(shown.n, Suppressed)
        )


# --- two-way tables: hand-made examples -----------------------------------------------------


def test_one_small_cell_costs_a_block_of_four() -> None:
    result = suppress_table([[3, 20, 30], [15, 12, 25], [40, 18, 50]], 10)
    assert result == SuppressedTable(
        cells=((S, C, 30), (C, C, 25), (40, 18, 50)),
        row_totals=(53, 52, 108),
        column_totals=(58, 50, 105),
        grand_total=213,
    )
    assert_protected([[3, 20, 30], [15, 12, 25], [40, 18, 50]], 10)


def test_nothing_small_hides_nothing() -> None:
    table = [[0, 20], [15, 30]]
    assert suppress_table(table, 10) == SuppressedTable(((0, 20), (15, 30)), (20, 45), (15, 50), 65)


def test_a_cell_joining_two_protected_blocks_gets_a_cycle() -> None:
    # Each line holds two or three small cells, yet rows 0 and 1 minus columns 0 and 1 leave
    # cell (1, 2) = 2 alone. The cheapest value that puts it on a cycle is (2, 1) = 22.
    table = [[2, 3, 30, 25], [4, 1, 2, 40], [50, 22, 3, 4], [35, 45, 2, 1]]
    values = extended_values(table)
    small = {(i, j) for i, row in enumerate(values) for j, value in enumerate(row) if value < 10}
    assert recoverable(values, small) == {(1, 2): 2}
    result = assert_protected(table, 10)
    assert result.cells == (
        (S, S, 30, 25),
        (S, S, S, 40),
        (50, C, S, S),
        (35, 45, S, S),
    )
    assert (result.row_totals, result.column_totals, result.grand_total) == (
        (60, 47, 79, 83),
        (91, 71, 37, 70),
        269,
    )


def test_a_small_row_total_is_hidden_with_another_row_total() -> None:
    # Row 0 adds up to 5: its total is small, and the grand total minus the other row totals
    # would give it away unless another row total is hidden too.
    table = [[2, 3, 0], [20, 15, 30], [25, 40, 12]]
    result = assert_protected(table, 10)
    assert result == SuppressedTable(
        cells=((S, S, 0), (C, C, 30), (25, 40, 12)),
        row_totals=(S, C, 77),
        column_totals=(47, 58, 42),
        grand_total=147,
    )


def test_the_grand_total_can_be_the_cheapest_complement() -> None:
    result = assert_protected([[3, 0], [0, 50]], 10)
    assert result == SuppressedTable(
        cells=((S, 0), (0, 50)), row_totals=(S, 50), column_totals=(S, 50), grand_total=C
    )


def test_a_table_below_the_threshold_shows_only_zeros() -> None:
    result = assert_protected([[3, 0], [0, 2]], 10)
    assert result == SuppressedTable(
        cells=((S, 0), (0, S)), row_totals=(S, S), column_totals=(S, S), grand_total=S
    )


def test_the_service_wide_total_cannot_give_away_a_small_column() -> None:
    # Column 1 adds up to 4; with every other column total and the grand total published,
    # it would be 4 by subtraction, so a second column total is hidden.
    table = [[30, 4, 12], [25, 0, 40]]
    result = assert_protected(table, 10)
    assert result.column_totals[1] == SMALL
    assert sum(isinstance(total, Suppressed) for total in result.column_totals) == 2


def test_empty_tables() -> None:
    assert suppress_table([], 10) == SuppressedTable((), (), (), 0)
    assert suppress_table([[]], 10) == SuppressedTable(((),), (0,), (), 0)
    assert suppress_table([[0, 0], [0, 0]], 10) == SuppressedTable(
        ((0, 0), (0, 0)), (0, 0), (0, 0), 0
    )


def test_tables_check_their_input() -> None:
    with pytest.raises(ValueError, match="same length"):
        suppress_table([[1, 2], [3]], 10)
    with pytest.raises(ValueError, match="negative"):
        suppress_table([[1, -2]], 10)
    with pytest.raises(TypeError):
        suppress_table([[1, True]], 10)


def test_the_input_is_left_alone() -> None:
    table = [[3, 20, 30], [15, 12, 25]]
    suppress_table(table, 10)
    assert table == [[3, 20, 30], [15, 12, 25]]


# --- the checkers are not vacuous -----------------------------------------------------------


def test_the_attacker_finds_a_lone_hidden_cell() -> None:
    values = extended_values([[3, 20], [15, 12]])
    published: list[list[Cell]] = [[*row] for row in values]
    published[0][0] = SMALL
    assert recoverable(values, {(0, 0)}) == {(0, 0): 3}
    assert alternative(values, published, (0, 0), 1) is None
    # Hiding the whole row is not enough either: the column totals still give both away.
    assert recoverable(values, {(0, 0), (0, 1)}) == {(0, 0): 3, (0, 1): 20}


def test_the_attacker_respects_non_negative_counts() -> None:
    values = extended_values([[3, 20], [0, 12]])
    published: list[list[Cell]] = [[*row] for row in values]
    for i, j in [(0, 0), (0, 1), (1, 0), (1, 1)]:
        published[i][j] = SMALL
    assert alternative(values, published, (0, 0), -1) is not None
    assert alternative(values, published, (0, 0), 1) is None  # cell (1, 0) would be -1


# --- two-way tables: properties -------------------------------------------------------------


@st.composite
def tables(draw: st.DrawFn, largest: int = 40) -> list[list[int]]:
    height = draw(st.integers(min_value=2, max_value=5))
    width = draw(st.integers(min_value=2, max_value=5))
    row = st.lists(st.integers(min_value=0, max_value=largest), min_size=width, max_size=width)
    return draw(st.lists(row, min_size=height, max_size=height))


thresholds = st.integers(min_value=5, max_value=15)


@settings(max_examples=300, deadline=None)
@given(tables(), thresholds)
def test_no_hidden_cell_can_be_recovered(table: list[list[int]], threshold: int) -> None:
    assert_protected(table, threshold)


@settings(max_examples=300, deadline=None)
@given(tables(largest=14), thresholds)
def test_no_hidden_cell_can_be_recovered_from_mostly_small_tables(
    table: list[list[int]], threshold: int
) -> None:
    assert_protected(table, threshold)


@settings(max_examples=300, deadline=None)
@given(tables(), thresholds)
def test_the_same_table_gives_the_same_result(table: list[list[int]], threshold: int) -> None:
    copy = [row[:] for row in table]
    assert suppress_table(table, threshold) == suppress_table(copy, threshold)
    assert table == copy


# --- several breakdowns of one question -----------------------------------------------------

DEPARTMENTS = ["ESDC", "CRA", "NRC"]
REGIONS = ["East", "West"]
# Members by department (rows) and region (columns).
BY_REGION = [[22, 3], [30, 40], [15, 25]]


def test_suppressing_breakdowns_separately_leaks_by_subtraction() -> None:
    """Why breakdowns must come from one table: the attack that the next test defeats."""
    service_wide = suppress_frequencies(
        {name: sum(row) for name, row in zip(DEPARTMENTS, BY_REGION, strict=True)}, 10
    )
    east = suppress_frequencies(
        {name: row[0] for name, row in zip(DEPARTMENTS, BY_REGION, strict=True)}, 10
    )
    west = suppress_frequencies(
        {name: row[1] for name, row in zip(DEPARTMENTS, BY_REGION, strict=True)}, 10
    )
    assert west.counts["ESDC"] == SMALL
    total, in_east = service_wide.counts["ESDC"], east.counts["ESDC"]
    assert isinstance(total, int) and isinstance(in_east, int)
    assert total - in_east == 3  # the hidden West count, recovered


def test_breakdowns_read_off_one_table_defeat_the_subtraction() -> None:
    table = assert_protected(BY_REGION, 10)
    service_wide = table.breakdown(DEPARTMENTS)
    east = table.breakdown(DEPARTMENTS, column=0)
    west = table.breakdown(DEPARTMENTS, column=1)
    assert service_wide == Frequencies(
        counts={"ESDC": 25, "CRA": 70, "NRC": 40},
        percentages={"ESDC": 2500 / 135, "CRA": 7000 / 135, "NRC": 4000 / 135},
        n=135,
    )
    assert east.counts == {"ESDC": C, "CRA": 30, "NRC": C}
    assert west.counts == {"ESDC": S, "CRA": 40, "NRC": C}
    assert (east.n, west.n) == (67, 68)
    assert east.percentages == {"ESDC": C, "CRA": 3000 / 67, "NRC": C}
    # Every difference of a service-wide count and a regional one needs a hidden value.
    for name in DEPARTMENTS:
        for regional, other in ((east, west), (west, east)):
            if isinstance(regional.counts[name], int):
                assert isinstance(other.counts[name], int) or isinstance(
                    service_wide.counts[name], Suppressed
                )
    by_department = table.transposed().breakdown(REGIONS, column=0)
    assert by_department.counts == {"East": C, "West": S}
    assert by_department.n == 25


def test_a_breakdown_over_a_hidden_base_hides_its_percentages() -> None:
    table = suppress_table([[0, 20], [4, 30], [0, 25]], 10)
    column = table.breakdown(["a", "b", "c"], column=0)
    assert column.counts == {"a": 0, "b": S, "c": 0}
    assert column.n == S
    assert column.percentages == {"a": S, "b": S, "c": S}


def test_breakdowns_check_their_labels() -> None:
    table = suppress_table(BY_REGION, 10)
    with pytest.raises(ValueError, match="labels"):
        table.breakdown(["ESDC", "CRA"])
    with pytest.raises(ValueError, match="unique"):
        table.breakdown(["ESDC", "CRA", "CRA"], column=1)
    with pytest.raises(IndexError):
        table.breakdown(DEPARTMENTS, column=2)
    with pytest.raises(IndexError):
        table.breakdown(DEPARTMENTS, column=-1)


def published_facts(table: SuppressedTable, height: int, width: int) -> dict[Entry, int]:
    """Everything a reader gathers from every breakdown and percentage of one table, as
    extended-table positions and values (a percentage with its base gives its count)."""
    rows = [f"row {i}" for i in range(height)]
    columns = [f"column {j}" for j in range(width)]
    facts: dict[Entry, int] = {}

    def gather(breakdown: Frequencies, positions: list[Entry], base: Entry) -> None:
        if isinstance(breakdown.n, int):
            facts[base] = breakdown.n
        for position, label in zip(positions, breakdown.counts, strict=True):
            count, share = breakdown.counts[label], breakdown.percentages[label]
            if isinstance(count, int):
                facts[position] = count
            if not isinstance(share, Suppressed):
                assert isinstance(breakdown.n, int) and isinstance(count, int)
                facts[position] = round(share * breakdown.n / 100)

    gather(table.breakdown(rows), [(i, width) for i in range(height)], (height, width))
    flipped = table.transposed()
    gather(flipped.breakdown(columns), [(height, j) for j in range(width)], (height, width))
    for j in range(width):
        gather(table.breakdown(rows, column=j), [(i, j) for i in range(height)], (height, j))
    for i in range(height):
        gather(flipped.breakdown(columns, column=i), [(i, j) for j in range(width)], (i, width))
    return facts


@settings(max_examples=300, deadline=None)
@given(tables(), thresholds)
def test_differences_of_breakdowns_reveal_nothing(table: list[list[int]], threshold: int) -> None:
    result = suppress_table(table, threshold)
    height, width = len(table), len(table[0])
    values = extended_values(table)
    facts = published_facts(result, height, width)
    for (i, j), value in facts.items():
        assert values[i][j] == value
    # The breakdowns publish nothing the table does not, so the table's protection holds.
    everything = {(i, j) for i in range(height + 1) for j in range(width + 1)}
    assert everything - set(facts) == hidden_entries(result)
    assert recoverable(values, everything - set(facts)) == {}
    # The subtraction attack, spelled out: a service-wide count minus all but one of its
    # regional counts.
    for i in range(height):
        for j in range(width):
            others = [(i, k) for k in range(width) if k != j] + [(i, width)]
            if all(position in facts for position in others):
                assert (i, j) in facts


# --- size -----------------------------------------------------------------------------------


@pytest.mark.parametrize("largest", [40, 14, 200])
def test_a_sixty_by_forty_table(largest: int) -> None:
    generator = random.Random(largest)
    table = [[generator.randint(0, largest) for _ in range(40)] for _ in range(60)]
    result = suppress_table(table, 10)
    assert len(result.cells) == 60
    assert all(len(row) == 40 for row in result.cells)
    values = extended_values(table)
    published = extended_cells(result)
    assert all(
        isinstance(cell, Suppressed) or cell == values[i][j]
        for i, row in enumerate(published)
        for j, cell in enumerate(row)
    )
    assert all(
        value == 0 or value >= 10
        for row in published
        for value in row
        if not isinstance(value, Suppressed)
    )
    hidden = sorted(hidden_entries(result))
    for i, j in hidden[:: max(1, len(hidden) // 40)]:
        assert alternative(values, published, (i, j), 1) is not None
        assert alternative(values, published, (i, j), -1) is not None
