"""Every URL and API endpoint, for every role, on their own and another department.

The cast (see conftest.py): in ESDC a supervisor with two reports (one consenting to the
directory, one not), a coordinator of ESDC in IM, a programme administrator of IM; in
CRA a consenting and a non-consenting member and a committee member of IM; a platform
administrator with no profile. "Missing" and "forbidden" both answer 404."""

import uuid
from typing import Any

import pytest
from django.test import Client

from guild.accounts.models import PersonalAccessToken, Role, RoleAssignment
from guild.accounts.services import token_create
from guild.core.jobs import job_create
from guild.core.models import AuditEvent, Job
from guild.members.models import Member

ROLES = ["anonymous", "member", "supervisor", "coordinator", "admin", "committee", "platform"]


def client_for(role: str, cast: dict[str, Any], login: Any) -> Client:
    if role == "anonymous":
        return Client()
    person = cast[role]
    return login(person if role == "platform" else person.user)


def expect(table: dict[str, int], default: int) -> list[tuple[str, int]]:
    return [(role, table.get(role, default)) for role in ROLES]


# Member detail pages: which roles may open whose page. 200 = allowed, 404 = not.
DETAIL_RULES = {
    # ESDC member who consented to the directory: every signed-in person.
    "member": expect({"anonymous": 302}, 200),
    # ESDC member who did not consent: themself (not in the cast), their supervisor,
    # ESDC's coordinator, IM's programme administrator and the platform administrator.
    "private": expect(
        {"anonymous": 302, "supervisor": 200, "coordinator": 200, "admin": 200, "platform": 200},
        404,
    ),
    # CRA member who consented: every signed-in person.
    "other": expect({"anonymous": 302}, 200),
    # CRA member who did not consent: ESDC's coordinator must NOT reach them.
    "other_private": expect({"anonymous": 302, "admin": 200, "platform": 200}, 404),
}


@pytest.mark.django_db
@pytest.mark.parametrize("target", list(DETAIL_RULES))
@pytest.mark.parametrize("role", ROLES)
def test_member_detail_page(cast, login, role, target) -> None:
    expected = dict(DETAIL_RULES[target])[role]
    response = client_for(role, cast, login).get(f"/en/members/{cast[target].pk}/")
    assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("target", list(DETAIL_RULES))
@pytest.mark.parametrize("role", ROLES)
def test_member_detail_api(cast, login, role, target) -> None:
    expected = dict(DETAIL_RULES[target])[role]
    response = client_for(role, cast, login).get(f"/api/v1/members/{cast[target].pk}")
    assert response.status_code == (401 if expected == 302 else expected)
    if response.status_code == 404:
        assert response.json()["code"] == "not_found"


