"""Finding 7 of issue 8, as an attacker tries it: a new account with any e-mail address
asks for (or ticks) the IM community, then tries to answer its anonymous questionnaire and
read its results and statistics, through the pages and the API (session and token).
Membership is decided by the community (ADR 0013)."""

import json
from typing import Any

import pytest
from django.test import Client, override_settings

from guild.accounts.services import token_create
from guild.core.models import AuditEvent
from guild.members.models import Member, MembershipRequest
from guild.organizations.models import Community, Region
from guild.questionnaires.models import Participation, ResponseDraft
from guild.questionnaires.tests.answering import make_questionnaire
from guild.questionnaires.tests.results_data import add_responses, results_questionnaire

PASSWORD = "a-long-enough-password-2026"
ROW = {"department": "esdc", "region": "ncr", "satisfied": "yes", "hours": 12}


@pytest.fixture
def surveys(im: Community) -> dict[str, Any]:
    results = results_questionnaire(im)
    add_responses(results, [ROW], times=12)
    return {"results": results, "answer": make_questionnaire(im)}


def _sign_up(email: str, mailoutbox: list[Any], *, verify: bool) -> Client:
    """A new account made through allauth's own pages. Verification is optional here, as
    in the development settings, so an unconfirmed address can sign in: the worst case."""
    client = Client()
    with override_settings(ACCOUNT_EMAIL_VERIFICATION="optional"):
        response = client.post(
            "/en/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
        )
        assert response.status_code == 302
        if verify:
            mail = next(m for m in mailoutbox if m.to == [email])
            link = next(line for line in mail.body.splitlines() if "/confirm-email/" in line)
            assert client.post(link[link.index("/en/") :].strip()).status_code == 302
    return client


def _profile(client: Client, email: str, **extra: Any) -> Member:
    """Fill in the profile form, claiming a department and asking for IM."""
    im = Community.objects.get(code="im")
    response = client.post(
        "/en/me/profile/",
        {
            "given_name": "Eve",
            "family_name": "Intruder",
            "work_email": email,
            "department": 1,
            "region": Region.objects.get(code="ncr").pk,
            "first_official_language": "en",
            "join_communities": [im.pk],
            # The old self-declared field, in case a stale form still sends it.
            "communities": [im.pk],
            **extra,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Member.objects.get(user__email=email)


def _token_client(member: Member) -> Client:
    assert member.user is not None
    _token, raw = token_create(user=member.user, name="attack")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _assert_shut_out(client: Client, api: Client, surveys: dict[str, Any]) -> None:
    answer, results = surveys["answer"].pk, surveys["results"].pk
    for path in ("", "s/1/", "review/"):
        assert client.get(f"/en/questionnaires/{answer}/{path}").status_code == 404, path
    assert client.post(f"/en/questionnaires/{answer}/").status_code == 404
    assert (
        client.post(f"/en/questionnaires/{answer}/submit/", {"idempotency_key": "k"}).status_code
        == 404
    )
    assert client.get(f"/en/questionnaires/{results}/results/").status_code == 404
    assert client.get(f"/fr/questionnaires/{results}/results/").status_code == 404
    for caller in (client, api):
        assert caller.get(f"/api/v1/questionnaires/{results}/statistics").status_code == 404
        assert caller.get(f"/api/v1/questionnaires/{answer}").status_code == 404
    assert api.post(f"/api/v1/questionnaires/{answer}/response").status_code == 404
    listed = api.get("/api/v1/questionnaires")
    assert listed.status_code == 200
    assert answer not in [q["id"] for q in listed.json()]
    assert not ResponseDraft.objects.exists()
    assert not Participation.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "verify"),
    [
        ("eve@gmail.com", True),  # any address, confirmed
        ("eve@example.gc.ca", True),  # looks governmental, is no department's
        ("eve@cra-arc.gc.ca.attacker.test", True),  # a department's name inside another
        ("eve@cra-arc.gc.ca", False),  # the right domain, never confirmed
    ],
)
def test_a_new_account_that_asks_for_im_opens_nothing(
    surveys: dict[str, Any], mailoutbox: list[Any], email: str, verify: bool
) -> None:
    client = _sign_up(email, mailoutbox, verify=verify)
    member = _profile(client, email)
    assert list(member.communities.all()) == []
    assert MembershipRequest.objects.get(member=member).status == "pending"
    api = _token_client(member)
    # The API does not let the profile claim a community either.
    patch = api.patch(
        "/api/v1/me/profile",
        json.dumps({"community_ids": [surveys["answer"].community_id]}),
        content_type="application/json",
    )
    assert patch.status_code == 422
    assert "community_ids" in patch.json()["fields"]
    asked = api.post(
        "/api/v1/me/membership-requests",
        json.dumps({"community_id": surveys["answer"].community_id}),
        content_type="application/json",
    )
    assert (asked.status_code, asked.json()["status"]) == (200, "pending")
    assert list(member.communities.all()) == []
    _assert_shut_out(client, api, surveys)


