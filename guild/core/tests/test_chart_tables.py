"""The data table that comes with each chart: the same numbers as the chart, hidden cells,
the include's caption and scroll box, and numbers in the active language."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from guild.core.charts import (
    DataTable,
    TableRow,
    bar_chart,
    chart_table_for_bars,
    chart_table_for_grouped_bars,
    chart_table_for_heat_map,
    format_count,
    format_number,
    format_percent,
    grouped_bar_chart,
    heat_map,
)
from guild.core.tests.chart_markup import (
    SVG,
    comparison,
    gaps,
    satisfaction,
    texts,
)

# ---- Table and include ----------------------------------------------------------------

NUMBER = re.compile(r"\d[\d.,\u00a0\u202f]*")


def numbers(strings: list[str]) -> list[str]:
    return [number for string in strings for number in NUMBER.findall(string)]


def render_figure(markup: str, table: DataTable) -> ET.Element:
    html = render_to_string("includes/chart.html", {"chart": markup, "table": table})
    return ET.fromstring(f"<root>{html}</root>")


def seen(element: ET.Element) -> str:
    """The text a sighted reader sees in ``element``: visually hidden text left out."""
    if "visually-hidden" in element.get("class", "").split():
        return ""
    return (element.text or "") + "".join(seen(child) + (child.tail or "") for child in element)


def cell_texts(figure: ET.Element) -> list[list[str]]:
    return [[seen(td).strip() for td in row.findall("td")] for row in figure.findall(".//tbody/tr")]


def test_the_bar_table_holds_the_same_numbers_as_the_chart() -> None:
    chart = satisfaction()
    table = chart_table_for_bars(chart, category_header="Answer")
    figure = render_figure(bar_chart(chart), table)

    svg = figure.find(f".//{SVG}svg")
    assert svg is not None
    rows = cell_texts(figure)

    assert figure.findtext(".//figcaption") == "How satisfied are you?"
    assert figure.findtext(".//caption") == "How satisfied are you?"
    assert figure.find(".//caption").get("class") == "visually-hidden"  # type: ignore[union-attr]
    assert [th.text for th in figure.findall(".//thead/tr/th")] == [
        "Answer",
        "Percentage",
        "Number",
    ]
    assert {th.get("scope") for th in figure.findall(".//thead/tr/th")} == {"col"}
    assert [th.text for th in figure.findall(".//tbody/tr/th")] == texts(svg, "chart__label")
    assert {th.get("scope") for th in figure.findall(".//tbody/tr/th")} == {"row"}
    assert rows == [
        ["42%", "21"],
        ["13%", "10"],
        ["x", "x"],
        ["x", "x"],
        ["0%", "0"],
        ["100%", "50"],
    ]
    assert numbers(texts(svg, "chart__value")) == numbers([cell for row in rows for cell in row])


def test_hidden_table_cells_read_suppressed_and_explain_themselves_on_hover() -> None:
    chart = satisfaction()
    figure = render_figure(bar_chart(chart), chart_table_for_bars(chart, category_header="Answer"))

    marks = figure.findall(".//td/span[@class='guild-suppressed']")

    assert len(marks) == 4
    for mark in marks:
        seen, heard = list(mark)
        assert (seen.get("aria-hidden"), seen.text) == ("true", "x")
        assert (heard.get("class"), heard.text) == ("visually-hidden", "Suppressed")
        assert mark.get("title") == "Hidden to protect privacy: too few people to publish"


def test_the_grouped_table_holds_the_same_numbers_as_the_chart() -> None:
    chart = comparison()
    table = chart_table_for_grouped_bars(chart, category_header="When")
    figure = render_figure(grouped_bar_chart(chart), table)
    svg = figure.find(f".//{SVG}svg")
    assert svg is not None
    rows = cell_texts(figure)

    assert [th.text for th in figure.findall(".//thead/tr/th")] == [
        "When",
        "Your department: percentage",
        "Your department: number",
        "Service-wide: percentage",
        "Service-wide: number",
    ]
    assert rows == [
        ["20%", "12", "16%", "155"],
        ["x", "x", "25%", "245"],
        ["60%", "36", "60%", "600"],
    ]
    assert numbers(texts(svg, "chart__value")) == numbers([cell for row in rows for cell in row])


def test_the_heat_map_table_prints_every_cell_as_the_chart_does() -> None:
    chart = gaps()
    figure = render_figure(
        heat_map(chart),
        chart_table_for_heat_map(chart, row_header="Department", column_header="Competency"),
    )
    svg = figure.find(f".//{SVG}svg")
    assert svg is not None

    # Turned like the drawing: the three competencies down the side.
    assert [th.text for th in figure.findall(".//thead/tr/th")] == [
        "Competency",
        "Employment and Social Development Canada",
        "Canada Revenue Agency",
    ]
    assert [cell for row in cell_texts(figure) for cell in row] == texts(svg, "chart__cell-value")
    no_data = figure.findall(".//td/span[@class='visually-hidden']")
    assert [span.text for span in no_data] == ["No data"]


def test_the_scroll_box_is_keyboard_reachable_and_named_by_the_caption() -> None:
    chart = satisfaction()
    figure = render_figure(
        bar_chart(chart), chart_table_for_bars(chart, category_header="Answer", caption="Data")
    )

    box = figure.find(".//div[@class='chart__graphic']")
    caption = figure.find(".//figcaption")

    assert box is not None and caption is not None
    assert box.get("tabindex") == "0"
    assert box.get("aria-labelledby") == caption.get("id") == "satisfaction-table-figure"
    assert figure.findtext(".//caption") == "Data"


def test_a_figure_caption_of_its_own_leaves_the_table_caption_visible() -> None:
    chart = satisfaction()
    html = render_to_string(
        "includes/chart.html",
        {
            "chart": bar_chart(chart),
            "table": chart_table_for_bars(chart, category_header="Answer", caption="Answers"),
            "caption": "Figure 1. Satisfaction",
            "note": "x: hidden to protect privacy.",
        },
    )
    figure = ET.fromstring(html)

    assert figure.findtext("figcaption") == "Figure 1. Satisfaction"
    assert figure.find(".//caption").attrib == {}  # type: ignore[union-attr]
    assert figure.findtext(".//caption") == "Answers"
    assert figure.findtext("p[@class='chart__note']") == "x: hidden to protect privacy."


def test_a_table_row_must_match_the_headers() -> None:
    with pytest.raises(ValueError, match="2 cells for 1 column headers"):
        DataTable("t", "Caption", ("Row", "Value"), (TableRow("a", ("1", "2")),))


def test_numbers_follow_the_active_language() -> None:
    with translation.override("fr"):
        assert format_count(1234) == "1\u00a0234"
        assert format_number(33.25, 1) == "33,3"
        assert format_percent(42).startswith("42")
    assert format_count(1234) == "1,234"
    assert format_percent(12.5) == "13%"
