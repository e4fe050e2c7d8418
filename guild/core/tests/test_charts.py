"""Server-rendered SVG charts: exact geometry, hidden values, escaping, ids, contrast, and the
data table that comes with each chart.

Contrast is computed here from the WCAG 2.1 definitions, independently of the module's own
helper, so a mistake there cannot hide one in the charts.
"""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from guild.core.charts import (
    CHAR_WIDTH,
    HEAT_SCALE,
    SERIES_STYLES,
    Bar,
    BarChart,
    DataTable,
    GroupedBarChart,
    HeatMapChart,
    Series,
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
    heat_step,
)
from guild.core.disclosure import COMPLEMENTARY, SMALL

SVG = "{http://www.w3.org/2000/svg}"
WHITE = "#ffffff"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def local(tag: str) -> str:
    return tag.removeprefix(SVG)


def text_of(element: ET.Element) -> str:
    """The visible text of a <text>: its tspans' text, without its tooltip <title>."""
    return "".join(span.text or "" for span in element.iter(f"{SVG}tspan"))


def first(element: ET.Element, tag: str) -> ET.Element:
    found = element.find(f".//{SVG}{tag}")
    assert found is not None, tag
    return found


def by_class(root: ET.Element, css_class: str) -> list[ET.Element]:
    return [element for element in root.iter() if css_class in element.get("class", "").split()]


def texts(root: ET.Element, css_class: str) -> list[str]:
    return [text_of(element) for element in by_class(root, css_class)]


def luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first: str, second: str) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def satisfaction(**overrides: object) -> BarChart:
    fields: dict[str, object] = {
        "id": "satisfaction",
        "title": "How satisfied are you?",
        "bars": [
            Bar("Very satisfied", 42, 21),
            Bar("Satisfied", 12.5, 10),
            Bar("Dissatisfied", SMALL, SMALL),
            Bar("Very dissatisfied", COMPLEMENTARY, COMPLEMENTARY),
            Bar("No opinion", 0, 0),
            Bar("All of them", 100, 50),
        ],
    }
    fields.update(overrides)
    return BarChart(**fields)  # type: ignore[arg-type]


def comparison() -> GroupedBarChart:
    return GroupedBarChart(
        id="compare",
        title="Plans to retire",
        categories=["Within 2 years", "In 2 to 5 years", "Later"],
        series=[
            Series("Your department", [20, SMALL, 60], [12, SMALL, 36]),
            Series("Service-wide", [15.5, 24.5, 60], [155, 245, 600]),
        ],
    )


def gaps() -> HeatMapChart:
    return HeatMapChart(
        id="gaps",
        title="Share below target",
        rows=["Employment and Social Development Canada", "Canada Revenue Agency"],
        columns=["Data governance and stewardship", "Records", "Privacy"],
        values=[[0.1, 0.45, SMALL], [0.95, None, 0.2]],
    )


# ---- Bar chart ------------------------------------------------------------------------


def test_bars_are_three_units_long_per_percentage_point_from_the_baseline() -> None:
    root = parse(bar_chart(satisfaction()))

    bars = by_class(root, "chart__bar")

    assert [bar.get("width") for bar in bars] == ["126", "37.5", "0", "300"]
    assert {bar.get("x") for bar in bars} == {"200"}
    assert {bar.get("fill") for bar in bars} == {"#26374a"}


def test_each_bar_is_labelled_with_its_percentage_and_count() -> None:
    root = parse(bar_chart(satisfaction()))

    assert texts(root, "chart__label") == [
        "Very satisfied",
        "Satisfied",
        "Dissatisfied",
        "Very dissatisfied",
        "No opinion",
        "All of them",
    ]
    assert texts(root, "chart__value") == ["42% (21)", "13% (10)", "0% (0)", "100% (50)"]
    assert texts(root, "chart__tick") == ["0%", "25%", "50%", "75%", "100%"]


def test_value_labels_follow_the_end_of_their_bar() -> None:
    root = parse(bar_chart(satisfaction()))

    starts = [first(text, "tspan").get("x") for text in by_class(root, "chart__value")]

    assert starts == ["332", "243.5", "206", "506"]


def test_percentages_round_half_up_to_the_chosen_decimals() -> None:
    chart = BarChart(
        id="rounding",
        title="Rounding",
        bars=[Bar("a", 42.5), Bar("b", 33.35), Bar("c", 99.96)],
        decimals=1,
    )
    whole = BarChart(id="whole", title="Whole", bars=[Bar("a", 42.5), Bar("b", 99.5)])

    assert texts(parse(bar_chart(chart)), "chart__value") == ["42.5%", "33.4%", "100.0%"]
    assert texts(parse(bar_chart(whole)), "chart__value") == ["43%", "100%"]