@pytest.mark.django_db
def test_a_verified_departmental_address_joins_and_may_answer_and_read(
    surveys: dict[str, Any], mailoutbox: list[Any]
) -> None:
    email = "ann.analyst@ops.tbs-sct.gc.ca"
    client = _sign_up(email, mailoutbox, verify=True)
    member = _profile(client, email)
    assert [c.code for c in member.communities.all()] == ["im"]
    assert AuditEvent.objects.get(action="membership.join").actor == member.user
    answer, results = surveys["answer"].pk, surveys["results"].pk
    assert client.get(f"/en/questionnaires/{answer}/").status_code == 200
    assert client.get(f"/en/questionnaires/{results}/results/").status_code == 200
    api = _token_client(member)
    statistics = api.get(f"/api/v1/questionnaires/{results}/statistics")
    assert statistics.status_code == 200
    assert statistics.json()["respondents"] == 12


@pytest.mark.django_db
def test_confirming_the_address_afterwards_and_asking_again_joins(
    surveys: dict[str, Any], mailoutbox: list[Any]
) -> None:
    email = "ann@cra-arc.gc.ca"
    client = _sign_up(email, mailoutbox, verify=False)
    member = _profile(client, email)
    _assert_shut_out(client, _token_client(member), surveys)
    mail = next(m for m in mailoutbox if m.to == [email])
    link = next(line for line in mail.body.splitlines() if "/confirm-email/" in line)
    client.post(link[link.index("/en/") :].strip())
    asked = client.post(
        "/api/v1/me/membership-requests",
        json.dumps({"community_id": surveys["answer"].community_id}),
        content_type="application/json",
    )
    assert (asked.status_code, asked.json()["status"]) == (201, "approved")
    assert client.get(f"/en/questionnaires/{surveys['results'].pk}/results/").status_code == 200


@pytest.mark.django_db
def test_approval_on_the_page_opens_the_community_and_is_audited(
    surveys: dict[str, Any], mailoutbox: list[Any], cast: dict[str, Any], login: Any
) -> None:
    email = "new.colleague@gmail.com"
    client = _sign_up(email, mailoutbox, verify=True)
    member = _profile(client, email)
    request = MembershipRequest.objects.get(member=member)
    coordinator = login(cast["coordinator"].user)
    admin = login(cast["admin"].user)
    for language in ("en", "fr"):
        page = admin.get(f"/{language}/members/requests/")
        assert page.status_code == 200
        assert "Eve Intruder" in page.content.decode()
    assert "/en/members/requests/" in admin.get("/en/me/profile/").content.decode()
    # Every field error at once: no decision chosen, a note too long.
    refused = admin.post(
        f"/en/members/requests/{request.pk}/decide/", {f"r{request.pk}-note": "x" * 501}
    )
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "<gcds-error-summary" in html
    assert "This field is required." in html
    assert "Ensure this value has at most 500 characters" in html
    assert list(member.communities.all()) == []
    response = admin.post(
        f"/en/members/requests/{request.pk}/decide/",
        {f"r{request.pk}-decision": "approve", f"r{request.pk}-note": "Works with us"},
    )
    assert response.status_code == 302
    assert [c.code for c in member.communities.all()] == ["im"]
    event = AuditEvent.objects.get(action="membership.approve")
    assert (event.actor, event.changes["note"]) == (cast["admin"].user, "Works with us")
    assert client.get(f"/en/questionnaires/{surveys['results'].pk}/results/").status_code == 200
    # Decided: the coordinator's page no longer lists it.
    assert "Eve Intruder" not in coordinator.get("/en/members/requests/").content.decode()


