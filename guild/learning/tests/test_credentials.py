"""Open Badges 3.0 credentials: the exact credential, valid against 1EdTech's own schema,
signed as a VC-JWT that an independent JOSE library (PyJWT) verifies too, and every kind of
tampering refused by both, with our verifier saying why."""

import base64
import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import jwt as pyjwt
import pytest
from joserfc import jws
from joserfc.jwk import OKPKey
from jsonschema import Draft201909Validator

from guild.learning.credentials.keys import jwks_document, key_id, public_jwk
from guild.learning.credentials.openbadges import (
    Achievement,
    Holder,
    Issuer,
    build_credential,
    credential_datetime,
    email_identity_hash,
)
from guild.learning.credentials.signing import (
    REGISTRY,
    Rejected,
    Verified,
    sign_credential,
    verify,
)

OUTSIDE = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "outside" / "openbadges"
SCHEMA = json.loads((OUTSIDE / "ob_v3p0_achievementcredential_schema.json").read_text())
VALIDATOR = Draft201909Validator(SCHEMA, format_checker=Draft201909Validator.FORMAT_CHECKER)

# RFC 8037, appendix A.1: an Ed25519 key published with its thumbprint (A.3) and a signature (A.4).
RFC8037_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
RFC8037_KEY: dict[str, str | list[str]] = {
    "kty": "OKP",
    "crv": "Ed25519",
    "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
    "x": RFC8037_X,
}
RFC8037_THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
KEY = OKPKey.import_key(RFC8037_KEY)
JWKS_URL = "https://guild.example.ca/.well-known/jwks.json"
KID = f"{JWKS_URL}#{RFC8037_THUMBPRINT}"
PUBLIC = public_jwk(KEY, JWKS_URL)

ISSUER = Issuer(
    id="https://guild.example.ca/issuer",
    name_en="Guild",
    name_fr="Guilde",
    url="https://guild.example.ca/",
    email="certificates@guild.example.ca",
)
HOLDER = Holder(
    subject_id="urn:uuid:7d1c2c1e-3f5b-4a57-9b0e-2f4a8d6c9e10",
    name="Marie-Ève Tremblay",
    email="Marie-Eve.Tremblay@Example.gc.ca ",
    email_salt="c0ffee",
)
ACHIEVEMENT = Achievement(
    id_en="https://guild.example.ca/en/learning/certificates/im/",
    id_fr="https://guild.example.ca/fr/learning/certificates/im/",
    name_en="IM Certificate",
    name_fr="Certificat en GI",
    description_en="Information management for the public service.",
    description_fr="La gestion de l'information dans la fonction publique.",
    criteria_en="Four core courses and two electives.",
    criteria_fr="Quatre cours de base et deux cours au choix.",
)
START = datetime(2026, 1, 5, 14, 30, 15, 999_000, tzinfo=UTC)
END = datetime(2031, 1, 5, 14, 30, 15, tzinfo=UTC)
NOW = datetime(2026, 6, 1, tzinfo=UTC)
STATUS = "https://guild.example.ca/verify/K7Q2-MX4P"
EMAIL_HASH = "sha256$" + hashlib.sha256(b"marie-eve.tremblay@example.gc.cac0ffee").hexdigest()


def credential(**changes: Any) -> dict[str, Any]:
    arguments: dict[str, Any] = {
        "credential_id": "urn:uuid:0b6a7f7e-5d0c-4c84-8e52-1f0d6f4b9a21",
        "issuer": ISSUER,
        "holder": HOLDER,
        "achievement": ACHIEVEMENT,
        "language": "fr",
        "valid_from": START,
        "valid_until": END,
        "status_url": STATUS,
    }
    return build_credential(**{**arguments, **changes})


def token(**changes: Any) -> str:
    return sign_credential(credential(**changes), KEY, kid=KID)


