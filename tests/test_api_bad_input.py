"""Hostile input through the real HTTP stack answers 4xx with the usual JSON error body and
changes nothing: integers beyond 64 bits in paths, filters and bodies."""

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from guild.accounts.services import token_create
from guild.competencies.models import Assessment
from guild.members.models import Member

BIG = 2**64 + 5
MESSAGE = "Enter a whole number no larger than 9223372036854775807."


@pytest.fixture
def client(cast: dict[str, Any]) -> Client:
    _token, raw = token_create(user=cast["admin"].user, name="tests")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    api.raise_request_exception = False
    return api


def _error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"code", "message", "fields"}
    return body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/v1/members", "community"),
        ("/api/v1/members", "department"),
        ("/api/v1/members", "region"),
        ("/api/v1/members", "work_stream"),
        ("/api/v1/members", "group"),
        ("/api/v1/members", "level"),
        ("/api/v1/reference/work-streams", "community"),
        ("/api/v1/competencies/frameworks", "community"),
        ("/api/v1/competencies/role-profiles", "department"),
    ],
)
def test_huge_integer_filters_are_refused_with_their_name(
    client: Client, path: str, name: str
) -> None:
    response = client.get(path, {name: str(BIG)})
    if response.status_code == 200:  # a filter that cannot match anything is fine too
        return
    body = _error(response, 422)
    assert body["code"] == "invalid_input"
    assert body["fields"] == {name: [MESSAGE]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/members/{big}",
        "/api/v1/competencies/frameworks/{big}",
        "/api/v1/competencies/versions/{big}",
        "/api/v1/competencies/versions/{big}/csv",
        "/api/v1/competencies/role-profiles/{big}",
        "/api/v1/competencies/members/{big}/gaps",
        "/api/v1/questionnaires/{big}",
        "/api/v1/questionnaires/{big}/statistics",
    ],
)
def test_huge_path_ids_are_not_found_or_refused(client: Client, path: str) -> None:
    response = client.get(path.format(big=BIG))
    assert response.status_code in (404, 422)
    _error(response, response.status_code)


@pytest.mark.django_db
def test_huge_ids_in_a_profile_body_are_refused_and_nothing_changes(
    client: Client, cast: dict[str, Any]
) -> None:
    admin = cast["admin"]
    before = dict(Member.objects.filter(pk=admin.pk).values().get())
    response = client.patch(
        "/api/v1/me/profile",
        json.dumps({"region_id": BIG, "community_ids": [1, BIG]}),
        content_type="application/json",
    )
    assert response.status_code in (400, 422)
    body = _error(response, response.status_code)
    assert body["fields"]
    assert dict(Member.objects.filter(pk=admin.pk).values().get()) == before


@pytest.mark.django_db
def test_huge_ids_in_an_assessment_body_are_refused(client: Client) -> None:
    response = client.post(
        "/api/v1/competencies/me/assessments",
        json.dumps({"competency_id": BIG, "level": 2}),
        content_type="application/json",
    )
    assert response.status_code in (404, 422)
    body = _error(response, response.status_code)
    if response.status_code == 422:
        assert body["fields"] == {"competency_id": [MESSAGE]}
    assert not Assessment.objects.exists()


def _integer_id_operations() -> list[tuple[str, str]]:
    """Every documented operation with an integer in its path, as (method, path)."""
    document = json.loads((Path(settings.BASE_DIR) / "openapi" / "schema.json").read_text())
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            parameters = operation.get("parameters", [])
            if any(
                p["in"] == "path" and p.get("schema", {}).get("type") == "integer"
                for p in parameters
            ):
                found.append((method, path))
    return sorted(found)


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path"), _integer_id_operations())
def test_every_operation_answers_a_huge_path_id_with_a_json_error(
    client: Client, method: str, path: str
) -> None:
    url = re.sub(r"\{\w+\}", str(BIG), path)
    if method == "get":
        response = client.get(url)
    else:
        response = getattr(client, method)(url, data="{}", content_type="application/json")
    assert 400 <= response.status_code < 500, (method, url, response.status_code)
    _error(response, response.status_code)
