"""Who is a member of a community is decided by the community (ADR 0013): its accepted
e-mail domains for a verified account address, or a decision by its programme
administrators or the member's department coordinator. Service-level rules here; the
attacks through pages and the API are in tests/test_community_membership.py."""

from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError

from guild.accounts.models import Role
from guild.accounts.tests.factories import UserFactory
from guild.core.errors import ApplicationError, NotFound, PermissionDenied
from guild.core.models import AuditEvent
from guild.members.access import is_community_member
from guild.members.models import Member, MembershipRequest
from guild.members.services import (
    member_create,
    member_link_account,
    membership_leave,
    membership_request_create,
    membership_request_decide,
    membership_request_withdraw,
)
from guild.organizations.domains import email_matches_domains, parse_domains
from guild.organizations.models import Community, Department, Region, WorkStream


def _applicant(email: str, *, verified: bool = True, department: str = "esdc") -> Member:
    """A person with an account and a profile but no community."""
    user = UserFactory.create(email=email)
    if not verified:
        EmailAddress.objects.filter(user=user).update(verified=False)
    return member_create(
        actor=user,
        user=user,
        given_name="Ann",
        family_name="Applicant",
        work_email=email,
        department=Department.objects.get(code=department),
        region=Region.objects.get(code="ncr"),
    )


def _state(member: Member) -> tuple[Any, ...]:
    return (
        sorted(member.communities.values_list("pk", flat=True)),
        list(MembershipRequest.objects.filter(member=member).values_list("status", flat=True)),
    )


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("ann@tbs-sct.gc.ca", True),
        ("Ann@TBS-SCT.GC.CA", True),
        ("ann@ops.tbs-sct.gc.ca", True),
        ("ann@evil-tbs-sct.gc.ca", False),
        ("ann@tbs-sct.gc.ca.evil.com", False),
        ("ann@gc.ca", False),
        ("tbs-sct.gc.ca", False),
        ("ann@", False),
        ("", False),
    ],
)
def test_a_domain_accepts_itself_and_its_subdomains_only(email: str, expected: bool) -> None:
    assert email_matches_domains(email, ["tbs-sct.gc.ca", "cra-arc.gc.ca"]) is expected


def test_declared_domains_are_normalised() -> None:
    assert parse_domains(" @TBS-SCT.gc.ca.\ncra-arc.gc.ca, tbs-sct.gc.ca ") == [
        "tbs-sct.gc.ca",
        "cra-arc.gc.ca",
    ]


@pytest.mark.django_db
def test_a_community_refuses_what_is_not_a_domain(im: Community) -> None:
    im.email_domains = "tbs-sct.gc.ca\nnot a domain!\nlocalhost"
    with pytest.raises(ValidationError) as error:
        im.full_clean()
    assert "email_domains" in error.value.message_dict


@pytest.mark.django_db
def test_im_accepts_the_departmental_domains_and_nothing_broader(
    im: Community, it_community: Community
) -> None:
    domains = im.email_domain_list
    for domain in ("hrsdc-rhdcc.gc.ca", "cra-arc.gc.ca", "tbs-sct.gc.ca", "ssc-spc.gc.ca"):
        assert domain in domains
    assert "gc.ca" not in domains
    assert not im.approval_required
    assert im.admits_at_once("someone@servicecanada.gc.ca")
    assert not im.admits_at_once("someone@example.gc.ca")
    assert not im.admits_at_once(None)
    # The other communities declare no domain: every request waits for approval.
    assert it_community.email_domain_list == []


@pytest.mark.django_db
def test_a_verified_departmental_address_joins_at_once(im: Community) -> None:
    ann = _applicant("ann@cra-arc.gc.ca")
    request = membership_request_create(actor=ann.user, member=ann, community=im)
    assert (request.status, request.approved_by_domain) == ("approved", True)
    assert is_community_member(ann.user, im.pk)
    event = AuditEvent.objects.get(action="membership.join")
    assert event.actor == ann.user
    assert event.changes == {
        "member": ann.pk,
        "community": im.pk,
        "status": [None, "approved"],
        "email_domain": "cra-arc.gc.ca",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "verified"),
    [
        ("ann@gmail.com", True),  # any address
        ("ann@example.gc.ca", True),  # a gc.ca name that is not a department's
        ("ann@cra-arc.gc.ca", False),  # the right domain, never confirmed
    ],
)
def test_anyone_else_waits_and_is_no_member(im: Community, email: str, verified: bool) -> None:
    ann = _applicant(email, verified=verified)
    request = membership_request_create(actor=ann.user, member=ann, community=im)
    assert request.status == "pending"
    assert request.email_verified is verified
    assert not is_community_member(ann.user, im.pk)
    assert list(ann.communities.all()) == []
    assert AuditEvent.objects.filter(action="membership.request").count() == 1
    # Asking twice keeps one request.
    assert membership_request_create(actor=ann.user, member=ann, community=im) == request
    assert MembershipRequest.objects.filter(member=ann).count() == 1


