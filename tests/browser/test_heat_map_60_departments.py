"""Journey: the community's administrator opens the competency heat map of a community of
60 departments from their home page. The groups come 12 to a page, the parts reached by
clicking their links; every cell shows the published figure or the hidden mark, the legend
and the note say what the mark means, and on a phone the row labels stay in view while the
cells scroll. Only what the pages show is clicked; English and French, axe and the 390 px
overflow check on every page (tests/browser/test_role_journeys.py)."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone, translation

from guild.competencies.models import (
    Assessment,
    AssessmentKind,
    Competency,
    CompetencySettings,
    CurrentAssessment,
    MemberRoleProfile,
    RoleProfile,
)
from guild.competencies.selectors import heat_map_data
from guild.competencies.views.charts import GROUPS_PER_PART
from guild.core.charts import format_number, format_percent
from guild.core.disclosure import Suppressed
from guild.members.models import Member
from guild.organizations.models import Department, Region
from tests.browser.layout import SCREENSHOTS
from tests.browser.test_role_journeys import LANGUAGES, Journey, french, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

DEPARTMENTS = 60
THRESHOLD = 5
FRAMEWORK_ORDER = ("RIL-01", "RIL-02", "ACP-01")
"""The competencies of the role profile, in the IM framework's order (families, then
competencies)."""
# Where the labels of the heat map are, against the left edge of its scrolling box.
LABELS_OFFSET = """(graphic) => {
    const labels = graphic.querySelector('.chart__heat-labels');
    return Math.round(labels.getBoundingClientRect().left - graphic.getBoundingClientRect().left);
}"""


def _level(code: str, position: int) -> int:
    """Half of each department below target: RIL-01 (target 3) at 1 to 4 in turn, RIL-02
    (target 4) at 4 every other member, else 2 or 3."""
    if code == "RIL-01":
        return 1 + position % 4
    return 4 if position % 2 == 0 else 2 + (position // 2) % 2


def _seed_departments(profile: RoleProfile, competencies: list[Competency]) -> None:
    """60 departments (the reference data's and more), each with members on `profile`
    assessed on `competencies`: most have 12 to 16, every sixth only 3."""
    have = Department.objects.count()
    Department.objects.bulk_create(
        Department(
            code=f"test-{number}",
            acronym_en=f"TA{number}",
            acronym_fr=f"AT{number}",
            name_en=f"Test Agency {number} for Information Services",
            name_fr=f"Agence d'essai {number} des services d'information",
        )
        for number in range(have + 1, DEPARTMENTS + 1)
    )
    region = Region.objects.get(code="ncr")
    members = []
    for index, department in enumerate(Department.objects.order_by("code")[:DEPARTMENTS]):
        size = 3 if index % 6 == 5 else 12 + index % 5
        members += [
            Member(
                given_name="Pat",
                family_name=f"{department.code} {number}",
                work_email=f"{department.code}-{number}@example.test",
                department=department,
                region=region,
                consent_statistics=True,
            )
            for number in range(size)
        ]
    created = Member.objects.bulk_create(members)
    MemberRoleProfile.objects.bulk_create(
        MemberRoleProfile(member=member, profile=profile) for member in created
    )
    now = timezone.now() - timedelta(days=3)
    history = Assessment.objects.bulk_create(
        Assessment(
            member=member,
            competency=competency,
            kind=AssessmentKind.SELF,
            level=_level(competency.code, position),
            created_at=now,
        )
        for position, member in enumerate(created)
        for competency in competencies
    )
    CurrentAssessment.objects.bulk_create(
        CurrentAssessment(
            member=row.member,
            competency=row.competency,
            self_assessment=row,
            self_level=row.level,
            validated_level=row.level,
            self_at=now,
            updated_at=now,
        )
        for row in history
    )


@pytest.fixture
def sixty(cast: Any) -> Any:
    community = cast["framework"].community
    CompetencySettings.objects.update_or_create(
        community=community, defaults={"disclosure_threshold": THRESHOLD}
    )
    profile = RoleProfile.objects.get(community=community, name_en="Records manager, IS-04")
    version = cast["competency"].version
    competencies = list(Competency.objects.filter(version=version, code__in=["RIL-01", "RIL-02"]))
    _seed_departments(profile, competencies)
    return community


def _expected_titles(data: Any, groups: list[str], language: str, kind: str) -> list[str]:
    """The tooltip of every cell of the share or gap map (turned: groups down the side,
    competencies across in the framework's order), as the figures are published."""
    codes = FRAMEWORK_ORDER
    assert set(codes) == set(data.heat_map.competencies)
    rows = [data.group_labels.get(group, group) for group in groups]
    cells = [[data.heat_map.cell(group, code) for code in codes] for group in groups]
    rows.append(t(language, "Whole community"))
    cells.append([data.heat_map.community[code] for code in codes])
    columns = [f"{code} {data.competency_labels.get(code, '')}".strip() for code in codes]
    titles = []
    for row, line in zip(rows, cells, strict=True):
        for column, cell in zip(columns, line, strict=True):
            value = cell.share_below if kind == "share" else cell.mean_gap
            if isinstance(value, Suppressed):
                shown = t(language, "Suppressed")
            elif value is None:
                shown = t(language, "No data")
            elif kind == "share":
                shown = format_percent(100 * value)
            else:
                shown = format_number(value, 1)
            titles.append(f"{row}, {column}: {shown}")
    return titles


def _check_part(page: Any, data: Any, groups: list[str], language: str) -> tuple[int, int]:
    """Both maps of the page show exactly the published figures of `groups`; the numbers
    of hidden cells and of cells with a figure drawn."""
    hidden = published = 0
    for kind in ("share", "gap"):
        svg = page.locator(f"svg#community-{kind}")
        assert svg.get_attribute("role") == "img"
        titles = svg.locator("g.chart__cell > title").all_text_contents()
        with translation.override(language):
            assert titles == _expected_titles(data, groups, language, kind)
        hidden_here = sum(title.endswith(": " + t(language, "Suppressed")) for title in titles)
        table = page.locator(f"table#community-{kind}-table")
        assert table.locator(".guild-suppressed").count() == hidden_here
        if hidden_here:
            legend = svg.locator(".chart__legend").text_content() or ""
            assert t(language, "Suppressed") in legend
        hidden += hidden_here
        marks = (": " + t(language, "Suppressed"), ": " + t(language, "No data"))
        published += sum(not title.endswith(marks) for title in titles)
    return hidden, published


def _labels_stay_in_view(page: Any, language: str) -> None:
    """At 390 px the map scrolls sideways inside its box and its row labels stay put."""
    graphic = page.locator("figure.chart .chart__graphic").first
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    graphic.screenshot(path=str(SCREENSHOTS / f"{language}-heat-map-60-chart--1280.png"))
    assert graphic.evaluate("(el) => el.scrollWidth <= el.clientWidth")
    page.set_viewport_size({"width": 390, "height": 844})
    assert graphic.evaluate("(el) => el.scrollWidth > el.clientWidth")
    graphic.evaluate("(el) => { el.scrollLeft = el.scrollWidth; }")
    assert graphic.evaluate("(el) => el.scrollLeft") > 0
    assert graphic.evaluate(LABELS_OFFSET) == 0
    graphic.screenshot(path=str(SCREENSHOTS / f"{language}-heat-map-60-scrolled--390.png"))
    labels = graphic.locator(".chart__heat-labels")
    assert labels.get_attribute("aria-hidden") == "true"
    assert labels.is_visible()
    graphic.evaluate("(el) => { el.scrollLeft = 0; }")
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("language", LANGUAGES)
def test_administrator_pages_through_the_heat_map_of_60_departments(
    language: str, page: Any, live_server: Any, cast: Any, sixty: Any, axe_source: str
) -> None:
    with translation.override(language):
        data = heat_map_data(community=sixty, group_by="department")
    groups = list(data.heat_map.groups)
    assert len(groups) == DEPARTMENTS
    journey = Journey(page, axe_source, language, "heat-map-60")
    journey.start(live_server, cast["admin"].user.email)
    main = page.locator("main")
    name = sixty.name_fr if language == "fr" else sixty.name_en
    heat_link = t(language, "Competency heat map of the %(community)s") % {"community": name}
    journey.click(main.get_by_role("link", name=heat_link))
    assert page.locator("h1").inner_text() == t(language, "Competency heat map")
    french(page, language, "Carte thermique des compétences")

    parts = page.locator("nav.guild-parts a")
    group_texts = t(language, "Groups %(first)s to %(last)s of %(total)s")
    expected_parts = [
        group_texts % {"first": first, "last": first + GROUPS_PER_PART - 1, "total": 60}
        for first in range(1, DEPARTMENTS + 1, GROUPS_PER_PART)
    ]
    assert parts.all_inner_texts() == expected_parts
    assert parts.nth(0).get_attribute("aria-current") == "page"
    hidden, published = _check_part(page, data, groups[:GROUPS_PER_PART], language)
    assert page.locator("#suppressed-note .guild-suppressed").count() == 1
    _labels_stay_in_view(page, language)

    for number in (2, 5):
        journey.click(
            page.locator("nav.guild-parts").get_by_role("link", name=expected_parts[number - 1])
        )
        assert page.url.endswith(f"part={number}"), page.url
        current = page.locator("nav.guild-parts a[aria-current=page]")
        assert current.inner_text() == expected_parts[number - 1]
        start = (number - 1) * GROUPS_PER_PART
        more_hidden, more_published = _check_part(
            page, data, groups[start : start + GROUPS_PER_PART], language
        )
        hidden, published = hidden + more_hidden, published + more_published
    assert hidden > 0, "some departments are too small to publish: their cells must show hidden"
    assert published > hidden, "most departments are large enough to publish"
    journey.finish()
