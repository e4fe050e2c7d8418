"""The members API through the real HTTP stack: errors, filters, pagination, writes."""

import json
from typing import Any

import pytest
from django.test import Client

from guild.accounts.services import token_create
from guild.core.models import AuditEvent
from guild.members.models import Member
from guild.organizations.models import Department, OccupationalLevel, Region


@pytest.fixture
def api(make_member):
    member = make_member(years_in_community=5)
    _token, raw = token_create(user=member.user, name="tests")
    return member, Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _snapshot(member: Member) -> dict[str, Any]:
    return dict(Member.objects.filter(pk=member.pk).values().get())


@pytest.mark.django_db
def test_me_describes_the_caller(api, im) -> None:
    member, client = api
    body = client.get("/api/v1/me").json()
    assert body["email"] == member.user.email
    assert body["roles"] == []
    assert body["member"]["id"] == member.pk
    assert body["member"]["community_ids"] == [im.pk]
    assert body["member"]["restricted"]["years_in_community"] == 5


@pytest.mark.django_db
def test_patch_profile_changes_only_sent_fields_and_audits(api) -> None:
    member, client = api
    quebec = Region.objects.get(code="quebec")
    response = client.patch(
        "/api/v1/me/profile",
        {"region_id": quebec.pk, "years_in_community": 6, "second_language_oral": "C"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["region_id"] == quebec.pk
    member.refresh_from_db()
    assert (member.region_id, member.years_in_community, member.second_language_oral) == (
        quebec.pk,
        6,
        "C",
    )
    event = AuditEvent.objects.latest("id")
    assert event.actor == member.user
    assert set(event.changes) == {"region", "years_in_community", "second_language_oral"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({"years_in_community": 61}, 422, "invalid_input", "years_in_community"),
        ({"years_in_community": "many"}, 422, "invalid_input", "years_in_community"),
        ({"department_id": 999999}, 400, "invalid", "department"),
        ({"department_id": None}, 400, "invalid", "department"),
        ({"first_official_language": "de"}, 422, "invalid_input", "first_official_language"),
        ({"colour": "blue"}, 422, "invalid_input", "colour"),
        # Membership is not a profile field (ADR 0013): ask with /me/membership-requests.
        ({"community_ids": [424242]}, 422, "invalid_input", "community_ids"),
        ({"work_email": "not-an-email"}, 400, "invalid", "work_email"),
        ({"given_name": ""}, 422, "invalid_input", "given_name"),
        ({"supervisor_id": 999999}, 400, "invalid", "supervisor"),
    ],
)
def test_bad_profile_input_gets_a_json_error_and_changes_nothing(
    api, body, status, code, field
) -> None:
    member, client = api
    before = _snapshot(member)
    audit_before = AuditEvent.objects.count()
    response = client.patch("/api/v1/me/profile", body, content_type="application/json")
    assert response.status_code == status
    payload = response.json()
    assert payload["code"] == code
    assert payload["message"]
    assert field in payload["fields"], payload
    assert _snapshot(member) == before
    assert AuditEvent.objects.count() == audit_before


@pytest.mark.django_db
def test_duplicate_email_through_the_api(api, make_member) -> None:
    member, client = api
    make_member(work_email="someone@example.gc.ca")
    before = _snapshot(member)
    response = client.patch(
        "/api/v1/me/profile",
        {"work_email": "Someone@example.gc.ca"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["fields"] == {
        "work_email": ["Another member already uses this e-mail address."]
    }
    assert _snapshot(member) == before


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", '"text"', ""])
def test_malformed_bodies_are_refused(api, raw) -> None:
    member, client = api
    before = _snapshot(member)
    response = client.patch("/api/v1/me/profile", raw, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert set(response.json()) == {"code", "message", "fields"}
    assert _snapshot(member) == before


@pytest.mark.django_db
def test_errors_are_translated(api) -> None:
    _member, client = api
    response = client.patch(
        "/api/v1/me/profile",
        {"department_id": 999999},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.json()["message"] == "Certains champs doivent être corrigés."


@pytest.mark.django_db
def test_member_list_filters_and_pages(api, make_member, cra) -> None:
    _member, client = api
    atlantic = Region.objects.get(code="atlantic")
    ex = OccupationalLevel.objects.get(code="EX-01")
    for n in range(7):
        make_member(
            department=cra, family_name=f"Zed{n}", region=atlantic, level=ex if n < 2 else None
        )
    make_member(department=cra, family_name="Private", consent_directory=False)
    body = client.get(f"/api/v1/members?department={cra.pk}&limit=5").json()
    assert body["count"] == 7
    assert [m["family_name"] for m in body["items"]] == ["Zed0", "Zed1", "Zed2", "Zed3", "Zed4"]
    second = client.get(f"/api/v1/members?department={cra.pk}&limit=5&offset=5").json()
    assert [m["family_name"] for m in second["items"]] == ["Zed5", "Zed6"]
    by_level = client.get(f"/api/v1/members?level={ex.pk}").json()
    assert [m["level"] for m in by_level["items"]] == ["EX-01", "EX-01"]
    by_group = client.get(f"/api/v1/members?group={ex.group_id}").json()
    assert by_group["count"] == 2
    by_name = client.get("/api/v1/members?q=zed3").json()
    assert [m["family_name"] for m in by_name["items"]] == ["Zed3"]
    by_region = client.get(f"/api/v1/members?region={atlantic.pk}").json()
    assert by_region["count"] == 7


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["limit=0", "limit=101", "offset=-1", "department=abc"])
def test_bad_list_parameters(api, query) -> None:
    _member, client = api
    response = client.get(f"/api/v1/members?{query}")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


@pytest.mark.django_db
def test_reference_data(api) -> None:
    _member, client = api
    departments = client.get("/api/v1/reference/departments").json()
    esdc = next(d for d in departments if d["code"] == "esdc")
    assert esdc["acronym_fr"] == "EDSC"
    assert len(departments) == Department.objects.filter(is_active=True).count()
    groups = client.get("/api/v1/reference/occupational-groups").json()
    is_group = next(g for g in groups if g["code"] == "IS")
    assert [level["code"] for level in is_group["levels"]] == [
        "IS-01",
        "IS-02",
        "IS-03",
        "IS-04",
        "IS-05",
        "IS-06",
    ]


@pytest.mark.django_db
def test_session_auth_requires_csrf_for_writes(make_member) -> None:
    member = make_member()
    client = Client(enforce_csrf_checks=True)
    client.force_login(member.user)
    response = client.patch(
        "/api/v1/me/profile", json.dumps({"years_in_community": 2}), content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "error"
    member.refresh_from_db()
    assert member.years_in_community is None


@pytest.mark.django_db
def test_openapi_document_is_served() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/me",
        "/api/v1/members",
        "/api/v1/members/{member_id}",
        "/api/v1/me/profile",
    } <= set(schema["paths"])


def test_no_two_api_schemas_share_a_name() -> None:
    """django-ninja names an OpenAPI component after its class: two schemas of one name in
    two apps would describe one of them with the other's fields."""
    from ninja import Schema

    import config.api  # noqa: F401 - every router and its schemas

    def every(cls: type) -> list[type]:
        found: list[type] = []
        sub: type
        for sub in cls.__subclasses__():
            found += [sub, *every(sub)]
        return found

    names: dict[str, set[str]] = {}
    for schema in every(Schema):
        if schema.__module__.startswith("guild."):
            names.setdefault(schema.__name__, set()).add(schema.__module__)
    assert {name: mods for name, mods in names.items() if len(mods) > 1} == {}
