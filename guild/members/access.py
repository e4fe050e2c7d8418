"""The one door to member data. Missing and forbidden look the same (NotFound).

Two levels of visibility: the *directory* level (name, e-mail, department, region,
position, classification, streams), open to every signed-in person for members who
consented to the directory; and the *full* level (languages, years, supervisor,
consents), open to the member, their supervisors up the chain, the coordinators of
their department in one of their communities, the programme administrators of one of
their communities, and platform administrators."""

import hashlib
from enum import Enum
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from guild.accounts.models import AnyUser, Role, RoleAssignment, signed_in
from guild.accounts.scopes import Scope, scope_for
from guild.core.errors import NotFound, PermissionDenied
from guild.members.models import Member, MembershipRequest
from guild.organizations.models import Community

# Approved membership: the one table that makes someone a member of a community. Only
# the membership services write it (a domain match or a decision); a pending request
# (MembershipRequest) opens nothing. See docs/adr/0013-community-membership.md.
MemberCommunity = Member.communities.through


def approved_memberships() -> QuerySet[Any]:
    """(member, community) rows of approved membership, for `Exists` and `.exists()`
    checks of "is this person a member of community X"."""
    return MemberCommunity.objects.all()


def is_community_member(user: AnyUser, community_id: int | None) -> bool:
    """Whether `user` has an active member profile approved into the community."""
    account = signed_in(user)
    if community_id is None or account is None:
        return False
    return (
        approved_memberships()
        .filter(member__user_id=account.pk, member__is_active=True, community_id=community_id)
        .exists()
    )


class Visibility(Enum):
    DIRECTORY = "directory"
    FULL = "full"


def _own_member(user: AnyUser) -> tuple[int | None, bool]:
    """The user's member id and whether that profile is in the directory anyway,
    looked up once per user object (so once per request)."""
    account = signed_in(user)
    if account is None:
        return None, False
    own: tuple[int | None, bool] | None = getattr(account, "_guild_member", None)
    if own is None:
        row = (
            Member.objects.filter(user_id=account.pk)
            .order_by()
            .values_list("pk", "consent_directory", "is_active")
            .first()
        )
        own = (row[0], row[1] and row[2]) if row else (None, False)
        setattr(account, "_guild_member", own)  # noqa: B010 - a per-request cache on the user
    return own


def own_member_id(user: AnyUser) -> int | None:
    return _own_member(user)[0]


def own_report_ids(user: AnyUser) -> set[int]:
    reports: set[int] | None = getattr(user, "_guild_reports", None)
    if reports is None:
        reports = report_ids(own_member_id(user))
        if user is not None:
            setattr(user, "_guild_reports", reports)  # noqa: B010 - a per-request cache
    return reports


def report_ids(member_id: int | None) -> set[int]:
    """Everyone below `member_id` in the supervisor chains."""
    found: set[int] = set()
    frontier = {member_id} if member_id else set()
    while frontier:
        below = (
            set(
                Member.objects.filter(supervisor_id__in=frontier)
                .order_by()
                .values_list("pk", flat=True)
            )
            - found
        )
        found |= below
        frontier = below
    return found


def _in_communities(community_ids: frozenset[int]) -> Exists:
    return Exists(
        MemberCommunity.objects.filter(member_id=OuterRef("pk"), community_id__in=community_ids)
    )


def _full_access_q(scope: Scope, own_id: int | None, reports: set[int]) -> Q:
    q = Q(pk=own_id) if own_id else Q(pk__in=[])
    if reports:
        q |= Q(pk__in=reports)
    for community_id, department_id in scope.coordinated:
        q |= Q(department_id=department_id) & Q(
            Exists(
                MemberCommunity.objects.filter(member_id=OuterRef("pk"), community_id=community_id)
            )
        )
    if scope.admin_communities:
        q |= Q(_in_communities(scope.admin_communities))
    return q


