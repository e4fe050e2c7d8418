"""Disclosure control: thresholds, percentages and means, pooling, one-way breakdowns, and
several breakdowns read off one table (the attacker's tools: disclosure_attacker.py).
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guild.core.disclosure import (
    BREAKDOWN_BASE,
    COMPLEMENTARY,
    DEFAULT_THRESHOLD,
    MINIMUM_THRESHOLD,
    SMALL,
    Frequencies,
    PooledCounts,
    Suppressed,
    SuppressedTable,
    check_threshold,
    mean,
    percent,
    pool_breakdown,
    pool_small_groups,
    pool_with_room,
    shown,
    suppress_frequencies,
    suppress_table,
    too_few_to_break_down,
)
from guild.core.tests.disclosure_attacker import (
    Entry,
    assert_protected,
    extended_values,
    hidden_entries,
    recoverable,
    tables,
    thresholds,
)

S, C = SMALL, COMPLEMENTARY


# --- thresholds, markers, percentages and means ---------------------------------------------


def test_threshold_defaults_and_minimum() -> None:
    assert DEFAULT_THRESHOLD == 10
    assert MINIMUM_THRESHOLD == 5
    assert check_threshold(5) == 5
    assert check_threshold(25) == 25


@pytest.mark.parametrize("threshold", [4, 1, 0, -10])
def test_a_threshold_below_five_is_refused(threshold: int) -> None:
    with pytest.raises(ValueError, match="minimum of 5"):
        check_threshold(threshold)
    with pytest.raises(ValueError):
        suppress_table([[20]], threshold)
    with pytest.raises(ValueError):
        suppress_frequencies({"a": 20}, threshold)
    with pytest.raises(ValueError):
        pool_small_groups({"a": 20}, threshold, "Other")


@pytest.mark.parametrize("threshold", [True, 10.0, "10"])
def test_a_threshold_must_be_an_int(threshold: object) -> None:
    with pytest.raises(TypeError):
        check_threshold(threshold)  # type: ignore[arg-type]


def test_markers_compare_by_reason() -> None:
    assert Suppressed("small") == SMALL
    assert Suppressed("complementary") == COMPLEMENTARY
    assert SMALL != COMPLEMENTARY
    assert SMALL != 0
    assert {SMALL, Suppressed("small")} == {SMALL}


def test_percent() -> None:
    assert percent(25, 100) == 25.0
    assert percent(10, 40) == 25.0
    assert percent(0, 40) == 0.0
    assert percent(40, 40) == 100.0
    assert percent(0, 0) == 0.0
    assert percent(SMALL, 40) is SMALL
    assert percent(C, 40) == COMPLEMENTARY
    assert percent(12, SMALL) == SMALL
    assert percent(12, C) == COMPLEMENTARY
    assert percent(S, C) == SMALL


@pytest.mark.parametrize(("part", "whole"), [(11, 10), (-1, 10), (1, 0), (5, -5)])
def test_percent_refuses_impossible_counts(part: int, whole: int) -> None:
    with pytest.raises(ValueError):
        percent(part, whole)


def test_mean() -> None:
    assert mean(120.0, 12) == 10.0
    assert mean(3, 10) == 0.3
    assert mean(50.0, SMALL) == SMALL
    assert mean(50.0, C) == COMPLEMENTARY
    with pytest.raises(ValueError):
        mean(0.0, 0)
    with pytest.raises(ValueError):
        mean(10.0, -3)


# --- pooling --------------------------------------------------------------------------------


def test_no_small_group_leaves_the_counts_alone() -> None:
    counts = {"ESDC": 40, "CRA": 12, "PSPC": 10}
    pooled = pool_small_groups(counts, 10, "Other organizations")
    assert pooled == counts
    assert list(pooled) == ["ESDC", "CRA", "PSPC"]
    assert pooled is not counts


def test_small_groups_are_pooled_last_in_order() -> None:
    counts = {"ESDC": 40, "NRC": 6, "CRA": 12, "DFO": 5, "PSPC": 30}
    pooled = pool_small_groups(counts, 10, "Other organizations")
    assert pooled == {"ESDC": 40, "CRA": 12, "PSPC": 30, "Other organizations": 11}
    assert list(pooled) == ["ESDC", "CRA", "PSPC", "Other organizations"]


def test_a_small_pool_takes_the_next_smallest_groups() -> None:
    counts = {"ESDC": 40, "CRA": 12, "NRC": 3, "PSPC": 11}
    assert pool_small_groups(counts, 10, "Other") == {"ESDC": 40, "CRA": 12, "Other": 14}
    counts = {"A": 2, "B": 1, "C": 3, "D": 50}
    assert pool_small_groups(counts, 10, "Other") == {"Other": 56}


def test_ties_for_next_smallest_go_to_the_group_listed_first() -> None:
    counts = {"A": 30, "B": 12, "C": 12, "D": 4}
    assert pool_small_groups(counts, 10, "Other") == {"A": 30, "C": 12, "Other": 16}


def test_everything_small_is_one_pool_that_suppression_then_hides() -> None:
    pooled = pool_small_groups({"A": 4, "B": 3}, 10, "Other")
    assert pooled == {"Other": 7}
    shown = suppress_frequencies(pooled, 10)
    assert shown.counts == {"Other": SMALL}
    assert shown.n == SMALL


def test_a_pool_of_empty_groups_shows_zero() -> None:
    assert pool_small_groups({"A": 50, "B": 0, "C": 0}, 10, "Other") == {"A": 50, "Other": 0}


def test_pooling_checks_its_input() -> None:
    assert pool_small_groups({}, 10, "Other") == {}
    with pytest.raises(ValueError, match="already"):
        pool_small_groups({"Other": 3, "A": 40}, 10, "Other")
    with pytest.raises(ValueError):
        pool_small_groups({"A": -1}, 10, "Other")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=60), max_size=25),
    st.integers(min_value=5, max_value=15),
)
def test_pooling_properties(sizes: list[int], threshold: int) -> None:
    counts = {f"group {index}": size for index, size in enumerate(sizes)}
    pooled = pool_small_groups(counts, threshold, "Other")
    assert pooled == pool_small_groups(counts, threshold, "Other")
    assert sum(pooled.values()) == sum(sizes)
    kept = [label for label in pooled if label != "Other"]
    assert kept == [label for label in counts if label in pooled]
    assert all(pooled[label] == counts[label] >= threshold for label in kept)
    gone = [label for label in counts if label not in pooled]
    if not gone:
        assert "Other" not in pooled
        return
    assert list(pooled)[-1] == "Other"
    if kept:
        assert max(counts[label] for label in gone) <= min(counts[label] for label in kept)
    pool = pooled["Other"]
    assert pool == 0 or pool >= threshold or not kept


# --- one-way frequencies --------------------------------------------------------------------


def test_one_small_option_hides_the_next_smallest() -> None:
    shown = suppress_frequencies({"Yes": 40, "No": 3, "Unsure": 12}, 10)
    assert shown == Frequencies(
        counts={"Yes": 40, "No": SMALL, "Unsure": COMPLEMENTARY},
        percentages={"Yes": 100 * 40 / 55, "No": SMALL, "Unsure": COMPLEMENTARY},
        n=55,
    )
    assert list(shown.counts) == ["Yes", "No", "Unsure"]


def test_two_small_options_protect_each_other() -> None:
    shown = suppress_frequencies({"Yes": 40, "No": 3, "Unsure": 2}, 10)
    assert shown.counts == {"Yes": 40, "No": SMALL, "Unsure": SMALL}
    assert shown.n == 45


def test_ties_for_the_complement_go_to_the_first_option() -> None:
    shown = suppress_frequencies({"A": 15, "B": 15, "C": 2}, 10)
    assert shown.counts == {"A": COMPLEMENTARY, "B": 15, "C": SMALL}


def test_zero_counts_are_published() -> None:
    shown = suppress_frequencies({"Yes": 25, "No": 0}, 10)
    assert shown == Frequencies({"Yes": 25, "No": 0}, {"Yes": 100.0, "No": 0.0}, 25)


def test_a_count_at_the_threshold_is_published() -> None:
    shown = suppress_frequencies({"Yes": 5, "No": 20}, 5)
    assert shown.counts == {"Yes": 5, "No": 20}
    assert shown.percentages == {"Yes": 20.0, "No": 80.0}


def test_a_small_question_hides_everything_but_zeros() -> None:
    shown = suppress_frequencies({"Yes": 4, "No": 0, "Unsure": 3}, 10)
    assert shown == Frequencies(
        counts={"Yes": SMALL, "No": 0, "Unsure": SMALL},
        percentages={"Yes": SMALL, "No": SMALL, "Unsure": SMALL},
        n=SMALL,
    )


def test_a_question_nobody_answered() -> None:
    assert suppress_frequencies({}, 10) == Frequencies({}, {}, 0)
    assert suppress_frequencies({"Yes": 0}, 10) == Frequencies({"Yes": 0}, {"Yes": 0.0}, 0)


def test_frequencies_check_their_input() -> None:
    with pytest.raises(ValueError):
        suppress_frequencies({"Yes": -1}, 10)
    with pytest.raises(TypeError):
        suppress_frequencies({"Yes": 2.5}, 10)  # type: ignore[dict-item]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=40), max_size=8),
    st.integers(min_value=5, max_value=15),
)
def test_no_hidden_frequency_can_be_recovered(sizes: list[int], threshold: int) -> None:
    counts = {f"option {index}": size for index, size in enumerate(sizes)}
    shown = suppress_frequencies(counts, threshold)
    assert shown == suppress_frequencies(counts, threshold)
    assert list(shown.counts) == list(counts)
    cells = [*shown.counts.values(), shown.n]
    values = [*sizes, sum(sizes)]
    for cell, value in zip(cells, values, strict=True):
        if isinstance(cell, Suppressed):
            assert cell == (SMALL if value < threshold else COMPLEMENTARY)
        else:
            assert cell == value
            assert value == 0 or value >= threshold
    # One equation links them (the counts add up to n): a hidden value is safe exactly when
    # another hidden value can move with it, and every hidden value is at least 1.
    hidden = [index for index, cell in enumerate(cells) if isinstance(cell, Suppressed)]
    assert len(hidden) != 1
    assert all(values[index] >= 1 for index in hidden)
    for label, cell in shown.counts.items():
        expected = percent(cell, shown.n)
        assert shown.percentages[label] == expected
        assert isinstance(expected, Suppressed) == (
            isinstance(cell, Suppressed) or isinstance(shown.n, Suppressed)
        )


# --- several breakdowns of one question -----------------------------------------------------

DEPARTMENTS = ["ESDC", "CRA", "NRC"]
REGIONS = ["East", "West"]
# Members by department (rows) and region (columns).
BY_REGION = [[22, 3], [30, 40], [15, 25]]


def test_suppressing_breakdowns_separately_leaks_by_subtraction() -> None:
    """Why breakdowns must come from one table: the attack that the next test defeats."""
    service_wide = suppress_frequencies(
        {name: sum(row) for name, row in zip(DEPARTMENTS, BY_REGION, strict=True)}, 10
    )
    east = suppress_frequencies(
        {name: row[0] for name, row in zip(DEPARTMENTS, BY_REGION, strict=True)}, 10
    )
    west = suppress_frequencies(
        {name: row[1] for name, row in zip(DEPARTMENTS, BY_REGION, strict=True)}, 10
    )
    assert west.counts["ESDC"] == SMALL
    total, in_east = service_wide.counts["ESDC"], east.counts["ESDC"]
    assert isinstance(total, int) and isinstance(in_east, int)
    assert total - in_east == 3  # the hidden West count, recovered


def test_breakdowns_read_off_one_table_defeat_the_subtraction() -> None:
    table = assert_protected(BY_REGION, 10)
    service_wide = table.breakdown(DEPARTMENTS)
    east = table.breakdown(DEPARTMENTS, column=0)
    west = table.breakdown(DEPARTMENTS, column=1)
    assert service_wide == Frequencies(
        counts={"ESDC": 25, "CRA": 70, "NRC": 40},
        percentages={"ESDC": 2500 / 135, "CRA": 7000 / 135, "NRC": 4000 / 135},
        n=135,
    )
    assert east.counts == {"ESDC": C, "CRA": 30, "NRC": C}
    assert west.counts == {"ESDC": S, "CRA": 40, "NRC": C}
    assert (east.n, west.n) == (67, 68)
    assert east.percentages == {"ESDC": C, "CRA": 3000 / 67, "NRC": C}
    # Every difference of a service-wide count and a regional one needs a hidden value.
    for name in DEPARTMENTS:
        for regional, other in ((east, west), (west, east)):
            if isinstance(regional.counts[name], int):
                assert isinstance(other.counts[name], int) or isinstance(
                    service_wide.counts[name], Suppressed
                )
    by_department = table.transposed().breakdown(REGIONS, column=0)
    assert by_department.counts == {"East": C, "West": S}
    assert by_department.n == 25


def test_a_breakdown_over_a_hidden_base_hides_its_percentages() -> None:
    table = suppress_table([[0, 20], [4, 30], [0, 25]], 10)
    column = table.breakdown(["a", "b", "c"], column=0)
    assert column.counts == {"a": 0, "b": S, "c": 0}
    assert column.n == S
    assert column.percentages == {"a": S, "b": S, "c": S}


def test_breakdowns_check_their_labels() -> None:
    table = suppress_table(BY_REGION, 10)
    with pytest.raises(ValueError, match="labels"):
        table.breakdown(["ESDC", "CRA"])
    with pytest.raises(ValueError, match="unique"):
        table.breakdown(["ESDC", "CRA", "CRA"], column=1)
    with pytest.raises(IndexError):
        table.breakdown(DEPARTMENTS, column=2)
    with pytest.raises(IndexError):
        table.breakdown(DEPARTMENTS, column=-1)


def published_facts(table: SuppressedTable, height: int, width: int) -> dict[Entry, int]:
    """Everything a reader gathers from every breakdown and percentage of one table, as
    extended-table positions and values (a percentage with its base gives its count)."""
    rows = [f"row {i}" for i in range(height)]
    columns = [f"column {j}" for j in range(width)]
    facts: dict[Entry, int] = {}

    def gather(breakdown: Frequencies, positions: list[Entry], base: Entry) -> None:
        if isinstance(breakdown.n, int):
            facts[base] = breakdown.n
        for position, label in zip(positions, breakdown.counts, strict=True):
            count, share = breakdown.counts[label], breakdown.percentages[label]
            if isinstance(count, int):
                facts[position] = count
            if not isinstance(share, Suppressed):
                assert isinstance(breakdown.n, int) and isinstance(count, int)
                facts[position] = round(share * breakdown.n / 100)

    gather(table.breakdown(rows), [(i, width) for i in range(height)], (height, width))
    flipped = table.transposed()
    gather(flipped.breakdown(columns), [(height, j) for j in range(width)], (height, width))
    for j in range(width):
        gather(table.breakdown(rows, column=j), [(i, j) for i in range(height)], (height, j))
    for i in range(height):
        gather(flipped.breakdown(columns, column=i), [(i, j) for j in range(width)], (i, width))
    return facts


@settings(max_examples=300, deadline=None)
@given(tables(), thresholds)
def test_differences_of_breakdowns_reveal_nothing(table: list[list[int]], threshold: int) -> None:
    result = suppress_table(table, threshold)
    height, width = len(table), len(table[0])
    values = extended_values(table)
    facts = published_facts(result, height, width)
    for (i, j), value in facts.items():
        assert values[i][j] == value
    # The breakdowns publish nothing the table does not, so the table's protection holds.
    everything = {(i, j) for i in range(height + 1) for j in range(width + 1)}
    assert everything - set(facts) == hidden_entries(result)
    assert recoverable(values, everything - set(facts)) == {}
    # The subtraction attack, spelled out: a service-wide count minus all but one of its
    # regional counts.
    for i in range(height):
        for j in range(width):
            others = [(i, k) for k in range(width) if k != j] + [(i, width)]
            if all(position in facts for position in others):
                assert (i, j) in facts


# --- size -----------------------------------------------------------------------------------


# --- group sizes on pages -------------------------------------------------------------------


def test_pooled_groups_are_listed_largest_first_then_the_pool() -> None:
    pooled = pool_with_room({"a": 12, "b": 30, "c": 3, "d": 12, "e": 9, "f": 11}, 10, "other")
    assert pooled.counts == {"a": 12, "b": 30, "d": 12, "f": 11, "other": 12}
    assert pooled.largest_first("other") == [
        ("b", 30),
        ("a", 12),
        ("d", 12),
        ("f", 11),
        ("other", 12),
    ]
    names = {"a": "Zeta", "d": "Alpha"}
    assert pooled.largest_first("other", lambda key: names.get(key, key)) == [
        ("b", 30),
        ("d", 12),
        ("a", 12),
        ("f", 11),
        ("other", 12),
    ]


def test_a_group_is_broken_down_only_where_it_is_shown_on_its_own() -> None:
    parent = pool_with_room({"esdc": 40, "cra": 4, "ssc": 7, "tbs": 11}, 10, "other")
    assert parent.counts == {"esdc": 40, "other": 22}
    regions = {"ncr": 25, "east": 9, "west": 6}
    assert pool_breakdown(parent, "esdc", regions, 10, "other") == PooledCounts(
        {"ncr": 25, "other": 15}, 40
    )
    assert pool_breakdown(parent, "cra", {"ncr": 4}, 10, "other") is None
    assert pool_breakdown(parent, "nrc", {}, 10, "other") is None


def test_a_hidden_count_is_shown_as_nothing() -> None:
    assert shown(12) == 12
    assert shown(0) == 0
    assert shown(SMALL) is None
    assert shown(COMPLEMENTARY) is None


def test_a_question_answered_by_a_few_of_the_respondents_is_not_broken_down() -> None:
    assert BREAKDOWN_BASE == 5
    assert too_few_to_break_down(37, 428, 10)  # the demo's follow-up question
    assert too_few_to_break_down(49, 428, 10)
    assert not too_few_to_break_down(50, 428, 10)
    assert not too_few_to_break_down(26, 26, 10)  # everyone answered: no thin "no answer"
    assert too_few_to_break_down(24, 100, 5)
    assert not too_few_to_break_down(25, 100, 5)
    assert not too_few_to_break_down(0, 428, 10)  # nothing to hide
    # The decision reads published figures only: a hidden n (or total) never withholds.
    assert not too_few_to_break_down(SMALL, 428, 10)
    assert not too_few_to_break_down(COMPLEMENTARY, 428, 10)
    assert not too_few_to_break_down(None, 428, 10)
    assert not too_few_to_break_down(37, SMALL, 10)
