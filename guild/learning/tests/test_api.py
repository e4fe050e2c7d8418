"""The catalogue API through the real HTTP stack, with personal access tokens."""

from typing import Any

import pytest
from django.test import Client

from config.api import api
from guild.accounts.models import User
from guild.accounts.services import token_create
from guild.demo.learning import catalogue_file
from guild.learning.models import Course
from guild.learning.services import course_import

pytestmark = pytest.mark.django_db
BASE = "/api/v1/learning"


def _client(user: User) -> Client:
    _token, raw = token_create(user=user, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def catalogue(cast: dict[str, Any], im: Any, version: Any) -> None:
    course_import(
        actor=cast["admin"].user, community=im, content=catalogue_file(), file_format="csv"
    )


def test_providers_and_courses_with_their_competency_levels(
    cast: dict[str, Any], im: Any, catalogue: None
) -> None:
    client = _client(cast["member"].user)
    providers = client.get(f"{BASE}/providers?community={im.pk}").json()
    assert [p["code"] for p in providers] == ["csps", "dal", "lac", "tbs", "uottawa"]
    courses = client.get(f"{BASE}/courses?community={im.pk}&competency=ril-02").json()
    assert [
        (c["code"], c["competencies"][0]["code"], c["competencies"][0]["level"]) for c in courses
    ] == [
        ("rda-guide", "RIL-02", 3),
        ("i302", "RIL-02", 2),
    ]
    detail = client.get(f"{BASE}/courses/{courses[1]['id']}").json()
    assert detail["title_fr"] == "Autorisations de conservation et de disposition"
    assert detail["provider"]["kind"] == "school"
    assert (detail["duration_hours"], detail["cost"], detail["active"]) == ("6.0", "300.00", True)


def test_courses_no_longer_offered_are_for_managers_only(
    cast: dict[str, Any], im: Any, catalogue: None
) -> None:
    retired = Course.objects.get(code="i099")
    member = _client(cast["member"].user)
    assert member.get(f"{BASE}/courses/{retired.pk}").status_code == 404
    assert member.get(f"{BASE}/courses/{retired.pk}").json()["code"] == "not_found"
    assert len(member.get(f"{BASE}/courses?community={im.pk}&include_inactive=true").json()) == 20
    admin = _client(cast["admin"].user)
    assert len(admin.get(f"{BASE}/courses?community={im.pk}&include_inactive=true").json()) == 21
    assert admin.get(f"{BASE}/courses/{retired.pk}").json()["active"] is False


def test_bad_input_is_a_json_4xx(cast: dict[str, Any], im: Any, catalogue: None) -> None:
    client = _client(cast["member"].user)
    assert client.get(f"{BASE}/courses?community=999999").status_code == 404
    assert client.get(f"{BASE}/courses").status_code == 422
    assert client.get(f"{BASE}/courses/abc").status_code == 422
    assert Client().get(f"{BASE}/providers?community={im.pk}").status_code == 401


def test_the_catalogue_is_in_the_openapi_document() -> None:
    paths = api.get_openapi_schema()["paths"]
    assert {
        "/api/v1/learning/providers",
        "/api/v1/learning/courses",
        "/api/v1/learning/courses/{course_id}",
    } <= set(paths)
