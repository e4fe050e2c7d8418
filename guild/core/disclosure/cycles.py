"""Rule 2 of complementary suppression: protection levels. Every hidden value keeps a
feasible range at least the threshold wide for a reader who knows every published value of
the table and that a hidden value is at least 1 (zeros are published).

The extended table (cells, row totals as one more column, column totals as one more row,
the grand total where they meet) is a bipartite graph: one node per line, one edge per
value. Every line adds up to zero once the totals are counted negatively (sign ``-1`` for
a row or column total, ``+1`` for a cell and for the grand total), so moving the signed
values around a cycle by ``+t, -t, +t, ...`` keeps every published number. A move of a
hidden value by ``t`` is a flow of ``t`` from its row to its column through the other
hidden values, each of which can take any amount that makes it grow and at most its value
less 1 of what makes it shrink: the value's feasible range is the largest such flow
upward plus the largest downward (no lower than 1). This is exact for one table (its
equations are those of a network). Where the range is narrower than the threshold, the
cheapest chain of published values that widens it is hidden, preferring values with room
for everything missing. Values named ``fixed`` (totals published elsewhere) are never
used; when no chain avoids them, :class:`CannotProtect` is raised.
"""

import heapq
from collections.abc import Collection

from guild.core.disclosure.cells import Grid, Hidden

LOWEST_HIDDEN = 1
"""The lowest value a reader must allow a hidden value: zeros are published."""


class CannotProtect(ValueError):
    """No chain of publishable values protects a hidden value (see :mod:`cycles`)."""


def protect_hidden(
    grid: Grid, hidden: Hidden, threshold: int, fixed: Collection[tuple[int, int]] = ()
) -> None:
    """Hide further values of ``grid`` (its extended table) until every hidden one is
    protected, taking the hidden values row-major, again and again until none is missing.

    A value is checked first for one cycle of hidden values that moves it by the threshold
    (a cycle that protects one value protects every value on it, so each cycle found marks
    them all), then exactly: its feasible range in the table is the largest flow along the
    hidden values in either direction (:func:`_width`). Where that is too narrow, the
    cheapest chain of published values that widens it is hidden, one whose values all have
    room for what is missing if there is one, until it is wide enough. A value once
    protected stays so: hiding more only widens ranges."""
    height = len(grid)
    neighbours: list[set[int]] = [set() for _ in range(height + len(grid[0]))]
    for i, row in enumerate(hidden):
        for j, reason in enumerate(row):
            if reason is not None:
                neighbours[i].add(height + j)
                neighbours[height + j].add(i)
    free = {
        direction: [
            [_moves_freely(grid, i, j, threshold, direction) for j in range(len(row))]
            for i, row in enumerate(grid)
        ]
        for direction in (1, -1)
    }
    protected: set[tuple[int, int]] = set()
    changed = True
    while changed:
        changed = False
        for i, row in enumerate(hidden):
            for j, reason in enumerate(row):
                if reason is None or (i, j) in protected:
                    continue
                cycle = _hidden_cycle(free, neighbours, height, i, j)
                if cycle is not None:
                    protected.update(cycle)
                    protected.add((i, j))
                    continue
                while (width := _width(grid, neighbours, i, j, threshold))[0] < threshold:
                    chain = _widening_chain(
                        grid, hidden, i, j, width[1], threshold - width[0], fixed
                    )
                    if chain is None:
                        raise CannotProtect(f"value {(i, j)} cannot be protected")
                    for a, b in chain:
                        if hidden[a][b] is None:
                            hidden[a][b] = "complementary"
                            neighbours[a].add(height + b)
                            neighbours[height + b].add(a)
                            changed = True
                protected.add((i, j))


Flow = dict[tuple[int, int], int]
"""Net flow through values, positive from their row to their column."""

INFINITE = 1 << 40


def _capacity(grid: Grid, i: int, j: int, direction: int) -> int:
    """How far value ``(i, j)`` can take part in a move of ``direction``."""
    if direction * _sign(grid, i, j) == 1:
        return INFINITE
    return grid[i][j] - LOWEST_HIDDEN


def _residual(grid: Grid, flow: Flow, i: int, j: int, direction: int, away: bool) -> int:
    """What a move of ``direction`` can still send through ``(i, j)``, row to column
    (``away``) or back."""
    sent = flow.get((i, j), 0)
    if away:
        return _capacity(grid, i, j, -direction) - sent
    return _capacity(grid, i, j, direction) + sent


