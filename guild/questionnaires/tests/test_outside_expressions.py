"""Expressions from real public XLSForms (tests/fixtures/outside, see SOURCES.md): each
reads as expected, and conditions and calculations give what ODK gives."""

import datetime
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import xlrd

from guild.questionnaires.definition.condition_tree import functions
from guild.questionnaires.definition.conditions import (
    Calculation,
    Condition,
    ConditionError,
    parse_calculation,
    parse_condition,
)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(functions, "today", lambda: datetime.date(2024, 6, 15))


OUTSIDE = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "outside"
COLUMNS = ("relevant", "constraint", "choice_filter", "calculation")


def survey_rows(path: Path) -> Iterator[Sequence[object]]:
    if path.suffix == ".xls":
        book = xlrd.open_workbook(str(path))
        for sheet in book.sheets():
            if sheet.name.lower() == "survey":
                yield from (sheet.row_values(row) for row in range(sheet.nrows))
        return
    workbook = openpyxl.load_workbook(path, read_only=True)
    for worksheet in workbook.worksheets:
        if worksheet.title.lower() == "survey":
            # Some sheets declare a million empty rows; the real ones are far shorter.
            yield from worksheet.iter_rows(values_only=True, max_row=1000, max_col=100)
    workbook.close()


def outside_expressions() -> set[tuple[str, str]]:
    """Every (column, source) in the survey sheets of the outside XLSForms."""
    found: set[tuple[str, str]] = set()
    for folder in ("pyxform", "kobocat"):
        for path in sorted((OUTSIDE / folder).glob("*.xls*")):
            rows = survey_rows(path)
            header = [str(cell or "").strip().lower() for cell in next(rows, ())]
            for row in rows:
                for column, cell in zip(header, row, strict=False):
                    if column in COLUMNS and cell not in (None, ""):
                        found.add((column, str(cell)))
    return found


def parse(column: str, source: str) -> Condition | Calculation:
    if column == "calculation":
        return parse_calculation(source)
    return parse_condition(
        source, allow_self=column == "constraint", allow_names=column == "choice_filter"
    )


# What each expression of the outside forms gives: its references, or the error's code,
# position and unknown function. ODK would refuse the typographic quotes of the UCL form;
# Guild reads them as the quotes their author meant.
OUTSIDE_EXPECTED: dict[tuple[str, str], object] = {
    ("relevant", "${leader_name} = ‘other’"): {"leader_name"},  # noqa: RUF001
    ("relevant", "${any_trees} = ‘yes’"): {"any_trees"},  # noqa: RUF001
    ("relevant", "${latin_name_id}=‘other’"): {"latin_name_id"},  # noqa: RUF001
    ("relevant", "${cbh} >= 200"): {"cbh"},
    ("relevant", "${health_id}=‘dead’"): {"health_id"},  # noqa: RUF001
    ("relevant", "${stumps_in_plot}=‘yes’"): {"stumps_in_plot"},  # noqa: RUF001
    ("relevant", "${stump_latin_name_id}=‘other’"): {"stump_latin_name_id"},  # noqa: RUF001
    ("relevant", "${stump_30cm_circumference} >= 220"): {"stump_30cm_circumference"},
    ("relevant", "${regen_in_subplot1}=‘yes’"): {"regen_in_subplot1"},  # noqa: RUF001
    ("relevant", "${latin_name_id_sp1}=‘other’"): {"latin_name_id_sp1"},  # noqa: RUF001
    ("relevant", "${regen_in_subplot2}=‘yes’"): {"regen_in_subplot2"},  # noqa: RUF001
    ("relevant", "${latin_name_id_sp2}=‘other’"): {"latin_name_id_sp2"},  # noqa: RUF001
    ("relevant", "not(selected(${skip_to_end}, 'yes'))"): {"skip_to_end"},
    (
        "relevant",
        "regex(${address}, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,4}')",
    ): {"address"},
    ("relevant", "=FALSE()"): ("unexpected_token", 0, None),  # an Excel formula
    ("relevant", "selected(${respondent_marital}, ‘other’)"): {"respondent_marital"},  # noqa: RUF001
    ("relevant", "${pizza_fan} = 'no'"): {"pizza_fan"},
    ("relevant", "${pizza_fan} = 'yes'"): {"pizza_fan"},
    ("constraint", "${age} > 0 and ${age} < 120"): {"age"},
    ("constraint", ". < 10"): set(),
    ("constraint", ". > 10.51 and . < 18.39"): set(),
    ("constraint", ". >= today()"): set(),
    ("constraint", "not(selected(., 'c') and selected(., 'd'))"): set(),
    ("choice_filter", "state=${state}"): {"state"},
    ("choice_filter", "state=${state} and county=${county}"): {"state", "county"},
    (
        "calculation",
        "if(${calculate_test_output}=${calculate_test_output}, 'success', 'error')",
    ): {"calculate_test_output"},
    ("relevant", "0"): set(),
    (
        "constraint",
        "regex(.,'^(([0-9]{1})*[- .(]*([0-9]{3})[- .)]*[0-9]{3}[- .]*[0-9]{4})+$')",
    ): set(),
    ("constraint", ". < ${slope_radius}"): {"slope_radius"},
    ("constraint", ". >=  ${size_constraint}"): {"size_constraint"},
    ("constraint", ". <= ${a_integer}"): {"a_integer"},
    ("constraint", "not(selected(., 'yes') and selected (., 'no'))"): set(),
    ("choice_filter", "region_id=${region_id}"): {"region_id"},
    ("choice_filter", "district_id=${district_id}"): {"district_id"},
    (
        "choice_filter",
        "village=${village} and plant_phase=${plant_phase}",
    ): {"village", "plant_phase"},
    ("choice_filter", "YES_NO=${q1}"): {"q1"},
    ("choice_filter", "${state}=cf"): {"state"},
    ("choice_filter", "${county}=cf"): {"county"},
    ("choice_filter", "pastel=yes"): set(),
    ("choice_filter", "label::English != ''"): ("unknown_character", 5, None),
    (
        "calculation",
        "round(15 div (sqrt(cos(atan(${slope} div 100)))),2)",
    ): {"slope"},
    ("calculation", "round(5 div (sqrt(cos(atan(${slope} div 100)))),2)"): {"slope"},
    ("calculation", "${plot_id}"): {"plot_id"},
    (
        "calculation",
        "if(${tree_distance} > ${slope_radius_inner}, 15, 6)",
    ): {"tree_distance", "slope_radius_inner"},
    ("calculation", "${tag}"): {"tag"},
    ("calculation", "2+2"): set(),
    ("calculation", "because pyxform doesn't know what to do"): ("name_not_allowed", 0, None),
    (
        "calculation",
        "pulldata('fruits', 'name','name', 'mango')",
    ): ("unknown_function", 0, "pulldata"),
}


