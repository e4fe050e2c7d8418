"""A heat map page shows its groups a part at a time: twelve groups beside the totals."""

import re
from types import SimpleNamespace

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import translation

from guild.competencies.views.charts import GROUPS_PER_PART, Column, group_part
from guild.core.errors import NotFound


def columns(count: int) -> list[Column]:
    return [Column(f"Group {number}", {}) for number in range(1, count + 1)]


def test_twelve_groups_or_fewer_are_one_part_without_a_pager() -> None:
    chosen, parts = group_part(columns(12), QueryDict("by=department"))

    assert GROUPS_PER_PART == 12
    assert [column.label for column in chosen] == [f"Group {n}" for n in range(1, 13)]
    assert parts == []


def test_sixty_groups_are_five_parts_and_each_link_keeps_the_other_choices() -> None:
    chosen, parts = group_part(columns(60), QueryDict("community=3&by=department&part=2"))

    assert [column.label for column in chosen] == [f"Group {n}" for n in range(13, 25)]
    assert [(part.number, part.first, part.last, part.total) for part in parts] == [
        (1, 1, 12, 60),
        (2, 13, 24, 60),
        (3, 25, 36, 60),
        (4, 37, 48, 60),
        (5, 49, 60, 60),
    ]
    assert [part.current for part in parts] == [False, True, False, False, False]
    assert parts[4].query == "community=3&by=department&part=5"


def test_the_last_part_holds_what_is_left() -> None:
    chosen, parts = group_part(columns(25), QueryDict("part=3"))

    assert [column.label for column in chosen] == ["Group 25"]
    assert [(part.first, part.last) for part in parts] == [(1, 12), (13, 24), (25, 25)]


@pytest.mark.parametrize("part", ["0", "4", "-1", "two", "1.5", ""])
def test_a_part_that_does_not_exist_is_not_found(part: str) -> None:
    with pytest.raises(NotFound):
        group_part(columns(25), QueryDict(f"part={part}"))


def test_the_page_links_every_part_and_marks_the_one_shown() -> None:
    _chosen, parts = group_part(columns(30), QueryDict("by=region&part=3"))
    data = SimpleNamespace(heat_map=SimpleNamespace(competencies=["RIL-01"]), threshold=5)

    with translation.override("en"):
        html = render_to_string(
            "competencies/_figures.html", {"figures": [], "data": data, "parts": parts}
        )

    links = re.findall(r'<a href="\?([^"]*)"( aria-current="page")?>([^<]*)</a>', html)
    assert links == [
        ("by=region&amp;part=1", "", "Groups 1 to 12 of 30"),
        ("by=region&amp;part=2", "", "Groups 13 to 24 of 30"),
        ("by=region&amp;part=3", ' aria-current="page"', "Groups 25 to 30 of 30"),
    ]
