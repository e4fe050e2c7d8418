"""The charts' measures, colours and marks, shared by every chart and its table."""

from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

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
"""The axis maximum (see :data:`AXES`) is 300 units from the baseline."""
BAR_HEIGHT: Final = 24
GROUP_BAR_HEIGHT: Final = 20
GROUP_BAR_GAP: Final = 4
PLACEHOLDER_WIDTH: Final = 24
VALUE_GAP: Final = 6
TOP: Final = 8
AXIS_SPACE: Final = 32
AXES: Final = (
    (5, 1),
    (10, 2),
    (20, 5),
    (25, 5),
    (40, 10),
    (50, 10),
    (60, 20),
    (75, 25),
    (80, 20),
    (100, 25),
)
"""The axes a bar chart may have, as (maximum, step between ticks) in percent: it takes the
first whose maximum reaches its largest shown value, so 8% is a long bar on a 0-10% axis
rather than a sliver of a 0-100% one; every axis has three to five equal steps."""
MAX_LABEL_LINES: Final = 3

CELL_WIDTH: Final = 104
"""The narrowest a heat-map column is; it widens to fit the longest word of its header."""
MAX_CELL_WIDTH: Final = 176
"""The widest a heat-map column grows for a long word (19 characters); a longer word is
cut with "…" (the full header is in the cell's tooltip and the data table)."""
CELL_HEIGHT: Final = 48
HEADER_LINES: Final = 4
HEAT_MAP_MAX_COLUMNS: Final = 8
"""Columns in one block of a heat map: more are drawn in blocks one below the other, each
with the row labels, so the drawing stays about 1,000 units wide and its text legible."""
PANEL_GAP: Final = 32
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
