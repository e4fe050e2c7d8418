"""Journey: a programme administrator opens the workforce view of a questionnaire's
published results from their home page and reads its tables, hidden figures marked "x".
Only what the pages show is clicked (tests/browser/test_role_journeys.py); English and
French."""

from typing import Any

import pytest
from django.utils import translation

from guild.core.disclosure.cells import Suppressed
from guild.workforce.selectors import questionnaire_workforce
from tests.browser.test_role_journeys import LANGUAGES, Journey, french, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def open_workforce(journey: Journey, live_server: Any, cast: Any) -> None:
    """From the administrator's home: the results of the questionnaire with 26 responses
    (the newest, so the first listed), then its workforce page."""
    page, language = journey.page, journey.language
    questionnaire = cast["results_questionnaire"]
    journey.start(live_server, cast["admin"].user.email)
    look = page.locator("section[aria-labelledby=look-heading]")
    with translation.override(language):
        title = questionnaire.title_fr if language == "fr" else questionnaire.title_en
        results_text = translation.gettext("Results of “%(title)s”") % {"title": title}
    journey.click(look.get_by_role("link", name=results_text).first)
    respondents = page.locator(".guild-review__row").first  # respondents, then the rate
    assert respondents.locator("dd").inner_text() == "26"
    nav = page.locator("nav.guild-results-nav")
    journey.click(nav.get_by_role("link", name=t(language, "Workforce"), exact=True))
    assert page.locator("h1").inner_text() == t(language, "Workforce: eligibility to retire")


@pytest.mark.parametrize("language", LANGUAGES)
def test_administrator_reads_the_workforce_tables(
    language: str, page: Any, live_server: Any, cast: Any, axe_source: str
) -> None:
    questionnaire = cast["results_questionnaire"]
    workforce = questionnaire_workforce(questionnaire)
    assert workforce is not None
    journey = Journey(page, axe_source, language, "workforce")
    open_workforce(journey, live_server, cast)
    french(page, language, "À propos des données masquées")
    tables = page.locator("main table[id^=workforce-]")
    assert tables.count() == len(workforce.tables)
    hidden = 0
    for index, table in enumerate(workforce.tables):
        shown = tables.nth(index)
        assert shown.get_attribute("id") == f"workforce-{table.by}"
        with translation.override(language):
            caption = translation.gettext("Eligibility to retire by “%(label)s”") % {
                "label": table.label.get(language)
            }
        assert shown.locator("caption").inner_text() == caption
        headers = shown.locator("thead th").all_inner_texts()
        assert headers[1:-1] == [label.get(language) for label in workforce.horizon_labels]
        body = shown.locator("tbody tr")
        expected_rows = (*table.rows, table.overall)
        assert body.count() == len(expected_rows)
        for number, row in enumerate(expected_rows):
            shown_row = body.nth(number)
            assert shown_row.locator("th").inner_text() == row.label.get(language)
            cells = shown_row.locator("td")
            values = [*row.within, row.total]
            assert cells.count() == len(values)
            for position, value in enumerate(values):
                cell = cells.nth(position)
                if isinstance(value, Suppressed):
                    # Sighted readers see "x", screen readers hear the word, the title says why.
                    mark = cell.locator(".guild-suppressed")
                    assert mark.locator("[aria-hidden=true]").inner_text() == "x"
                    assert mark.locator(".visually-hidden").inner_text() == t(
                        language, "Suppressed"
                    )
                    hidden += 1
                else:
                    assert cell.inner_text() == str(value), (table.by, number, position)
    assert hidden > 0, "the sample hides some figures: the page must show them hidden"
    journey.finish()
