"""The certification API: my progress with its explanation items, my certificates and
their credentials (nobody else's), and the public verification by code."""

import datetime
import json
from typing import Any

import pytest
from django.test import Client

from guild.competencies.models import FrameworkVersion
from guild.learning.models import Certificate
from guild.learning.services.certificates import certificate_revoke
from guild.learning.tests.test_certificates import (
    TODAY,
    _retoken,
    certified,
    complete,
    make_programme,
)
from guild.learning.tests.test_credentials import VALIDATOR
from guild.organizations.models import Community

pytestmark = [
    pytest.mark.django_db,
]

API = "/api/v1/learning/certification"


@pytest.fixture
def programme(cast: dict[str, Any], im: Community, version: FrameworkVersion) -> Any:
    return make_programme(cast["admin"].user, im)


def test_my_progress_gives_each_item_with_its_code_params_and_sentence(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion, login: Any
) -> None:
    complete(cast["member"], "c101")
    answer = login(cast["member"].user).get(f"{API}/progress?language=en")
    assert answer.status_code == 200
    [progress] = answer.json()
    assert (progress["programme_code"], progress["status"], progress["met_on"]) == (
        "im-basics",
        "partly",
        None,
    )
    assert progress["items"][0] == {
        "code": "course_done",
        "params": {"course": "c101", "date": complete_day(10)},
        "sentence": f"Required course IM Leadership Course c101: done on {complete_day(10)}.",
    }
    assert [item["code"] for item in progress["items"]] == [
        "course_done",
        "electives",
        "electives_choose",
        "level_none",
    ]
    assert progress["items"][2]["params"] == {
        "group": "practice",
        "count": 1,
        "courses": ["c201", "c202"],
    }
    assert [r["course"] for r in progress["recommendations"]] == ["c201", "c202"]


def complete_day(days_ago: int) -> str:
    return (TODAY - datetime.timedelta(days=days_ago)).isoformat()


def test_my_certificates_and_credential_are_mine_alone(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion, login: Any
) -> None:
    certificate = certified(cast["member"], programme, version)
    mine = login(cast["member"].user)
    [listed] = mine.get(f"{API}/certificates").json()
    assert (listed["id"], listed["code"], listed["status"]) == (
        certificate.pk,
        certificate.code,
        "active",
    )
    assert listed["verify_url"].endswith(f"/en/verify/{certificate.code}/")
    answer = mine.get(f"{API}/certificates/{certificate.pk}/credential")
    assert answer.status_code == 200
    document = answer.json()
    assert document["jwt"] == certificate.token
    assert list(VALIDATOR.iter_errors(document["credential"])) == []

    other = login(cast["other"].user)
    refused = other.get(f"{API}/certificates/{certificate.pk}/credential")
    assert refused.status_code == 404
    assert refused.json()["code"] == "not_found"
    assert other.get(f"{API}/certificates").json() == []
    assert Client().get(f"{API}/certificates").status_code == 401


def test_public_verification_says_status_and_rejects_a_tampered_credential(
    cast: dict[str, Any], programme: Any, version: FrameworkVersion
) -> None:
    certificate = certified(cast["member"], programme, version)
    public = Client()
    answer = public.get(f"{API}/verify/{certificate.code}").json()
    assert (answer["holder"], answer["status"], answer["signature"]) == (
        "Mia Member",
        "active",
        {"valid": True, "code": "verified", "message": ""},
    )
    certificate_revoke(actor=cast["admin"].user, certificate=certificate, reason="Fraud")
    answer = public.get(f"{API}/verify/{certificate.code}").json()
    assert answer["status"] == "revoked" and answer["revoked_at"] is not None
    assert "Fraud" not in json.dumps(answer)

    Certificate.objects.filter(pk=certificate.pk).update(
        token=_retoken(
            certificate.token,
            lambda c: c["credentialSubject"]["identifier"][0].update(identityHash="Eve"),
        )
    )
    signature = public.get(f"{API}/verify/{certificate.code}").json()["signature"]
    assert (signature["valid"], signature["code"]) == (False, "bad_signature")
    assert "changed after it was signed" in signature["message"]
    unknown = public.get(f"{API}/verify/nope")
    assert unknown.status_code == 404 and unknown.json()["code"] == "not_found"
