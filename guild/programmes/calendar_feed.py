"""A participant's sessions as an RFC 5545 iCalendar feed (a pure module: no ORM), which
calendar programs subscribe to. Each session keeps one UID (its `uid`@guild) so an update
replaces the event instead of adding another; times are written in UTC, so no time zone
definition is needed."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from icalendar import Calendar, Event

PRODID = "-//Guild//Leadership programme//EN"
UID_DOMAIN = "guild"


@dataclass(frozen=True)
class Entry:
    uid: str
    summary: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    location: str = ""
    description: str = ""
    updated_at: datetime.datetime | None = None


def _utc(moment: datetime.datetime) -> datetime.datetime:
    if moment.tzinfo is None:
        raise ValueError("A session's time must carry its time zone.")
    return moment.astimezone(datetime.UTC)


def session_uid(uid: object) -> str:
    return f"{uid}@{UID_DOMAIN}"


def calendar_bytes(
    *, name: str, entries: Iterable[Entry], stamp: datetime.datetime, language: str = "en"
) -> bytes:
    """The feed: VCALENDAR with X-WR-CALNAME `name`, one VEVENT per entry stamped `stamp`."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", _utc(stamp))
        event.add("dtstart", _utc(entry.starts_at))
        event.add("dtend", _utc(entry.ends_at))
        event.add("summary", entry.summary, parameters={"LANGUAGE": language})
        if entry.location:
            event.add("location", entry.location)
        if entry.description:
            event.add("description", entry.description, parameters={"LANGUAGE": language})
        if entry.updated_at is not None:
            event.add("last-modified", _utc(entry.updated_at))
        calendar.add_component(event)
    return calendar.to_ical()
