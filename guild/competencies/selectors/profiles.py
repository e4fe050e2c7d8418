"""Role profiles, their targets, and the profile a member's position points to."""

from django.db.models import QuerySet

from guild.competencies.models import (
    MemberRoleProfile,
    RoleProfile,
    RoleProfileTarget,
)
from guild.members.models import Member
from guild.organizations.models import Community, Department


def role_profiles_list(
    *, community: Community | None = None, department: Department | None = None
) -> QuerySet[RoleProfile]:
    """Role profiles; with `department`, the community-wide ones and that department's."""
    profiles = RoleProfile.objects.select_related(
        "community", "version__framework", "work_stream", "level", "department", "adapted_from"
    ).order_by("name_en", "pk")
    if community is not None:
        profiles = profiles.filter(community=community)
    if department is not None:
        profiles = profiles.filter(department__isnull=True) | profiles.filter(department=department)
    return profiles


def role_profile_targets(profile: RoleProfile) -> dict[str, int]:
    """Target level by competency code, in the framework's order."""
    return dict(
        RoleProfileTarget.objects.filter(profile=profile)
        .order_by("competency__family__order", "competency__order")
        .values_list("competency__code", "target")
    )


def member_role_profile(member: Member) -> RoleProfile | None:
    assignment = (
        MemberRoleProfile.objects.select_related(
            "profile__version__framework", "profile__work_stream", "profile__level"
        )
        .filter(member=member)
        .first()
    )
    return assignment.profile if assignment else None
