"""Journey: a programme administrator opens the workforce view of a questionnaire's results
from their home page and reads each chart beside its table: a bar for each published
figure, a hatched "Suppressed" box where the table shows "x", the chart named for screen
readers, nothing wider than a phone. Only what the pages show is clicked; English and
French (tests/browser/test_role_journeys.py)."""

from typing import Any

import pytest
from django.utils import translation

from guild.core.charts import format_count
from guild.core.disclosure.cells import Suppressed
from guild.workforce.selectors import questionnaire_workforce
from tests.browser.test_journey_workforce import open_workforce
from tests.browser.test_role_journeys import LANGUAGES, Journey, french, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# Each bar, in drawing order: the width of a drawn bar and its printed value, or the
# placeholder's word.
BARS = """(svg) => Array.from(svg.querySelectorAll('.chart__bar, .chart__suppressed')).map(
    (element) => element.classList.contains('chart__suppressed')
        ? ['hidden', element.querySelector('text').textContent]
        : [element.getAttribute('width'), element.nextElementSibling.textContent])"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_administrator_reads_each_workforce_chart_beside_its_table(
    language: str, page: Any, live_server: Any, cast: Any, axe_source: str
) -> None:
    questionnaire = cast["results_questionnaire"]
    workforce = questionnaire_workforce(questionnaire)
    assert workforce is not None
    journey = Journey(page, axe_source, language, "workforce-charts")
    open_workforce(journey, live_server, cast)
    french(page, language, "Déjà admissibles")

    figures = page.locator("main figure.chart")
    assert figures.count() == len(workforce.tables)
    hidden = drawn = 0
    for index, table in enumerate(workforce.tables):
        figure = figures.nth(index)
        with translation.override(language):
            caption = translation.gettext("Eligibility to retire by “%(label)s”") % {
                "label": table.label.get(language)
            }
        assert figure.locator("figcaption").inner_text() == caption
        svg = figure.locator(f"svg#workforce-{table.by}-chart")
        assert svg.get_attribute("role") == "img"
        assert svg.locator("title").first.text_content() == caption
        assert svg.is_visible()
        assert figure.locator(f"table#workforce-{table.by}").count() == 1

        rows = (*table.rows, table.overall)
        labels = svg.locator(".chart__label").all_text_contents()
        assert labels == [row.label.get(language) for row in rows]
        bars = svg.evaluate(BARS)
        expected = [value for row in rows for value in row.within]
        assert len(bars) == len(expected)
        for (width, text), value in zip(bars, expected, strict=True):
            if isinstance(value, Suppressed):
                assert (width, text) == ("hidden", t(language, "Suppressed"))
                hidden += 1
            else:
                with translation.override(language):
                    assert text == format_count(value)
                assert width != "hidden"
                drawn += 1
    assert hidden > 0 and drawn > 0, "the sample hides some figures and publishes others"
    journey.finish()
