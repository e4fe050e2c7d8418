"""The cohort pages through the real HTTP stack: launch, groups, schedule, register,
one participant, My programme; and what a stranger gets (404, nothing changed)."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guild.accounts.models import User
from guild.members.models import Member
from guild.programmes.models import Attendance, Intake, LearningGroup, Participant, Session
from guild.programmes.services.cohort import cohort_launch
from guild.programmes.tests.cohort_helpers import (
    nominate,
    other_intake,
    selected,
    session,
    started,
)

pytestmark = pytest.mark.django_db

Login = Callable[[User], Client]


@pytest.fixture
def admin(cast: dict[str, Any], login: Login) -> Client:
    return login(cast["admin"].user)


@pytest.fixture
def cohort(intake: Intake, cast: dict[str, Any], make_member: Callable[..., Member]) -> Intake:
    started(intake)
    selected(intake, make_member, 12, spread=6, supervisor=cast["supervisor"])
    cohort_launch(actor=cast["admin"].user, intake=intake)
    intake.refresh_from_db()
    return intake


def test_launch_from_the_cohort_page(
    intake: Intake, admin: Client, make_member: Callable[..., Member]
) -> None:
    selected(intake, make_member, 23)
    page = admin.get(reverse("programmes:cohort", args=[intake.pk]))
    assert page.status_code == 200
    assert "23 nominations are selected." in page.content.decode()
    done = admin.post(reverse("programmes:cohort", args=[intake.pk]), {"action": "launch"})
    assert done.status_code == 302
    assert done["Location"] == reverse("programmes:groups", args=[intake.pk])
    groups = admin.get(done["Location"]).content.decode()
    assert groups.count('<section aria-labelledby="group-') == 4
    again = admin.post(reverse("programmes:cohort", args=[intake.pk]), {"action": "launch"})
    assert again.status_code == 400
    assert "This cohort was already launched." in again.content.decode()
    assert Participant.objects.filter(intake=intake).count() == 23


def test_the_cohort_page_shows_rates_with_their_definition(
    cohort: Intake, admin: Client, cast: dict[str, Any]
) -> None:
    people = list(Participant.objects.filter(intake=cohort).order_by("pk"))
    event = session(cohort, cohort.starts_on + datetime.timedelta(days=1))
    for index, person in enumerate(people):
        Attendance.objects.create(
            session=event, participant=person, status="absent" if index < 3 else "present"
        )
    page = admin.get(reverse("programmes:cohort", args=[cohort.pk])).content.decode()
    assert "<strong>75%</strong>" in page  # 9 of 12
    assert "9 of 12" in page
    assert "excused sessions are not expected" in page
    assert '<caption id="participants-caption">Participants</caption>' in page


@pytest.mark.parametrize("who", ["member", "committee", "coordinator", "supervisor"])
def test_strangers_get_not_found_and_change_nothing(
    cohort: Intake, cast: dict[str, Any], login: Login, who: str
) -> None:
    client = login(cast[who].user)
    event = session(cohort, cohort.starts_on + datetime.timedelta(days=1))
    person = Participant.objects.filter(intake=cohort).first()
    assert person is not None
    for name, pk in (
        ("cohort", cohort.pk),
        ("groups", cohort.pk),
        ("sessions", cohort.pk),
        ("attendance", event.pk),
    ):
        assert client.get(reverse(f"programmes:{name}", args=[pk])).status_code == 404
    marked = client.post(
        reverse("programmes:attendance", args=[event.pk]),
        {"action": "save", f"mark-{person.pk}": "present"},
    )
    assert marked.status_code == 404
    assert not Attendance.objects.exists()
    assert (
        client.post(
            reverse("programmes:cohort", args=[cohort.pk]), {"action": "launch"}
        ).status_code
        == 404
    )


def test_moving_someone_on_the_groups_page(cohort: Intake, admin: Client) -> None:
    first, second = LearningGroup.objects.filter(intake=cohort).order_by("number")
    person = first.participants.first()
    assert person is not None
    url = reverse("programmes:groups", args=[cohort.pk])
    moved = admin.post(url, {"action": "move", "participant": person.pk, "group": second.pk})
    assert moved.status_code == 302
    person.refresh_from_db()
    assert person.group_id == second.pk
    another = first.participants.first()
    assert another is not None
    refused = admin.post(url, {"action": "move", "participant": another.pk, "group": second.pk})
    assert refused.status_code == 400
    assert "Group 2 already has 7 people" in refused.content.decode()


def test_a_monthly_series_and_a_bad_session(cohort: Intake, admin: Client) -> None:
    url = reverse("programmes:sessions", args=[cohort.pk])
    first = cohort.starts_on + datetime.timedelta(days=2)
    added = admin.post(
        url,
        {
            "action": "series",
            "series-first_day": first.isoformat(),
            "series-months": "3",
            "series-event_starts": "09:00",
            "series-event_ends": "16:30",
            "series-name_en": "Learning event",
            "series-name_fr": "Activité d'apprentissage",
            "series-meeting_after_days": "14",
            "series-meeting_starts": "13:00",
            "series-meeting_ends": "16:00",
        },
    )
    assert added.status_code == 302
    assert Session.objects.filter(intake=cohort).count() == 3 + 3 * 2
    bad = admin.post(
        url,
        {
            "action": "session",
            "one-kind": "event",
            "one-name_en": "Launch",
            "one-name_fr": "",
            "one-starts_at": f"{first.isoformat()}T10:00",
            "one-ends_at": f"{first.isoformat()}T09:00",
        },
    )
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "This field is required." in text
    assert Session.objects.filter(intake=cohort).count() == 9


def test_the_register_marks_all_present_then_saves(cohort: Intake, admin: Client) -> None:
    event = session(cohort, cohort.starts_on + datetime.timedelta(days=1))
    people = list(Participant.objects.filter(intake=cohort).order_by("pk"))
    url = reverse("programmes:attendance", args=[event.pk])
    page = admin.get(url).content.decode()
    assert page.count('class="gcds-fieldset guild-register-row"') == 12
    filled = admin.post(url, {"action": "all-present"}).content.decode()
    assert filled.count('value="present" checked') == 12
    assert not Attendance.objects.exists()
    marks = {f"mark-{p.pk}": "present" for p in people}
    marks[f"mark-{people[0].pk}"] = "absent"
    saved = admin.post(url, {"action": "save", **marks})
    assert saved.status_code == 302
    assert Attendance.objects.filter(session=event, status="present").count() == 11
    assert Attendance.objects.get(participant=people[0]).status == "absent"


def test_a_tampered_register_is_refused_whole(
    cohort: Intake, admin: Client, programme: Any, make_member: Callable[..., Member]
) -> None:
    event = session(cohort, cohort.starts_on + datetime.timedelta(days=1))
    elsewhere = other_intake(programme)
    stranger = Participant.objects.create(
        intake=elsewhere, member=make_member(), joined_on=elsewhere.starts_on
    )
    person = Participant.objects.filter(intake=cohort).first()
    assert person is not None
    refused = admin.post(
        reverse("programmes:attendance", args=[event.pk]),
        {"action": "save", f"mark-{person.pk}": "present", f"mark-{stranger.pk}": "present"},
    )
    assert refused.status_code == 400
    assert f"{stranger.pk} is not a participant in this cohort." in refused.content.decode()
    assert not Attendance.objects.exists()
    other_session = session(elsewhere, elsewhere.starts_on)
    assert admin.get(reverse("programmes:attendance", args=[other_session.pk])).status_code == 200


def test_the_participant_page_for_the_person_their_supervisor_and_no_one_else(
    cohort: Intake, cast: dict[str, Any], login: Login, admin: Client
) -> None:
    person = Participant.objects.filter(intake=cohort).select_related("member__user").first()
    assert person is not None and person.member.user is not None
    url = reverse("programmes:participant", args=[person.pk])
    assert login(person.member.user).get(url).status_code == 200
    assert login(cast["supervisor"].user).get(url).status_code == 200
    assert login(cast["member"].user).get(url).status_code == 404
    assert login(cast["supervisor"].user).post(url, {"joined_on": "2000-01-01"}).status_code == 404
    later = cohort.starts_on + datetime.timedelta(days=5)
    assert admin.post(url, {"joined_on": later.isoformat(), "left_on": ""}).status_code == 302
    person.refresh_from_db()
    assert person.joined_on == later
    bad = admin.post(url, {"joined_on": later.isoformat(), "left_on": cohort.starts_on.isoformat()})
    assert bad.status_code == 400
    assert "They cannot leave before they joined." in bad.content.decode()


def test_my_programme(cohort: Intake, cast: dict[str, Any], login: Login) -> None:
    person = Participant.objects.filter(intake=cohort).select_related("member__user").first()
    assert person is not None and person.member.user is not None
    page = login(person.member.user).get(reverse("programmes:my-programme")).content.decode()
    feed = reverse("programmes:calendar", args=[person.calendar_token])
    assert f'href="http://testserver{feed}"' in page
    assert str(person.group) in page
    nobody = login(cast["member"].user).get(reverse("programmes:my-programme"))
    assert "You are not a participant in a leadership programme." in nobody.content.decode()


def test_a_late_joiner_from_the_cohort_page(
    cohort: Intake, admin: Client, cast: dict[str, Any], make_member: Callable[..., Member]
) -> None:
    late = make_member(given_name="Lou", family_name="Late")
    nomination = nominate(cohort, late, outcome="waitlisted", rank=1)
    url = reverse("programmes:cohort", args=[cohort.pk])
    page = admin.get(url).content.decode()
    assert "Lou Late — On the waitlist" in page
    early = cohort.starts_on - datetime.timedelta(days=1)
    refused = admin.post(
        url, {"action": "add", "add-nomination": nomination.pk, "add-joined_on": early}
    )
    assert refused.status_code == 400
    assert "The cohort runs from" in refused.content.decode()
    day = cohort.starts_on + datetime.timedelta(days=30)
    added = admin.post(
        url, {"action": "add", "add-nomination": nomination.pk, "add-joined_on": day}
    )
    assert added.status_code == 302
    assert Participant.objects.get(member=late).joined_on == day


def test_a_session_page_for_participants_administrators_and_nobody_else(
    cohort: Intake, admin: Client, cast: dict[str, Any], login: Login
) -> None:
    event = session(cohort, cohort.starts_on + datetime.timedelta(days=1), location="Ottawa")
    url = reverse("programmes:session", args=[event.pk])
    person = Participant.objects.filter(intake=cohort).select_related("member__user").first()
    assert person is not None and person.member.user is not None
    mine = login(person.member.user)
    seen = mine.get(url)
    assert seen.status_code == 200
    assert "Ottawa" in seen.content.decode()
    assert 'id="session-form"' not in seen.content.decode()
    assert mine.post(url, {"name_en": "Hacked"}).status_code == 404
    assert login(cast["member"].user).get(url).status_code == 404
    changed = admin.post(
        url,
        {
            "kind": "event",
            "name_en": "Renamed",
            "name_fr": "Renommée",
            "starts_at": timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M"),
            "location": "Gatineau",
        },
    )
    assert changed.status_code == 302
    before = event.starts_at
    event.refresh_from_db()
    assert event.starts_at == before
    assert (event.name_en, event.name_fr, event.location) == ("Renamed", "Renommée", "Gatineau")
