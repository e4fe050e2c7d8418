"""Reads for the role profile pages: where a person manages profiles, the choices of the
profile form, and the members a profile can be given to."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from guild.accounts.models import AnyUser
from guild.accounts.scopes import scope_for
from guild.competencies.models import RoleProfile
from guild.core.bilingual import localize
from guild.members.models import Member
from guild.organizations.models import Community, Department, OccupationalLevel, WorkStream

CANDIDATES_SHOWN = 50


@dataclass(frozen=True)
class ManagedCommunity:
    """A community where the person manages role profiles: all of them (`departments` None,
    its programme administrators) or those of some departments (coordinators)."""

    community: Community
    departments: frozenset[int] | None


def managed_communities(user: AnyUser) -> list[ManagedCommunity]:
    scope = scope_for(user)
    if not scope.is_authenticated:
        return []
    coordinated: dict[int, set[int]] = {}
    for community_id, department_id in scope.coordinated:
        coordinated.setdefault(community_id, set()).add(department_id)
    communities = Community.objects.order_by("name_en")
    if not scope.platform_admin:
        communities = communities.filter(pk__in={*scope.admin_communities, *coordinated})
    return [
        ManagedCommunity(
            community,
            None if scope.administers(community.pk) else frozenset(coordinated[community.pk]),
        )
        for community in communities
    ]


def work_stream_choices(community: Community) -> list[tuple[int, str]]:
    return [
        (stream.pk, localize(stream, "name").text)
        for stream in WorkStream.objects.filter(community=community, is_active=True).order_by(
            "order", "pk"
        )
    ]


def occupational_level_choices() -> list[tuple[int, str]]:
    return [
        (level.pk, level.code)
        for level in OccupationalLevel.objects.filter(is_active=True).order_by("code")
    ]


def department_choices(ids: frozenset[int] | None) -> list[tuple[int, str]]:
    departments = Department.objects.filter(is_active=True).order_by("name_en")
    if ids is not None:
        departments = departments.filter(pk__in=ids)
    return [(department.pk, localize(department, "name").text) for department in departments]


def profile_members(profile: RoleProfile) -> QuerySet[Member]:
    return Member.objects.filter(role_profile__profile=profile).select_related("department")


def profile_candidates(
    profile: RoleProfile, departments: frozenset[int] | None, search: str = ""
) -> QuerySet[Member]:
    """Active members of the profile's community who could be put on it (the profile's
    department's only, for a department's profile; the coordinated departments' only for
    a coordinator), not on it yet, matching `search` in their name or e-mail."""
    members = (
        Member.objects.filter(communities=profile.community_id, is_active=True)
        .exclude(role_profile__profile=profile)
        .select_related("department", "role_profile__profile")
    )
    if profile.department_id is not None:
        members = members.filter(department_id=profile.department_id)
    if departments is not None:
        members = members.filter(department_id__in=departments)
    for word in search.split()[:5]:
        members = members.filter(
            Q(given_name__icontains=word)
            | Q(family_name__icontains=word)
            | Q(user__email__icontains=word)
        )
    return members.order_by("family_name", "given_name", "pk")