# Who sees the restricted half (languages, years, supervisor, consents) of whom.
FULL_RULES = {
    "member": {"member", "supervisor", "coordinator", "admin", "platform"},
    "other": {"admin", "platform"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("target", list(FULL_RULES))
@pytest.mark.parametrize("role", ROLES[1:])
def test_restricted_fields_reach_only_those_responsible(cast, login, role, target) -> None:
    client = client_for(role, cast, login)
    body = client.get(f"/api/v1/members/{cast[target].pk}").json()
    page = client.get(f"/en/members/{cast[target].pk}/").content.decode()
    if role in FULL_RULES[target]:
        assert body["restricted"]["consent_directory"] is True
        assert "Years in the community" in page
    else:
        assert body["restricted"] is None
        assert "Years in the community" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_directory_lists_only_what_each_role_may_see(cast, login, role, cra) -> None:
    client = client_for(role, cast, login)
    response = client.get(f"/api/v1/members?department={cra.pk}")
    page = client.get(f"/en/members/?department={cra.pk}")
    if role == "anonymous":
        assert response.status_code == 401
        assert page.status_code == 302
        return
    names = sorted(item["family_name"] for item in response.json()["items"])
    visible = {"Committee", "Other"}
    if role in {"admin", "platform"}:
        visible.add("Hidden")
    assert names == sorted(visible)
    assert response.json()["count"] == len(visible)
    html = page.content.decode()
    assert ("Hidden" in html) == ("Hidden" in visible)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_editing_someone_elses_profile_is_refused_and_changes_nothing(cast, login, role) -> None:
    target = cast["other"]
    client = client_for(role, cast, login)
    allowed = role == "platform"
    page = client.get(f"/en/members/{target.pk}/edit/")
    assert page.status_code == {"anonymous": 302}.get(role, 200 if allowed else 404)
    before = Member.objects.filter(pk=target.pk).values().get()
    audit_before = AuditEvent.objects.count()
    response = client.post(
        f"/en/members/{target.pk}/edit/",
        {
            "given_name": "Hacked",
            "family_name": "Name",
            "work_email": target.work_email,
            "department": target.department_id,
            "region": target.region_id,
            "first_official_language": "en",
        },
    )
    if allowed:
        assert response.status_code == 302
        assert Member.objects.get(pk=target.pk).given_name == "Hacked"
        assert AuditEvent.objects.latest("id").actor == cast["platform"]
    else:
        assert response.status_code in {302, 404}
        assert Member.objects.filter(pk=target.pk).values().get() == before
        assert AuditEvent.objects.count() == audit_before


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_own_profile_pages(cast, login, role) -> None:
    client = client_for(role, cast, login)
    assert client.get("/en/me/profile/").status_code == (302 if role == "anonymous" else 200)
    me = client.get("/api/v1/me")
    assert me.status_code == (401 if role == "anonymous" else 200)
    if role not in {"anonymous", "platform"}:
        assert me.json()["member"]["id"] == cast[role].pk
    patch = client.patch(
        "/api/v1/me/profile", {"years_in_community": 7}, content_type="application/json"
    )
    expected_patch = {"anonymous": 401, "platform": 404}.get(role, 200)
    assert patch.status_code == expected_patch


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_pages_open_to_every_signed_in_person(cast, login, role) -> None:
    client = client_for(role, cast, login)
    for url in ["/en/members/", "/en/tokens/", "/fr/members/", "/fr/tokens/"]:
        assert client.get(url).status_code == (302 if role == "anonymous" else 200), url
    assert client.get("/en/").status_code == 200
    for url in [
        "/api/v1/reference/communities",
        "/api/v1/reference/departments",
        "/api/v1/reference/regions",
        "/api/v1/reference/occupational-groups",
        "/api/v1/reference/work-streams",
    ]:
        assert client.get(url).status_code == (401 if role == "anonymous" else 200), url


ROLE_PAGE = expect({"anonymous": 302, "admin": 200, "platform": 200}, 404)
AUDIT_PAGE = expect({"anonymous": 302, "platform": 200}, 404)
ADMIN_SITE = expect({"platform": 200}, 302)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), ROLE_PAGE)
def test_role_page(cast, login, role, expected) -> None:
    assert client_for(role, cast, login).get("/en/roles/").status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), AUDIT_PAGE)
def test_audit_log_page(cast, login, role, expected) -> None:
    assert client_for(role, cast, login).get("/en/audit/").status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), ADMIN_SITE)
def test_admin_site(cast, login, role, expected) -> None:
    cast["platform"].is_staff = True
    cast["platform"].is_superuser = True
    cast["platform"].save()
    assert client_for(role, cast, login).get("/en/admin/").status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_granting_a_role(cast, login, role, im, esdc) -> None:
    target = cast["other"].user
    before = RoleAssignment.objects.count()
    response = client_for(role, cast, login).post(
        "/en/roles/",
        {
            "email": target.email,
            "role": Role.DEPARTMENT_COORDINATOR,
            "community": im.pk,
            "department": esdc.pk,
        },
    )
    if role in {"admin", "platform"}:
        assert response.status_code == 302
        assert RoleAssignment.objects.filter(
            user=target, role=Role.DEPARTMENT_COORDINATOR, community=im, department=esdc
        ).exists()
    else:
        assert response.status_code == {"anonymous": 302}.get(role, 404)
        assert RoleAssignment.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_revoking_a_role(cast, login, role) -> None:
    assignment = RoleAssignment.objects.get(user=cast["coordinator"].user)
    response = client_for(role, cast, login).post(f"/en/roles/{assignment.pk}/revoke/")
    exists = RoleAssignment.objects.filter(pk=assignment.pk).exists()
    if role in {"admin", "platform"}:
        assert response.status_code == 302
        assert not exists
    else:
        assert response.status_code == {"anonymous": 302}.get(role, 404)
        assert exists


