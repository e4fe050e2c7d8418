"""Journey: the programme administrator goes from their home page through the menu to an
intake and its cohort, launches it, sees the action learning groups, adds a monthly
series of sessions, opens a past event's register, marks everyone present and then one
person absent, saves, and sees the rates with their definition; a participant opens My
programme from their home page and their calendar link returns a calendar that an
independent parser reads. Only what the pages show is clicked; English and French; axe
and 1280/390 px on every page."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from ical.calendar_stream import IcsCalendarStream

from guild.members.models import Member
from guild.organizations.models import Community
from guild.programmes.models import (
    Attendance,
    Intake,
    IntakeStage,
    LearningGroup,
    Participant,
    Programme,
    Session,
    SessionKind,
)
from guild.programmes.tests.cohort_helpers import nominate, selected
from tests.browser.browsing import open_page
from tests.browser.test_role_journeys import LANGUAGES, Journey, t

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INTAKE = {"en": "Intake 2003-2004", "fr": "Cohorte 2003-2004"}
PROGRAMME = {"en": "IM Leadership Initiative", "fr": "Initiative de leadership en GI"}


@pytest.fixture
def intake(cast: dict[str, Any], make_member: Callable[..., Member]) -> Intake:
    today = timezone.localdate()
    programme = Programme.objects.create(
        community=Community.objects.get(code="im"),
        code="imli",
        name_en=PROGRAMME["en"],
        name_fr=PROGRAMME["fr"],
    )
    intake = Intake.objects.create(
        programme=programme,
        name_en=INTAKE["en"],
        name_fr=INTAKE["fr"],
        stage=IntakeStage.SELECTING,
        nominations_open_on=today - datetime.timedelta(days=150),
        nominations_close_on=today - datetime.timedelta(days=120),
        starts_on=today - datetime.timedelta(days=90),
        ends_on=today + datetime.timedelta(days=200),
        capacity=23,
    )
    selected(intake, make_member, 11, spread=8)
    nominate(intake, cast["member"])
    return intake


def _text(locator: Any) -> str:
    return " ".join(locator.inner_text().replace("\xa0", " ").split())


def _rate(language: str, attended: int, expected: int) -> str:
    """A rate as the pages show it: "92% (11 of 12)", « 92 % (11 sur 12) »."""
    percent = round(100 * attended / expected)
    shown = t(language, "%(percent)s%%") % {"percent": percent}
    counted = t(language, "%(attended)s of %(expected)s") % {
        "attended": attended,
        "expected": expected,
    }
    return " ".join(f"{shown} ({counted})".replace("\xa0", " ").split())


def _administrator(journey: Journey, language: str, intake: Intake, member: Member) -> None:
    page = journey.page
    main = page.locator("main")
    group = page.locator(f"gcds-nav-group[open-trigger='{t(language, 'Leadership programme')}']")
    group.locator("button").first.click()
    journey.click(group.get_by_role("link", name=t(language, "Programmes and intakes"), exact=True))
    journey.click(main.get_by_role("link", name=PROGRAMME[language], exact=True))
    journey.click(main.get_by_role("link", name=INTAKE[language], exact=True))
    journey.click(
        main.get_by_role("link", name=t(language, "Cohort: launch and participants"), exact=True)
    )
    assert "12" in _text(main.locator("p").first)
    journey.click(main.get_by_role("button", name=t(language, "Launch the cohort")))

    # The groups: two of six, no two from one department in a group.
    assert page.locator("h1").inner_text() == t(language, "Action learning groups")
    assert main.locator("section[aria-labelledby^=group-]").count() == 2
    assert Participant.objects.filter(intake=intake).count() == 12
    journey.click(main.get_by_role("link", name=t(language, "Schedule and attendance")))

    # A monthly series from the cohort's second day, three months.
    first = intake.starts_on + datetime.timedelta(days=1)
    page.fill("#id_series-first_day", first.isoformat())
    page.fill("#id_series-months", "3")
    page.fill("#id_series-location", "Ottawa")
    journey.click(main.get_by_role("button", name=t(language, "Add the series")))
    assert Session.objects.filter(intake=intake).count() == 3 + 3 * 2
    assert main.locator("#sessions tbody tr").count() == 9
    event = Session.objects.filter(intake=intake, kind=SessionKind.EVENT).order_by("starts_at")[0]
    journey.click(
        main.locator(f"#session-{event.pk}").get_by_role(
            "link", name=t(language, "Take attendance")
        )
    )

    # The register: everyone present, then one absent, saved.
    assert page.locator("h1").inner_text() == t(language, "Attendance register")
    assert main.locator("fieldset.guild-register-row").count() == 12
    journey.click(main.get_by_role("button", name=t(language, "Mark all present")))
    assert main.locator("input[value=present]:checked").count() == 12
    assert not Attendance.objects.exists()
    person = Participant.objects.get(intake=intake, member=member)
    page.check(f"#mark-{person.pk}-absent")
    journey.click(main.get_by_role("button", name=t(language, "Save the attendance")))
    assert Attendance.objects.filter(session=event, status="present").count() == 11
    assert Attendance.objects.get(session=event, participant=person).status == "absent"

    journey.click(main.get_by_role("link", name=t(language, "The cohort and its attendance rates")))
    assert _text(main.locator("#cohort-event-rate")).endswith(_rate(language, 11, 12))
    row = main.locator(f"#participant-{person.pk}")
    assert _rate(language, 0, 1) in _text(row)
    assert main.locator("#rate-definition").is_visible()

    # One person's page: their sessions and marks.
    journey.click(row.get_by_role("link", name=member.full_name, exact=True))
    assert page.locator("h1").inner_text() == member.full_name
    assert _text(main.locator("#event-rate")).endswith(_rate(language, 0, 1))
    marked = main.locator(f"#sessions-{person.pk} tbody tr").first
    assert t(language, "Absent") in _text(marked)


@pytest.mark.parametrize("language", LANGUAGES)
def test_administrator_runs_the_cohort_and_a_participant_subscribes(
    language: str,
    page: Any,
    browser: Any,
    live_server: Any,
    cast: Any,
    intake: Intake,
    axe_source: str,
) -> None:
    member = cast["member"]
    member.user.preferred_language = language
    member.user.save()
    admin = Journey(page, axe_source, language, "cohort-admin")
    admin.start(live_server, cast["admin"].user.email)
    _administrator(admin, language, intake, member)
    admin.finish()

    other = open_page(browser)
    participant = Journey(other, axe_source, language, "cohort-participant")
    participant.start(live_server, member.user.email)
    look = other.locator("main")
    link = t(language, "My programme: %(intake)s") % {"intake": INTAKE[language]}
    participant.click(look.get_by_role("link", name=link, exact=True))
    assert other.locator("h1").inner_text() == t(language, "My programme")
    main = other.locator("main")
    group = LearningGroup.objects.get(participants__member=member)
    assert (group.name_en if language == "en" else group.name_fr) in _text(main)
    assert _text(main.locator(".my-event-rate")).endswith(_rate(language, 0, 1))
    feed = main.locator(".calendar-link").get_attribute("href")
    assert feed is not None
    response = other.request.get(feed)
    assert response.status == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = IcsCalendarStream.calendar_from_ics(response.text())
    titles = [e.summary for e in calendar.events]
    assert len(titles) == 3 + 3
    field = "name_en" if language == "en" else "name_fr"
    expected = [
        getattr(s, field)
        for s in Session.objects.filter(intake=intake)
        .exclude(kind=SessionKind.GROUP, group__in=LearningGroup.objects.exclude(pk=group.pk))
        .order_by("starts_at", "pk")
    ]
    assert titles == expected
    participant.finish()
    other.context.close()
