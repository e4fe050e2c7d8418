"""The mentoring API through the real HTTP stack: a whole round from opt-in to an active
pair, and the attacks (another member's pair, tampered ids, another community's pool,
publishing twice, unknown competencies, bad input): JSON {code, message, fields}, a 4xx,
nothing changed."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from jsonschema import Draft202012Validator

from guild.accounts.models import User
from guild.accounts.services import token_create
from guild.members.models import Member
from guild.mentoring.models import Pair, PairStatus, Pool, PoolMembership, Round
from guild.mentoring.tests.pools_setup import join, make_pool, person
from guild.organizations.models import Community

pytestmark = pytest.mark.django_db
BASE = "/api/v1/mentoring"


def _client(user: User | None) -> Client:
    assert user is not None
    _token, raw = token_create(user=user, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _post(client: Client, url: str, body: Any = None) -> Any:
    return client.post(url, body if body is not None else {}, content_type="application/json")


def _error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "fields"}
    assert body["code"] == code
    return body


@pytest.fixture
def two(make_member: Any, pool: Pool) -> dict[str, Member]:
    return {
        "ann": person(make_member, "esdc", given_name="Ann"),
        "max": person(make_member, "cra", "IS-06", given_name="Max"),
    }


def test_opt_in_run_publish_accept_and_check_in_through_the_api(
    cast: dict[str, Any],
    pool: Pool,
    two: dict[str, Member],
    django_capture_on_commit_callbacks: Any,
) -> None:
    ann, max_ = _client(two["ann"].user), _client(two["max"].user)
    admin = _client(cast["admin"].user)
    pools = ann.get(f"{BASE}/pools").json()
    assert [p["id"] for p in pools] == [pool.pk]
    joined = _post(
        ann,
        f"{BASE}/pools/{pool.pk}/memberships",
        {"side": "mentee", "wants": ["DATA-1"], "languages": ["en", "fr"]},
    )
    assert joined.status_code == 201, joined.content
    membership = joined.json()
    assert (membership["side"], membership["wants"], membership["taken"]) == (
        "mentee",
        ["DATA-1"],
        0,
    )
    changed = ann.put(
        f"{BASE}/memberships/{membership['id']}",
        {"side": "mentee", "wants": ["DATA-1", "SEC-1"], "goals": ["career"]},
        content_type="application/json",
    )
    assert changed.json()["wants"] == ["DATA-1", "SEC-1"]
    assert [m["id"] for m in ann.get(f"{BASE}/memberships").json()] == [membership["id"]]
    assert (
        _post(
            max_,
            f"{BASE}/pools/{pool.pk}/memberships",
            {"side": "mentor", "capacity": 2, "offers": ["SEC-1"]},
        ).status_code
        == 201
    )

    run = _post(admin, f"{BASE}/pools/{pool.pk}/rounds")
    assert run.status_code == 201, run.content
    detail = run.json()
    (pair,) = detail["pairs"]
    assert (pair["first"]["name"], pair["second"]["name"]) == (
        two["ann"].full_name,
        two["max"].full_name,
    )
    assert (
        pair["reason_sentences"][0] == "Competencies to develop that the other offers: SEC-1 (+3)."
    )
    assert ann.get(f"{BASE}/pairs").json() == []  # not published yet
    with django_capture_on_commit_callbacks(execute=True):
        published = _post(admin, f"{BASE}/rounds/{detail['id']}/publish")
    assert published.json()["status"] == "published"
    assert len(mail.outbox) == 2
    _error(_post(admin, f"{BASE}/rounds/{detail['id']}/publish"), 400, "already_published")
    assert [r["status"] for r in admin.get(f"{BASE}/pools/{pool.pk}/rounds").json()] == [
        "published"
    ]

    (mine,) = ann.get(f"{BASE}/pairs").json()
    assert (mine["my_role"], mine["partner_name"], mine["status"]) == (
        "mentee",
        two["max"].full_name,
        "proposed",
    )
    assert _post(ann, f"{BASE}/pairs/{mine['id']}/accept").json()["i_accepted"] is True
    active = _post(max_, f"{BASE}/pairs/{mine['id']}/accept").json()
    assert (active["status"], active["partner_accepted"]) == ("active", True)
    noted = _post(ann, f"{BASE}/pairs/{mine['id']}/check-ins", {"note": "Met for coffee"})
    assert noted.status_code == 201 and noted.json()["note"] == "Met for coffee"
    assert [c["note"] for c in max_.get(f"{BASE}/pairs/{mine['id']}").json()["check_ins"]] == [
        "Met for coffee"
    ]
    ended = _post(max_, f"{BASE}/pairs/{mine['id']}/end", {"reason": "Parental leave"})
    assert (ended.json()["status"], ended.json()["end_reason"]) == ("ended", "Parental leave")


def test_another_members_pair_and_tampered_ids_are_not_found(
    cast: dict[str, Any], pool: Pool, two: dict[str, Member]
) -> None:
    join(two["ann"], pool, "mentee")
    join(two["max"], pool, "mentor")
    admin = _client(cast["admin"].user)
    round_id = _post(admin, f"{BASE}/pools/{pool.pk}/rounds").json()["id"]
    _post(admin, f"{BASE}/rounds/{round_id}/publish")
    pair = Pair.objects.get()
    stranger = _client(cast["member"].user)
    for url in (
        f"{BASE}/pairs/{pair.pk}/accept",
        f"{BASE}/pairs/{pair.pk}/decline",
        f"{BASE}/pairs/{pair.pk + 1}/accept",
        f"{BASE}/pairs/99999999999999999999/accept",
    ):
        response = _post(stranger, url, {"reason": "x"})
        assert response.status_code in (404, 422), url
        assert set(response.json()) == {"code", "message", "fields"}
    _error(stranger.get(f"{BASE}/pairs/{pair.pk}"), 404, "not_found")
    _error(_post(admin, f"{BASE}/pairs/{pair.pk}/accept"), 404, "not_found")
    membership = PoolMembership.objects.get(member=two["ann"])
    _error(stranger.get(f"{BASE}/memberships/{membership.pk}"), 404, "not_found")
    _error(stranger.delete(f"{BASE}/memberships/{membership.pk}"), 404, "not_found")
    _error(stranger.get(f"{BASE}/rounds/{round_id}"), 404, "not_found")
    _error(_post(stranger, f"{BASE}/pools/{pool.pk}/rounds"), 404, "not_found")
    _error(_client(cast["coordinator"].user).get(f"{BASE}/rounds/{round_id}"), 404, "not_found")
    pair.refresh_from_db()
    assert (pair.status, pair.first_accepted_at, pair.second_accepted_at) == (
        PairStatus.PROPOSED,
        None,
        None,
    )
    assert PoolMembership.objects.get(pk=membership.pk).is_active is True


def test_another_communitys_pool_and_unknown_competencies_are_refused(
    cast: dict[str, Any], pool: Pool, it_community: Community
) -> None:
    elsewhere = make_pool(cast["platform"], it_community)
    member = _client(cast["member"].user)
    assert [p["id"] for p in member.get(f"{BASE}/pools").json()] == [pool.pk]
    _error(
        _post(member, f"{BASE}/pools/{elsewhere.pk}/memberships", {"side": "mentee"}),
        404,
        "not_found",
    )
    body = _error(
        _post(
            member,
            f"{BASE}/pools/{pool.pk}/memberships",
            {"side": "mentee", "wants": ["DATA-1", "XX-9", "AA-1"], "formats": ["fax"]},
        ),
        400,
        "invalid_preferences",
    )
    assert body["fields"] == {
        "wants": ["Not competencies of the community's current framework: AA-1, XX-9."],
        "formats": ["Unknown formats: fax."],
    }
    assert not PoolMembership.objects.exists()


def test_bad_input_is_a_4xx_json_error_never_a_500(
    cast: dict[str, Any], pool: Pool, two: dict[str, Member]
) -> None:
    member = _client(two["ann"].user)
    admin = _client(cast["admin"].user)
    url = f"{BASE}/pools/{pool.pk}/memberships"
    bodies: tuple[Any, ...] = (
        {"side": 3},
        {"side": "mentee", "wants": "DATA-1"},
        {"side": "mentee", "avoid": ["x"]},
        {"side": "mentee", "avoid": [2**70]},
        {"side": "mentee", "capacity": "lots"},
        [1, 2],
    )
    for body in bodies:
        response = _post(member, url, body)
        assert 400 <= response.status_code < 500, (body, response.content)
        assert set(response.json()) == {"code", "message", "fields"}
    assert not PoolMembership.objects.exists()
    bad_pool = _post(
        admin,
        f"{BASE}/pools",
        {
            "community": "im",
            "kind": "pairs",
            "name_en": "",
            "name_fr": "x",
            "min_gap": 3,
            "max_gap": 2,
        },
    )
    fields = _error(bad_pool, 400, "invalid")["fields"]
    assert {"kind", "name_en", "max_gap"} <= set(fields)
    _error(
        _post(
            admin,
            f"{BASE}/pools",
            {"community": "nope", "kind": "buddy", "name_en": "a", "name_fr": "b"},
        ),
        404,
        "not_found",
    )
    assert Pool.objects.count() == 1
    round_id = _post(admin, f"{BASE}/pools/{pool.pk}/rounds").json()["id"]
    attempts: tuple[tuple[str, dict[str, Any]], ...] = (
        ("approve", {"pair_ids": [0]}),
        ("approve", {"pair_ids": "all"}),
        ("swap", {"pair_ids": [1], "member_ids": [1, 2]}),
        ("exclude", {"pair_id": 2**80}),
        ("exclude", {}),
    )
    for path, body in attempts:
        response = _post(admin, f"{BASE}/rounds/{round_id}/{path}", body)
        assert 400 <= response.status_code < 500, (path, body, response.content)
    _error(_post(admin, f"{BASE}/rounds/abc/publish"), 422, "invalid_input")
    assert Round.objects.get().status == "proposed"


def test_the_report_hides_small_groups(
    cast: dict[str, Any], pool: Pool, two: dict[str, Member]
) -> None:
    join(two["ann"], pool, "mentee")
    join(two["max"], pool, "mentor")
    admin = _client(cast["admin"].user)
    round_id = _post(admin, f"{BASE}/pools/{pool.pk}/rounds").json()["id"]
    _post(admin, f"{BASE}/rounds/{round_id}/publish")
    report = _client(cast["coordinator"].user).get(f"{BASE}/pools/{pool.pk}/report")
    assert report.status_code == 200, report.content
    body = report.json()
    hidden = {"suppressed": True}
    assert body["threshold"] == 10
    assert body["people_in_pairs"] == hidden
    assert body["by_region"] == {"ncr": hidden}
    assert [row["department"] for row in body["by_department"]] == ["cra", "esdc"]
    assert all(row["total"] == hidden for row in body["by_department"])
    assert (body["accepted"], body["declined"], body["acceptance_rate"]) == (0, 0, None)
    _error(_client(two["ann"].user).get(f"{BASE}/pools/{pool.pk}/report"), 404, "not_found")


DOCUMENT = json.loads((Path(settings.BASE_DIR) / "openapi" / "schema.json").read_text())


def _described(response: Any, path: str) -> None:
    assert response.status_code == 200, response.content
    schema = DOCUMENT["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    validator = Draft202012Validator({**schema["schema"], "components": DOCUMENT["components"]})
    assert list(validator.iter_errors(response.json())) == []


def test_the_answers_are_what_the_openapi_document_says(
    cast: dict[str, Any], pool: Pool, two: dict[str, Member]
) -> None:
    join(two["ann"], pool, "mentee", wants=["DATA-1"])
    join(two["max"], pool, "mentor", offers=["DATA-1"])
    join(cast["member"], pool, "mentee", languages=["fr"])  # unmatched: no French mentor
    admin = _client(cast["admin"].user)
    round_id = _post(admin, f"{BASE}/pools/{pool.pk}/rounds").json()["id"]
    _post(admin, f"{BASE}/rounds/{round_id}/publish")
    ann = _client(two["ann"].user)
    pair_id = ann.get(f"{BASE}/pairs").json()[0]["id"]
    root = "/api/v1/mentoring"
    _described(ann.get(f"{BASE}/pools"), f"{root}/pools")
    _described(ann.get(f"{BASE}/memberships"), f"{root}/memberships")
    _described(ann.get(f"{BASE}/pairs"), f"{root}/pairs")
    _described(ann.get(f"{BASE}/pairs/{pair_id}"), f"{root}/pairs/{{pair_id}}")
    _described(admin.get(f"{BASE}/pools/{pool.pk}/rounds"), f"{root}/pools/{{pool_id}}/rounds")
    _described(admin.get(f"{BASE}/rounds/{round_id}"), f"{root}/rounds/{{round_id}}")
    _described(admin.get(f"{BASE}/pools/{pool.pk}/report"), f"{root}/pools/{{pool_id}}/report")
