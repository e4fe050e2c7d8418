"""Your account and profile, and the member directory."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Model
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import codes_4xx
from pydantic import ConfigDict

from guild.accounts.models import signed_in
from guild.accounts.scopes import scope_for
from guild.core.api_errors import ErrorOut
from guild.core.errors import NotFound
from guild.members.access import Visibility, access_member
from guild.members.models import Member, OfficialLanguage, SecondLanguageLevel
from guild.members.selectors import (
    MemberFilters,
    member_directory,
    member_directory_count,
    member_for_user,
    member_link_ids,
)
from guild.members.services import member_update
from guild.organizations.models import Department, OccupationalLevel, Region, WorkStream

router = Router()  # mounted by the members router, whose tag it takes


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


def _member_out(member: Member, visibility: Visibility | None = None) -> MemberDetailOut:
    communities, streams = member_link_ids([member.pk])
    restricted = (
        MemberRestrictedOut(
            **{name: getattr(member, name) for name in MemberRestrictedOut.model_fields}
        )
        if visibility is Visibility.FULL
        else None
    )
    return MemberDetailOut(
        id=member.pk,
        given_name=member.given_name,
        family_name=member.family_name,
        work_email=member.work_email,
        department_id=member.department_id,
        region_id=member.region_id,
        position_title=member.position_title,
        level=member.level.code if member.level_id and member.level else None,
        community_ids=communities[member.pk],
        work_stream_ids=streams[member.pk],
        restricted=restricted,
    )


@router.get("/me", response={200: MePage, codes_4xx: ErrorOut}, operation_id="me")
def me(request: HttpRequest) -> MePage:
    user = signed_in(request.user)
    if user is None:  # the API's authentication lets no one else in
        raise NotFound()
    scope = scope_for(user)
    roles = [RoleOut(role="platform_administrator")] if scope.platform_admin else []
    roles += [
        RoleOut(role="programme_administrator", community_id=c)
        for c in sorted(scope.admin_communities)
    ]
    roles += [
        RoleOut(role="committee_member", community_id=c)
        for c in sorted(scope.committee_communities)
    ]
    roles += [
        RoleOut(role="department_coordinator", community_id=c, department_id=d)
        for c, d in sorted(scope.coordinated)
    ]
    member = member_for_user(user)
    return MePage(
        id=user.pk,
        email=user.email,
        roles=roles,
        member=_member_out(member, Visibility.FULL) if member else None,
    )


def _lookup(model: type[Model], pk: int | None, field: str) -> Any:
    if pk is None:
        return None
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({field: [_("Unknown value: %(id)s.") % {"id": pk}]})
    return obj


def _lookup_many(model: type[Model], ids: list[int], field: str) -> list[Any]:
    found = list(model._default_manager.filter(pk__in=ids))
    missing = sorted(set(ids) - {o.pk for o in found})
    if missing:
        raise ValidationError(
            {field: [_("Unknown values: %(ids)s.") % {"ids": ", ".join(map(str, missing))}]}
        )
    return found


RELATIONS: dict[str, tuple[type[Model], str]] = {
    "department_id": (Department, "department"),
    "region_id": (Region, "region"),
    "level_id": (OccupationalLevel, "level"),
    "supervisor_id": (Member, "supervisor"),
}


@router.patch(
    "/me/profile",
    response={200: MemberDetailOut, codes_4xx: ErrorOut},
    operation_id="me_profile_update",
)
def me_profile_update(request: HttpRequest, payload: ProfilePatch) -> MemberDetailOut:
    member = member_for_user(request.user)
    if member is None:
        raise NotFound(_("You have no member profile yet. Create it on the profile page."))
    sent = payload.model_dump(exclude_unset=True)
    fields: dict[str, Any] = {}
    for key, value in sent.items():
        if key in RELATIONS:
            model, name = RELATIONS[key]
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
    updated = member_update(actor=request.user, member=member, work_streams=streams, **fields)
    return _member_out(updated, Visibility.FULL)


@router.get("/members", response={200: MemberPage, codes_4xx: ErrorOut}, operation_id="member_list")
def member_list(request: HttpRequest, query: Query[MemberQuery]) -> MemberPage:
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
    return MemberPage(
        count=member_directory_count(user=request.user, filters=filters, members=members),
        limit=query.limit,
        offset=query.offset,
        items=[
            MemberOut(
                **{column: row[column] for column in MEMBER_LIST_COLUMNS},
                level=row["level_code"],
                community_ids=communities[row["id"]],
                work_stream_ids=streams[row["id"]],
            )
            for row in rows
        ],
    )


@router.get(
    "/members/{member_id}",
    response={200: MemberDetailOut, codes_4xx: ErrorOut},
    operation_id="member_detail",
)
def member_detail(request: HttpRequest, member_id: int) -> MemberDetailOut:
    member, visibility = access_member(request.user, member_id)
    return _member_out(member, visibility)
