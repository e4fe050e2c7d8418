"""Journey: a department coordinator goes from their home page through the menu to an
intake of the IM Leadership Initiative and nominates a member (a wrong try shows every
error at once); the nominee accepts from their home worklist; the supervisor endorses
from theirs; each sees the statuses. Only what the pages show is clicked; English and
French; axe and 1280/390 px on every page."""

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from guild.organizations.models import Community
from guild.programmes.models import (
    Consent,
    Criterion,
    Endorsement,
    Intake,
    IntakeStage,
    Nomination,
    Programme,
)
from guild.programmes.services.nominations import nominate
from tests.browser.browsing import open_page
from tests.browser.test_role_journeys import LANGUAGES, Journey, t

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INTAKE = {"en": "Intake 2003-2004", "fr": "Cohorte 2003-2004"}


@pytest.fixture
def intake(cast: dict[str, Any]) -> Intake:
    today = timezone.localdate()
    programme = Programme.objects.create(
        community=Community.objects.get(code="im"),
        code="imli",
        name_en="IM Leadership Initiative",
        name_fr="Initiative de leadership en GI",
    )
    intake = Intake.objects.create(
        programme=programme,
        name_en=INTAKE["en"],
        name_fr=INTAKE["fr"],
        stage=IntakeStage.NOMINATING,
        nominations_open_on=today - datetime.timedelta(days=3),
        nominations_close_on=today + datetime.timedelta(days=20),
        starts_on=today + datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=330),
        capacity=23,
        nominations_per_department=3,
    )
    Criterion.objects.create(intake=intake, name_en="Leadership", name_fr="Leadership", weight=3)
    return intake


def _menu(journey: Journey, language: str, link: str) -> None:
    page = journey.page
    group = page.locator(f"gcds-nav-group[open-trigger='{t(language, 'Leadership programme')}']")
    group.locator("button").first.click()
    journey.click(group.get_by_role("link", name=t(language, link), exact=True))


@pytest.mark.parametrize("language", LANGUAGES)
def test_coordinator_nominates_nominee_accepts_supervisor_endorses(
    language: str,
    page: Any,
    browser: Any,
    live_server: Any,
    cast: Any,
    intake: Intake,
    axe_source: str,
) -> None:
    member = cast["member"]
    coordinator = Journey(page, axe_source, language, "nominate")
    coordinator.start(live_server, cast["coordinator"].user.email)
    main = page.locator("main")
    _menu(coordinator, language, "Programmes and intakes")
    coordinator.click(main.get_by_role("link", name=INTAKE[language], exact=True))
    assert page.locator("h1").inner_text() == INTAKE[language]
    steps = main.locator("#intake-steps")
    coordinator.click(steps.get_by_role("link", name=t(language, "Nominate a member")))
    # Nothing filled in: both errors at once, nothing saved.
    coordinator.submit_refused(main.get_by_role("button", name=t(language, "Nominate"), exact=True))
    required = t(language, "This field is required.")
    for field in ("member", "rationale"):
        assert main.locator(f"#id_{field}_error").inner_text().endswith(required), field
    assert not Nomination.objects.exists()
    page.select_option("#id_member", str(member.pk))
    page.fill("#id_rationale", "Leads the records team through the move to GCdocs.")
    coordinator.click(main.get_by_role("button", name=t(language, "Nominate"), exact=True))
    assert page.locator(".guild-messages").inner_text().strip() == t(
        language,
        "%(name)s is nominated. They and their supervisor were sent an e-mail to accept "
        "and endorse the nomination.",
    ) % {"name": member.full_name}
    assert main.locator("#status-nominee").inner_text() == t(language, "Waiting for the nominee")
    coordinator.finish()

    nominee_page = open_page(browser)
    nominee = Journey(nominee_page, axe_source, language, "consent")
    nominee.start(live_server, member.user.email)
    waiting = nominee_page.locator("section[aria-labelledby=waiting-heading]")
    nominee.click(
        waiting.get_by_role(
            "link",
            name=t(language, "Accept or decline your nomination to %(intake)s")
            % {"intake": INTAKE[language]},
        )
    )
    nominee_main = nominee_page.locator("main")
    nominee.click(
        nominee_main.get_by_role("button", name=t(language, "Accept the nomination"), exact=True)
    )
    assert nominee_page.locator(".guild-messages").inner_text().strip() == t(
        language, "You accepted the nomination."
    )
    assert nominee_main.locator("#status-nominee").inner_text() == t(
        language, "Accepted by the nominee"
    )
    nominee.finish()
    nominee_page.context.close()

    boss_page = open_page(browser)
    boss = Journey(boss_page, axe_source, language, "endorse")
    boss.start(live_server, cast["supervisor"].user.email)
    waiting = boss_page.locator("section[aria-labelledby=waiting-heading]")
    boss.click(
        waiting.get_by_role(
            "link",
            name=t(language, "Endorse or not the nomination of %(name)s to %(intake)s")
            % {"name": member.full_name, "intake": INTAKE[language]},
        )
    )
    boss_main = boss_page.locator("main")
    assert "GCdocs" in boss_main.locator("#nomination-summary").inner_text()
    boss_page.fill("#id_note", "Ready for it.")
    boss.click(
        boss_main.get_by_role("button", name=t(language, "Endorse the nomination"), exact=True)
    )
    assert boss_main.locator("#status-supervisor").inner_text() == (
        f"{cast['supervisor'].full_name}: {t(language, 'Endorsed by the supervisor')}"
    )
    assert (
        t(language, "Endorsed by the supervisor")
        in boss_main.locator("#nomination-history").inner_text()
    )
    boss.finish()
    boss_page.context.close()

    nomination = Nomination.objects.get()
    assert (nomination.consent, nomination.endorsement) == (Consent.GIVEN, Endorsement.ENDORSED)
    # The coordinator sees both answers on the intake's list of nominations.
    _menu(coordinator, language, "Programmes and intakes")
    coordinator.click(main.get_by_role("link", name=INTAKE[language], exact=True))
    coordinator.click(
        main.locator("#intake-steps").get_by_role(
            "link", name=t(language, "Nominations and their status")
        )
    )
    row = main.locator("#nominations tbody tr")
    assert row.count() == 1
    assert t(language, "Accepted by the nominee") in row.inner_text()
    assert t(language, "Endorsed by the supervisor") in row.inner_text()
    coordinator.finish()


