"""Reading the charts' SVG back, and the charts the chart tests draw.

Contrast is computed here from the WCAG 2.1 definitions, independently of the charts' own
helper, so a mistake there cannot hide one in the charts.
"""

import xml.etree.ElementTree as ET

from guild.core.charts import (
    Bar,
    BarChart,
    GroupedBarChart,
    HeatMapChart,
    Series,
)
from guild.core.disclosure import COMPLEMENTARY, SMALL

SVG = "{http://www.w3.org/2000/svg}"
WHITE = "#ffffff"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def local(tag: str) -> str:
    return tag.removeprefix(SVG)


def text_of(element: ET.Element) -> str:
    """The visible text of a <text>: its tspans' text, without its tooltip <title>."""
    return "".join(span.text or "" for span in element.iter(f"{SVG}tspan"))


def first(element: ET.Element, tag: str) -> ET.Element:
    found = element.find(f".//{SVG}{tag}")
    assert found is not None, tag
    return found


def by_class(root: ET.Element, css_class: str) -> list[ET.Element]:
    return [element for element in root.iter() if css_class in element.get("class", "").split()]


def texts(root: ET.Element, css_class: str) -> list[str]:
    return [text_of(element) for element in by_class(root, css_class)]


def luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first: str, second: str) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def satisfaction(**overrides: object) -> BarChart:
    fields: dict[str, object] = {
        "id": "satisfaction",
        "title": "How satisfied are you?",
        "bars": [
            Bar("Very satisfied", 42, 21),
            Bar("Satisfied", 12.5, 10),
            Bar("Dissatisfied", SMALL, SMALL),
            Bar("Very dissatisfied", COMPLEMENTARY, COMPLEMENTARY),
            Bar("No opinion", 0, 0),
            Bar("All of them", 100, 50),
        ],
    }
    fields.update(overrides)
    return BarChart(**fields)  # type: ignore[arg-type]


def comparison() -> GroupedBarChart:
    return GroupedBarChart(
        id="compare",
        title="Plans to retire",
        categories=["Within 2 years", "In 2 to 5 years", "Later"],
        series=[
            Series("Your department", [20, SMALL, 60], [12, SMALL, 36]),
            Series("Service-wide", [15.5, 24.5, 60], [155, 245, 600]),
        ],
    )


def gaps() -> HeatMapChart:
    return HeatMapChart(
        id="gaps",
        title="Share below target",
        rows=["Employment and Social Development Canada", "Canada Revenue Agency"],
        columns=["Data governance and stewardship", "Records", "Privacy"],
        values=[[0.1, 0.45, SMALL], [0.95, None, 0.2]],
    )
