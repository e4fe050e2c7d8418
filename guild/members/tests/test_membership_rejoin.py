"""A member the community removed does not walk back in on their e-mail domain (issue 8,
ADR 0013): the removal is kept (who, when, why), a later request waits for a person, the
member is told why and the person deciding sees the removal. Leaving is not removal."""

import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from guild.accounts.services import token_create
from guild.accounts.tests.factories import UserFactory
from guild.core.models import AuditEvent
from guild.members.access import is_community_member
from guild.members.models import REMOVED_WAITING, Member, MembershipRequest, MembershipStatus
from guild.members.selectors import member_membership_requests, membership_requests_to_decide
from guild.members.services import (
    member_update,
    membership_leave,
    membership_remove,
    membership_request_create,
    membership_request_decide,
)
from guild.organizations.models import Community, Department, WorkStream
from tests.test_openapi_responses import _validator

REASON = "Moved to a position outside information management"
DOMAIN_EMAIL = "nora.newcomer@hrsdc-rhdcc.gc.ca"  # a domain IM accepts


@pytest.fixture
def nora(make_member: Any, im: Community, esdc: Department) -> Member:
    """An IM member of ESDC whose verified address is on IM's accepted domains."""
    user = UserFactory.create(email=DOMAIN_EMAIL)
    member = make_member(
        user=user, department=esdc, given_name="Nora", family_name="Newcomer", communities=[im]
    )
    assert im.admits_at_once(DOMAIN_EMAIL)
    return member


def _remove(cast: dict[str, Any], member: Member, community: Community) -> MembershipRequest:
    assert membership_remove(
        actor=cast["admin"].user, member=member, community_id=community.pk, reason=REASON
    )
    return MembershipRequest.objects.get(member=member, status=MembershipStatus.REMOVED)


@pytest.mark.django_db
def test_removal_is_kept_with_who_when_and_why(
    cast: dict[str, Any], nora: Member, im: Community
) -> None:
    removal = _remove(cast, nora, im)
    assert (removal.community, removal.decided_by, removal.note, removal.requested_by) == (
        im,
        cast["admin"].user,
        REASON,
        None,
    )
    assert removal.decided_at is not None
    assert removal.get_status_display() == "Removed by the community"
    event = AuditEvent.objects.get(action="membership.remove")
    assert event.changes == {
        "communities": [im.pk, None],
        "work_streams": [[], []],
        "reason": REASON,
        "removal": removal.pk,
    }
    # The member sees the removal, with its reason, among their memberships.
    (shown,) = member_membership_requests(member=nora)
    assert (shown.status, shown.note, vars(shown)["removed_at"]) == ("removed", REASON, None)


@pytest.mark.django_db
def test_a_removed_member_asking_again_waits_for_a_person(
    cast: dict[str, Any], nora: Member, im: Community
) -> None:
    removal = _remove(cast, nora, im)
    request = membership_request_create(actor=nora.user, member=nora, community=im)
    assert (request.status, request.approved_by_domain, request.email_verified) == (
        "pending",
        False,
        True,
    )
    assert not is_community_member(nora.user, im.pk)
    event = AuditEvent.objects.get(action="membership.request")
    assert event.changes == {
        "member": nora.pk,
        "community": im.pk,
        "status": [None, "pending"],
        "after_removal": removal.pk,
    }
    assert not AuditEvent.objects.filter(action="membership.join").exists()
    # Asking again returns the same waiting request: still no domain approval.
    again = membership_request_create(actor=nora.user, member=nora, community=im)
    assert (again.pk, again.status) == (request.pk, "pending")
    # The coordinator of her department sees the removal beside the request.
    (waiting,) = membership_requests_to_decide(user=cast["coordinator"].user)
    assert (waiting.pk, vars(waiting)["removed_at"], vars(waiting)["removal_reason"]) == (
        request.pk,
        removal.decided_at,
        REASON,
    )
    # A person may still let her back in.
    decided = membership_request_decide(
        actor=cast["coordinator"].user, request_id=request.pk, approve=True, note="Back in IM"
    )
    assert decided.status == "approved"
    assert is_community_member(nora.user, im.pk)


@pytest.mark.django_db
def test_leaving_of_ones_own_accord_keeps_joining_at_once(nora: Member, im: Community) -> None:
    membership_leave(actor=nora.user, member=nora, community_id=im.pk)
    request = membership_request_create(actor=nora.user, member=nora, community=im)
    assert (request.status, request.approved_by_domain) == ("approved", True)
    assert is_community_member(nora.user, im.pk)
    assert not MembershipRequest.objects.filter(status=MembershipStatus.REMOVED).exists()


@pytest.mark.django_db
def test_a_removal_elsewhere_changes_nothing_here(
    cast: dict[str, Any], nora: Member, im: Community, it_community: Community
) -> None:
    nora.communities.add(it_community)
    assert membership_remove(
        actor=cast["platform"], member=nora, community_id=it_community.pk, reason=REASON
    )
    membership_leave(actor=nora.user, member=nora, community_id=im.pk)
    request = membership_request_create(actor=nora.user, member=nora, community=im)
    assert (request.status, request.approved_by_domain) == ("approved", True)


@pytest.mark.django_db
def test_a_removed_member_cannot_take_the_streams_with_the_request(
    cast: dict[str, Any], nora: Member, im: Community
) -> None:
    _remove(cast, nora, im)
    stream = WorkStream.objects.get(community=im, code="archives")
    with pytest.raises(ValidationError) as error:
        member_update(actor=nora.user, member=nora, join=[im], work_streams=[stream])
    assert "work_streams" in error.value.message_dict
    assert list(nora.work_streams.all()) == []
    assert not MembershipRequest.objects.filter(status=MembershipStatus.PENDING).exists()


