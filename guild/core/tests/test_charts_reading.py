"""Charts built for reading: bars on an axis scaled to the data, heat maps turned the
narrow way round and drawn in blocks of columns, labels broken only between words."""

import pytest

from guild.core.charts import (
    AxisScale,
    Bar,
    BarChart,
    HeatMapChart,
    axis_scale,
    bar_chart,
    chart_table_for_bars,
    chart_table_for_heat_map,
    column_width,
    heat_map,
    heat_map_blocks,
    heat_map_oriented,
)
from guild.core.charts.svg import wrap
from guild.core.disclosure import SMALL
from guild.core.tests.chart_markup import SVG, by_class, parse, texts

# ---- Bars on an axis scaled to the data ---------------------------------------------------


@pytest.mark.parametrize(
    ("values", "maximum", "ticks"),
    [
        ([8, 3], 10, [0, 2, 4, 6, 8, 10]),
        ([0.4], 5, [0, 1, 2, 3, 4, 5]),
        ([5], 5, [0, 1, 2, 3, 4, 5]),
        ([5.1], 10, [0, 2, 4, 6, 8, 10]),
        ([12, SMALL], 20, [0, 5, 10, 15, 20]),
        ([24.5], 25, [0, 5, 10, 15, 20, 25]),
        ([33], 40, [0, 10, 20, 30, 40]),
        ([42], 50, [0, 10, 20, 30, 40, 50]),
        ([60], 60, [0, 20, 40, 60]),
        ([61], 75, [0, 25, 50, 75]),
        ([76], 80, [0, 20, 40, 60, 80]),
        ([80.5], 100, [0, 25, 50, 75, 100]),
        ([100], 100, [0, 25, 50, 75, 100]),
        ([0, 0], 100, [0, 25, 50, 75, 100]),
        ([SMALL], 100, [0, 25, 50, 75, 100]),
        ([], 100, [0, 25, 50, 75, 100]),
    ],
)
def test_the_axis_reaches_the_first_round_maximum_at_or_above_the_largest_shown_value(
    values: list[float], maximum: int, ticks: list[int]
) -> None:
    scale = axis_scale(values)

    assert (scale.maximum, scale.ticks) == (maximum, ticks)


def test_eight_percent_is_a_long_bar_on_a_0_to_10_percent_axis_that_says_so() -> None:
    chart = BarChart(
        id="small",
        title="Small shares",
        bars=[Bar("Yes", 8, 16), Bar("No", 2.5, 5), Bar("Hidden", SMALL, SMALL)],
    )
    root = parse(bar_chart(chart))

    assert [bar.get("width") for bar in by_class(root, "chart__bar")] == ["240", "75"]
    assert texts(root, "chart__tick") == ["0%", "2%", "4%", "6%", "8%", "10%"]
    assert texts(root, "chart__value") == ["8% (16)", "3% (5)"]
    assert root.findtext(f"{SVG}desc") == (
        "Horizontal bar chart of 3 categories, in percent. "
        "The table that follows gives the same figures. The axis runs from 0% to 10%."
    )
    # The hidden figure stays a hatched placeholder with the word, on the chart and table.
    (placeholder,) = by_class(root, "chart__suppressed")
    assert "".join(placeholder.itertext()) == "Suppressed"
    table = chart_table_for_bars(chart, category_header="Answer")
    assert [(cell.text, cell.suppressed) for cell in table.rows[2].display] == [
        ("x", True),
        ("x", True),
    ]


def test_a_full_scale_chart_does_not_mention_its_axis() -> None:
    root = parse(bar_chart(BarChart(id="full", title="t", bars=[Bar("a", 90)])))

    assert "axis" not in (root.findtext(f"{SVG}desc") or "")
    assert AxisScale(100, 25).length(90) == 270


# ---- Heat maps: the narrow way round, in blocks ------------------------------------------


