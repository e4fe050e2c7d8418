"""Heat maps: rows by columns of cells shaded light to dark, each value printed in it.

Drawn the narrow way round (:func:`heat_map_oriented`: the longer list down the side,
where labels have room), in blocks of at most :data:`HEAT_MAP_MAX_COLUMNS` columns
(:func:`heat_map_blocks`), with column headers broken only between words."""

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from guild.core.charts.inputs import (
    HeatMapChart,
    HeatValue,
    check_heat_map,
    check_id,
    heat_map_oriented,
    heat_text,
)
from guild.core.charts.style import (
    BLACK,
    CELL_HEIGHT,
    CELL_OUTLINE,
    CELL_WIDTH,
    CHAR_WIDTH,
    FONT_SIZE,
    HEADER_LINES,
    HEAT_MAP_MAX_COLUMNS,
    HEAT_SCALE,
    LABEL_WIDTH,
    LEGEND_ITEM_WIDTH,
    LINE_HEIGHT,
    MAX_CELL_WIDTH,
    NO_DATA_MARK,
    PANEL_GAP,
    SUPPRESSED_MARK,
    TOP,
    WHITE,
    WIDTH,
)
from guild.core.charts.svg import (
    clean,
    coord,
    hatch_pattern,
    longest_word,
    size_class,
    svg_document,
    svg_label,
    svg_mark,
    svg_open,
    svg_text,
    wrap,
)
from guild.core.disclosure import Suppressed


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


def _heat_legend(chart: HeatMapChart, top: float, width: float) -> tuple[str, float]:
    """Swatches for each step with its range, then the hidden and no-data marks."""
    span = chart.maximum - chart.minimum
    items: list[tuple[str, str, str]] = []
    for step, fill in enumerate(HEAT_SCALE):
        low = chart.minimum + span * step / len(HEAT_SCALE)
        high = chart.minimum + span * (step + 1) / len(HEAT_SCALE)
        # Translators: a range of values in a heat map's legend, e.g. "20% to 40%".
        label = gettext("%(low)s to %(high)s") % {
            "low": heat_text(chart, low),
            "high": heat_text(chart, high),
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
            f'<rect x="{coord(x + 1)}" y="{coord(middle - 10)}" width="28" height="20"'
            f' fill="{fill}" stroke="{CELL_OUTLINE}" stroke-width="1"/>'
        )
        if mark:
            parts.append(svg_mark(x + 15, middle, mark, "chart__legend-mark"))
        lines, cut = wrap(label, LEGEND_ITEM_WIDTH - 40, 1)
        parts.append(svg_text(x + 36, middle, lines, full=label if cut else ""))
    parts.append("</g>")
    rows = math.ceil(len(items) / per_line)
    return "".join(parts), top + rows * 28


def heat_map_blocks(columns: int) -> list[range]:
    """The columns of each block, as even as can be: 13 columns are 7 and 6, not 8 and 5."""
    if columns <= 0:
        return [range(0)]
    count = math.ceil(columns / HEAT_MAP_MAX_COLUMNS)
    size, extra = divmod(columns, count)
    blocks = []
    start = 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        blocks.append(range(start, end))
        start = end
    return blocks


def column_width(headers: list[str]) -> float:
    """Wide enough for the longest word of ``headers`` (no word is broken), within
    :data:`CELL_WIDTH` to :data:`MAX_CELL_WIDTH`."""
    return round(min(MAX_CELL_WIDTH, max(CELL_WIDTH, longest_word(headers) * CHAR_WIDTH + 12)), 2)


def _cell(
    chart: HeatMapChart, row: str, column: str, value: HeatValue, x: float, y: float, width: float
) -> str:
    centre = x + width / 2
    if isinstance(value, Suppressed):
        fill, shown, mark = f"url(#{chart.id}-hatch)", gettext("Suppressed"), SUPPRESSED_MARK
    elif value is None:
        fill, shown, mark = WHITE, gettext("No data"), NO_DATA_MARK
    else:
        step = HEAT_SCALE[heat_step(chart, value)]
        fill, shown, mark = step, heat_text(chart, value), ""
    tooltip = f"{clean(row)}, {clean(column)}: {shown}"
    parts = [
        f'<g class="chart__cell"><title>{escape(tooltip)}</title>'
        f'<rect x="{coord(x)}" y="{coord(y)}" width="{coord(width)}" height="{CELL_HEIGHT}"'
        f' fill="{fill}" stroke="{CELL_OUTLINE}" stroke-width="1"/>'
    ]
    if mark:
        parts.append(svg_mark(centre, y + CELL_HEIGHT / 2, mark))
    else:
        parts.append(
            svg_text(
                centre,
                y + CELL_HEIGHT / 2,
                [shown],
                anchor="middle",
                fill=text_colour_on(fill),
                css_class="chart__cell-value",
            )
        )
    parts.append("</g>")
    return "".join(parts)


