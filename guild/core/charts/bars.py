"""Bar charts: one bar per category, or one per series in each category, on an axis scaled
to the largest figure shown (:func:`axis_scale`)."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from guild.core.charts.inputs import (
    BarChart,
    Count,
    GroupedBarChart,
    check_grouped,
    check_id,
    check_percentage,
)
from guild.core.charts.numbers import format_count, format_percent
from guild.core.charts.style import (
    AXES,
    AXIS,
    AXIS_SPACE,
    BAR,
    BAR_HEIGHT,
    GRID,
    GROUP_BAR_GAP,
    GROUP_BAR_HEIGHT,
    HATCH,
    LABEL_WIDTH,
    LINE_HEIGHT,
    MAX_LABEL_LINES,
    PLACEHOLDER_WIDTH,
    PLOT_WIDTH,
    PLOT_X,
    SERIES_STYLES,
    SUPPRESSED_MARK,
    TOP,
    VALUE_GAP,
    WHITE,
    WIDTH,
    SeriesStyle,
)
from guild.core.charts.svg import (
    clean,
    coord,
    hatch_pattern,
    svg_document,
    svg_open,
    svg_text,
    wrap,
)
from guild.core.disclosure import Percentage, Suppressed


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


@dataclass(frozen=True)
class AxisScale:
    """A bar chart's axis: from 0 to ``maximum`` percent, a tick every ``step``."""

    maximum: int
    step: int

    @property
    def ticks(self) -> list[int]:
        return list(range(0, self.maximum + 1, self.step))

    def length(self, value: float) -> float:
        return PLOT_WIDTH * value / self.maximum


def axis_scale(values: Iterable[Percentage]) -> AxisScale:
    """The smallest axis of :data:`AXES` that holds every shown value; 0 to 100% when no
    value above zero is shown (hidden values do not count)."""
    top = max((value for value in values if not isinstance(value, Suppressed)), default=0)
    if top <= 0:
        return AxisScale(100, 25)
    maximum, step = next((axis for axis in AXES if axis[0] >= top), AXES[-1])
    return AxisScale(maximum, step)


