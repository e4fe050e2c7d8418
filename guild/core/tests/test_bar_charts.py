"""Bar and grouped bar charts: exact geometry, hidden values, labels, series and legend."""

import pytest
from django.utils import translation

from guild.core.charts import (
    CHAR_WIDTH,
    SERIES_STYLES,
    Bar,
    BarChart,
    GroupedBarChart,
    Series,
    bar_chart,
    grouped_bar_chart,
)
from guild.core.disclosure import SMALL
from guild.core.tests.chart_markup import (
    SVG,
    by_class,
    comparison,
    first,
    parse,
    satisfaction,
    text_of,
    texts,
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


# ---- Grouped bar chart ----------------------------------------------------------------


def test_grouped_bars_are_exact_and_each_series_has_its_own_pattern_and_outline() -> None:
    root = parse(grouped_bar_chart(comparison()))

    bars = by_class(root, "chart__bar")

    # The largest figure is 60%, so the axis runs to 60% (300 units): 5 units a point.
    assert [bar.get("width") for bar in bars] == ["100", "77.5", "122.5", "300", "300"]
    assert texts(root, "chart__tick") == ["0%", "20%", "40%", "60%"]
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