@pytest.mark.django_db
def test_refusal_through_the_api_is_audited_and_opens_nothing(
    surveys: dict[str, Any], make_member: Any, login: Any, cast: dict[str, Any]
) -> None:
    member = make_member(communities=[Community.objects.get(code="it")])
    requester = _token_client(member)
    asked = requester.post(
        "/api/v1/me/membership-requests",
        json.dumps({"community_id": surveys["answer"].community_id}),
        content_type="application/json",
    )
    assert (asked.status_code, asked.json()["status"]) == (201, "pending")
    admin = _token_client(cast["admin"])
    listed = admin.get("/api/v1/membership-requests").json()
    assert [item["id"] for item in listed["items"]] == [asked.json()["id"]]
    assert listed["items"][0]["email_verified"] is True
    refused = admin.post(
        f"/api/v1/membership-requests/{asked.json()['id']}/refuse",
        json.dumps({"note": "Not in IM"}),
        content_type="application/json",
    )
    assert (refused.status_code, refused.json()["status"]) == (200, "refused")
    event = AuditEvent.objects.get(action="membership.refuse")
    assert (event.actor, event.changes["note"]) == (cast["admin"].user, "Not in IM")
    again = admin.post(
        f"/api/v1/membership-requests/{asked.json()['id']}/approve",
        json.dumps({}),
        content_type="application/json",
    )
    assert (again.status_code, again.json()["code"]) == (400, "already_decided")
    _assert_shut_out(login(member.user), requester, surveys)
    mine = requester.get("/api/v1/me/memberships").json()
    assert mine["requests"][0]["status"] == "refused"


@pytest.mark.django_db
def test_a_member_cannot_approve_their_own_request(
    surveys: dict[str, Any], make_member: Any, grant: Any
) -> None:
    """An IM programme administrator without IM membership asks, then tries to approve."""
    it = Community.objects.get(code="it")
    im = Community.objects.get(code="im")
    member = make_member(communities=[it])
    grant(member.user, "programme_administrator", im)
    client = _token_client(member)
    asked = client.post(
        "/api/v1/me/membership-requests",
        json.dumps({"community_id": im.pk}),
        content_type="application/json",
    ).json()
    audit_before = AuditEvent.objects.count()
    assert client.get("/api/v1/membership-requests").json()["count"] == 0
    response = client.post(
        f"/api/v1/membership-requests/{asked['id']}/approve",
        json.dumps({}),
        content_type="application/json",
    )
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")
    assert MembershipRequest.objects.get(pk=asked["id"]).status == "pending"
    assert list(member.communities.all()) == [it]
    assert AuditEvent.objects.count() == audit_before


