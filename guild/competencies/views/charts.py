"""Heat maps of competency figures as the pages show them: an accessible SVG and its data
table for the share of members below target and for the mean gap."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from guild.competencies.gaps import HeatCell
from guild.competencies.models import LEVEL_MAX, LEVEL_MIN
from guild.competencies.selectors import HeatMapData
from guild.core.charts import (
    DataTable,
    HeatMapChart,
    HeatValue,
    chart_table_for_heat_map,
    heat_map,
)


@dataclass(frozen=True)
class Column:
    """One column of the heat map: its label and its cell for each competency code."""

    label: str
    cells: dict[str, HeatCell]


@dataclass(frozen=True)
class Figure:
    chart: SafeString
    table: DataTable


def group_columns(data: HeatMapData) -> list[Column]:
    """A column per group of the map, in the map's order, labelled in the active language."""
    return [
        Column(
            data.group_labels.get(group, group),
            {code: data.heat_map.cell(group, code) for code in data.heat_map.competencies},
        )
        for group in data.heat_map.groups
    ]


def competency_rows(data: HeatMapData, order: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(code, "CODE name") for each competency of the map, in the framework's `order`
    (codes it does not list come last, sorted)."""
    position = {code: index for index, code in enumerate(order)}
    codes = sorted(
        data.heat_map.competencies, key=lambda code: (position.get(code, len(position)), code)
    )
    return [(code, f"{code} {data.competency_labels.get(code, '')}".strip()) for code in codes]


def _values(
    rows: Sequence[tuple[str, str]], columns: Sequence[Column], attribute: str
) -> list[list[HeatValue]]:
    values: list[list[HeatValue]] = []
    for code, _label in rows:
        line: list[HeatValue] = []
        for column in columns:
            cell = column.cells.get(code)
            line.append(None if cell is None else getattr(cell, attribute))
        values.append(line)
    return values


def heat_map_figures(
    *, prefix: str, rows: Sequence[tuple[str, str]], columns: Sequence[Column], scope: str
) -> list[Figure]:
    """The share-below-target and mean-gap heat maps of `columns` (ids start `prefix`)."""
    labels = [label for _code, label in rows]
    headers = [column.label for column in columns]
    share = HeatMapChart(
        id=f"{prefix}-share",
        title=_("Share of members below their target level, %(scope)s") % {"scope": scope},
        rows=labels,
        columns=headers,
        values=_values(rows, columns, "share_below"),
        value_format="percent",
    )
    gap = HeatMapChart(
        id=f"{prefix}-gap",
        title=_("Mean gap to the target level, in levels, %(scope)s") % {"scope": scope},
        rows=labels,
        columns=headers,
        values=_values(rows, columns, "mean_gap"),
        minimum=0.0,
        maximum=float(LEVEL_MAX - LEVEL_MIN),
        value_format="number",
        decimals=1,
    )
    return [
        Figure(heat_map(chart), chart_table_for_heat_map(chart, row_header=_("Competency")))
        for chart in (share, gap)
    ]
