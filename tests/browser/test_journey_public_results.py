"""Journey: a questionnaire's results are published; a member reads them from their home
page, and a visitor who is not signed in reads the public results page whose address the
programme administrator finds on the questionnaire's management page. Only what the
pages show is clicked (tests/browser/test_role_journeys.py); English and French."""

import re
from typing import Any

import pytest
from django.utils import translation

from tests.browser.test_role_journeys import LANGUAGES, Journey, french, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def check_department_figures(page: Any) -> None:
    """The department question's table: ESDC's 12 of the 26 respondents, and the 14 of
    the smaller organizations pooled in one row."""
    esdc = page.locator(".guild-results table tbody tr", has_text="ESDC").first
    assert esdc.locator("td").last.inner_text() == "12"
    pooled = (
        page.locator(".guild-results table tbody tr")
        .filter(
            has=page.locator(
                "th", has_text=re.compile("^(Other organizations|Autres organisations)$")
            )
        )
        .first
    )
    assert pooled.locator("td").last.inner_text() == "14"


@pytest.mark.parametrize("language", LANGUAGES)
def test_member_and_visitor_read_the_published_results(
    language: str, browser: Any, page: Any, live_server: Any, cast: Any, axe_source: str
) -> None:
    questionnaire = cast["results_questionnaire"]
    with translation.override(language):
        title = questionnaire.title_fr if language == "fr" else questionnaire.title_en
        results_text = translation.gettext("Results of “%(title)s”") % {"title": title}

    journey = Journey(page, axe_source, language, "public-results-member")
    journey.start(live_server, cast["member"].user.email)
    look = page.locator("section[aria-labelledby=look-heading]")
    # The newest questionnaire comes first: the one whose results hold 26 responses.
    journey.click(look.get_by_role("link", name=results_text).first)
    french(page, language, "À propos des données masquées")
    respondents = page.locator(".guild-review__row").first  # respondents, then the rate
    assert respondents.locator("dd").inner_text() == "26"
    # One page per section; this questionnaire has one, listed in the contents.
    contents = page.locator("nav.guild-results-toc a")
    assert contents.count() == 1
    assert contents.first.get_attribute("aria-current") == "page"
    check_department_figures(page)

    # The administrator finds the public address on the questionnaire's management page.
    with page.expect_navigation():
        page.get_by_role("button", name=t(language, "Sign out")).click()
    admin = Journey(page, axe_source, language, "public-results-admin")
    admin.start(live_server, cast["admin"].user.email)
    manage = page.locator("section[aria-labelledby=admin-heading]")
    admin.click(manage.get_by_role("link", name=t(language, "Manage questionnaires")))
    rows = page.locator("main table tbody tr", has_text=t(language, "Yes"))
    published_rows = [
        rows.nth(i)
        for i in range(rows.count())
        if rows.nth(i).locator("td").last.inner_text() == t(language, "Yes")
    ]
    assert len(published_rows) == 1
    admin.click(published_rows[0].get_by_role("link"))
    address = page.locator("main a[href*='/results/']").filter(has_text="/results/")
    assert address.count() == 1
    public_url = address.get_attribute("href")

    # A visitor who is not signed in opens the address they were given.
    context = browser.new_context(locale="en-CA", viewport={"width": 1280, "height": 900})
    try:
        visitor_page = context.new_page()
        visitor_page.guild_problems = []
        visitor_page.on("pageerror", lambda error: visitor_page.guild_problems.append(str(error)))
        visitor = Journey(visitor_page, axe_source, language, "public-results-visitor")
        response = visitor_page.goto(f"{live_server.url}{public_url}")
        assert response is not None and response.status == 200
        visitor.check()
        assert visitor_page.get_by_role("button", name=t(language, "Sign out")).count() == 0
        respondents = visitor_page.locator(".guild-review__row").first
        assert respondents.locator("dd").inner_text() == "26"
        check_department_figures(visitor_page)
        visitor.finish()
    finally:
        context.close()
    journey.finish()
    admin.finish()