# Through the pages ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_pages_tell_the_member_and_show_the_decider_the_removal(
    language: str, cast: dict[str, Any], nora: Member, im: Community, login: Any
) -> None:
    _remove(cast, nora, im)
    member = login(nora.user)
    profile = member.get(f"/{language}/me/profile/")
    form = {
        "given_name": nora.given_name,
        "family_name": nora.family_name,
        "work_email": nora.work_email,
        "department": nora.department_id,
        "region": nora.region_id,
        "first_official_language": "en",
        "join_communities": [im.pk],
    }
    assert profile.status_code == 200
    saved = member.post(f"/{language}/me/profile/", form)
    assert saved.status_code == 302, saved.content.decode()[:3000]
    page = member.get(f"/{language}/me/profile/").content.decode()
    with translation.override(language):
        told = str(REMOVED_WAITING)
        heading = translation.gettext("Removed from this community before")
    assert told in page.replace("&#x27;", "'")
    assert MembershipRequest.objects.get(status="pending").member == nora
    decider = login(cast["coordinator"].user).get(f"/{language}/members/requests/")
    html = decider.content.decode()
    assert heading in html.replace("&#x27;", "'")
    assert REASON in html


# Through the API ----------------------------------------------------------------------------


def _api(member: Member, language: str = "en") -> Client:
    assert member.user is not None
    _token, raw = token_create(user=member.user, name="rejoin")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE=language)


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_api_re_request_after_removal_is_pending_and_says_why(
    language: str, cast: dict[str, Any], nora: Member, im: Community
) -> None:
    removal = _remove(cast, nora, im)
    member = _api(nora, language)
    asked = _post(member, "/api/v1/me/membership-requests", {"community_id": im.pk})
    assert asked.status_code == 201
    body = asked.json()
    with translation.override(language):
        told = str(REMOVED_WAITING)
    assert (body["status"], body["approved_by_domain"], body["removed_before"]) == (
        "pending",
        False,
        True,
    )
    assert body["message"] == told
    if language == "en":
        assert told.startswith("Your request waits for a coordinator or a programme administrator")
    assert not is_community_member(nora.user, im.pk)
    mine = member.get("/api/v1/me/memberships").json()
    assert mine["community_ids"] == []
    assert [(r["status"], r["removed_before"]) for r in mine["requests"]] == [
        ("pending", True),
        ("removed", False),
    ]
    assert mine["requests"][1]["note"] == REASON
    listed = _api(cast["admin"]).get("/api/v1/membership-requests").json()
    (item,) = listed["items"]
    assert (item["id"], item["removal_reason"], item["removed_before"]) == (
        body["id"],
        REASON,
        True,
    )
    assert removal.decided_at is not None
    assert item["removed_at"].startswith(removal.decided_at.date().isoformat())
    # Each answer, the "removed" status included, is what the committed document describes.
    for path, status, answer in [
        ("/api/v1/me/membership-requests", 201, body),
        ("/api/v1/me/memberships", 200, mine),
        ("/api/v1/membership-requests", 200, listed),
    ]:
        assert (
            list(_validator(path, "post" if status == 201 else "get", status).iter_errors(answer))
            == []
        ), path


@pytest.mark.django_db
def test_api_tampered_ids_change_nothing(
    cast: dict[str, Any], nora: Member, im: Community, make_member: Any, cra: Department
) -> None:
    removal = _remove(cast, nora, im)
    member = _api(nora)
    asked = _post(member, "/api/v1/me/membership-requests", {"community_id": im.pk}).json()
    admin = _api(cast["admin"])
    outsider = _api(make_member(department=cra, communities=[im]))
    before = (
        list(MembershipRequest.objects.order_by("pk").values_list("pk", "status")),
        AuditEvent.objects.count(),
    )
    # The removal record is no request: it cannot be approved, refused or withdrawn.
    for url, client in [
        (f"/api/v1/membership-requests/{removal.pk}/approve", admin),
        (f"/api/v1/membership-requests/{removal.pk}/refuse", admin),
        (f"/api/v1/me/membership-requests/{removal.pk}/withdraw", member),
    ]:
        response = _post(client, url, {})
        assert (response.status_code, response.json()["code"]) == (400, "already_decided"), url
    # Someone else's request, or one out of reach, is not found; a huge id is a 4xx.
    for url, client in [
        (f"/api/v1/me/membership-requests/{asked['id']}/withdraw", outsider),
        (f"/api/v1/membership-requests/{asked['id']}/approve", outsider),
        (f"/api/v1/membership-requests/{2**64}/approve", admin),
        (f"/api/v1/me/membership-requests/{2**64}/withdraw", member),
    ]:
        response = _post(client, url, {})
        assert 400 <= response.status_code < 500, url
        assert "code" in response.json() or "detail" in response.json(), url
    # Asking for a community id that does not exist, or beyond 64 bits.
    for community_id in [999_999, 2**64]:
        response = _post(member, "/api/v1/me/membership-requests", {"community_id": community_id})
        assert response.status_code in (400, 422), community_id
    after = (
        list(MembershipRequest.objects.order_by("pk").values_list("pk", "status")),
        AuditEvent.objects.count(),
    )
    assert after == before
    assert not is_community_member(nora.user, im.pk)
