"""A programme administrator brings a real public XLSForm (pyxform's own loop.xlsx: an
"or_other" question and a repeat, in English only) by clicking from the home page: the
import stops for a review (what comes in, what is changed, what cannot come in), they
import it as reviewed, publishing is refused until it is translated, they fill in the
French on the translation page and publish. In English and in French; every page passes
axe and is screenshotted (var/screenshots/)."""

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import ngettext

from guild.organizations.models import Community
from guild.questionnaires.models import Questionnaire, VersionStatus
from tests.browser.test_role_journeys import Journey, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

LOOP = Path(settings.BASE_DIR) / "tests" / "fixtures" / "outside" / "pyxform" / "loop.xlsx"
# The six texts loop.xlsx gives in English only, in the translation page's order.
FRENCH = [
    "Boucle",
    "Installations",
    "Quels types de toilettes y a-t-il sur les lieux?",
    "Latrine à fosse avec dalle",
    "Latrine à fosse sans dalle ou fosse ouverte",
    "Seau",
]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_administrator_reviews_imports_translates_and_publishes_a_real_form(
    language: str, page: Any, live_server: Any, cast: Any, axe_source: str
) -> None:
    journey = Journey(page, axe_source, language, "import-review")
    journey.start(live_server, cast["admin"].user.email)
    main = page.locator("main")

    journey.click(main.get_by_role("link", name=t(language, "Manage questionnaires")))
    journey.click(main.get_by_role("link", name=t(language, "Create a questionnaire")))
    page.select_option("#id_community", str(Community.objects.get(code="im").pk))
    page.fill("#id_slug", "toilets")
    page.set_input_files("#id_file", str(LOOP))
    journey.click(main.locator("form button[type=submit]"))

    # The job page: read, waiting for a decision, nothing saved.
    assert main.locator("#job-review").count() == 1
    assert not Questionnaire.objects.filter(slug="toilets").exists()
    journey.click(
        main.get_by_role("link", name=t(language, "Review what the file brings in, and decide"))
    )

    assert page.locator("h1").inner_text() == t(language, "Review the import")
    summary = main.locator("#review-summary")
    assert summary.locator("tr").nth(2).locator("td").inner_text() == "2"
    assert summary.locator("tr").nth(3).locator("td").inner_text() == "6"
    changed = main.locator("#review-changed tbody tr")
    dropped = main.locator("#review-dropped tbody tr")
    assert changed.count() == 2 and dropped.count() == 1
    assert dropped.first.locator("td").all_inner_texts()[:3] == ["survey", "3", "type (A)"]
    journey.click(main.get_by_role("button", name=t(language, "Import as reviewed")))

    questionnaire = Questionnaire.objects.get(slug="toilets")
    assert page.url.endswith(f"/{language}/questionnaires/manage/{questionnaire.pk}/")
    status = main.locator("#translation-status")
    with translation.override(language):
        untranslated = ngettext(
            "%(count)s text of version %(number)s has no translation yet; it must be in "
            "English and in French before it is published.",
            "%(count)s texts of version %(number)s have no translation yet; they must be in "
            "English and in French before it is published.",
            6,
        ) % {"count": 6, "number": 1}
    assert status.inner_text().startswith(untranslated)

    # Publishing is refused, and the message leads to the translation page.
    main.locator("details.guild-confirm summary").click()
    journey.click(main.get_by_role("button", name=t(language, "Yes, publish")))
    assert questionnaire.versions.get().status == VersionStatus.DRAFT
    journey.click(main.locator(".guild-messages").get_by_role("link"))

    assert main.locator("#translation tbody tr").count() == 8
    empty = [
        area
        for area in main.locator("#translation textarea[name$='-fr']").all()
        if not area.input_value()
    ]
    assert len(empty) == len(FRENCH)
    for area, text in zip(empty, FRENCH, strict=True):
        area.fill(text)
    journey.click(main.get_by_role("button", name=t(language, "Save the texts")))
    assert main.locator("#untranslated-count").inner_text() == t(
        language, "Version %(number)s (draft): every text is in English and in French."
    ) % {"number": 1}

    journey.click(main.get_by_role("link", name=t(language, "Back to the questionnaire")))
    main.locator("details.guild-confirm summary").click()
    journey.click(main.get_by_role("button", name=t(language, "Yes, publish")))
    assert questionnaire.versions.get().status == VersionStatus.PUBLISHED
    questionnaire.refresh_from_db()
    assert (questionnaire.title_en, questionnaire.title_fr) == ("loop", "Boucle")
    journey.finish()
