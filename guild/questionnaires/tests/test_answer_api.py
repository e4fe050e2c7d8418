"""Answering through the JSON API: definition, start, save, submit with an idempotency
key, my responses; bad input gets a JSON error and changes nothing."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from guild.accounts.services import token_create
from guild.questionnaires.models import Answer, Audience, Participation, Response, ResponseDraft
from guild.questionnaires.tests.answering import (
    ABOUT,
    CANONICAL,
    COMPLETE,
    HIDDEN_MESSAGE,
    SKILLS,
    make_questionnaire,
)

pytestmark = pytest.mark.django_db

BASE = "/api/v1/questionnaires"


@pytest.fixture
def caller(make_member, esdc) -> tuple[Any, Client]:
    member = make_member(department=esdc)
    _token, raw = token_create(user=member.user, name="tests")
    return member.user, Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _counts() -> tuple[int, int, int, int]:
    return (
        Participation.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
        ResponseDraft.objects.count(),
    )


def _json(client: Client, method: str, path: str, body: Any = None, **headers: Any) -> Any:
    call = getattr(client, method)
    if body is None:
        return call(path, **headers)
    return call(path, body, content_type="application/json", **headers)


def test_definition_in_both_languages_and_open_list(caller, im) -> None:
    _user, client = caller
    survey = make_questionnaire(im)
    listed = client.get(BASE).json()
    assert [(q["id"], q["title"], q["started"]) for q in listed] == [
        (survey.pk, {"en": "Members survey", "fr": "Sondage des membres"}, False)
    ]
    body = client.get(f"{BASE}/{survey.pk}").json()
    assert (body["version"], body["anonymous"], body["is_open"]) == (1, True, True)
    department = body["definition"]["sections"][0]["questions"][0]
    assert department["label"] == {"en": "Department", "fr": "Ministère"}
    assert [s["code"] for s in body["definition"]["sections"]] == ["about", "skills"]


def test_start_save_submit_replay_and_my_responses(caller, im) -> None:
    _user, client = caller
    survey = make_questionnaire(im)
    started = client.post(f"{BASE}/{survey.pk}/response")
    assert started.status_code == 200
    assert started.json() == {
        "questionnaire_id": survey.pk,
        "version": 1,
        "next_section": "about",
        "answers": {},
    }
    saved = _json(
        client, "put", f"{BASE}/{survey.pk}/response", {"section": "about", "answers": ABOUT}
    )
    assert saved.status_code == 200
    assert saved.json()["next_section"] == "skills"
    assert client.get(BASE).json()[0]["started"] is True
    saved = _json(
        client, "put", f"{BASE}/{survey.pk}/response", {"section": "skills", "answers": SKILLS}
    )
    assert saved.json()["next_section"] is None
    submitted = _json(
        client, "post", f"{BASE}/{survey.pk}/response/submit", {}, HTTP_IDEMPOTENCY_KEY="key-1"
    )
    assert submitted.status_code == 201, submitted.content
    receipt = submitted.json()
    assert (receipt["anonymous"], receipt["submitted_at"], receipt["replayed"]) == (
        True,
        None,
        False,
    )
    again = _json(
        client, "post", f"{BASE}/{survey.pk}/response/submit", {}, HTTP_IDEMPOTENCY_KEY="key-1"
    )
    assert again.status_code == 200
    assert (again.json()["receipt"], again.json()["replayed"]) == (receipt["receipt"], True)
    other = _json(
        client,
        "post",
        f"{BASE}/{survey.pk}/response/submit",
        {"answers": COMPLETE, "idempotency_key": "key-2"},
    )
    assert other.status_code == 409
    assert other.json()["code"] == "already_responded"
    mine = client.get(f"{BASE}/me/responses").json()
    assert [(r["receipt"], r["anonymous"], r["answers"]) for r in mine] == [
        (receipt["receipt"], True, None)
    ]
    assert client.get(BASE).json() == []
    assert _counts() == (1, 1, 14, 0)
    assert Response.objects.get().answers == CANONICAL


def test_identified_conflict_and_change(caller, im) -> None:
    _user, client = caller
    survey = make_questionnaire(im, anonymous=False)
    url = f"{BASE}/{survey.pk}/response/submit"
    first = _json(client, "post", url, {"answers": COMPLETE}, HTTP_IDEMPOTENCY_KEY="a")
    assert first.status_code == 201
    assert first.json()["submitted_at"] is not None
    conflict = _json(
        client, "post", url, {"answers": {**COMPLETE, "years": 9}}, HTTP_IDEMPOTENCY_KEY="a"
    )
    assert conflict.status_code == 409
    assert conflict.json()["code"] == "idempotency_conflict"
    assert Response.objects.get().answers["years"] == 7
    changed = _json(
        client, "post", url, {"answers": {**COMPLETE, "years": 9}}, HTTP_IDEMPOTENCY_KEY="b"
    )
    assert changed.status_code == 201
    assert changed.json()["receipt"] == first.json()["receipt"]
    mine = client.get(f"{BASE}/me/responses").json()
    assert mine[0]["answers"]["years"] == 9
    assert _counts() == (1, 1, 14, 0)


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({"section": "about", "answers": {**ABOUT, "years": "seven"}}, 400, "invalid", "years"),
        ({"section": "about", "answers": {**ABOUT, "years": -1}}, 400, "invalid", "years"),
        ({"section": "about", "answers": {**ABOUT, "team_size": 3}}, 400, "invalid", "team_size"),
        ({"section": "about", "answers": {**ABOUT, "colour": "blue"}}, 400, "invalid", "colour"),
        ({"section": "about", "answers": {"nickname": "Sam"}}, 400, "invalid", "nickname"),
        (
            {"section": "about", "answers": {**ABOUT, "department": ["cra"]}},
            400,
            "invalid",
            "department",
        ),
        ({"section": "nowhere", "answers": {}}, 400, "unknown_section", "section"),
        ({"section": "about", "answers": "all good"}, 422, "invalid_input", "answers"),
        ({"section": "about"}, 422, "invalid_input", "answers"),
        ({"section": "about", "answers": {}, "extra": 1}, 422, "invalid_input", "extra"),
        (
            {"section": "about", "answers": {f"q{i}": 1 for i in range(501)}},
            422,
            "invalid_input",
            "answers",
        ),
    ],
)
def test_bad_save_input_gets_a_json_error_and_changes_nothing(
    caller, im, body, status, code, field
) -> None:
    _user, client = caller
    survey = make_questionnaire(im)
    client.post(f"{BASE}/{survey.pk}/response")
    before = list(ResponseDraft.objects.values_list("answers", "section"))
    response = _json(client, "put", f"{BASE}/{survey.pk}/response", body)
    assert response.status_code == status, response.content
    error = response.json()
    assert error["code"] == code
    assert field in error["fields"]
    assert error["message"]
    assert list(ResponseDraft.objects.values_list("answers", "section")) == before


def test_an_answer_to_a_question_the_answers_hide_is_refused_as_on_the_page(caller, im) -> None:
    _user, client = caller
    survey = make_questionnaire(im)
    manager = {**ABOUT, "role": "manager"}
    body = {"section": "about", "answers": manager}
    assert _json(client, "put", f"{BASE}/{survey.pk}/response", body).status_code == 200
    body = {"section": "about", "answers": {**ABOUT, "team_size": 4}}
    response = _json(client, "put", f"{BASE}/{survey.pk}/response", body)
    assert response.status_code == 400
    assert response.json()["fields"] == {"team_size": [HIDDEN_MESSAGE]}
    assert ResponseDraft.objects.get().answers == manager


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({**COMPLETE, "nickname": "x" * 21}, "nickname"),
        ({**COMPLETE, "comments": "x" * 100_000}, "comments"),
        ({**COMPLETE, "hours": 100.5}, "hours"),
        ({**COMPLETE, "levels": ["b", "c"]}, "levels"),
        (ABOUT, "levels"),
    ],
)
def test_bad_submissions_change_nothing(caller, im, answers, field) -> None:
    _user, client = caller
    survey = make_questionnaire(im)
    response = _json(
        client,
        "post",
        f"{BASE}/{survey.pk}/response/submit",
        {"answers": answers},
        HTTP_IDEMPOTENCY_KEY="k",
    )
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert _counts() == (0, 0, 0, 0)


def test_missing_key_closed_outside_audience_unknown_and_oversized(
    caller, im, it_community
) -> None:
    _user, client = caller
    survey = make_questionnaire(im)
    url = f"{BASE}/{survey.pk}/response/submit"
    missing = _json(client, "post", url, {"answers": COMPLETE})
    assert (missing.status_code, missing.json()["code"]) == (400, "invalid_idempotency_key")
    closed = make_questionnaire(
        im,
        opens_at=timezone.now() - timedelta(days=5),
        closes_at=timezone.now() - timedelta(days=1),
    )
    late = _json(
        client,
        "post",
        f"{BASE}/{closed.pk}/response/submit",
        {"answers": COMPLETE},
        HTTP_IDEMPOTENCY_KEY="k",
    )
    assert (late.status_code, late.json()["code"]) == (409, "closed")
    elsewhere = make_questionnaire(it_community)
    for path in (f"/{elsewhere.pk}", f"/{elsewhere.pk}/response", "/999999", "/999999/response"):
        method = "get" if path.count("/") == 1 else "post"
        response = getattr(client, method)(BASE + path)
        assert (response.status_code, response.json()["code"]) == (404, "not_found"), path
    hidden = make_questionnaire(im, published=False)
    assert client.get(f"{BASE}/{hidden.pk}").status_code == 404
    link = make_questionnaire(im, audience=Audience.LINK)
    assert client.get(f"{BASE}/{link.pk}").status_code == 404
    assert client.get(f"{BASE}/{link.pk}?key={link.link_token}").status_code == 200
    huge = client.post(
        url,
        '{"answers": {"comments": "' + "x" * 3_000_000 + '"}}',
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k",
    )
    assert huge.status_code in (400, 413)
    assert _counts() == (0, 0, 0, 0)


def test_signed_out_gets_401(im) -> None:
    survey = make_questionnaire(im)
    response = Client().get(f"{BASE}/{survey.pk}")
    assert (response.status_code, response.json()["code"]) == (401, "unauthenticated")
