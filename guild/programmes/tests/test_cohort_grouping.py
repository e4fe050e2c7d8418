"""Action learning groups: five to seven people, sizes as even as possible, departments
spread as evenly as the number of groups allows, the same answer whatever the order."""

import math
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guild.programmes.grouping import (
    GroupingError,
    Person,
    form_groups,
    group_count,
    repeats,
)


def _people(departments: list[int]) -> list[Person]:
    return [Person(index + 1, department) for index, department in enumerate(departments)]


def test_the_imli_cohort_of_23_from_17_departments() -> None:
    # Six departments sent two people each, eleven sent one: 6 * 2 + 11 = 23.
    departments = [d for d in range(1, 7) for _ in range(2)] + list(range(7, 18))
    people = _people(departments)
    groups = form_groups(people)
    assert [len(g) for g in groups] == [6, 6, 6, 5]
    assert sorted(pid for g in groups for pid in g) == list(range(1, 24))
    of = {p.id: p.department for p in people}
    assert repeats(groups, of) == 0
    assert all(len({of[pid] for pid in g}) == len(g) for g in groups)


def test_exact_groups_of_a_small_cohort() -> None:
    people = _people([1, 1, 2, 2, 3, 3, 4, 5, 6, 7])
    assert form_groups(people) == [[1, 3, 5, 7, 9], [2, 4, 6, 8, 10]]


@pytest.mark.parametrize(
    ("people", "groups"),
    [(5, 1), (7, 1), (8, 1), (9, 1), (10, 2), (14, 2), (15, 3), (21, 3), (22, 4), (200, 29)],
)
def test_group_count(people: int, groups: int) -> None:
    assert group_count(people) == groups


@pytest.mark.parametrize("people", [0, 1, 4])
def test_fewer_than_five_is_refused_with_a_clear_error(people: int) -> None:
    with pytest.raises(GroupingError) as refused:
        form_groups(_people(list(range(people))))
    assert refused.value.code == "too_few_participants"
    assert str(refused.value.message) == (
        f"Action learning groups need at least 5 participants; the cohort has {people}."
    )


def test_a_person_listed_twice_is_refused() -> None:
    with pytest.raises(GroupingError) as refused:
        form_groups([Person(1, "a"), *_people([1, 2, 3, 4, 5])])
    assert refused.value.code == "duplicate_participant"


def test_one_department_of_everyone_cannot_mix_but_still_groups() -> None:
    groups = form_groups(_people([9] * 12))
    assert [len(g) for g in groups] == [6, 6]


def _check(departments: list[int]) -> None:
    people = _people(departments)
    groups = form_groups(people)
    n = len(people)
    count = len(groups)
    sizes = [len(g) for g in groups]
    assert sorted(pid for g in groups for pid in g) == [p.id for p in people]
    assert max(sizes) - min(sizes) <= 1
    assert sizes == sorted(sizes, reverse=True)
    if n not in (8, 9):
        assert all(5 <= size <= 7 for size in sizes)
    of = {p.id: p.department for p in people}
    per_department: Counter[object] = Counter(departments)
    for group in groups:
        for department, inside in Counter(of[pid] for pid in group).items():
            assert inside <= math.ceil(per_department[department] / count)
    if max(per_department.values()) <= count:
        assert repeats(groups, of) == 0
    # The fewest pairs of colleagues possible: each department spread evenly.
    floor = 0
    for size in per_department.values():
        low, extra = divmod(size, count)
        floor += extra * (low + 1) * low // 2 + (count - extra) * low * (low - 1) // 2
    assert repeats(groups, of) == floor


@pytest.mark.parametrize("n", range(5, 201))
def test_every_cohort_size_from_5_to_200(n: int) -> None:
    rng = random.Random(n)
    _check([rng.randrange(1 + n // 3) for _ in range(n)])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=30), min_size=5, max_size=200))
def test_properties_hold_for_any_departments(departments: list[int]) -> None:
    _check(departments)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=8), min_size=5, max_size=60), st.randoms())
def test_the_order_given_does_not_matter(departments: list[int], rng: random.Random) -> None:
    people = _people(departments)
    shuffled = list(people)
    rng.shuffle(shuffled)
    assert form_groups(shuffled) == form_groups(people)
