"""Accessible charts drawn on the server as SVG, each published with its data table.

Three charts: :func:`bar_chart` (one horizontal bar per category, a percentage on an axis
scaled to the largest shown, :func:`axis_scale`), :func:`grouped_bar_chart` (up to four
series side by side per category, with a legend) and :func:`heat_map` (rows by columns of
shaded cells with the value printed in each, turned so the longer list runs down the side,
:func:`heat_map_oriented`, and drawn in blocks of columns, :func:`heat_map_blocks`).
Each takes a frozen dataclass and returns SVG markup to put in a page through
``templates/includes/chart.html``, together with the :class:`DataTable` that
``chart_table_for_bars``, ``chart_table_for_grouped_bars`` or ``chart_table_for_heat_map``
builds from the same dataclass, so the chart and its table never disagree.

What every chart does for WCAG 2.1 AA:

* ``role="img"`` named by its ``<title>`` and ``<desc>`` (ids made from the chart's ``id``,
  which must be unique on the page); the internals are hidden from screen readers, who get
  the data table instead.
* Text is 16 user units, and the stylesheet keeps the SVG at least three quarters of its
  ``viewBox`` width (scrolling sideways below that), so text never renders below 12px.
* Bars, outlines, patterns and lines are at least 3:1 against white. Heat-map fills go from
  light to dark, so every cell has a dark outline, and its printed value is black or white,
  whichever contrasts more (at least 4.5:1 for every step of :data:`HEAT_SCALE`).
* Series differ by fill pattern as well as colour; hidden values (a
  :class:`~guild.core.disclosure.Suppressed` marker) are drawn as a grey hatch with the word
  "Suppressed" (bars) or :data:`SUPPRESSED_MARK` (heat-map cells), never as a number.
* Only presentation attributes (``fill="…"``): no ``style``, no script, nothing external,
  so the markup passes the strict content security policy. Every label is escaped, and
  characters XML forbids are dropped.

The package: ``inputs`` (the dataclasses and their checks), ``bars`` and ``heat_maps`` (the
drawings), ``tables`` (the data tables), ``svg`` (the pieces every drawing uses), ``style``
(measures, colours and marks) and ``numbers``. Numbers are formatted once, by
:func:`format_percent`, :func:`format_count` and :func:`format_number` (rounding half up, in
the active language's format), for chart and table alike.
"""

from guild.core.charts.bars import (
    AxisScale,
    axis_scale,
    bar_chart,
    count_scale,
    grouped_bar_chart,
)
from guild.core.charts.heat_maps import (
    column_width,
    contrast_ratio,
    heat_map,
    heat_map_blocks,
    heat_map_with_fixed_labels,
    heat_step,
    relative_luminance,
    text_colour_on,
)
from guild.core.charts.inputs import (
    Bar,
    BarChart,
    Count,
    GroupedBarChart,
    HeatMapChart,
    HeatValue,
    Series,
    heat_map_oriented,
)
from guild.core.charts.numbers import format_count, format_number, format_percent
from guild.core.charts.style import (
    CHAR_WIDTH,
    HEAT_MAP_MAX_COLUMNS,
    HEAT_SCALE,
    NO_DATA_MARK,
    SERIES_STYLES,
    SUPPRESSED_MARK,
    SeriesStyle,
)
from guild.core.charts.tables import (
    DataTable,
    TableCell,
    TableRow,
    TableValue,
    chart_table_for_bars,
    chart_table_for_grouped_bars,
    chart_table_for_heat_map,
)

__all__ = [
    "CHAR_WIDTH",
    "HEAT_MAP_MAX_COLUMNS",
    "HEAT_SCALE",
    "NO_DATA_MARK",
    "SERIES_STYLES",
    "SUPPRESSED_MARK",
    "AxisScale",
    "Bar",
    "BarChart",
    "Count",
    "DataTable",
    "GroupedBarChart",
    "HeatMapChart",
    "HeatValue",
    "Series",
    "SeriesStyle",
    "TableCell",
    "TableRow",
    "TableValue",
    "axis_scale",
    "bar_chart",
    "chart_table_for_bars",
    "chart_table_for_grouped_bars",
    "chart_table_for_heat_map",
    "column_width",
    "contrast_ratio",
    "count_scale",
    "format_count",
    "format_number",
    "format_percent",
    "grouped_bar_chart",
    "heat_map",
    "heat_map_blocks",
    "heat_map_oriented",
    "heat_map_with_fixed_labels",
    "heat_step",
    "relative_luminance",
    "text_colour_on",
]
