"""A programme administrator removes a member from the community, as they would: from the
home page to the directory, the member's page, the question with its reason (first
forgotten, and the page says so at once), and back to the community's directory, where
the member no longer appears. In English and in French, every page checked with axe."""

from typing import Any

import pytest
from django.utils import translation

from guild.core.bilingual import localize
from guild.core.models import AuditEvent
from guild.members.access import is_community_member
from guild.organizations.models import Community
from tests.browser.test_role_journeys import LANGUAGES, Journey, french, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

REASON = "Left the public service in November"


@pytest.mark.parametrize("language", LANGUAGES)
def test_administrator_removes_a_member_from_the_community(
    language: str, page: Any, live_server: Any, cast: Any, axe_source: str
) -> None:
    im = Community.objects.get(code="im")
    member = cast["member"]
    journey = Journey(page, axe_source, language, "membership-removal")
    journey.start(live_server, cast["admin"].user.email)

    journey.click(
        page.get_by_role("link", name=t(language, "Find colleagues in the member directory"))
    )
    french(page, language, "Répertoire des membres")
    page.select_option("#id_community", str(im.pk))
    page.fill("#id_q", "Mia")
    page.get_by_role("button", name=t(language, "Search"), exact=True).click()
    page.wait_for_function(
        "() => document.querySelectorAll('#directory-results tbody tr').length === 1"
    )
    journey.check()
    journey.click(page.locator("#directory-results tbody tr a", has_text="Member, Mia"))
    assert page.locator("h1").inner_text() == "Mia Member"

    page.locator("summary", has_text=t(language, "Remove from this community")).click()
    confirm = page.get_by_role("button", name=t(language, "Yes, remove"))
    with page.expect_navigation() as navigation:
        confirm.click()
    assert navigation.value.status == 400
    error = page.locator(f"#id_c{im.pk}-reason_error")
    assert error.inner_text().endswith(t(language, "Give the reason for removing this member."))
    assert page.locator("details.guild-confirm").get_attribute("open") == ""
    journey.check()
    assert is_community_member(member.user, im.pk)

    page.locator(f"#id_c{im.pk}-reason").fill(REASON)
    journey.click(page.get_by_role("button", name=t(language, "Yes, remove")))
    assert page.url.endswith(f"/{language}/members/?community={im.pk}")
    with translation.override(language):
        done = translation.gettext("%(name)s was removed from %(community)s.") % {
            "name": "Mia Member",
            "community": str(localize(im, "name")),
        }
    assert page.locator(".guild-messages").get_by_text(done, exact=True).is_visible()
    names = page.locator("#directory-results tbody tr a").all_inner_texts()
    assert "Member, Mia" not in names
    assert "Admin, Ada" in names

    assert not is_community_member(member.user, im.pk)
    event = AuditEvent.objects.get(action="membership.remove")
    assert (event.actor_id, event.object_id, event.changes["reason"]) == (
        cast["admin"].user.pk,
        str(member.pk),
        REASON,
    )
    french(
        page,
        language,
        "Retrait effectué : Mia Member ne fait plus partie de "
        "« Communauté de la gestion de l'information ».",
    )
    journey.finish()
