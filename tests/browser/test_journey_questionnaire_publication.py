"""Journey: a programme administrator creates a questionnaire, publishes it after the
confirmation, schedules when its results are refreshed and publishes its results page;
a member then finds it waiting on their home page and opens it. Only what the pages
show is clicked (tests/browser/test_role_journeys.py); English and French."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone, translation

from guild.organizations.models import Community
from guild.questionnaires.models import Questionnaire, RefreshPoint, VersionStatus
from tests.browser.test_role_journeys import LANGUAGES, Journey, french, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TITLE = {"en": "Pulse check", "fr": "Prise de pouls"}


def open_management(journey: Journey, language: str) -> None:
    """From the home page's "What you manage" list to the questionnaires managed."""
    page = journey.page
    manage = page.locator("section[aria-labelledby=admin-heading]")
    journey.click(manage.get_by_role("link", name=t(language, "Manage questionnaires")))
    assert page.locator("h1").inner_text() == t(language, "Manage questionnaires")


@pytest.mark.parametrize("language", LANGUAGES)
def test_administrator_publishes_a_questionnaire_and_a_member_finds_it(
    language: str, page: Any, live_server: Any, cast: Any, axe_source: str
) -> None:
    admin, member = cast["admin"], cast["member"]
    journey = Journey(page, axe_source, language, "publish-questionnaire")
    journey.start(live_server, admin.user.email)
    open_management(journey, language)
    journey.click(page.get_by_role("link", name=t(language, "Create a questionnaire")))
    french(page, language, "Créer un questionnaire")

    community = Community.objects.get(code="im")
    with translation.override(language):
        community_name = str(community)
    page.get_by_label(t(language, "Community")).select_option(label=community_name)
    page.get_by_label(t(language, "Short name")).fill("pulse-2026")
    page.get_by_label(t(language, "A blank questionnaire")).check()
    page.get_by_label(t(language, "Title in English")).fill(TITLE["en"])
    page.get_by_label(t(language, "Title in French")).fill(TITLE["fr"])
    journey.click(page.get_by_role("button", name=t(language, "Create the draft")))
    assert page.get_by_text(t(language, "The questionnaire was created as a draft.")).count() == 1
    assert page.locator("h1").inner_text() == TITLE[language]
    questionnaire = Questionnaire.objects.get(slug="pulse-2026")
    assert list(questionnaire.versions.values_list("number", "status")) == [
        (1, VersionStatus.DRAFT)
    ]

    # Publishing asks first; the question is only shown once the button is pressed.
    with translation.override(language):
        label = translation.gettext("Publish version %(number)s") % {"number": 1}
        question = translation.gettext(
            "Publish version %(number)s? Members can answer it at once, and a published "
            "version can no longer change."
        ) % {"number": 1}
    confirm = page.locator("details.guild-confirm")
    assert not page.get_by_text(question).is_visible()
    confirm.locator("summary", has_text=label).click()
    assert page.get_by_text(question).is_visible()
    journey.click(confirm.get_by_role("button", name=t(language, "Yes, publish")))
    with translation.override(language):
        published = translation.gettext("Version %(number)d is published.") % {"number": 1}
    assert page.get_by_text(published).count() == 1
    assert list(questionnaire.versions.values_list("number", "status")) == [
        (1, VersionStatus.PUBLISHED)
    ]

    journey.click(page.get_by_role("link", name=t(language, "When results are published")))
    assert page.locator("h1").inner_text() == t(language, "When results are published")
    french(page, language, "Rien n\u2019a encore été publié.")
    due = timezone.localtime() + timedelta(days=14)
    page.get_by_label(t(language, "Refresh the results at")).fill(due.strftime("%Y-%m-%dT%H:%M"))
    journey.click(page.get_by_role("button", name=t(language, "Schedule"), exact=True))
    assert page.get_by_text(t(language, "The refresh is scheduled.")).count() == 1
    scheduled = page.locator("table tbody tr")
    assert scheduled.count() == 1
    point = RefreshPoint.objects.get(questionnaire=questionnaire)
    assert timezone.localtime(point.due_at).strftime("%Y-%m-%dT%H:%M") == due.strftime(
        "%Y-%m-%dT%H:%M"
    )

    journey.click(page.get_by_role("link", name=t(language, "Back to the questionnaire")))
    journey.click(page.get_by_role("button", name=t(language, "Publish the results page")))
    assert page.get_by_text(t(language, "The results page is published.")).count() == 1
    public = page.locator("main a[href*='/results/']").filter(has_text="/results/")
    assert public.count() == 1
    questionnaire.refresh_from_db()
    assert questionnaire.results_published
    assert public.inner_text().endswith(f"/results/{questionnaire.results_token}/")

    # The member signs in: the new questionnaire waits for them on their home page.
    with page.expect_navigation():
        page.get_by_role("button", name=t(language, "Sign out")).click()
    journey.start(live_server, member.user.email)
    waiting = page.locator("section[aria-labelledby=waiting-heading]")
    journey.click(waiting.get_by_role("link", name=TITLE[language]))
    assert page.locator("h1").inner_text() == TITLE[language]
    journey.click(page.get_by_role("button", name=t(language, "Start"), exact=True))
    question = {"en": "Do you have any comments?", "fr": "Avez-vous des commentaires?"}[language]
    assert page.get_by_label(question).count() == 1
    journey.finish()
