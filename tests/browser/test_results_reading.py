"""Results built for reading, as an administrator meets them: from the home page, by
clicking, to a questionnaire's results (counts that agree, bars on an axis scaled to the
data, styled choices), to a breakdown drawn as a heat map, and to the community's
competency heat map. Every page is checked with axe, screenshotted at 1280 and 390 px
(var/screenshots/) and must not be wider than the window at either width; in English and
in French."""

import re
from typing import Any

import pytest

from tests.browser.layout import NARROW, WIDE
from tests.browser.test_role_journeys import Journey, french, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

DOCUMENT_WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"
# Each line of a heat map's column headers, and the header's whole text from the data table
# beside it (turned the same way): a line may hold only whole words of it (or one cut "…").
HEADER_LINES = """(svg) => {
    const table = svg.closest('figure').querySelectorAll('thead th');
    const full = Array.from(table).slice(1).map((th) => th.textContent.trim());
    return Array.from(svg.querySelectorAll('text.chart__label[text-anchor=middle]'))
        .map((text, index) => ({
            full: full[index],
            lines: Array.from(text.querySelectorAll('tspan')).map((span) => span.textContent),
        }));
}"""
SELECT_LOOK = """(el) => {
    const style = getComputedStyle(el);
    return [style.borderTopWidth, style.minHeight, style.appearance, style.fontSize];
}"""


def no_overflow_at_both_widths(page: Any) -> None:
    for size in (WIDE, NARROW):
        page.set_viewport_size(size)
        page.evaluate("() => new Promise((r) => requestAnimationFrame(() => r(true)))")
        width, window = page.evaluate(DOCUMENT_WIDTH)
        assert width <= window, f"{page.url} is {width} px wide at {window} px"
    page.set_viewport_size(WIDE)


def whole_words(header: dict[str, Any]) -> bool:
    words = header["full"].split()
    for line in header["lines"]:
        for word in line.split():
            if word not in words and not (
                word.endswith("…") and any(w.startswith(word[:-1]) for w in words)
            ):
                return False
    return True


@pytest.mark.parametrize("language", ["en", "fr"])
def test_administrator_reads_results_a_breakdown_and_the_heat_map(
    language: str, page: Any, live_server: Any, cast: Any, axe_source: str
) -> None:
    questionnaire = cast["results_questionnaire"]
    journey = Journey(page, axe_source, language, "reading")
    journey.start(live_server, cast["admin"].user.email)

    # Home: the results of the questionnaire, by its link in "what I can look at".
    journey.click(page.locator(f'main a[href$="/questionnaires/{questionnaire.pk}/results/"]'))
    no_overflow_at_both_widths(page)
    main = page.locator("main")
    # One count of respondents, said once, and each question's count says what it is.
    review = main.locator(".guild-review")
    assert review.locator("dt").first.inner_text() == t(
        language, "Respondents (responses published)"
    )
    assert review.locator("dd").first.inner_text() == "26"
    published = t(
        language,
        "These results, published on %(date)s, are refreshed only at the times the "
        "administrators announce and at closing, so responses received since then are not "
        "included yet.",
    ).split("%(date)s")[0]
    snapshot = main.locator(".guild-snapshot").inner_text()
    assert snapshot.startswith(published), snapshot
    answered = t(language, "Answered this question: %(n)s of the %(total)s respondents")
    pattern = re.escape(answered % {"n": "\x00", "total": "26"}).replace("\x00", r"\d+")
    counts = [
        text
        for text in main.locator(".guild-result > p").all_inner_texts()
        if re.fullmatch(pattern, text)
    ]
    assert len(counts) >= 3, main.locator(".guild-result > p").all_inner_texts()
    french(page, language, "Afficher les résultats par")

    # Bars: the axis ends at a round figure at or above the largest bar, said by its ticks.
    first_chart = main.locator("svg.chart__svg").first
    ticks = first_chart.locator("text.chart__tick").all_text_contents()
    assert ticks[0].startswith("0"), ticks
    values = [
        float(re.sub(r"[^\d,.]", "", text.split("(")[0]).replace(",", "."))
        for text in first_chart.locator("text.chart__value").all_text_contents()
    ]
    top = float(re.sub(r"[^\d,.]", "", ticks[-1]).replace(",", "."))
    assert values and max(values) <= top, (values, ticks)
    assert top in (5, 10, 20, 25, 40, 50, 60, 75, 80, 100)
    # The data table stays beside the chart.
    assert main.locator("figure.chart").first.locator("table").count() == 1

    # The "show results by" select looks like the site's fields (GCDS border and height).
    select = main.locator("select#by")
    assert select.evaluate(SELECT_LOOK)[:3] == ["2px", "48px", "none"]
    select.focus()
    assert select.evaluate("(el) => getComputedStyle(el).outlineStyle") == "solid"
    select.select_option(value="department")
    form = select.locator("xpath=ancestor::form")
    journey.click(form.get_by_role("button", name=t(language, "Show"), exact=True))
    assert "/results/by/" in page.url
    no_overflow_at_both_widths(page)
    heat = main.locator("svg.chart__svg").first
    headers = heat.evaluate(HEADER_LINES)
    assert headers and all(whole_words(header) for header in headers), headers
    # Its table scrolls inside its box, the first column fixed.
    first_cell = main.locator(".chart__table tbody th").first
    assert first_cell.evaluate("(el) => getComputedStyle(el).position") == "sticky"

    # Back home, then the competency heat map of the community.
    journey.click(page.locator("gcds-breadcrumbs-item").first.locator("a"))
    heat_link = t(language, "Competency heat map of the %(community)s")
    community = cast["framework"].community
    name = community.name_fr if language == "fr" else community.name_en
    journey.click(main.get_by_role("link", name=heat_link % {"community": name}))
    assert "/competencies/heat-map/" in page.url
    no_overflow_at_both_widths(page)
    for svg in main.locator("svg.chart__svg").all():
        headers = svg.evaluate(HEADER_LINES)
        assert all(whole_words(header) for header in headers), headers
    french(page, language, "Carte thermique des compétences")
    journey.finish()
