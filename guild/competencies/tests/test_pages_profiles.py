"""Role profile pages through the real HTTP stack: who manages which profiles, creating and
editing targets per competency, putting members on a profile, all checked and audited."""

from collections.abc import Callable
from typing import Any

import pytest

from guild.competencies.models import FrameworkVersion, MemberRoleProfile, RoleProfile
from guild.competencies.selectors import role_profile_targets
from guild.core.models import AuditEvent
from guild.members.models import Member
from guild.organizations.models import Department, OccupationalLevel, WorkStream

pytestmark = pytest.mark.django_db


def _form_data(**extra: str) -> dict[str, str]:
    return {
        "name_en": "Archivist, IS-03",
        "name_fr": "Archiviste, IS-03",
        "work_stream": str(WorkStream.objects.get(code="records-management").pk),
        "level": str(OccupationalLevel.objects.get(code="IS-03").pk),
        "target-RIL-01": "2",
        "target-ACP-01": "4",
        **extra,
    }


def test_only_managers_reach_the_profile_pages(
    cast: dict[str, Any], login: Any, version: FrameworkVersion, im: Any
) -> None:
    expected = {"admin": 200, "coordinator": 200, "platform": 200, "member": 404, "other": 404}
    for key, status in expected.items():
        user = cast[key] if key == "platform" else cast[key].user
        client = login(user)
        assert client.get("/en/competencies/profiles/").status_code == status, key
        new = client.get(f"/en/competencies/profiles/new/{im.pk}/")
        assert new.status_code == status, key
        me = client.get("/en/competencies/me/").content.decode()
        assert ('href="/en/competencies/profiles/"' in me) == (status == 200), key


def test_administrator_creates_a_profile_with_targets_and_audit(
    cast: dict[str, Any], login: Any, version: FrameworkVersion, im: Any
) -> None:
    client = login(cast["admin"].user)
    page = client.get(f"/en/competencies/profiles/new/{im.pk}/")
    html = page.content.decode()
    assert '<option value="" selected>Not part of this role</option>' in html
    assert '<option value="4">4 - Expert</option>' in html
    assert "Every department: a community-wide profile" in html

    response = client.post(f"/en/competencies/profiles/new/{im.pk}/", _form_data())

    profile = RoleProfile.objects.get(name_en="Archivist, IS-03")
    assert response["Location"] == f"/en/competencies/profiles/{profile.pk}/members/"
    assert (profile.department, profile.version, profile.community) == (None, version, im)
    assert role_profile_targets(profile) == {"RIL-01": 2, "ACP-01": 4}
    event = AuditEvent.objects.get(action="role_profile.create")
    assert (event.actor, event.object_id) == (cast["admin"].user, str(profile.pk))
    assert event.changes["targets"] == [None, {"RIL-01": 2, "ACP-01": 4}]


def test_every_error_of_the_profile_form_at_once(
    cast: dict[str, Any], login: Any, version: FrameworkVersion, im: Any
) -> None:
    data = _form_data(name_en="", level="", **{"target-RIL-01": "9"})
    data.pop("target-ACP-01")
    response = login(cast["admin"].user).post(f"/en/competencies/profiles/new/{im.pk}/", data)
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "name_en": ["This field is required."],
        "level": ["This field is required."],
        "target-RIL-01": ["Choose a level from 1 to 4."],
    }
    assert not RoleProfile.objects.exists()

    none = login(cast["admin"].user).post(
        f"/en/competencies/profiles/new/{im.pk}/",
        {k: v for k, v in _form_data().items() if not k.startswith("target-")},
    )
    assert none.status_code == 400
    assert none.context["form"].non_field_errors() == [
        "Give a target level for at least one competency."
    ]
    assert not RoleProfile.objects.exists()


def test_coordinator_creates_profiles_of_their_department_only(
    cast: dict[str, Any], login: Any, version: FrameworkVersion, im: Any, esdc: Department
) -> None:
    client = login(cast["coordinator"].user)
    page = client.get(f"/en/competencies/profiles/new/{im.pk}/")
    assert [value for value, _label in page.context["form"].fields["department"].choices] == [
        esdc.pk
    ]
    cra = Department.objects.get(code="cra")
    refused = client.post(
        f"/en/competencies/profiles/new/{im.pk}/", _form_data(department=str(cra.pk))
    )
    assert refused.status_code == 400
    assert "department" in refused.context["form"].errors
    assert not RoleProfile.objects.exists()

    created = client.post(
        f"/en/competencies/profiles/new/{im.pk}/", _form_data(department=str(esdc.pk))
    )
    assert created.status_code == 302
    assert RoleProfile.objects.get().department == esdc


def test_editing_replaces_the_targets_and_audits_the_change(
    cast: dict[str, Any], login: Any, profile: RoleProfile
) -> None:
    client = login(cast["admin"].user)
    page = client.get(f"/en/competencies/profiles/{profile.pk}/")
    assert page.context["form"]["target-RIL-02"].value() == 4

    response = client.post(
        f"/en/competencies/profiles/{profile.pk}/",
        _form_data(name_en="Records manager, IS-05", **{"target-RIL-01": "4"}),
    )

    assert response["Location"] == "/en/competencies/profiles/"
    profile.refresh_from_db()
    assert profile.name_en == "Records manager, IS-05"
    assert role_profile_targets(profile) == {"RIL-01": 4, "ACP-01": 4}
    changes = AuditEvent.objects.get(action="role_profile.update").changes
    assert changes["targets"] == [
        {"RIL-01": 3, "RIL-02": 4, "ACP-01": 2},
        {"RIL-01": 4, "ACP-01": 4},
    ]
    # The coordinator does not manage a community-wide profile.
    assert (
        login(cast["coordinator"].user).get(f"/en/competencies/profiles/{profile.pk}/").status_code
        == 404
    )


def test_members_are_put_on_and_taken_off_a_profile_with_audit(
    cast: dict[str, Any],
    login: Any,
    profile: RoleProfile,
    on_profile: Callable[[Member], Member],
) -> None:
    member, private, other = cast["member"], cast["private"], cast["other"]
    on_profile(private)
    client = login(cast["admin"].user)
    path = f"/en/competencies/profiles/{profile.pk}/members/"

    page = client.get(path + "?q=mia")
    assert [m.pk for m in page.context["candidates"]] == [member.pk]
    assert [m.pk for m in page.context["assigned"]] == [private.pk]

    response = client.post(
        path, {"add": [str(member.pk), str(other.pk)], "remove": [str(private.pk)]}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == ["3 members' positions changed."]
    assert sorted(MemberRoleProfile.objects.values_list("member_id", flat=True)) == sorted(
        [member.pk, other.pk]
    )
    events = AuditEvent.objects.filter(action="member_role_profile.set").order_by("id")
    assert [(e.object_id, e.changes) for e in events] == [
        (str(member.pk), {"role_profile": [None, profile.pk]}),
        (str(other.pk), {"role_profile": [None, profile.pk]}),
        (str(private.pk), {"role_profile": [profile.pk, None]}),
    ]


def test_a_member_not_on_the_list_is_refused_and_nothing_changes(
    cast: dict[str, Any], login: Any, profile: RoleProfile
) -> None:
    response = login(cast["admin"].user).post(
        f"/en/competencies/profiles/{profile.pk}/members/", {"add": ["999999"]}
    )
    assert response.status_code == 400
    assert "add" in response.context["form"].errors
    assert not MemberRoleProfile.objects.exists()
    assert not AuditEvent.objects.filter(action="member_role_profile.set").exists()
