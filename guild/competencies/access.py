"""Who sees and changes what in competencies. Missing and forbidden look the same (NotFound).

* Frameworks and role profiles are not personal data: every signed-in person reads the
  published ones; drafts are for those who manage the community's frameworks (its programme
  administrators and platform administrators).
* A member's assessments and gaps: the member, their supervisors up the chain, platform
  administrators. Validating (the supervisor's level) is for the **direct** supervisor only
  (see `is_direct_supervisor`): the person who manages the work is the one who confirms it.
* Heat maps and learning needs (suppressed below the disclosure threshold): a department's
  for its coordinators, the whole community's (any grouping, any department) for the
  community's programme administrators and committee members, everything for platform
  administrators.
"""

from typing import Any

from guild.accounts.models import AnyUser
from guild.accounts.scopes import scope_for
from guild.competencies.models import Framework, FrameworkVersion, RoleProfile
from guild.core.errors import NotFound
from guild.members.access import is_in_chain_above, own_member_id
from guild.members.models import Member


def _pk(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFound() from None


def can_manage_frameworks(user: AnyUser, community_id: int) -> bool:
    return scope_for(user).administers(community_id)


def can_manage_role_profiles(user: AnyUser, community_id: int, department_id: int | None) -> bool:
    """Programme administrators for the community; a department's coordinators for the
    profiles of (and adaptations for) their department."""
    scope = scope_for(user)
    if scope.administers(community_id):
        return True
    return department_id is not None and scope.coordinates(community_id, department_id)


def can_set_priorities(user: AnyUser, community_id: int) -> bool:
    return scope_for(user).administers(community_id)


def access_framework(user: AnyUser, framework_id: Any) -> Framework:
    if not scope_for(user).is_authenticated:
        raise NotFound()
    framework = Framework.objects.select_related("community").filter(pk=_pk(framework_id)).first()
    if framework is None:
        raise NotFound()
    if (
        not can_manage_frameworks(user, framework.community_id)
        and not framework.versions.filter(status=FrameworkVersion.Status.PUBLISHED).exists()
    ):
        raise NotFound()
    return framework


def access_framework_version(user: AnyUser, version_id: Any) -> FrameworkVersion:
    if not scope_for(user).is_authenticated:
        raise NotFound()
    version = (
        FrameworkVersion.objects.select_related("framework__community")
        .filter(pk=_pk(version_id))
        .first()
    )
    if version is None:
        raise NotFound()
    if not version.is_published and not can_manage_frameworks(user, version.framework.community_id):
        raise NotFound()
    return version


def access_role_profile(user: AnyUser, profile_id: Any) -> RoleProfile:
    if not scope_for(user).is_authenticated:
        raise NotFound()
    profile = (
        RoleProfile.objects.select_related(
            "community", "version__framework", "work_stream", "level", "department"
        )
        .filter(pk=_pk(profile_id))
        .first()
    )
    if profile is None:
        raise NotFound()
    return profile


def can_see_member_competencies(user: AnyUser, member: Member) -> bool:
    scope = scope_for(user)
    if not scope.is_authenticated:
        return False
    if scope.platform_admin:
        return True
    own_id = own_member_id(user)
    if own_id is None:
        return False
    return member.pk == own_id or is_in_chain_above(own_id, member.supervisor_id)


def access_member_competencies(user: AnyUser, member_id: Any) -> Member:
    """The member whose assessments and gaps `user` may see, or NotFound."""
    member = Member.objects.select_related("department", "user").filter(pk=_pk(member_id)).first()
    if member is None or not can_see_member_competencies(user, member):
        raise NotFound()
    return member


def is_direct_supervisor(user: AnyUser, member: Member) -> bool:
    own_id = own_member_id(user)
    return own_id is not None and member.supervisor_id == own_id


def can_assign_role_profile(user: AnyUser, member: Member, community_id: int) -> bool:
    """The member, their supervisors, their department's coordinators, the community's
    programme administrators and platform administrators say which profile a position has."""
    if can_see_member_competencies(user, member):
        return True
    return can_manage_role_profiles(user, community_id, member.department_id)


def heat_map_departments(user: AnyUser, community_id: int) -> frozenset[int] | None:
    """The departments whose heat map and learning needs `user` may see in the community:
    `None` for all of them (and the community-wide figures), else the coordinated ones."""
    scope = scope_for(user)
    if scope.administers(community_id) or community_id in scope.committee_communities:
        return None
    return frozenset(d for c, d in scope.coordinated if c == community_id)


def access_heat_map(user: AnyUser, community_id: int, department_id: int | None) -> None:
    """Raise NotFound unless `user` may see the community's figures (`department_id` None)
    or those of that department."""
    if not scope_for(user).is_authenticated:
        raise NotFound()
    allowed = heat_map_departments(user, community_id)
    if allowed is None:
        return
    if department_id is None or department_id not in allowed:
        raise NotFound()
