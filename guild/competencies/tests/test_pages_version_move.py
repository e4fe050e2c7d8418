"""Moving role profiles and members' levels to a later framework version: the mapping
(CASE replacedBy, unchanged identifier, same code), the preview page, the move itself with
its audit, and who may do it."""

import copy
from typing import Any

import pytest

from guild.competencies.models import (
    Competency,
    CurrentAssessment,
    FrameworkVersion,
    MemberRoleProfile,
    RoleProfile,
)
from guild.competencies.selectors import role_profile_targets
from guild.competencies.selectors.version_moves import version_mapping
from guild.competencies.services import (
    assessment_self,
    assessment_supervise,
    framework_new_version,
    framework_publish,
    role_profile_create,
)
from guild.competencies.tests.builders import C2, small
from guild.core.models import AuditEvent
from guild.organizations.models import OccupationalLevel, WorkStream

pytestmark = pytest.mark.django_db


@pytest.fixture
def versions(cast: dict[str, Any], admin_version: FrameworkVersion) -> dict[str, Any]:
    """Version 2 of the small framework: DATA-1 unchanged, DATA-2 replaced by DATA-3
    (replacedBy), SEC-1 under a new identifier with its code. A profile on version 1 with
    the member on it: DATA-1 self 2 and supervisor 3, DATA-2 self 2 (waiting)."""
    admin = cast["admin"].user
    content = copy.deepcopy(small())
    content.identifier = "7a1c1f6e-3d2a-4a8e-9d37-2f0d2b7c5a11"
    content.version = "2026.1"
    replacement = content.families[0].competencies[1]
    replacement.identifier = "c0000009-0000-4000-8000-000000000009"
    replacement.code = "DATA-3"
    replacement.replaces = [C2]
    sec = content.families[1].competencies[0]
    sec.identifier = "c0000008-0000-4000-8000-000000000008"
    sec.replaces = []
    new = framework_new_version(actor=admin, framework=admin_version.framework, content=content)
    framework_publish(actor=admin, version=new)
    profile = role_profile_create(
        actor=admin,
        community=admin_version.framework.community,
        version=admin_version,
        name_en="Data analyst",
        name_fr="Analyste de données",
        work_stream=WorkStream.objects.get(code="records-management"),
        level=OccupationalLevel.objects.get(code="IS-04"),
        targets={"DATA-1": 2, "DATA-2": 3, "SEC-1": 4},
    )
    member, boss = cast["member"], cast["supervisor"]
    MemberRoleProfile.objects.create(member=member, profile=profile)
    data1 = Competency.objects.get(version=admin_version, code="DATA-1")
    data2 = Competency.objects.get(version=admin_version, code="DATA-2")
    assessment_self(actor=member.user, member=member, competency=data1, level=2, evidence="E")
    assessment_supervise(actor=boss.user, member=member, competency=data1, level=3)
    assessment_self(actor=member.user, member=member, competency=data2, level=2)
    return {"old": admin_version, "new": new, "profile": profile}


def test_the_mapping_follows_replaced_by_then_identifier_then_code(
    versions: dict[str, Any],
) -> None:
    rows = version_mapping(versions["old"], versions["new"])
    assert [(r.old.code, r.new.code if r.new else None, r.how) for r in rows] == [
        ("DATA-1", "DATA-1", "identifier"),
        ("DATA-2", "DATA-3", "replaces"),
        ("SEC-1", "SEC-1", "code"),
    ]


def test_the_page_previews_the_mapping_then_moves_profiles_and_levels(
    versions: dict[str, Any], cast: dict[str, Any], login: Any
) -> None:
    old, new, profile = versions["old"], versions["new"], versions["profile"]
    client = login(cast["admin"].user)
    listing = client.get("/en/competencies/profiles/").content.decode()
    path = f"/en/competencies/frameworks/versions/{new.pk}/move/"
    assert f'href="{path}?from={old.pk}">Move to version 2</a>' in listing

    page = client.get(f"{path}?from={old.pk}")
    html = page.content.decode()
    assert page.status_code == 200
    assert "1 role profile uses version 1." in html
    assert "The current levels of 1 member carry over." in html
    assert "Replaced (CASE replacedBy)" in html and "Same code" in html

    response = client.post(path, {"from": str(old.pk)}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Moved to version 2. Role profiles moved: 1. Members whose levels carried over: 1 "
        "(levels: 2)."
    ]
    profile = RoleProfile.objects.get(pk=profile.pk)
    assert profile.version == new
    assert role_profile_targets(profile) == {"DATA-1": 2, "DATA-3": 3, "SEC-1": 4}
    member = cast["member"]
    assert sorted(
        CurrentAssessment.objects.filter(member=member, competency__version=new).values_list(
            "competency__code", "self_level", "supervisor_level", "validated_level"
        )
    ) == [("DATA-1", 2, 3, 3), ("DATA-3", 2, None, 2)]
    carried = CurrentAssessment.objects.get(
        member=member, competency__code="DATA-1", competency__version=new
    )
    assert carried.self_assessment is not None and carried.self_assessment.evidence == "E"
    assert [
        (e.action, e.changes)
        for e in AuditEvent.objects.filter(
            action__in=[
                "role_profile.move_version",
                "assessment.carry_over",
                "competency_framework.move",
            ]
        ).order_by("id")
    ] == [
        (
            "role_profile.move_version",
            {
                "version": [old.pk, new.pk],
                "targets": [
                    {"DATA-1": 2, "DATA-2": 3, "SEC-1": 4},
                    {"DATA-1": 2, "DATA-3": 3, "SEC-1": 4},
                ],
            },
        ),
        (
            "assessment.carry_over",
            {
                "version": [old.pk, new.pk],
                "levels": [None, {"DATA-1": [2, 3], "DATA-3": [2, None]}],
            },
        ),
        (
            "competency_framework.move",
            {"from_version": [None, old.pk], "profiles": [None, 1], "members": [None, 1]},
        ),
    ]
    # The member's page now shows version 2, with DATA-3 still waiting for the supervisor.
    gaps = login(member.user).get("/en/competencies/me/").context["gaps"]
    assert [(r.code, r.validated) for r in gaps.rows] == [
        ("DATA-1", 3),
        ("DATA-3", 2),
        ("SEC-1", None),
    ]
    team = login(cast["supervisor"].user).get("/en/competencies/team/validate/")
    assert [row.competency.code for row, *_f in team.context["rows"]] == ["DATA-3"]


def test_only_the_communitys_administrators_move(
    versions: dict[str, Any], cast: dict[str, Any], login: Any
) -> None:
    path = f"/en/competencies/frameworks/versions/{versions['new'].pk}/move/"
    for key in ("coordinator", "member", "supervisor"):
        client = login(cast[key].user)
        assert client.get(path).status_code == 404, key
        assert client.post(path, {"from": str(versions["old"].pk)}).status_code == 404, key
    assert RoleProfile.objects.get().version == versions["old"]
    assert not AuditEvent.objects.filter(action="role_profile.move_version").exists()
