"""Disclosure control of two-way tables: no published number describes fewer than the
threshold, and every hidden number keeps a feasible range at least the threshold wide
whatever published numbers a reader combines (the attacker's tools: disclosure_attacker.py).
"""

import random

import pytest
from hypothesis import given, settings

from guild.core.disclosure import (
    COMPLEMENTARY,
    SMALL,
    CannotProtect,
    Cell,
    Suppressed,
    SuppressedTable,
    protect_with_known_totals,
    suppress_table,
)
from guild.core.tests.disclosure_attacker import (
    alternative,
    assert_protected,
    extended_cells,
    extended_values,
    feasible_ranges,
    hidden_entries,
    recoverable,
    tables,
    thresholds,
)

S, C = SMALL, COMPLEMENTARY


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


def test_a_small_cell_needs_a_cycle_with_room_to_move_by_the_threshold() -> None:
    # Each line holds two or three small cells, yet rows 0 and 1 minus columns 0 and 1 leave
    # cell (1, 2) = 2 alone. Cycles of small cells do not protect it either: along them it
    # can move by less than the threshold. So each small cell gets a cycle whose values that
    # go down as it goes up are all at least 11, at the cost of 22, 30, 25, 40 and 35.
    table = [[2, 3, 30, 25], [4, 1, 2, 40], [50, 22, 3, 4], [35, 45, 2, 1]]
    values = extended_values(table)
    small = {(i, j) for i, row in enumerate(values) for j, value in enumerate(row) if value < 10}
    assert recoverable(values, small) == {(1, 2): 2}
    assert min(feasible_ranges(values, small | {(2, 1)}).values()) < 10
    result = assert_protected(table, 10)
    assert result.cells == (
        (S, S, C, C),
        (S, S, S, C),
        (50, C, S, S),
        (C, 45, S, S),
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


@settings(max_examples=150, deadline=None)
@given(tables(), thresholds)
def test_no_hidden_cell_can_be_recovered(table: list[list[int]], threshold: int) -> None:
    assert_protected(table, threshold)


@settings(max_examples=150, deadline=None)
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


# Members by department (rows) and region (columns).


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


def test_hidden_cells_can_be_protected_from_a_reader_who_knows_every_total() -> None:
    table = [[3, 20, 30, 12], [15, 12, 25, 40], [40, 18, 50, 2], [11, 35, 14, 60]]
    hidden = {(0, 0), (2, 3)}
    extra = protect_with_known_totals(table, hidden, 10)
    assert extra == {(0, 1), (0, 3), (1, 0), (1, 1), (2, 1)}
    widths = feasible_ranges(extended_values(table), hidden | extra)
    assert min(widths.values()) >= 10
    assert all(i < 4 and j < 4 for i, j in extra)


def test_a_line_of_small_cells_cannot_be_protected_with_its_total_known() -> None:
    with pytest.raises(CannotProtect):
        protect_with_known_totals([[3, 2, 4], [30, 40, 50]], {(0, 0), (0, 1), (0, 2)}, 10)
