"""A plain, pair-by-pair statement of the matching rules and scores, and brute force over
every matching of small pools: the reference the engine's vectorised code is checked
against. Written from the module's docstring, not from its code."""

import random
from collections.abc import Sequence
from dataclasses import fields
from decimal import Decimal
from itertools import product

from guild.mentoring.matching import Mentor, Person, Rules, Weights

F = frozenset


def broken_rules(
    a: Person, b: Person, rules: Rules, past: set[frozenset[int]], *, mentoring: bool
) -> set[str]:
    """The hard rules the pair breaks; in mentoring, `a` is the mentee, `b` the mentor."""
    found = set()
    if not a.languages & b.languages:
        found.add("language")
    if rules.same_region and a.region != b.region:
        found.add("region")
    if rules.separate_departments and a.department == b.department:
        found.add("department")
    gap = b.seniority - a.seniority
    if mentoring and not rules.min_gap <= gap <= rules.max_gap:
        found.add("seniority")
    if not mentoring and rules.buddy_max_gap is not None and abs(gap) > rules.buddy_max_gap:
        found.add("seniority")
    if a.id in b.reporting_line or b.id in a.reporting_line:
        found.add("reporting_line")
    if a.id in b.avoid or b.id in a.avoid:
        found.add("avoid")
    if F((a.id, b.id)) in past:
        found.add("past")
    return found


def score(a: Person, b: Person, weights: Weights, *, mutual: bool) -> Decimal:
    skills = len(a.wants & b.offers) + (len(b.wants & a.offers) if mutual else 0)
    return Decimal(
        weights.competencies * skills
        + weights.goals * len(a.goals & b.goals)
        + weights.availability * len(a.availability & b.availability)
        + weights.region * (a.region == b.region)
        + weights.format * bool(a.formats & b.formats)
    )


def best_mentoring(
    mentees: Sequence[Person], mentors: Sequence[Mentor], weights: Weights, rules: Rules, past
) -> tuple[int, Decimal]:
    """The most pairs, then the highest total, over every assignment."""
    seen = {F(p) for p in past}
    options = [
        [None]
        + [k for k, t in enumerate(mentors) if not broken_rules(m, t, rules, seen, mentoring=True)]
        for m in mentees
    ]
    best = (0, Decimal(0))
    for choice in product(*options):
        load = [0] * len(mentors)
        for k in choice:
            if k is not None:
                load[k] += 1
        if any(load[k] > t.capacity for k, t in enumerate(mentors)):
            continue
        pairs = [(m, mentors[k]) for m, k in zip(mentees, choice, strict=False) if k is not None]
        value = (
            len(pairs),
            sum((score(m, t, weights, mutual=False) for m, t in pairs), Decimal(0)),
        )
        best = max(best, value)
    return best


def best_buddies(
    people: Sequence[Person], weights: Weights, rules: Rules, past
) -> tuple[int, Decimal]:
    seen = {F(p) for p in past}

    def search(free: tuple[Person, ...]) -> tuple[int, Decimal]:
        if not free:
            return (0, Decimal(0))
        first, rest = free[0], free[1:]
        best = search(rest)
        for k, other in enumerate(rest):
            if broken_rules(first, other, rules, seen, mentoring=False):
                continue
            count, total = search(rest[:k] + rest[k + 1 :])
            best = max(best, (count + 1, total + score(first, other, weights, mutual=True)))
        return best

    return search(tuple(people))


def _codes(g: random.Random, prefix: str, size: int) -> frozenset[str]:
    return F(f"{prefix}{k}" for k in range(size) if g.random() < 0.4)


def random_person(g: random.Random, identifier: int, ids: Sequence[int]) -> Person:
    others = [i for i in ids if i != identifier]
    return Person(
        id=identifier,
        department=g.choice("ABC"),
        region=g.choice(("east", "west")),
        seniority=g.randint(1, 5),
        languages=g.choice((F({"en"}), F({"fr"}), F({"en", "fr"}), F({"en"}))),
        formats=g.choice((F(), F({"in_person"}), F({"virtual"}), F({"in_person", "virtual"}))),
        availability=_codes(g, "slot", 3),
        wants=_codes(g, "c", 4),
        offers=_codes(g, "c", 4),
        goals=_codes(g, "g", 3),
        reporting_line=tuple(g.sample(others, 1)) if others and g.random() < 0.15 else (),
        avoid=F(g.sample(others, 1)) if others and g.random() < 0.1 else F(),
    )


def random_weights(g: random.Random) -> Weights:
    def weight() -> Decimal:
        return g.choice((Decimal(0), Decimal(1), Decimal("2.5"), Decimal("0.75"), Decimal(3)))

    return Weights(weight(), weight(), weight(), weight(), weight())


def random_rules(g: random.Random) -> Rules:
    low = g.randint(1, 2)
    return Rules(
        separate_departments=g.random() < 0.5,
        same_region=g.random() < 0.3,
        min_gap=low,
        max_gap=g.randint(low, 4),
        buddy_max_gap=g.choice((None, 0, 1, 3)),
    )


def random_past(
    g: random.Random, left: Sequence[int], right: Sequence[int]
) -> list[tuple[int, int]]:
    pairs = [(g.choice(left), g.choice(right)) for _ in range(g.randint(0, 2))]
    return [(a, b) for a, b in pairs if a != b]


def random_mentor(g: random.Random, identifier: int, ids: Sequence[int]) -> Mentor:
    base = random_person(g, identifier, ids)
    values = {f.name: getattr(base, f.name) for f in fields(base)}
    return Mentor(**values, capacity=g.randint(1, 3))
