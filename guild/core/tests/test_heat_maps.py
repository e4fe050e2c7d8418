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

    # Two departments by three competencies is drawn turned: competencies down the side.
    assert texts(root, "chart__cell-value") == ["10%", "95%", "45%", "—", "x", "20%"]
    assert fills == [
        HEAT_SCALE[0],
        HEAT_SCALE[4],
        HEAT_SCALE[2],
        WHITE,
        "url(#gaps-hatch)",
        HEAT_SCALE[1],
    ]
    assert [cell.findtext(f"{SVG}title") for cell in cells][2:5] == [
        "Records, Employment and Social Development Canada: 45%",
        "Records, Canada Revenue Agency: No data",
        "Privacy, Employment and Social Development Canada: Suppressed",
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


def test_headers_break_only_between_words_in_columns_as_wide_as_their_longest_word() -> None:
    root = parse(heat_map(gaps()))

    headers = [
        [span.text for span in text.iter(f"{SVG}tspan")]
        for text in by_class(root, "chart__label")
        if text.get("text-anchor") == "middle"
    ]

    assert headers == [
        ["Employment", "and Social", "Development", "Canada"],
        ["Canada", "Revenue", "Agency"],
    ]
    assert texts(root, "chart__label")[2:] == [
        "Data governance andstewardship",
        "Records",
        "Privacy",
    ]
    # "Development" is 11 characters: 11 x 8.8 + 12 units.
    assert [rect.get("width") for rect in root.iter(f"{SVG}rect")][2] == "108.8"


def test_heat_map_values_outside_the_range_are_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        heat_map(HeatMapChart(id="h", title="t", rows=["a"], columns=["b"], values=[[1.2]]))
    with pytest.raises(ValueError, match="one value per column"):
        heat_map(HeatMapChart(id="h", title="t", rows=["a"], columns=["b"], values=[[]]))
