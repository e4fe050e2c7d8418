"""An administrator removes a member from a community (ADR 0013): who may, for what
reason, what it does (exactly what leaving does), and the page that does it."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from guild.accounts.models import Role, RoleAssignment
from guild.core.errors import ApplicationError, NotFound
from guild.core.models import AuditEvent
from guild.members.access import is_community_member
from guild.members.models import Member, MembershipRequest
from guild.members.services import membership_leave, membership_remove
from guild.organizations.models import Community, Department, WorkStream

REASON = "Left the public service in November"


def _state(member: Member) -> tuple[Any, ...]:
    """What removal may change, and the audit log that records it."""
    return (
        sorted(member.communities.values_list("code", flat=True)),
        sorted(member.work_streams.values_list("code", flat=True)),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def streamed(cast: dict[str, Any], im: Community, it_community: Community) -> Member:
    """The cast's member, in IM and IT, with a work stream in each."""
    member = cast["member"]
    member.communities.add(it_community)
    member.work_streams.add(
        WorkStream.objects.get(community=im, code="archives"),
        WorkStream.objects.get(community=it_community, code="cyber-security"),
    )
    return member


@pytest.mark.django_db
def test_an_administrator_removes_a_member_for_a_reason_and_it_is_audited(
    cast: dict[str, Any], streamed: Member, im: Community
) -> None:
    admin = cast["admin"].user
    archives = WorkStream.objects.get(community=im, code="archives")

    removed = membership_remove(
        actor=admin, member=streamed, community_id=im.pk, reason=f"  {REASON}\n"
    )

    assert removed is True
    assert not is_community_member(streamed.user, im.pk)
    assert _state(streamed)[:2] == (["it"], ["cyber-security"])
    event = AuditEvent.objects.get(action="membership.remove")
    assert (event.actor_id, event.object_type, event.object_id) == (
        admin.pk,
        "members.member",
        str(streamed.pk),
    )
    assert event.changes == {
        "communities": [im.pk, None],
        "work_streams": [[archives.pk], []],
        "reason": REASON,
        "removal": MembershipRequest.objects.get(member=streamed, status="removed").pk,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["admin", "platform", "coordinator"])
def test_those_who_decide_requests_may_remove(
    who: str, cast: dict[str, Any], im: Community
) -> None:
    person = cast[who]
    actor = getattr(person, "user", person)
    member = cast["member"]  # ESDC, the coordinator's department
    assert membership_remove(actor=actor, member=member, community_id=im.pk, reason=REASON)
    assert list(member.communities.all()) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who",
    [
        "supervisor",  # sees everything about the member, manages no community
        "committee",
        "other",
        "member",  # themself: leaving is `membership_leave`
        "coordinator_elsewhere",
        "admin_elsewhere",
    ],
)
def test_nobody_else_may_remove_and_nothing_changes(
    who: str,
    cast: dict[str, Any],
    im: Community,
    it_community: Community,
    cra: Department,
    grant: Callable[..., RoleAssignment],
    make_member: Callable[..., Member],
) -> None:
    if who == "coordinator_elsewhere":
        actor = make_member(department=cra).user
        grant(actor, Role.DEPARTMENT_COORDINATOR, im, cra)
    elif who == "admin_elsewhere":
        actor = make_member().user
        grant(actor, Role.PROGRAMME_ADMINISTRATOR, it_community)
    else:
        actor = cast[who].user
    member = cast["member"]
    before = _state(member)
    with pytest.raises(NotFound):
        membership_remove(actor=actor, member=member, community_id=im.pk, reason=REASON)
    assert _state(member) == before == (["im"], [], before[2])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "Give the reason for removing this member."),
        (" \n\t ", "Give the reason for removing this member."),
        ("x" * 501, "Keep the reason to 500 characters or fewer."),
    ],
)
def test_a_reason_is_required(
    reason: str, message: str, cast: dict[str, Any], im: Community
) -> None:
    member = cast["member"]
    before = _state(member)
    with pytest.raises(ValidationError) as caught:
        membership_remove(
            actor=cast["admin"].user, member=member, community_id=im.pk, reason=reason
        )
    assert caught.value.message_dict == {"reason": [message]}
    assert _state(member) == before


@pytest.mark.django_db
def test_removing_someone_already_out_does_nothing_and_says_so(
    cast: dict[str, Any], im: Community
) -> None:
    admin, member = cast["admin"].user, cast["member"]
    assert membership_remove(actor=admin, member=member, community_id=im.pk, reason=REASON)
    after_first = _state(member)
    assert (
        membership_remove(actor=admin, member=member, community_id=im.pk, reason="Again") is False
    )
    assert _state(member) == after_first
    assert AuditEvent.objects.filter(action="membership.remove").count() == 1


