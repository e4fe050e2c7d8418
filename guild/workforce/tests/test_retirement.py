"""Retirement eligibility from banded answers, with the pension rules kept as data."""

import copy
import itertools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guild.core.disclosure import Suppressed, suppress_table
from guild.workforce.retirement import (
    CATEGORIES,
    HORIZONS,
    JOINT_COLUMNS,
    Band,
    Counts,
    Horizon,
    PensionRules,
    classify,
    eligibility_horizon,
    load_rules,
    parse_rules,
    retirement_table,
)

RULES = load_rules()
RULES_PATH = Path(__file__).resolve().parent.parent / "pension_rules.json"
RAW: dict[str, Any] = json.loads(RULES_PATH.read_text(encoding="utf-8"))

AGE_BANDS = [
    Band("under 25", 15, 24),
    Band("25-29", 25, 29),
    Band("30-34", 30, 34),
    Band("35-39", 35, 39),
    Band("40-44", 40, 44),
    Band("45-49", 45, 49),
    Band("50-54", 50, 54),
    Band("55-59", 55, 59),
    Band("60-64", 60, 64),
    Band("65 and over", 65, None),
]
SERVICE_BANDS = [
    Band("less than 2", 0, 1),
    Band("2-4", 2, 4),
    Band("5-9", 5, 9),
    Band("10-14", 10, 14),
    Band("15-19", 15, 19),
    Band("20-24", 20, 24),
    Band("25-29", 25, 29),
    Band("30-34", 30, 34),
    Band("35 or more", 35, None),
]
AGE = {band.label: band for band in AGE_BANDS}
SERVICE = {band.label: band for band in SERVICE_BANDS}
YEAR = 2025
GROUP_1, GROUP_2 = 2005, 2015  # start years that pick each group


def horizon(age: str, service: str, start_year: int | None = None) -> Horizon:
    return eligibility_horizon(
        AGE[age], SERVICE[service], RULES, reference_year=YEAR, start_year=start_year
    )


# --- the rules file ----------------------------------------------------------------------------


def test_shipped_rules() -> None:
    assert [rs.id for rs in RULES.rule_sets] == ["pssa-group-1", "pssa-group-2"]
    group_1, group_2 = RULES.rule_sets
    assert [(r.min_age, r.min_service) for r in group_1.unreduced] == [(60, 2), (55, 30)]
    assert [(r.min_age, r.min_service) for r in group_2.unreduced] == [(65, 2), (60, 30)]
    assert [(r.min_age, r.min_service) for r in group_1.reduced] == [(50, 2)]
    assert [(r.min_age, r.min_service) for r in group_2.reduced] == [(55, 2)]
    assert group_1.began_before == group_2.began_on_or_after
    assert str(group_2.began_on_or_after) == "2013-01-01"
    assert group_1.name_fr.startswith("Groupe 1")
    assert load_rules(RULES_PATH) == RULES


