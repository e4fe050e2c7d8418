"""The solvers against the implementations an engineer trusts, on pools too large for brute
force: networkx's blossom algorithm for buddies, HiGHS on the (totally unimodular) linear
programme for mentoring; and the buddy bound keeps each person's best candidates."""

import random
from decimal import Decimal

import networkx as nx
import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

from guild.mentoring.matching import Rules, buddy_round, mentoring_round, solvers
from guild.mentoring.matching.solvers import general_matching, transportation
from guild.mentoring.tests.matching_reference import (
    broken_rules,
    random_mentor,
    random_person,
    random_weights,
    score,
)


def _networkx(people, weights, rules):
    graph = nx.Graph()
    for k, a in enumerate(people):
        for b in people[k + 1 :]:
            if not broken_rules(a, b, rules, set(), mentoring=False):
                # Integer weights keep networkx's arithmetic exact (weights have <= 4 places).
                units = int(score(a, b, weights, mutual=True) * 10_000)
                graph.add_edge(a.id, b.id, weight=units)
    matching = nx.max_weight_matching(graph, maxcardinality=True)
    total = sum(graph[u][v]["weight"] for u, v in matching)
    return len(matching), Decimal(total) / 10_000


@pytest.mark.parametrize("seed", range(25))
def test_the_buddy_round_matches_networkx_on_pools_of_forty(seed):
    g = random.Random(seed)
    ids = list(range(1, 41))
    people = [random_person(g, i, ids) for i in ids]
    weights = random_weights(g)
    rules = Rules(separate_departments=g.random() < 0.5, buddy_max_gap=g.choice((None, 1)))
    result = buddy_round(people, weights=weights, rules=rules)
    assert (len(result.pairs), result.total) == _networkx(people, weights, rules)


@pytest.mark.parametrize("seed", range(10))
def test_branch_and_bound_after_the_cuts_matches_networkx(seed, monkeypatch):
    g = random.Random(seed)
    n = 30
    edges = {(a, b) for a in range(n) for b in range(a + 1, n) if g.random() < 0.15}
    a = np.array([e[0] for e in sorted(edges)], dtype=np.int64)
    b = np.array([e[1] for e in sorted(edges)], dtype=np.int64)
    weight = np.array([g.randint(0, 9) for _ in edges], dtype=np.int64)
    graph = nx.Graph()
    graph.add_weighted_edges_from(zip(a.tolist(), b.tolist(), weight.tolist(), strict=True))
    expected = nx.max_weight_matching(graph, maxcardinality=True)
    best = (len(expected), sum(graph[u][v]["weight"] for u, v in expected))
    for rounds in (solvers.CUT_ROUNDS, 0):
        monkeypatch.setattr(solvers, "CUT_ROUNDS", rounds)
        solved = general_matching(n, a, b, weight)
        assert solved.optimal
        assert (len(solved.chosen), int(weight[solved.chosen].sum())) == best


def _lp(mentees, capacity, i, j, weight):
    arcs = np.arange(len(i))
    rows = csr_array(
        (np.ones(2 * len(i)), (np.concatenate([i, mentees + j]), np.concatenate([arcs, arcs]))),
        shape=(mentees + len(capacity), len(i)),
    )
    limits = LinearConstraint(rows, -np.inf, np.concatenate([np.ones(mentees), capacity]))
    most = round(-milp(-np.ones(len(i)), constraints=[limits], bounds=Bounds(0, 1)).fun)
    floor = LinearConstraint(np.ones((1, len(i))), most, np.inf)
    best = milp(-weight.astype(float), constraints=[limits, floor], bounds=Bounds(0, 1))
    return most, round(-best.fun)


@pytest.mark.parametrize("seed", range(10))
def test_the_transportation_solve_matches_the_linear_programme(seed):
    g = random.Random(seed)
    mentees, mentors = 60, 20
    pairs = sorted({(g.randrange(mentees), g.randrange(mentors)) for _ in range(300)})
    i = np.array([p[0] for p in pairs], dtype=np.int64)
    j = np.array([p[1] for p in pairs], dtype=np.int64)
    weight = np.array([g.randint(0, 20) for _ in pairs], dtype=np.int64)
    capacity = np.array([g.randint(1, 3) for _ in range(mentors)], dtype=np.int64)
    solved = transportation(mentees, capacity, i, j, weight)
    assert solved.optimal
    chosen = solved.chosen
    assert np.bincount(i[chosen], minlength=mentees).max() <= 1
    assert np.all(np.bincount(j[chosen], minlength=mentors) <= capacity)
    assert (len(chosen), int(weight[chosen].sum())) == _lp(mentees, capacity, i, j, weight)


def test_a_mentoring_round_of_a_few_hundred_is_exact_and_explained():
    g = random.Random(3)
    ids = list(range(1, 401))
    mentees = [random_person(g, i, ids) for i in ids[:300]]
    mentors = [random_mentor(g, i, ids) for i in ids[300:]]
    result = mentoring_round(mentees, mentors)
    assert result.optimal
    assert len(result.pairs) + sum(u.role == "mentee" for u in result.unmatched) == 300


def test_the_buddy_bound_keeps_only_each_persons_best_candidates():
    g = random.Random(5)
    ids = list(range(1, 61))
    people = [random_person(g, i, ids) for i in ids]
    weights = random_weights(g)
    bounded = buddy_round(people, weights=weights, rules=Rules(buddy_candidates=2))
    full = buddy_round(people, weights=weights)
    assert bounded.candidates < full.candidates
    assert (len(bounded.pairs), bounded.total) <= (len(full.pairs), full.total)
    by_id = {p.id: p for p in people}
    for pair in bounded.pairs:
        a, b = by_id[pair.first], by_id[pair.second]
        ranks = []
        for me, other in ((a, b), (b, a)):
            better = [
                o
                for o in people
                if o.id != me.id
                and not broken_rules(me, o, Rules(), set(), mentoring=False)
                and (score(me, o, weights, mutual=True), -o.id)
                > (score(me, other, weights, mutual=True), -other.id)
            ]
            ranks.append(len(better))
        assert min(ranks) < 2
