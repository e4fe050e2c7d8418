"""The platform's issuer key: an Ed25519 private JWK. Production sets it in
`GUILD_ISSUER_KEY` (the JWK's JSON); development without it generates one once and keeps
it in `var/issuer-key.jwk`, so credentials signed yesterday still verify today."""

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from joserfc.jwk import OKPKey

ALGORITHM = "EdDSA"
PRODUCTION_SETTINGS = "config.settings.production"


class IssuerKeyError(Exception):
    """The issuer key is missing or unusable: a configuration error, shown to operators."""


def parse_issuer_key(text: str, *, source: str = "GUILD_ISSUER_KEY") -> OKPKey:
    """The private Ed25519 key in a JWK's JSON, or an IssuerKeyError saying what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise IssuerKeyError(f"{source} is not JSON: {error.msg}.") from None
    if not isinstance(data, dict):
        raise IssuerKeyError(f"{source} must be a JSON object (a JWK).")
    if data.get("kty") != "OKP" or data.get("crv") != "Ed25519":
        raise IssuerKeyError(
            f"{source} must be an Ed25519 key (kty OKP, crv Ed25519), "
            f"not kty {data.get('kty')!r}, crv {data.get('crv')!r}."
        )
    if "d" not in data:
        raise IssuerKeyError(f"{source} is a public key; the issuer needs the private key (d).")
    try:
        key = OKPKey.import_key(data)
    except ValueError as error:
        raise IssuerKeyError(f"{source} is not a valid Ed25519 key: {error}.") from None
    return key


def _write_new_key(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(OKPKey.generate_key("Ed25519", private=True).as_dict(private=True))
    try:
        # O_EXCL: two processes starting at once keep the first key, never half of each.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)


def load_issuer_key(*, configured: str, key_file: Path, may_generate: bool) -> OKPKey:
    """The configured key; else the development key file, created when allowed."""
    if configured.strip():
        return parse_issuer_key(configured)
    if not key_file.exists():
        if not may_generate:
            raise IssuerKeyError(
                "Set GUILD_ISSUER_KEY to the issuer's Ed25519 private JWK: production never "
                "generates its own signing key."
            )
        _write_new_key(key_file)
    return parse_issuer_key(key_file.read_text(encoding="utf-8"), source=str(key_file))


@cache
def issuer_key() -> OKPKey:
    """The platform's issuer key, from the settings (or the environment) once per process."""
    configured = getattr(settings, "GUILD_ISSUER_KEY", None) or os.environ.get(
        "GUILD_ISSUER_KEY", ""
    )
    key_file = Path(
        getattr(settings, "GUILD_ISSUER_KEY_FILE", None)
        or Path(settings.BASE_DIR) / "var" / "issuer-key.jwk"
    )
    may_generate = not getattr(settings, "GUILD_ISSUER_KEY_REQUIRED", False) and (
        getattr(settings, "SETTINGS_MODULE", "") != PRODUCTION_SETTINGS
    )
    return load_issuer_key(configured=configured, key_file=key_file, may_generate=may_generate)


def key_id(key: OKPKey, jwks_url: str) -> str:
    """OB3 wants `kid` to be a URI that dereferences to the key: the JWKS address and the
    key's RFC 7638 thumbprint, so a new key gets a new id."""
    return f"{jwks_url}#{key.thumbprint()}"


def public_jwk(key: OKPKey, jwks_url: str) -> dict[str, Any]:
    """The public half only (never `d`), labelled for verifiers."""
    public = {name: value for name, value in key.as_dict(private=False).items() if name != "d"}
    return {**public, "kid": key_id(key, jwks_url), "alg": ALGORITHM, "use": "sig"}


def jwks_document(keys: list[OKPKey], jwks_url: str) -> dict[str, Any]:
    """The JWK Set the platform publishes: the current key first, then retired keys that
    still verify credentials issued before a rotation."""
    return {"keys": [public_jwk(key, jwks_url) for key in keys]}
