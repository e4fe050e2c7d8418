"""Both rounds against brute force over every matching of 300 seeded random small pools:
the most pairs, then the highest total; every pair admissible, scored as the rules say;
every person either paired or told why not, with the counts of the rules that exclude."""

import random
from decimal import Decimal

import pytest

from guild.mentoring.matching import Role, buddy_round, mentoring_round
from guild.mentoring.matching.candidates import HARD_RULES
from guild.mentoring.tests.matching_reference import (
    best_buddies,
    best_mentoring,
    broken_rules,
    random_mentor,
    random_past,
    random_person,
    random_rules,
    random_weights,
    score,
)

INSTANCES = 300


def _check_unmatched(result, left, right, rules, past, *, mentoring):
    """Each unmatched person's reason is true of the pools: a `no_candidate` has exactly
    the per-rule counts of the reference, and the others had at least one candidate."""
    seen = {frozenset(p) for p in past}
    by_id = {p.id: p for p in [*left, *right]}
    for waiting in result.unmatched:
        person = by_id[waiting.member]
        if waiting.role is Role.MENTOR:
            pool = [(m, person) for m in left]
        elif waiting.role is Role.MENTEE:
            pool = [(person, t) for t in right]
        else:
            pool = [(person, o) for o in left if o.id != person.id]
        broken = [broken_rules(a, b, rules, seen, mentoring=mentoring) for a, b in pool]
        (reason,) = waiting.reasons
        if reason.code == "empty":
            assert not pool
        elif reason.code == "no_candidate":
            assert all(broken)
            counts = {rule: sum(rule in b for b in broken) for rule in HARD_RULES}
            assert dict(reason.params["counts"]) == {r: c for r, c in counts.items() if c}
            assert reason.params["count"] == max(counts.values())
            assert reason.params["pool"] == len(pool)
        else:
            assert reason.code in ("full", "taken")
            assert reason.params["candidates"] == sum(not b for b in broken)


@pytest.mark.parametrize("seed", range(INSTANCES))
def test_mentoring_round_is_optimal_against_brute_force(seed):
    g = random.Random(seed)
    mentee_ids = list(range(1, g.randint(1, 6) + 1))
    mentor_ids = list(range(101, 101 + g.randint(1, 4)))
    everyone = mentee_ids + mentor_ids
    mentees = [random_person(g, i, everyone) for i in mentee_ids]
    mentors = [random_mentor(g, i, everyone) for i in mentor_ids]
    weights, rules = random_weights(g), random_rules(g)
    past = random_past(g, mentee_ids, mentor_ids)

    result = mentoring_round(mentees, mentors, weights=weights, rules=rules, past=past)

    assert (len(result.pairs), result.total) == best_mentoring(
        mentees, mentors, weights, rules, past
    )
    assert result.optimal
    by_id = {p.id: p for p in [*mentees, *mentors]}
    seen = {frozenset(p) for p in past}
    for pair in result.pairs:
        mentee, mentor = by_id[pair.first], by_id[pair.second]
        assert not broken_rules(mentee, mentor, rules, seen, mentoring=True)
        assert pair.score == score(mentee, mentor, weights, mutual=False)
        assert sum((c.points for c in pair.criteria), Decimal(0)) == pair.score
    assert len({p.first for p in result.pairs}) == len(result.pairs)
    for mentor in mentors:
        assert sum(p.second == mentor.id for p in result.pairs) <= mentor.capacity
    assert sum((p.score for p in result.pairs), Decimal(0)) == result.total
    paired = {p.first for p in result.pairs} | {p.second for p in result.pairs}
    assert {u.member for u in result.unmatched} == {p.id for p in [*mentees, *mentors]} - paired
    _check_unmatched(result, mentees, mentors, rules, past, mentoring=True)


@pytest.mark.parametrize("seed", range(INSTANCES))
def test_buddy_round_is_optimal_against_brute_force(seed):
    g = random.Random(10_000 + seed)
    ids = list(range(1, g.randint(1, 8) + 1))
    people = [random_person(g, i, ids) for i in ids]
    weights, rules = random_weights(g), random_rules(g)
    past = random_past(g, ids, ids)

    result = buddy_round(people, weights=weights, rules=rules, past=past)

    assert (len(result.pairs), result.total) == best_buddies(people, weights, rules, past)
    assert result.optimal
    by_id = {p.id: p for p in people}
    seen = {frozenset(p) for p in past}
    ends = [p.first for p in result.pairs] + [p.second for p in result.pairs]
    assert len(ends) == len(set(ends))
    for pair in result.pairs:
        a, b = by_id[pair.first], by_id[pair.second]
        assert a.id < b.id
        assert not broken_rules(a, b, rules, seen, mentoring=False)
        assert pair.score == score(a, b, weights, mutual=True)
    assert {u.member for u in result.unmatched} == set(ids) - set(ends)
    _check_unmatched(result, people, people, rules, past, mentoring=False)


def test_the_answer_does_not_depend_on_the_order_of_the_input():
    g = random.Random(7)
    ids = list(range(1, 41))
    mentees = [random_person(g, i, ids) for i in ids[:30]]
    mentors = [random_mentor(g, i, ids) for i in ids[30:]]
    first = mentoring_round(mentees, mentors)
    again = mentoring_round(list(reversed(mentees)), list(reversed(mentors)))
    assert first == again
    buddies = buddy_round(mentees)
    assert buddies == buddy_round(list(reversed(mentees)))
