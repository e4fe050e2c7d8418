"""The two exact solvers, both maximising first the number of pairs, then the total score.

Mentoring is a transportation problem: each mentee supplies one unit, each mentor absorbs
up to its capacity, each admissible pair is an arc of capacity 1 and cost -score. OR-Tools'
`SimpleMinCostFlow.solve_max_flow_with_min_cost` returns a maximum flow (the most pairs)
of minimum cost (the highest total score) among maximum flows; the costs are integers, so
its OPTIMAL status is a proof, not an approximation. Each connected component of the
graph of admissible pairs is solved apart (a region each when the rules require one region).

The buddy pool is a general graph (no sides), where odd cycles make the matching LP
fractional. Both objectives become one: each pair weighs its score plus M, M exceeding any
total score, so that one more pair always wins. HiGHS (through SciPy) solves the LP with
Edmonds' blossom inequalities added for the odd cycles it leaves fractional; a matching
that reaches the LP bound is optimal, and when the cuts run out, HiGHS's branch and bound
finishes with gap 0 and a dual bound as its proof. (networkx's `max_weight_matching`, the
textbook blossom algorithm, gives the same answers in the tests, but took 113 s on 5,000
people with only five candidates each.)
"""

import math
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_array, vstack
from scipy.sparse.csgraph import connected_components

OPTIMAL = 0
TOLERANCE = 1e-6
CUT_ROUNDS = 6
BOUND_SLACK = 1e-3
"""The LP bound is rounded down after adding this, to absorb HiGHS's floating-point error
(its vertices here are fractions of small denominators: halves on odd cycles, and after
cuts rarely worse), so a bound of k + 0.9995 or more counts as k + 1."""


@dataclass(frozen=True)
class Solved:
    chosen: np.ndarray
    """Positions, among the pairs given, of the pairs chosen."""
    optimal: bool
    status: str


def _flow(
    mentees: int, capacity: np.ndarray, i: np.ndarray, j: np.ndarray, score: np.ndarray
) -> np.ndarray | None:
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        i.astype(np.int32), (mentees + j).astype(np.int32), np.ones(len(i), np.int64), -score
    )
    nodes = np.arange(mentees + len(capacity), dtype=np.int32)
    supplies = np.concatenate([np.ones(mentees, np.int64), -capacity.astype(np.int64)])
    flow.set_nodes_supplies(nodes, supplies)
    if flow.solve_max_flow_with_min_cost() != flow.OPTIMAL:
        return None
    chosen = np.flatnonzero(flow.flows(arcs) > 0)
    if -int(flow.optimal_cost()) != int(score[chosen].sum()):
        raise RuntimeError("the flow's cost does not match its pairs")
    return chosen


