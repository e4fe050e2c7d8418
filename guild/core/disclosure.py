"""Statistical disclosure control for published tables of counts about people.

Nothing a page, the API or an export publishes about questionnaire answers (a count, a
percentage, a mean, a chart bar) may describe fewer than ``threshold`` people. The
threshold is 10 unless a questionnaire sets its own, and is never below 5
(:func:`check_threshold`).

Pure standard-library code: callers count answers, then pass the counts through here and
render what comes back. Every value that comes back is a :data:`Cell`: either the published
``int`` or a :class:`Suppressed` marker whose ``reason`` says why it is hidden:

``"small"``
    primary suppression: the value itself is above 0 and below the threshold.
``"complementary"``
    secondary suppression: the value is at least the threshold, but publishing it would let
    a reader work a hidden value out from the totals.

Render both reasons with the same public symbol. The reason is for audit logs and for
explaining a hidden cell to staff: a reader who knows which hidden cells are the small ones
knows more about their range than the published numbers alone tell.

The rules
---------
* **Zero is publishable.** A 0 names nobody. (It can still tell that everyone in a group
  lacks an attribute, which is why groups below the threshold are pooled before their table
  is suppressed.) Every other published count is at least the threshold, totals included.
* **Primary suppression.** Every cell, row total, column total and grand total above 0 and
  below the threshold is hidden with reason ``"small"``.
* **Complementary suppression**, on the table extended by its totals (the row totals form
  one more column and the column totals one more row, meeting at the grand total, so the
  totals are protected exactly as cells are):

  1. every line (row or column, the total line included) of the extended table with exactly
     one hidden value gets a second: the smallest non-zero published value on that line,
     ties to the lowest index (cells come before their line's total), except that a value
     whose crossing line also has exactly one hidden value comes first (one value then
     pairs two lines, and a single small cell costs a block of four rather than a chain).
     Lines are taken rows first, top to bottom, then columns, left to right, until no line
     has exactly one;
  2. two hidden values on every line is not enough on its own (two protected blocks can be
     joined by a single hidden cell that the totals still pin down). Seen as a graph (one
     node per line, one edge per hidden value), a hidden value can be worked out from the
     published ones exactly when it lies on no cycle of hidden values. For each such value
     (top to bottom, left to right), the cheapest chain of further values that closes a
     cycle through it is hidden: fewest people hidden first, then fewest values, then a
     fixed order of the lines. The totals always offer one such chain (its row total, the
     grand total and its column total), so this ends.

  Every hidden value is at least 1, so moving ±1 around a cycle gives another table of
  non-negative whole numbers that agrees with every published number: no hidden value can
  be recovered exactly, whatever combination of published cells and totals a reader tries,
  and each lies in a feasible range of width at least 2.
* **Pooling.** Groups (departments, say) below the threshold are merged into one group with
  a label the caller supplies, topped up with the next-smallest groups while it is still
  below the threshold (:func:`pool_small_groups`). Pool first, then suppress the pooled
  counts.
* **Percentages and means** are published only where their count and their base are
  (:func:`percent`, :func:`mean`).

Several breakdowns of one question
----------------------------------
A reader can subtract one published breakdown of a question from another (service-wide
counts by department minus those for one region leave the other regions). Such differences
reveal nothing only when every breakdown is read off one suppressed two-way table: rows for
what is counted (the options, or the departments), columns for the groups it is broken down
by (the regions); call :func:`suppress_table` once, then publish
:meth:`SuppressedTable.breakdown` for the service-wide figures (the row totals over the grand
total) and for each column. Never suppress one breakdown separately from another, and never
publish a number worked out from the raw counts that the table does not publish itself (a
coarser grouping of its columns, say): each is one more equation the suppression did not
account for. A question where a person may pick several options is one yes/no question per
option: each person must be counted in exactly one cell of a table.

Figures about people: the one rule
----------------------------------
Every figure Guild publishes about members (questionnaire tables, competency heat maps,
learning needs, the counts on home pages) follows one rule, decided only in this module:

* **A count shown is 0 or at least the threshold**, or it is shown only as a share of a
  group of at least the threshold. This holds for every count a page or an answer lets a
  reader work out from one group's figures too: the members below target *and* those at
  target (``n`` minus below), not only ``n``.
* **A hidden group hides everything derived from it**: its ``n``, its counts, its sums
  (total gap), its means and shares, and its zeros (a 0 below target in a hidden group would
  say "everyone in it is at target"). :func:`suppress_linked_tables` hides positions, not
  values: every measure at a hidden position is hidden.
* **Nothing published lets a hidden value be worked back.** Every published figure is a cell
  or a total of one suppressed table, or a sum of published ones (:func:`merge_columns`);
  tables of the same people by different groupings share their totals and are suppressed
  together (:func:`suppress_linked_tables`); suppression leaves every hidden value a
  feasible range at least the threshold wide, whatever published figures a reader combines
  (the tests check it with an exact linear-programming audit), and where it cannot, more
  is hidden, up to the whole group.
* **Small groups are pooled** before they are published one by one
  (:func:`pool_small_groups`, :func:`pool_with_room` for lists of group sizes).
* **Only people who agreed to be counted are counted.** Callers leave out members who
  declined "use my answers for statistics" and inactive members before counting, and the
  pages say that ``n`` excludes them.
"""

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