@pytest.mark.django_db
def test_someone_hidden_and_out_of_the_community_is_not_found(
    cast: dict[str, Any], im: Community, it_community: Community, make_member: Any
) -> None:
    """ "Already out" would name a person the administrator cannot see."""
    hidden = make_member(consent_directory=False, communities=[it_community])
    with pytest.raises(NotFound):
        membership_remove(actor=cast["admin"].user, member=hidden, community_id=im.pk, reason="x")
    assert list(hidden.communities.values_list("code", flat=True)) == ["it"]


@pytest.mark.django_db
@pytest.mark.parametrize("community_id", [0, -1, 2**63, 999_999, "im", None, "1e3"])
def test_tampered_community_ids_are_not_found(community_id: Any, cast: dict[str, Any]) -> None:
    member = cast["member"]
    before = _state(member)
    with pytest.raises(NotFound):
        membership_remove(
            actor=cast["admin"].user, member=member, community_id=community_id, reason=REASON
        )
    assert _state(member) == before


@pytest.mark.django_db
def test_the_last_programme_administrator_cannot_remove_themself(
    cast: dict[str, Any], im: Community, grant: Any, make_member: Any
) -> None:
    admin = cast["admin"]
    before = _state(admin)
    with pytest.raises(ApplicationError) as caught:
        membership_remove(actor=admin.user, member=admin, community_id=im.pk, reason="Retiring")
    assert caught.value.code == "last_administrator"
    assert str(caught.value.message) == (
        "You are the last programme administrator of this community: give the role to "
        "someone else before you remove yourself."
    )
    assert _state(admin) == before

    # Once another administrator holds the role, they may.
    grant(make_member().user, Role.PROGRAMME_ADMINISTRATOR, im)
    assert membership_remove(actor=admin.user, member=admin, community_id=im.pk, reason="Retiring")
    assert _state(admin)[:2] == ([], [])


@pytest.mark.django_db
def test_a_platform_administrator_may_remove_the_last_programme_administrator(
    cast: dict[str, Any], im: Community
) -> None:
    """The rule protects a community from its administrator leaving it by mistake; the
    role itself is not membership and stays."""
    admin = cast["admin"]
    assert membership_remove(actor=cast["platform"], member=admin, community_id=im.pk, reason="x")
    assert RoleAssignment.objects.filter(
        user=admin.user, role=Role.PROGRAMME_ADMINISTRATOR, community=im
    ).exists()


@pytest.mark.django_db
def test_removal_ends_a_membership_as_leaving_does(
    cast: dict[str, Any], im: Community, it_community: Community, make_member: Any
) -> None:
    archives = WorkStream.objects.get(community=im, code="archives")
    security = WorkStream.objects.get(community=it_community, code="cyber-security")
    leaver, removed = (make_member(communities=[im, it_community]) for _ in range(2))
    for member in (leaver, removed):
        member.work_streams.add(archives, security)

    membership_leave(actor=leaver.user, member=leaver, community_id=im.pk)
    membership_remove(actor=cast["admin"].user, member=removed, community_id=im.pk, reason="x")

    assert _state(leaver)[:2] == _state(removed)[:2] == (["it"], ["cyber-security"])
    left = AuditEvent.objects.get(action="membership.leave").changes
    gone = AuditEvent.objects.get(action="membership.remove").changes
    assert left == {"communities": [im.pk, None], "work_streams": [[archives.pk], []]}
    removal = MembershipRequest.objects.get(member=removed, status="removed")
    assert gone == {**left, "reason": "x", "removal": removal.pk}


# ---------------------------------------------------------------------------------------
# The page: the member's profile page, for those who manage one of their communities.


def _remove_url(member: Member, community: Community, language: str = "en") -> str:
    return f"/{language}/members/{member.pk}/communities/{community.pk}/remove/"


@pytest.mark.django_db
def test_the_profile_page_offers_removal_only_to_those_who_manage(
    cast: dict[str, Any], im: Community, login: Callable[..., Client]
) -> None:
    member = cast["member"]
    url = f"/en/members/{member.pk}/"
    action = f'action="{_remove_url(member, im)}"'
    for who in ("admin", "coordinator", "platform"):
        person = cast[who]
        page = login(getattr(person, "user", person)).get(url)
        assert page.status_code == 200
        assert page.content.decode().count(action) == 1, who
        assert "Remove from this community" in page.content.decode()
    for who in ("supervisor", "committee", "other", "member"):
        page = login(cast[who].user).get(url)
        assert page.status_code == 200
        assert action not in page.content.decode(), who
        assert "Remove from this community" not in page.content.decode()


