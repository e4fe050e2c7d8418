"""Journey: a member goes from their home page to the course catalogue, opens the IM
Leadership Course, enrols in its pilot offering and finds it in My learning; the
programme administrator goes from their home page to the offering's roster, records the
member's completion with every error of a wrong try shown at once, and the member's My
learning shows the result. Only what the pages show is clicked
(tests/browser/test_role_journeys.py); English and French; axe and 390 px on every page."""

import datetime
from typing import Any

import pytest
from django.utils import timezone, translation

from guild.demo.learning import catalogue_file
from guild.learning.models import Completion, Course, Enrolment
from guild.learning.services import course_import, offering_save
from guild.organizations.models import Community
from tests.browser.browsing import open_page
from tests.browser.test_role_journeys import LANGUAGES, Journey, t


def _plural(language: str, singular: str, plural: str, counter: int) -> str:
    """A `{% blocktranslate count counter=… %}` text as the page shows it."""
    with translation.override(language):
        return translation.ngettext(singular, plural, counter) % {"counter": counter}


pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TITLE = {"en": "IM Leadership Course", "fr": "Cours de leadership en GI"}


@pytest.fixture
def pilot(cast: dict[str, Any]) -> Any:
    """The demo catalogue and a pilot offering of the IM Leadership Course, a month away."""
    admin = cast["admin"].user
    im = Community.objects.get(code="im")
    course_import(actor=admin, community=im, content=catalogue_file(), file_format="csv")
    starts_on = timezone.localdate() + datetime.timedelta(days=30)
    return offering_save(
        actor=admin,
        course=Course.objects.get(code="iml100"),
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=4),
        language="en-fr",
        capacity=12,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_member_enrols_and_the_administrator_records_the_completion(
    language: str,
    page: Any,
    browser: Any,
    live_server: Any,
    cast: Any,
    pilot: Any,
    axe_source: str,
) -> None:
    member = cast["member"]
    journey = Journey(page, axe_source, language, "enrolment-member")
    journey.start(live_server, member.user.email)
    main = page.locator("main")
    look = page.locator("section[aria-labelledby=look-heading]")
    journey.click(look.get_by_role("link", name=t(language, "Course catalogue"), exact=True))
    journey.click(main.get_by_role("link", name=TITLE[language], exact=True))
    assert page.locator("h1").inner_text() == TITLE[language]
    offering = main.locator("#offerings li")
    assert offering.count() == 1
    assert t(language, "Open for enrolment") in offering.inner_text()
    journey.click(offering.get_by_role("button", name=t(language, "Enrol"), exact=True))

    assert page.locator("h1").inner_text() == t(language, "My learning")
    assert page.locator(".guild-messages").inner_text().strip() == t(language, "You are enrolled.")
    mine = main.locator("#my-enrolments li")
    assert mine.count() == 1
    assert TITLE[language] in mine.inner_text()
    assert mine.locator(".guild-enrolment-status").inner_text().strip() == t(language, "Enrolled")
    assert Enrolment.objects.get().member_id == member.pk
    journey.finish()

    admin_page = open_page(browser)
    admin = Journey(admin_page, axe_source, language, "enrolment-admin")
    admin.start(live_server, cast["admin"].user.email)
    admin_main = admin_page.locator("main")
    admin_look = admin_page.locator("section[aria-labelledby=look-heading]")
    admin.click(admin_look.get_by_role("link", name=t(language, "Course catalogue"), exact=True))
    admin.click(admin_main.get_by_role("link", name=TITLE[language], exact=True))
    admin.click(
        admin_main.locator("#offerings li").get_by_role(
            "link", name=t(language, "Roster and results")
        )
    )
    assert admin_page.locator("h1").inner_text() == t(language, "Roster and results")
    assert admin_main.locator("#roster-enrolled li").count() == 1

    # Nothing chosen and no date: both errors at once, nothing saved.
    with admin_page.expect_navigation():
        admin_main.get_by_role("button", name=t(language, "Record the result")).click()
    required = t(language, "This field is required.")
    for field in ("enrolments", "completed_on"):
        assert admin_main.locator(f"#id_{field}_error").inner_text().endswith(required), field
    assert not Completion.objects.exists()
    admin.check()

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    admin_main.get_by_label(member.full_name).check()
    admin_page.fill("#id_completed_on", yesterday.isoformat())
    admin_page.select_option("#id_result", "completed")
    admin.click(admin_main.get_by_role("button", name=t(language, "Record the result")))
    enrolled = admin_main.locator("#roster-enrolled li")
    assert t(language, "Completed") in enrolled.inner_text()
    completion = Completion.objects.get()
    assert (
        completion.member_id,
        completion.result,
        completion.source,
        completion.completed_on,
    ) == (
        member.pk,
        "completed",
        "administrator",
        yesterday,
    )
    admin.finish()
    admin_page.context.close()

    journey.click(page.locator("gcds-top-nav > gcds-nav-link:not([slot])").first)
    journey.click(
        look.get_by_role("link", name=t(language, "My learning: enrolments and completed courses"))
    )
    done = main.locator("#my-completions li")
    assert done.count() == 1
    assert TITLE[language] in done.inner_text()
    assert t(language, "Recorded by an administrator") in done.inner_text()
    journey.finish()


