"""The solvers the matching engine is measured against, on the same admissible pairs and
scores: a greedy matching, OR-Tools' min-cost flow written the plain way (maximum total
score, people may stay unmatched), HiGHS on the linear programme of a subsample, and
networkx's blossom algorithm on a subsample of a buddy pool."""

import time
from collections.abc import Callable
from typing import Any, TypeVar

import networkx as nx
import numpy as np
from ortools.graph.python import min_cost_flow
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

T = TypeVar("T")


def timed(function: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, float]:
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - started


def greedy(
    capacity_left: np.ndarray,
    capacity_right: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    score: np.ndarray,
) -> np.ndarray:
    """Take pairs in order of score (highest first, then by positions) while both ends have
    room. For buddies pass the same capacity array twice (it is shared)."""
    order = np.lexsort((right, left, -score))
    room_left = capacity_left.copy()
    room_right = room_left if capacity_right is capacity_left else capacity_right.copy()
    chosen = []
    for k, a, b in zip(order.tolist(), left[order].tolist(), right[order].tolist(), strict=False):
        if room_left[a] > 0 and room_right[b] > 0:
            room_left[a] -= 1
            room_right[b] -= 1
            chosen.append(k)
    return np.array(chosen, dtype=np.int64)


def plain_min_cost_flow(
    mentees: int, capacity: np.ndarray, i: np.ndarray, j: np.ndarray, score: np.ndarray
) -> np.ndarray:
    """The textbook model: mentees supply 1, mentors send up to their capacity to a sink,
    each mentee may also go straight to the sink at no cost (unmatched); minimise the cost
    -score. The maximum total score, whatever the number of pairs."""
    flow = min_cost_flow.SimpleMinCostFlow()
    sink = mentees + len(capacity)
    mentors = np.arange(len(capacity), dtype=np.int64)
    tails = np.concatenate([i, mentees + mentors, np.arange(mentees)])
    heads = np.concatenate([mentees + j, np.full(len(capacity), sink), np.full(mentees, sink)])
    capacities = np.concatenate([np.ones(len(i)), capacity, np.ones(mentees)]).astype(np.int64)
    costs = np.concatenate([-score, np.zeros(len(capacity) + mentees)]).astype(np.int64)
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    flow.set_nodes_supplies(
        np.arange(sink + 1),
        np.concatenate([np.ones(mentees), np.zeros(len(capacity)), [-mentees]]).astype(np.int64),
    )
    if flow.solve() != flow.OPTIMAL:
        raise RuntimeError("OR-Tools found no optimum")
    return np.flatnonzero(flow.flows(arcs[: len(i)]) > 0)


def lp_most_then_best(
    mentees: int, capacity: np.ndarray, i: np.ndarray, j: np.ndarray, score: np.ndarray
) -> tuple[int, int]:
    """The number of pairs and the total of the mentoring objective solved as two linear
    programmes by HiGHS: the bipartite constraint matrix is totally unimodular, so the LP
    optima are those of the integer problem."""
    arcs = np.arange(len(i))
    rows = csr_array(
        (
            np.ones(2 * len(i)),
            (np.concatenate([i, mentees + j]), np.concatenate([arcs, arcs])),
        ),
        shape=(mentees + len(capacity), len(i)),
    )
    upper = np.concatenate([np.ones(mentees), capacity])
    limits = LinearConstraint(rows, -np.inf, upper)
    ones = np.ones(len(i))
    first = milp(-ones, constraints=[limits], bounds=Bounds(0, 1))
    most = round(-first.fun)
    second = milp(
        -score.astype(float),
        constraints=[limits, LinearConstraint(ones.reshape(1, -1), most, np.inf)],
        bounds=Bounds(0, 1),
    )
    return most, round(-second.fun)


def networkx_matching(a: np.ndarray, b: np.ndarray, score: np.ndarray) -> tuple[int, int]:
    """Pairs and total of `networkx.max_weight_matching(maxcardinality=True)`."""
    graph = nx.Graph()
    graph.add_weighted_edges_from(zip(a.tolist(), b.tolist(), score.tolist(), strict=False))
    matching = nx.max_weight_matching(graph, maxcardinality=True)
    return len(matching), sum(graph[u][v]["weight"] for u, v in matching)