@dataclass(frozen=True)
class _Drawing:
    svg: SafeString
    width: float
    height: float
    labels: tuple[str, ...]
    """The row labels as drawn in the SVG, for the column that stays in view."""
    label_areas: tuple[tuple[float, float], ...]
    """(top, bottom) of each block, headers and rows."""


def heat_map(chart: HeatMapChart) -> SafeString:
    """A grid of cells shaded light (low) to dark (high), each with its value printed,
    turned the narrow way round and drawn in blocks of columns one below the other."""
    return _draw(chart).svg


def heat_map_with_fixed_labels(chart: HeatMapChart) -> SafeString:
    """:func:`heat_map` under a copy of its row labels that the stylesheet keeps at the
    left edge while the drawing scrolls sideways on a narrow screen (a phone would
    otherwise scroll the labels away). The copy is hidden from screen readers, who have
    the data table, and covers the labels it copies exactly: both are sized in percent of
    one box, from the same ``viewBox`` height."""
    drawing = _draw(chart)
    label_width = LABEL_WIDTH + 10
    backgrounds = "".join(
        f'<rect x="0" y="{coord(top)}" width="{label_width}" height="{coord(bottom - top)}"'
        f' fill="{WHITE}"/>'
        for top, bottom in drawing.label_areas
    )
    share = coord(100 * label_width / drawing.width)
    labels = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart__heat-labels" aria-hidden="true"'
        f' focusable="false" viewBox="0 0 {label_width} {coord(drawing.height)}"'
        f' width="{share}%" preserveAspectRatio="xMinYMin meet" font-size="{FONT_SIZE}">'
        f"{backgrounds}{''.join(drawing.labels)}</svg>"
    )
    return svg_document(
        f'<div class="chart__heat {size_class(drawing.width)}">', labels, drawing.svg, "</div>"
    )


def _draw(chart: HeatMapChart) -> _Drawing:
    check_id(chart.id)
    check_heat_map(chart)
    shown = heat_map_oriented(chart)
    blocks = heat_map_blocks(len(shown.columns))
    description = chart.description or gettext(
        "Heat map of %(rows)d rows by %(columns)d columns: the darker the cell, the higher "
        "the value. The table that follows gives the same figures."
    ) % {"rows": len(shown.rows), "columns": len(shown.columns)}
    if len(blocks) > 1:
        # Translators: said of a heat map too wide for one piece, e.g. "in 3 blocks".
        description += " " + gettext(
            "Its columns are drawn in %(blocks)d blocks, one below the other."
        ) % {"blocks": len(blocks)}
    grid_x = LABEL_WIDTH + 10
    parts = []
    labels: list[str] = []
    areas: list[tuple[float, float]] = []
    width = float(WIDTH)
    top = float(TOP)
    for block in blocks:
        headers = [shown.columns[j] for j in block]
        cell_width = column_width(headers)
        width = max(width, grid_x + len(block) * cell_width + 2)
        wrapped = [wrap(column, cell_width - 8, HEADER_LINES) for column in headers]
        header_height = max((len(lines) for lines, _cut in wrapped), default=1) * LINE_HEIGHT + 8
        for k, (column, (lines, cut)) in enumerate(zip(headers, wrapped, strict=True)):
            # Column headers sit on the grid, their last line just above it.
            middle = top + header_height - 4 - len(lines) * LINE_HEIGHT / 2
            parts.append(
                svg_text(
                    grid_x + (k + 0.5) * cell_width,
                    middle,
                    lines,
                    anchor="middle",
                    css_class="chart__label",
                    full=column if cut else "",
                )
            )
        grid_top = top + header_height
        for i, (row, values) in enumerate(zip(shown.rows, shown.values, strict=True)):
            y = grid_top + i * CELL_HEIGHT
            label = svg_label(0, y + CELL_HEIGHT / 2, row, LABEL_WIDTH, 2)
            parts.append(label)
            labels.append(label)
            for k, j in enumerate(block):
                x = grid_x + k * cell_width
                parts.append(_cell(shown, row, shown.columns[j], values[j], x, y, cell_width))
        # From the block's headers down: scrolled columns pass under the ground unseen.
        areas.append((top, grid_top + len(shown.rows) * CELL_HEIGHT))
        top = grid_top + len(shown.rows) * CELL_HEIGHT + PANEL_GAP
    legend, bottom = _heat_legend(shown, top - PANEL_GAP + 16, width)
    height = bottom + TOP
    svg = svg_document(
        svg_open(chart.id, chart.title, description, width, height),
        f"<defs>{hatch_pattern(chart.id)}</defs>",
        "".join(parts),
        legend,
        "</svg>",
    )
    return _Drawing(svg, width, height, tuple(labels), tuple(areas))
