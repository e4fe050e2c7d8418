"""Role profiles, their department adaptations and members' positions: checked and audited."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from guild.accounts.models import Role
from guild.competencies.models import MemberRoleProfile, RoleProfile, RoleProfileTarget
from guild.competencies.selectors import role_profile_targets
from guild.competencies.services import (
    framework_import_case,
    member_role_profile_set,
    role_profile_adapt_for_department,
    role_profile_create,
    role_profile_update,
)
from guild.competencies.tests.builders import package
from guild.competencies.tests.conftest import TARGETS
from guild.core.errors import PermissionDenied
from guild.core.models import AuditEvent
from guild.organizations.models import OccupationalLevel, WorkStream


def _kwargs(im: Any, published: Any, **changes: Any) -> dict[str, Any]:
    return {
        "community": im,
        "version": published,
        "name_en": "Librarian, LS-03",
        "name_fr": "Bibliothécaire, LS-03",
        "work_stream": WorkStream.objects.get(community=im, code="library-services"),
        "level": OccupationalLevel.objects.get(code="LS-03"),
        "targets": {"LKS-01": 3, "LKS-03": 4},
        **changes,
    }


@pytest.mark.django_db
def test_create_and_update_a_profile(cast: dict[str, Any], im: Any, version: Any) -> None:
    admin = cast["admin"].user
    profile = role_profile_create(actor=admin, **_kwargs(im, version))
    assert role_profile_targets(profile) == {"LKS-01": 3, "LKS-03": 4}
    created = AuditEvent.objects.get(action="role_profile.create")
    assert created.changes["targets"] == [None, {"LKS-01": 3, "LKS-03": 4}]
    role_profile_update(actor=admin, profile=profile, targets={"LKS-01": 2}, name_en="Librarian")
    profile.refresh_from_db()
    assert profile.name_en == "Librarian"
    assert role_profile_targets(profile) == {"LKS-01": 2}
    assert AuditEvent.objects.get(action="role_profile.update").changes == {
        "name_en": ["Librarian, LS-03", "Librarian"],
        "targets": [{"LKS-01": 3, "LKS-03": 4}, {"LKS-01": 2}],
    }


@pytest.mark.django_db
def test_bad_profiles_are_refused_unsaved(
    cast: dict[str, Any], im: Any, it_community: Any, version: Any
) -> None:
    admin = cast["admin"].user
    draft = framework_import_case(actor=admin, community=im, data=package())
    cases: list[tuple[dict[str, Any], str, list[str]]] = [
        (
            {"targets": {"LKS-01": 5, "NOPE-1": 2}},
            "targets",
            [
                "Not competencies of this framework version: NOPE-1.",
                "The target of LKS-01 must be a level from 1 to 4.",
            ],
        ),
        ({"targets": {}}, "targets", ["Give a target level for at least one competency."]),
        (
            {"version": draft, "targets": {"DATA-1": 2}},
            "version",
            ["Choose a published version of this community's framework."],
        ),
        (
            {"work_stream": WorkStream.objects.get(community=it_community, code="cyber-security")},
            "work_stream",
            ["Choose a work stream of this community."],
        ),
        ({"name_fr": " "}, "name_fr", ["This field cannot be blank."]),
    ]
    for changes, field, messages in cases:
        with pytest.raises(ValidationError) as raised:
            role_profile_create(actor=admin, **_kwargs(im, version, **changes))
        assert raised.value.message_dict[field][: len(messages)] == messages
    assert not RoleProfile.objects.exists() and not RoleProfileTarget.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="role_profile").exists()


@pytest.mark.django_db
def test_who_may_create_profiles(
    cast: dict[str, Any], im: Any, version: Any, esdc: Any, cra: Any
) -> None:
    for who in ("member", "supervisor", "committee"):
        with pytest.raises(PermissionDenied):
            role_profile_create(actor=cast[who].user, **_kwargs(im, version))
    coordinator = cast["coordinator"].user
    with pytest.raises(PermissionDenied):
        role_profile_create(actor=coordinator, **_kwargs(im, version))
    with pytest.raises(PermissionDenied):
        role_profile_create(actor=coordinator, **_kwargs(im, version, department=cra))
    assert not RoleProfile.objects.exists()
    own = role_profile_create(actor=coordinator, **_kwargs(im, version, department=esdc))
    assert own.department == esdc


@pytest.mark.django_db
def test_a_department_adapts_a_profile(
    cast: dict[str, Any], profile: RoleProfile, esdc: Any, cra: Any
) -> None:
    coordinator = cast["coordinator"].user
    with pytest.raises(PermissionDenied):
        role_profile_adapt_for_department(actor=coordinator, profile=profile, department=cra)
    adapted = role_profile_adapt_for_department(
        actor=coordinator, profile=profile, department=esdc, targets={"RIL-02": 3, "IAD-01": 2}
    )
    assert adapted.adapted_from == profile and adapted.department == esdc
    assert adapted.name_en == "Records manager, IS-04 (ESDC)"
    assert adapted.name_fr == "Gestionnaire des documents, IS-04 (EDSC)"
    assert role_profile_targets(adapted) == {**TARGETS, "RIL-02": 3, "IAD-01": 2}
    assert role_profile_targets(profile) == TARGETS
    with pytest.raises(ValidationError):
        role_profile_adapt_for_department(actor=coordinator, profile=adapted, department=esdc)
    with pytest.raises(ValidationError):
        role_profile_adapt_for_department(
            actor=coordinator, profile=profile, department=esdc, targets={"RIL-01": 9}
        )
    assert RoleProfile.objects.count() == 2


@pytest.mark.django_db
def test_setting_a_members_profile(
    cast: dict[str, Any], profile: RoleProfile, esdc: Any, grant: Callable[..., Any], im: Any
) -> None:
    mia = cast["member"]
    assignment = member_role_profile_set(actor=mia.user, member=mia, profile=profile)
    assert assignment is not None and assignment.profile == profile
    event = AuditEvent.objects.get(action="member_role_profile.set")
    assert event.changes == {"role_profile": [None, profile.pk]}
    assert event.object_id == str(mia.pk)
    for who in ("other", "committee"):
        with pytest.raises(PermissionDenied):
            member_role_profile_set(actor=cast[who].user, member=mia, profile=None)
    member_role_profile_set(actor=cast["coordinator"].user, member=mia, profile=None)
    assert not MemberRoleProfile.objects.filter(member=mia).exists()
    other = cast["other"]
    adapted = role_profile_adapt_for_department(
        actor=cast["admin"].user, profile=profile, department=esdc
    )
    with pytest.raises(ValidationError) as raised:
        member_role_profile_set(actor=cast["admin"].user, member=other, profile=adapted)
    assert raised.value.message_dict["profile"] == [
        "This profile is for the positions of another department."
    ]
    assert not MemberRoleProfile.objects.filter(member=other).exists()
    assert Role.DEPARTMENT_COORDINATOR  # coordinators act through their department
