"""Heat maps: printed values, marks for hidden and empty cells, steps, contrast, headers."""

import pytest

from guild.core.charts import (
    HEAT_SCALE,
    HeatMapChart,
    heat_map,
    heat_step,
)
from guild.core.tests.chart_markup import (
    SVG,
    WHITE,
    by_class,
    contrast,
    first,
    gaps,
    luminance,
    parse,
    texts,
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
