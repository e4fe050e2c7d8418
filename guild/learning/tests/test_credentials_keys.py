"""The issuer key: read from GUILD_ISSUER_KEY, generated once for development only, refused
with a reason when unusable; and its public half published as a JWK Set."""

import json
import stat
from pathlib import Path
from typing import Any

import jwt as pyjwt
import pytest
from django.test import RequestFactory, override_settings
from joserfc.jwk import OKPKey, RSAKey

from guild.learning.credentials import keys
from guild.learning.credentials.keys import (
    IssuerKeyError,
    issuer_key,
    jwks_document,
    load_issuer_key,
    parse_issuer_key,
    public_jwk,
)
from guild.learning.credentials.views import issuer_jwks

RFC8037_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
RFC8037_KEY: dict[str, str | list[str]] = {
    "kty": "OKP",
    "crv": "Ed25519",
    "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
    "x": RFC8037_X,
}
JWKS_URL = "https://guild.example.ca/.well-known/jwks.json"


@pytest.fixture(autouse=True)
def _fresh_key_cache() -> object:
    issuer_key.cache_clear()
    yield
    issuer_key.cache_clear()


def test_a_configured_key_is_used_as_given(tmp_path: Path) -> None:
    key = load_issuer_key(
        configured=json.dumps(RFC8037_KEY), key_file=tmp_path / "k.jwk", may_generate=False
    )
    assert key.as_dict(private=True) == RFC8037_KEY
    assert not (tmp_path / "k.jwk").exists()


def test_development_generates_one_private_key_and_keeps_it(tmp_path: Path) -> None:
    key_file = tmp_path / "var" / "issuer-key.jwk"
    first = load_issuer_key(configured="", key_file=key_file, may_generate=True)
    second = load_issuer_key(configured="", key_file=key_file, may_generate=True)
    assert first.as_dict(private=True) == second.as_dict(private=True)
    assert json.loads(key_file.read_text())["d"] == first.as_dict(private=True)["d"]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_production_never_generates_a_key(tmp_path: Path) -> None:
    with pytest.raises(IssuerKeyError) as raised:
        load_issuer_key(configured="  ", key_file=tmp_path / "k.jwk", may_generate=False)
    assert str(raised.value) == (
        "Set GUILD_ISSUER_KEY to the issuer's Ed25519 private JWK: production never "
        "generates its own signing key."
    )
    assert not (tmp_path / "k.jwk").exists()


PUBLIC_ONLY = {name: value for name, value in RFC8037_KEY.items() if name != "d"}
RSA = RSAKey.generate_key(2048, private=True).as_dict(private=True)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "{not json",
            "GUILD_ISSUER_KEY is not JSON: Expecting property name enclosed in double quotes.",
        ),
        ("[1, 2]", "GUILD_ISSUER_KEY must be a JSON object (a JWK)."),
        (
            json.dumps(RSA),
            "GUILD_ISSUER_KEY must be an Ed25519 key (kty OKP, crv Ed25519), "
            "not kty 'RSA', crv None.",
        ),
        (
            json.dumps({**RFC8037_KEY, "crv": "X25519"}),
            "GUILD_ISSUER_KEY must be an Ed25519 key (kty OKP, crv Ed25519), "
            "not kty 'OKP', crv 'X25519'.",
        ),
        (
            json.dumps(PUBLIC_ONLY),
            "GUILD_ISSUER_KEY is a public key; the issuer needs the private key (d).",
        ),
        (
            json.dumps({**RFC8037_KEY, "d": "c2hvcnQ"}),
            "GUILD_ISSUER_KEY is not a valid Ed25519 key: An Ed25519 private key is 32 bytes long.",
        ),
    ],
    ids=["not json", "not an object", "rsa", "x25519", "public only", "short private key"],
)
def test_an_unusable_key_is_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(IssuerKeyError) as raised:
        parse_issuer_key(text)
    assert str(raised.value) == message