def test_a_suppressed_category_has_no_bar_but_a_hatched_placeholder_and_the_word() -> None:
    root = parse(bar_chart(satisfaction()))

    placeholders = by_class(root, "chart__suppressed")

    assert len(by_class(root, "chart__bar")) == 4
    assert len(placeholders) == 2
    for group in placeholders:
        rect = group.find(f"{SVG}rect")
        assert rect is not None
        assert rect.get("fill") == "url(#satisfaction-hatch)"
        assert rect.get("width") == "24"
        assert [text_of(text) for text in group.iter(f"{SVG}text")] == ["Suppressed"]
    assert root.find(f".//{SVG}pattern[@id='satisfaction-hatch']") is not None


def test_the_placeholder_word_is_translated() -> None:
    with translation.override("fr"):
        root = parse(bar_chart(satisfaction()))
        expected = translation.gettext("Suppressed")

    assert [text_of(first(g, "text")) for g in by_class(root, "chart__suppressed")] == [
        expected,
        expected,
    ]


def test_a_published_percentage_with_a_hidden_count_shows_the_mark_for_the_count() -> None:
    chart = BarChart(id="mixed", title="Mixed", bars=[Bar("a", 40, SMALL)])

    assert texts(parse(bar_chart(chart)), "chart__value") == ["40% (x)"]


@pytest.mark.parametrize("value", [-0.1, 100.01, float("nan"), float("inf")])
def test_a_percentage_outside_0_to_100_is_refused(value: float) -> None:
    with pytest.raises(ValueError, match="between 0 and 100"):
        bar_chart(BarChart(id="bad", title="Bad", bars=[Bar("a", value)]))


def test_an_id_that_is_not_a_plain_name_is_refused() -> None:
    for chart_id in ["", "1chart", 'a" onload="x', "a b"]:
        with pytest.raises(ValueError, match="usable id"):
            bar_chart(BarChart(id=chart_id, title="t", bars=[]))


def test_long_labels_wrap_to_three_lines_and_keep_the_full_text_in_a_title() -> None:
    label = "I plan to retire from the public service within the next two to five years"
    root = parse(bar_chart(BarChart(id="long", title="Long", bars=[Bar(label, 50)])))

    (text,) = by_class(root, "chart__label")
    lines = [span.text or "" for span in text.iter(f"{SVG}tspan")]

    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert all(len(line) * CHAR_WIDTH <= 190 for line in lines)
    assert text.findtext(f"{SVG}title") == label


# ---- Every chart ----------------------------------------------------------------------


def all_charts() -> list[str]:
    return [bar_chart(satisfaction()), grouped_bar_chart(comparison()), heat_map(gaps())]


def test_every_chart_is_an_image_named_by_its_title_and_description() -> None:
    for markup in all_charts():
        root = parse(markup)
        chart_id = root.get("id")
        title, desc = root[0], root[1]

        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
        assert (local(title.tag), title.get("id")) == ("title", f"{chart_id}-title")
        assert (local(desc.tag), desc.get("id")) == ("desc", f"{chart_id}-desc")
        assert desc.text
        assert root.get("width") == "100%"
        assert root.get("viewBox", "").startswith("0 0 ")


def test_ids_are_unique_across_charts_on_one_page_and_every_reference_resolves() -> None:
    page = parse(f"<div>{''.join(all_charts())}</div>")

    ids = [element.get("id") for element in page.iter() if element.get("id")]
    references = {
        match
        for element in page.iter()
        for name in ("fill", "stroke")
        for match in re.findall(r"url\(#([^)]+)\)", element.get(name, ""))
    }

    assert len(ids) == len(set(ids))
    assert references <= set(ids)
    assert references >= {"satisfaction-hatch", "compare-series-1", "gaps-hatch"}


def test_no_script_style_event_handler_or_external_resource() -> None:
    for markup in all_charts():
        root = parse(markup)
        for element in root.iter():
            assert local(element.tag) not in {"script", "style", "image", "foreignObject", "a"}
            for name, value in element.attrib.items():
                assert name != "style"
                assert not name.startswith("on")
                assert "href" not in name
                assert "url(" not in value or value.startswith("url(#")


def test_text_renders_at_12px_or_more_at_the_narrowest_the_stylesheet_allows() -> None:
    css = (Path(settings.BASE_DIR) / "static" / "css" / "guild.css").read_text()
    wide = HeatMapChart(
        id="wide",
        title="Wide",
        rows=["a"],
        columns=[f"C{j}" for j in range(12)],
        values=[[0.5] * 12],
    )
    for markup in [*all_charts(), heat_map(wide)]:
        root = parse(markup)
        (size_class,) = re.findall(r"chart__svg--w-\d+", root.get("class", ""))
        rule = re.search(rf"\.{size_class} {{ min-width: ([\d.]+)rem; max-width: (\d+)rem; }}", css)
        assert rule is not None, size_class
        view_width = float(root.get("viewBox", "").split()[2])
        narrowest_px = float(rule.group(1)) * 16

        assert float(rule.group(2)) * 16 >= view_width
        assert root.get("font-size") == "16"
        assert all(element.get("font-size") in (None, "16") for element in root.iter())
        assert 16 * narrowest_px / view_width >= 12


