"""Community membership: asked by the member, decided by the community
(docs/adr/0013-community-membership.md)."""

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status, codes_4xx
from pydantic import ConfigDict

from guild.core.api_errors import ErrorOut
from guild.core.errors import NotFound
from guild.members.access import decides_any_membership
from guild.members.models import (
    REMOVED_WAITING,
    WAITING,
    Member,
    MembershipRequest,
    MembershipStatus,
)
from guild.members.selectors import (
    last_removal,
    member_communities,
    member_for_user,
    member_membership_requests,
    membership_requests_to_decide,
)
from guild.members.services import (
    membership_leave,
    membership_request_create,
    membership_request_decide,
    membership_request_withdraw,
)
from guild.organizations.models import Community

router = Router()  # mounted by the members router, whose tag it takes


class MembershipRequestOut(Schema):
    id: int
    member_id: int
    community_id: int
    status: Literal["pending", "approved", "refused", "withdrawn", "removed"] = Field(
        description='"removed" is not a request but the record of the community removing '
        "the member (by whom is kept, when is decided_at, the reason is note)."
    )
    approved_by_domain: bool = Field(
        description="True when the community's accepted e-mail domain, not a person, approved."
    )
    created_at: datetime
    decided_at: datetime | None
    note: str
    removed_before: bool = Field(
        description="True when the community removed the member before this request: it "
        "then waits for a person's decision, whatever the e-mail domain."
    )
    message: str = Field(
        description="For a waiting request, who it waits for and why, in the request's language."
    )


class MembershipRequestDetailOut(MembershipRequestOut):
    """A request as those who decide it see it."""

    member_name: str
    email: str = Field(description="The account's e-mail address when the request was made.")
    email_verified: bool
    department_id: int
    removed_at: datetime | None = Field(
        description="When the community last removed the member before this request."
    )
    removal_reason: str = Field(description="The reason given for that removal.")


class MembershipsOut(Schema):
    community_ids: list[int] = Field(description="The communities the member belongs to.")
    requests: list[MembershipRequestOut]


class MembershipRequestIn(Schema):
    model_config = ConfigDict(extra="forbid")

    community_id: int = Field(ge=1, le=2**63 - 1)


class MembershipDecisionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    note: str = Field("", max_length=500)


class MembershipRequestPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[MembershipRequestDetailOut]


