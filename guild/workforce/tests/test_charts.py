"""The workforce charts draw exactly the published cells of their tables: a bar per group
and horizon as long as its count on an axis scaled to the largest, a hidden figure as the
hatched placeholder, never as a bar, and the table beside it unchanged."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from guild.core.charts import count_scale
from guild.core.charts.style import PLOT_WIDTH, PLOT_X
from guild.core.disclosure import COMPLEMENTARY, SMALL, Suppressed
from guild.core.tests.chart_markup import SVG, by_class, first, parse, text_of, texts
from guild.organizations.models import Community
from guild.questionnaires.tests.results_data import results_definition
from guild.workforce.charts import workforce_figures
from guild.workforce.selectors import questionnaire_workforce
from guild.workforce.tests.test_workforce import YEAR, survey


def _bars(svg: ET.Element) -> list[tuple[str, str]]:
    """(width, printed value) of each drawn bar, or ("hidden", word) of each placeholder,
    in the order drawn: per category, per series."""
    drawn: list[tuple[str, str]] = []
    for element in svg.iter():
        classes = element.get("class", "").split()
        if "chart__suppressed" in classes:
            drawn.append(("hidden", text_of(first(element, "text"))))
        elif "chart__bar" in classes:
            drawn.append((element.get("width", ""), ""))
    values = iter(texts(svg, "chart__value"))
    return [(width, next(values) if width != "hidden" else word) for width, word in drawn]


def test_counts_get_an_axis_of_one_to_five_round_steps() -> None:
    assert [
        (count_scale([top]).maximum, count_scale([top]).step) for top in (0, 1, 4, 7, 12, 26, 101)
    ] == [(5, 1), (1, 1), (4, 1), (8, 2), (15, 5), (30, 10), (150, 50)]
    assert count_scale([SMALL, 3]).maximum == 3


@pytest.mark.django_db
def test_each_bar_is_the_published_cell_and_hidden_cells_are_drawn_hidden(
    im: Community,
) -> None:
    workforce = questionnaire_workforce(survey(im, results_definition()), reference_year=YEAR)
    assert workforce is not None
    with translation.override("en"):
        figures = workforce_figures(workforce, "en")
    assert [figure.table.id for figure in figures] == [
        "workforce-department",
        "workforce-region",
        "workforce-occupational_group",
    ]
    group = figures[2]
    svg = parse(group.chart)
    assert svg.get("id") == "workforce-occupational_group-chart"
    assert svg.get("role") == "img"
    assert first(svg, "title").text == "Eligibility to retire by “Group”"
    assert first(svg, "desc").text == (
        "Grouped bar chart comparing Already eligible, Within 1 year, Within 5 years, "
        "Within 10 years across 5 categories, in numbers of people. The table that follows "
        "gives the same figures. The axis runs from 0 to 15."
    )
    assert texts(svg, "chart__tick") == ["0", "5", "10", "15"]
    hidden = ("hidden", "Suppressed")
    zero = ("0", "0")
    full = (f"{PLOT_WIDTH * 12 / 15:g}", "12")
    # IS and CR are hidden at every horizon, AS and "no answer" are 0, all respondents 12.
    assert _bars(svg) == [hidden] * 8 + [zero] * 8 + [full] * 4
    for bar in by_class(svg, "chart__bar"):
        assert bar.get("x") == str(PLOT_X)
    labels = [text_of(label) for label in by_class(svg, "chart__label")]
    assert labels == ["IS", "CR", "AS", "No answer", "All respondents"]

    table = group.table
    assert table.caption == "Eligibility to retire by “Group”"
    assert list(table.headers) == [
        "Group",
        "Already eligible",
        "Within 1 year",
        "Within 5 years",
        "Within 10 years",
        "Respondents",
    ]
    x = COMPLEMENTARY
    assert [(row.header, tuple(row.cells)) for row in table.rows] == [
        ("IS", (x, x, x, x, x)),
        ("CR", (x, x, x, x, SMALL)),
        ("AS", (0, 0, 0, 0, 0)),
        ("No answer", (0, 0, 0, 0, 0)),
        ("All respondents", (12, 12, 12, 12, 26)),
    ]
    # The chart draws the table's first four columns, hidden where the table is.
    drawn = [cell for row in table.rows for cell in row.cells[:4]]
    assert [isinstance(cell, Suppressed) for cell in drawn] == [
        width == "hidden" for width, _text in _bars(svg)
    ]
    assert len(list(svg.iter(f"{SVG}rect"))) > 0


@pytest.mark.django_db
def test_the_chart_speaks_french(im: Community) -> None:
    workforce = questionnaire_workforce(survey(im, results_definition()), reference_year=YEAR)
    assert workforce is not None
    with translation.override("fr"):
        figures = workforce_figures(workforce, "fr")
        svg = parse(figures[0].chart)
    assert first(svg, "title").text == "Admissibilité à la retraite selon « Department (fr) »"
