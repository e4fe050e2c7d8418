"""Journey: a programme administrator imports a public CASE framework written in English
only (OpenSALT's ACT Holistic Framework), finds the draft cannot be published until it is
translated, opens the translation page from the draft, types the French of every text,
saves, and publishes after the confirmation. Only what the pages show is clicked;
English and French."""

from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from guild.competencies.models import FrameworkVersion
from tests.browser.test_role_journeys import LANGUAGES, Journey, french, nt, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

ORDERING = Path(__file__).resolve().parents[1] / "fixtures/outside/case/opensalt-Ordering.json"


@pytest.mark.parametrize("language", LANGUAGES)
def test_administrator_translates_an_english_framework_and_publishes_it(
    language: str, page: Any, live_server: Any, cast: Any, axe_source: str
) -> None:
    admin = cast["admin"]
    journey = Journey(page, axe_source, language, "framework-translation")
    journey.start(live_server, admin.user.email)
    manage = page.locator("section[aria-labelledby=admin-heading]")
    journey.click(manage.get_by_role("link", name=t(language, "Manage competency frameworks")))
    french(page, language, "Référentiels de compétences")
    journey.click(
        page.get_by_role("link", name=t(language, "Import a framework (CASE JSON or CSV)"))
    )
    page.get_by_label(t(language, "1EdTech CASE 1.0 or 1.1 package (JSON)")).check()
    page.locator("input[type=file]").set_input_files(str(ORDERING))
    journey.click(page.get_by_role("button", name=t(language, "Import"), exact=True))
    result = page.locator("#job-result a")
    result.wait_for(timeout=15_000)
    journey.check()
    journey.click(result)
    version = FrameworkVersion.objects.get(title_en="ACT Holistic Framework, Math")
    with translation.override(language):
        lacking = translation.ngettext(
            "This draft still lacks %(counter)s text in English or French: publishing needs "
            "both languages.",
            "This draft still lacks %(counter)s texts in English or French: publishing needs "
            "both languages.",
            29,
        ) % {"counter": 29}
    assert page.get_by_text(lacking).count() == 1

    journey.click(page.get_by_role("link", name=t(language, "Translate this draft")))
    english = page.locator("textarea[lang=en]")
    french_texts = page.locator("textarea[lang=fr]")
    assert english.count() == french_texts.count() == 1 + 4 + 4 + 24 * 2
    assert english.first.input_value() == "ACT Holistic Framework, Math"
    filled = 0
    for index in range(french_texts.count()):
        source = english.nth(index).input_value()
        if source and not french_texts.nth(index).input_value():
            french_texts.nth(index).fill(f"FR {source}")
            filled += 1
    # the 29 names publishing needs, and the 11 descriptions the file gives
    assert filled == 29 + 11
    journey.check()
    journey.click(page.get_by_role("button", name=t(language, "Save the translation")))
    assert (
        page.get_by_text(
            nt(language, "%(count)d text changed.", "%(count)d texts changed.", 40) % {"count": 29}
        ).count()
        == 1
    )
    assert page.get_by_text(lacking).count() == 0

    confirm = page.locator("details.guild-confirm")
    confirm.locator("summary").click()
    journey.click(confirm.get_by_role("button", name=t(language, "Yes, publish")))
    assert (
        page.get_by_text(t(language, "The version was published; it can no longer change.")).count()
        == 1
    )
    version.refresh_from_db()
    assert (version.is_published, version.title_fr) == (True, "FR ACT Holistic Framework, Math")
    journey.finish()
