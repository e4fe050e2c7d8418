"""Rule 2 of complementary suppression: every hidden value on a cycle of hidden values."""

import heapq

from guild.core.disclosure.cells import Grid, Hidden


def close_cycles(grid: Grid, hidden: Hidden) -> None:
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
