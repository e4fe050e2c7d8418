"""The SVG pieces every chart is drawn with: text, wrapped labels, the frame, marks."""

import math
import re
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from guild.core.charts.style import (
    BLACK,
    CHAR_WIDTH,
    FONT_SIZE,
    HATCH,
    LINE_HEIGHT,
    TEXT,
    WHITE,
)

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def coord(number: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros."""
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def clean(text: str) -> str:
    return _NOT_XML.sub("", str(text))


def wrap(text: str, width: float, max_lines: int) -> tuple[list[str], bool]:
    """``text`` in lines that fit ``width`` units, broken only between words; ``True`` if
    it had to be cut short (too many lines, or a word too long for a line, which is cut
    with "…" rather than broken in two)."""
    limit = max(1, int(width // CHAR_WIDTH))
    lines: list[str] = []
    current = ""
    cut = False
    for word in clean(text).split():
        if len(word) > limit:
            word = word[: limit - 1] + "…"
            cut = True
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= limit:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines or [""], cut
    kept = lines[:max_lines]
    last = kept[-1]
    if len(last) >= limit:
        last = last.rsplit(" ", 1)[0] if " " in last else last[: limit - 1]
    kept[-1] = last.rstrip("…").rstrip() + "…"
    return kept, True


def longest_word(texts: Sequence[str]) -> int:
    """The length of the longest word in ``texts``, in characters."""
    return max((len(word) for text in texts for word in clean(text).split()), default=0)


def svg_text(
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
        f'<tspan x="{coord(x)}" y="{coord(first + index * LINE_HEIGHT)}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    title = f"<title>{escape(clean(full))}</title>" if full else ""
    klass = f' class="{css_class}"' if css_class else ""
    return f'<text{klass} text-anchor="{anchor}" fill="{fill}">{title}{spans}</text>'


def svg_label(x: float, middle: float, text: str, width: float, max_lines: int) -> str:
    lines, cut = wrap(text, width, max_lines)
    return svg_text(x, middle, lines, css_class="chart__label", full=text if cut else "")


def size_class(width: float) -> str:
    """The class by which the stylesheet sizes a drawing ``width`` units wide between 75%
    and 100% of that, so its 16-unit text renders between 12px and 16px."""
    rem = min(160, max(40, math.ceil(width / FONT_SIZE / 10) * 10))
    return f"chart__svg--w-{rem}"


def svg_open(chart_id: str, title: str, description: str, width: float, height: float) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart__svg {size_class(width)}"'
        f' id="{chart_id}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc"'
        f' viewBox="0 0 {coord(width)} {coord(height)}" width="100%"'
        ' preserveAspectRatio="xMinYMin meet"'
        f' font-size="{FONT_SIZE}" focusable="false">'
        f'<title id="{chart_id}-title">{escape(clean(title))}</title>'
        f'<desc id="{chart_id}-desc">{escape(clean(description))}</desc>'
    )


def hatch_pattern(chart_id: str) -> str:
    return (
        f'<pattern id="{chart_id}-hatch" width="8" height="8" patternUnits="userSpaceOnUse"'
        f' patternTransform="rotate(-45)"><rect width="8" height="8" fill="{WHITE}"/>'
        f'<line x1="2" y1="0" x2="2" y2="8" stroke="{HATCH}" stroke-width="2"/></pattern>'
    )


def svg_mark(x: float, middle: float, mark: str, css_class: str = "chart__cell-value") -> str:
    """A short mark on a white patch, legible over the hatch."""
    return (
        f'<rect x="{coord(x - 8)}" y="{coord(middle - 10)}" width="16" height="20" fill="{WHITE}"/>'
        + svg_text(x, middle, [mark], anchor="middle", fill=BLACK, css_class=css_class)
    )


def svg_document(*parts: str) -> SafeString:
    """The chart's markup, from pieces whose every text was escaped as it was drawn."""
    return mark_safe("".join(parts))  # noqa: S308 - each piece escaped its own text
