"""The optimiser against brute force over every subset of small generated instances: the
same best total, a cohort that keeps every rule, the tie-break's preference, the same answer
whatever the order of the nominations, and conflicts that are real and minimal.

The checks here are written again from the definitions in the module docstring, not with
the module's own rule-keeping code."""

import math
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import combinations
from random import Random

from hypothesis import event, given, settings
from hypothesis import strategies as st

from guild.programmes.selection import (
    Balance,
    Constraints,
    Kind,
    Nominee,
    Rule,
    SelectionConflict,
    select_cohort,
)

VALUES = {
    "region": ["NCR", "ON", "QC"],
    "language": ["en", "fr"],
    "level": ["EX-01", "EX-02", "EX-03"],
}


@st.composite
def nominations(draw: st.DrawFn) -> list[Nominee]:
    size = draw(st.integers(min_value=1, max_value=12) | st.integers(min_value=8, max_value=12))
    ids = draw(st.lists(st.integers(1, 500), min_size=size, max_size=size, unique=True))
    # Few values make many nominees alike, which the model's pruning of contenders is about.
    few = draw(st.integers(1, 3))
    return [
        Nominee(
            identifier,
            Decimal(draw(st.integers(0, 16))) / 2,
            draw(st.sampled_from("ABCD"[: few + 1])),
            draw(st.sampled_from(VALUES["region"][:few])),
            draw(st.sampled_from(VALUES["language"])),
            draw(st.sampled_from(VALUES["level"][:few])),
        )
        for identifier in ids
    ]


@st.composite
def balances(draw: st.DrawFn) -> Balance:
    attribute = draw(st.sampled_from(sorted(VALUES)))
    percent = draw(st.booleans())
    bound = st.sampled_from([0, 10, 25, 30, 40, 50, 75, 100]) if percent else st.integers(0, 3)
    low, high = draw(st.none() | bound), draw(st.none() | bound)
    if low is None and high is None:
        low = draw(bound)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Balance(attribute, draw(st.sampled_from(VALUES[attribute])), low, high, percent)


constraints = st.builds(
    Constraints,
    capacity=st.integers(1, 8),
    max_per_department=st.none() | st.integers(1, 4),
    min_departments=st.integers(0, 4) | st.just(0),
    balance=st.lists(balances(), max_size=3).map(tuple),
)


def bounds(constraints: Constraints, seats: int) -> list[tuple[str, str, int, int]]:
    found = []
    for rule in constraints.balance:
        low, high = rule.at_least, rule.at_most
        if rule.percent:
            low = None if low is None else math.ceil(Fraction(int(low) * seats, 100))
            high = None if high is None else math.floor(Fraction(int(high) * seats, 100))
        found.append(
            (
                rule.attribute,
                rule.value,
                0 if low is None else int(low),
                seats if high is None else int(high),
            )
        )
    return found


def keeps(cohort: Sequence[Nominee], constraints: Constraints, seats: int) -> bool:
    departments = Counter(n.department for n in cohort)
    if len(cohort) != seats or len(departments) < constraints.min_departments:
        return False
    most = constraints.max_per_department
    if most is not None and max(departments.values()) > most:
        return False
    for attribute, value, low, high in bounds(constraints, seats):
        count = sum(getattr(n, attribute) == value for n in cohort)
        if not low <= count <= high:
            return False
    return True


def keeps_rules(cohort: Sequence[Nominee], rules: Sequence[Rule]) -> bool:
    departments = Counter(n.department for n in cohort)
    for rule in rules:
        count = sum(
            bool(rule.attribute) and getattr(n, rule.attribute) == rule.value for n in cohort
        )
        if (
            (rule.kind is Kind.SEATS and len(cohort) != rule.count)
            or (
                rule.kind is Kind.DEPARTMENT_MAX
                and max(departments.values(), default=0) > rule.count
            )
            or (rule.kind is Kind.DEPARTMENTS_MIN and len(departments) < rule.count)
            or (rule.kind is Kind.AT_LEAST and count < rule.count)
            or (rule.kind is Kind.AT_MOST and count > rule.count)
        ):
            return False
    return True


