"""Suppressing every published table of one questionnaire so that no two of them can be
played against each other. Pure: plain counts in, :mod:`guild.core.disclosure` cells out.

Results publish, for each counted variable (a question, a matrix row, an option of a
multiple-choice question…), its one-way *margin* (the service-wide figures) and any number
of two-way tables of it against a breakdown (department, region, another question). Every
category a person can fall in is a row or column, "no answer" and "not stated" included, so
the margins of every table of a variable are the same numbers: its service-wide figures.
The grand total is the number of responses, published (nothing at all is published below
the threshold).

Suppressing each table on its own would hide a margin in one table and publish it in
another, and a reader holding both could undo the first table's protection. So:

1. a variable's hidden margin is decided once, from its one-way counts (:func:`margin_hidden`:
   the small ones, and a second if only one is small);
2. each table is suppressed with exactly those margins kept hidden on both sides
   (:func:`suppress_linked`), and
3. within each table, the rows of the hidden row margins are joined to one another through
   hidden inner cells (and the columns of the hidden column margins likewise), through
   cells with room to move by the threshold where there are such.

Every hidden value of a table also keeps a feasible range at least the threshold wide
within it (:func:`guild.core.disclosure.suppress_table`), with the published margins and
the number of respondents never used as complements (``keep_published``).

Why that is enough: a reader's equations are every line of every published table. Moving
two hidden margin values of a variable by +1 and -1 is matched, in *each* table of that
variable, by moving the hidden inner cells along the path of step 3; every other hidden
value of a table lies on a cycle of hidden values (the disclosure rules), whose moves touch
the margins only in such pairs. So every hidden value can move while every published number
stays put: none can be worked out, from any combination of published tables and figures.
A table where step 3 or the protection of its hidden values cannot be done is published
with all its inner cells hidden, which keeps the same guarantee (see :func:`_all_hidden`).
"""

import heapq
from collections.abc import Sequence

from guild.core.disclosure import (
    COMPLEMENTARY,
    LOWEST_HIDDEN,
    SMALL,
    CannotProtect,
    Cell,
    Suppressed,
    SuppressedTable,
    check_threshold,
    line_has_room,
    protect_with_known_totals,
    suppress_table,
)

MAX_ROUNDS = 12


def margin_hidden(counts: Sequence[int], threshold: int) -> frozenset[int]:
    """The indices of a variable's margin to hide, its total being published.

    Counts above 0 and below the threshold; then, while the hidden counts leave no room
    (:func:`guild.core.disclosure.line_has_room`: at least two, adding up to the threshold
    plus their number), the smallest non-zero other count too (lowest index on ties), so
    the total minus the others narrows none of them to a range under the threshold.
    """
    limit = check_threshold(threshold)
    hidden = {i for i, count in enumerate(counts) if 0 < count < limit}
    while hidden and not line_has_room([counts[i] for i in hidden], limit):
        others = [(count, i) for i, count in enumerate(counts) if i not in hidden and count > 0]
        if not others:
            break
        hidden.add(min(others)[1])
    return frozenset(hidden)


def margin_cells(counts: Sequence[int], hidden: frozenset[int], threshold: int) -> tuple[Cell, ...]:
    """A margin as published: hidden values replaced by their marker."""
    return tuple(
        (SMALL if count < threshold else COMPLEMENTARY) if i in hidden else count
        for i, count in enumerate(counts)
    )


def suppress_linked(
    table: Sequence[Sequence[int]],
    threshold: int,
    *,
    row_hidden: frozenset[int],
    column_hidden: frozenset[int],
) -> SuppressedTable:
    """Suppress one table of a questionnaire's results (see the module's documentation).

    ``row_hidden`` and ``column_hidden`` come from :func:`margin_hidden` of the variables
    on either side; the grand total must be at least the threshold.
    """
    limit = check_threshold(threshold)
    rows = [list(row) for row in table]
    height = len(rows)
    width = len(rows[0]) if rows else 0
    row_totals = [sum(row) for row in rows]
    column_totals = [sum(row[j] for row in rows) for j in range(width)]
    if sum(row_totals) < limit:
        raise ValueError("a linked table's grand total must be at least the threshold")
    forced = {(i, width) for i in row_hidden} | {(height, j) for j in column_hidden}
    published = (
        {(i, width) for i in range(height) if i not in row_hidden and row_totals[i]}
        | {(height, j) for j in range(width) if j not in column_hidden and column_totals[j]}
        | {(height, width)}
    )
    for _ in range(MAX_ROUNDS):
        try:
            result = suppress_table(
                rows, limit, keep_hidden=sorted(forced), keep_published=published
            )
        except CannotProtect:
            break
        if (
            _hidden_indices(result.row_totals) != row_hidden
            or _hidden_indices(result.column_totals) != column_hidden
            or isinstance(result.grand_total, Suppressed)
        ):
            break
        inner = {
            (i, j)
            for i, row in enumerate(result.cells)
            for j, cell in enumerate(row)
            if isinstance(cell, Suppressed)
        }
        try:
            # A reader of every table may know the margins: the inner cells are protected
            # without moving them where the table has room for it.
            extra: set[tuple[int, int]] | None = protect_with_known_totals(rows, inner, limit)
        except CannotProtect:
            extra = set()
        if extra:
            forced |= extra
            continue
        extra = _joining_cells(rows, inner, sorted(row_hidden), limit, by_rows=True)
        if extra is not None:
            columns = _joining_cells(
                rows, inner | extra, sorted(column_hidden), limit, by_rows=False
            )
            extra = None if columns is None else extra | columns
        if extra is None:
            break
        if not extra:
            return result
        forced |= extra
    return _all_hidden(rows, row_totals, column_totals, row_hidden, column_hidden, limit)


