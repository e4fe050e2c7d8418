from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status, codes_4xx
from pydantic import ConfigDict

from guild.accounts.scopes import scope_for
from guild.core.api_errors import ErrorOut
from guild.core.errors import NotFound
from guild.members.access import Visibility, access_member, decides_any_membership
from guild.members.models import (
    Member,
    MembershipRequest,
    MembershipStatus,
    OfficialLanguage,
    SecondLanguageLevel,
)
from guild.members.selectors import (
    MemberFilters,
    member_communities,
    member_directory,
    member_directory_count,
    member_for_user,
    member_link_ids,
    member_membership_requests,
    membership_requests_to_decide,
)
from guild.members.services import (
    member_update,
    membership_leave,
    membership_request_create,
    membership_request_decide,
    membership_request_withdraw,
)
from guild.organizations.models import (
    Community,
    Department,
    OccupationalLevel,
    Region,
    WorkStream,
)

router = Router(tags=["members"])


class RoleOut(Schema):
    role: str
    community_id: int | None = None
    department_id: int | None = None


class MemberOut(Schema):
    """The directory view of a member, which anyone signed in may see for consenting members."""

    id: int
    given_name: str
    family_name: str
    work_email: str
    department_id: int
    region_id: int
    position_title: str
    level: str | None = Field(None, description="Group and level, e.g. IS-04")
    community_ids: list[int]
    work_stream_ids: list[int]


class MemberRestrictedOut(Schema):
    first_official_language: str
    second_language_reading: str
    second_language_writing: str
    second_language_oral: str
    years_in_community: int | None
    supervisor_id: int | None
    consent_directory: bool
    consent_statistics: bool


class MemberDetailOut(MemberOut):
    restricted: MemberRestrictedOut | None = Field(
        None, description="Present only for those responsible for this member, and the member."
    )


class MePage(Schema):
    id: int
    email: str
    roles: list[RoleOut]
    member: MemberDetailOut | None


class MemberPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[MemberOut]