MINIMUM_THRESHOLD: Final = 5
DEFAULT_THRESHOLD: Final = 10

Reason: TypeAlias = Literal["small", "complementary"]


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A hidden value. ``reason`` is ``"small"`` (primary) or ``"complementary"``."""

    reason: Reason


SMALL: Final = Suppressed("small")
COMPLEMENTARY: Final = Suppressed("complementary")

Cell: TypeAlias = int | Suppressed
"""A published count, or the marker that stands in for a hidden one."""

Percentage: TypeAlias = float | Suppressed
"""A published percentage (0 to 100), or the marker of the hidden count it would describe."""


def check_threshold(threshold: int) -> int:
    """Return ``threshold`` if it may be used; raise ``ValueError`` below 5."""
    if isinstance(threshold, bool) or not isinstance(threshold, int):
        raise TypeError(f"threshold must be an int, not {type(threshold).__name__}")
    if threshold < MINIMUM_THRESHOLD:
        raise ValueError(f"threshold {threshold} is below the minimum of {MINIMUM_THRESHOLD}")
    return threshold


def _count(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"counts must be ints, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"counts cannot be negative: {value}")
    return value


def _primary(value: int, threshold: int) -> Reason | None:
    return "small" if 0 < value < threshold else None


def _cell(value: int, reason: Reason | None) -> Cell:
    if reason is None:
        return value
    return SMALL if reason == "small" else COMPLEMENTARY


def percent(part: Cell, whole: Cell) -> Percentage:
    """``part`` as a percentage of ``whole``; hidden when either of them is.

    A hidden ``part`` comes back as its own marker, a hidden ``whole`` as the whole's (the
    percentage of a published count over a hidden base would give the base away). ``0`` of
    ``0`` is ``0.0`` so that a question nobody answered renders without failing.
    """
    if isinstance(part, Suppressed):
        return part
    if isinstance(whole, Suppressed):
        return whole
    _count(part)
    _count(whole)
    if part > whole:
        raise ValueError(f"part {part} is larger than whole {whole}")
    if whole == 0:
        return 0.0
    return 100 * part / whole


def mean(total: float, count: Cell) -> float | Suppressed:
    """The mean of a quantity summed to ``total`` over ``count`` people.

    Take ``count`` from a suppressed result (a cell or a total): the mean is hidden whenever
    the count is, so it never describes fewer than the threshold. Raises ``ValueError`` for
    a count of 0 (there is nothing to average).
    """
    if isinstance(count, Suppressed):
        return count
    if _count(count) == 0:
        raise ValueError("the mean of no one is undefined")
    return total / count


@dataclass(frozen=True)
class Frequencies:
    """A one-way breakdown of a question: each option's count and percentage, and ``n``.

    ``counts`` and ``percentages`` keep the options' order. A percentage is published only
    where both the option's count and ``n`` are.
    """

    counts: dict[str, Cell]
    percentages: dict[str, Percentage]
    n: Cell


def _frequencies(labels: Sequence[str], counts: Sequence[Cell], n: Cell) -> Frequencies:
    if len(labels) != len(counts):
        raise ValueError(f"{len(labels)} labels for {len(counts)} counts")
    if len(set(labels)) != len(labels):
        raise ValueError("labels must be unique")
    return Frequencies(
        counts=dict(zip(labels, counts, strict=True)),
        percentages={label: percent(c, n) for label, c in zip(labels, counts, strict=True)},
        n=n,
    )


def suppress_frequencies(counts: Mapping[str, int], threshold: int) -> Frequencies:
    """Suppress a one-way frequency table whose counts add up to ``n``.

    Counts above 0 and below the threshold are hidden (as is ``n`` if it is); if that hides
    exactly one value, the smallest non-zero published value (an option's count, lowest
    index first, else ``n``) is hidden too, so that ``n`` minus the others cannot give it
    away. Use this only for a breakdown published on its own: a breakdown that is also
    published by group comes from :meth:`SuppressedTable.breakdown`.
    """
    limit = check_threshold(threshold)
    labels = list(counts)
    values = [_count(counts[label]) for label in labels]
    entries = [*values, sum(values)]
    reasons = [_primary(value, limit) for value in entries]
    if sum(reason is not None for reason in reasons) == 1:
        _, index = min(
            (value, index)
            for index, value in enumerate(entries)
            if reasons[index] is None and value > 0
        )
        reasons[index] = "complementary"
    cells = [_cell(value, reason) for value, reason in zip(entries, reasons, strict=True)]
    return _frequencies(labels, cells[:-1], cells[-1])


def pool_small_groups(
    counts: Mapping[str, int], threshold: int, other_label: str
) -> dict[str, int]:
    """Merge the groups below the threshold into one group called ``other_label``.

    The groups that keep their own line keep their order; the pool comes last, and only if
    some group went into it (a group missing from the result is in the pool). While the pool
    holds more than 0 and fewer than ``threshold`` people, the next-smallest group joins it
    (ties to the group listed first), until it reaches the threshold or holds every group.
    Pooling hides nothing itself: pass the result through :func:`suppress_frequencies` or
    :func:`suppress_table`, which hide a pool still below the threshold.
    """
    limit = check_threshold(threshold)
    if other_label in counts:
        raise ValueError(f"{other_label!r} is already the name of a group")
    values = {label: _count(value) for label, value in counts.items()}
    pooled = {label for label, value in values.items() if value < limit}
    if not pooled:
        return values
    pool = sum(values[label] for label in pooled)
    order = {label: index for index, label in enumerate(values)}
    waiting = sorted(
        (label for label in values if label not in pooled),
        key=lambda label: (values[label], order[label]),
    )
    for label in waiting:
        if not 0 < pool < limit:
            break
        pooled.add(label)
        pool += values[label]
    result = {label: value for label, value in values.items() if label not in pooled}
    result[other_label] = pool
    return result


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
    protect: bool = False,
) -> SuppressedTable:
    """Suppress a two-way table of counts published with its totals (see the module's rules).

    With ``protect``, rule 1 also asks every line's hidden values to leave room: a line with
    ``k`` hidden values adding up to less than ``threshold + k`` gets more (see
    :func:`line_has_room`), so that no hidden value can be narrowed by the line's total to
    a range narrower than the threshold by a reader who knows every hidden value is at
    least 1.

    ``table`` is a list of equally long rows of non-negative counts, each person counted in
    one cell. The same table always gives the same result. A table of 60 rows by 40 columns
    takes a few milliseconds.

    ``keep_hidden`` names non-zero values of the extended table (``(len(table), j)`` is a
    column total, ``(i, width)`` a row total) that must be hidden whatever their size, as
    ``"complementary"`` unless small: totals hidden in another table of the same people (see
    "Several breakdowns of one question"). The rules then run as usual around them.
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
    _pair_lines(grid, hidden, limit if protect else None)
    _close_cycles(grid, hidden)
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


Grid: TypeAlias = list[list[int]]
Hidden: TypeAlias = list[list[Reason | None]]


def line_has_room(hidden_values: Sequence[int], threshold: int) -> bool:
    """Whether the hidden values of one line (whose total is known) are protected: none,
    or at least two adding up to ``threshold + k`` or more for ``k`` of them. Each then
    has a feasible range at least ``threshold`` wide along that line, even for a reader
    who knows it is at least 1 (zeros are published)."""
    count = len(hidden_values)
    return count == 0 or (count >= 2 and sum(hidden_values) >= threshold + count)


def _pair_lines(grid: Grid, hidden: Hidden, room: int | None = None) -> None:
    """Rule 1: give every line of the extended table with one hidden value a second (and,
    with ``room``, enough hidden values to leave every one a wide range)."""
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
        return count == 1 or (room is not None and total < room + count)

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
                if hidden[row][j] is None and grid[row][j] > 0
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
            if hidden[i][column] is None and grid[i][column] > 0
        ]
        if not options:
            full.add(("column", column))
            continue
        *_, i = min(options)
        hide(i, column)


