"""Journey: a programme administrator, or a department's coordinator, creates a role
profile with targets and puts a member on it; the member then sees their targets. Only
what the pages show is clicked (tests/browser/test_role_journeys.py); English and
French."""

import re
from typing import Any

import pytest
from django.utils import translation

from guild.competencies.models import MemberRoleProfile, RoleProfile
from guild.competencies.selectors import role_profile_targets
from tests.browser.test_role_journeys import LANGUAGES, Journey, french, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

NAME = {"en": "Information analyst, IS-03", "fr": "Analyste de l'information, IS-03"}
TARGETS = {"RIL-01": "2", "RIL-02": "3", "ACP-01": "4"}


# Who manages the profile, and the member without a profile yet they put on it: the
# programme administrator anyone in the community, the coordinator someone of ESDC.
MANAGERS = [("admin", "other", "Olu"), ("coordinator", "supervisor", "Sam")]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("manager", "assignee", "given_name"), MANAGERS)
def test_manager_creates_a_role_profile_and_the_member_sees_the_targets(
    manager: str,
    assignee: str,
    given_name: str,
    language: str,
    page: Any,
    live_server: Any,
    cast: Any,
    axe_source: str,
) -> None:
    other = cast[assignee]
    journey = Journey(page, axe_source, language, f"role-profile-{manager}")
    journey.start(live_server, cast[manager].user.email)
    manage = page.locator("section[aria-labelledby=admin-heading]")
    journey.click(
        manage.get_by_role(
            "link", name=t(language, "Role profiles: targets and the members on them")
        )
    )
    french(page, language, "Profils de rôle")
    journey.click(page.get_by_role("link", name=t(language, "Create a role profile")).first)

    page.get_by_label(t(language, "Name (English)")).fill(NAME["en"])
    page.get_by_label(t(language, "Name (French)")).fill(NAME["fr"])
    page.get_by_label(t(language, "Work stream")).select_option(index=1)
    page.get_by_label(t(language, "Group and level")).select_option(index=1)
    chosen = {}
    for code, level in TARGETS.items():
        select = page.locator("main table tbody tr", has_text=code).locator("select")
        select.select_option(level)
        chosen[code] = select.locator("option:checked").inner_text().strip()
    journey.click(page.get_by_role("button", name=t(language, "Create the role profile")))
    assert page.get_by_text(t(language, "The role profile was created.")).count() == 1
    profile = RoleProfile.objects.get(name_en=NAME["en"])
    assert role_profile_targets(profile) == {code: int(level) for code, level in TARGETS.items()}

    # The members page opened: put the member on the profile.
    page.get_by_label(re.compile(rf"\b{given_name}\b")).check()
    journey.click(page.get_by_role("button", name=t(language, "Save the changes")))
    with translation.override(language):
        changed = translation.ngettext(
            "%(count)d member's position changed.", "%(count)d members' positions changed.", 1
        ) % {"count": 1}
    assert page.get_by_text(changed).count() == 1
    assert MemberRoleProfile.objects.get(member=other).profile_id == profile.pk

    with page.expect_navigation():
        page.get_by_role("button", name=t(language, "Sign out")).click()
    journey.start(live_server, other.user.email)
    with translation.override(language):
        assess = translation.ngettext(
            "Assess the %(counter)s competency of your role profile not assessed yet",
            "Assess the %(counter)s competencies of your role profile not assessed yet",
            3,
        ) % {"counter": 3}
    assert page.get_by_role("link", name=assess).count() == 1
    journey.click(page.get_by_role("link", name=t(language, "My competencies")).last)
    assert NAME[language] in page.locator("main p strong").first.inner_text()
    rows = page.locator("main table tbody tr")
    assert rows.count() == len(TARGETS)
    shown = {}
    for index in range(rows.count()):
        row = rows.nth(index)
        code = row.locator("th").inner_text().split()[0]
        shown[code] = row.locator("td").first.inner_text().strip()
    assert shown.keys() == chosen.keys()
    for code, label in chosen.items():
        assert label in shown[code] or shown[code] in label, (code, label, shown[code])
    journey.finish()