def visible_members_q(user: AnyUser) -> Q:
    """The members `user` may list: filter inside the query, before counting."""
    scope = scope_for(user)
    if not scope.is_authenticated:
        return Q(pk__in=[])
    if scope.platform_admin:
        return Q()
    own_id = own_member_id(user)
    directory = Q(is_active=True, consent_directory=True)
    return directory | _full_access_q(scope, own_id, own_report_ids(user))


def visibility_signature(user: AnyUser) -> str:
    """Two users with the same signature see exactly the same members, so lists and
    counts computed for one may be reused for the other. Most members see the directory
    and nothing more; everyone else gets a signature of their own reach."""
    scope = scope_for(user)
    if not scope.is_authenticated:
        return "none"
    if scope.platform_admin:
        return "all"
    own_id, own_listed = _own_member(user)
    reports = own_report_ids(user)
    if (own_id is None or own_listed) and not (
        reports or scope.coordinated or scope.admin_communities
    ):
        return "directory"
    reach = (own_id, sorted(reports), sorted(scope.coordinated), sorted(scope.admin_communities))
    return "user-" + hashlib.sha256(repr(reach).encode()).hexdigest()[:24]


def member_visibility(user: AnyUser, member: Member) -> Visibility | None:
    scope = scope_for(user)
    if not scope.is_authenticated:
        return None
    if scope.platform_admin:
        return Visibility.FULL
    own_id = own_member_id(user)
    if member.pk == own_id:
        return Visibility.FULL
    community_ids = set(member.communities.values_list("pk", flat=True))
    if community_ids & scope.admin_communities:
        return Visibility.FULL
    if any(scope.coordinates(c, member.department_id) for c in community_ids):
        return Visibility.FULL
    if own_id and is_in_chain_above(own_id, member.supervisor_id):
        return Visibility.FULL
    if member.is_active and member.consent_directory:
        return Visibility.DIRECTORY
    return None


def is_in_chain_above(candidate_id: int, first_supervisor_id: int | None) -> bool:
    """Whether `candidate_id` appears walking up the supervisor chain that starts at
    `first_supervisor_id` (stops at the top, or at a loop left by bad data)."""
    seen: set[int] = set()
    current = first_supervisor_id
    while current and current not in seen:
        if current == candidate_id:
            return True
        seen.add(current)
        current = Member.objects.filter(pk=current).values_list("supervisor_id", flat=True).first()
    return False