class MemberQuery(Schema):
    q: str = Field("", max_length=100)
    community: int | None = None
    department: int | None = None
    region: int | None = None
    work_stream: int | None = None
    group: int | None = None
    level: int | None = None
    limit: int = Field(25, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


class ProfilePatch(Schema):
    """Only the fields sent are changed. Unknown fields are refused. Membership of a
    community is not a profile field: ask with POST /me/membership-requests."""

    model_config = ConfigDict(extra="forbid")

    given_name: str | None = Field(None, min_length=1, max_length=80)
    family_name: str | None = Field(None, min_length=1, max_length=80)
    work_email: str | None = Field(None, max_length=254)
    department_id: int | None = None
    region_id: int | None = None
    position_title: str | None = Field(None, max_length=160)
    level_id: int | None = None
    first_official_language: OfficialLanguage | None = None
    second_language_reading: SecondLanguageLevel | None = None
    second_language_writing: SecondLanguageLevel | None = None
    second_language_oral: SecondLanguageLevel | None = None
    years_in_community: int | None = Field(None, ge=0, le=60)
    supervisor_id: int | None = None
    consent_directory: bool | None = None
    consent_statistics: bool | None = None
    work_stream_ids: list[int] | None = None


# The list reads plain rows: building model instances cost more than the query.
MEMBER_LIST_COLUMNS = (
    "id",
    "given_name",
    "family_name",
    "work_email",
    "department_id",
    "region_id",
    "position_title",
)


def _member_out(member: Member, visibility: Visibility | None = None) -> dict[str, Any]:
    communities, streams = member_link_ids([member.pk])
    data: dict[str, Any] = {
        "id": member.pk,
        "given_name": member.given_name,
        "family_name": member.family_name,
        "work_email": member.work_email,
        "department_id": member.department_id,
        "region_id": member.region_id,
        "position_title": member.position_title,
        "level": member.level.code if member.level_id and member.level else None,
        "community_ids": communities[member.pk],
        "work_stream_ids": streams[member.pk],
    }
    if visibility is Visibility.FULL:
        data["restricted"] = {
            name: getattr(member, name) for name in MemberRestrictedOut.model_fields
        }
    return data


@router.get("/me", response={200: MePage, codes_4xx: ErrorOut}, operation_id="me")
def me(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    scope = scope_for(user)
    roles: list[dict[str, Any]] = (
        [{"role": "platform_administrator"}] if scope.platform_admin else []
    )
    roles += [
        {"role": "programme_administrator", "community_id": c}
        for c in sorted(scope.admin_communities)
    ]
    roles += [
        {"role": "committee_member", "community_id": c} for c in sorted(scope.committee_communities)
    ]
    roles += [
        {"role": "department_coordinator", "community_id": c, "department_id": d}
        for c, d in sorted(scope.coordinated)
    ]
    member = member_for_user(user)
    return {
        "id": user.pk,
        "email": user.email,  # type: ignore[union-attr]
        "roles": roles,
        "member": _member_out(member, Visibility.FULL) if member else None,
    }


def _lookup(model: Any, pk: int | None, field: str) -> Any:
    if pk is None:
        return None
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({field: [_("Unknown value: %(id)s.") % {"id": pk}]})
    return obj


def _lookup_many(model: Any, ids: list[int], field: str) -> list[Any]:
    found = list(model.objects.filter(pk__in=ids))
    missing = sorted(set(ids) - {o.pk for o in found})
    if missing:
        raise ValidationError(
            {field: [_("Unknown values: %(ids)s.") % {"ids": ", ".join(map(str, missing))}]}
        )
    return found


@router.patch(
    "/me/profile",
    response={200: MemberDetailOut, codes_4xx: ErrorOut},
    operation_id="me_profile_update",
)
def me_profile_update(request: HttpRequest, payload: ProfilePatch) -> dict[str, Any]:
    member = member_for_user(request.user)
    if member is None:
        raise NotFound(_("You have no member profile yet. Create it on the profile page."))
    sent = payload.model_dump(exclude_unset=True)
    fields: dict[str, Any] = {}
    relations = {
        "department_id": (Department, "department"),
        "region_id": (Region, "region"),
        "level_id": (OccupationalLevel, "level"),
        "supervisor_id": (Member, "supervisor"),
    }
    for key, value in sent.items():
        if key in relations:
            model, name = relations[key]
            if value is None and name in {"department", "region"}:
                raise ValidationError({name: [_("This field cannot be empty.")]})
            fields[name] = _lookup(model, value, name)
        elif key != "work_stream_ids":
            if value is None:
                raise ValidationError({key: [_("This field cannot be empty.")]})
            fields[key] = value
    streams = (
        _lookup_many(WorkStream, sent["work_stream_ids"], "work_streams")
        if "work_stream_ids" in sent and sent["work_stream_ids"] is not None
        else None
    )
    updated = member_update(
        actor=request.user,
        member=member,
        work_streams=streams,
        **fields,
    )
    return _member_out(updated, Visibility.FULL)


@router.get("/members", response={200: MemberPage, codes_4xx: ErrorOut}, operation_id="member_list")
def member_list(request: HttpRequest, query: Query[MemberQuery]) -> dict[str, Any]:
    filters = MemberFilters(
        q=query.q,
        community=query.community,
        department=query.department,
        region=query.region,
        work_stream=query.work_stream,
        group=query.group,
        level=query.level,
    )
    members = member_directory(user=request.user, filters=filters)
    rows = list(
        members.values(*MEMBER_LIST_COLUMNS, level_code=F("level__code"))[
            query.offset : query.offset + query.limit
        ]
    )
    communities, streams = member_link_ids([row["id"] for row in rows])
    return {
        "count": member_directory_count(user=request.user, filters=filters, members=members),
        "limit": query.limit,
        "offset": query.offset,
        "items": [
            {
                **{column: row[column] for column in MEMBER_LIST_COLUMNS},
                "level": row["level_code"],
                "community_ids": communities[row["id"]],
                "work_stream_ids": streams[row["id"]],
            }
            for row in rows
        ],
    }


@router.get(
    "/members/{member_id}",
    response={200: MemberDetailOut, codes_4xx: ErrorOut},
    operation_id="member_detail",
)
def member_detail(request: HttpRequest, member_id: int) -> dict[str, Any]:
    member, visibility = access_member(request.user, member_id)
    return _member_out(member, visibility)


# ---------------------------------------------------------------------------------------
# Community membership: decided by the community (docs/adr/0013-community-membership.md).


class MembershipRequestOut(Schema):
    id: int
    member_id: int
    community_id: int
    status: Literal["pending", "approved", "refused", "withdrawn"]
    approved_by_domain: bool = Field(
        description="True when the community's accepted e-mail domain, not a person, approved."
    )
    created_at: datetime
    decided_at: datetime | None
    note: str


class MembershipRequestDetailOut(MembershipRequestOut):
    """A request as those who decide it see it."""

    member_name: str
    email: str = Field(description="The account's e-mail address when the request was made.")
    email_verified: bool
    department_id: int


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


def _request_out(request: MembershipRequest) -> dict[str, Any]:
    return {
        "id": request.pk,
        "member_id": request.member_id,
        "community_id": request.community_id,
        "status": request.status,
        "approved_by_domain": request.approved_by_domain,
        "created_at": request.created_at,
        "decided_at": request.decided_at,
        "note": request.note,
    }


def _request_detail_out(request: MembershipRequest) -> dict[str, Any]:
    return {
        **_request_out(request),
        "member_name": request.member.full_name,
        "email": request.email,
        "email_verified": request.email_verified,
        "department_id": request.member.department_id,
    }


def _own_member(request: HttpRequest) -> Member:
    member = member_for_user(request.user)
    if member is None:
        raise NotFound(_("You have no member profile yet. Create it on the profile page."))
    return member


def _memberships_out(member: Member) -> dict[str, Any]:
    return {
        "community_ids": [c.pk for c in member_communities(member=member)],
        "requests": [_request_out(r) for r in member_membership_requests(member=member)],
    }


@router.get(
    "/me/memberships",
    response={200: MembershipsOut, codes_4xx: ErrorOut},
    operation_id="me_memberships",
)
def me_memberships(request: HttpRequest) -> dict[str, Any]:
    """The communities you belong to, your waiting requests and your last decided ones."""
    return _memberships_out(_own_member(request))


@router.post(
    "/me/membership-requests",
    response={200: MembershipRequestOut, 201: MembershipRequestOut, codes_4xx: ErrorOut},
    operation_id="me_membership_request_create",
)
def me_membership_request_create(request: HttpRequest, payload: MembershipRequestIn) -> Status[Any]:
    """Ask to join a community. You join at once (status "approved") if the community
    accepts your account's verified e-mail domain; otherwise the request waits ("pending")
    for a programme administrator or a coordinator of your department. Asking again while
    a request waits returns it with 200."""
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
def me_membership_request_withdraw(request: HttpRequest, request_id: int) -> dict[str, Any]:
    return _request_out(membership_request_withdraw(actor=request.user, request_id=request_id))


@router.delete(
    "/me/communities/{community_id}",
    response={200: MembershipsOut, codes_4xx: ErrorOut},
    operation_id="me_community_leave",
)
def me_community_leave(request: HttpRequest, community_id: int) -> dict[str, Any]:
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
) -> dict[str, Any]:
    """The waiting requests you may decide: your communities' as a programme
    administrator, your department's as a coordinator; never your own."""
    if not decides_any_membership(request.user):
        raise NotFound()
    requests = membership_requests_to_decide(user=request.user)
    return {
        "count": requests.count(),
        "limit": query.limit,
        "offset": query.offset,
        "items": [
            _request_detail_out(r) for r in requests[query.offset : query.offset + query.limit]
        ],
    }


@router.post(
    "/membership-requests/{request_id}/approve",
    response={200: MembershipRequestDetailOut, codes_4xx: ErrorOut},
    operation_id="membership_request_approve",
)
def membership_request_approve(
    request: HttpRequest, request_id: int, payload: MembershipDecisionIn
) -> dict[str, Any]:
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
) -> dict[str, Any]:
    decided = membership_request_decide(
        actor=request.user, request_id=request_id, approve=False, note=payload.note
    )
    return _request_detail_out(decided)