@pytest.mark.filterwarnings("ignore:Unknown extension is not supported:UserWarning")
def test_every_expression_of_the_outside_forms_reads_as_expected() -> None:
    found = outside_expressions()
    assert found - set(OUTSIDE_EXPECTED) == set(), "a new outside form: say what it gives"
    assert set(OUTSIDE_EXPECTED) - found == set()
    for (column, source), expected in OUTSIDE_EXPECTED.items():
        if isinstance(expected, tuple):
            with pytest.raises(ConditionError) as caught:
                parse(column, source)
            error = caught.value
            assert (error.code, error.position, error.function) == expected, source
        else:
            assert parse(column, source).references == expected, source


@pytest.mark.parametrize(
    ("column", "source", "answers", "current", "names", "expected"),
    [
        # UCL Biomass Plot Form
        ("relevant", "${health_id}=‘dead’", {"health_id": "dead"}, None, None, True),  # noqa: RUF001
        ("relevant", "${health_id}=‘dead’", {"health_id": "alive"}, None, None, False),  # noqa: RUF001
        ("relevant", "${health_id}=‘dead’", {}, None, None, False),  # noqa: RUF001
        ("relevant", "${cbh} >= 200", {"cbh": 200}, None, None, True),
        ("relevant", "${cbh} >= 200", {"cbh": "199.9"}, None, None, False),
        ("relevant", "${cbh} >= 200", {}, None, None, False),
        ("constraint", ". < ${slope_radius}", {"slope_radius": 15}, 14, None, True),
        ("constraint", ". < ${slope_radius}", {"slope_radius": 15}, "15", None, False),
        ("constraint", ". < ${slope_radius}", {}, 14, None, False),
        ("constraint", ". >=  ${size_constraint}", {"size_constraint": 6}, 6, None, True),
        (
            "constraint",
            "regex(.,'^(([0-9]{1})*[- .(]*([0-9]{3})[- .)]*[0-9]{3}[- .]*[0-9]{4})+$')",
            {},
            "(555) 123-4567",
            None,
            True,
        ),
        (
            "constraint",
            "regex(.,'^(([0-9]{1})*[- .(]*([0-9]{3})[- .)]*[0-9]{3}[- .]*[0-9]{4})+$')",
            {},
            "1 555 123 4567",
            None,
            True,
        ),
        (
            "constraint",
            "regex(.,'^(([0-9]{1})*[- .(]*([0-9]{3})[- .)]*[0-9]{3}[- .]*[0-9]{4})+$')",
            {},
            "12345",
            None,
            False,
        ),
        (
            "choice_filter",
            "village=${village} and plant_phase=${plant_phase}",
            {"village": "v1", "plant_phase": "2"},
            None,
            {"name": "a", "village": "v1", "plant_phase": "2"},
            True,
        ),
        (
            "choice_filter",
            "village=${village} and plant_phase=${plant_phase}",
            {"village": "v1", "plant_phase": "2"},
            None,
            {"name": "b", "village": "v1", "plant_phase": "3"},
            False,
        ),
        (
            "choice_filter",
            "region_id=${region_id}",
            {"region_id": "3"},
            None,
            {"region_id": "3"},
            True,
        ),
        ("choice_filter", "region_id=${region_id}", {}, None, {"region_id": "3"}, False),
        # pyxform's examples
        (
            "relevant",
            "not(selected(${skip_to_end}, 'yes'))",
            {"skip_to_end": "yes"},
            None,
            None,
            False,
        ),
        (
            "relevant",
            "not(selected(${skip_to_end}, 'yes'))",
            {"skip_to_end": "no"},
            None,
            None,
            True,
        ),
        ("relevant", "not(selected(${skip_to_end}, 'yes'))", {}, None, None, True),
        (
            "relevant",
            "regex(${address}, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,4}')",
            {"address": "jo.smith@example.org"},
            None,
            None,
            True,
        ),
        (
            "relevant",
            "regex(${address}, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,4}')",
            {"address": "write to jo.smith@example.org"},
            None,
            None,
            False,
        ),
        ("relevant", "0", {}, None, None, False),
        ("constraint", ". <= ${a_integer}", {"a_integer": 3}, 3, None, True),
        ("constraint", ". <= ${a_integer}", {"a_integer": 3}, 4, None, False),
        (
            "constraint",
            "not(selected(., 'yes') and selected (., 'no'))",
            {},
            ["no", "yes"],
            None,
            False,
        ),
        ("constraint", "not(selected(., 'yes') and selected (., 'no'))", {}, ["no"], None, True),
        (
            "choice_filter",
            "YES_NO=${q1}",
            {"q1": "yes"},
            None,
            {"name": "a", "YES_NO": "yes"},
            True,
        ),
        ("choice_filter", "${state}=cf", {"state": "texas"}, None, {"cf": "texas"}, True),
        ("choice_filter", "${state}=cf", {"state": "texas"}, None, {"cf": "ohio"}, False),
        ("choice_filter", "pastel=yes", {}, None, {"name": "red", "pastel": "yes"}, False),
        ("constraint", ". > 10.51 and . < 18.39", {}, "10.51", None, False),
        ("constraint", ". > 10.51 and . < 18.39", {}, "18.38", None, True),
        ("constraint", ". >= today()", {}, "2024-06-15", None, True),
        ("constraint", ". >= today()", {}, "2024-06-14", None, False),
        # KoboCAT's forms
        (
            "relevant",
            "selected(${respondent_marital}, ‘other’)",  # noqa: RUF001
            {"respondent_marital": "other"},
            None,
            None,
            True,
        ),
        ("constraint", "${age} > 0 and ${age} < 120", {"age": 119}, 119, None, True),
        ("constraint", "${age} > 0 and ${age} < 120", {"age": 0}, 0, None, False),
        (
            "choice_filter",
            "state=${state} and county=${county}",
            {"state": "texas", "county": "king"},
            None,
            {"name": "dumont", "state": "texas", "county": "king"},
            True,
        ),
        (
            "choice_filter",
            "state=${state} and county=${county}",
            {"state": "texas"},
            None,
            {"name": "dumont", "state": "texas", "county": "king"},
            False,
        ),
    ],
)
def test_outside_conditions_evaluate_as_in_odk(
    column: str,
    source: str,
    answers: dict[str, object],
    current: object,
    names: dict[str, str] | None,
    expected: bool,
) -> None:
    condition = parse(column, source)
    assert isinstance(condition, Condition)
    assert condition.evaluate(answers, current=current, names=names) is expected


