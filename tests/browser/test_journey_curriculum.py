"""Journey: the IM Certificate curriculum's version 2 is open for endorsement (the demo's
curriculum). A member follows the item on their home page, reads the version, comments on
it (a comment without text refused first) and finds it listed with their name; the item
leaves their home page. The programme administrator goes from home through the menu to the
curriculum, approves version 2, and the certification programme's page of a member shows
the course version 2 added to the rules; then starts a new curriculum from the list. Only
what the pages show is clicked; English and French; axe and 390 px on every page."""

from typing import Any

import pytest

from guild.demo.curricula import NEW_CORE_COURSE, seed_curriculum
from guild.demo.learning import catalogue_file, seed_certificate
from guild.learning.models import CertificationProgramme, Course, Endorsement
from guild.learning.services import course_import
from guild.organizations.models import Community
from tests.browser.browsing import open_page
from tests.browser.test_role_journeys import LANGUAGES, Journey, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

NAME = {"en": "IM Certificate", "fr": "Certificat en GI"}
COMMENT = {
    "en": "Please offer the leadership course in the regions.",
    "fr": "Veuillez offrir le cours de leadership en région.",
}


@pytest.fixture
def curriculum(cast: dict[str, Any]) -> Any:
    """The demo catalogue, the IM Certificate programme and its curriculum (version 1
    approved, version 2 open, with the coordinator's endorsement for ESDC)."""
    admin = cast["admin"].user
    im = Community.objects.get(code="im")
    course_import(actor=admin, community=im, content=catalogue_file(), file_format="csv")
    seed_certificate(community=im, actor=admin)
    return seed_curriculum(community=im, actor=admin)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_member_comments_and_the_administrator_approves_version_2(
    language: str,
    page: Any,
    browser: Any,
    live_server: Any,
    cast: Any,
    curriculum: Any,
    axe_source: str,
) -> None:
    member = cast["member"]
    journey = Journey(page, axe_source, language, "curriculum-member")
    journey.start(live_server, member.user.email)
    main = page.locator("main")
    item = t(language, "Version %(number)s of %(name)s is open for endorsement") % {
        "name": NAME[language],
        "number": 2,
    }
    waiting = page.locator("section[aria-labelledby=waiting-heading]")
    journey.click(waiting.get_by_role("link", name=item))
    heading = t(language, "%(name)s, version %(number)s") % {"name": NAME[language], "number": 2}
    assert page.locator("h1").inner_text() == heading
    new_course = Course.objects.get(code=NEW_CORE_COURSE)
    new_title = new_course.title_fr if language == "fr" else new_course.title_en
    assert new_title in main.locator("#core-courses").inner_text()
    assert main.locator("#competency-map tbody tr").count() > 0
    notice = t(
        language,
        "What you write here is not anonymous: your name and your department are shown "
        "with it to everyone who reads this curriculum.",
    )
    assert main.locator("#attribution").inner_text().strip() == notice

    main.get_by_label(t(language, "I have a comment")).check()
    send = main.get_by_role("button", name=t(language, "Send"), exact=True)
    journey.submit_refused(send)
    assert main.locator("#id_text_error").inner_text().endswith(t(language, "Write your comment."))
    assert not Endorsement.objects.filter(member=member).exists()
    main.get_by_label(t(language, "I have a comment")).check()
    main.get_by_label(t(language, "Comment"), exact=True).fill(COMMENT[language])
    journey.click(main.get_by_role("button", name=t(language, "Send"), exact=True))
    assert page.locator(".guild-messages").inner_text().strip() == t(
        language, "Thank you: what you said is recorded."
    )
    said = main.locator("#endorsements li", has_text=member.full_name)
    assert said.count() == 1
    assert COMMENT[language] in said.inner_text()
    assert t(language, "Comment") in said.inner_text()
    assert Endorsement.objects.get(member=member, department=None).text == COMMENT[language]
    journey.click(page.locator("gcds-top-nav > gcds-nav-link:not([slot])").first)
    assert waiting.get_by_role("link", name=item).count() == 0
    journey.finish()

    admin_page = open_page(browser)
    admin = Journey(admin_page, axe_source, language, "curriculum-admin")
    admin.start(live_server, cast["admin"].user.email)
    admin_main = admin_page.locator("main")
    group = admin_page.locator(f"gcds-nav-group[open-trigger='{t(language, 'Competencies')}']")
    group.locator("button").first.click()
    admin.click(group.get_by_role("link", name=t(language, "Curricula"), exact=True))
    admin.click(admin_main.get_by_role("link", name=NAME[language], exact=True))
    admin.click(admin_main.locator("#current-version"))
    assert admin_page.locator("h1").inner_text() == heading
    approve = admin_page.locator("section[aria-labelledby=manage-heading] details.guild-confirm")
    approve.locator("summary").click()
    admin.click(approve.get_by_role("button", name=t(language, "Yes, approve"), exact=True))
    assert admin_page.locator(".guild-messages").inner_text().strip() == t(
        language, "The version is approved; the certification programme's rules now use it."
    )
    second = curriculum.versions.get(number=2)
    assert admin_main.locator(f"#version-{second.pk}-status").inner_text() == t(
        language, "Approved"
    )
    programme = CertificationProgramme.objects.get(code="im-certificate")
    assert NEW_CORE_COURSE in programme.rules["required"] and programme.rules_version == 2

    breadcrumbs = admin_page.locator("gcds-breadcrumbs")
    admin.click(breadcrumbs.get_by_role("link", name=NAME[language], exact=True))
    assert t(language, "Approved") in admin_main.locator("#curriculum-versions").inner_text()
    programme_name = programme.name_fr if language == "fr" else programme.name_en
    admin.click(admin_main.get_by_role("link", name=programme_name, exact=True))
    row = admin_page.locator("#programme-members tr", has_text=member.full_name)
    admin.click(row.get_by_role("link", name=member.full_name))
    needed = t(language, "Required course %(course)s: not done yet.") % {"course": new_title}
    assert needed in admin_main.locator("#member-explanation").inner_text()

    # A new curriculum: from the menu, its form (every error at once), then its first draft.
    group.locator("button").first.click()
    admin.click(group.get_by_role("link", name=t(language, "Curricula"), exact=True))
    admin.click(admin_main.get_by_role("link", name=t(language, "New curriculum"), exact=True))
    create = admin_main.get_by_role("button", name=t(language, "Create the curriculum"))
    admin.submit_refused(create)
    for field in ("code", "name_en", "name_fr"):
        assert admin_main.locator(f"#id_{field}_error").count() == 1
    admin_main.get_by_label(t(language, "Code")).fill("records-path")
    admin_main.get_by_label(t(language, "Name (English)")).fill("Records path")
    admin_main.get_by_label(t(language, "Name (French)")).fill("Parcours en tenue de documents")
    admin.click(admin_main.get_by_role("button", name=t(language, "Create the curriculum")))
    named = "Parcours en tenue de documents" if language == "fr" else "Records path"
    assert admin_page.locator("h1").inner_text() == t(
        language, "Edit the draft of %(name)s, version %(number)s"
    ) % {"name": named, "number": 1}
    assert curriculum.community.curricula.get(code="records-path").versions.get().status == "draft"
    admin.finish()
    admin_page.context.close()
