"""Two-way tables of counts with their totals: primary and complementary suppression."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from guild.core.disclosure.cells import (
    Cell,
    Frequencies,
    Grid,
    Hidden,
    _cell,
    _count,
    _frequencies,
    _primary,
    check_threshold,
)
from guild.core.disclosure.cycles import protect_hidden


@dataclass(frozen=True)
class SuppressedTable:
    """A suppressed two-way table of counts with its totals, every value a :data:`Cell`.

    ``cells[i][j]`` is row ``i``, column ``j``; ``row_totals[i]`` adds up row ``i``,
    ``column_totals[j]`` column ``j``, and ``grand_total`` everything.
    """

    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    grand_total: Cell

    def breakdown(self, labels: Sequence[str], column: int | None = None) -> Frequencies:
        """The rows as a one-way breakdown, labelled by ``labels``.

        With ``column`` the counts are that column's cells over its column total (the
        question within one group); without, they are the row totals over the grand total
        (the question across all groups). Every breakdown of one question published from the
        same table keeps the protection of the table: subtracting one from another reveals
        nothing. For the columns as a breakdown, use :meth:`transposed`.
        """
        if column is None:
            return _frequencies(labels, self.row_totals, self.grand_total)
        if not 0 <= column < len(self.column_totals):
            raise IndexError(f"no column {column}")
        return _frequencies(labels, [row[column] for row in self.cells], self.column_totals[column])

    def transposed(self) -> "SuppressedTable":
        """The same table with rows and columns swapped (nothing is suppressed again)."""
        return SuppressedTable(
            cells=tuple(zip(*self.cells, strict=True)) if self.cells else (),
            row_totals=self.column_totals,
            column_totals=self.row_totals,
            grand_total=self.grand_total,
        )


def suppress_table(
    table: Sequence[Sequence[int]],
    threshold: int,
    *,
    keep_hidden: Iterable[tuple[int, int]] = (),
    keep_published: Iterable[tuple[int, int]] = (),
) -> SuppressedTable:
    """Suppress a two-way table of counts published with its totals (see the module's rules).

    Every hidden value is left a feasible range at least ``threshold`` wide, whatever the
    published values of the table a reader combines, even a reader who knows every hidden
    value is at least 1 (rule 2, :mod:`guild.core.disclosure.cycles`).

    ``table`` is a list of equally long rows of non-negative counts, each person counted in
    one cell. The same table always gives the same result.

    ``keep_hidden`` names non-zero values of the extended table (``(len(table), j)`` is a
    column total, ``(i, width)`` a row total) that must be hidden whatever their size, as
    ``"complementary"`` unless small: totals hidden in another table of the same people (see
    "Several breakdowns of one question"). The rules then run as usual around them.
    ``keep_published`` names values that must stay published (totals published by another
    table); :class:`~guild.core.disclosure.cycles.CannotProtect` is raised when the rules
    cannot be met without hiding one of them.
    """
    limit = check_threshold(threshold)
    rows = [[_count(value) for value in row] for row in table]
    width = len(rows[0]) if rows else 0
    if any(len(row) != width for row in rows):
        raise ValueError("every row of the table must have the same length")
    grid = [[*row, sum(row)] for row in rows]
    grid.append([sum(row[j] for row in grid) for j in range(width + 1)])
    hidden = [[_primary(value, limit) for value in row] for row in grid]
    for i, j in keep_hidden:
        if grid[i][j] == 0:
            raise ValueError(f"value {(i, j)} is 0 and cannot be kept hidden")
        hidden[i][j] = hidden[i][j] or "complementary"
    fixed = frozenset(keep_published)
    _pair_lines(grid, hidden, limit, fixed)
    protect_hidden(grid, hidden, limit, fixed)
    extended = [
        tuple(_cell(value, reason) for value, reason in zip(row, reasons, strict=True))
        for row, reasons in zip(grid, hidden, strict=True)
    ]
    return SuppressedTable(
        cells=tuple(row[:-1] for row in extended[:-1]),
        row_totals=tuple(row[-1] for row in extended[:-1]),
        column_totals=extended[-1][:-1],
        grand_total=extended[-1][-1],
    )


def line_has_room(hidden_values: Sequence[int], threshold: int) -> bool:
    """Whether the hidden values of one line (whose total is known) are protected: none,
    or at least two adding up to ``threshold + k`` or more for ``k`` of them. Each then
    has a feasible range at least ``threshold`` wide along that line, even for a reader
    who knows it is at least 1 (zeros are published)."""
    count = len(hidden_values)
    return count == 0 or (count >= 2 and sum(hidden_values) >= threshold + count)


def _pair_lines(grid: Grid, hidden: Hidden, room: int, fixed: frozenset[tuple[int, int]]) -> None:
    """Rule 1: give every line of the extended table with one hidden value a second, and
    enough hidden values to leave every one a wide range (:func:`line_has_room`); values
    in ``fixed`` stay published."""
    height, width = len(grid), len(grid[0])
    in_row = [sum(reason is not None for reason in row) for row in hidden]
    in_column = [sum(row[j] is not None for row in hidden) for j in range(width)]
    row_sum = [sum(v for v, r in zip(grid[i], hidden[i], strict=True) if r) for i in range(height)]
    column_sum = [sum(grid[i][j] for i in range(height) if hidden[i][j]) for j in range(width)]

    full: set[tuple[str, int]] = set()  # lines with nothing left to hide

    def needs(line: tuple[str, int]) -> bool:
        kind, index = line
        count, total = (
            (in_row[index], row_sum[index])
            if kind == "row"
            else (
                in_column[index],
                column_sum[index],
            )
        )
        if line in full or count == 0:
            return False
        return count == 1 or total < room + count

    def hide(i: int, j: int) -> None:
        hidden[i][j] = "complementary"
        in_row[i] += 1
        in_column[j] += 1
        row_sum[i] += grid[i][j]
        column_sum[j] += grid[i][j]

    while True:
        row = next((i for i in range(height) if needs(("row", i))), None)
        if row is not None:
            options = [
                (not needs(("column", j)), grid[row][j], j)
                for j in range(width)
                if hidden[row][j] is None and grid[row][j] > 0 and (row, j) not in fixed
            ]
            if not options:
                full.add(("row", row))
                continue
            *_, j = min(options)
            hide(row, j)
            continue
        column = next((j for j in range(width) if needs(("column", j))), None)
        if column is None:
            return
        options = [
            (not needs(("row", i)), grid[i][column], i)
            for i in range(height)
            if hidden[i][column] is None and grid[i][column] > 0 and (i, column) not in fixed
        ]
        if not options:
            full.add(("column", column))
            continue
        *_, i = min(options)
        hide(i, column)


def protect_with_known_totals(
    table: Sequence[Sequence[int]], hidden: Iterable[tuple[int, int]], threshold: int
) -> set[tuple[int, int]]:
    """The further cells of ``table`` to hide so that every hidden cell (``hidden``, places
    in ``table``) keeps a feasible range at least ``threshold`` wide even for a reader who
    knows every row and column total: for a table whose totals are published, or can be
    narrowed, by other tables. Raises :class:`~guild.core.disclosure.cycles.CannotProtect`
    where the cells of some line leave too little room."""
    limit = check_threshold(threshold)
    rows = [[_count(value) for value in row] for row in table]
    width = len(rows[0]) if rows else 0
    grid = [[*row, sum(row)] for row in rows]
    grid.append([sum(row[j] for row in grid) for j in range(width + 1)])
    marks: Hidden = [[None] * (width + 1) for _ in grid]
    before = set(hidden)
    for i, j in before:
        marks[i][j] = "complementary"
    totals = {(i, width) for i in range(len(grid))} | {(len(rows), j) for j in range(width)}
    protect_hidden(grid, marks, limit, totals)
    return {
        (i, j)
        for i, row in enumerate(marks[:-1])
        for j, mark in enumerate(row[:-1])
        if mark is not None and (i, j) not in before
    }