def test_a_broken_key_file_names_the_file(tmp_path: Path) -> None:
    key_file = tmp_path / "issuer-key.jwk"
    key_file.write_text("[]")
    with pytest.raises(IssuerKeyError) as raised:
        load_issuer_key(configured="", key_file=key_file, may_generate=True)
    assert str(raised.value) == f"{key_file} must be a JSON object (a JWK)."


def test_the_setting_wins_and_is_read_once(tmp_path: Path) -> None:
    with override_settings(
        GUILD_ISSUER_KEY=json.dumps(RFC8037_KEY), GUILD_ISSUER_KEY_FILE=tmp_path / "k.jwk"
    ):
        assert issuer_key().as_dict(private=True) == RFC8037_KEY
        assert issuer_key() is issuer_key()
    assert not (tmp_path / "k.jwk").exists()


def test_without_a_setting_development_uses_the_key_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GUILD_ISSUER_KEY", raising=False)
    with override_settings(GUILD_ISSUER_KEY="", GUILD_ISSUER_KEY_FILE=tmp_path / "k.jwk"):
        generated = issuer_key()
    assert json.loads((tmp_path / "k.jwk").read_text()) == generated.as_dict(private=True)


@pytest.mark.parametrize(
    "overrides",
    [{"GUILD_ISSUER_KEY_REQUIRED": True}, {"SETTINGS_MODULE": keys.PRODUCTION_SETTINGS}],
    ids=["required", "production settings"],
)
def test_without_a_setting_production_refuses_to_start_signing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, overrides: dict[str, object]
) -> None:
    monkeypatch.delenv("GUILD_ISSUER_KEY", raising=False)
    with (
        override_settings(
            GUILD_ISSUER_KEY="", GUILD_ISSUER_KEY_FILE=tmp_path / "k.jwk", **overrides
        ),
        pytest.raises(IssuerKeyError),
    ):
        issuer_key()
    assert not (tmp_path / "k.jwk").exists()


def test_the_published_key_set_holds_the_public_half_only() -> None:
    key = OKPKey.import_key(RFC8037_KEY)
    document = jwks_document([key], JWKS_URL)
    assert document == {
        "keys": [
            {
                "kty": "OKP",
                "crv": "Ed25519",
                "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
                "kid": f"{JWKS_URL}#kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k",
                "alg": "EdDSA",
                "use": "sig",
            }
        ]
    }
    assert public_jwk(key, JWKS_URL) == document["keys"][0]
    # PyJWT reads the set as published.
    assert pyjwt.PyJWKSet.from_dict(document).keys[0].key_id == document["keys"][0]["kid"]


def test_the_key_set_is_served_as_json(tmp_path: Path) -> None:
    request = RequestFactory().get("/.well-known/jwks.json")
    with override_settings(
        GUILD_ISSUER_KEY=json.dumps(RFC8037_KEY),
        GUILD_ISSUER_KEY_FILE=tmp_path / "k.jwk",
        GUILD_PUBLIC_URL="http://testserver",
    ):
        response = issuer_jwks(request)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jwk-set+json"
    assert response["Cache-Control"] == "public, max-age=3600"
    assert json.loads(response.content) == jwks_document(
        [OKPKey.import_key(RFC8037_KEY)], "http://testserver/.well-known/jwks.json"
    )
    assert issuer_jwks(RequestFactory().post("/.well-known/jwks.json")).status_code == 405


def test_the_key_set_is_at_its_well_known_address(client: Any, tmp_path: Path) -> None:
    with override_settings(
        GUILD_ISSUER_KEY=json.dumps(RFC8037_KEY),
        GUILD_ISSUER_KEY_FILE=tmp_path / "k.jwk",
        GUILD_PUBLIC_URL="https://guild.example.ca/",
    ):
        response = client.get("/.well-known/jwks.json")
    assert response.status_code == 200
    # The key id is the one credentials carry: at the public address, whatever the request's.
    assert json.loads(response.content) == jwks_document(
        [OKPKey.import_key(RFC8037_KEY)], "https://guild.example.ca/.well-known/jwks.json"
    )
