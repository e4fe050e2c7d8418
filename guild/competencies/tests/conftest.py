"""Fixtures for the competency tests: the IM framework published in the IM community, a
small role profile, and the people of `cast` on it."""

from collections.abc import Callable
from typing import Any

import pytest

from guild.competencies.models import (
    Competency,
    FrameworkVersion,
    MemberRoleProfile,
    RoleProfile,
)
from guild.competencies.services import framework_load_published, role_profile_create
from guild.competencies.tests.builders import small
from guild.demo.content import im_framework
from guild.members.models import Member
from guild.organizations.models import Community, OccupationalLevel, WorkStream

TARGETS = {"RIL-01": 3, "RIL-02": 4, "ACP-01": 2}


@pytest.fixture
def version(im: Community) -> FrameworkVersion:
    return framework_load_published(community=im, content=im_framework(), code="im-competencies")


@pytest.fixture
def competency(version: FrameworkVersion) -> Callable[[str], Competency]:
    def get(code: str) -> Competency:
        return Competency.objects.get(version=version, code=code)

    return get


@pytest.fixture
def profile(version: FrameworkVersion, im: Community, cast: dict[str, Any]) -> RoleProfile:
    return role_profile_create(
        actor=cast["admin"].user,
        community=im,
        version=version,
        name_en="Records manager, IS-04",
        name_fr="Gestionnaire des documents, IS-04",
        work_stream=WorkStream.objects.get(community=im, code="records-management"),
        level=OccupationalLevel.objects.get(code="IS-04"),
        targets=TARGETS,
    )


@pytest.fixture
def on_profile(profile: RoleProfile) -> Callable[[Member], Member]:
    """Put a member on the profile (directly: the service has its own tests)."""

    def put(member: Member) -> Member:
        MemberRoleProfile.objects.update_or_create(member=member, defaults={"profile": profile})
        return member

    return put


@pytest.fixture
def admin_version(im: Community, cast: dict[str, Any]) -> FrameworkVersion:
    """A second, small framework of the community (the CASE builders' one), published."""
    return framework_load_published(community=im, content=small(), code="digital")
