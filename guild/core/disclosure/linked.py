"""Several tables of the same people suppressed together, and coarser groupings of a
suppressed table's columns."""

from collections.abc import Iterable, Sequence

from guild.core.disclosure.cells import COMPLEMENTARY, Cell, Suppressed, check_threshold
from guild.core.disclosure.tables import SuppressedTable, suppress_table


def _hidden_positions(table: SuppressedTable) -> dict[tuple[int, int], Suppressed]:
    """The hidden values of ``table`` by their place in the extended table."""
    height, width = len(table.row_totals), len(table.column_totals)
    rows = [
        *[(*cells, total) for cells, total in zip(table.cells, table.row_totals, strict=True)],
        (*table.column_totals, table.grand_total),
    ]
    return {
        (i, j): value
        for i, row in enumerate(rows)
        for j, value in enumerate(row)
        if isinstance(value, Suppressed) and i <= height and j <= width
    }


def _hide_positions(
    table: SuppressedTable, positions: Iterable[tuple[int, int]]
) -> SuppressedTable:
    height, width = len(table.row_totals), len(table.column_totals)
    extended = [
        [*cells, total] for cells, total in zip(table.cells, table.row_totals, strict=True)
    ] + [[*table.column_totals, table.grand_total]]
    for i, j in positions:
        if not isinstance(extended[i][j], Suppressed):
            extended[i][j] = COMPLEMENTARY
    return SuppressedTable(
        cells=tuple(tuple(row[:width]) for row in extended[:height]),
        row_totals=tuple(row[width] for row in extended[:height]),
        column_totals=tuple(extended[height][:width]),
        grand_total=extended[height][width],
    )


def suppress_linked_tables(
    tables: Sequence[Sequence[Sequence[Sequence[int]]]],
    threshold: int,
    *,
    keep_hidden: Sequence[Iterable[tuple[int, int]]] = (),
) -> list[list[SuppressedTable]]:
    """Suppress several two-way tables of the same people, each counted in several measures,
    so that every published figure of all of them together keeps every hidden one safe.

    ``tables[t][m]`` is measure ``m`` of table ``t`` (rows of non-negative whole numbers,
    each person in one cell). Every table has the same rows (departments, say) and its own
    columns (regions in one, role profiles in another); each measure has the same row
    totals in every table. A measure is a count of people (members assessed, those below
    target, those at target) or a sum over them that is 0 exactly when they are none and
    not smaller than their number otherwise (the total gap): each is suppressed as a count.

    The result has the same shape: ``result[t][m]`` is :func:`suppress_table` of
    ``tables[t][m]``, with one **pattern per table**: a value hidden in
    one measure is hidden in every measure of that table, zeros included (a hidden group
    hides everything about it); a row total or grand total hidden in one table is hidden
    in all (the same figure, published once). Each measure is suppressed again around the
    pattern until nothing changes. ``keep_hidden[t]`` names places of table ``t``'s extended
    table (as :func:`suppress_table` numbers them) to hide whatever their values.
    """
    limit = check_threshold(threshold)
    if not tables:
        return []
    height = len(tables[0][0]) if tables[0] else 0
    measures = len(tables[0])
    widths: list[int] = []
    for t, table in enumerate(tables):
        if len(table) != measures or measures == 0:
            raise ValueError(f"table {t} must have {measures or 'some'} measures")
        width = len(table[0][0]) if height else 0
        for matrix in table:
            if len(matrix) != height or any(len(row) != width for row in matrix):
                raise ValueError(f"every measure of table {t} must be {height} x {width}")
        widths.append(width)
    for m in range(measures):
        totals = {tuple(sum(row) for row in table[m]) for table in tables}
        if len(totals) > 1:
            raise ValueError(f"measure {m} has different row totals in different tables")
    patterns: list[set[tuple[int, int]]] = [set() for _ in tables]
    for t, places in enumerate(keep_hidden):
        patterns[t].update(places)
    while True:
        changed = False
        results: list[list[SuppressedTable]] = []
        for t, table in enumerate(tables):
            found = []
            for matrix in table:
                grid = [[*row, sum(row)] for row in matrix]
                grid.append([sum(row[j] for row in grid) for j in range(widths[t] + 1)])
                keep = [(i, j) for i, j in patterns[t] if grid[i][j] > 0]
                result = suppress_table(matrix, limit, keep_hidden=keep)
                found.append(result)
                new = set(_hidden_positions(result)) - patterns[t]
                if new:
                    patterns[t] |= new
                    changed = True
            results.append(found)
        shared = {i for t, pattern in enumerate(patterns) for i, j in pattern if j == widths[t]}
        for t, pattern in enumerate(patterns):
            missing = {(i, widths[t]) for i in shared} - pattern
            if missing:
                pattern |= missing
                changed = True
        if not changed:
            return [
                [_hide_positions(result, patterns[t]) for result in found]
                for t, found in enumerate(results)
            ]


def merge_columns(table: SuppressedTable, parts: Sequence[Sequence[int]]) -> SuppressedTable:
    """The columns of ``table`` added up into coarser groups (role profiles into their
    occupational group-levels, say): column ``k`` of the result adds up the columns
    ``parts[k]``, which must share out every column of ``table`` exactly once.

    A merged value is published only where a reader could work it out from published
    figures anyway: every value it adds up is published, or its line's total and every
    value of the line outside it are (it is then the total minus them). It tells nothing
    more; anywhere else it is hidden (with the part's own marker when it has one part, else
    ``"complementary"``). Row totals and the grand total are those of ``table``.
    """
    width = len(table.column_totals)
    used = sorted(j for part in parts for j in part)
    if used != list(range(width)):
        raise ValueError("parts must share out every column exactly once")

    def merged(values: Sequence[Cell], total: Cell, part: Sequence[int]) -> Cell:
        chosen = [values[j] for j in part]
        hidden = [value for value in chosen if isinstance(value, Suppressed)]
        if not hidden:
            return sum(value for value in chosen if isinstance(value, int))
        others = [value for j, value in enumerate(values) if j not in part]
        if isinstance(total, int) and all(isinstance(value, int) for value in others):
            return total - sum(value for value in others if isinstance(value, int))
        return hidden[0] if len(chosen) == 1 else COMPLEMENTARY

    return SuppressedTable(
        cells=tuple(
            tuple(merged(row, total, part) for part in parts)
            for row, total in zip(table.cells, table.row_totals, strict=True)
        ),
        row_totals=table.row_totals,
        column_totals=tuple(merged(table.column_totals, table.grand_total, part) for part in parts),
        grand_total=table.grand_total,
    )
