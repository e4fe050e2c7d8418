"""Journey: a committee member reads a questionnaire's results in full from their home page
(a breakdown chosen from the list, a cross-tabulation), then downloads the frequencies. A
question answered by only some of the respondents, too few to be broken down, is named on
the breakdown and kept, service-wide only, in the file. Only what the pages show is clicked
(tests/browser/test_role_journeys.py); English and French."""

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from tests.browser.test_role_journeys import LANGUAGES, Journey, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.mark.parametrize("language", LANGUAGES)
def test_committee_member_reads_breakdowns_and_downloads_the_frequencies(
    language: str, page: Any, live_server: Any, cast: Any, axe_source: str, tmp_path: Path
) -> None:
    questionnaire = cast["results_questionnaire"]
    with translation.override(language):
        title = questionnaire.title_fr if language == "fr" else questionnaire.title_en
        results_text = translation.gettext("Results of “%(title)s”") % {"title": title}
    journey = Journey(page, axe_source, language, "committee")
    journey.start(live_server, cast["committee"].user.email)
    look = page.locator("section[aria-labelledby=look-heading]")
    journey.click(look.get_by_role("link", name=results_text).first)

    # A breakdown, chosen from the list the page offers: "Training" (15 of 26 answered) is
    # not offered, and the breakdown says it is published service-wide only.
    suffix = " (fr)" if language == "fr" else ""  # the test questionnaire's French labels
    offered = page.locator("select#by option").all_inner_texts()
    assert f"Region{suffix}" in offered and f"Training{suffix}" not in offered
    page.locator("select#by").select_option(label=f"Region{suffix}")
    journey.click(page.locator("form", has=page.locator("select#by")).get_by_role("button"))
    assert "/by/region/" in page.url
    note = page.locator(".guild-results p.guild-note").filter(
        has_text="50"
    )  # "… fewer than 50 …", in either language
    assert note.count() == 1 and note.first.is_visible()
    opening = "Non ventilées, car seuls certains" if language == "fr" else "Not broken down"
    assert note.first.inner_text().startswith(opening)
    thin = note.locator("xpath=following-sibling::ul[1]/li").all_inner_texts()
    assert thin == [f"Training{suffix}", f"Priorities{suffix}", f"Comment{suffix}"], thin

    # A cross-tabulation: satisfaction by region, with its table.
    journey.click(page.get_by_role("link", name=t(language, "Cross-tabulation")))
    page.locator("select#rows").select_option("satisfied")
    page.locator("select#columns").select_option("region")
    journey.click(page.get_by_role("button", name=t(language, "Show the table")))
    assert page.locator(".guild-results table").count() >= 1

    # The frequencies, from the results page's own link.
    journey.click(page.get_by_role("link", name=t(language, "Exports"), exact=True))
    assert page.get_by_role("button", name=t(language, "Responses (CSV)")).count() == 0
    journey.click(page.get_by_role("button", name=t(language, "Frequencies (CSV)")))
    download = page.locator(".job a[href*='/download']").first
    download.wait_for(timeout=20_000)
    with page.expect_download() as info:
        download.click()
    target = tmp_path / "frequencies.csv"
    info.value.save_as(target)
    rows = list(csv.DictReader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    training = [row for row in rows if row["question"] == "training"]
    assert training and {row["group"] for row in training} == {""}
    assert {row["group"] for row in rows if row["question"] == "satisfied"} > {""}
    journey.finish()