@pytest.mark.django_db
def test_confirming_the_address_later_lets_the_waiting_request_through(im: Community) -> None:
    ann = _applicant("ann@cra-arc.gc.ca", verified=False)
    waiting = membership_request_create(actor=ann.user, member=ann, community=im)
    EmailAddress.objects.filter(user=ann.user).update(verified=True)
    joined = membership_request_create(actor=ann.user, member=ann, community=im)
    assert joined.pk == waiting.pk
    assert (joined.status, joined.approved_by_domain) == ("approved", True)
    assert is_community_member(ann.user, im.pk)


@pytest.mark.django_db
def test_a_community_may_require_approval_from_its_own_domains_too(im: Community) -> None:
    im.approval_required = True
    im.save()
    ann = _applicant("ann@cra-arc.gc.ca")
    assert membership_request_create(actor=ann.user, member=ann, community=im).status == "pending"
    assert not is_community_member(ann.user, im.pk)


@pytest.mark.django_db
def test_only_the_member_asks_for_themself(im: Community, cast: dict[str, Any]) -> None:
    ann = _applicant("ann@gmail.com")
    for actor in (cast["admin"].user, cast["platform"]):
        with pytest.raises(PermissionDenied):
            membership_request_create(actor=actor, member=ann, community=im)
    assert _state(ann) == ([], [])


@pytest.mark.django_db
def test_asking_to_join_a_community_you_belong_to_is_a_field_error(
    im: Community, make_member: Any
) -> None:
    member = make_member()
    with pytest.raises(ValidationError) as error:
        membership_request_create(actor=member.user, member=member, community=im)
    assert error.value.message_dict == {
        "community": ["You are already a member of this community."]
    }


@pytest.mark.django_db
@pytest.mark.parametrize("decider", ["admin", "coordinator", "platform"])
def test_administrators_and_the_department_coordinator_approve(
    im: Community, cast: dict[str, Any], decider: str
) -> None:
    ann = _applicant("ann@gmail.com", department="esdc")
    request = membership_request_create(actor=ann.user, member=ann, community=im)
    actor = cast[decider] if decider == "platform" else cast[decider].user
    decided = membership_request_decide(
        actor=actor, request_id=request.pk, approve=True, note="Known to the branch"
    )
    assert (decided.status, decided.decided_by, decided.note) == (
        "approved",
        actor,
        "Known to the branch",
    )
    assert is_community_member(ann.user, im.pk)
    event = AuditEvent.objects.get(action="membership.approve")
    assert (event.actor, event.object_id) == (actor, str(request.pk))
    assert event.changes == {
        "member": ann.pk,
        "community": im.pk,
        "status": ["pending", "approved"],
        "note": "Known to the branch",
    }


@pytest.mark.django_db
def test_a_refusal_is_audited_and_opens_nothing(im: Community, cast: dict[str, Any]) -> None:
    ann = _applicant("ann@gmail.com")
    request = membership_request_create(actor=ann.user, member=ann, community=im)
    admin = cast["admin"].user
    membership_request_decide(actor=admin, request_id=request.pk, approve=False, note="Unknown")
    assert not is_community_member(ann.user, im.pk)
    event = AuditEvent.objects.get(action="membership.refuse")
    assert event.actor == admin
    assert event.changes["status"] == ["pending", "refused"]
    # Decided once: a second decision is refused and changes nothing.
    with pytest.raises(ApplicationError) as error:
        membership_request_decide(actor=admin, request_id=request.pk, approve=True)
    assert error.value.code == "already_decided"
    assert not is_community_member(ann.user, im.pk)
    # The person may ask again; the new request waits.
    again = membership_request_create(actor=ann.user, member=ann, community=im)
    assert (again.pk != request.pk, again.status) == (True, "pending")


@pytest.mark.django_db
def test_nobody_decides_their_own_request(
    im: Community, it_community: Community, grant: Any
) -> None:
    """A programme administrator of IT who is a member of no community asks to join IT."""
    ann = _applicant("ann@gmail.com")
    grant(ann.user, Role.PROGRAMME_ADMINISTRATOR, it_community)
    request = membership_request_create(actor=ann.user, member=ann, community=it_community)
    before = _state(ann), AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        membership_request_decide(actor=ann.user, request_id=request.pk, approve=True)
    assert (_state(ann), AuditEvent.objects.count()) == before


