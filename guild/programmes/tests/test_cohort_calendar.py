"""The calendar feed, checked with a parser nobody here wrote (PyPI `ical`, strict RFC 5545)
and against a real published calendar (tests/fixtures/outside/icalendar/)."""

import datetime
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from ical.calendar_stream import IcsCalendarStream

from guild.accounts.models import User
from guild.members.models import Member
from guild.programmes.calendar_feed import Entry, calendar_bytes, session_uid
from guild.programmes.models import Intake, LearningGroup, Participant
from guild.programmes.services.cohort import cohort_launch
from guild.programmes.tests.cohort_helpers import selected, session, started

OUTSIDE = Path(__file__).resolve().parents[3] / "tests/fixtures/outside/icalendar"
TORONTO = datetime.timezone(datetime.timedelta(hours=-5))
STAMP = datetime.datetime(2026, 12, 5, 12, 0, tzinfo=datetime.UTC)


def _entries() -> list[Entry]:
    return [
        Entry(
            uid="0f8e7a4e-1111-4c2b-9a4e-5f6a7b8c9d0e@guild",
            summary="Activité d'apprentissage 1 : la GI, ça compte",
            starts_at=datetime.datetime(2003, 11, 20, 9, 0, tzinfo=TORONTO),
            ends_at=datetime.datetime(2003, 11, 20, 16, 30, tzinfo=TORONTO),
            location="Ottawa, salle 101",
            description="Formal learning event",
            updated_at=STAMP,
        ),
        Entry(
            uid="22222222-2222-4222-8222-222222222222@guild",
            summary="Groupe 1 — rencontre 1",
            starts_at=datetime.datetime(2003, 12, 4, 18, 0, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2003, 12, 4, 21, 0, tzinfo=datetime.UTC),
        ),
    ]


def _outside_reading(text: str) -> list[tuple[str, datetime.datetime, datetime.datetime, str]]:
    calendar = IcsCalendarStream.calendar_from_ics(text)
    return [(e.uid, e.dtstart, e.dtend, e.summary) for e in calendar.events]  # type: ignore[misc]


def test_our_feed_parses_in_an_independent_strict_parser() -> None:
    body = calendar_bytes(name="Cohorte 2003-2004", entries=_entries(), stamp=STAMP, language="fr")
    text = body.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    calendar = IcsCalendarStream.calendar_from_ics(text)
    assert calendar.version == "2.0"
    assert calendar.prodid == "-//Guild//Leadership programme//EN"
    assert [(x.name, x.value) for x in calendar.extras] == [("x-wr-calname", "Cohorte 2003-2004")]
    first, second = calendar.events
    assert first.uid == "0f8e7a4e-1111-4c2b-9a4e-5f6a7b8c9d0e@guild"
    assert first.summary == "Activité d'apprentissage 1 : la GI, ça compte"
    assert first.location == "Ottawa, salle 101"
    assert first.dtstart == datetime.datetime(2003, 11, 20, 14, 0, tzinfo=datetime.UTC)
    assert first.dtend == datetime.datetime(2003, 11, 20, 21, 30, tzinfo=datetime.UTC)
    assert first.dtstamp == STAMP
    assert "DTSTART:20031120T140000Z" in text
    assert "SUMMARY;LANGUAGE=fr:" in text
    assert second.summary == "Groupe 1 — rencontre 1"


def test_the_outside_calendar_reads_the_same_in_both_parsers() -> None:
    text = (OUTSIDE / "google-calendar-export.ics").read_text(encoding="utf-8")
    theirs = _outside_reading(text)
    assert theirs == [
        (
            "79fs7pkqvht9m5igs0vjv1sfra@google.com",
            datetime.datetime(2024, 10, 4, 18, 15, tzinfo=datetime.UTC),
            datetime.datetime(2024, 10, 4, 19, 0, tzinfo=datetime.UTC),
            "event with alarms",
        )
    ]
    ours = icalendar.Calendar.from_ical(text)
    assert [
        (str(e["UID"]), e.decoded("DTSTART"), e.decoded("DTEND"), str(e["SUMMARY"]))
        for e in ours.walk("VEVENT")
    ] == theirs
    assert str(ours["X-WR-CALNAME"]) == "Nicco Kunzmann"