@pytest.mark.django_db
def test_programme_administrator_cannot_make_platform_administrators(cast, login) -> None:
    before = RoleAssignment.objects.count()
    response = login(cast["admin"].user).post(
        "/en/roles/", {"email": cast["member"].user.email, "role": Role.PLATFORM_ADMINISTRATOR}
    )
    assert response.status_code == 400
    # The form does not offer the role, so a hand-built post is refused as a wrong choice.
    assert "Select a valid choice." in response.content.decode()
    assert RoleAssignment.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_revoking_someone_elses_token(cast, login, role) -> None:
    token, _raw = token_create(user=cast["committee"].user, name="owner's script")
    response = client_for(role, cast, login).post(f"/en/tokens/{token.pk}/revoke/")
    assert response.status_code == {"anonymous": 302, "committee": 302}.get(role, 404)
    token.refresh_from_db()
    assert (token.revoked_at is not None) == (role == "committee")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_jobs_are_visible_to_their_owner_only(cast, login, role) -> None:
    job = job_create(owner=cast["coordinator"].user, kind="members.export")
    client = client_for(role, cast, login)
    expected = {"anonymous": 302, "coordinator": 200}.get(role, 404)
    assert client.get(f"/en/jobs/{job.id}/").status_code == expected
    assert client.get(f"/en/jobs/{uuid.uuid4()}/").status_code == (
        302 if role == "anonymous" else 404
    )


EXPORT = expect({"anonymous": 302, "coordinator": 302, "admin": 302, "platform": 302}, 403)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), EXPORT)
def test_directory_export(cast, login, role, expected) -> None:
    response = client_for(role, cast, login).post("/en/members/export/", {})
    assert response.status_code == expected
    if role in {"coordinator", "admin", "platform"}:
        assert "/jobs/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/en/members/abc/", "/en/members/999999/", "/en/members/999999/edit/", "/en/jobs/not-a-uuid/"],
)
def test_tampered_ids_get_not_found(cast, login, path) -> None:
    assert login(cast["member"].user).get(path).status_code == 404


@pytest.mark.django_db
def test_tokens_cannot_be_used_after_revocation(cast) -> None:
    token, raw = token_create(user=cast["member"].user, name="script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get("/api/v1/me").json()["email"] == cast["member"].user.email
    PersonalAccessToken.objects.filter(pk=token.pk).update(revoked_at="2026-01-01T00:00:00Z")
    assert client.get("/api/v1/me").status_code == 401
    assert Client(HTTP_AUTHORIZATION="Bearer gld_forged").get("/api/v1/me").status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_export_downloads_reach_only_their_owner_and_hold_only_visible_members(
    cast, login, role, django_capture_on_commit_callbacks
) -> None:
    owner = login(cast["coordinator"].user)
    with django_capture_on_commit_callbacks(execute=True):
        owner.post("/en/members/export/", {})
    job_id = Job.objects.get(owner=cast["coordinator"].user).id
    download = client_for(role, cast, login).get(f"/en/jobs/{job_id}/download/")
    expected = {"anonymous": 302, "coordinator": 200}.get(role, 404)
    assert download.status_code == expected
    if expected == 200:
        text = download.getvalue().decode("utf-8-sig")
        assert "Private" in text  # an ESDC member who did not consent: the coordinator's own
        assert "Hidden" not in text  # a CRA member who did not consent: another department
        assert "Other" in text  # a CRA member in the directory