@pytest.mark.django_db
def test_a_coordinator_of_another_community_cannot_approve(
    mailoutbox: list[Any], make_member: Any, grant: Any, login: Any, esdc: Any
) -> None:
    email = "eve@gmail.com"
    client = _sign_up(email, mailoutbox, verify=True)
    member = _profile(client, email, department=esdc.pk)
    request = MembershipRequest.objects.get(member=member)
    it = Community.objects.get(code="it")
    it_coordinator = make_member(communities=[it], department=esdc)
    grant(it_coordinator.user, "department_coordinator", it, esdc)
    api = _token_client(it_coordinator)
    before = AuditEvent.objects.count()
    page = login(it_coordinator.user)
    assert "Eve Intruder" not in page.get("/en/members/requests/").content.decode()
    assert (
        page.post(
            f"/en/members/requests/{request.pk}/decide/", {f"r{request.pk}-decision": "approve"}
        ).status_code
        == 404
    )
    for verb in ("approve", "refuse"):
        response = api.post(
            f"/api/v1/membership-requests/{request.pk}/{verb}",
            json.dumps({}),
            content_type="application/json",
        )
        assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert MembershipRequest.objects.get(pk=request.pk).status == "pending"
    assert list(member.communities.all()) == []
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_a_waiting_member_is_not_listed_under_the_community(
    mailoutbox: list[Any], login: Any, make_member: Any
) -> None:
    email = "eve@gmail.com"
    client = _sign_up(email, mailoutbox, verify=True)
    member = _profile(client, email, consent_directory="on")
    im = Community.objects.get(code="im")
    viewer = login(make_member().user)
    page = viewer.get(f"/en/members/?community={im.pk}").content.decode()
    assert "Intruder" not in page
    assert "Intruder" in viewer.get("/en/members/").content.decode()
    listed = viewer.get(f"/api/v1/members?community={im.pk}&limit=100").json()
    assert member.pk not in [item["id"] for item in listed["items"]]
    detail = viewer.get(f"/api/v1/members/{member.pk}").json()
    assert detail["community_ids"] == []


@pytest.mark.django_db
def test_leaving_closes_the_community(
    surveys: dict[str, Any], make_member: Any, login: Any
) -> None:
    member = make_member()
    client = login(member.user)
    im = Community.objects.get(code="im")
    profile = client.get("/en/me/profile/").content.decode()
    assert f"/en/me/communities/{im.pk}/leave/" in profile
    assert client.get("/fr/me/profile/").status_code == 200
    assert client.post(f"/en/me/communities/{im.pk}/leave/").status_code == 302
    assert AuditEvent.objects.filter(action="membership.leave").count() == 1
    _assert_shut_out(client, _token_client(member), surveys)
    # Leaving again, or leaving through the API, finds nothing.
    assert client.post(f"/en/me/communities/{im.pk}/leave/").status_code == 404
    assert client.delete(f"/api/v1/me/communities/{im.pk}").status_code == 404


@pytest.mark.django_db
def test_membership_api_refuses_bad_input_with_json_errors(make_member: Any) -> None:
    member = make_member()
    api = _token_client(member)
    for body, status, field in (
        ({"community_id": 424242}, 400, "community_id"),
        ({"community_id": "im"}, 422, "community_id"),
        ({"community_id": 2**70}, 422, "community_id"),
        ({"community_id": 1, "status": "approved"}, 422, "status"),
    ):
        response = api.post(
            "/api/v1/me/membership-requests", json.dumps(body), content_type="application/json"
        )
        assert response.status_code == status, body
        assert field in response.json()["fields"], response.json()
    already = api.post(
        "/api/v1/me/membership-requests",
        json.dumps({"community_id": member.communities.get().pk}),
        content_type="application/json",
    )
    assert (already.status_code, already.json()["fields"]) == (
        400,
        {"community": ["You are already a member of this community."]},
    )
    for path in (
        "/api/v1/membership-requests/1/approve",
        f"/api/v1/membership-requests/{2**70}/refuse",
    ):
        response = api.post(path, json.dumps({}), content_type="application/json")
        assert response.status_code in (404, 422)
        assert response.json()["code"] in ("not_found", "invalid_input")
    long_note = api.post(
        "/api/v1/membership-requests/1/refuse",
        json.dumps({"note": "x" * 501}),
        content_type="application/json",
    )
    assert long_note.status_code == 422
    assert not MembershipRequest.objects.exists()
