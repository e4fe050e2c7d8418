"""What a chart is drawn from: frozen dataclasses, checked before anything is drawn."""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal, TypeAlias

from guild.core.charts.numbers import format_number, format_percent
from guild.core.charts.style import SERIES_STYLES
from guild.core.disclosure import Percentage, Suppressed

Count: TypeAlias = int | Suppressed
HeatValue: TypeAlias = float | Suppressed | None
"""A heat-map cell: its value, the marker of a hidden one, or ``None`` where no one is counted."""

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")


@dataclass(frozen=True)
class Bar:
    """One category: its percentage (0 to 100) and, optionally, the count behind it."""

    label: str
    value: Percentage
    count: Count | None = None


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    bars: Sequence[Bar]
    description: str = ""
    """Says what the chart shows; a generic sentence when empty."""
    decimals: int = 0


@dataclass(frozen=True)
class Series:
    """One series of a grouped chart: a percentage (and optional count) per category."""

    label: str
    values: Sequence[Percentage]
    counts: Sequence[Count] | None = None


@dataclass(frozen=True)
class GroupedBarChart:
    """``unit`` ``"count"`` draws numbers of people (whole, 0 or more) on an axis scaled
    to the largest shown (:func:`~guild.core.charts.bars.count_scale`); the series then
    carry no separate counts."""

    id: str
    title: str
    categories: Sequence[str]
    series: Sequence[Series]
    description: str = ""
    decimals: int = 0
    unit: Literal["percent", "count"] = "percent"


@dataclass(frozen=True)
class HeatMapChart:
    """``values[i][j]`` is row ``i``, column ``j``, between ``minimum`` and ``maximum``.

    ``value_format`` ``"percent"`` reads values as fractions (0.42 prints as 42%);
    ``"number"`` prints them as they are (a mean gap of 1.3).
    """

    id: str
    title: str
    rows: Sequence[str]
    columns: Sequence[str]
    values: Sequence[Sequence[HeatValue]]
    minimum: float = 0.0
    maximum: float = 1.0
    value_format: Literal["percent", "number"] = "percent"
    decimals: int = 0
    description: str = ""


# ---- Data tables ----------------------------------------------------------------------


def check_id(chart_id: str) -> None:
    if not _ID.match(chart_id):
        raise ValueError(f"{chart_id!r} is not a usable id (a letter, then letters, digits, - _)")


def check_percentage(value: Percentage) -> None:
    if isinstance(value, Suppressed):
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"a percentage must be a number, not {type(value).__name__}")
    if not 0 <= value <= 100:  # also false for NaN
        raise ValueError(f"percentage {value} is not between 0 and 100")


def check_count(value: Count) -> None:
    if isinstance(value, Suppressed):
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"a count must be a whole number, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"count {value} is below zero")


def check_grouped(chart: GroupedBarChart) -> None:
    if not 1 <= len(chart.series) <= len(SERIES_STYLES):
        raise ValueError(f"a grouped chart has 1 to {len(SERIES_STYLES)} series")
    for series in chart.series:
        if len(series.values) != len(chart.categories):
            raise ValueError(f"series {series.label!r} needs one value per category")
        if series.counts is not None and len(series.counts) != len(chart.categories):
            raise ValueError(f"series {series.label!r} needs one count per category")
        if chart.unit == "count" and series.counts is not None:
            raise ValueError(f"series {series.label!r} of a chart of counts has no counts")
        for value in series.values:
            if chart.unit == "count":
                check_count(value)  # type: ignore[arg-type]
            else:
                check_percentage(value)


def check_heat_map(chart: HeatMapChart) -> None:
    if not (math.isfinite(chart.minimum) and math.isfinite(chart.maximum)) or not (
        chart.minimum < chart.maximum
    ):
        raise ValueError("a heat map needs a finite minimum below its maximum")
    if len(chart.values) != len(chart.rows):
        raise ValueError("a heat map needs one line of values per row")
    for label, values in zip(chart.rows, chart.values, strict=True):
        if len(values) != len(chart.columns):
            raise ValueError(f"row {label!r} needs one value per column")
        for value in values:
            if value is None or isinstance(value, Suppressed):
                continue
            if not chart.minimum <= value <= chart.maximum:
                raise ValueError(
                    f"value {value} is outside {chart.minimum} to {chart.maximum} in row {label!r}"
                )


def heat_map_oriented(chart: HeatMapChart) -> HeatMapChart:
    """``chart`` the narrow way round: with more columns than rows, its transpose, so the
    longer list runs down the side where labels have room. Chart and table both use it."""
    if len(chart.columns) <= len(chart.rows):
        return chart
    return replace(
        chart,
        rows=chart.columns,
        columns=chart.rows,
        values=[[line[j] for line in chart.values] for j in range(len(chart.columns))],
    )


def heat_text(chart: HeatMapChart, value: float) -> str:
    """A heat-map value as its cell and its table print it."""
    if chart.value_format == "percent":
        return format_percent(100 * value, chart.decimals)
    return format_number(value, chart.decimals)