def test_our_feed_has_the_shape_of_the_published_one() -> None:
    """The same properties a calendar program reads from Google's published feed."""
    outside = IcsCalendarStream.calendar_from_ics(
        (OUTSIDE / "google-calendar-export.ics").read_text(encoding="utf-8")
    )
    ours = IcsCalendarStream.calendar_from_ics(
        calendar_bytes(name="x", entries=_entries(), stamp=STAMP).decode()
    )
    assert ours.calscale == outside.calscale == "GREGORIAN"
    assert ours.method == outside.method == "PUBLISH"
    for event in (*outside.events, *ours.events):
        start = event.dtstart
        assert isinstance(start, datetime.datetime)
        assert start.utcoffset() == datetime.timedelta(0)
        assert event.uid and event.dtstamp


def test_a_time_without_its_zone_is_refused() -> None:
    naive = Entry(
        uid="x@guild",
        summary="x",
        starts_at=datetime.datetime(2003, 11, 20, 9),  # noqa: DTZ001 - the point
        ends_at=datetime.datetime(2003, 11, 20, 10),  # noqa: DTZ001
    )
    with pytest.raises(ValueError, match="time zone"):
        calendar_bytes(name="x", entries=[naive], stamp=STAMP)


@pytest.fixture
def cohort(intake: Intake, cast: dict[str, Any], make_member: Callable[..., Member]) -> Intake:
    started(intake)
    selected(intake, make_member, 12, spread=6)
    cohort_launch(actor=cast["admin"].user, intake=intake)
    intake.refresh_from_db()
    return intake


@pytest.mark.django_db
def test_the_secret_address_serves_the_participants_sessions(cohort: Intake) -> None:
    person = Participant.objects.filter(intake=cohort).select_related("member__user").first()
    assert person is not None and person.member.user is not None
    person.member.user.preferred_language = "fr"
    person.member.user.save()
    one, two = LearningGroup.objects.filter(intake=cohort).order_by("number")
    mine = person.group
    theirs = two if mine == one else one
    event = session(cohort, cohort.starts_on + datetime.timedelta(days=3), location="Ottawa")
    meeting = session(cohort, cohort.starts_on + datetime.timedelta(days=10), group=mine)
    session(cohort, cohort.starts_on + datetime.timedelta(days=11), group=theirs)
    response = Client().get(reverse("programmes:calendar", args=[person.calendar_token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = IcsCalendarStream.calendar_from_ics(response.content.decode())
    assert [(e.uid, e.summary) for e in calendar.events] == [
        (session_uid(event.uid), event.name_fr),
        (session_uid(meeting.uid), meeting.name_fr),
    ]
    assert calendar.events[0].location == "Ottawa"
    assert [(x.name, x.value) for x in calendar.extras] == [("x-wr-calname", cohort.name_fr)]
    again = Client().get(reverse("programmes:calendar", args=[person.calendar_token]))
    again_uids = [e.uid for e in IcsCalendarStream.calendar_from_ics(again.content.decode()).events]
    assert again_uids == [e.uid for e in calendar.events]


@pytest.mark.django_db
def test_a_guessed_token_finds_nothing(cohort: Intake) -> None:
    for token in (uuid.uuid4(), uuid.UUID(int=1), uuid.UUID(int=0)):
        assert Client().get(reverse("programmes:calendar", args=[token])).status_code == 404
    assert Client().get("/en/programmes/calendar/1.ics").status_code == 404
    assert Client().get("/en/programmes/calendar/not-a-token.ics").status_code == 404


@pytest.mark.django_db
def test_my_calendar_in_the_api(
    cohort: Intake, login: Callable[[User], Client], cast: dict[str, Any]
) -> None:
    person = Participant.objects.filter(intake=cohort).select_related("member__user").first()
    assert person is not None and person.member.user is not None
    event = session(cohort, cohort.starts_on + datetime.timedelta(days=3))
    response = login(person.member.user).get("/api/v1/programmes/me/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = IcsCalendarStream.calendar_from_ics(response.content.decode()).events
    assert [e.uid for e in events] == [session_uid(event.uid)]
    assert login(cast["member"].user).get("/api/v1/programmes/me/calendar.ics").status_code == 404
    assert Client().get("/api/v1/programmes/me/calendar.ics").status_code in (401, 404)
