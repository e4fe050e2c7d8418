"""Role profiles and their targets."""

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import codes_4xx

from guild.competencies.access import (
    access_role_profile,
)
from guild.competencies.models import RoleProfile
from guild.competencies.selectors import (
    role_profile_targets,
    role_profiles_list,
)
from guild.core.api_errors import ErrorOut
from guild.organizations.models import Community, Department

router = Router()  # mounted by the competencies router, whose tag it takes


class RoleProfileOut(Schema):
    id: int
    community_id: int
    version_id: int
    name: str
    work_stream: str
    level: str = Field(description="Group and level, e.g. IS-04")
    department_id: int | None
    adapted_from_id: int | None


class TargetOut(Schema):
    code: str
    target: int


class RoleProfileDetailOut(RoleProfileOut):
    targets: list[TargetOut]


def profile_out(profile: RoleProfile) -> RoleProfileOut:
    return RoleProfileOut.model_validate(
        {
            "id": profile.pk,
            "community_id": profile.community_id,
            "version_id": profile.version_id,
            "name": profile.name,
            "work_stream": profile.work_stream.code,
            "level": profile.level.code,
            "department_id": profile.department_id,
            "adapted_from_id": profile.adapted_from_id,
        }
    )


@router.get(
    "/role-profiles",
    response={200: list[RoleProfileOut], codes_4xx: ErrorOut},
    operation_id="role_profiles",
)
def role_profiles(
    request: HttpRequest, community: int | None = None, department: int | None = None
) -> list[RoleProfileOut]:
    chosen = Community.objects.filter(pk=community).first() if community else None
    dept = Department.objects.filter(pk=department).first() if department else None
    if (community and chosen is None) or (department and dept is None):
        return []
    return [profile_out(p) for p in role_profiles_list(community=chosen, department=dept)]


@router.get(
    "/role-profiles/{profile_id}",
    response={200: RoleProfileDetailOut, codes_4xx: ErrorOut},
    operation_id="role_profile",
)
def role_profile_read(request: HttpRequest, profile_id: int) -> RoleProfileDetailOut:
    profile = access_role_profile(request.user, profile_id)
    targets = [TargetOut(code=c, target=t) for c, t in role_profile_targets(profile).items()]
    return RoleProfileDetailOut(**profile_out(profile).model_dump(), targets=targets)
