"""What every chart's markup does: an image named by its title, unique ids, nothing that a
strict content security policy would block, legible text, contrast, and escaping."""

import re
from pathlib import Path

from django.conf import settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from guild.core.charts import (
    HEAT_SCALE,
    Bar,
    BarChart,
    GroupedBarChart,
    HeatMapChart,
    Series,
    bar_chart,
    grouped_bar_chart,
    heat_map,
)
from guild.core.disclosure import COMPLEMENTARY, SMALL
from guild.core.tests.chart_markup import (
    SVG,
    WHITE,
    by_class,
    comparison,
    contrast,
    gaps,
    local,
    parse,
    satisfaction,
    text_of,
    texts,
)

# ---- Every chart ----------------------------------------------------------------------


def all_charts() -> list[str]:
    return [bar_chart(satisfaction()), grouped_bar_chart(comparison()), heat_map(gaps())]


def test_every_chart_is_an_image_named_by_its_title_and_description() -> None:
    for markup in all_charts():
        root = parse(markup)
        chart_id = root.get("id")
        title, desc = root[0], root[1]

        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
        assert (local(title.tag), title.get("id")) == ("title", f"{chart_id}-title")
        assert (local(desc.tag), desc.get("id")) == ("desc", f"{chart_id}-desc")
        assert desc.text
        assert root.get("width") == "100%"
        assert root.get("viewBox", "").startswith("0 0 ")


def test_ids_are_unique_across_charts_on_one_page_and_every_reference_resolves() -> None:
    page = parse(f"<div>{''.join(all_charts())}</div>")

    ids = [element.get("id") for element in page.iter() if element.get("id")]
    references = {
        match
        for element in page.iter()
        for name in ("fill", "stroke")
        for match in re.findall(r"url\(#([^)]+)\)", element.get(name, ""))
    }

    assert len(ids) == len(set(ids))
    assert references <= set(ids)
    assert references >= {"satisfaction-hatch", "compare-series-1", "gaps-hatch"}


def test_no_script_style_event_handler_or_external_resource() -> None:
    for markup in all_charts():
        root = parse(markup)
        for element in root.iter():
            assert local(element.tag) not in {"script", "style", "image", "foreignObject", "a"}
            for name, value in element.attrib.items():
                assert name != "style"
                assert not name.startswith("on")
                assert "href" not in name
                assert "url(" not in value or value.startswith("url(#")


def test_text_renders_at_12px_or_more_at_the_narrowest_the_stylesheet_allows() -> None:
    css = (Path(settings.BASE_DIR) / "static" / "css" / "guild.css").read_text()
    wide = HeatMapChart(
        id="wide",
        title="Wide",
        rows=["a"],
        columns=[f"C{j}" for j in range(12)],
        values=[[0.5] * 12],
    )
    for markup in [*all_charts(), heat_map(wide)]:
        root = parse(markup)
        (size_class,) = re.findall(r"chart__svg--w-\d+", root.get("class", ""))
        rule = re.search(rf"\.{size_class} {{ min-width: ([\d.]+)rem; max-width: (\d+)rem; }}", css)
        assert rule is not None, size_class
        view_width = float(root.get("viewBox", "").split()[2])
        narrowest_px = float(rule.group(1)) * 16

        assert float(rule.group(2)) * 16 >= view_width
        assert root.get("font-size") == "16"
        assert all(element.get("font-size") in (None, "16") for element in root.iter())
        assert 16 * narrowest_px / view_width >= 12


def test_lines_bars_and_patterns_contrast_3_to_1_with_white_and_text_4_5_to_1() -> None:
    for markup in all_charts():
        root = parse(markup)
        for element in root.iter():
            if local(element.tag) == "text":
                assert (
                    contrast(element.get("fill", ""), WHITE) >= 4.5
                    or element.get("class") == "chart__cell-value"
                )
                continue
            for name in ("fill", "stroke"):
                colour = element.get(name, "")
                if not colour.startswith("#") or colour == WHITE:
                    continue
                if element.get("fill") in HEAT_SCALE and name == "fill":
                    continue  # the light cells are outlined and carry their value as text
                assert contrast(colour, WHITE) >= 3, (local(element.tag), name, colour)


# ---- Escaping -------------------------------------------------------------------------


def test_markup_in_labels_stays_text() -> None:
    hostile = '<script>alert("x")</script>&amp;'
    markups = [
        bar_chart(BarChart(id="b", title=hostile, description=hostile, bars=[Bar(hostile, 10)])),
        grouped_bar_chart(
            GroupedBarChart(
                id="g", title=hostile, categories=[hostile], series=[Series(hostile, [5])]
            )
        ),
        heat_map(
            HeatMapChart(id="h", title=hostile, rows=[hostile], columns=[hostile], values=[[0.5]])
        ),
    ]
    for markup in markups:
        root = parse(markup)
        visible = [text_of(text) for text in root.iter(f"{SVG}text")]

        assert "<script" not in markup
        assert not any(local(element.tag) == "script" for element in root.iter())
        assert root[0].text == hostile
        assert hostile in visible or any(
            hostile in (t.findtext(f"{SVG}title") or "") for t in root.iter(f"{SVG}text")
        )


def test_characters_xml_forbids_are_dropped() -> None:
    root = parse(bar_chart(BarChart(id="c", title="a\x00b\x1f", bars=[Bar("x\x0by\ud800", 5)])))

    assert root[0].text == "ab"
    assert texts(root, "chart__label") == ["xy"]


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    chart_id=st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,20}", fullmatch=True),
    title=st.text(),
    bars=st.lists(
        st.builds(
            Bar,
            label=st.text(),
            value=st.floats(0, 100) | st.sampled_from([SMALL, COMPLEMENTARY]),
            count=st.none() | st.integers(0, 10**9) | st.just(SMALL),
        ),
        max_size=12,
    ),
    decimals=st.integers(0, 3),
)
def test_bar_chart_is_always_well_formed(
    chart_id: str, title: str, bars: list[Bar], decimals: int
) -> None:
    root = parse(bar_chart(BarChart(id=chart_id, title=title, bars=bars, decimals=decimals)))

    published = [bar for bar in bars if not isinstance(bar.value, type(SMALL))]

    assert len(by_class(root, "chart__bar")) == len(published)
    assert len(by_class(root, "chart__suppressed")) == len(bars) - len(published)
    assert len(by_class(root, "chart__label")) == len(bars)
