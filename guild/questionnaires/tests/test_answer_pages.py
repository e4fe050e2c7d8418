"""Answering pages through the real HTTP stack, in English and French."""

import re
from typing import Any

import pytest

from guild.questionnaires.models import Participation, Response, ResponseDraft
from guild.questionnaires.tests.answering import (
    ABOUT,
    CANONICAL,
    HIDDEN_MESSAGE,
    make_questionnaire,
)

pytestmark = pytest.mark.django_db

ABOUT_FORM = {"department": "cra", "region": "quebec", "role": "analyst", "years": "7"}
SKILLS_FORM = {
    "tools": ["python", "excel"],
    "levels__reading": "b",
    "levels__writing": "c",
    "priorities__1": "pay",
    "priorities__2": "training",
    "priorities__3": "",
    "satisfaction": "agree",
    "start_year": "2010",
    "hours": "12.5",
    "joined": "2010-04-01",
    "nickname": "Sam",
    "comments": "Fine.",
}


@pytest.fixture
def person(make_member, esdc, login) -> tuple[Any, Any]:
    member = make_member(department=esdc)
    return member.user, login(member.user)


def _key(html: str) -> str:
    found = re.search(r'name="idempotency_key" value="([^"]+)"', html)
    assert found
    return found.group(1)


def test_answer_a_questionnaire_from_start_to_receipt(person, im) -> None:
    _user, client = person
    survey = make_questionnaire(im)
    base = f"/en/questionnaires/{survey.pk}"
    listing = client.get("/en/questionnaires/").content.decode()
    assert f'href="{base}/"' in listing
    start = client.get(f"{base}/")
    assert start.status_code == 200
    assert "Anonymous" in start.content.decode()
    response = client.post(f"{base}/")
    assert response.headers["Location"] == f"{base}/s/1/"

    page = client.get(f"{base}/s/1/").content.decode()
    assert "Section 1 of 2" in page
    assert (
        '<progress class="guild-progress" max="2" value="1" aria-labelledby="section-progress">'
        in page
    )
    assert "<legend>Department" in page
    assert 'aria-describedby="id_role_helptext"' in page
    assert "Team size" not in page  # shown only to managers

    # Required answers missing: the error summary links to each question.
    missing = client.post(f"{base}/s/1/", {"role": "analyst", "action": "next"})
    assert missing.status_code == 400
    html = missing.content.decode()
    assert "gcds-error-summary" in html
    for anchor in ("#id_department_0", "#id_region_0", "#id_years"):
        assert anchor in html
    assert ResponseDraft.objects.get().answers == {}

    # Becoming a manager adds a question to this same section.
    added = client.post(f"{base}/s/1/", {**ABOUT_FORM, "role": "manager", "action": "next"})
    assert added.headers["Location"] == f"{base}/s/1/"
    assert "Team size" in client.get(f"{base}/s/1/").content.decode()
    # Back to analyst with the team size still filled in: refused, as the API refuses it
    # (test_answer_api), with the error on that question; nothing is saved.
    refused = client.post(f"{base}/s/1/", {**ABOUT_FORM, "team_size": "4", "action": "next"})
    assert refused.status_code == 400
    assert HIDDEN_MESSAGE in refused.content.decode()
    assert "&quot;#id_team_size&quot;" in refused.content.decode()  # the summary's link
    assert ResponseDraft.objects.get().answers == {**ABOUT, "role": "manager"}
    done = client.post(f"{base}/s/1/", {**ABOUT_FORM, "action": "next"})
    assert done.headers["Location"] == f"{base}/s/2/"
    assert ResponseDraft.objects.get().answers == {
        "department": "cra",
        "region": "quebec",
        "role": "analyst",
        "years": 7,
    }

    page = client.get(f"{base}/s/2/").content.decode()
    assert "Section 2 of 2" in page
    assert "<legend>Reading</legend>" in page
    assert '<label for="id_priorities__1">1st choice</label>' in page
    assert 'maxlength="20"' in page
    later = client.post(f"{base}/s/2/", {"nickname": "Sam", "action": "later"})
    assert later.headers["Location"] == "/en/questionnaires/"
    assert ResponseDraft.objects.get().answers["nickname"] == "Sam"

    # The review page says what is still missing before it offers to submit.
    review = client.get(f"{base}/review/").content.decode()
    assert "Answer this question." in review
    assert "idempotency_key" not in review
    client.post(f"{base}/s/2/", {**SKILLS_FORM, "action": "next"})
    review = client.get(f"{base}/review/").content.decode()
    assert "Second-language levels" in review and "Reading: B" in review
    assert "1. Pay<br>2. Training" in review
    assert f'href="{base}/s/1/"' in review
    key = _key(review)
    submitted = client.post(f"{base}/submit/", {"idempotency_key": key})
    assert submitted.headers["Location"] == f"{base}/receipt/"
    # A double click sends the same key again: still one response.
    again = client.post(f"{base}/submit/", {"idempotency_key": key})
    assert again.headers["Location"] == f"{base}/receipt/"
    assert (Participation.objects.count(), Response.objects.count()) == (1, 1)
    assert Response.objects.get().answers == CANONICAL
    receipt = client.get(f"{base}/receipt/").content.decode()
    code = Participation.objects.get().receipt
    assert code in receipt
    assert "Not recorded, so that nothing links your answers to you." in receipt
    listing = client.get("/en/questionnaires/").content.decode()
    assert code in listing and "No questionnaire is waiting for your answers." in listing


def test_identified_receipt_offers_changes_until_closing(person, im) -> None:
    _user, client = person
    survey = make_questionnaire(im, anonymous=False)
    base = f"/fr/questionnaires/{survey.pk}"
    client.post(f"{base}/")
    page = client.get(f"{base}/s/1/").content.decode()
    assert "<legend>Ministère" in page
    client.post(f"{base}/s/1/", {**ABOUT_FORM, "action": "next"})
    client.post(f"{base}/s/2/", {**SKILLS_FORM, "action": "next"})
    key = _key(client.get(f"{base}/review/").content.decode())
    client.post(f"{base}/submit/", {"idempotency_key": key})
    receipt = client.get(f"{base}/receipt/")
    assert receipt.status_code == 200
    # Change: a draft from the answers, one section changed, submitted with a new key.
    assert client.post(f"{base}/").headers["Location"] == f"{base}/s/1/"
    client.post(f"{base}/s/1/", {**ABOUT_FORM, "years": "8", "action": "next"})
    key = _key(client.get(f"{base}/review/").content.decode())
    client.post(f"{base}/submit/", {"idempotency_key": key})
    assert Response.objects.get().answers["years"] == 8
    assert Response.objects.count() == 1


def test_pages_of_a_questionnaire_not_addressed_to_you_are_not_found(
    make_member, login, im, it_community
) -> None:
    outsider = make_member(communities=[it_community])
    client = login(outsider.user)
    survey = make_questionnaire(im)
    for path in ("", "s/1/", "review/", "receipt/"):
        assert client.get(f"/en/questionnaires/{survey.pk}/{path}").status_code == 404
    assert (
        client.post(f"/en/questionnaires/{survey.pk}/submit/", {"idempotency_key": "k"}).status_code
        == 404
    )
    assert client.get("/en/questionnaires/999999/").status_code == 404
    assert Participation.objects.count() == 0