def b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def unb64(part: str) -> Any:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def independent(signed: str, key: Any = None) -> dict[str, Any]:
    """PyJWT, not joserfc: checks the signature, the issuer and the end date on its own."""
    return pyjwt.decode(
        signed,
        key or pyjwt.PyJWK(PUBLIC).key,
        algorithms=["EdDSA"],
        issuer=ISSUER.id,
        options={"require": ["iss", "jti", "sub", "nbf"], "verify_nbf": False},
    )


def test_the_credential_is_exactly_what_open_badges_3_expects() -> None:
    assert credential() == {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:0b6a7f7e-5d0c-4c84-8e52-1f0d6f4b9a21",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Certificat en GI / IM Certificate",
        "description": "La gestion de l'information dans la fonction publique.\n\n"
        "Information management for the public service.",
        "issuer": {
            "id": "https://guild.example.ca/issuer",
            "type": ["Profile"],
            "name": "Guilde / Guild",
            "url": "https://guild.example.ca/",
            "email": "certificates@guild.example.ca",
        },
        "validFrom": "2026-01-05T14:30:15Z",
        "awardedDate": "2026-01-05T14:30:15Z",
        "validUntil": "2031-01-05T14:30:15Z",
        "credentialSubject": {
            "id": "urn:uuid:7d1c2c1e-3f5b-4a57-9b0e-2f4a8d6c9e10",
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": "Marie-Ève Tremblay",
                },
                {
                    "type": "IdentityObject",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "identityHash": EMAIL_HASH,
                    "salt": "c0ffee",
                },
            ],
            "achievement": {
                "id": "https://guild.example.ca/fr/learning/certificates/im/",
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": "Certificat en GI",
                "description": "La gestion de l'information dans la fonction publique.",
                "criteria": {"narrative": "Quatre cours de base et deux cours au choix."},
                "inLanguage": "fr",
                "related": [
                    {
                        "id": "https://guild.example.ca/en/learning/certificates/im/",
                        "type": ["Related"],
                        "inLanguage": "en",
                    }
                ],
            },
        },
        "credentialSchema": [
            {
                "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
                "ob_v3p0_achievementcredential_schema.json",
                "type": "1EdTechJsonSchemaValidator2019",
            }
        ],
        "credentialStatus": {
            "id": "https://guild.example.ca/verify/K7Q2-MX4P",
            "type": "1EdTechRevocationList",
        },
    }


def test_an_english_certificate_leads_with_english_and_links_the_french_edition() -> None:
    built = credential(language="en", valid_until=None, holder=Holder("urn:uuid:1", "Jo Lee"))
    achievement = built["credentialSubject"]["achievement"]
    assert (built["name"], built["issuer"]["name"]) == (
        "IM Certificate / Certificat en GI",
        "Guild / Guilde",
    )
    assert (achievement["name"], achievement["inLanguage"], achievement["related"]) == (
        "IM Certificate",
        "en",
        [{"id": ACHIEVEMENT.id_fr, "type": ["Related"], "inLanguage": "fr"}],
    )
    assert "validUntil" not in built
    assert built["credentialSubject"]["identifier"] == [
        {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": "Jo Lee",
        }
    ]


VARIANTS = {
    "fr, dated, e-mail": {},
    "en, dated, e-mail": {"language": "en"},
    "fr, open-ended": {"valid_until": None},
    "en, name only": {"language": "en", "holder": Holder("urn:uuid:1", "Jo Lee")},
}


@pytest.mark.parametrize("changes", VARIANTS.values(), ids=VARIANTS.keys())
def test_every_credential_and_signed_payload_is_valid_against_the_1edtech_schema(
    changes: dict[str, Any],
) -> None:
    built = credential(**changes)
    assert sorted(error.message for error in VALIDATOR.iter_errors(built)) == []
    payload = independent(sign_credential(built, KEY, kid=KID))
    assert sorted(error.message for error in VALIDATOR.iter_errors(payload)) == []


