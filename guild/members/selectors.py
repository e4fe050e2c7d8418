"""Reads of member data. Every list is filtered by the access rules inside the query."""

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery

from guild.accounts.models import AnyUser
from guild.core.bilingual import current_language
from guild.members.access import (
    MemberCommunity,
    decidable_requests_q,
    own_member_id,
    visibility_signature,
    visible_members_q,
)
from guild.members.models import (
    Member,
    MembershipRequest,
    MembershipRequestQuerySet,
    MembershipStatus,
)
from guild.organizations.models import Community


@dataclass(frozen=True)
class MemberFilters:
    q: str = ""
    community: int | None = None
    department: int | None = None
    region: int | None = None
    work_stream: int | None = None
    group: int | None = None
    level: int | None = None


def member_directory(*, user: AnyUser, filters: MemberFilters) -> QuerySet[Member]:
    members = Member.objects.filter(visible_members_q(user))
    if filters.q:
        for word in filters.q.split()[:5]:
            members = members.filter(
                Q(given_name__icontains=word)
                | Q(family_name__icontains=word)
                | Q(work_email__icontains=word)
                | Q(position_title__icontains=word)
            )
    if filters.department:
        members = members.filter(department_id=filters.department)
    if filters.region:
        members = members.filter(region_id=filters.region)
    if filters.level:
        members = members.filter(level_id=filters.level)
    if filters.group:
        members = members.filter(level__group_id=filters.group)
    if filters.community:
        members = members.filter(
            Exists(
                MemberCommunity.objects.filter(
                    member_id=OuterRef("pk"), community_id=filters.community
                )
            )
        )
    if filters.work_stream:
        streams = Member.work_streams.through
        members = members.filter(
            Exists(
                streams.objects.filter(member_id=OuterRef("pk"), workstream_id=filters.work_stream)
            )
        )
    return members.select_related("department", "region", "level__group").order_by(
        "family_name", "given_name", "id"
    )


# Counts are cached under a version that every member write moves on, so a change shows
# at once in this process; other processes with a per-process cache see it within the
# TTL (use Redis, REDIS_URL, to share the cache and the version between processes).
COUNT_TTL = 60
VERSION_KEY = "members:version"


def members_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def members_changed() -> None:
    """Called by every service that writes member data."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def member_directory_count(
    *, user: AnyUser, filters: MemberFilters, members: QuerySet[Member]
) -> int:
    """The number of rows of `member_directory(user, filters)`, shared between users who
    see the same members (access.visibility_signature)."""
    filters_key = hashlib.sha256(repr(sorted(vars(filters).items())).encode()).hexdigest()
    key = f"members:count:{members_version()}:{visibility_signature(user)}:{filters_key}"
    count = cache.get(key)
    if count is None:
        count = members.count()
        cache.set(key, count, COUNT_TTL)
    return int(count)


def member_for_user(user: AnyUser) -> Member | None:
    member_id = own_member_id(user)
    if member_id is None:
        return None
    return Member.objects.select_related("department", "region", "level__group", "supervisor").get(
        pk=member_id
    )


def member_reports(*, member: Member) -> QuerySet[Member]:
    return member.reports.select_related("department", "level__group").order_by(
        "family_name", "given_name"
    )


def member_counts_by(
    *, field: str, department_id: int | None = None, community_id: int | None = None
) -> list[dict[str, Any]]:
    """Active members who agreed to be counted in statistics (`consent_statistics`),
    counted by a related field (e.g. "region", "level__group")."""
    members = Member.objects.filter(is_active=True, consent_statistics=True)
    if department_id is not None:
        members = members.filter(department_id=department_id)
    if community_id is not None:
        members = members.filter(
            Exists(
                MemberCommunity.objects.filter(member_id=OuterRef("pk"), community_id=community_id)
            )
        )
    return list(members.values(field).annotate(n=Count("pk")).order_by("-n", field))


def member_link_ids(member_ids: list[int]) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Community and work-stream ids per member, in two flat queries (Django's
    prefetch_related builds a queryset per member, which dominated the API list)."""
    communities: dict[int, list[int]] = {pk: [] for pk in member_ids}
    streams: dict[int, list[int]] = {pk: [] for pk in member_ids}
    for member_id, community_id in (
        MemberCommunity.objects.filter(member_id__in=member_ids)
        .order_by("community_id")
        .values_list("member_id", "community_id")
    ):
        communities[member_id].append(community_id)
    for member_id, stream_id in (
        Member.work_streams.through.objects.filter(member_id__in=member_ids)
        .order_by("workstream_id")
        .values_list("member_id", "workstream_id")
    ):
        streams[member_id].append(stream_id)
    return communities, streams