def access_member(user: AnyUser, member_id: Any) -> tuple[Member, Visibility]:
    """The member and how much of them `user` may see, or NotFound."""
    try:
        pk = int(member_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    member = (
        Member.objects.select_related("department", "region", "level__group", "supervisor")
        .filter(pk=pk)
        .first()
    )
    if member is None:
        raise NotFound()
    visibility = member_visibility(user, member)
    if visibility is None:
        raise NotFound()
    return member, visibility


def access_member_for_edit(user: AnyUser, member_id: Any) -> Member:
    """Only the member themself, or a platform administrator, may edit a profile."""
    member, _ = access_member(user, member_id)
    if member.pk != own_member_id(user) and not scope_for(user).platform_admin:
        raise NotFound()
    return member


def can_export_members(user: AnyUser) -> bool:
    scope = scope_for(user)
    return scope.platform_admin or bool(scope.admin_communities or scope.coordinated)


# ---------------------------------------------------------------------------------------
# Membership requests: decided by the community's programme administrators (and platform
# administrators), and by its department coordinators for members of their department;
# never by the person who asked.


def _request_pk(value: Any) -> int:
    """An id as the database stores it (signed 64 bits), or NotFound."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        raise NotFound() from None
    if not 0 < pk < 2**63:
        raise NotFound()
    return pk


def manages_membership(user: AnyUser, community_id: int, department_id: int) -> bool:
    """Whether `user` decides who belongs to the community among members of that
    department: its programme administrators, platform administrators, and the
    coordinators of that department in the community."""
    scope = scope_for(user)
    return scope.is_authenticated and (
        scope.administers(community_id) or scope.coordinates(community_id, department_id)
    )


def can_decide_membership(user: AnyUser, request: MembershipRequest) -> bool:
    scope = scope_for(user)
    if not scope.is_authenticated or request.member.user_id == scope.user_id:
        return False
    return manages_membership(user, request.community_id, request.member.department_id)


def decidable_requests_q(user: AnyUser) -> Q:
    """The requests `user` may decide, as a filter inside the query (their own excluded)."""
    scope = scope_for(user)
    if not scope.is_authenticated:
        return Q(pk__in=[])
    if scope.platform_admin:
        q = Q()
    else:
        q = Q(community_id__in=scope.admin_communities)
        for community_id, department_id in scope.coordinated:
            q |= Q(community_id=community_id, member__department_id=department_id)
    return q & ~Q(member__user_id=scope.user_id)


def decides_any_membership(user: AnyUser) -> bool:
    """Whether `user` holds a role that decides requests somewhere (to show the way in)."""
    scope = scope_for(user)
    return scope.platform_admin or bool(scope.admin_communities or scope.coordinated)


def access_membership_request_for_decision(user: AnyUser, request_id: Any) -> MembershipRequest:
    """The request, if `user` may approve or refuse it; NotFound otherwise. A person who
    would hold the right but asked themself gets PermissionDenied: it is their own request,
    so saying so tells them nothing."""
    pk = _request_pk(request_id)
    request = (
        MembershipRequest.objects.select_related("member__department", "community")
        .filter(pk=pk)
        .first()
    )
    if request is None:
        raise NotFound()
    if can_decide_membership(user, request):
        return request
    scope = scope_for(user)
    own = scope.is_authenticated and request.member.user_id == scope.user_id
    if own and (
        scope.administers(request.community_id)
        or scope.coordinates(request.community_id, request.member.department_id)
    ):
        raise PermissionDenied(_("You cannot decide your own request to join a community."))
    raise NotFound()


def access_own_membership_request(user: AnyUser, request_id: Any) -> MembershipRequest:
    """One of the user's own requests, or NotFound."""
    pk = _request_pk(request_id)
    account = signed_in(user)
    if account is None:
        raise NotFound()
    request = (
        MembershipRequest.objects.select_related("member", "community")
        .filter(pk=pk, member__user_id=account.pk)
        .first()
    )
    if request is None:
        raise NotFound()
    return request


def access_membership_for_removal(
    user: AnyUser, member_id: Any, community_id: Any
) -> tuple[Member, Community]:
    """The member and the community, if `user` may remove that member from it (the rule
    that decides requests: `manages_membership`). NotFound otherwise, and also when the
    member is not in the community and `user` could not see them anyway, so that the
    answer "already out" names nobody hidden."""
    member_pk, community_pk = _request_pk(member_id), _request_pk(community_id)
    member = Member.objects.filter(pk=member_pk).first()
    community = Community.objects.filter(pk=community_pk).first()
    if member is None or community is None:
        raise NotFound()
    if not manages_membership(user, community.pk, member.department_id):
        raise NotFound()
    in_community = member.communities.filter(pk=community.pk).exists()
    if not in_community and member_visibility(user, member) is None:
        raise NotFound()
    return member, community


def removable_communities(user: AnyUser, member: Member) -> list[Community]:
    """The member's communities that `user` may remove them from."""
    return [
        community
        for community in member.communities.order_by("pk")
        if manages_membership(user, community.pk, member.department_id)
    ]


def is_last_programme_administrator(user_id: int | None, community_id: int) -> bool:
    """Whether `user_id` holds the community's programme administrator role alone."""
    holders = set(
        RoleAssignment.objects.filter(
            role=Role.PROGRAMME_ADMINISTRATOR, community_id=community_id
        ).values_list("user_id", flat=True)
    )
    return user_id is not None and holders == {user_id}