@pytest.mark.django_db
def test_roles_elsewhere_decide_nothing(
    im: Community,
    it_community: Community,
    cast: dict[str, Any],
    make_member: Any,
    grant: Any,
    esdc: Department,
    cra: Department,
) -> None:
    ann = _applicant("ann@gmail.com", department="esdc")
    request = membership_request_create(actor=ann.user, member=ann, community=im)
    it_coordinator = make_member(communities=[it_community], department=esdc)
    grant(it_coordinator.user, Role.DEPARTMENT_COORDINATOR, it_community, esdc)
    it_admin = make_member(communities=[it_community])
    grant(it_admin.user, Role.PROGRAMME_ADMINISTRATOR, it_community)
    cra_coordinator = make_member(department=cra)
    grant(cra_coordinator.user, Role.DEPARTMENT_COORDINATOR, im, cra)
    before = _state(ann), AuditEvent.objects.count()
    for outsider in (
        it_coordinator,
        it_admin,
        cra_coordinator,
        cast["committee"],
        cast["member"],
        cast["supervisor"],
    ):
        for approve in (True, False):
            with pytest.raises(NotFound):
                membership_request_decide(
                    actor=outsider.user, request_id=request.pk, approve=approve
                )
    assert (_state(ann), AuditEvent.objects.count()) == before


@pytest.mark.django_db
def test_withdrawing_and_leaving(im: Community, make_member: Any, it_community: Community) -> None:
    ann = _applicant("ann@gmail.com")
    request = membership_request_create(actor=ann.user, member=ann, community=it_community)
    membership_request_withdraw(actor=ann.user, request_id=request.pk)
    assert MembershipRequest.objects.get(pk=request.pk).status == "withdrawn"
    member = make_member()
    stream = WorkStream.objects.get(community=im, code="archives")
    member.work_streams.add(stream)
    membership_leave(actor=member.user, member=member, community_id=im.pk)
    assert not is_community_member(member.user, im.pk)
    assert list(member.work_streams.all()) == []
    event = AuditEvent.objects.get(action="membership.leave")
    assert event.changes == {"communities": [im.pk, None], "work_streams": [[stream.pk], []]}
    with pytest.raises(NotFound):
        membership_leave(actor=member.user, member=member, community_id=im.pk)
    # Someone else's request cannot be withdrawn by another person.
    other = _applicant("bob@gmail.com")
    waiting = membership_request_create(actor=other.user, member=other, community=im)
    with pytest.raises(NotFound):
        membership_request_withdraw(actor=ann.user, request_id=waiting.pk)


@pytest.mark.django_db
def test_profile_created_with_a_verified_domain_may_choose_its_streams_at_once(
    im: Community, esdc: Department
) -> None:
    user = UserFactory.create(email="ann@hrsdc-rhdcc.gc.ca")
    stream = WorkStream.objects.get(community=im, code="archives")
    member = member_create(
        actor=user,
        user=user,
        join=[im],
        work_streams=[stream],
        given_name="Ann",
        family_name="Applicant",
        work_email="ann@hrsdc-rhdcc.gc.ca",
        department=esdc,
        region=Region.objects.get(code="ncr"),
    )
    assert is_community_member(user, im.pk)
    assert list(member.work_streams.all()) == [stream]


@pytest.mark.django_db
def test_a_waiting_member_cannot_take_the_communitys_streams(im: Community, esdc: Any) -> None:
    user = UserFactory.create(email="ann@gmail.com")
    stream = WorkStream.objects.get(community=im, code="archives")
    with pytest.raises(ValidationError) as error:
        member_create(
            actor=user,
            user=user,
            join=[im],
            work_streams=[stream],
            given_name="Ann",
            family_name="Applicant",
            work_email="ann@gmail.com",
            department=esdc,
            region=Region.objects.get(code="ncr"),
        )
    assert "work_streams" in error.value.message_dict
    assert not Member.objects.filter(user=user).exists()
    assert not MembershipRequest.objects.exists()


@pytest.mark.django_db
def test_factory_and_roster_members_are_approved_members(make_member: Any, im: Community) -> None:
    member = make_member()
    assert is_community_member(member.user, im.pk)
    inactive = make_member(is_active=False)
    assert not is_community_member(inactive.user, im.pk)


@pytest.mark.django_db
def test_only_a_confirmed_address_claims_a_roster_profile_and_its_memberships(
    make_member: Any, im: Community
) -> None:
    roster = make_member(account=False, work_email="roster@example.gc.ca")
    user = UserFactory.create(email="roster@example.gc.ca")
    EmailAddress.objects.filter(user=user).update(verified=False)
    assert member_link_account(user=user) is None
    roster.refresh_from_db()
    assert roster.user is None
    assert not is_community_member(user, im.pk)
    EmailAddress.objects.filter(user=user).update(verified=True)
    assert member_link_account(user=user) == roster
    assert is_community_member(user, im.pk)