def count_scale(values: Iterable[Count]) -> AxisScale:
    """The shortest axis of whole numbers that holds every shown count, in one to five
    steps of 1, 2 or 5 times a power of ten (26 is on 0 to 30 by 10; 7 on 0 to 8 by 2);
    0 to 5 when no count above zero is shown (hidden counts do not count)."""
    top = max((value for value in values if not isinstance(value, Suppressed)), default=0)
    if top <= 0:
        return AxisScale(5, 1)
    power = 1
    while True:
        for multiple in (1, 2, 5):
            step = multiple * power
            steps = -(-top // step)
            if steps <= 5:
                return AxisScale(steps * step, step)
        power *= 10


def _tick_text(unit: str, value: float) -> str:
    return format_count(int(value)) if unit == "count" else format_percent(value)


def _axis_sentence(scale: AxisScale, unit: str = "percent") -> str:
    # Translators: said of a bar chart whose axis stops short of 100%, e.g. "0% to 10%",
    # or of a chart of numbers of people, e.g. "0 to 30".
    return gettext("The axis runs from %(low)s to %(high)s.") % {
        "low": _tick_text(unit, 0),
        "high": _tick_text(unit, scale.maximum),
    }


def _percent_axis(scale: AxisScale, top: float, bottom: float, unit: str = "percent") -> str:
    """Dashed gridlines and their labels at each tick of ``scale``, and the baseline."""
    parts = []
    for tick in scale.ticks:
        x = PLOT_X + scale.length(tick)
        if tick:
            parts.append(
                f'<line x1="{coord(x)}" y1="{coord(top)}" x2="{coord(x)}" y2="{coord(bottom)}"'
                f' stroke="{GRID}" stroke-width="1" stroke-dasharray="2 4"/>'
            )
        parts.append(
            svg_text(
                x,
                bottom + AXIS_SPACE / 2,
                [_tick_text(unit, tick)],
                anchor="middle",
                css_class="chart__tick",
            )
        )
    parts.append(
        f'<line x1="{PLOT_X}" y1="{coord(top)}" x2="{PLOT_X}" y2="{coord(bottom)}"'
        f' stroke="{AXIS}" stroke-width="2"/>'
    )
    return "".join(parts)


def _bar_value_text(value: float, count: Count | None, decimals: int, unit: str) -> str:
    if unit == "count":
        return format_count(int(value))
    percent = format_percent(value, decimals)
    if count is None:
        return percent
    shown = SUPPRESSED_MARK if isinstance(count, Suppressed) else format_count(count)
    # Translators: a bar's label in a chart, e.g. "42% (17)": the percentage and the count.
    return gettext("%(percent)s (%(count)s)") % {"percent": percent, "count": shown}


def _bar(
    chart_id: str,
    scale: AxisScale,
    y: float,
    height: float,
    value: Percentage,
    count: Count | None,
    decimals: int,
    fill: str,
    outline: str | None = None,
    unit: str = "percent",
) -> str:
    """A bar from the baseline with its figure after it, or the hatched placeholder."""
    middle = y + height / 2
    if isinstance(value, Suppressed):
        return (
            f'<g class="chart__suppressed"><rect x="{PLOT_X}" y="{coord(y)}"'
            f' width="{PLACEHOLDER_WIDTH}" height="{coord(height)}" fill="url(#{chart_id}-hatch)"'
            f' stroke="{HATCH}" stroke-width="1"/>'
            + svg_text(PLOT_X + PLACEHOLDER_WIDTH + VALUE_GAP, middle, [gettext("Suppressed")])
            + "</g>"
        )
    length = scale.length(value)
    stroke = f' stroke="{outline}" stroke-width="2"' if outline else ""
    return (
        f'<rect class="chart__bar" x="{PLOT_X}" y="{coord(y)}" width="{coord(length)}"'
        f' height="{coord(height)}" fill="{fill}"{stroke}/>'
        + svg_text(
            PLOT_X + length + VALUE_GAP,
            middle,
            [_bar_value_text(value, count, decimals, unit)],
            css_class="chart__value",
        )
    )


# ---- Charts ---------------------------------------------------------------------------


def bar_chart(chart: BarChart) -> SafeString:
    """Horizontal bars, one per category, each as long as its percentage on the axis
    :func:`axis_scale` gives."""
    check_id(chart.id)
    for bar in chart.bars:
        check_percentage(bar.value)
    description = chart.description or ngettext(
        "Horizontal bar chart of %(count)d category, in percent. "
        "The table that follows gives the same figures.",
        "Horizontal bar chart of %(count)d categories, in percent. "
        "The table that follows gives the same figures.",
        len(chart.bars),
    ) % {"count": len(chart.bars)}
    scale = axis_scale(bar.value for bar in chart.bars)
    if scale.maximum < 100:
        description = f"{description} {_axis_sentence(scale)}"
    body = []
    y = float(TOP)
    for bar in chart.bars:
        lines, cut = wrap(bar.label, LABEL_WIDTH, MAX_LABEL_LINES)
        row = max(BAR_HEIGHT + 12, len(lines) * LINE_HEIGHT + 8)
        middle = y + row / 2
        body.append(
            svg_text(0, middle, lines, css_class="chart__label", full=bar.label if cut else "")
        )
        body.append(
            _bar(
                chart.id,
                scale,
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
    return svg_document(
        svg_open(chart.id, chart.title, description, WIDTH, height),
        f"<defs>{hatch_pattern(chart.id)}</defs>",
        _percent_axis(scale, TOP, y),
        "".join(body),
        "</svg>",
    )


def grouped_bar_chart(chart: GroupedBarChart) -> SafeString:
    """Per category, one bar per series, in the series' order, under a legend."""
    check_id(chart.id)
    check_grouped(chart)
    if chart.unit == "count":
        generic = ngettext(
            "Grouped bar chart comparing %(series)s across %(count)d category, in numbers "
            "of people. The table that follows gives the same figures.",
            "Grouped bar chart comparing %(series)s across %(count)d categories, in numbers "
            "of people. The table that follows gives the same figures.",
            len(chart.categories),
        )
    else:
        generic = ngettext(
            "Grouped bar chart comparing %(series)s across %(count)d category, in percent. "
            "The table that follows gives the same figures.",
            "Grouped bar chart comparing %(series)s across %(count)d categories, in percent. "
            "The table that follows gives the same figures.",
            len(chart.categories),
        )
    description = chart.description or generic % {
        "series": ", ".join(clean(series.label) for series in chart.series),
        "count": len(chart.categories),
    }
    values = [value for series in chart.series for value in series.values]
    if chart.unit == "count":
        scale = count_scale(values)  # type: ignore[arg-type]
        description = f"{description} {_axis_sentence(scale, 'count')}"
    else:
        scale = axis_scale(values)
        if scale.maximum < 100:
            description = f"{description} {_axis_sentence(scale)}"
    defs = [hatch_pattern(chart.id)]
    legend = ['<g class="chart__legend">']
    y = float(TOP)
    for index, series in enumerate(chart.series):
        defs.append(_series_pattern(chart.id, index, SERIES_STYLES[index]))
        lines, cut = wrap(series.label, WIDTH - 40, 2)
        row = max(GROUP_BAR_HEIGHT + 8, len(lines) * LINE_HEIGHT + 4)
        middle = y + row / 2
        legend.append(
            f'<rect x="1" y="{coord(middle - 8)}" width="30" height="16"'
            f' fill="{_series_fill(chart.id, index)}" stroke="{SERIES_STYLES[index].colour}"'
            ' stroke-width="2"/>'
        )
        legend.append(svg_text(40, middle, lines, full=series.label if cut else ""))
        y += row
    legend.append("</g>")
    plot_top = y + 8
    y = plot_top
    body = []
    stack = len(chart.series) * (GROUP_BAR_HEIGHT + GROUP_BAR_GAP) - GROUP_BAR_GAP
    for index, category in enumerate(chart.categories):
        lines, cut = wrap(category, LABEL_WIDTH, MAX_LABEL_LINES)
        row = max(stack, len(lines) * LINE_HEIGHT) + 16
        middle = y + row / 2
        full = category if cut else ""
        body.append(svg_text(0, middle, lines, css_class="chart__label", full=full))
        bar_y = middle - stack / 2
        for number, series in enumerate(chart.series):
            count = series.counts[index] if series.counts is not None else None
            body.append(
                _bar(
                    chart.id,
                    scale,
                    bar_y + number * (GROUP_BAR_HEIGHT + GROUP_BAR_GAP),
                    GROUP_BAR_HEIGHT,
                    series.values[index],
                    count,
                    chart.decimals,
                    _series_fill(chart.id, number),
                    SERIES_STYLES[number].colour,
                    chart.unit,
                )
            )
        y += row
    height = y + AXIS_SPACE
    return svg_document(
        svg_open(chart.id, chart.title, description, WIDTH, height),
        f"<defs>{''.join(defs)}</defs>",
        "".join(legend),
        _percent_axis(scale, plot_top, y, chart.unit),
        "".join(body),
        "</svg>",
    )
