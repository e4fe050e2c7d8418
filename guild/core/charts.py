"""Accessible charts drawn on the server as SVG, each published with its data table.

Three charts: :func:`bar_chart` (one horizontal bar per category, a percentage from 0 to
100), :func:`grouped_bar_chart` (up to four series side by side per category, with a
legend) and :func:`heat_map` (rows by columns of shaded cells with the value printed in each).
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

Numbers are formatted once, by :func:`format_percent`, :func:`format_count` and
:func:`format_number` (rounding half up, in the active language's format), for chart and
table alike.
"""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Final, Literal, TypeAlias

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from guild.core.disclosure import Percentage, Suppressed

Count: TypeAlias = int | Suppressed
HeatValue: TypeAlias = float | Suppressed | None
"""A heat-map cell: its value, the marker of a hidden one, or ``None`` where no one is counted."""
TableValue: TypeAlias = str | int | float | Suppressed | None
"""A data-table cell: text as the chart prints it, a count, a hidden value, or no data."""

SUPPRESSED_MARK: Final = "x"
"""The mark of a hidden value in heat-map cells and tables (as Statistics Canada uses)."""
NO_DATA_MARK: Final = "—"

FONT_SIZE: Final = 16
LINE_HEIGHT: Final = 20
CHAR_WIDTH: Final = 0.55 * FONT_SIZE
"""A generous average advance of Noto Sans (about 0.52em), so wrapped labels fit."""
MIN_SCALE: Final = 0.75
"""The narrowest the stylesheet lets a chart render: 16 units times 0.75 is 12px."""

WIDTH: Final = 640
LABEL_WIDTH: Final = 190
PLOT_X: Final = 200
PLOT_WIDTH: Final = 300
"""100% is 300 units: a bar is three units long per percentage point."""
BAR_HEIGHT: Final = 24
GROUP_BAR_HEIGHT: Final = 20
GROUP_BAR_GAP: Final = 4
PLACEHOLDER_WIDTH: Final = 24
VALUE_GAP: Final = 6
TOP: Final = 8
AXIS_SPACE: Final = 32
TICKS: Final = (0, 25, 50, 75, 100)
MAX_LABEL_LINES: Final = 3

CELL_WIDTH: Final = 104
CELL_HEIGHT: Final = 48
HEADER_LINES: Final = 3
LEGEND_ITEM_WIDTH: Final = 200

WHITE: Final = "#ffffff"
BLACK: Final = "#000000"
TEXT: Final = "#333333"
AXIS: Final = "#333333"
GRID: Final = "#737373"
HATCH: Final = "#595959"
BAR: Final = "#26374a"
CELL_OUTLINE: Final = "#595959"

HEAT_SCALE: Final = ("#ebf2fa", "#adcaeb", "#5c95d6", "#2962a3", "#143152")
"""The heat-map fills from the lowest fifth of the range to the highest (GCDS blues)."""

Pattern: TypeAlias = Literal["solid", "stripes", "dots", "grid"]


@dataclass(frozen=True)
class SeriesStyle:
    colour: str
    pattern: Pattern


SERIES_STYLES: Final = (
    SeriesStyle("#26374a", "solid"),
    SeriesStyle("#b3192e", "stripes"),
    SeriesStyle("#196636", "dots"),
    SeriesStyle("#5629a3", "grid"),
)
"""One per series of a grouped chart, in order: colour and pattern both tell them apart."""

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# ---- Inputs ---------------------------------------------------------------------------


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
    id: str
    title: str
    categories: Sequence[str]
    series: Sequence[Series]
    description: str = ""
    decimals: int = 0


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
        _check_id(self.id)
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
    _check_grouped(chart)
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
    chart: HeatMapChart, *, row_header: str, caption: str | None = None
) -> DataTable:
    """The table of a heat map: its rows and columns, each value as the cell prints it."""
    _check_heat_map(chart)
    rows = [
        TableRow(
            label,
            tuple(
                value
                if value is None or isinstance(value, Suppressed)
                else _heat_text(chart, value)
                for value in values
            ),
        )
        for label, values in zip(chart.rows, chart.values, strict=True)
    ]
    return DataTable(
        f"{chart.id}-table", caption or chart.title, (row_header, *chart.columns), tuple(rows)
    )