@pytest.mark.parametrize("language", LANGUAGES)
def test_supervisor_approves_the_administrator_offers_imports_and_a_member_declares(
    language: str,
    page: Any,
    browser: Any,
    live_server: Any,
    cast: Any,
    pilot: Any,
    axe_source: str,
    tmp_path: Any,
) -> None:
    offering_save(
        actor=cast["admin"].user, course=pilot.course, offering=pilot, needs_approval=True
    )
    member = cast["member"]
    journey = Journey(page, axe_source, language, "enrolment-supervisor")
    # The member asks for a place; the supervisor decides from their home page.
    journey.start(live_server, member.user.email)
    main = page.locator("main")
    look = page.locator("section[aria-labelledby=look-heading]")
    journey.click(look.get_by_role("link", name=t(language, "Course catalogue"), exact=True))
    journey.click(main.get_by_role("link", name=TITLE[language], exact=True))
    journey.click(main.locator("#offerings li").get_by_role("link").first)
    journey.click(main.get_by_role("button", name=t(language, "Enrol"), exact=True))
    assert page.locator(".guild-messages").inner_text().strip() == t(
        language, "Your request was sent to your supervisor, who approves or refuses it."
    )
    # A product is declared by the member, with a proof.
    journey.click(page.locator("gcds-top-nav > gcds-nav-link:not([slot])").first)
    journey.click(look.get_by_role("link", name=t(language, "Course catalogue"), exact=True))
    guide = {
        "en": "Guide to disposition authorities",
        "fr": "Guide des autorisations de disposition",
    }
    journey.click(main.get_by_role("link", name=guide[language], exact=True))
    journey.click(main.get_by_role("link", name=t(language, "I completed this course: record it")))
    journey.submit_refused(main.get_by_role("button", name=t(language, "Record it")))
    proof = t(language, "Give a proof: a note, a link, or both.")
    assert main.locator("#id_proof_note_error").inner_text().endswith(proof)
    assert main.locator("#id_completed_on_error").count() == 1
    page.fill("#id_completed_on", (timezone.localdate() - datetime.timedelta(days=3)).isoformat())
    page.fill("#id_proof_url", "https://example.gc.ca/attestation.pdf")
    journey.click(main.get_by_role("button", name=t(language, "Record it")))
    assert main.locator("#my-completions li").count() == 1
    assert t(language, "Declared by the member") in main.locator("#my-completions li").inner_text()
    journey.finish()

    boss = open_page(browser)
    supervisor = Journey(boss, axe_source, language, "enrolment-approval")
    supervisor.start(live_server, cast["supervisor"].user.email)
    waiting = boss.locator("section[aria-labelledby=waiting-heading]")
    supervisor.click(
        waiting.get_by_role(
            "link",
            name=_plural(
                language,
                "Approve or refuse %(counter)s enrolment request",
                "Approve or refuse %(counter)s enrolment requests",
                1,
            ),
        )
    )
    supervisor.click(
        boss.locator("#approvals li").get_by_role("button", name=t(language, "Approve"))
    )
    assert Enrolment.objects.get().status == "enrolled"
    assert boss.locator("#no-approvals").count() == 1
    supervisor.finish()
    boss.context.close()

    # The administrator changes the offering (errors at once) and imports results.
    desk = open_page(browser)
    admin = Journey(desk, axe_source, language, "enrolment-offering")
    admin.start(live_server, cast["admin"].user.email)
    desk_main = desk.locator("main")
    desk_look = desk.locator("section[aria-labelledby=look-heading]")
    admin.click(desk_look.get_by_role("link", name=t(language, "Course catalogue"), exact=True))
    admin.click(desk_main.get_by_role("link", name=TITLE[language], exact=True))
    admin.click(desk_main.locator("#offerings li").get_by_role("link").first)
    admin.click(desk_main.get_by_role("link", name=t(language, "Edit the offering")))
    desk.fill("#id_capacity", "0")
    desk.fill("#id_starts_on", "")
    admin.submit_refused(desk_main.get_by_role("button", name=t(language, "Save the offering")))
    assert desk_main.locator("#id_capacity_error").count() == 1
    assert desk_main.locator("#id_starts_on_error").count() == 1
    desk.fill("#id_capacity", "20")
    desk.fill("#id_starts_on", pilot.starts_on.isoformat())
    admin.click(desk_main.get_by_role("button", name=t(language, "Save the offering")))
    assert desk.locator(".guild-messages").inner_text().strip() == t(
        language, "The offering was saved."
    )
    pilot.refresh_from_db()
    assert pilot.capacity == 20

    admin.click(desk.locator("gcds-top-nav > gcds-nav-link:not([slot])").first)
    admin.click(desk_look.get_by_role("link", name=t(language, "Course catalogue"), exact=True))
    admin.click(desk_main.get_by_role("link", name=t(language, "Import course results (CSV)")))
    results = tmp_path / "results.csv"
    results.write_text(
        f"email,course,date,result\n{member.work_email},iml100,31/03/2026,completed\n",
        encoding="utf-8",
    )
    desk.set_input_files("#id_file", str(results))
    admin.submit_refused(desk_main.get_by_role("button", name=t(language, "Import the results")))
    problems = desk_main.locator("#import-problems tbody tr")
    assert problems.count() == 1
    assert problems.first.locator("th code").inner_text() == t(
        language, "line %(row)d, column %(column)s"
    ) % {"row": 2, "column": "date"}
    assert Completion.objects.filter(source="import").count() == 0
    admin.finish()
    desk.context.close()