def test_the_schema_copy_accepts_1edtech_examples_and_refuses_their_broken_ones() -> None:
    for name in ("simple.json", "complete.json"):
        example = json.loads((OUTSIDE / "examples" / name).read_text())
        assert list(VALIDATOR.iter_errors(example)) == [], name
    broken = {
        "simple-err-type.json": ["type"],
        "simple-err-issuer-type.json": ["issuer"],
        "simple-err-credential-subject-type.json": ["credentialSubject", "type"],
        "simple-err-credential-subject-identifier-type.json": [
            "credentialSubject",
            "identifier",
            0,
            "type",
        ],
    }
    for name, path in broken.items():
        example = json.loads((OUTSIDE / "examples" / name).read_text())
        assert path in [list(error.absolute_path) for error in VALIDATOR.iter_errors(example)]


def test_the_schema_refuses_a_credential_whose_required_parts_are_removed() -> None:
    built = credential()
    del built["credentialSubject"]["achievement"]["criteria"]
    built["validFrom"] = "5 January 2026"
    assert sorted(error.message for error in VALIDATOR.iter_errors(built)) == [
        "'5 January 2026' is not a 'date-time'",
        "'criteria' is a required property",
    ]


def test_the_e_mail_is_hashed_with_its_salt_whatever_its_case() -> None:
    assert email_identity_hash(" Marie-Eve.Tremblay@EXAMPLE.gc.ca", "c0ffee") == EMAIL_HASH
    assert email_identity_hash("marie-eve.tremblay@example.gc.ca", "other") != EMAIL_HASH


def test_dates_are_utc_to_the_second() -> None:
    eastern = datetime(2026, 1, 5, 9, 30, 15, 500_000, tzinfo=timezone(timedelta(hours=-5)))
    assert credential_datetime(eastern) == "2026-01-05T14:30:15Z"
    with pytest.raises(ValueError, match="timezone-aware"):
        credential_datetime(datetime(2026, 1, 5))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"language": "de"}, "Unknown language 'de'."),
        ({"valid_until": START}, "A credential must end after it starts."),
        ({"holder": Holder("urn:uuid:1", "Jo", "jo@example.ca")}, "A hashed e-mail needs a salt."),
    ],
)
def test_a_credential_cannot_be_built_from_bad_data(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError) as raised:
        credential(**changes)
    assert str(raised.value) == message


def test_the_signature_matches_rfc_8037s_published_example() -> None:
    # Ed25519 is deterministic: the library must give the RFC's exact signature.
    assert jws.serialize_compact(
        {"alg": "EdDSA"}, b"Example of Ed25519 signing", KEY, registry=REGISTRY
    ) == (
        "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09P"
        "GcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
    )
    assert key_id(KEY, JWKS_URL) == KID


def test_the_token_carries_the_credential_and_its_jwt_claims() -> None:
    signed = token()
    header, payload, _signature = signed.split(".")
    assert unb64(header) == {"alg": "EdDSA", "kid": KID, "typ": "JWT"}
    assert unb64(payload) == {
        **credential(),
        "iss": "https://guild.example.ca/issuer",
        "jti": "urn:uuid:0b6a7f7e-5d0c-4c84-8e52-1f0d6f4b9a21",
        "sub": "urn:uuid:7d1c2c1e-3f5b-4a57-9b0e-2f4a8d6c9e10",
        "nbf": 1767623415,
        "exp": 1925389815,
    }
    assert datetime.fromtimestamp(1767623415, UTC) == START.replace(microsecond=0)
    assert datetime.fromtimestamp(1925389815, UTC) == END


def test_our_verifier_and_an_independent_one_both_accept_the_token() -> None:
    signed = token()
    result = verify(signed, PUBLIC, now=NOW)
    assert isinstance(result, Verified)
    assert result.credential == unb64(signed.split(".")[1])
    assert result.status_url == STATUS
    assert independent(signed) == result.credential
    # A verifier that only has the published key set finds the key by its kid.
    published = pyjwt.PyJWKSet.from_dict(jwks_document([KEY], JWKS_URL))
    assert independent(signed, published[unb64(signed.split(".")[0])["kid"]].key) == (
        result.credential
    )