def _broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(RAW)
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("plan"), "plan must be"),
        (lambda d: d.update(rule_sets=[]), "rule_sets must be a non-empty list"),
        (lambda d: d["rule_sets"].append(3), r"rule_sets\[2\] must be an object"),
        (lambda d: d["rule_sets"][1].update(name_fr=""), r"rule_sets\[1\] \('pssa-group-2'\)"),
        (lambda d: d["rule_sets"][0].pop("id"), r"rule_sets\[0\]: id must be"),
        (
            lambda d: d["rule_sets"][0]["unreduced"][1].update(min_age=-1),
            r"'pssa-group-1'\): unreduced\[1\]: min_age must be a non-negative integer",
        ),
        (
            lambda d: d["rule_sets"][0]["unreduced"][0].update(min_service=True),
            r"unreduced\[0\]: min_service",
        ),
        (
            lambda d: d["rule_sets"][1]["unreduced"][0].update(extra=1),
            r"'pssa-group-2'\): unreduced\[0\] must be an object with exactly",
        ),
        (lambda d: d["rule_sets"][1].update(unreduced=[]), "'pssa-group-2'.*unreduced must be"),
        (lambda d: d["rule_sets"][1].update(reduced={}), "'pssa-group-2'.*reduced must be"),
        (
            lambda d: d["rule_sets"][1].update(service_began_on_or_after="2013-13-01"),
            "'pssa-group-2'.*ISO date",
        ),
        (
            lambda d: d["rule_sets"][1].pop("service_began_before"),
            "'pssa-group-2'.*service_began_before is missing",
        ),
        (
            lambda d: d["rule_sets"][1].update(service_began_on_or_after="2014-01-01"),
            "'pssa-group-2'.*does not follow on",
        ),
        (
            lambda d: d["rule_sets"][1].update(service_began_before="2012-01-01"),
            "'pssa-group-2'.*must be before",
        ),
        (
            lambda d: d["rule_sets"][0].update(service_began_on_or_after="2000-01-01"),
            "'pssa-group-1'.*no rule set covers service that began before",
        ),
        (
            lambda d: d["rule_sets"][1].update(service_began_before="2030-01-01"),
            "'pssa-group-2'.*no rule set covers service that began on or after",
        ),
        (
            lambda d: d["rule_sets"][0].update(service_began_before=None),
            "'pssa-group-1'.*only the last rule set",
        ),
        (lambda d: d["rule_sets"][1].update(id="pssa-group-1"), r"rule_sets\[1\].*duplicate id"),
    ],
)
def test_malformed_rules_name_the_entry(change: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_rules(_broken(change))


def test_malformed_rules_file(tmp_path: Path) -> None:
    bad = tmp_path / "rules.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid JSON"):
        load_rules(bad)
    with pytest.raises(ValueError, match="must be a JSON object"):
        parse_rules([])


def test_rule_sets_may_be_listed_in_any_order() -> None:
    data = copy.deepcopy(RAW)
    data["rule_sets"].reverse()
    assert parse_rules(data) == RULES


# --- exact cases -------------------------------------------------------------------------------


def test_group_1_55_59_with_30_34_is_already_eligible() -> None:
    h = horizon("55-59", "30-34", GROUP_1)
    assert (h.earliest, h.latest, h.rule_set_ids) == (0, 0, ("pssa-group-1",))
    assert h.certain == h.possible == "already eligible"


def test_group_2_50_54_with_25_29() -> None:
    # Top: 54 with 29 years -> 60 with 30 in 6 years (65 with 2 in 11).
    # Bottom: 50 with 25 years -> 60 with 30 in 10 years (65 with 2 in 15).
    h = horizon("50-54", "25-29", GROUP_2)
    assert (h.earliest, h.latest, h.rule_set_ids) == (6, 10, ("pssa-group-2",))
    assert (h.possible, h.certain) == ("within 10 years", "within 10 years")
    assert not h.certainly_within(5) and h.certainly_within(10) and not h.possibly_within(5)


def test_same_answers_in_group_1() -> None:
    # Top: 54 with 29 -> 55 with 30 in 1 year. Bottom: 50 with 25 -> 55 with 30 in 5 years.
    h = horizon("50-54", "25-29", GROUP_1)
    assert (h.earliest, h.latest) == (1, 5)
    assert (h.possible, h.certain) == ("within 1 year", "within 5 years")


@pytest.mark.parametrize(
    ("age", "service", "start", "expected"),
    [
        ("60-64", "2-4", GROUP_1, (0, 0)),  # 60 with 2 years
        ("60-64", "less than 2", GROUP_1, (1, 2)),  # still lacks the 2 years
        ("55-59", "25-29", GROUP_1, (1, 5)),  # 59 with 29: both alternatives a year away
        ("60-64", "30-34", GROUP_2, (0, 0)),  # 60 with 30
        ("60-64", "25-29", GROUP_2, (1, 5)),  # 64 with 29 at the top, 60 with 25 at the bottom
        ("65 and over", "less than 2", GROUP_2, (1, 2)),  # only service is missing
        ("under 25", "less than 2", GROUP_2, (36, 45)),  # 60 with 30 comes before 65 with 2
        ("under 25", "35 or more", GROUP_1, (31, 40)),  # impossible combination, still bounded
    ],
)
def test_boundaries(age: str, service: str, start: int, expected: tuple[int, int]) -> None:
    h = horizon(age, service, start)
    assert (h.earliest, h.latest) == expected


