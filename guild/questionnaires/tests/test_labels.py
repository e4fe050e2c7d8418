"""``${code}`` references in label text."""

from decimal import Decimal

import pytest

from guild.questionnaires.definition.labels import (
    answer_text,
    label_references,
    render_references,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ()),
        ("No reference here", ()),
        ("Your name is ${my_name}", ("my_name",)),
        (
            "The corrected full plot radius is ${slope_radius} m. The corrected inner plot "
            "radius is ${slope_radius_inner} m.",
            ("slope_radius", "slope_radius_inner"),
        ),
        ("${b} and ${a} and ${b} again", ("b", "a")),
        ("${q-1.x}${_z9}", ("q-1.x", "_z9")),
        ("${1a} ${a b} $a {a} ${} $${ok}", ("ok",)),
        ('="${"&B2&"}"', ()),  # an Excel formula, as in pyxform's xl_date_ambiguous.xlsx
        ("${a}" * 10_000, ("a",)),
    ],
)
def test_label_references(text: str, expected: tuple[str, ...]) -> None:
    assert label_references(text) == expected


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("Your name is ${my_name}", {"my_name": "Ana"}, "Your name is Ana"),
        ("Your name is ${my_name}", {}, "Your name is "),
        ("${a}+${a}=${b}", {"a": "1", "b": "2"}, "1+1=2"),
        (
            "Stems of tree with tag number ${tag}",
            {"tag": "${tag}"},
            "Stems of tree with tag number ${tag}",
        ),
        ("${a} costs \\1 $5", {"a": "\\g<0>"}, "\\g<0> costs \\1 $5"),
        ("no references", {"a": "x"}, "no references"),
        ("${1a} stays", {"1a": "x"}, "${1a} stays"),
    ],
)
def test_render_references(text: str, values: dict[str, str], expected: str) -> None:
    assert render_references(text, values) == expected


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (None, ""),
        ("", ""),
        ("text", "text"),
        (12, "12"),
        (Decimal("2.50"), "2.5"),
        (Decimal("-0.000"), "0"),
        (0.1, "0.1"),
        (["a", "c"], "a c"),
        (frozenset({"b", "a"}), "a b"),
        ([], ""),
        ({"row": "a"}, ""),
        (True, ""),
        (float("nan"), ""),
    ],
)
def test_answer_text(answer: object, expected: str) -> None:
    assert answer_text(answer) == expected