def _close_cycles(grid: Grid, hidden: Hidden) -> None:
    """Rule 2: put every hidden value on a cycle of hidden values."""
    while (bridge := _first_bridge(hidden)) is not None:
        for i, j in _cheapest_chain(grid, hidden, *bridge):
            if hidden[i][j] is None:
                hidden[i][j] = "complementary"


def _first_bridge(hidden: Hidden) -> tuple[int, int] | None:
    """The first hidden value (row-major) on no cycle of hidden values, if any.

    Nodes ``0 .. height-1`` are the rows of the extended table, ``height + j`` its columns;
    each hidden value joins its row to its column. Tarjan's bridge search, without recursion.
    """
    height, width = len(hidden), len(hidden[0])
    neighbours: list[list[int]] = [[] for _ in range(height + width)]
    for i, row in enumerate(hidden):
        for j, reason in enumerate(row):
            if reason is not None:
                neighbours[i].append(height + j)
                neighbours[height + j].append(i)
    found = [-1] * (height + width)
    low = [0] * (height + width)
    clock = 0
    bridges: list[tuple[int, int]] = []
    for start in range(height + width):
        if found[start] != -1 or not neighbours[start]:
            continue
        found[start] = low[start] = clock
        clock += 1
        stack = [(start, -1, iter(neighbours[start]))]
        while stack:
            node, parent, todo = stack[-1]
            for other in todo:
                if other == parent:
                    continue
                if found[other] == -1:
                    found[other] = low[other] = clock
                    clock += 1
                    stack.append((other, node, iter(neighbours[other])))
                    break
                low[node] = min(low[node], found[other])
            else:
                stack.pop()
                if parent != -1:
                    low[parent] = min(low[parent], low[node])
                    if low[node] > found[parent]:
                        a, b = min(parent, node), max(parent, node)
                        bridges.append((a, b - height))
    return min(bridges, default=None)


