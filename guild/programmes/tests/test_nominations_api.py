"""The nominations API through the real HTTP stack: nominating with every problem at once,
my nominations, consent, endorsement and withdrawal; refusals are JSON and change nothing."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from guild.accounts.models import User
from guild.accounts.services import token_create
from guild.organizations.models import OccupationalLevel
from guild.programmes.models import Intake, Nomination, NominationEvent

pytestmark = pytest.mark.django_db
BASE = "/api/v1/programmes"


def _client(user: User) -> Client:
    _token, raw = token_create(user=user, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, body, content_type="application/json")


def _nominate(client: Client, intake: Intake, member_id: int | str, **body: Any) -> Any:
    return _post(
        client,
        f"{BASE}/intakes/{intake.pk}/nominations",
        {"member_id": member_id, "rationale": "Leads the records team.", **body},
    )


def test_the_whole_nomination_through_the_api(cast: dict[str, Any], intake: Intake) -> None:
    coordinator = _client(cast["coordinator"].user)
    created = _nominate(coordinator, intake, cast["member"].pk)
    assert created.status_code == 201
    body = created.json()
    assert (body["member_name"], body["department_code"], body["consent"], body["endorsement"]) == (
        "Mia Member",
        "esdc",
        "pending",
        "pending",
    )
    assert body["supervisor_id"] == cast["supervisor"].pk
    nominee, supervisor = _client(cast["member"].user), _client(cast["supervisor"].user)
    mine = nominee.get(f"{BASE}/nominations/mine").json()
    assert [n["id"] for n in mine["as_nominee"]] == [body["id"]]
    assert supervisor.get(f"{BASE}/nominations/mine").json()["as_supervisor"][0]["id"] == body["id"]
    assert coordinator.get(f"{BASE}/nominations/mine").json()["as_nominator"][0]["id"] == body["id"]
    accepted = _post(nominee, f"{BASE}/nominations/{body['id']}/consent", {"accept": True})
    assert accepted.json()["consent"] == "given"
    endorsed = _post(
        supervisor, f"{BASE}/nominations/{body['id']}/endorse", {"endorse": True, "note": "Yes."}
    )
    assert endorsed.json()["endorsement"] == "endorsed"
    twice = _post(supervisor, f"{BASE}/nominations/{body['id']}/endorse", {"endorse": False})
    assert twice.status_code == 400
    assert twice.json()["code"] == "already_decided"
    withdrawn = _post(
        coordinator, f"{BASE}/nominations/{body['id']}/withdraw", {"reason": "Changed jobs."}
    )
    assert withdrawn.json()["withdrawn_at"] is not None


def _nothing_saved(before: tuple[int, int]) -> None:
    assert (Nomination.objects.count(), NominationEvent.objects.count()) == before


def test_bad_nominations_answer_every_problem(
    cast: dict[str, Any], intake: Intake, make_member: Any
) -> None:
    coordinator = _client(cast["coordinator"].user)
    Intake.objects.filter(pk=intake.pk).update(nominations_per_department=1)
    _nominate(coordinator, intake, cast["private"].pk)
    before = (Nomination.objects.count(), NominationEvent.objects.count())
    intake.eligible_levels.set(OccupationalLevel.objects.filter(code="EX-01"))
    response = _nominate(coordinator, intake, cast["member"].pk, rationale="")
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid_nomination",
        "message": "The nomination cannot be made.",
        "fields": {
            "member": [
                "Mia Member is not eligible: this intake takes EX-01 only.",
                "Employment and Social Development Canada already has 1 open nominations, "
                "its quota.",
            ],
            "rationale": ["Say why you nominate this member."],
        },
    }
    _nothing_saved(before)
    wrong_department = _nominate(coordinator, intake, cast["other"].pk)
    assert wrong_department.status_code == 400
    assert (
        "works in a department you do not coordinate"
        in wrong_department.json()["fields"]["member"][0]
    )
    assert _nominate(coordinator, intake, 999999).status_code == 404
    assert _nominate(coordinator, intake, "abc").status_code == 422
    assert (
        _post(
            coordinator,
            f"{BASE}/intakes/999999/nominations",
            {"member_id": cast["member"].pk, "rationale": "x"},
        ).status_code
        == 404
    )
    assert _nominate(_client(cast["committee"].user), intake, cast["member"].pk).status_code == 404
    _nothing_saved(before)


def test_past_window_is_refused(cast: dict[str, Any], intake: Intake) -> None:
    today = timezone.localdate()
    Intake.objects.filter(pk=intake.pk).update(
        nominations_open_on=today - datetime.timedelta(days=60),
        nominations_close_on=today - datetime.timedelta(days=1),
    )
    response = _nominate(_client(cast["coordinator"].user), intake, cast["member"].pk)
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["intake"]
    admin = _client(cast["admin"].user)
    history = _nominate(admin, intake, cast["member"].pk, historical=True)
    assert history.status_code == 201
    assert (history.json()["consent"], history.json()["endorsement"]) == ("given", "endorsed")


def test_a_supervisor_endorsing_someone_not_theirs_gets_404(
    cast: dict[str, Any], intake: Intake, make_member: Any
) -> None:
    created = _nominate(_client(cast["coordinator"].user), intake, cast["member"].pk).json()
    not_theirs = make_member(given_name="Sol", family_name="Else")
    make_member(supervisor=not_theirs)  # a supervisor, of someone else
    url = f"{BASE}/nominations/{created['id']}"
    for person in (_client(not_theirs.user), _client(cast["other"].user)):
        assert _post(person, f"{url}/endorse", {"endorse": True}).status_code == 404
        assert _post(person, f"{url}/consent", {"accept": True}).status_code == 404
        assert _post(person, f"{url}/withdraw", {"reason": "x"}).status_code == 404
    coordinator = _client(cast["coordinator"].user)
    assert _post(coordinator, f"{url}/endorse", {"endorse": True}).status_code == 404
    assert _post(coordinator, f"{url}/consent", {"accept": True}).status_code == 404
    empty = _post(coordinator, f"{url}/withdraw", {"reason": " "})
    assert empty.status_code == 400
    assert empty.json()["fields"] == {"reason": ["Say why the nomination is withdrawn."]}
    nomination = Nomination.objects.get()
    assert (nomination.consent, nomination.endorsement, nomination.withdrawn_at) == (
        "pending",
        "pending",
        None,
    )
