"""Sign an OpenBadgeCredential as a VC-JWT (a compact JWS, EdDSA over Ed25519) and verify
one, following Open Badges 3.0's "JSON Web Token Proof Format": the JWT payload is the
credential itself plus `iss`, `jti`, `sub`, `nbf` (and `exp`), which must agree with it."""

import base64
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.utils.translation import gettext_lazy as _
from joserfc import jwt
from joserfc.errors import BadSignatureError, JoseError
from joserfc.jwa import EdDSAAlgorithm
from joserfc.jwk import OKPKey
from joserfc.jws import JWSRegistry

from guild.learning.credentials.keys import ALGORITHM


class _EdDSA(EdDSAAlgorithm):
    # RFC 9864 prefers the name "Ed25519" to "EdDSA", and joserfc warns at every use; but
    # OB3 verifiers and other JOSE libraries (PyJWT among them) know only "EdDSA", and the
    # signature is the same. Our own registry says so once instead of warning each time.
    security_warning = ""


class _Registry(JWSRegistry):
    algorithms = {**JWSRegistry.algorithms, ALGORITHM: _EdDSA()}


REGISTRY = _Registry(algorithms=[ALGORITHM])

# OB3 allows these JOSE headers and no others; a `jwk` header is never trusted as the key.
ALLOWED_HEADERS = {"alg", "kid", "jwk", "typ"}

REASONS = {
    "malformed": _("This is not a signed credential: it could not be read."),
    "unsupported_algorithm": _(
        "The credential is signed with “%(alg)s”; only EdDSA signatures are accepted."
    ),
    "unexpected_header": _(
        "The credential's signature header has fields Open Badges does not allow: %(names)s."
    ),
    "unknown_key": _("The credential was signed with a key this platform did not publish."),
    "bad_signature": _(
        "The signature does not match the credential: it was changed after it was signed, "
        "or someone else signed it."
    ),
    "not_open_badge": _("This is not an Open Badges credential."),
    "not_yet_valid": _("The credential is not valid before %(date)s."),
    "expired": _("The credential expired on %(date)s."),
}


@dataclass(frozen=True)
class Verified:
    credential: dict[str, Any]
    header: dict[str, Any]

    @property
    def status_url(self) -> str:
        return str(self.credential.get("credentialStatus", {}).get("id", ""))


@dataclass(frozen=True)
class Rejected:
    """`code` is stable for machines; `message` is translated when it is read."""

    code: str
    params: dict[str, str] = field(default_factory=dict)

    @property
    def message(self) -> str:
        if self.code == "claims_mismatch":
            return str(MISMATCHES[self.params["claim"]])
        return str(REASONS[self.code]) % self.params


def _epoch(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


def _claims(credential: dict[str, Any]) -> dict[str, Any]:
    claims = {
        "iss": _issuer_id(credential),
        "jti": credential["id"],
        "sub": credential["credentialSubject"]["id"],
        "nbf": _epoch(credential["validFrom"]),
    }
    if "validUntil" in credential:
        claims["exp"] = _epoch(credential["validUntil"])
    return claims


def _issuer_id(credential: dict[str, Any]) -> Any:
    issuer = credential.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def sign_credential(credential: dict[str, Any], key: OKPKey, *, kid: str) -> str:
    """The credential as a compact JWS signed by the issuer's private key."""
    header = {"alg": ALGORITHM, "kid": kid, "typ": "JWT"}
    return jwt.encode(header, {**credential, **_claims(credential)}, key, registry=REGISTRY)


def _header(token: str) -> dict[str, Any] | None:
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        header = json.loads(base64.urlsafe_b64decode(parts[0] + "=" * (-len(parts[0]) % 4)))
    except ValueError:
        return None
    return header if isinstance(header, dict) else None


# Each claim and how to read, from the credential, the value it must repeat.
_CHECKS = (
    ("iss", lambda c: _issuer_id(c)),
    ("jti", lambda c: c.get("id")),
    ("sub", lambda c: (c.get("credentialSubject") or {}).get("id")),
    ("nbf", lambda c: _epoch(c["validFrom"]) if "validFrom" in c else None),
    ("exp", lambda c: _epoch(c["validUntil"]) if "validUntil" in c else None),
)
MISMATCHES = {
    "iss": _("The credential's issuer does not match its signed “iss” claim."),
    "jti": _("The credential's identifier does not match its signed “jti” claim."),
    "sub": _("The credential's holder does not match its signed “sub” claim."),
    "nbf": _("The credential's start date does not match its signed “nbf” claim."),
    "exp": _("The credential's end date does not match its signed “exp” claim."),
}


def _check_payload(payload: dict[str, Any], now: datetime) -> Rejected | None:
    types = payload.get("type")
    if not isinstance(types, list) or not {"VerifiableCredential", "OpenBadgeCredential"} <= set(
        types
    ):
        return Rejected("not_open_badge")
    for claim, read in _CHECKS:
        try:
            expected = read(payload)
        except (TypeError, ValueError):
            return Rejected("claims_mismatch", {"claim": claim})
        if payload.get(claim) != expected or (claim != "exp" and expected is None):
            return Rejected("claims_mismatch", {"claim": claim})
    if now.timestamp() < payload["nbf"]:
        return Rejected("not_yet_valid", {"date": payload["validFrom"][:10]})
    if "exp" in payload and now.timestamp() >= payload["exp"]:
        return Rejected("expired", {"date": payload["validUntil"][:10]})
    return None


def verify(
    token: str, public_jwk: dict[str, Any], *, now: datetime | None = None
) -> Verified | Rejected:
    """Whether `token` is an OpenBadgeCredential signed by the key `public_jwk` describes,
    intact, consistent with its JWT claims, and within its dates. The credential's live
    status (revoked, superseded) is the platform's to say at the status URL, not the token's."""
    header = _header(token.strip())
    if header is None:
        return Rejected("malformed")
    if header.get("alg") != ALGORITHM:
        return Rejected("unsupported_algorithm", {"alg": str(header.get("alg"))})
    extra = sorted(set(header) - ALLOWED_HEADERS)
    if extra or header.get("typ", "JWT") != "JWT":
        return Rejected("unexpected_header", {"names": ", ".join(extra) or "typ"})
    if "kid" in public_jwk and header.get("kid") != public_jwk["kid"]:
        return Rejected("unknown_key")
    public = {name: value for name, value in public_jwk.items() if name != "d"}
    key = OKPKey.import_key(public)
    try:
        decoded = jwt.decode(token.strip(), key, registry=REGISTRY)
    except BadSignatureError:
        return Rejected("bad_signature")
    except (JoseError, ValueError):
        return Rejected("malformed")
    rejection = _check_payload(decoded.claims, now or datetime.now(UTC))
    return rejection or Verified(credential=decoded.claims, header=decoded.header)