def test_the_group_changes_on_1_january_2013() -> None:
    assert horizon("50-54", "10-14", 2012).rule_set_ids == ("pssa-group-1",)
    assert horizon("50-54", "10-14", 2013).rule_set_ids == ("pssa-group-2",)


def test_group_inferred_from_service_when_start_unknown() -> None:
    # 2-4 years in 2025: began 2020 to 2023, Group 2 only.
    assert horizon("60-64", "2-4").rule_set_ids == ("pssa-group-2",)
    # 15-19 years: began 2005 to 2010, Group 1 only.
    assert horizon("60-64", "15-19").rule_set_ids == ("pssa-group-1",)
    # 10-14 years: began 2010 to 2015, either: bounds span both groups.
    h = horizon("55-59", "10-14")
    assert h.rule_set_ids == ("pssa-group-1", "pssa-group-2")
    assert (h.earliest, h.latest) == (1, 10)  # 59 in Group 1; 55 in Group 2
    # 12 completed years on a date in 2025 may have begun in 2012: the band 12-12 straddles.
    straddling = eligibility_horizon(("a", 50, 50), ("s", 12, 12), RULES, reference_year=YEAR)
    assert len(straddling.rule_set_ids) == 2
    assert eligibility_horizon(
        ("a", 50, 50), ("s", 11, 11), RULES, reference_year=YEAR
    ).rule_set_ids == ("pssa-group-2",)
    assert horizon("50-54", "35 or more").rule_set_ids == ("pssa-group-1",)


def test_classify() -> None:
    assert [classify(n) for n in (0, 1, 2, 5, 6, 10, 11)] == [
        "already eligible",
        "within 1 year",
        "within 5 years",
        "within 5 years",
        "within 10 years",
        "within 10 years",
        "later",
    ]


def test_bad_bands() -> None:
    with pytest.raises(ValueError, match="below low"):
        eligibility_horizon(("x", 30, 20), SERVICE["2-4"], RULES, reference_year=YEAR)
    with pytest.raises(ValueError, match="non-negative"):
        eligibility_horizon(("x", -1, 20), SERVICE["2-4"], RULES, reference_year=YEAR)
    with pytest.raises(ValueError, match="unknown age band"):
        retirement_table(
            [("A", "nope", "2-4", None)],
            RULES,
            age_bands=AGE_BANDS,
            service_bands=SERVICE_BANDS,
            reference_year=YEAR,
        )
    with pytest.raises(ValueError, match="duplicate service band"):
        retirement_table(
            [],
            RULES,
            age_bands=AGE_BANDS,
            service_bands=[*SERVICE_BANDS, SERVICE["2-4"]],
            reference_year=YEAR,
        )


# --- the table ---------------------------------------------------------------------------------


def _table(people: Sequence[tuple[str, str, str, int | None]]) -> dict[str, Counts]:
    return retirement_table(
        people, RULES, age_bands=AGE_BANDS, service_bands=SERVICE_BANDS, reference_year=YEAR
    )


def test_retirement_table_counts() -> None:
    table = _table(
        [
            ("ESDC", "55-59", "30-34", GROUP_1),  # 0, 0
            ("ESDC", "50-54", "25-29", GROUP_1),  # 1, 5
            ("ESDC", "50-54", "25-29", GROUP_2),  # 6, 10
            ("ESDC", "under 25", "less than 2", None),  # later
            ("SSC", "60-64", "less than 2", GROUP_2),  # 1, 5
        ]
    )
    assert list(table) == ["ESDC", "SSC"]
    esdc = table["ESDC"]
    assert esdc.total == 4
    assert esdc.certain == {0: 1, 1: 1, 5: 2, 10: 3}
    assert esdc.possible == {0: 1, 1: 2, 5: 2, 10: 3}
    assert esdc.only_possible(1) == 1
    assert esdc.row() == [1, 0, 1, 1, 1]
    assert sum(esdc.joint_row()) == 4
    ssc = table["SSC"]
    assert (ssc.possible[1], ssc.certain[1], ssc.certain[5]) == (1, 0, 1)