@pytest.mark.parametrize(
    ("columns", "blocks"),
    [
        (0, [(0, 0)]),
        (1, [(0, 1)]),
        (8, [(0, 8)]),
        (9, [(0, 5), (5, 9)]),
        (13, [(0, 7), (7, 13)]),
        (24, [(0, 8), (8, 16), (16, 24)]),
        (61, [(0, 8), (8, 16), (16, 24), (24, 32), (32, 40), (40, 47), (47, 54), (54, 61)]),
    ],
)
def test_columns_are_shared_into_even_blocks_of_at_most_eight(
    columns: int, blocks: list[tuple[int, int]]
) -> None:
    assert [(block.start, block.stop) for block in heat_map_blocks(columns)] == blocks


def wide(rows: int, columns: int) -> HeatMapChart:
    return HeatMapChart(
        id="wide",
        title="Wide",
        rows=[f"Competency {i}" for i in range(rows)],
        columns=[f"Department {j}" for j in range(columns)],
        values=[[((i + j) % 10) / 10 for j in range(columns)] for i in range(rows)],
    )


@pytest.mark.parametrize(
    ("rows", "columns", "turned", "shape"),
    [
        (24, 9, False, (24, 9)),
        (24, 24, False, (24, 24)),
        (5, 13, True, (13, 5)),
        (24, 61, True, (61, 24)),
    ],
)
def test_the_longer_list_runs_down_the_side(
    rows: int, columns: int, turned: bool, shape: tuple[int, int]
) -> None:
    chart = wide(rows, columns)
    shown = heat_map_oriented(chart)

    assert (shown is not chart, (len(shown.rows), len(shown.columns))) == (turned, shape)
    assert all(len(line) == shape[1] for line in shown.values)


def test_a_turned_heat_map_and_its_table_agree_cell_for_cell() -> None:
    chart = wide(3, 20)  # 20 departments by 3 competencies: departments down the side
    root = parse(heat_map(chart))
    table = chart_table_for_heat_map(
        chart, row_header="Competency", column_header="Department or agency"
    )

    assert table.headers == (
        "Department or agency",
        "Competency 0",
        "Competency 1",
        "Competency 2",
    )
    assert [row.header for row in table.rows][:2] == ["Department 0", "Department 1"]
    assert texts(root, "chart__cell-value") == [
        cell.text for row in table.rows for cell in row.display
    ]
    assert root.findtext(f"{SVG}desc") == (
        "Heat map of 20 rows by 3 columns: the darker the cell, the higher the value. "
        "The table that follows gives the same figures."
    )


def test_more_than_eight_columns_are_drawn_in_blocks_each_with_its_row_labels() -> None:
    chart = wide(30, 20)  # 30 rows by 20 columns: blocks of 7, 7 and 6 columns
    root = parse(heat_map(chart))

    headers = [
        "".join(text.itertext())
        for text in by_class(root, "chart__label")
        if text.get("text-anchor") == "middle"
    ]
    row_labels = [text for text in texts(root, "chart__label") if text.startswith("Competency")]

    assert headers == [f"Department{j}" for j in range(20)]
    assert len(row_labels) == 90
    assert len(by_class(root, "chart__cell")) == 600
    assert root.get("viewBox") == "0 0 930 4616"
    assert (root.findtext(f"{SVG}desc") or "").endswith(
        "Its columns are drawn in 3 blocks, one below the other."
    )


def test_a_column_is_as_wide_as_its_longest_word_within_its_bounds() -> None:
    assert column_width(["Records", "Privacy"]) == 104
    assert column_width(["Information architecture and data"]) == 117.6
    assert column_width(["Pneumonoultramicroscopicsilicovolcanoconiosis"]) == 176


def test_labels_break_between_words_and_a_word_too_long_is_cut_not_split() -> None:
    assert wrap("Information architecture and data", 96, 3) == (
        ["Informati…", "architect…", "and data"],
        True,
    )
    assert wrap("Information architecture and data", 110, 4) == (
        ["Information", "architecture", "and data"],
        False,
    )
    assert wrap("one two three four five six", 40, 2) == (["one", "two…"], True)


@pytest.mark.parametrize(("rows", "columns"), [(0, 0), (0, 3), (3, 0)])
def test_an_empty_heat_map_is_still_drawn_with_its_legend(rows: int, columns: int) -> None:
    root = parse(heat_map(wide(rows, columns)))

    assert by_class(root, "chart__cell") == []
    assert len(by_class(root, "chart__legend")) == 1