def _width(
    grid: Grid, neighbours: list[set[int]], row: int, column: int, threshold: int
) -> tuple[int, Flow]:
    """The width of the feasible range of the hidden value at ``(row, column)`` given the
    table's published values (up to ``threshold``), and the flow of its upward move.

    Moving it by ``t`` is a flow of ``t`` from its row to its column through the other
    hidden values (each one's room is :func:`_capacity`): it can go up by the largest flow
    one way and down by the largest the other way, but not below 1 (augmenting paths, at
    most ``threshold`` of them)."""
    height = len(grid)
    last_row, last_column = height - 1, len(grid[0]) - 1
    up = _sign(grid, row, column)
    total = 0
    flows: Flow = {}
    for direction in (up, -up):
        room = _capacity(grid, row, column, direction)
        flow: Flow = {}
        while total < threshold and room > 0:
            came_from: dict[int, int] = {row: row}
            todo = [row]
            goal = height + column
            while todo and goal not in came_from:
                node = todo.pop()
                away = node < height
                # `_residual(grid, flow, i, j, direction, away) > 0`, written out: this loop
                # is where protecting a large table spends its time.
                moving = -direction if away else direction
                for other in neighbours[node]:
                    i, j = (node, other - height) if away else (other, node - height)
                    if other in came_from or (i == row and j == column):
                        continue
                    sign = -1 if (i == last_row) != (j == last_column) else 1
                    if moving * sign != 1:
                        room_left = grid[i][j] - LOWEST_HIDDEN
                        sent = flow.get((i, j), 0)
                        if (room_left - sent if away else room_left + sent) <= 0:
                            continue
                    came_from[other] = node
                    todo.append(other)
            if goal not in came_from:
                break
            path = _path(came_from, row, goal, height)
            step = min(
                threshold - total,
                room,
                *(_residual(grid, flow, i, j, direction, away) for i, j, away in path),
            )
            for i, j, away in path:
                flow[(i, j)] = flow.get((i, j), 0) + (step if away else -step)
            total += step
            room -= step
        if direction == up:
            flows = flow
    return total, flows


def _path(
    came_from: dict[int, int], start: int, goal: int, height: int
) -> list[tuple[int, int, bool]]:
    """The values from ``start`` to ``goal``, each with whether it is crossed row to column."""
    path = []
    node = goal
    while node != start:
        previous = came_from[node]
        if previous < height:
            path.append((previous, node - height, True))
        else:
            path.append((node, previous - height, False))
        node = previous
    return path[::-1]


def _widening_chain(
    grid: Grid,
    hidden: Hidden,
    row: int,
    column: int,
    flow: Flow,
    missing: int,
    fixed: Collection[tuple[int, int]],
) -> list[tuple[int, int]] | None:
    """The cheapest chain that lets the value at ``(row, column)`` go further up, given the
    ``flow`` already found: fewest people hidden, then fewest values, through values with
    room for the ``missing`` width if there is such a chain, else for at least 1."""
    height, width = len(grid), len(grid[0])
    direction = _sign(grid, row, column)
    for needed in dict.fromkeys((missing, 1)):
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
            away = node < height
            steps = (
                [(node, j, height + j) for j in range(width)]
                if away
                else [(i, node - height, i) for i in range(height)]
            )
            for i, j, other in steps:
                if other in done or (i, j) == (row, column) or grid[i][j] == 0:
                    continue
                if _residual(grid, flow, i, j, direction, away) < needed:
                    continue
                if hidden[i][j] is not None:
                    cost = (people, values)
                elif (i, j) in fixed:
                    continue
                else:
                    cost = (people + grid[i][j], values + 1)
                if other not in best or cost < best[other]:
                    best[other] = cost
                    came_from[other] = node
                    heapq.heappush(queue, (*cost, other))
        if goal in done:
            return [(i, j) for i, j, _away in _path(came_from, start, goal, height)]
    return None


def _moves_freely(grid: Grid, i: int, j: int, threshold: int, direction: int) -> bool:
    """Whether value ``(i, j)`` can take part in a move of ``direction`` (``-1``: it
    decreases if it is a cell or the grand total) by the threshold."""
    return direction * _sign(grid, i, j) == 1 or grid[i][j] - LOWEST_HIDDEN >= threshold


def _hidden_cycle(
    free: dict[int, list[list[bool]]],
    neighbours: list[set[int]],
    height: int,
    row: int,
    column: int,
) -> list[tuple[int, int]] | None:
    """The values of a chain of hidden values that protects the one at ``(row, column)``,
    if there is one (depth-first search, in both directions). ``free[d][i][j]`` says
    whether value ``(i, j)`` can take part in a move of direction ``d``."""
    start, goal = row, height + column
    for direction in (1, -1):
        if not free[direction][row][column]:
            continue
        away, back = free[-direction], free[direction]  # row to column, column to row
        came_from = {start: start}
        todo = [start]
        while todo and goal not in came_from:
            node = todo.pop()
            if node < height:
                line = away[node]
                for other in neighbours[node]:
                    if other not in came_from and line[other - height] and other != goal:
                        came_from[other] = node
                        todo.append(other)
                    elif other == goal and node != row and line[column]:
                        came_from[goal] = node
                        break
            else:
                j = node - height
                for other in neighbours[node]:
                    if other not in came_from and back[other][j]:
                        came_from[other] = node
                        todo.append(other)
        if goal in came_from:
            chain = []
            node = goal
            while node != start:
                previous = came_from[node]
                i, j = (previous, node - height) if previous < height else (node, previous - height)
                chain.append((i, j))
                node = previous
            return chain
    return None


def _sign(grid: Grid, i: int, j: int) -> int:
    return -1 if (i == len(grid) - 1) != (j == len(grid[0]) - 1) else 1
