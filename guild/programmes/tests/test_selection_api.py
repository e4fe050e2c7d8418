"""The selection API through the real HTTP stack with personal access tokens: the caller's
own scores, a run with its reasons, a conflict naming its rules, the confirmation with an
override; other roles get 404, bad input every error at once and nothing saved."""

from typing import Any

import pytest
from django.test import Client

from config.api import api
from guild.accounts.models import User
from guild.accounts.services import token_create
from guild.programmes.models import (
    BalanceRule,
    Intake,
    Nomination,
    Score,
    SelectionRun,
)
from guild.programmes.tests.selection_setup import criteria, score, score_everyone

pytestmark = pytest.mark.django_db
BASE = "/api/v1/programmes"


def _client(user: User) -> Client:
    _token, raw = token_create(user=user, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_my_scores_read_and_replaced(
    people: dict[str, Nomination], cast: dict[str, Any], intake: Intake
) -> None:
    client = _client(cast["committee"].user)
    first, second = criteria(intake)
    url = f"{BASE}/nominations/{people['Alice'].pk}/scores"
    empty = client.get(url).json()
    assert empty["scored"] is False
    assert [
        (c["criterion_id"], c["weight"], c["max_score"], c["value"]) for c in empty["criteria"]
    ] == [
        (first.pk, 3, 5, None),
        (second.pk, 2, 5, None),
    ]
    body = {
        "scores": [
            {"criterion_id": first.pk, "value": 4, "comment": "Clear vision."},
            {"criterion_id": second.pk, "value": 2},
        ]
    }
    saved = client.put(url, body, content_type="application/json")
    assert saved.status_code == 200, saved.content
    assert saved.json()["scored"] is True
    assert [(c["value"], c["comment"]) for c in saved.json()["criteria"]] == [
        (4, "Clear vision."),
        (2, ""),
    ]
    # Another reviewer's GET shows only their own (none).
    assert _client(cast["admin"].user).get(url).json()["scored"] is False


def test_scores_out_of_range_are_refused_all_at_once(
    people: dict[str, Nomination], cast: dict[str, Any], intake: Intake
) -> None:
    client = _client(cast["committee"].user)
    first, second = criteria(intake)
    url = f"{BASE}/nominations/{people['Alice'].pk}/scores"
    body = {
        "scores": [{"criterion_id": first.pk, "value": 7}, {"criterion_id": 424242, "value": 1}]
    }
    refused = client.put(url, body, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json() == {
        "code": "invalid_scores",
        "message": "The scores cannot be saved.",
        "fields": {
            "scores.424242": ["This is not a criterion of the intake."],
            f"scores.{first.pk}": ["The score on Leadership must be a whole number from 0 to 5."],
            f"scores.{second.pk}": ["Score IM experience."],
        },
    }
    assert not Score.objects.exists()


@pytest.mark.parametrize("who", ["member", "coordinator", "supervisor", "other"])
def test_other_roles_cannot_score_read_scores_or_run(
    people: dict[str, Nomination], cast: dict[str, Any], intake: Intake, who: str
) -> None:
    score_everyone(cast["committee"].user, people)
    client = _client(cast[who].user)
    first, second = criteria(intake)
    url = f"{BASE}/nominations/{people['Alice'].pk}/scores"
    assert client.get(url).status_code == 404
    body = {
        "scores": [{"criterion_id": first.pk, "value": 1}, {"criterion_id": second.pk, "value": 1}]
    }
    assert client.put(url, body, content_type="application/json").status_code == 404
    assert client.post(f"{BASE}/intakes/{intake.pk}/selection-runs").status_code == 404
    assert (
        client.post(
            f"{BASE}/intakes/{intake.pk}/selection", {"run_id": 1}, content_type="application/json"
        ).status_code
        == 404
    )
    assert set(Score.objects.values_list("reviewer_id", flat=True)) == {cast["committee"].user.pk}
    assert not SelectionRun.objects.exists()


def test_a_run_with_reasons_then_confirmed_with_an_override(
    people: dict[str, Nomination], cast: dict[str, Any], intake: Intake
) -> None:
    client = _client(cast["committee"].user)
    score(cast["committee"].user, people["Alice"], 5, 5)
    unscored = client.post(f"{BASE}/intakes/{intake.pk}/selection-runs")
    assert unscored.status_code == 400 and unscored.json()["code"] == "unscored"
    score_everyone(cast["committee"].user, people)
    created = client.post(f"{BASE}/intakes/{intake.pk}/selection-runs")
    assert created.status_code == 201, created.content
    run = created.json()
    alice, bruno, chloe, dev, elise, farid = (
        people[n].pk for n in ("Alice", "Bruno", "Chloé", "Dev", "Élise", "Farid")
    )
    assert run["selected"] == [alice, bruno, dev]
    assert (run["total_score"], run["optimal"]) == ("68", True)
    chloe_out = next(n for n in run["nominees"] if n["nomination_id"] == chloe)
    assert (chloe_out["department"], chloe_out["region"], chloe_out["level"]) == (
        "esdc",
        "quebec",
        "EX-01",
    )
    assert [r["code"] for r in chloe_out["reasons"]] == ["out", "out_department"]
    assert chloe_out["reasons"][0]["text"] == "Not selected: score 21, rank 3 of 6."

    url = f"{BASE}/intakes/{intake.pk}/selection"
    tampered = client.post(url, {"run_id": 999999}, content_type="application/json")
    assert tampered.status_code == 404 and tampered.json()["code"] == "not_found"
    no_reason = {
        "run_id": run["id"],
        "overrides": [{"nomination_id": chloe, "decision": "in", "reason": ""}],
    }
    refused = client.post(url, no_reason, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["fields"] == {
        f"overrides.{chloe}.reason": ["Give the reason for the committee's decision."],
        "overrides": ["The cohort would have 4 people for 3 seats."],
    }
    assert not SelectionRun.objects.filter(confirmed_at__isnull=False).exists()
    body = {
        "run_id": run["id"],
        "overrides": [
            {"nomination_id": chloe, "decision": "in", "reason": "Strong record."},
            {"nomination_id": dev, "decision": "out", "reason": "Other programme."},
        ],
    }
    confirmed = client.post(url, body, content_type="application/json")
    assert confirmed.status_code == 200, confirmed.content
    assert {
        (o["nomination_id"], o["outcome"], o["waitlist_rank"]) for o in confirmed.json()["outcomes"]
    } == {
        (alice, "selected", None),
        (bruno, "selected", None),
        (chloe, "selected", None),
        (dev, "not-selected", None),
        (elise, "waitlisted", 1),
        (farid, "waitlisted", 2),
    }


def test_a_conflict_names_the_rules(
    people: dict[str, Nomination], cast: dict[str, Any], intake: Intake
) -> None:
    BalanceRule.objects.create(intake=intake, attribute="language", value="fr", at_least=3)
    BalanceRule.objects.create(intake=intake, attribute="region", value="quebec", at_most=1)
    score_everyone(cast["committee"].user, people)
    refused = _client(cast["committee"].user).post(f"{BASE}/intakes/{intake.pk}/selection-runs")
    assert refused.status_code == 400
    assert refused.json()["code"] == "selection_infeasible"
    assert refused.json()["fields"] == {
        "constraints.balance[0].at_least": [
            "At least 3 people whose first official language is French."
        ],
        "constraints.balance[1].at_most": ["At most 1 person whose region is Quebec."],
    }
    french = _client(cast["committee"].user).post(
        f"{BASE}/intakes/{intake.pk}/selection-runs", HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert "Au plus 1 personne dont la région est Québec." in french.json()["message"]
    assert not SelectionRun.objects.exists()


def test_the_endpoints_are_in_the_openapi_document() -> None:
    paths = api.get_openapi_schema()["paths"]
    assert {"get", "put"} <= set(paths[f"{BASE}/nominations/{{nomination_id}}/scores"])
    assert "post" in paths[f"{BASE}/intakes/{{intake_id}}/selection-runs"]
    assert "post" in paths[f"{BASE}/intakes/{{intake_id}}/selection"]
