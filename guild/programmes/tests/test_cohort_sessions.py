"""The schedule: one session with every error at once, and the monthly series."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from guild.core.errors import NotFound
from guild.members.models import Member
from guild.programmes.models import Intake, LearningGroup, Session, SessionKind
from guild.programmes.services.cohort import cohort_launch
from guild.programmes.services.sessions import Series, month_day, session_save, session_series
from guild.programmes.tests.cohort_helpers import at, other_intake, selected

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("first", "after", "expected"),
    [
        (datetime.date(2003, 11, 20), 0, datetime.date(2003, 11, 20)),
        (datetime.date(2003, 11, 20), 2, datetime.date(2004, 1, 20)),
        (datetime.date(2004, 1, 31), 1, datetime.date(2004, 2, 29)),
        (datetime.date(2003, 1, 31), 1, datetime.date(2003, 2, 28)),
        (datetime.date(2003, 8, 31), 1, datetime.date(2003, 9, 30)),
    ],
)
def test_month_day(first: datetime.date, after: int, expected: datetime.date) -> None:
    assert month_day(first, after) == expected


def test_a_session_with_every_error_at_once(intake: Intake, cast: dict[str, Any]) -> None:
    start = at(intake.starts_on - datetime.timedelta(days=3))
    with pytest.raises(ValidationError) as refused:
        session_save(
            actor=cast["admin"].user,
            intake=intake,
            kind=SessionKind.GROUP,
            name_en="Launch",
            name_fr=" ",
            starts_at=start,
            ends_at=start - datetime.timedelta(hours=1),
        )
    assert refused.value.message_dict == {
        "group": ["Choose the group that meets."],
        "name_fr": ["Give the title in French."],
        "ends_at": ["It must end after it starts."],
        "starts_at": [
            f"The cohort runs from {intake.starts_on.isoformat()} to {intake.ends_on.isoformat()}: "
            "sessions outside those dates would never count for anyone."
        ],
    }
    assert not Session.objects.exists()


def test_a_session_is_saved_and_audited(intake: Intake, cast: dict[str, Any]) -> None:
    start = at(intake.starts_on)
    saved = session_save(
        actor=cast["admin"].user,
        intake=intake,
        kind=SessionKind.LAUNCH,
        name_en="Launch",
        name_fr="Lancement",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        location=" Ottawa ",
    )
    assert (saved.location, saved.group) == ("Ottawa", None)
    changed = session_save(
        actor=cast["admin"].user,
        intake=intake,
        session=saved,
        kind=SessionKind.LAUNCH,
        name_en="Launch day",
        name_fr="Lancement",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        location="Ottawa",
    )
    assert changed.uid == saved.uid
    from guild.core.models import AuditEvent

    assert AuditEvent.objects.get(action="programmes.session_update").changes == {
        "name_en": ["Launch", "Launch day"]
    }


def test_sessions_of_strangers(intake: Intake, cast: dict[str, Any], programme: Any) -> None:
    other = other_intake(programme)
    group = LearningGroup.objects.create(intake=other, number=1, name_en="G1", name_fr="G1")
    start = at(intake.starts_on)
    with pytest.raises(NotFound):
        session_save(
            actor=cast["admin"].user,
            intake=intake,
            kind=SessionKind.GROUP,
            group=group,
            name_en="x",
            name_fr="x",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
        )
    with pytest.raises(NotFound):
        session_save(
            actor=cast["member"].user,
            intake=intake,
            kind=SessionKind.EVENT,
            name_en="x",
            name_fr="x",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
        )
    assert not Session.objects.exists()


def _series(intake: Intake, **changes: Any) -> Series:
    values: dict[str, Any] = {
        "first_day": intake.starts_on + datetime.timedelta(days=1),
        "months": 3,
        "event_starts": datetime.time(9),
        "event_ends": datetime.time(16, 30),
        "name_en": "Learning event",
        "name_fr": "Activité d'apprentissage",
        "location": "Ottawa",
        "meeting_after_days": 14,
        "meeting_starts": datetime.time(13),
        "meeting_ends": datetime.time(16),
    }
    values.update(changes)
    return Series(**values)


def test_a_monthly_series_with_a_meeting_per_group(
    intake: Intake, cast: dict[str, Any], make_member: Callable[..., Member]
) -> None:
    selected(intake, make_member, 12)
    cohort_launch(actor=cast["admin"].user, intake=intake)
    created = session_series(actor=cast["admin"].user, intake=intake, series=_series(intake))
    assert len(created) == 3 + 3 * 2
    events = Session.objects.filter(intake=intake, kind=SessionKind.EVENT).order_by("starts_at")
    first = intake.starts_on + datetime.timedelta(days=1)
    assert [(e.name_en, e.name_fr) for e in events] == [
        ("Learning event 1", "Activité d'apprentissage 1"),
        ("Learning event 2", "Activité d'apprentissage 2"),
        ("Learning event 3", "Activité d'apprentissage 3"),
    ]
    assert [e.starts_at for e in events] == [at(month_day(first, i)) for i in range(3)]
    meetings = Session.objects.filter(intake=intake, kind=SessionKind.GROUP).order_by(
        "starts_at", "group__number"
    )
    assert [(m.name_en, m.group and m.group.number) for m in meetings][:2] == [
        ("Group 1 — meeting 1", 1),
        ("Group 2 — meeting 1", 2),
    ]
    assert meetings[0].starts_at == at(first + datetime.timedelta(days=14), 13)
    assert len({s.uid for s in Session.objects.all()}) == 9


def test_a_series_past_the_cohort_is_refused_whole(intake: Intake, cast: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as refused:
        session_series(
            actor=cast["admin"].user,
            intake=intake,
            series=_series(intake, months=24, meeting_starts=datetime.time(13), meeting_ends=None),
        )
    assert set(refused.value.message_dict) == {"meeting_ends"}
    with pytest.raises(ValidationError) as long:
        session_series(actor=cast["admin"].user, intake=intake, series=_series(intake, months=24))
    assert list(long.value.message_dict) == ["months"]
    assert "outside the cohort's dates" in long.value.message_dict["months"][0]
    assert not Session.objects.exists()
