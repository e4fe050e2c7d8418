"""The intakes API through the real HTTP stack, with personal access tokens."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from jsonschema import Draft202012Validator

from guild.accounts.models import User
from guild.accounts.services import token_create
from guild.organizations.models import OccupationalLevel
from guild.programmes.models import BalanceRule, Intake
from guild.programmes.services.nominations import nominate

pytestmark = pytest.mark.django_db
BASE = "/api/v1/programmes"


def _client(user: User) -> Client:
    _token, raw = token_create(user=user, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_a_member_reads_the_intakes_with_their_rules(cast: dict[str, Any], intake: Intake) -> None:
    intake.eligible_levels.set(OccupationalLevel.objects.filter(code__in=["EX-01", "EX-02"]))
    BalanceRule.objects.create(intake=intake, attribute="language", value="fr", at_least=5)
    client = _client(cast["member"].user)
    listed = client.get(f"{BASE}/intakes").json()
    assert [(i["id"], i["name_en"], i["stage"], i["capacity"]) for i in listed] == [
        (intake.pk, "Intake 1", "nominating", 23)
    ]
    one = client.get(f"{BASE}/intakes/{intake.pk}").json()
    assert one["eligible_levels"] == ["EX-01", "EX-02"]
    assert [(c["name_en"], c["weight"], c["max_score"]) for c in one["criteria"]] == [
        ("Leadership", 3, 5),
        ("IM experience", 2, 5),
    ]
    assert one["balance_rules"] == [
        {"attribute": "language", "value": "fr", "at_least": 5, "at_most": None, "percent": False}
    ]
    assert one["nominations_open_now"] is True
    assert (one["nominations_per_department"], one["max_per_department"]) == (3, 2)
    assert (
        client.get(f"{BASE}/intakes?programme={intake.programme_id}").json()[0]["id"] == intake.pk
    )
    assert client.get(f"{BASE}/intakes?programme=999999").json() == []


def test_outsiders_get_404_and_nothing_listed(
    cast: dict[str, Any], intake: Intake, make_member: Any, it_community: Any
) -> None:
    outsider = _client(make_member(communities=[it_community]).user)
    assert outsider.get(f"{BASE}/intakes").json() == []
    response = outsider.get(f"{BASE}/intakes/{intake.pk}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert _client(cast["member"].user).get(f"{BASE}/intakes/999999").status_code == 404
    assert Client().get(f"{BASE}/intakes").status_code == 401


def _described(path: str, body: Any) -> None:
    """`body` is what the committed OpenAPI document says `path` answers with 200."""
    document = json.loads((Path(settings.BASE_DIR) / "openapi" / "schema.json").read_text())
    schema = document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    validator = Draft202012Validator({**schema["schema"], "components": document["components"]})
    assert list(validator.iter_errors(body)) == []


def test_the_answers_match_the_openapi_document(cast: dict[str, Any], intake: Intake) -> None:
    nominate(actor=cast["coordinator"].user, intake=intake, member=cast["member"], rationale="R")
    client = _client(cast["member"].user)
    _described("/api/v1/programmes/intakes", client.get(f"{BASE}/intakes").json())
    _described(
        "/api/v1/programmes/intakes/{intake_id}", client.get(f"{BASE}/intakes/{intake.pk}").json()
    )
    mine = client.get(f"{BASE}/nominations/mine").json()
    assert len(mine["as_nominee"]) == 1
    _described("/api/v1/programmes/nominations/mine", mine)