def test_lines_bars_and_patterns_contrast_3_to_1_with_white_and_text_4_5_to_1() -> None:
    for markup in all_charts():
        root = parse(markup)
        for element in root.iter():
            if local(element.tag) == "text":
                assert (
                    contrast(element.get("fill", ""), WHITE) >= 4.5
                    or element.get("class") == "chart__cell-value"
                )
                continue
            for name in ("fill", "stroke"):
                colour = element.get(name, "")
                if not colour.startswith("#") or colour == WHITE:
                    continue
                if element.get("fill") in HEAT_SCALE and name == "fill":
                    continue  # the light cells are outlined and carry their value as text
                assert contrast(colour, WHITE) >= 3, (local(element.tag), name, colour)


# ---- Grouped bar chart ----------------------------------------------------------------


def test_grouped_bars_are_exact_and_each_series_has_its_own_pattern_and_outline() -> None:
    root = parse(grouped_bar_chart(comparison()))

    bars = by_class(root, "chart__bar")

    assert [bar.get("width") for bar in bars] == ["60", "46.5", "73.5", "180", "180"]
    assert [bar.get("fill") for bar in bars] == [
        "#26374a",
        "url(#compare-series-1)",
        "url(#compare-series-1)",
        "#26374a",
        "url(#compare-series-1)",
    ]
    assert [bar.get("stroke") for bar in bars] == [
        "#26374a",
        "#b3192e",
        "#b3192e",
        "#26374a",
        "#b3192e",
    ]
    assert texts(root, "chart__value") == [
        "20% (12)",
        "16% (155)",
        "25% (245)",
        "60% (36)",
        "60% (600)",
    ]
    assert len(by_class(root, "chart__suppressed")) == 1


def test_the_legend_names_each_series_beside_a_swatch_of_its_fill() -> None:
    (legend,) = by_class(parse(grouped_bar_chart(comparison())), "chart__legend")

    swatches = [rect.get("fill") for rect in legend.iter(f"{SVG}rect")]
    labels = [text_of(text) for text in legend.iter(f"{SVG}text")]

    assert swatches == ["#26374a", "url(#compare-series-1)"]
    assert labels == ["Your department", "Service-wide"]


def test_four_series_have_four_distinct_patterns() -> None:
    chart = GroupedBarChart(
        id="four",
        title="Four",
        categories=["a"],
        series=[Series(f"s{index}", [50]) for index in range(4)],
    )
    root = parse(grouped_bar_chart(chart))

    fills = [bar.get("fill") for bar in by_class(root, "chart__bar")]
    patterns = {p.get("id") for p in root.iter(f"{SVG}pattern")}

    assert len(set(fills)) == 4
    assert {"four-series-1", "four-series-2", "four-series-3"} <= patterns
    assert len({style.pattern for style in SERIES_STYLES}) == len(SERIES_STYLES)


def test_grouped_charts_check_their_shape() -> None:
    with pytest.raises(ValueError, match="one value per category"):
        grouped_bar_chart(
            GroupedBarChart(id="g", title="t", categories=["a", "b"], series=[Series("s", [1])])
        )
    with pytest.raises(ValueError, match="1 to 4 series"):
        grouped_bar_chart(
            GroupedBarChart(id="g", title="t", categories=["a"], series=[Series("s", [1])] * 5)
        )


# ---- Heat map -------------------------------------------------------------------------


def test_heat_map_cells_print_their_value_and_hidden_or_empty_cells_a_mark() -> None:
    root = parse(heat_map(gaps()))

    cells = by_class(root, "chart__cell")
    fills = [first(cell, "rect").get("fill") for cell in cells]

    assert texts(root, "chart__cell-value") == ["10%", "45%", "x", "95%", "—", "20%"]
    assert fills == [
        HEAT_SCALE[0],
        HEAT_SCALE[2],
        "url(#gaps-hatch)",
        HEAT_SCALE[4],
        WHITE,
        HEAT_SCALE[1],
    ]
    assert [cell.findtext(f"{SVG}title") for cell in cells][2:5] == [
        "Employment and Social Development Canada, Privacy: Suppressed",
        "Canada Revenue Agency, Data governance and stewardship: 95%",
        "Canada Revenue Agency, Records: No data",
    ]


