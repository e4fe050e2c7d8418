"""The data table published with each chart, built from the chart's own input."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

from django.utils.translation import gettext

from guild.core.charts.inputs import (
    BarChart,
    GroupedBarChart,
    HeatMapChart,
    check_grouped,
    check_heat_map,
    check_id,
    heat_map_oriented,
    heat_text,
)
from guild.core.charts.numbers import format_count, format_number, format_percent
from guild.core.charts.style import NO_DATA_MARK, SUPPRESSED_MARK
from guild.core.disclosure import Percentage, Suppressed

TableValue: TypeAlias = str | int | float | Suppressed | None
"""A data-table cell: text as the chart prints it, a count, a hidden value, or no data."""


@dataclass(frozen=True)
class TableCell:
    """A cell as the table template shows it."""

    text: str
    suppressed: bool = False
    missing: bool = False


@dataclass(frozen=True)
class TableRow:
    header: str
    cells: Sequence[TableValue]

    @property
    def display(self) -> list[TableCell]:
        return [_display(value) for value in self.cells]


@dataclass(frozen=True)
class DataTable:
    """A chart's figures as a table: ``headers[0]`` heads the column of row headers.

    ``id`` must be unique on the page (the chart helpers use the chart's id plus
    ``-table``).
    """

    id: str
    caption: str
    headers: Sequence[str]
    rows: Sequence[TableRow] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        check_id(self.id)
        for row in self.rows:
            if len(row.cells) != len(self.headers) - 1:
                raise ValueError(
                    f"row {row.header!r} has {len(row.cells)} cells for "
                    f"{len(self.headers) - 1} column headers"
                )


def _display(value: TableValue) -> TableCell:
    if isinstance(value, Suppressed):
        return TableCell(SUPPRESSED_MARK, suppressed=True)
    if value is None:
        return TableCell(NO_DATA_MARK, missing=True)
    if isinstance(value, str):
        return TableCell(value)
    if isinstance(value, int):
        return TableCell(format_count(value))
    return TableCell(format_number(value, 1))


def chart_table_for_bars(
    chart: BarChart,
    *,
    category_header: str,
    caption: str | None = None,
    percent_header: str | None = None,
    count_header: str | None = None,
) -> DataTable:
    """The table of a bar chart: category, percentage and (when any bar has one) count."""
    with_counts = any(bar.count is not None for bar in chart.bars)
    headers = [category_header, percent_header or gettext("Percentage")]
    if with_counts:
        headers.append(count_header or gettext("Number"))
    rows = []
    for bar in chart.bars:
        cells: list[TableValue] = [_percent_cell(bar.value, chart.decimals)]
        if with_counts:
            cells.append(bar.count)
        rows.append(TableRow(bar.label, tuple(cells)))
    return DataTable(f"{chart.id}-table", caption or chart.title, tuple(headers), tuple(rows))


def chart_table_for_grouped_bars(
    chart: GroupedBarChart, *, category_header: str, caption: str | None = None
) -> DataTable:
    """The table of a grouped chart: per series, its percentage and (if given) count."""
    check_grouped(chart)
    headers = [category_header]
    for series in chart.series:
        headers.append(gettext("%(series)s: percentage") % {"series": series.label})
        if series.counts is not None:
            headers.append(gettext("%(series)s: number") % {"series": series.label})
    rows = []
    for index, category in enumerate(chart.categories):
        cells: list[TableValue] = []
        for series in chart.series:
            cells.append(_percent_cell(series.values[index], chart.decimals))
            if series.counts is not None:
                cells.append(series.counts[index])
        rows.append(TableRow(category, tuple(cells)))
    return DataTable(f"{chart.id}-table", caption or chart.title, tuple(headers), tuple(rows))


def chart_table_for_heat_map(
    chart: HeatMapChart,
    *,
    row_header: str,
    caption: str | None = None,
    column_header: str | None = None,
) -> DataTable:
    """The table of a heat map, turned the same way as its drawing
    (:func:`heat_map_oriented`), each value as the cell prints it. ``row_header`` names
    what the chart's rows are, ``column_header`` what its columns are ("Group" unless
    given): the latter heads the first column when the table is turned."""
    check_heat_map(chart)
    shown = heat_map_oriented(chart)
    corner = row_header
    if shown is not chart:
        corner = column_header or gettext("Group")
    rows = [
        TableRow(
            label,
            tuple(
                value if value is None or isinstance(value, Suppressed) else heat_text(shown, value)
                for value in values
            ),
        )
        for label, values in zip(shown.rows, shown.values, strict=True)
    ]
    return DataTable(
        f"{chart.id}-table", caption or chart.title, (corner, *shown.columns), tuple(rows)
    )


def _percent_cell(value: Percentage, decimals: int) -> TableValue:
    return value if isinstance(value, Suppressed) else format_percent(value, decimals)