def test_table_goes_through_disclosure_control() -> None:
    people = (
        [("Dept A", "55-59", "30-34", GROUP_1)] * 12
        + [("Dept A", "35-39", "10-14", GROUP_2)] * 20
        + [("Dept A", "50-54", "25-29", GROUP_2)] * 3
        + [("Dept B", "60-64", "2-4", GROUP_1)] * 15
        + [("Dept B", "35-39", "10-14", GROUP_2)] * 11
        + [("Dept B", "50-54", "25-29", GROUP_2)] * 2
    )
    counts = _table(people)
    rows = [counts[key].row() for key in counts]
    assert rows == [[12, 0, 0, 3, 20], [15, 0, 0, 2, 11]]
    published = suppress_table(rows, threshold=10)
    assert published.cells[0][3] == Suppressed("small")
    assert published.cells[1][3] == Suppressed("small")
    assert published.column_totals[3] == Suppressed("small")
    assert published.row_totals == (35, 28)
    assert published.breakdown(list(counts)).n == 63 == sum(c.total for c in counts.values())
    joint = suppress_table([counts[key].joint_row() for key in counts], threshold=10)
    assert len(joint.column_totals) == len(JOINT_COLUMNS)
    assert joint.grand_total == 63


# --- properties --------------------------------------------------------------------------------

bands = st.tuples(st.integers(0, 80), st.integers(0, 15), st.booleans()).map(
    lambda t: Band("b", t[0], None if t[2] else t[0] + t[1])
)
start_years = st.none() | st.integers(1960, 2030)


def _h(age: Band, service: Band, start: int | None) -> Horizon:
    return eligibility_horizon(age, service, RULES, reference_year=YEAR, start_year=start)


@given(bands, bands, start_years)
def test_earliest_never_after_latest(age: Band, service: Band, start: int | None) -> None:
    h = _h(age, service, start)
    assert 0 <= h.earliest <= h.latest
    assert CATEGORIES.index(h.possible) <= CATEGORIES.index(h.certain)


def _raise(band: Band, low: int, high: int, open_top: bool) -> Band:
    new_low = band.low + low
    if band.high is None or open_top:
        return Band("b", new_low, None)
    return Band("b", new_low, max(new_low, band.high + high))


@given(bands, bands, start_years, st.integers(0, 10), st.integers(0, 10), st.booleans())
def test_older_never_waits_longer(
    age: Band, service: Band, start: int | None, low: int, high: int, open_top: bool
) -> None:
    before, after = _h(age, service, start), _h(_raise(age, low, high, open_top), service, start)
    assert after.earliest <= before.earliest and after.latest <= before.latest


@given(bands, bands, start_years, st.integers(0, 10), st.integers(0, 10), st.booleans())
def test_more_service_never_waits_longer(
    age: Band, service: Band, start: int | None, low: int, high: int, open_top: bool
) -> None:
    before = _h(age, service, start)
    after = _h(age, _raise(service, low, high, open_top), start)
    assert after.earliest <= before.earliest and after.latest <= before.latest


people_lists = st.lists(
    st.tuples(
        st.sampled_from(["A", "B", "C"]),
        st.sampled_from([band.label for band in AGE_BANDS]),
        st.sampled_from([band.label for band in SERVICE_BANDS]),
        start_years,
    ),
    max_size=40,
)


@given(people_lists)
def test_counts_are_cumulative_and_consistent(
    people: list[tuple[str, str, str, int | None]],
) -> None:
    table = _table(people)
    for key, counts in table.items():
        mine = [p for p in people if p[0] == key]
        assert counts.total == len(mine) == sum(counts.row()) == sum(counts.joint_row())
        for smaller, larger in itertools.pairwise(HORIZONS):
            assert counts.certain[smaller] <= counts.certain[larger]
            assert counts.possible[smaller] <= counts.possible[larger]
        for n in HORIZONS:
            assert counts.certain[n] <= counts.possible[n]
        for _, age, service, start in mine:
            h = horizon(age, service, start)
            for i, n in enumerate(HORIZONS):
                if h.certainly_within(n):
                    assert all(h.certainly_within(m) for m in HORIZONS[i:])


def test_rules_type() -> None:
    assert isinstance(RULES, PensionRules)