def _percent_cell(value: Percentage, decimals: int) -> TableValue:
    return value if isinstance(value, Suppressed) else format_percent(value, decimals)


# ---- Number formats -------------------------------------------------------------------


def _rounded(value: float, decimals: int) -> Decimal:
    # number_format truncates; published figures round half up (42.5% is 43%).
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def format_number(value: float, decimals: int = 0) -> str:
    """``value`` rounded half up to ``decimals`` places, in the active language's format."""
    return number_format(
        _rounded(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True
    )


def format_percent(value: float, decimals: int = 0) -> str:
    """A percentage from 0 to 100, with its sign as the active language writes it."""
    # Translators: a percentage; French puts a non-breaking space before the sign.
    return gettext("%(value)s%%") % {"value": format_number(value, decimals)}


def format_count(value: int) -> str:
    return number_format(value, use_l10n=True, force_grouping=True)


# ---- Checks ---------------------------------------------------------------------------


def _check_id(chart_id: str) -> None:
    if not _ID.match(chart_id):
        raise ValueError(f"{chart_id!r} is not a usable id (a letter, then letters, digits, - _)")


def _check_percentage(value: Percentage) -> None:
    if isinstance(value, Suppressed):
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"a percentage must be a number, not {type(value).__name__}")
    if not 0 <= value <= 100:  # also false for NaN
        raise ValueError(f"percentage {value} is not between 0 and 100")


def _check_grouped(chart: GroupedBarChart) -> None:
    if not 1 <= len(chart.series) <= len(SERIES_STYLES):
        raise ValueError(f"a grouped chart has 1 to {len(SERIES_STYLES)} series")
    for series in chart.series:
        if len(series.values) != len(chart.categories):
            raise ValueError(f"series {series.label!r} needs one value per category")
        if series.counts is not None and len(series.counts) != len(chart.categories):
            raise ValueError(f"series {series.label!r} needs one count per category")
        for value in series.values:
            _check_percentage(value)


def _check_heat_map(chart: HeatMapChart) -> None:
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


# ---- SVG pieces -----------------------------------------------------------------------