def transportation(
    mentees: int, capacity: np.ndarray, i: np.ndarray, j: np.ndarray, score: np.ndarray
) -> Solved:
    """The most pairs (mentee i[k], mentor j[k]), each mentee in at most one and each mentor
    in at most `capacity[j]`, then the highest total `score` among them.

    Each connected component of the graph of admissible pairs is solved on its own: the
    components share no one, so the best answer is the union of their best answers, and
    the solver is much faster on many small graphs (a region each, when the rules require
    the same region) than on one large one."""
    if not len(i):
        return Solved(np.zeros(0, dtype=np.int64), True, "OPTIMAL")
    size = mentees + len(capacity)
    graph = csr_array((np.ones(len(i)), (i, mentees + j)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    component = labels[i]
    order = np.argsort(component, kind="stable")
    bounds = np.flatnonzero(np.r_[True, component[order][1:] != component[order][:-1], True])
    chosen = []
    for start, end in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=False):
        arcs = order[start:end]
        left, at_left = np.unique(i[arcs], return_inverse=True)
        right, at_right = np.unique(j[arcs], return_inverse=True)
        found = _flow(len(left), capacity[right], at_left, at_right, score[arcs])
        if found is None:
            return Solved(np.zeros(0, dtype=np.int64), False, "NOT OPTIMAL")
        chosen.append(arcs[found])
    return Solved(np.sort(np.concatenate(chosen)), True, "OPTIMAL")


def _incidence(people: int, a: np.ndarray, b: np.ndarray) -> csr_array:
    edges = np.arange(len(a))
    return csr_array(
        (np.ones(2 * len(a)), (np.concatenate([a, b]), np.concatenate([edges, edges]))),
        shape=(people, len(a)),
    )


def _blossoms(people: int, a: np.ndarray, b: np.ndarray, x: np.ndarray) -> list[np.ndarray] | None:
    """The vertex sets of the odd components of the fractional part of `x`: each is an odd
    set S whose blossom inequality (at most (|S| - 1) / 2 pairs inside S) `x` breaks at a
    half-integral vertex. None when some component is even (no cut found this way)."""
    fractional = np.flatnonzero((x > TOLERANCE) & (x < 1 - TOLERANCE))
    graph = csr_array(
        (np.ones(len(fractional)), (a[fractional], b[fractional])), shape=(people, people)
    )
    _, labels = connected_components(graph, directed=False)
    touched = np.zeros(people, dtype=bool)
    touched[a[fractional]] = touched[b[fractional]] = True
    sets = []
    for label in np.unique(labels[touched]):
        members = np.flatnonzero(labels == label)
        if len(members) % 2 == 0:
            return None
        sets.append(members)
    return sets


def _cut_rows(people: int, a: np.ndarray, b: np.ndarray, sets: list[np.ndarray]) -> tuple:
    rows, columns, limits = [], [], []
    for number, members in enumerate(sets):
        inside = np.zeros(people, dtype=bool)
        inside[members] = True
        edges = np.flatnonzero(inside[a] & inside[b])
        rows.append(np.full(len(edges), number))
        columns.append(edges)
        limits.append((len(members) - 1) // 2)
    matrix = csr_array(
        (np.ones(sum(len(c) for c in columns)), (np.concatenate(rows), np.concatenate(columns))),
        shape=(len(sets), len(a)),
    )
    return matrix, np.array(limits, dtype=float)


def _complete(people: int, a: np.ndarray, b: np.ndarray, weight: np.ndarray, x: np.ndarray):
    """A matching from an LP solution: its pairs at 1, then the heaviest pairs that fit."""
    chosen = list(np.flatnonzero(x > 1 - TOLERANCE))
    used = np.zeros(people, dtype=bool)
    used[a[chosen]] = True
    used[b[chosen]] = True
    free = np.flatnonzero(~used[a] & ~used[b])
    for edge in free[np.lexsort((free, -weight[free]))].tolist():
        if not used[a[edge]] and not used[b[edge]]:
            used[a[edge]] = used[b[edge]] = True
            chosen.append(edge)
    return np.sort(np.array(chosen, dtype=np.int64))


def _lp(weight: np.ndarray, constraints: list[LinearConstraint]) -> tuple[np.ndarray, float] | None:
    result = linprog(
        -weight.astype(float),
        A_ub=constraints[0].A if len(constraints) == 1 else vstack([c.A for c in constraints]),
        b_ub=np.concatenate([c.ub for c in constraints]),
        bounds=(0, 1),
        method="highs-ipm",
    )
    if result.status != OPTIMAL:
        return None
    return result.x, -float(result.fun)


def general_matching(
    people: int, a: np.ndarray, b: np.ndarray, score: np.ndarray, *, time_limit: float = 60.0
) -> Solved:
    """The most pairs (a[k], b[k]) with each person in at most one, then the highest total
    `score` among them: one objective, score + M per pair with M = (highest score) x
    (people // 2) + 1, so that one more pair outweighs any difference of scores.

    The matching LP is solved; its optimum bounds every matching's weight, and as weights
    are integers, a matching that reaches the bound rounded down is optimal (a proof). The
    LP's pairs at 1 completed greedily are tried; failing that, the blossom inequality of
    each odd component of the fractional part is added (Edmonds: at most (|S| - 1) / 2 pairs
    inside an odd set S, true of every matching) and the LP solved again. After
    `CUT_ROUNDS` rounds, HiGHS's branch and bound finishes from the cuts found."""
    if not len(a):
        return Solved(np.zeros(0, dtype=np.int64), True, "OPTIMAL")
    weight = score.astype(np.int64) + int(score.max()) * (people // 2) + 1
    constraints = [LinearConstraint(_incidence(people, a, b), -np.inf, np.ones(people))]
    cuts = 0
    for _ in range(CUT_ROUNDS):
        solved = _lp(weight, constraints)
        if solved is None:
            break
        x, bound = solved
        chosen = _complete(people, a, b, weight, x)
        if int(weight[chosen].sum()) >= math.floor(bound + BOUND_SLACK):
            return Solved(chosen, True, f"OPTIMAL (the LP bound, {cuts} blossom cuts)")
        found = _blossoms(people, a, b, x)
        if found:
            matrix, limits = _cut_rows(people, a, b, found)
            violated = matrix @ x > limits + TOLERANCE
            found = [members for members, broken in zip(found, violated, strict=False) if broken]
        if not found:
            break
        matrix, limits = _cut_rows(people, a, b, found)
        constraints.append(LinearConstraint(matrix, -np.inf, limits))
        cuts += len(found)
    result = milp(
        -weight.astype(float),
        integrality=np.ones(len(a)),
        bounds=Bounds(0, 1),
        constraints=constraints,
        options={"mip_rel_gap": 0, "time_limit": time_limit, "presolve": True},
    )
    if result.x is None:
        return Solved(np.zeros(0, dtype=np.int64), False, str(result.message))
    chosen = np.flatnonzero(result.x > 0.5)
    value = int(weight[chosen].sum())
    bound = getattr(result, "mip_dual_bound", math.nan)
    proven = result.status == OPTIMAL and (math.isnan(bound) or -value - bound < 1)
    return Solved(chosen, proven, f"{result.message} ({cuts} blossom cuts)")
