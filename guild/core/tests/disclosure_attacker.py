"""The attacker's tools for the disclosure tests: a reader who knows every published number
of a table (cells, row totals, column totals, grand total) and that counts are non-negative
whole numbers, and that a hidden one is at least 1 (zeros are published).

Three independent checks stand in for them: exact Gaussian elimination over fractions finds
every hidden value that the published equations pin down; for every hidden value a concrete
other table is built, checked against everything published, in which that value is one
higher and one lower; and linear programming (HiGHS) gives every hidden value's feasible
range, which must be at least the threshold wide.
"""

from collections import deque
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import Any

import highspy
import numpy as np
from hypothesis import strategies as st

from guild.core.disclosure import (
    COMPLEMENTARY,
    SMALL,
    Cell,
    Suppressed,
    SuppressedTable,
    suppress_table,
)

Entry = tuple[int, int]
Grid = list[list[int]]
Node = tuple[str, int]


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
    return pinned_down(unknowns, matrix)


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


def feasible_ranges(values: Grid, hidden: set[Entry], lowest: int = 1) -> dict[Entry, float]:
    """The width of every hidden value's feasible range: its largest minus its smallest value
    over tables that agree with every published value, each hidden value at least
    ``lowest`` (linear programming, HiGHS; unbounded is ``inf``)."""
    unknowns = sorted(hidden)
    position = {entry: k for k, entry in enumerate(unknowns)}
    equations = list(lines(len(values), len(values[0])))
    matrix = np.zeros((len(equations), len(unknowns)))
    rhs = np.zeros(len(equations))
    for r, line in enumerate(equations):
        for (i, j), coefficient in line:
            if (i, j) in position:
                matrix[r, position[(i, j)]] += coefficient
            else:
                rhs[r] -= coefficient * values[i][j]
    solver = highspy.Highs()
    solver.setOptionValue("output_flag", False)
    inf = highspy.kHighsInf
    for _ in unknowns:
        solver.addVar(float(lowest), inf)
    for r in range(len(equations)):
        columns = np.nonzero(matrix[r])[0]
        solver.addRow(rhs[r], rhs[r], len(columns), columns.astype(np.int32), matrix[r, columns])
    widths: dict[Entry, float] = {}
    for k, entry in enumerate(unknowns):
        ends = []
        for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
            solver.changeColCost(k, 1.0)
            solver.changeObjectiveSense(sense)
            solver.run()
            status = solver.getModelStatus()
            if status not in (
                highspy.HighsModelStatus.kOptimal,
                highspy.HighsModelStatus.kUnbounded,
            ):
                solver.clearSolver()  # a warm start gone wrong: once more from scratch
                solver.run()
                status = solver.getModelStatus()
            optimum = solver.getInfo().objective_function_value
            solver.changeColCost(k, 0.0)
            if status == highspy.HighsModelStatus.kUnbounded:
                ends.append(float("inf"))
                continue
            assert status == highspy.HighsModelStatus.kOptimal, status
            ends.append(optimum)
        widths[entry] = ends[1] - ends[0]
    return widths


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
    narrow = {
        entry: width
        for entry, width in feasible_ranges(values, hidden).items()
        if width < threshold - 1e-6
    }
    assert narrow == {}, f"feasible ranges narrower than {threshold}: {narrow}"
    return result


@st.composite
def tables(draw: st.DrawFn, largest: int = 40) -> list[list[int]]:
    height = draw(st.integers(min_value=2, max_value=5))
    width = draw(st.integers(min_value=2, max_value=5))
    row = st.lists(st.integers(min_value=0, max_value=largest), min_size=width, max_size=width)
    return draw(st.lists(row, min_size=height, max_size=height))


thresholds = st.integers(min_value=5, max_value=15)


def pinned_down(unknowns: Sequence[Any], matrix: list[list[Fraction]]) -> dict[Any, Fraction]:
    """The unknowns a system of linear equations fixes, with their values.

    `matrix` holds one row per equation: the coefficients of `unknowns`, then the right-hand
    side. Reduced row echelon form over fractions: an unknown is pinned down exactly when a
    row of the reduced system names it alone.
    """
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