def _n(number: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros."""
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _clean(text: str) -> str:
    return _NOT_XML.sub("", str(text))


def _wrap(text: str, width: float, max_lines: int) -> tuple[list[str], bool]:
    """``text`` in lines that fit ``width`` units; ``True`` if it had to be cut short."""
    limit = max(1, int(width // CHAR_WIDTH))
    lines: list[str] = []
    current = ""
    for word in _clean(text).split():
        while len(word) > limit:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:limit])
            word = word[limit:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= limit:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines or [""], False
    kept = lines[:max_lines]
    kept[-1] = kept[-1][: limit - 1].rstrip() + "…"
    return kept, True


def _text(
    x: float,
    middle: float,
    lines: Sequence[str],
    *,
    anchor: str = "start",
    fill: str = TEXT,
    css_class: str = "",
    full: str = "",
) -> str:
    """Lines of text centred on ``middle``; ``full`` goes in a ``<title>`` (a tooltip)."""
    # The baseline sits about 0.35em below the middle of a line.
    first = middle - (len(lines) - 1) * LINE_HEIGHT / 2 + 0.35 * FONT_SIZE
    spans = "".join(
        f'<tspan x="{_n(x)}" y="{_n(first + index * LINE_HEIGHT)}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    title = f"<title>{escape(_clean(full))}</title>" if full else ""
    klass = f' class="{css_class}"' if css_class else ""
    return f'<text{klass} text-anchor="{anchor}" fill="{fill}">{title}{spans}</text>'


def _label(x: float, middle: float, text: str, width: float, max_lines: int) -> str:
    lines, cut = _wrap(text, width, max_lines)
    return _text(x, middle, lines, css_class="chart__label", full=text if cut else "")


def _open(chart_id: str, title: str, description: str, width: float, height: float) -> str:
    # The stylesheet sizes the SVG between 75% and 100% of ``width`` by this class, so its
    # 16-unit text renders between 12px and 16px.
    rem = min(160, max(40, math.ceil(width / FONT_SIZE / 10) * 10))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart__svg chart__svg--w-{rem}"'
        f' id="{chart_id}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc"'
        f' viewBox="0 0 {_n(width)} {_n(height)}" width="100%" preserveAspectRatio="xMinYMin meet"'
        f' font-size="{FONT_SIZE}" focusable="false">'
        f'<title id="{chart_id}-title">{escape(_clean(title))}</title>'
        f'<desc id="{chart_id}-desc">{escape(_clean(description))}</desc>'
    )


def _hatch_pattern(chart_id: str) -> str:
    return (
        f'<pattern id="{chart_id}-hatch" width="8" height="8" patternUnits="userSpaceOnUse"'
        f' patternTransform="rotate(-45)"><rect width="8" height="8" fill="{WHITE}"/>'
        f'<line x1="2" y1="0" x2="2" y2="8" stroke="{HATCH}" stroke-width="2"/></pattern>'
    )


def _series_pattern(chart_id: str, index: int, style: SeriesStyle) -> str:
    pattern_id = f"{chart_id}-series-{index}"
    colour = style.colour
    if style.pattern == "stripes":
        return (
            f'<pattern id="{pattern_id}" width="6" height="6" patternUnits="userSpaceOnUse"'
            f' patternTransform="rotate(45)"><rect width="6" height="6" fill="{WHITE}"/>'
            f'<line x1="1.5" y1="0" x2="1.5" y2="6" stroke="{colour}" stroke-width="3"/>'
            "</pattern>"
        )
    if style.pattern == "dots":
        return (
            f'<pattern id="{pattern_id}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{WHITE}"/>'
            f'<circle cx="3" cy="3" r="2" fill="{colour}"/></pattern>'
        )
    if style.pattern == "grid":
        return (
            f'<pattern id="{pattern_id}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{WHITE}"/>'
            f'<path d="M0 1H6M1 0V6" stroke="{colour}" stroke-width="2"/></pattern>'
        )
    return ""


def _series_fill(chart_id: str, index: int) -> str:
    style = SERIES_STYLES[index]
    return style.colour if style.pattern == "solid" else f"url(#{chart_id}-series-{index})"


def _percent_axis(top: float, bottom: float) -> str:
    """Dashed gridlines and their labels at 0, 25, 50, 75 and 100%, and the baseline."""
    parts = []
    for tick in TICKS:
        x = PLOT_X + PLOT_WIDTH * tick / 100
        if tick:
            parts.append(
                f'<line x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" y2="{_n(bottom)}"'
                f' stroke="{GRID}" stroke-width="1" stroke-dasharray="2 4"/>'
            )
        parts.append(
            _text(
                x,
                bottom + AXIS_SPACE / 2,
                [format_percent(tick)],
                anchor="middle",
                css_class="chart__tick",
            )
        )
    parts.append(
        f'<line x1="{PLOT_X}" y1="{_n(top)}" x2="{PLOT_X}" y2="{_n(bottom)}"'
        f' stroke="{AXIS}" stroke-width="2"/>'
    )
    return "".join(parts)


def _bar_value_text(value: float, count: Count | None, decimals: int) -> str:
    percent = format_percent(value, decimals)
    if count is None:
        return percent
    shown = SUPPRESSED_MARK if isinstance(count, Suppressed) else format_count(count)
    # Translators: a bar's label in a chart, e.g. "42% (17)": the percentage and the count.
    return gettext("%(percent)s (%(count)s)") % {"percent": percent, "count": shown}


def _bar(
    chart_id: str,
    y: float,
    height: float,
    value: Percentage,
    count: Count | None,
    decimals: int,
    fill: str,
    outline: str | None = None,
) -> str:
    """A bar from the baseline with its figure after it, or the hatched placeholder."""
    middle = y + height / 2
    if isinstance(value, Suppressed):
        return (
            f'<g class="chart__suppressed"><rect x="{PLOT_X}" y="{_n(y)}"'
            f' width="{PLACEHOLDER_WIDTH}" height="{_n(height)}" fill="url(#{chart_id}-hatch)"'
            f' stroke="{HATCH}" stroke-width="1"/>'
            + _text(PLOT_X + PLACEHOLDER_WIDTH + VALUE_GAP, middle, [gettext("Suppressed")])
            + "</g>"
        )
    length = PLOT_WIDTH * value / 100
    stroke = f' stroke="{outline}" stroke-width="2"' if outline else ""
    return (
        f'<rect class="chart__bar" x="{PLOT_X}" y="{_n(y)}" width="{_n(length)}"'
        f' height="{_n(height)}" fill="{fill}"{stroke}/>'
        + _text(
            PLOT_X + length + VALUE_GAP,
            middle,
            [_bar_value_text(value, count, decimals)],
            css_class="chart__value",
        )
    )


# ---- Charts ---------------------------------------------------------------------------


def bar_chart(chart: BarChart) -> SafeString:
    """Horizontal bars, one per category, each as long as its percentage."""
    _check_id(chart.id)
    for bar in chart.bars:
        _check_percentage(bar.value)
    description = chart.description or ngettext(
        "Horizontal bar chart of %(count)d category, in percent. "
        "The table that follows gives the same figures.",
        "Horizontal bar chart of %(count)d categories, in percent. "
        "The table that follows gives the same figures.",
        len(chart.bars),
    ) % {"count": len(chart.bars)}
    body = []
    y = float(TOP)
    for bar in chart.bars:
        lines, cut = _wrap(bar.label, LABEL_WIDTH, MAX_LABEL_LINES)
        row = max(BAR_HEIGHT + 12, len(lines) * LINE_HEIGHT + 8)
        middle = y + row / 2
        body.append(
            _text(0, middle, lines, css_class="chart__label", full=bar.label if cut else "")
        )
        body.append(
            _bar(
                chart.id,
                middle - BAR_HEIGHT / 2,
                BAR_HEIGHT,
                bar.value,
                bar.count,
                chart.decimals,
                BAR,
            )
        )
        y += row
    height = y + AXIS_SPACE
    # Every piece of text was escaped as it was drawn.
    return mark_safe(
        _open(chart.id, chart.title, description, WIDTH, height)
        + f"<defs>{_hatch_pattern(chart.id)}</defs>"
        + _percent_axis(TOP, y)
        + "".join(body)
        + "</svg>"
    )


def grouped_bar_chart(chart: GroupedBarChart) -> SafeString:
    """Per category, one bar per series, in the series' order, under a legend."""
    _check_id(chart.id)
    _check_grouped(chart)
    description = chart.description or ngettext(
        "Grouped bar chart comparing %(series)s across %(count)d category, in percent. "
        "The table that follows gives the same figures.",
        "Grouped bar chart comparing %(series)s across %(count)d categories, in percent. "
        "The table that follows gives the same figures.",
        len(chart.categories),
    ) % {
        "series": ", ".join(_clean(series.label) for series in chart.series),
        "count": len(chart.categories),
    }
    defs = [_hatch_pattern(chart.id)]
    legend = ['<g class="chart__legend">']
    y = float(TOP)
    for index, series in enumerate(chart.series):
        defs.append(_series_pattern(chart.id, index, SERIES_STYLES[index]))
        lines, cut = _wrap(series.label, WIDTH - 40, 2)
        row = max(GROUP_BAR_HEIGHT + 8, len(lines) * LINE_HEIGHT + 4)
        middle = y + row / 2
        legend.append(
            f'<rect x="1" y="{_n(middle - 8)}" width="30" height="16"'
            f' fill="{_series_fill(chart.id, index)}" stroke="{SERIES_STYLES[index].colour}"'
            ' stroke-width="2"/>'
        )
        legend.append(_text(40, middle, lines, full=series.label if cut else ""))
        y += row
    legend.append("</g>")
    plot_top = y + 8
    y = plot_top
    body = []
    stack = len(chart.series) * (GROUP_BAR_HEIGHT + GROUP_BAR_GAP) - GROUP_BAR_GAP
    for index, category in enumerate(chart.categories):
        lines, cut = _wrap(category, LABEL_WIDTH, MAX_LABEL_LINES)
        row = max(stack, len(lines) * LINE_HEIGHT) + 16
        middle = y + row / 2
        body.append(_text(0, middle, lines, css_class="chart__label", full=category if cut else ""))
        bar_y = middle - stack / 2
        for number, series in enumerate(chart.series):
            count = series.counts[index] if series.counts is not None else None
            body.append(
                _bar(
                    chart.id,
                    bar_y + number * (GROUP_BAR_HEIGHT + GROUP_BAR_GAP),
                    GROUP_BAR_HEIGHT,
                    series.values[index],
                    count,
                    chart.decimals,
                    _series_fill(chart.id, number),
                    SERIES_STYLES[number].colour,
                )
            )
        y += row
    height = y + AXIS_SPACE
    # Every piece of text was escaped as it was drawn.
    return mark_safe(
        _open(chart.id, chart.title, description, WIDTH, height)
        + f"<defs>{''.join(defs)}</defs>"
        + "".join(legend)
        + _percent_axis(plot_top, y)
        + "".join(body)
        + "</svg>"
    )


def heat_step(chart: HeatMapChart, value: float) -> int:
    """Which fill of :data:`HEAT_SCALE` a value gets: equal fifths of the range."""
    share = (value - chart.minimum) / (chart.maximum - chart.minimum)
    return min(len(HEAT_SCALE) - 1, max(0, math.floor(share * len(HEAT_SCALE))))


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a ``#rrggbb`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(fill: str) -> str:
    """Black or white, whichever contrasts more with ``fill``."""
    return BLACK if contrast_ratio(fill, BLACK) >= contrast_ratio(fill, WHITE) else WHITE


def _heat_text(chart: HeatMapChart, value: float) -> str:
    if chart.value_format == "percent":
        return format_percent(100 * value, chart.decimals)
    return format_number(value, chart.decimals)


def _heat_legend(chart: HeatMapChart, top: float, width: float) -> tuple[str, float]:
    """Swatches for each step with its range, then the hidden and no-data marks."""
    span = chart.maximum - chart.minimum
    items: list[tuple[str, str, str]] = []
    for step, fill in enumerate(HEAT_SCALE):
        low = chart.minimum + span * step / len(HEAT_SCALE)
        high = chart.minimum + span * (step + 1) / len(HEAT_SCALE)
        # Translators: a range of values in a heat map's legend, e.g. "20% to 40%".
        label = gettext("%(low)s to %(high)s") % {
            "low": _heat_text(chart, low),
            "high": _heat_text(chart, high),
        }
        items.append((fill, "", label))
    values = [value for line in chart.values for value in line]
    if any(isinstance(value, Suppressed) for value in values):
        items.append((f"url(#{chart.id}-hatch)", SUPPRESSED_MARK, gettext("Suppressed")))
    if any(value is None for value in values):
        items.append((WHITE, NO_DATA_MARK, gettext("No data")))
    per_line = max(1, int(width // LEGEND_ITEM_WIDTH))
    parts = ['<g class="chart__legend">']
    for index, (fill, mark, label) in enumerate(items):
        x = (index % per_line) * LEGEND_ITEM_WIDTH
        middle = top + (index // per_line) * 28 + 12
        parts.append(
            f'<rect x="{_n(x + 1)}" y="{_n(middle - 10)}" width="28" height="20" fill="{fill}"'
            f' stroke="{CELL_OUTLINE}" stroke-width="1"/>'
        )
        if mark:
            parts.append(_mark(x + 15, middle, mark, "chart__legend-mark"))
        lines, cut = _wrap(label, LEGEND_ITEM_WIDTH - 40, 1)
        parts.append(_text(x + 36, middle, lines, full=label if cut else ""))
    parts.append("</g>")
    rows = math.ceil(len(items) / per_line)
    return "".join(parts), top + rows * 28


def _mark(x: float, middle: float, mark: str, css_class: str = "chart__cell-value") -> str:
    """A short mark on a white patch, legible over the hatch."""
    return (
        f'<rect x="{_n(x - 8)}" y="{_n(middle - 10)}" width="16" height="20" fill="{WHITE}"/>'
        + _text(x, middle, [mark], anchor="middle", fill=BLACK, css_class=css_class)
    )


def heat_map(chart: HeatMapChart) -> SafeString:
    """A grid of cells shaded light (low) to dark (high), each with its value printed."""
    _check_id(chart.id)
    _check_heat_map(chart)
    description = chart.description or gettext(
        "Heat map of %(rows)d rows by %(columns)d columns: the darker the cell, the higher "
        "the value. The table that follows gives the same figures."
    ) % {"rows": len(chart.rows), "columns": len(chart.columns)}
    grid_x = LABEL_WIDTH + 10
    width = max(WIDTH, grid_x + len(chart.columns) * CELL_WIDTH + 2)
    header_height = HEADER_LINES * LINE_HEIGHT + 8
    parts = []
    for j, column in enumerate(chart.columns):
        lines, cut = _wrap(column, CELL_WIDTH - 8, HEADER_LINES)
        # Column headers sit on the grid, their last line just above it.
        middle = header_height - 4 - len(lines) * LINE_HEIGHT / 2
        parts.append(
            _text(
                grid_x + (j + 0.5) * CELL_WIDTH,
                middle,
                lines,
                anchor="middle",
                css_class="chart__label",
                full=column if cut else "",
            )
        )
    top = TOP + header_height
    for i, (row, values) in enumerate(zip(chart.rows, chart.values, strict=True)):
        y = top + i * CELL_HEIGHT
        parts.append(_label(0, y + CELL_HEIGHT / 2, row, LABEL_WIDTH, 2))
        for j, value in enumerate(values):
            x = grid_x + j * CELL_WIDTH
            centre = x + CELL_WIDTH / 2
            if isinstance(value, Suppressed):
                fill, shown, mark = f"url(#{chart.id}-hatch)", gettext("Suppressed"), True
            elif value is None:
                fill, shown, mark = WHITE, gettext("No data"), True
            else:
                fill, shown, mark = (
                    HEAT_SCALE[heat_step(chart, value)],
                    _heat_text(chart, value),
                    False,
                )
            tooltip = f"{_clean(row)}, {_clean(chart.columns[j])}: {shown}"
            parts.append(
                f'<g class="chart__cell"><title>{escape(tooltip)}</title>'
                f'<rect x="{_n(x)}" y="{_n(y)}" width="{CELL_WIDTH}" height="{CELL_HEIGHT}"'
                f' fill="{fill}" stroke="{CELL_OUTLINE}" stroke-width="1"/>'
            )
            if mark:
                symbol = SUPPRESSED_MARK if isinstance(value, Suppressed) else NO_DATA_MARK
                parts.append(_mark(centre, y + CELL_HEIGHT / 2, symbol))
            else:
                parts.append(
                    _text(
                        centre,
                        y + CELL_HEIGHT / 2,
                        [shown],
                        anchor="middle",
                        fill=text_colour_on(fill),
                        css_class="chart__cell-value",
                    )
                )
            parts.append("</g>")
    legend, bottom = _heat_legend(chart, top + len(chart.rows) * CELL_HEIGHT + 16, width)
    # Every piece of text was escaped as it was drawn.
    return mark_safe(
        _open(chart.id, chart.title, description, width, bottom + TOP)
        + f"<defs>{_hatch_pattern(chart.id)}</defs>"
        + "".join(parts)
        + legend
        + "</svg>"
    )