@pytest.mark.django_db
def test_removing_on_the_page_lands_on_the_community_directory(
    cast: dict[str, Any], im: Community, login: Callable[..., Client]
) -> None:
    member = cast["member"]
    client = login(cast["admin"].user)
    response = client.post(_remove_url(member, im), {f"c{im.pk}-reason": REASON}, follow=True)
    assert response.redirect_chain == [(f"/en/members/?community={im.pk}", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Mia Member was removed from Information Management community."
    ]
    assert "Member, Mia" not in response.content.decode()
    assert "Admin, Ada" in response.content.decode()
    assert AuditEvent.objects.get(action="membership.remove").changes["reason"] == REASON

    again = client.post(_remove_url(member, im), {f"c{im.pk}-reason": REASON}, follow=True)
    already = "Mia Member is not a member of Information Management community; nothing was changed."
    assert [str(m) for m in again.context["messages"]] == [already]
    # A stale page's question sent without a reason: still nothing to correct.
    blank = client.post(_remove_url(member, im), {f"c{im.pk}-reason": ""}, follow=True)
    assert [str(m) for m in blank.context["messages"]] == [already]
    assert AuditEvent.objects.filter(action="membership.remove").count() == 1


@pytest.mark.django_db
def test_a_missing_reason_comes_back_on_the_open_question(
    cast: dict[str, Any], im: Community, login: Callable[..., Client]
) -> None:
    member = cast["member"]
    client = login(cast["admin"].user)
    response = client.post(_remove_url(member, im), {f"c{im.pk}-reason": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<details class="guild-confirm" open>' in html
    assert "Give the reason for removing this member." in html
    assert 'aria-invalid="true"' in html and f'id="id_c{im.pk}-reason"' in html
    assert list(member.communities.values_list("code", flat=True)) == ["im"]
    assert not AuditEvent.objects.filter(action="membership.remove").exists()


@pytest.mark.django_db
def test_the_last_administrator_is_told_on_the_page(
    cast: dict[str, Any], im: Community, login: Callable[..., Client]
) -> None:
    """The page says so instead of offering the action; a forged post is refused."""
    admin = cast["admin"]
    told = (
        "You are the last programme administrator of this community: give the role to "
        "someone else before you remove yourself."
    )
    client = login(admin.user)
    page = client.get(f"/en/members/{admin.pk}/").content.decode()
    assert told in page
    assert _remove_url(admin, im) not in page
    response = client.post(_remove_url(admin, im), {f"c{im.pk}-reason": "Retiring"})
    assert response.status_code == 400
    assert response.content.decode().count(told) == 1
    assert list(admin.communities.values_list("code", flat=True)) == ["im"]
    # Another member's page still offers the administrator the action.
    assert (
        _remove_url(cast["member"], im)
        in client.get(f"/en/members/{cast['member'].pk}/").content.decode()
    )


@pytest.mark.django_db
def test_others_and_tampered_ids_get_404_and_change_nothing(
    cast: dict[str, Any],
    im: Community,
    it_community: Community,
    login: Callable[..., Client],
    make_member: Any,
) -> None:
    member = cast["member"]
    data = {f"c{im.pk}-reason": REASON}
    for who in ("supervisor", "committee", "other", "member"):
        assert login(cast[who].user).post(_remove_url(member, im), data).status_code == 404
    admin = login(cast["admin"].user)
    hidden = make_member(consent_directory=False, communities=[it_community])
    assert admin.post(_remove_url(hidden, im), data).status_code == 404
    assert admin.post(_remove_url(member, it_community), data).status_code == 404
    assert admin.post(f"/en/members/{member.pk}/communities/999999/remove/", data).status_code == (
        404
    )
    assert admin.post(f"/en/members/999999/communities/{im.pk}/remove/", data).status_code == 404
    too_big = f"/en/members/{member.pk}/communities/{2**64}/remove/"
    assert admin.post(too_big, data).status_code == 404
    assert admin.get(_remove_url(member, im)).status_code == 405
    assert Client().post(_remove_url(member, im), data).status_code == 302  # to sign in
    assert list(member.communities.values_list("code", flat=True)) == ["im"]
    assert not AuditEvent.objects.filter(action="membership.remove").exists()