def tampered(signed: str, change: Any) -> str:
    header, payload, signature = signed.split(".")
    claims = unb64(payload)
    change(claims)
    return ".".join([header, b64(claims), signature])


TAMPERING = {
    "holder's name": lambda c: c["credentialSubject"]["identifier"][0].update(
        identityHash="Someone Else"
    ),
    "achievement's name": lambda c: c["credentialSubject"]["achievement"].update(
        name="Certificat de maîtrise"
    ),
    "start date": lambda c: c.update(validFrom="2020-01-05T14:30:15Z", nbf=1578234615),
    "end date": lambda c: c.update(validUntil="2099-01-05T14:30:15Z", exp=4071047415),
    "end date removed": lambda c: [c.pop("validUntil"), c.pop("exp")],
    "status": lambda c: c["credentialStatus"].update(id="https://elsewhere.example/ok"),
}


@pytest.mark.parametrize("change", TAMPERING.values(), ids=TAMPERING.keys())
def test_a_changed_credential_is_refused_by_both_verifiers_with_the_reason(change: Any) -> None:
    forged = tampered(token(), change)
    result = verify(forged, PUBLIC, now=NOW)
    assert result == Rejected("bad_signature")
    assert isinstance(result, Rejected)
    assert result.message == (
        "The signature does not match the credential: it was changed after it was signed, "
        "or someone else signed it."
    )
    with pytest.raises(pyjwt.InvalidSignatureError):
        independent(forged)


def test_a_changed_signature_is_refused_by_both() -> None:
    header, payload, signature = token().split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    forged = ".".join([header, payload, flipped])
    assert verify(forged, PUBLIC, now=NOW) == Rejected("bad_signature")
    with pytest.raises(pyjwt.InvalidSignatureError):
        independent(forged)


def test_a_credential_signed_by_another_key_is_refused_by_both() -> None:
    other = OKPKey.generate_key("Ed25519", private=True)
    forged = sign_credential(credential(), other, kid=KID)
    assert verify(forged, PUBLIC, now=NOW) == Rejected("bad_signature")
    with pytest.raises(pyjwt.InvalidSignatureError):
        independent(forged)
    # A key carried in the token itself is never taken as the issuer's.
    carried = resigned_by(other, {"alg": "EdDSA", "kid": KID, "jwk": other.as_dict()})
    assert verify(carried, PUBLIC, now=NOW) == Rejected("bad_signature")
    named = sign_credential(credential(), other, kid=key_id(other, JWKS_URL))
    result = verify(named, PUBLIC, now=NOW)
    assert result == Rejected("unknown_key")
    assert isinstance(result, Rejected)
    assert result.message == "The credential was signed with a key this platform did not publish."


def test_an_unsigned_token_is_refused_by_both() -> None:
    _header, payload, _signature = token().split(".")
    unsigned = f"{b64({'alg': 'none', 'typ': 'JWT'})}.{payload}."
    result = verify(unsigned, PUBLIC, now=NOW)
    assert result == Rejected("unsupported_algorithm", {"alg": "none"})
    assert isinstance(result, Rejected)
    assert result.message == (
        "The credential is signed with “none”; only EdDSA signatures are accepted."
    )
    with pytest.raises(pyjwt.InvalidAlgorithmError):
        independent(unsigned)


def test_a_token_signed_with_the_public_key_as_an_hmac_secret_is_refused_by_both() -> None:
    secret = base64.urlsafe_b64decode(RFC8037_X + "=")
    forged = pyjwt.encode(unb64(token().split(".")[1]), secret, algorithm="HS256")
    assert verify(forged, PUBLIC, now=NOW) == Rejected("unsupported_algorithm", {"alg": "HS256"})
    with pytest.raises(pyjwt.InvalidAlgorithmError):
        independent(forged)


