"""The selection optimiser on small cases checked by hand: the cohort, its total, each
nominee's reasons, the conflicts named when no cohort exists, and refused input."""

import random
from collections.abc import Mapping
from decimal import Decimal

import pytest
from django.utils import translation

from guild.programmes.selection import (
    Balance,
    Constraints,
    Nominee,
    Selection,
    SelectionConflict,
    SelectionError,
    select_cohort,
    sentences,
)
from guild.programmes.selection.rules import share_in_seats

Row = tuple[int, str, str, str, str, str]


def people(*rows: Row) -> list[Nominee]:
    return [
        Nominee(id, Decimal(score), department, region, language, level)
        for id, score, department, region, language, level in rows
    ]


def reasons(
    selection: Selection,
    names: Mapping[int, str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> dict[int, list[str]]:
    return {e.nominee: sentences(e, names=names, labels=labels) for e in selection.explanations}


SIX = people(
    (1, "90", "A", "NCR", "en", "EX-01"),
    (2, "85", "A", "NCR", "en", "EX-01"),
    (3, "80", "A", "ON", "fr", "EX-02"),
    (4, "70", "B", "NCR", "en", "EX-02"),
    (5, "60", "C", "QC", "fr", "EX-01"),
    (6, "60", "B", "ON", "en", "EX-01"),
)


def test_without_other_rules_the_highest_scores_fill_the_seats() -> None:
    selection = select_cohort(SIX, Constraints(capacity=3))
    assert selection.selected == (1, 2, 3)
    assert selection.total == Decimal(255)
    assert selection.seats == 3
    assert selection.optimal is True
    assert "Optimal" in selection.status
    assert reasons(selection)[1] == ["In the cohort: score 90, rank 1 of 6."]
    assert reasons(selection)[5] == [
        "Not selected: score 60, rank 5 of 6.",
        "Capacity reached: the lowest selected score is 80.",
    ]


def test_a_full_department_keeps_a_higher_score_out() -> None:
    nominees = people(
        (1, "90", "A", "NCR", "en", "EX-01"),
        (2, "85", "A", "NCR", "en", "EX-01"),
        (3, "80", "A", "NCR", "en", "EX-01"),
        (4, "50", "B", "NCR", "en", "EX-01"),
        (5, "40", "C", "NCR", "en", "EX-01"),
    )
    selection = select_cohort(nominees, Constraints(capacity=3, max_per_department=2))
    assert selection.selected == (1, 2, 4)
    assert selection.total == Decimal(225)
    names = {1: "Ada", 2: "Bea", 3: "Cy", 4: "Di", 5: "Ed"}
    text = reasons(selection, names=names, labels={"A": "Finance"})
    assert text[3] == [
        "Not selected: score 80, rank 3 of 5.",
        "Department Finance already has its maximum of 2 selected: Ada (90), Bea (85).",
    ]
    assert text[4] == [
        "In the cohort: score 50, rank 4 of 5.",
        "Kept ahead of Cy (80), who score at least as high: taking one of them instead would "
        "break this rule: At most 2 people per department.",
    ]
    assert text[5] == [
        "Not selected: score 40, rank 5 of 5.",
        "Capacity reached: the lowest selected score is 50.",
    ]


def test_a_minimum_of_departments_takes_one_from_each() -> None:
    nominees = people(
        (1, "90", "A", "NCR", "en", "EX-01"),
        (2, "80", "A", "NCR", "en", "EX-01"),
        (3, "70", "B", "NCR", "en", "EX-01"),
        (4, "60", "B", "NCR", "en", "EX-01"),
        (5, "10", "C", "NCR", "en", "EX-01"),
    )
    selection = select_cohort(nominees, Constraints(capacity=3, min_departments=3))
    assert selection.selected == (1, 3, 5)
    assert reasons(selection)[2] == [
        "Not selected: score 80, rank 2 of 5.",
        "Taking this nominee instead of #3 (70), #5 (10) would break this rule: "
        "People from at least 3 departments.",
    ]


def test_shares_and_levels_together() -> None:
    constraints = Constraints(
        capacity=3,
        max_per_department=2,
        min_departments=2,
        balance=(Balance("language", "fr", at_least=34, percent=True),),
    )
    selection = select_cohort(SIX, constraints)
    # 34% of 3 seats is 1.02, so 2 seats: both French-speaking nominees are in.
    assert selection.selected == (1, 3, 5)
    assert selection.total == Decimal(230)
    assert reasons(selection)[4] == [
        "Not selected: score 70, rank 4 of 6.",
        "Taking this nominee instead of #5 (60) would break this rule: At least 34% of the "
        "cohort whose first official language is French (2 seats).",
    ]
    levels = Constraints(capacity=3, balance=(Balance("level", "EX-02", at_least=2),))
    assert select_cohort(SIX, levels).selected == (1, 3, 4)
    capital = Constraints(capacity=3, balance=(Balance("region", "NCR", at_most=34, percent=True),))
    assert select_cohort(SIX, capital).selected == (1, 3, 5)


def test_shares_become_seats_rounded_to_keep_the_share() -> None:
    assert share_in_seats(Decimal(30), 25, at_least=True) == 8
    assert share_in_seats(Decimal(40), 25, at_least=False) == 10
    assert share_in_seats(Decimal(20), 25, at_least=True) == 5
    assert share_in_seats(Decimal(20), 25, at_least=False) == 5
    assert share_in_seats(Decimal("33.4"), 3, at_least=False) == 1
    assert share_in_seats(Decimal(100), 23, at_least=True) == 23


def test_fewer_nominations_than_seats_selects_everyone() -> None:
    selection = select_cohort(SIX[:2], Constraints(capacity=23))
    assert selection.selected == (1, 2)
    assert selection.seats == 2


def test_ties_go_to_the_earlier_nomination_whatever_the_order_given() -> None:
    nominees = people(
        (7, "50", "A", "NCR", "en", "EX-01"),
        (3, "50", "B", "NCR", "en", "EX-01"),
        (9, "50.0", "C", "NCR", "en", "EX-01"),
    )
    for order in (nominees, nominees[::-1]):
        selection = select_cohort(order, Constraints(capacity=1))
        assert selection.selected == (3,)
    text = reasons(selection)
    assert text[3] == [
        "In the cohort: score 50, rank 1 of 3.",
        "Chosen over #7 (50), #9 (50.0), who score the same: at equal scores, the earlier "
        "nomination is preferred.",
    ]
    assert text[7] == [
        "Not selected: score 50, rank 1 of 3.",
        "Tied with #3 (50): at equal scores, the earlier nomination is preferred.",
    ]


def test_the_same_nominations_in_any_order_give_the_same_cohort() -> None:
    generator = random.Random(13)
    nominees = [
        Nominee(
            i,
            Decimal(generator.randrange(0, 40)) / 2,
            generator.choice("ABCDEF"),
            generator.choice(["NCR", "ON", "QC", "BC"]),
            generator.choice(["en", "en", "fr"]),
            generator.choice(["EX-01", "EX-02", "EX-03"]),
        )
        for i in range(1, 81)
    ]
    constraints = Constraints(
        capacity=12,
        max_per_department=3,
        min_departments=5,
        balance=(
            Balance("language", "fr", at_least=30, percent=True),
            Balance("region", "NCR", at_most=40, percent=True),
            Balance("level", "EX-02", at_least=3),
        ),
    )
    first = select_cohort(nominees, constraints)
    assert first.optimal is True
    for _ in range(3):
        generator.shuffle(nominees)
        again = select_cohort(nominees, constraints)
        assert again.selected == first.selected
        assert again.explanations == first.explanations


def test_seats_that_cannot_be_filled_conflict_with_the_department_maximum() -> None:
    with pytest.raises(SelectionConflict) as raised:
        select_cohort(SIX, Constraints(capacity=5, max_per_department=1, min_departments=2))
    assert raised.value.message == (
        "No cohort meets all of these rules together: Fill all 5 seats. At most 1 person per "
        "department. Nominations: 6. Departments among them: 3."
    )
    assert raised.value.fields == {
        "constraints.capacity": ["Fill all 5 seats."],
        "constraints.max_per_department": ["At most 1 person per department."],
    }
    assert raised.value.code == "selection_infeasible"
    assert raised.value.status == 400


def test_more_departments_than_nominated_is_a_conflict_on_its_own() -> None:
    with pytest.raises(SelectionConflict) as raised:
        select_cohort(SIX, Constraints(capacity=3, max_per_department=2, min_departments=4))
    assert raised.value.message == (
        "No cohort meets all of these rules together: People from at least 4 departments. "
        "Nominations: 6. Departments among them: 3."
    )


def test_two_balance_minimums_that_need_more_seats_than_there_are() -> None:
    constraints = Constraints(
        capacity=3,
        balance=(
            Balance("level", "EX-01", at_most=3),
            Balance("language", "fr", at_least=2),
            Balance("region", "NCR", at_least=2),
        ),
    )
    with pytest.raises(SelectionConflict) as raised:
        select_cohort(SIX, constraints, labels={"NCR": "National Capital Region"})
    assert raised.value.message == (
        "No cohort meets all of these rules together: Fill all 3 seats. At least 2 people "
        "whose first official language is French. At least 2 people whose region is National "
        "Capital Region. Nominations: 6. Nominees whose first official language is French: 2. "
        "Nominees whose region is National Capital Region: 3."
    )
    assert set(raised.value.fields) == {
        "constraints.capacity",
        "constraints.balance[1].at_least",
        "constraints.balance[2].at_least",
    }


def test_a_share_no_nominations_can_meet() -> None:
    constraints = Constraints(
        capacity=4, balance=(Balance("level", "EX-03", at_least=25, percent=True),)
    )
    with pytest.raises(SelectionConflict) as raised:
        select_cohort(SIX, constraints)
    assert raised.value.message == (
        "No cohort meets all of these rules together: At least 25% of the cohort whose level "
        "is EX-03 (1 seat). Nominations: 6. Nominees whose level is EX-03: 0."
    )


def test_bad_input_is_refused_with_every_problem() -> None:
    nominees = [
        Nominee(1, Decimal("90.123456"), "A", "NCR", "en", "EX-01"),
        Nominee(1, Decimal(-1), "", "NCR", "de", "EX-01"),
        Nominee(2, 7.5, "A", "NCR", "en", "EX-01"),  # type: ignore[arg-type]
    ]
    constraints = Constraints(
        capacity=-1,
        max_per_department=0,
        min_departments=-2,
        balance=(
            Balance("language", "de", at_least=1),
            Balance("region", "NCR", at_least=60, at_most=40, percent=True),
            Balance("level", "EX-01", at_least=Decimal("1.5")),
            Balance("level", "EX-02", at_most=120, percent=True),
            Balance("colour", "red"),
        ),
    )
    with pytest.raises(SelectionError) as raised:
        select_cohort(nominees, constraints)
    assert [str(problem) for problem in raised.value.problems] == [
        "nominees[0].score: The score may have at most 4 decimal places.",
        "nominees[1].score: The score must be between 0 and 1000000.",
        "nominees[1].department: The department is missing.",
        'nominees[1].language: The first official language must be "en" or "fr".',
        "nominees[2].score: The score must be a decimal number.",
        "nominees: Nomination 1 appears more than once.",
        "constraints.capacity: The capacity must be a whole number of seats, 1 or more.",
        "constraints.max_per_department: The maximum per department must be a whole number, "
        "1 or more.",
        "constraints.min_departments: The minimum number of departments must be a whole "
        "number, 0 or more.",
        'constraints.balance[0].value: The first official language must be "en" or "fr".',
        "constraints.balance[1]: The balance rule's minimum is greater than its maximum.",
        "constraints.balance[2].at_least: A number of seats must be a whole number, 0 or more.",
        "constraints.balance[3].at_most: A share must be between 0 and 100 per cent.",
        'constraints.balance[4].attribute: A balance rule applies to "region", "language" or '
        '"level".',
        "constraints.balance[4]: The balance rule needs a minimum, a maximum or both.",
    ]
    assert raised.value.code == "invalid_selection"
    assert isinstance(raised.value, ValueError)


def test_no_nominations_is_refused() -> None:
    with pytest.raises(SelectionError) as raised:
        select_cohort([], Constraints(capacity=3))
    assert str(raised.value) == "nominees: There are no nominations to select from."


def test_reasons_and_conflicts_in_french() -> None:
    constraints = Constraints(
        capacity=3,
        max_per_department=2,
        min_departments=2,
        balance=(Balance("language", "fr", at_least=Decimal("33.5"), percent=True),),
    )
    with translation.override("fr"):
        selection = select_cohort(SIX, constraints)
        text = reasons(selection)
        with pytest.raises(SelectionConflict) as raised:
            select_cohort(SIX, Constraints(capacity=5, max_per_department=1))
    assert text[1] == ["Dans la cohorte : note 90, rang 1 sur 6."]
    assert text[4] == [
        "Candidature non retenue : note 70, rang 4 sur 6.",
        "Retenir cette personne à la place de #5 (60) enfreindrait cette règle : Au moins "
        "33,5 % de la cohorte dont la première langue officielle est le français (2 places).",
    ]
    assert raised.value.message == (
        "Aucune cohorte ne respecte toutes ces règles à la fois : Pourvoir les 5 places. "
        "Au plus 1 personne par ministère. Candidatures : 6. Ministères parmi elles : 3."
    )
