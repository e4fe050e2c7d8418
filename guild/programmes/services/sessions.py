"""The schedule, written by the programme's administrators: one session (the launch or a
formal learning event for the whole cohort, a meeting for one action learning group), or a
monthly series — a formal event every month from a first day, and in each month a meeting
of every group some days after it.

A session must end after it starts and fall within the intake's dates (from the day the
cohort starts to the day it ends, in the programme's time zone): attendance counts only
within participants' windows, which lie within those dates, so a session outside them
could never be expected of anyone.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser
from guild.core.audit import audit_record, diff, snapshot
from guild.core.errors import NotFound
from guild.programmes.access import administers
from guild.programmes.models import Intake, LearningGroup, Session, SessionKind

SESSION_FIELDS = ("kind", "group", "name_en", "name_fr", "starts_at", "ends_at", "location")
MOST_MONTHS = 24

Errors = dict[str, list[Any]]


def _check_admin(actor: AnyUser, intake: Intake) -> None:
    if not administers(actor, intake.programme.community_id):
        raise NotFound()


def _time_errors(
    intake: Intake, starts_at: datetime.datetime | None, ends_at: datetime.datetime | None
) -> Errors:
    errors: Errors = {}
    if starts_at is None:
        errors["starts_at"] = [_("Enter when it starts.")]
    if ends_at is None:
        errors["ends_at"] = [_("Enter when it ends.")]
    if starts_at is None or ends_at is None:
        return errors
    if ends_at <= starts_at:
        errors["ends_at"] = [_("It must end after it starts.")]
    outside = _(
        "The cohort runs from %(start)s to %(end)s: sessions outside those dates would "
        "never count for anyone."
    ) % {"start": intake.starts_on.isoformat(), "end": intake.ends_on.isoformat()}
    if not intake.starts_on <= timezone.localdate(starts_at) <= intake.ends_on:
        errors["starts_at"] = [outside]
    elif not timezone.localdate(ends_at) <= intake.ends_on:
        errors["ends_at"] = [outside]
    return errors


def _session_errors(
    intake: Intake, kind: str, group: LearningGroup | None, name_en: str, name_fr: str
) -> Errors:
    errors: Errors = {}
    if kind not in SessionKind.values:
        errors["kind"] = [_("Choose the kind of session.")]
    elif kind == SessionKind.GROUP and group is None:
        errors["group"] = [_("Choose the group that meets.")]
    elif kind != SessionKind.GROUP and group is not None:
        errors["group"] = [_("Only a group meeting belongs to one group.")]
    if group is not None and group.intake_id != intake.pk:
        raise NotFound()
    if not name_en.strip():
        errors["name_en"] = [_("Give the title in English.")]
    if not name_fr.strip():
        errors["name_fr"] = [_("Give the title in French.")]
    return errors


@transaction.atomic
def session_save(
    *,
    actor: AnyUser,
    intake: Intake,
    session: Session | None = None,
    kind: str,
    group: LearningGroup | None = None,
    name_en: str,
    name_fr: str,
    starts_at: datetime.datetime | None,
    ends_at: datetime.datetime | None,
    location: str = "",
) -> Session:
    """Create or change one session; every error at once, nothing saved on any."""
    _check_admin(actor, intake)
    if session is not None and session.intake_id != intake.pk:
        raise NotFound()
    errors = {
        **_session_errors(intake, kind, group, name_en, name_fr),
        **_time_errors(intake, starts_at, ends_at),
    }
    if errors:
        raise ValidationError(errors)
    before = snapshot(session, SESSION_FIELDS) if session else None
    target = session or Session(intake=intake)
    target.kind = kind
    target.group = group
    target.name_en = name_en.strip()
    target.name_fr = name_fr.strip()
    target.starts_at = starts_at  # type: ignore[assignment]
    target.ends_at = ends_at  # type: ignore[assignment]
    target.location = location.strip()
    target.full_clean()
    target.save()
    after = snapshot(target, SESSION_FIELDS)
    if before is None:
        audit_record(actor=actor, action="programmes.session_create", obj=target, changes=after)
    elif changes := diff(before, after):
        audit_record(actor=actor, action="programmes.session_update", obj=target, changes=changes)
    return target


@dataclass(frozen=True)
class Series:
    """A formal event every month from `first_day` for `months` months, and each month a
    meeting of every group `meeting_after_days` days after the event."""

    first_day: datetime.date | None
    months: int | None
    event_starts: datetime.time | None
    event_ends: datetime.time | None
    name_en: str
    name_fr: str
    location: str = ""
    meeting_after_days: int = 14
    meeting_starts: datetime.time | None = None
    meeting_ends: datetime.time | None = None
    meeting_location: str = ""


def month_day(first: datetime.date, months_after: int) -> datetime.date:
    """The same day of the month `months_after` months later (the month's last day when it
    is shorter: 31 January, then 29 February in a leap year)."""
    month0 = first.month - 1 + months_after
    year, month = first.year + month0 // 12, month0 % 12 + 1
    for day in range(first.day, 27, -1):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    return datetime.date(year, month, first.day)


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def _series_errors(intake: Intake, series: Series) -> Errors:
    errors: Errors = {}
    if series.first_day is None:
        errors["first_day"] = [_("Enter the day of the first event.")]
    if series.months is None or not 1 <= series.months <= MOST_MONTHS:
        errors["months"] = [
            _("Give a number of months from 1 to %(most)d.") % {"most": MOST_MONTHS}
        ]
    for name, value in (("event_starts", series.event_starts), ("event_ends", series.event_ends)):
        if value is None:
            errors[name] = [_("Enter a time.")]
    if series.event_starts and series.event_ends and series.event_ends <= series.event_starts:
        errors["event_ends"] = [_("It must end after it starts.")]
    if not series.name_en.strip():
        errors["name_en"] = [_("Give the title in English.")]
    if not series.name_fr.strip():
        errors["name_fr"] = [_("Give the title in French.")]
    if not 0 <= series.meeting_after_days <= 27:
        errors["meeting_after_days"] = [_("Give a number of days from 0 to 27.")]
    if (series.meeting_starts is None) != (series.meeting_ends is None):
        errors["meeting_ends"] = [_("Give both times of the group meetings, or neither.")]
    elif (
        series.meeting_starts
        and series.meeting_ends
        and series.meeting_ends <= series.meeting_starts
    ):
        errors["meeting_ends"] = [_("It must end after it starts.")]
    if errors or series.first_day is None or series.months is None:
        return errors
    last = month_day(series.first_day, series.months - 1)
    last_meeting = last + datetime.timedelta(days=series.meeting_after_days)
    if series.first_day < intake.starts_on or last > intake.ends_on:
        errors["months"] = [
            _(
                "The events would run from %(first)s to %(last)s, outside the cohort's dates "
                "(%(start)s to %(end)s)."
            )
            % {
                "first": series.first_day.isoformat(),
                "last": last.isoformat(),
                "start": intake.starts_on.isoformat(),
                "end": intake.ends_on.isoformat(),
            }
        ]
    elif series.meeting_starts and last_meeting > intake.ends_on:
        errors["meeting_after_days"] = [
            _("The last group meeting (%(day)s) would be after the cohort ends (%(end)s).")
            % {"day": last_meeting.isoformat(), "end": intake.ends_on.isoformat()}
        ]
    return errors


@transaction.atomic
def session_series(*, actor: AnyUser, intake: Intake, series: Series) -> list[Session]:
    """Create a monthly series: the events, numbered ("… 1", "… 2"), and, when meeting
    times are given, one meeting of each group per month; all or nothing."""
    _check_admin(actor, intake)
    errors = _series_errors(intake, series)
    if (
        errors
        or series.first_day is None
        or series.months is None
        or series.event_starts is None
        or series.event_ends is None
    ):
        raise ValidationError(errors)
    groups = list(LearningGroup.objects.filter(intake=intake).order_by("number"))
    created = []
    for index in range(series.months):
        day = month_day(series.first_day, index)
        created.append(
            Session(
                intake=intake,
                kind=SessionKind.EVENT,
                name_en=f"{series.name_en.strip()} {index + 1}",
                name_fr=f"{series.name_fr.strip()} {index + 1}",
                starts_at=_at(day, series.event_starts),
                ends_at=_at(day, series.event_ends),
                location=series.location.strip(),
            )
        )
        if series.meeting_starts is None or series.meeting_ends is None:
            continue
        meeting_day = day + datetime.timedelta(days=series.meeting_after_days)
        for group in groups:
            created.append(
                Session(
                    intake=intake,
                    kind=SessionKind.GROUP,
                    group=group,
                    name_en=f"{group.name_en} — meeting {index + 1}",
                    name_fr=f"{group.name_fr} — rencontre {index + 1}",
                    starts_at=_at(meeting_day, series.meeting_starts),
                    ends_at=_at(meeting_day, series.meeting_ends),
                    location=series.meeting_location.strip(),
                )
            )
    Session.objects.bulk_create(created)
    audit_record(
        actor=actor,
        action="programmes.session_series",
        obj=intake,
        changes={"sessions": len(created), "months": series.months},
    )
    return created