def test_heat_steps_are_equal_fifths_of_the_range() -> None:
    chart = HeatMapChart(id="h", title="t", rows=[], columns=[], values=[], maximum=4)

    steps = [heat_step(chart, value) for value in [0, 0.79, 0.8, 1.6, 2.4, 3.2, 3.99, 4]]

    assert steps == [0, 0, 1, 2, 3, 4, 4, 4]


def test_every_step_of_the_scale_prints_its_value_at_4_5_to_1_or_more() -> None:
    chart = HeatMapChart(
        id="scale",
        title="Every step",
        rows=["mean gap"],
        columns=[str(step) for step in range(5)],
        values=[[0.0, 1.0, 2.0, 3.0, 4.0]],
        maximum=4,
        value_format="number",
        decimals=1,
    )
    root = parse(heat_map(chart))

    pairs = [
        (first(cell, "rect").get("fill"), first(cell, "text").get("fill"))
        for cell in by_class(root, "chart__cell")
    ]

    assert [fill for fill, _ in pairs] == list(HEAT_SCALE)
    assert texts(root, "chart__cell-value") == ["0.0", "1.0", "2.0", "3.0", "4.0"]
    for fill, text in pairs:
        assert contrast(fill or "", text or "") >= 4.5, (fill, text)
    assert [luminance(fill) for fill in HEAT_SCALE] == sorted(
        (luminance(fill) for fill in HEAT_SCALE), reverse=True
    )


def test_long_column_headers_wrap_to_three_lines_within_the_cell() -> None:
    root = parse(heat_map(gaps()))

    (header,) = (text for text in by_class(root, "chart__label") if text.findtext(f"{SVG}title"))
    lines = [span.text for span in header.iter(f"{SVG}tspan")]

    assert header.findtext(f"{SVG}title") == "Data governance and stewardship"
    assert lines == ["Data", "governance", "and…"]
    assert texts(root, "chart__label")[-2:] == [
        "Employment and SocialDevelopment Canada",
        "Canada Revenue Agency",
    ]


def test_heat_map_values_outside_the_range_are_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        heat_map(HeatMapChart(id="h", title="t", rows=["a"], columns=["b"], values=[[1.2]]))
    with pytest.raises(ValueError, match="one value per column"):
        heat_map(HeatMapChart(id="h", title="t", rows=["a"], columns=["b"], values=[[]]))


# ---- Escaping -------------------------------------------------------------------------


def test_markup_in_labels_stays_text() -> None:
    hostile = '<script>alert("x")</script>&amp;'
    markups = [
        bar_chart(BarChart(id="b", title=hostile, description=hostile, bars=[Bar(hostile, 10)])),
        grouped_bar_chart(
            GroupedBarChart(
                id="g", title=hostile, categories=[hostile], series=[Series(hostile, [5])]
            )
        ),
        heat_map(
            HeatMapChart(id="h", title=hostile, rows=[hostile], columns=[hostile], values=[[0.5]])
        ),
    ]
    for markup in markups:
        root = parse(markup)
        visible = [text_of(text) for text in root.iter(f"{SVG}text")]

        assert "<script" not in markup
        assert not any(local(element.tag) == "script" for element in root.iter())
        assert root[0].text == hostile
        assert hostile in visible or any(
            hostile in (t.findtext(f"{SVG}title") or "") for t in root.iter(f"{SVG}text")
        )


def test_characters_xml_forbids_are_dropped() -> None:
    root = parse(bar_chart(BarChart(id="c", title="a\x00b\x1f", bars=[Bar("x\x0by\ud800", 5)])))

    assert root[0].text == "ab"
    assert texts(root, "chart__label") == ["xy"]


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    chart_id=st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,20}", fullmatch=True),
    title=st.text(),
    bars=st.lists(
        st.builds(
            Bar,
            label=st.text(),
            value=st.floats(0, 100) | st.sampled_from([SMALL, COMPLEMENTARY]),
            count=st.none() | st.integers(0, 10**9) | st.just(SMALL),
        ),
        max_size=12,
    ),
    decimals=st.integers(0, 3),
)
def test_bar_chart_is_always_well_formed(
    chart_id: str, title: str, bars: list[Bar], decimals: int
) -> None:
    root = parse(bar_chart(BarChart(id=chart_id, title=title, bars=bars, decimals=decimals)))

    published = [bar for bar in bars if not isinstance(bar.value, type(SMALL))]

    assert len(by_class(root, "chart__bar")) == len(published)
    assert len(by_class(root, "chart__suppressed")) == len(bars) - len(published)
    assert len(by_class(root, "chart__label")) == len(bars)


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
        heat_map(chart), chart_table_for_heat_map(chart, row_header="Department")
    )
    svg = figure.find(f".//{SVG}svg")
    assert svg is not None

    assert [th.text for th in figure.findall(".//thead/tr/th")] == [
        "Department",
        "Data governance and stewardship",
        "Records",
        "Privacy",
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
