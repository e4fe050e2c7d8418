"""Helper G's attempts to tie an anonymous evaluation answer to a person. Each group
meeting's evaluation goes to exactly the people marked present (5 to 7, whose names the
group knows) and publishes at 5 responses. What holds is tested plainly; what does not
hold, and cannot be fixed inside guild/programmes, is an expected failure (strict), so
that the fix in the questionnaire engine turns it into a pass."""

import datetime
from typing import Any

import pytest

from guild.accounts.services import token_create
from guild.programmes.models import SessionKind
from guild.programmes.tests.reports_data import answered, built, evaluate, mark, publish, session

__all__ = ["built"]
pytestmark = pytest.mark.django_db
API = "/api/v1/programmes"


def _benefit(client: Any, intake_id: int) -> dict[str, Any]:
    body = client.get(f"{API}/intakes/{intake_id}/success-measures").json()
    return next(m for m in body["measures"] if m["code"] == "benefit")


def test_a_plain_member_cannot_read_one_group_meetings_results(
    built: dict[str, Any], cast: dict[str, Any], login: Any
) -> None:
    questionnaires = answered(built)
    group = questionnaires["group2"]  # 5 attendees, 5 answers, all "strongly agree"
    response = login(cast["other"].user).get(f"/en/questionnaires/{group.pk}/results/")
    assert response.status_code == 404


def test_a_single_new_answer_does_not_move_the_published_measure(
    built: dict[str, Any], cast: dict[str, Any]
) -> None:
    """Differencing by one: an answer counts only once its evaluation's snapshot is taken."""
    answered(built)
    _token, raw = token_create(user=cast["coordinator"].user, name="attack")
    from django.test import Client

    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    intake = built["crew"].intake
    before = _benefit(client, intake.pk)
    crew = built["crew"]
    meeting3 = session(
        intake,
        SessionKind.GROUP,
        intake.starts_on + datetime.timedelta(days=60),
        group=crew.groups[1],
    )
    attendees = crew.participants[6:11]
    mark(meeting3, {p: "present" for p in attendees})
    evaluation = evaluate(built["admin"], meeting3, attendees[:1], ["disagree"], question="benefit")
    assert _benefit(client, intake.pk) == before
    # at 1 response the snapshot is not taken (threshold 5): still nothing moves
    publish(evaluation)
    assert _benefit(client, intake.pk) == before


def test_differencing_the_measure_does_not_reveal_one_meetings_answers(
    built: dict[str, Any], cast: dict[str, Any]
) -> None:
    from django.test import Client

    answered(built)
    _token, raw = token_create(user=cast["coordinator"].user, name="attack")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    intake = built["crew"].intake
    before = _benefit(client, intake.pk)
    crew = built["crew"]
    meeting3 = session(
        intake,
        SessionKind.GROUP,
        intake.starts_on + datetime.timedelta(days=60),
        group=crew.groups[1],
    )
    attendees = crew.participants[6:11]
    mark(meeting3, {p: "present" for p in attendees})
    evaluation = evaluate(
        built["admin"], meeting3, attendees, ["strongly_agree"] * 5, question="benefit"
    )
    assert publish(evaluation) is not None
    after = _benefit(client, intake.pk)
    assert before["n"] is not None and after["n"] is not None
    agreed_before = round(before["percent"] * before["n"] / 100)
    agreed_after = round(after["percent"] * after["n"] / 100)
    # One meeting's 5 answers wait for a batch of 10: the reader learns nothing of them.
    assert (after["n"], agreed_after) == (before["n"], agreed_before)
    meeting4 = session(
        intake,
        SessionKind.GROUP,
        intake.starts_on + datetime.timedelta(days=90),
        group=crew.groups[1],
    )
    mark(meeting4, {p: "present" for p in attendees})
    evaluation = evaluate(built["admin"], meeting4, attendees, ["disagree"] * 5, question="benefit")
    assert publish(evaluation) is not None
    later = _benefit(client, intake.pk)
    # With the next meeting's 5 the batch is full: the measure moves by 10 answers at once,
    # 5 agreeing of 10, not by either meeting alone.
    agreed_later = round(later["percent"] * later["n"] / 100)
    assert (later["n"] - after["n"], agreed_later - agreed_after) == (10, 5)