def test_the_supervisor_endorses_through_the_emailed_link(
    page: Any, live_server: Any, cast: Any, intake: Intake, axe_source: str
) -> None:
    nomination = nominate(
        actor=cast["coordinator"].user,
        intake=intake,
        member=cast["member"],
        rationale="Leads the records team.",
    )
    body = str(mail.outbox[-1].body)
    found = re.search(r"https?://\S+?(/en/programmes/endorse/\S+/)", body)
    assert found is not None
    journey = Journey(page, axe_source, "en", "endorse-link")
    page.goto(f"{live_server.url}{found.group(1)}")
    journey.check()
    assert page.locator("h1").inner_text() == "Endorse the nomination of Mia Member"
    journey.click(page.get_by_role("button", name="Endorse the nomination", exact=True))
    assert page.locator(".guild-messages").inner_text().strip() == (
        "You endorsed the nomination of Mia Member."
    )
    assert page.locator("#link-used").count() == 1
    nomination.refresh_from_db()
    assert nomination.endorsement == Endorsement.ENDORSED
    page.goto(f"{live_server.url}/en/programmes/endorse/not-a-token/")
    journey.check()
    assert page.locator("h1").inner_text() == "This link does not work"
    journey.finish()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_administrator_adds_an_intake_with_every_error_at_once(
    language: str, page: Any, live_server: Any, cast: Any, intake: Intake, axe_source: str
) -> None:
    admin = Journey(page, axe_source, language, "intake-form")
    admin.start(live_server, cast["admin"].user.email)
    main = page.locator("main")
    manage = page.locator("section[aria-labelledby=admin-heading]")
    admin.click(
        manage.get_by_role(
            "link",
            name=t(language, "Leadership programme: intakes, nominations, selection and cohorts"),
        )
    )
    name = {"en": "IM Leadership Initiative", "fr": "Initiative de leadership en GI"}[language]
    admin.click(main.get_by_role("link", name=name, exact=True))
    admin.click(main.get_by_role("link", name=t(language, "Add an intake"), exact=True))
    page.fill("#id_name_en", "Intake 2005")
    page.fill("#id_criterion_1_name_en", "Leadership")
    admin.submit_refused(main.get_by_role("button", name=t(language, "Save the intake")))
    assert main.locator("#id_name_fr_error").count() == 1
    assert main.locator("#id_capacity_error").count() == 1
    assert (
        main.locator("#id_criterion_1_name_fr_error")
        .inner_text()
        .endswith(t(language, "Give the criterion's name in French."))
    )
    assert Intake.objects.count() == 1
    page.fill("#id_name_fr", "Cohorte 2005")
    page.fill("#id_nominations_open_on", "2005-01-10")
    page.fill("#id_nominations_close_on", "2005-02-10")
    page.fill("#id_starts_on", "2005-03-01")
    page.fill("#id_ends_on", "2005-12-01")
    page.fill("#id_capacity", "23")
    page.fill("#id_criterion_1_name_fr", "Leadership")
    page.fill("#id_criterion_1_weight", "3")
    admin.click(main.get_by_role("button", name=t(language, "Save the intake")))
    assert page.locator("h1").inner_text() == {"en": "Intake 2005", "fr": "Cohorte 2005"}[language]
    admin.click(
        main.get_by_role(
            "button",
            name=t(language, "Move to the stage: %(stage)s")
            % {"stage": t(language, "Call for nominations")},
        )
    )
    assert main.locator("#intake-stage").inner_text() == t(language, "Call for nominations")
    admin.finish()
