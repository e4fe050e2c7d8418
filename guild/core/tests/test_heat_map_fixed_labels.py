"""A heat map with its row labels kept in view: a copy of the label column, hidden from
screen readers, exactly over the drawing's own labels and at the same scale."""

import xml.etree.ElementTree as ET

from guild.core.charts import heat_map, heat_map_with_fixed_labels
from guild.core.tests.chart_markup import SVG, by_class, texts
from guild.core.tests.test_charts_reading import wide


def test_the_label_column_is_a_hidden_copy_of_the_row_labels_at_the_same_scale() -> None:
    chart = wide(30, 20)  # blocks of 7, 7 and 6 columns, each with its row labels
    wrapper = ET.fromstring(heat_map_with_fixed_labels(chart))
    labels, drawing = list(wrapper)

    assert wrapper.tag == "div"
    assert wrapper.get("class") == "chart__heat chart__svg--w-60"
    assert ET.tostring(drawing) == ET.tostring(ET.fromstring(heat_map(chart)))
    assert labels.get("aria-hidden") == "true"
    assert labels.get("role") is None
    assert labels.get("viewBox") == "0 0 200 4616"
    assert drawing.get("viewBox") == "0 0 930 4616"
    assert labels.get("width") == "21.51%"  # 200 of 930 units
    row_labels = [text for text in texts(drawing, "chart__label") if text.startswith("Comp")]
    assert texts(labels, "chart__label") == row_labels
    assert len(row_labels) == 90
    # A white ground beside each block's headers and rows hides what scrolls beneath.
    grounds = [(rect.get("y"), rect.get("height")) for rect in labels.iter(f"{SVG}rect")]
    # Each from its block's top (8, then 32 below the last) to the last row: 48 + 30 x 48.
    assert grounds == [("8", "1488"), ("1528", "1488"), ("3048", "1488")]
    assert by_class(labels, "chart__cell") == []
