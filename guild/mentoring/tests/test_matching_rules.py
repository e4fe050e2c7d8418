"""Each hard rule keeps a breaking pair out of both rounds, capacity is never exceeded, the
objective is "most pairs, then highest score", and every explanation says what happened."""

from decimal import Decimal
from typing import Any

import pytest

from guild.mentoring.matching import (
    Mentor,
    Person,
    Role,
    Rules,
    Weights,
    buddy_round,
    mentoring_round,
    pair_sentences,
    unmatched_sentences,
)

F = frozenset


def mentee(identifier=1, **changes):
    values = dict(id=identifier, department="ESDC", region="east", seniority=2, languages=F({"en"}))
    return Person(**(values | changes))


def mentor(identifier=100, **changes):
    values = dict(
        id=identifier,
        department="CRA",
        region="east",
        seniority=4,
        languages=F({"en", "fr"}),
        capacity=1,
    )
    return Mentor(**(values | changes))


Changes = dict[str, Any]
BREAKING: dict[str, tuple[Changes, Changes, Changes]] = {
    "language": (dict(languages=F({"fr"})), dict(languages=F({"en"})), {}),
    "department": (dict(department="CRA"), {}, {}),
    "region": (dict(region="west"), {}, dict(same_region=True)),
    "seniority_too_close": (dict(seniority=4), {}, {}),
    "seniority_too_far": (dict(seniority=0), dict(seniority=5), dict(max_gap=4)),
    "mentee_reports_to_mentor": (dict(reporting_line=(55, 100)), {}, {}),
    "mentor_reports_to_mentee": ({}, dict(reporting_line=(1,)), {}),
    "mentee_avoids": (dict(avoid=F({100})), {}, {}),
    "mentor_avoids": ({}, dict(avoid=F({1})), {}),
}


@pytest.mark.parametrize("rule", sorted(BREAKING))
def test_a_mentoring_pair_breaking_a_hard_rule_is_never_proposed(rule):
    mentee_changes, mentor_changes, rule_changes = BREAKING[rule]
    rules = Rules(**rule_changes)
    allowed = mentoring_round([mentee()], [mentor()], rules=rules)
    assert [(p.first, p.second) for p in allowed.pairs] == [(1, 100)]

    result = mentoring_round([mentee(**mentee_changes)], [mentor(**mentor_changes)], rules=rules)

    assert result.pairs == ()
    assert [(u.member, u.reasons[0].code) for u in result.unmatched] == [
        (1, "no_candidate"),
        (100, "no_candidate"),
    ]


@pytest.mark.parametrize("order", [(1, 100), (100, 1)])
def test_a_past_pair_is_never_proposed_again(order):
    result = mentoring_round([mentee()], [mentor()], past=[order])
    assert result.pairs == ()
    assert result.unmatched[0].reasons[0].params["rule"] == "past"


def test_departments_may_be_shared_when_the_coordinator_allows_it():
    rules = Rules(separate_departments=False)
    result = mentoring_round([mentee(department="CRA")], [mentor()], rules=rules)
    assert len(result.pairs) == 1


@pytest.mark.parametrize(
    "changes",
    [
        dict(languages=F({"fr"})),
        dict(department="X"),
        dict(avoid=F({1})),
        dict(reporting_line=(1,)),
        dict(seniority=9),
    ],
)
def test_a_buddy_pair_breaking_a_hard_rule_is_never_proposed(changes):
    rules = Rules(buddy_max_gap=3)
    first = mentee(department="X")
    assert len(buddy_round([first, mentee(2)], rules=rules).pairs) == 1
    result = buddy_round([first, mentee(2, **changes)], rules=rules)
    assert result.pairs == ()
    assert [u.reasons[0].code for u in result.unmatched] == ["no_candidate"] * 2


def test_a_buddy_past_pair_is_never_proposed_again():
    people = [mentee(1, department="X"), mentee(2)]
    assert buddy_round(people, past=[(2, 1)]).pairs == ()


@pytest.mark.parametrize("capacity", [1, 2, 3])
def test_a_mentor_never_takes_more_mentees_than_their_capacity(capacity):
    mentees = [mentee(i) for i in range(1, 6)]
    result = mentoring_round(mentees, [mentor(capacity=capacity)])
    assert len(result.pairs) == capacity
    waiting = [u for u in result.unmatched if u.role is Role.MENTEE]
    assert len(waiting) == 5 - capacity
    assert {u.reasons[0].code for u in waiting} == {"full"}


def test_the_round_pairs_as_many_people_as_possible_before_it_counts_points():
    # x scores 10 with A and 0 with B; y can only go to A, for 1. The highest total alone
    # would be x with A (10) and y alone; the round pairs both (x-B, y-A: 1).
    weights = Weights(competencies=Decimal(9), goals=0, region=Decimal(1), format=0, availability=0)
    x = mentee(1, wants=F({"lead"}))
    y = mentee(2, languages=F({"fr"}))
    a = mentor(100, offers=F({"lead"}))
    b = mentor(101, region="west", languages=F({"en"}))
    result = mentoring_round([x, y], [a, b], weights=weights)
    assert [(p.first, p.second, p.score) for p in result.pairs] == [(1, 101, 0), (2, 100, 1)]
    assert result.total == 1


