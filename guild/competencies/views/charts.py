"""Heat maps of competency figures as the pages show them: an accessible SVG and its data
table for the share of members below target and for the mean gap, a part of the groups at a
time (:func:`group_part`) so that labels stay legible and the page light."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from django.http import QueryDict
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
    heat_map_with_fixed_labels,
)
from guild.core.errors import NotFound


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


GROUPS_PER_PART: Final = 12
"""Groups on one part of a heat map page, beside the totals every part repeats: 24
competencies by 12 groups and a total is two blocks of columns, under 100 KB of SVG."""


@dataclass(frozen=True)
class Part:
    """One part of a heat map page: groups ``first`` to ``last`` of ``total``."""

    number: int
    first: int
    last: int
    total: int
    query: str
    current: bool


def group_part(columns: Sequence[Column], query: QueryDict) -> tuple[list[Column], list[Part]]:
    """The groups of the part ``?part=`` asks for (the first by default), and every part,
    with the query that shows it (the other choices kept); no parts when all fit on one.
    NotFound for a part that does not exist."""
    count = max(1, math.ceil(len(columns) / GROUPS_PER_PART))
    raw = query.get("part", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= count:
        raise NotFound()
    number = int(raw)
    start = (number - 1) * GROUPS_PER_PART
    chosen = list(columns[start : start + GROUPS_PER_PART])
    if count == 1:
        return chosen, []
    parts = []
    for index in range(count):
        others = query.copy()
        others["part"] = str(index + 1)
        parts.append(
            Part(
                number=index + 1,
                first=index * GROUPS_PER_PART + 1,
                last=min(len(columns), (index + 1) * GROUPS_PER_PART),
                total=len(columns),
                query=others.urlencode(),
                current=index + 1 == number,
            )
        )
    return chosen, parts


def heat_map_figures(
    *,
    prefix: str,
    rows: Sequence[tuple[str, str]],
    columns: Sequence[Column],
    scope: str,
    grouping: str = "",
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
        Figure(
            heat_map_with_fixed_labels(chart),
            chart_table_for_heat_map(
                chart, row_header=_("Competency"), column_header=grouping or None
            ),
        )
        for chart in (share, gap)
    ]