class MembershipRequestQuery(Schema):
    limit: int = Field(25, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


_UNSET: Any = object()


def _removal(request: MembershipRequest) -> tuple[datetime | None, str]:
    """The member's removal from the community before `request` (annotated by the
    selectors; looked up for a request a service has just written)."""
    annotated = getattr(request, "removed_at", _UNSET)
    if annotated is not _UNSET:
        return annotated, getattr(request, "removal_reason", None) or ""
    if request.status == MembershipStatus.REMOVED:
        return None, ""
    removal = last_removal(member=request.member, community=request.community)
    if removal is None or removal.created_at > request.created_at:
        return None, ""
    return removal.decided_at, removal.note


def _message(request: MembershipRequest, removed_at: datetime | None) -> str:
    if request.status != MembershipStatus.PENDING:
        return ""
    if removed_at is not None:
        return str(REMOVED_WAITING)
    return str(WAITING)


def _request_fields(request: MembershipRequest) -> dict[str, object]:
    removed_at, _reason = _removal(request)
    return {
        "id": request.pk,
        "member_id": request.member_id,
        "community_id": request.community_id,
        "status": request.status,
        "approved_by_domain": request.approved_by_domain,
        "created_at": request.created_at,
        "decided_at": request.decided_at,
        "note": request.note,
        "removed_before": removed_at is not None,
        "message": _message(request, removed_at),
    }


def _request_out(request: MembershipRequest) -> MembershipRequestOut:
    return MembershipRequestOut.model_validate(_request_fields(request))


def _request_detail_out(request: MembershipRequest) -> MembershipRequestDetailOut:
    return MembershipRequestDetailOut.model_validate(
        {
            **_request_fields(request),
            "member_name": request.member.full_name,
            "email": request.email,
            "email_verified": request.email_verified,
            "department_id": request.member.department_id,
            "removed_at": _removal(request)[0],
            "removal_reason": _removal(request)[1],
        }
    )


def _own_member(request: HttpRequest) -> Member:
    member = member_for_user(request.user)
    if member is None:
        raise NotFound(_("You have no member profile yet. Create it on the profile page."))
    return member


def _memberships_out(member: Member) -> MembershipsOut:
    return MembershipsOut(
        community_ids=[c.pk for c in member_communities(member=member)],
        requests=[_request_out(r) for r in member_membership_requests(member=member)],
    )


@router.get(
    "/me/memberships",
    response={200: MembershipsOut, codes_4xx: ErrorOut},
    operation_id="me_memberships",
)
def me_memberships(request: HttpRequest) -> MembershipsOut:
    """The communities you belong to, your waiting requests and your last decided ones."""
    return _memberships_out(_own_member(request))


@router.post(
    "/me/membership-requests",
    response={200: MembershipRequestOut, 201: MembershipRequestOut, codes_4xx: ErrorOut},
    operation_id="me_membership_request_create",
)
def me_membership_request_create(
    request: HttpRequest, payload: MembershipRequestIn
) -> Status[MembershipRequestOut]:
    """Ask to join a community. You join at once (status "approved") if the community
    accepts your account's verified e-mail domain and has never removed you; otherwise the
    request waits ("pending") for a programme administrator or a coordinator of your
    department (`removed_before` and `message` say why). Asking again while a request
    waits returns it with 200."""
    member = _own_member(request)
    community = Community.objects.filter(pk=payload.community_id).first()
    if community is None:
        raise ValidationError(
            {"community_id": [_("Unknown value: %(id)s.") % {"id": payload.community_id}]}
        )
    waiting = MembershipRequest.objects.pending().filter(member=member, community=community)
    existed = waiting.exists()
    created = membership_request_create(actor=request.user, member=member, community=community)
    replayed = existed and created.status == MembershipStatus.PENDING
    return Status(200 if replayed else 201, _request_out(created))


@router.post(
    "/me/membership-requests/{request_id}/withdraw",
    response={200: MembershipRequestOut, codes_4xx: ErrorOut},
    operation_id="me_membership_request_withdraw",
)
def me_membership_request_withdraw(request: HttpRequest, request_id: int) -> MembershipRequestOut:
    return _request_out(membership_request_withdraw(actor=request.user, request_id=request_id))


@router.delete(
    "/me/communities/{community_id}",
    response={200: MembershipsOut, codes_4xx: ErrorOut},
    operation_id="me_community_leave",
)
def me_community_leave(request: HttpRequest, community_id: int) -> MembershipsOut:
    """Leave a community you belong to (and its work streams)."""
    member = _own_member(request)
    membership_leave(actor=request.user, member=member, community_id=community_id)
    return _memberships_out(member)


@router.get(
    "/membership-requests",
    response={200: MembershipRequestPage, codes_4xx: ErrorOut},
    operation_id="membership_request_list",
)
def membership_request_list(
    request: HttpRequest, query: Query[MembershipRequestQuery]
) -> MembershipRequestPage:
    """The waiting requests you may decide: your communities' as a programme
    administrator, your department's as a coordinator; never your own."""
    if not decides_any_membership(request.user):
        raise NotFound()
    requests = membership_requests_to_decide(user=request.user)
    return MembershipRequestPage(
        count=requests.count(),
        limit=query.limit,
        offset=query.offset,
        items=[_request_detail_out(r) for r in requests[query.offset : query.offset + query.limit]],
    )


@router.post(
    "/membership-requests/{request_id}/approve",
    response={200: MembershipRequestDetailOut, codes_4xx: ErrorOut},
    operation_id="membership_request_approve",
)
def membership_request_approve(
    request: HttpRequest, request_id: int, payload: MembershipDecisionIn
) -> MembershipRequestDetailOut:
    decided = membership_request_decide(
        actor=request.user, request_id=request_id, approve=True, note=payload.note
    )
    return _request_detail_out(decided)


@router.post(
    "/membership-requests/{request_id}/refuse",
    response={200: MembershipRequestDetailOut, codes_4xx: ErrorOut},
    operation_id="membership_request_refuse",
)
def membership_request_refuse(
    request: HttpRequest, request_id: int, payload: MembershipDecisionIn
) -> MembershipRequestDetailOut:
    decided = membership_request_decide(
        actor=request.user, request_id=request_id, approve=False, note=payload.note
    )
    return _request_detail_out(decided)
