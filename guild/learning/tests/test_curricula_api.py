"""The curricula API: the curricula of my communities, a version with its courses and
tally, my endorsement; every refusal a JSON body with a 4xx status, nothing saved."""

import json
from typing import Any

import pytest
from django.test import Client

from guild.competencies.models import FrameworkVersion
from guild.learning.models import Curriculum, Endorsement
from guild.learning.services.curricula import endorsement_save, version_approve
from guild.learning.tests.test_curricula_services import (
    STRUCTURE,
    demo_catalogue,
    make_curriculum,
    open_version,
)
from guild.organizations.models import Community

pytestmark = pytest.mark.django_db

API = "/api/v1/learning/curricula"


@pytest.fixture
def curriculum(version: FrameworkVersion, cast: dict[str, Any], im: Community) -> Curriculum:
    return make_curriculum(cast["admin"].user, im, demo_catalogue(cast["admin"].user, im))


def _put(client: Any, version_id: Any, body: dict[str, Any]) -> Any:
    return client.put(
        f"{API}/versions/{version_id}/endorsements/mine",
        data=json.dumps(body),
        content_type="application/json",
    )


def test_members_list_curricula_without_drafts_and_managers_with_them(
    curriculum: Curriculum, cast: dict[str, Any], login: Any
) -> None:
    [seen] = login(cast["member"].user).get(API).json()
    assert (seen["code"], seen["name"], seen["versions"]) == (
        "im-certificate",
        "IM Certificate",
        [],
    )
    [managed] = login(cast["admin"].user).get(API).json()
    draft = curriculum.versions.get()
    assert managed["versions"] == [{"id": draft.pk, "number": 1, "status": "draft"}]
    assert managed["programme_id"] == curriculum.programme_id


def test_a_version_gives_its_structure_and_tally(
    curriculum: Curriculum, cast: dict[str, Any], login: Any
) -> None:
    version = open_version(cast["admin"].user, curriculum)
    endorsement_save(actor=cast["member"].user, version=version, stance="comment", text="More")
    body = login(cast["other"].user).get(f"{API}/versions/{version.pk}").json()
    assert body["structure"] == STRUCTURE
    assert body["status"] == "open"
    assert body["tally"] == {"endorsements": 0, "comments": 1, "departments": 0}


def test_i_endorse_change_it_and_read_it_back(
    curriculum: Curriculum, cast: dict[str, Any], login: Any
) -> None:
    version = open_version(cast["admin"].user, curriculum)
    client = login(cast["member"].user)
    first = _put(client, version.pk, {"stance": "endorse"})
    assert first.status_code == 200
    assert (first.json()["member_name"], first.json()["stance"]) == ("Mia Member", "endorse")
    second = _put(client, version.pk, {"stance": "comment", "text": "Une version française"})
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["language"] == "en"  # the request's, when not given
    third = _put(
        client, version.pk, {"stance": "comment", "text": "Une version française", "language": "fr"}
    )
    assert third.json()["language"] == "fr"
    mine = client.get(f"{API}/versions/{version.pk}/endorsements/mine").json()
    assert [(e["stance"], e["text"], e["department_id"], e["language"]) for e in mine] == [
        ("comment", "Une version française", None, "fr")
    ]


def test_bad_endorsements_are_refused_with_json_and_nothing_saved(
    curriculum: Curriculum, cast: dict[str, Any], login: Any, make_member: Any, cra: Any
) -> None:
    admin = cast["admin"].user
    draft = curriculum.versions.get()
    member = login(cast["member"].user)
    # A draft is nobody's to endorse, and looks like a missing version.
    hidden = _put(member, draft.pk, {"stance": "endorse"})
    assert hidden.status_code == 404 and hidden.json()["code"] == "not_found"
    for tampered in ("99999999", "abc"):
        assert _put(member, tampered, {"stance": "endorse"}).status_code in {404, 422}
    version = open_version(admin, curriculum)

    no_text = _put(member, version.pk, {"stance": "comment", "text": "  "})
    assert no_text.status_code == 400
    assert no_text.json()["fields"] == {"text": ["Write your comment."]}
    stance = _put(member, version.pk, {"stance": "veto"})
    assert stance.status_code == 422 and "stance" in stance.json()["fields"]

    for department_id in (cra.pk, 987654):
        other = _put(
            login(cast["coordinator"].user),
            version.pk,
            {"stance": "endorse", "department_id": department_id},
        )
        assert other.status_code == 400
        assert other.json()["fields"] == {
            "department": ["You may speak only for a department you coordinate."]
        }

    outsider = make_member(communities=[Community.objects.get(code="it")])
    assert _put(login(outsider.user), version.pk, {"stance": "endorse"}).status_code == 404
    # A manager who is no member of the community reads it but does not speak.
    platform = _put(login(cast["platform"]), version.pk, {"stance": "endorse"})
    assert platform.status_code == 400 and platform.json()["code"] == "not_a_member"

    version_approve(actor=admin, version=version)
    closed = _put(member, version.pk, {"stance": "endorse"})
    assert closed.status_code == 400
    assert closed.json() == {
        "code": "not_open",
        "message": "This version is not open for endorsement.",
        "fields": {},
    }
    assert not Endorsement.objects.exists()


def test_signed_out_callers_get_401(curriculum: Curriculum) -> None:
    assert Client().get(API).status_code == 401