@pytest.mark.parametrize(
    ("source", "answers", "expected"),
    [
        ("round(15 div (sqrt(cos(atan(${slope} div 100)))),2)", {"slope": 0}, 15),
        ("round(15 div (sqrt(cos(atan(${slope} div 100)))),2)", {"slope": 20}, Decimal("15.15")),
        ("round(15 div (sqrt(cos(atan(${slope} div 100)))),2)", {"slope": 100}, Decimal("17.84")),
        ("round(5 div (sqrt(cos(atan(${slope} div 100)))),2)", {"slope": "35"}, Decimal("5.15")),
        ("round(5 div (sqrt(cos(atan(${slope} div 100)))),2)", {}, None),
        (
            "if(${tree_distance} > ${slope_radius_inner}, 15, 6)",
            {"tree_distance": 7, "slope_radius_inner": Decimal("6.18")},
            15,
        ),
        (
            "if(${tree_distance} > ${slope_radius_inner}, 15, 6)",
            {"tree_distance": 3, "slope_radius_inner": Decimal("6.18")},
            6,
        ),
        ("if(${tree_distance} > ${slope_radius_inner}, 15, 6)", {}, 6),
        ("${plot_id}", {"plot_id": "P-17"}, "P-17"),
        ("${plot_id}", {}, None),
        ("${tag}", {"tag": 12}, 12),
        ("2+2", {}, 4),
        # pyxform's calculate.xls refers to itself: unanswered, it equals nothing
        (
            "if(${calculate_test_output}=${calculate_test_output}, 'success', 'error')",
            {},
            "error",
        ),
        (
            "if(${calculate_test_output}=${calculate_test_output}, 'success', 'error')",
            {"calculate_test_output": "x"},
            "success",
        ),
    ],
)
def test_outside_calculations_give_what_odk_gives(
    source: str, answers: dict[str, object], expected: object
) -> None:
    result = parse_calculation(source).value(answers)
    assert result == expected
    assert type(result) is type(expected)