def test_the_buddy_round_pairs_as_many_people_as_possible_before_it_counts_points():
    # A path a-b-c-d: b with c scores 10, the ends 1 each: two pairs (2 points) beat one (10).
    weights = Weights(
        competencies=Decimal(10), goals=0, region=0, format=0, availability=Decimal(1)
    )
    a = mentee(1, department="A", availability=F({"mon"}))
    b = mentee(2, department="B", availability=F({"mon"}), wants=F({"x"}), avoid=F({4}))
    c = mentee(3, department="C", offers=F({"x"}), availability=F({"tue"}), avoid=F({1}))
    d = mentee(4, department="D", availability=F({"tue"}), avoid=F({1}))
    result = buddy_round([a, b, c, d], weights=weights, rules=Rules())
    assert {(p.first, p.second) for p in result.pairs} == {(1, 2), (3, 4)}
    assert result.total == 2


def test_a_pair_says_which_criteria_scored_with_their_points():
    weights = Weights(
        competencies=Decimal("2.5"),
        goals=Decimal(2),
        region=Decimal(1),
        format=Decimal(1),
        availability=Decimal("0.5"),
    )
    person = mentee(
        wants=F({"data", "policy"}),
        goals=F({"lead"}),
        formats=F({"virtual"}),
        availability=F({"mon-am", "tue-pm"}),
    )
    guide = mentor(
        offers=F({"data", "policy", "law"}),
        goals=F({"lead", "speak"}),
        formats=F({"virtual", "in_person"}),
        availability=F({"mon-am"}),
    )
    (pair,) = mentoring_round([person], [guide], weights=weights).pairs
    assert pair.score == Decimal("9.5")
    assert pair_sentences(pair, labels={"data": "Data literacy"}) == [
        "Competencies to develop that the other offers: Data literacy, policy (+5).",
        "Shared goals: lead (+2).",
        "Same region (+1).",
        "A format both accept: virtual (+1).",
        "Shared availability: mon-am (+0.5).",
    ]


def test_a_pair_that_scores_nothing_says_why_it_is_proposed():
    (pair,) = mentoring_round([mentee(region="west")], [mentor()]).pairs
    assert pair.criteria == ()
    assert pair_sentences(pair) == [
        "No criterion scored: this pair lets one more person have a partner."
    ]


def test_an_unmatched_mentee_is_told_the_rule_that_excluded_the_most():
    mentors = [
        mentor(100, seniority=2),
        mentor(101, seniority=3, languages=F({"fr"})),
        mentor(102, seniority=9),
    ]
    (waiting, *_) = mentoring_round([mentee()], mentors).unmatched
    assert waiting.member == 1
    assert waiting.reasons[0].params["counts"] == (("language", 1), ("seniority", 2))
    assert unmatched_sentences(waiting) == [
        "No admissible mentor among 3: the rule that excluded the most is “the seniority gap” (2)."
    ]


def test_an_unmatched_mentee_is_told_the_places_are_held_by_better_pairs():
    weights = Weights(competencies=Decimal(3), goals=0, region=0, format=0, availability=0)
    strong = mentee(1, wants=F({"data"}))
    weak = mentee(2)
    result = mentoring_round([strong, weak], [mentor(offers=F({"data"}))], weights=weights)
    assert [(p.first, p.second) for p in result.pairs] == [(1, 100)]
    (waiting,) = result.unmatched
    assert waiting.reasons[0].params == {"candidates": 1, "people": ((100, 0, 3),)}
    assert unmatched_sentences(waiting, names={100: "Ada"}) == [
        "The one admissible mentor is full, with mentees who score at least as much with "
        "them: Ada (0 with you, 3 held)."
    ]


def test_a_mentor_without_a_mentee_is_told_their_candidates_are_better_paired():
    weights = Weights(competencies=Decimal(3), goals=0, region=0, format=0, availability=0)
    result = mentoring_round(
        [mentee(wants=F({"data"}))],
        [mentor(100, offers=F({"data"})), mentor(101)],
        weights=weights,
    )
    (idle,) = result.unmatched
    assert (idle.member, idle.role) == (101, Role.MENTOR)
    assert idle.reasons[0].params == {"candidates": 1, "people": ((1, 0, 3),)}


def test_an_odd_buddy_out_is_told_who_holds_their_candidates():
    weights = Weights(competencies=0, goals=0, region=0, format=0, availability=Decimal(1))
    people = [
        mentee(1, department="A", availability=F({"mon"})),
        mentee(2, department="B", availability=F({"mon"})),
        mentee(3, department="C"),
    ]
    result = buddy_round(people, weights=weights)
    assert [(p.first, p.second) for p in result.pairs] == [(1, 2)]
    (waiting,) = result.unmatched
    assert waiting.reasons[0].code == "taken"
    assert waiting.reasons[0].params["candidates"] == 2