def any_cohort(nominees: Sequence[Nominee], rules: Sequence[Rule]) -> bool:
    return any(
        keeps_rules(cohort, rules)
        for size in range(len(nominees) + 1)
        for cohort in combinations(nominees, size)
    )


@st.composite
def tight(draw: st.DrawFn) -> tuple[list[Nominee], Constraints]:
    """Nominations and rules that one random cohort meets exactly, so that a cohort exists
    and the rules tend to bind."""
    nominees = draw(nominations())
    witness = draw(st.lists(st.sampled_from(nominees), min_size=1, unique=True))
    departments = Counter(n.department for n in witness)
    balance = []
    for attribute in draw(st.lists(st.sampled_from(sorted(VALUES)), max_size=3)):
        value = draw(st.sampled_from(VALUES[attribute]))
        count = sum(getattr(n, attribute) == value for n in witness)
        if draw(st.booleans()):
            balance.append(Balance(attribute, value, at_least=count))
        else:
            balance.append(Balance(attribute, value, at_most=count))
    constraints = Constraints(
        capacity=len(witness),
        max_per_department=draw(st.none() | st.just(max(departments.values()))),
        min_departments=draw(st.sampled_from([0, len(departments)])),
        balance=tuple(balance),
    )
    return nominees, constraints


@settings(max_examples=200)
@given(nominations(), constraints, st.randoms(use_true_random=False))
def test_the_optimiser_agrees_with_brute_force(
    nominees: list[Nominee], constraints: Constraints, random: Random
) -> None:
    agrees_with_brute_force(nominees, constraints, random)


@settings(max_examples=200)
@given(tight(), st.randoms(use_true_random=False))
def test_the_optimiser_agrees_with_brute_force_under_binding_rules(
    instance: tuple[list[Nominee], Constraints], random: Random
) -> None:
    agrees_with_brute_force(*instance, random)


def agrees_with_brute_force(
    nominees: list[Nominee], constraints: Constraints, random: Random
) -> None:
    seats = min(constraints.capacity, len(nominees))
    by_id = sorted(nominees, key=lambda n: n.id)
    preference = {n.id: len(by_id) - position for position, n in enumerate(by_id)}
    feasible = [c for c in combinations(nominees, seats) if keeps(c, constraints, seats)]
    try:
        selection = select_cohort(nominees, constraints)
    except SelectionConflict as conflict:
        event(f"conflict of {len(conflict.rules)} rules")
        assert not feasible
        rules = conflict.rules
        assert rules
        assert not any_cohort(nominees, rules)
        for dropped in rules:
            assert any_cohort(nominees, [rule for rule in rules if rule != dropped])
        return
    best = max(sum(n.score for n in c) for c in feasible)
    top = sorted(n.score for n in nominees)[len(nominees) - seats :]
    event("rules cost score" if best < sum(top) else "the top scores fill the seats")
    chosen = [n for n in nominees if n.id in selection.selected]
    assert len(chosen) == len(selection.selected) == seats
    assert keeps(chosen, constraints, seats)
    assert selection.total == best == sum(n.score for n in chosen)
    assert selection.optimal is True
    assert sum(preference[n.id] for n in chosen) == max(
        sum(preference[n.id] for n in c) for c in feasible if sum(n.score for n in c) == best
    )
    shuffled = list(nominees)
    random.shuffle(shuffled)
    assert select_cohort(shuffled, constraints).selected == selection.selected
    lowest = min(n.score for n in chosen)
    for explanation in selection.explanations:
        assert explanation.selected == (explanation.nominee in selection.selected)
        codes = [reason.code for reason in explanation.reasons]
        assert codes[0] == ("in" if explanation.selected else "out")
        if "out_score" in codes:
            assert explanation.score < lowest
        if not explanation.selected and explanation.score > lowest:
            assert {"out_rule", "out_department"} & set(codes)