def resigned(claims_change: Any, header: dict[str, Any] | None = None) -> str:
    """Signed with the real key but inconsistent: what a bug, not a forger, would make."""
    claims = unb64(token().split(".")[1])
    claims_change(claims)
    protected = header or {"alg": "EdDSA", "kid": KID, "typ": "JWT"}
    return str(jws.serialize_compact(protected, json.dumps(claims), KEY, registry=REGISTRY))


def resigned_by(key: OKPKey, header: dict[str, Any]) -> str:
    claims = json.dumps(unb64(token().split(".")[1]))
    return str(jws.serialize_compact(header, claims, key, registry=REGISTRY))


MISMATCHES = {
    "start date moved": (lambda c: c.update(nbf=c["nbf"] - 86400), "nbf", "start date"),
    "end date dropped": (lambda c: c.pop("exp"), "exp", "end date"),
    "another holder": (lambda c: c.update(sub="urn:uuid:someone-else"), "sub", "holder"),
    "another issuer": (lambda c: c.update(iss="https://elsewhere.example/"), "iss", "issuer"),
    "another id": (lambda c: c.update(jti="urn:uuid:other"), "jti", "identifier"),
    "unreadable date": (lambda c: c.update(validFrom="not a date"), "nbf", "start date"),
}


@pytest.mark.parametrize(("change", "claim", "field"), MISMATCHES.values(), ids=MISMATCHES.keys())
def test_claims_that_disagree_with_the_credential_are_refused(
    change: Any, claim: str, field: str
) -> None:
    result = verify(resigned(change), PUBLIC, now=NOW)
    assert result == Rejected("claims_mismatch", {"claim": claim})
    assert isinstance(result, Rejected)
    assert result.message == f"The credential's {field} does not match its signed “{claim}” claim."


def test_a_token_that_is_not_an_open_badge_is_refused() -> None:
    forged = resigned(lambda c: c.update(type=["VerifiableCredential"]))
    result = verify(forged, PUBLIC, now=NOW)
    assert result == Rejected("not_open_badge")
    assert isinstance(result, Rejected)
    assert result.message == "This is not an Open Badges credential."


def test_headers_open_badges_forbids_are_refused() -> None:
    forged = resigned(
        lambda c: None, {"alg": "EdDSA", "kid": KID, "jku": "https://elsewhere.example/keys"}
    )
    result = verify(forged, PUBLIC, now=NOW)
    assert result == Rejected("unexpected_header", {"names": "jku"})
    assert isinstance(result, Rejected)
    assert result.message == (
        "The credential's signature header has fields Open Badges does not allow: jku."
    )


def test_a_credential_outside_its_dates_is_refused() -> None:
    signed = token()
    early = verify(signed, PUBLIC, now=datetime(2026, 1, 5, 14, 30, 14, tzinfo=UTC))
    assert early == Rejected("not_yet_valid", {"date": "2026-01-05"})
    assert isinstance(early, Rejected)
    assert early.message == "The credential is not valid before 2026-01-05."
    assert isinstance(
        verify(signed, PUBLIC, now=datetime(2026, 1, 5, 14, 30, 15, tzinfo=UTC)), Verified
    )
    late = verify(signed, PUBLIC, now=END)
    assert late == Rejected("expired", {"date": "2031-01-05"})
    assert isinstance(late, Rejected)
    assert late.message == "The credential expired on 2031-01-05."


@pytest.mark.parametrize(
    "text",
    ["", "not a token", "a.b.c", f"{b64({'alg': 'EdDSA', 'kid': KID})}.%%%.xyz", "W10.e30.e30"],
)
def test_unreadable_tokens_are_refused(text: str) -> None:
    result = verify(text, PUBLIC, now=NOW)
    assert result == Rejected("malformed")
    assert isinstance(result, Rejected)
    assert result.message == "This is not a signed credential: it could not be read."