def _cheapest_chain(grid: Grid, hidden: Hidden, row: int, column: int) -> list[tuple[int, int]]:
    """The values on the cheapest path from ``row`` to ``column`` other than their own cell.

    Hidden values cost nothing; a published non-zero value costs (its count, 1); zeros are
    never used, so that every hidden value can move down as well as up. Dijkstra's search.
    """
    height, width = len(grid), len(grid[0])
    start, goal = row, height + column
    best: dict[int, tuple[int, int]] = {start: (0, 0)}
    came_from: dict[int, int] = {}
    queue: list[tuple[int, int, int]] = [(0, 0, start)]
    done: set[int] = set()
    while queue:
        people, values, node = heapq.heappop(queue)
        if node in done:
            continue
        done.add(node)
        if node == goal:
            break
        if node < height:
            steps = [(node, j, height + j) for j in range(width)]
        else:
            steps = [(i, node - height, i) for i in range(height)]
        for i, j, other in steps:
            if other in done or (i, j) == (row, column):
                continue
            if hidden[i][j] is not None:
                cost = (people, values)
            elif grid[i][j] > 0:
                cost = (people + grid[i][j], values + 1)
            else:
                continue
            if other not in best or cost < best[other]:
                best[other] = cost
                came_from[other] = node
                heapq.heappush(queue, (*cost, other))
    if goal not in done:  # pragma: no cover - the totals always offer a path
        raise AssertionError("no chain of non-zero values closes the cycle")
    chain: list[tuple[int, int]] = []
    node = goal
    while node != start:
        previous = came_from[node]
        i, j = (previous, node - height) if previous < height else (node, previous - height)
        chain.append((i, j))
        node = previous
    return chain[::-1]


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
    ``tables[t][m]`` (with ``protect``), with one **pattern per table**: a value hidden in
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
                result = suppress_table(matrix, limit, keep_hidden=keep, protect=True)
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


@dataclass(frozen=True)
class PooledCounts:
    """Group sizes ready to publish: ``counts`` keeps the groups shown on their own (at least
    the threshold each) in their order, then ``other_label`` for the pool when there is one;
    ``total`` is everyone. Either may be hidden (see :func:`pool_with_room`)."""

    counts: dict[str, Cell]
    total: Cell


def pool_with_room(counts: Mapping[str, int], threshold: int, other_label: str) -> PooledCounts:
    """Group sizes (members by department, say) pooled so that each pooled group's size
    keeps a range at least ``threshold`` wide.

    As :func:`pool_small_groups`, but the pool of ``k`` non-empty groups grows (next-smallest
    group first) until it holds at least ``threshold + k`` people: a reader who knows each
    pooled group has at least 1 person then still cannot narrow any of them to fewer than
    ``threshold`` possible sizes. When even every group together is too few, everything is
    pooled and hidden, the total too. Groups of 0 are left out.
    """
    limit = check_threshold(threshold)
    if other_label in counts:
        raise ValueError(f"{other_label!r} is already the name of a group")
    values = {label: _count(value) for label, value in counts.items() if _count(value) > 0}
    order = {label: index for index, label in enumerate(values)}
    pooled = {label for label, value in values.items() if value < limit}
    waiting = sorted(
        (label for label in values if label not in pooled),
        key=lambda label: (values[label], order[label]),
    )
    pool = sum(values[label] for label in pooled)
    for label in waiting:
        if not 0 < pool < limit + len(pooled):
            break
        pooled.add(label)
        pool += values[label]
    total = sum(values.values())
    result: dict[str, Cell] = {
        label: value for label, value in values.items() if label not in pooled
    }
    if not pooled:
        return PooledCounts(result, total)
    if pool < limit + len(pooled):  # everyone is in the pool and still too few
        marker = SMALL if pool < limit else COMPLEMENTARY
        return PooledCounts({other_label: marker}, marker)
    result[other_label] = pool
    return PooledCounts(result, total)