def member_directory_rows(members: QuerySet[Member]) -> QuerySet[Member, Any]:
    """The directory's columns as plain rows, names already in the active language:
    building 25 model instances with four joined tables cost more than the query."""
    language = current_language()

    def localized(field: str) -> Any:
        # Reference data requires both languages, so the other one never shows here.
        return F(f"{field}_{language}")

    return members.values(
        "pk",
        "given_name",
        "family_name",
        "position_title",
        level_code=F("level__code"),
        department_name=localized("department__name"),
        department_acronym=localized("department__acronym"),
        region_name=localized("region__name"),
    )


def last_removal(*, member: Member, community: Community) -> MembershipRequest | None:
    """The latest record of the community removing `member` (`membership_remove`), if any."""
    return (
        MembershipRequest.objects.filter(
            member=member, community=community, status=MembershipStatus.REMOVED
        )
        .order_by("-decided_at", "-id")
        .first()
    )


def _with_last_removal(requests: MembershipRequestQuerySet) -> MembershipRequestQuerySet:
    """Each request with `removed_at` and `removal_reason`: the latest removal of its member
    from its community before the request was made (None and None when there was none)."""
    removals = (
        MembershipRequest.objects.filter(
            member_id=OuterRef("member_id"),
            community_id=OuterRef("community_id"),
            status=MembershipStatus.REMOVED,
            decided_at__lte=OuterRef("created_at"),
        )
        .exclude(pk=OuterRef("pk"))
        .order_by("-decided_at", "-id")
    )
    return requests.annotate(
        removed_at=Subquery(removals.values("decided_at")[:1]),
        removal_reason=Subquery(removals.values("note")[:1]),
    )


def membership_requests_to_decide(*, user: AnyUser) -> QuerySet[MembershipRequest]:
    """The waiting requests `user` may approve or refuse, oldest first, each with the
    member's last removal from the community (`removed_at`, `removal_reason`)."""
    return _with_last_removal(
        MembershipRequest.objects.pending()
        .filter(decidable_requests_q(user))
        .select_related("member__department", "member__region", "member__level", "community")
        .order_by("created_at", "id")
    )


def membership_requests_to_decide_count(*, user: AnyUser) -> int:
    return membership_requests_to_decide(user=user).count()


def member_communities(*, member: Member | None) -> list[Community]:
    """The communities `member` is an approved member of."""
    if member is None or member.pk is None:
        return []
    return list(member.communities.order_by("code"))


def member_membership_requests(*, member: Member | None) -> list[MembershipRequest]:
    """The member's waiting requests and their last ten decided ones (removals included),
    newest first, each with `removed_at` and `removal_reason` (see `_with_last_removal`)."""
    if member is None or member.pk is None:
        return []
    requests = _with_last_removal(
        MembershipRequest.objects.filter(member=member).select_related("community")
    )
    pending = list(requests.pending().order_by("-created_at", "-id"))
    decided = list(
        requests.exclude(status=MembershipStatus.PENDING).order_by("-updated_at", "-id")[:10]
    )
    return pending + decided


def communities_open_to(*, member: Member | None) -> QuerySet[Community]:
    """The active communities `member` may still ask to join: not theirs, nothing waiting."""
    communities = Community.objects.active().order_by("code")
    if member is None or member.pk is None:
        return communities
    return communities.exclude(pk__in=member.communities.values("pk")).exclude(
        pk__in=MembershipRequest.objects.pending().filter(member=member).values("community_id")
    )
