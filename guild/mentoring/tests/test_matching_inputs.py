"""Bad input is refused before any solve, with every problem at its path."""

from decimal import Decimal

import pytest

from guild.mentoring.matching import (
    MatchingError,
    Mentor,
    Person,
    Rules,
    Weights,
    buddy_round,
    mentoring_round,
)

F = frozenset


def person(identifier, **changes):
    values = dict(id=identifier, department="ESDC", region="east", seniority=2, languages=F({"en"}))
    return Person(**(values | changes))


def guide(identifier, **changes):
    values = dict(
        id=identifier,
        department="CRA",
        region="east",
        seniority=4,
        languages=F({"en"}),
        capacity=2,
    )
    return Mentor(**(values | changes))


def test_a_mentoring_round_lists_every_problem_of_its_input():
    mentees = [
        person(1, languages=F({"en", "es"})),
        person(1),
        person(2, languages=F()),
        person(3, department=" ", region="", seniority="2", formats=F({"phone"})),
        person(4, wants=F({""}), reporting_line=(4,)),
        guide(200),
    ]
    mentors = [
        guide(100, capacity=0),
        guide(101, capacity=4),
        guide(101),
        guide(2),
        person(102),
    ]
    weights = Weights(competencies=Decimal(-1), goals=Decimal("0.12345"), region=1.5)  # type: ignore[arg-type]
    rules = Rules(min_gap=0, max_gap=-1)

    with pytest.raises(MatchingError) as raised:
        mentoring_round(mentees, mentors, weights=weights, rules=rules, past=[(1, 1)])

    assert [(p.path, p.message) for p in raised.value.problems] == [
        (
            "mentees[0].languages",
            'Unknown language "es": the official languages are "en" and "fr".',
        ),
        ("mentees[2].languages", "At least one official language is needed."),
        ("mentees[3].department", "The department is missing."),
        ("mentees[3].region", "The region is missing."),
        ("mentees[3].seniority", "The seniority must be a whole number."),
        ("mentees[3].formats", 'A format is "in_person" or "virtual".'),
        ("mentees[4].reporting_line", "A member cannot be in their own reporting line."),
        ("mentees[5]", "A mentee is given as a mentor."),
        ("mentors[0].capacity", "A mentor's capacity is 1, 2 or 3 mentees."),
        ("mentors[1].capacity", "A mentor's capacity is 1, 2 or 3 mentees."),
        ("mentors[4]", "A mentor needs a capacity."),
        ("mentees[4].wants", "Codes must be a set of non-empty texts."),
        ("mentees", "Member 1 appears more than once."),
        ("mentors", "Member 101 appears more than once."),
        ("mentors", "Member 2 is both a mentee and a mentor in this round."),
        ("weights.competencies", "A weight must be between 0 and 1000."),
        ("weights.goals", "A weight may have at most 4 decimal places."),
        ("weights.region", "A weight must be a decimal number."),
        ("rules.min_gap", "The mentor must be more senior: the smallest gap is 1 or more."),
        ("rules.max_gap", "The largest gap is smaller than the smallest gap."),
        ("past", "A past pair needs two different members."),
    ]
    assert raised.value.code == "invalid_matching"
    assert raised.value.fields["mentors[0].capacity"] == [
        "A mentor's capacity is 1, 2 or 3 mentees."
    ]


def test_a_gap_range_upside_down_is_refused():
    with pytest.raises(MatchingError) as raised:
        mentoring_round([person(1)], [guide(100)], rules=Rules(min_gap=3, max_gap=2))
    assert [p.path for p in raised.value.problems] == ["rules.max_gap"]


def test_a_buddy_round_lists_every_problem_of_its_input():
    people = [person(1), person(1), person(2, languages=F({"de"})), person(3, avoid=F({"x"}))]
    with pytest.raises(MatchingError) as raised:
        buddy_round(
            people,
            rules=Rules(buddy_max_gap=-1, buddy_candidates=0),
            past=[(1, "2")],  # type: ignore[list-item]
        )
    assert [p.path for p in raised.value.problems] == [
        "people[2].languages",
        "people[3].avoid",
        "people",
        "rules.buddy_max_gap",
        "rules.buddy_candidates",
        "past",
    ]


def test_a_round_with_too_many_pairs_to_examine_is_refused_not_run_for_hours():
    mentees = [person(i) for i in range(1, 30)]
    with pytest.raises(MatchingError) as raised:
        mentoring_round(mentees, [guide(100), guide(101)], rules=Rules(max_pairs=10))
    assert raised.value.problems[0].path == "rules"


def test_empty_pools_give_an_empty_round():
    result = mentoring_round([], [])
    assert (result.pairs, result.unmatched, result.total) == ((), (), 0)
    lonely = buddy_round([person(1)])
    assert [u.reasons[0].code for u in lonely.unmatched] == ["empty"]