def _hidden_indices(cells: Sequence[Cell]) -> frozenset[int]:
    return frozenset(i for i, cell in enumerate(cells) if isinstance(cell, Suppressed))


def _joining_cells(
    rows: list[list[int]],
    hidden: set[tuple[int, int]],
    targets: list[int],
    threshold: int,
    *,
    by_rows: bool,
) -> set[tuple[int, int]] | None:
    """Inner cells to hide so that the ``targets`` (rows, or columns) are joined through
    hidden inner cells; ``None`` if no chain of non-zero cells joins them.

    Nodes are rows ``0 .. height-1`` and columns ``height .. height+width-1``. A chain's
    cost is first the number of its cells too small to move by the threshold (below
    ``threshold + 1``, hidden or not: the move of two margins by the threshold must go
    through cells that can take it), then the people a published non-zero cell adds (then
    one per cell); hidden cells large enough cost nothing, zeros are never used. Each target
    is joined to the first one's part by the cheapest chain (Dijkstra).
    """
    if len(targets) < 2:
        return set()
    height = len(rows)
    width = len(rows[0]) if rows else 0
    offset = 0 if by_rows else height
    chosen: set[tuple[int, int]] = set()

    def steps(node: int) -> list[tuple[int, tuple[int, int]]]:
        if node < height:
            return [(height + j, (node, j)) for j in range(width)]
        j = node - height
        return [(i, (i, j)) for i in range(height)]

    def part(start: int) -> set[int]:
        seen, todo = {start}, [start]
        while todo:
            node = todo.pop()
            for other, cell in steps(node):
                roomy = rows[cell[0]][cell[1]] - LOWEST_HIDDEN >= threshold
                if other not in seen and roomy and (cell in hidden or cell in chosen):
                    seen.add(other)
                    todo.append(other)
        return seen

    for target in targets[1:]:
        joined = part(offset + targets[0])
        goal = offset + target
        if goal in joined:
            continue
        best: dict[int, tuple[int, int, int]] = {node: (0, 0, 0) for node in joined}
        came_from: dict[int, tuple[int, tuple[int, int]]] = {}
        queue = [(0, 0, 0, node) for node in sorted(joined)]
        done: set[int] = set()
        while queue:
            small, people, count, node = heapq.heappop(queue)
            if node in done:
                continue
            done.add(node)
            if node == goal:
                break
            for other, (i, j) in steps(node):
                if other in done:
                    continue
                value = rows[i][j]
                tight = small + (value - LOWEST_HIDDEN < threshold)
                if (i, j) in hidden or (i, j) in chosen:
                    cost = (tight, people, count)
                elif value > 0:
                    cost = (tight, people + value, count + 1)
                else:
                    continue
                if other not in best or cost < best[other]:
                    best[other] = cost
                    came_from[other] = (node, (i, j))
                    heapq.heappush(queue, (*cost, other))
        if goal not in done:
            return None
        node = goal
        while node in came_from:
            previous, cell = came_from[node]
            if cell not in hidden:
                chosen.add(cell)
            node = previous
    return chosen


def _all_hidden(
    rows: list[list[int]],
    row_totals: list[int],
    column_totals: list[int],
    row_hidden: frozenset[int],
    column_hidden: frozenset[int],
    threshold: int,
) -> SuppressedTable:
    """The table with its margins as decided and every inner cell hidden, but for cells
    the published margins already tell: zeros in a line whose total is 0, and the cells
    of a table with a single non-empty row or column (they equal the other margin).

    With at least two non-empty rows and columns every hidden inner cell lies on a cycle
    of four hidden cells, and any two rows (or columns) are joined through hidden cells.
    """

    def marker(value: int) -> Suppressed:
        return SMALL if 0 < value < threshold else COMPLEMENTARY

    row_cells = margin_cells(row_totals, row_hidden, threshold)
    column_cells = margin_cells(column_totals, column_hidden, threshold)
    full_rows = [i for i, total in enumerate(row_totals) if total]
    full_columns = [j for j, total in enumerate(column_totals) if total]
    cells: list[tuple[Cell, ...]] = []
    for i, row in enumerate(rows):
        line: list[Cell] = []
        for j, value in enumerate(row):
            if not row_totals[i] or not column_totals[j]:
                line.append(0)
            elif len(full_columns) == 1:
                line.append(row_cells[i])
            elif len(full_rows) == 1:
                line.append(column_cells[j])
            else:
                line.append(marker(value))
        cells.append(tuple(line))
    return SuppressedTable(
        cells=tuple(cells),
        row_totals=row_cells,
        column_totals=column_cells,
        grand_total=sum(row_totals),
    )
