"""An Open Badges 3.0 `OpenBadgeCredential` (a W3C Verifiable Credential 2.0) built from
plain data: the issuer, the holder, the achievement in both official languages, the dates
and where its current status is shown."""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
OB_SCHEMA_TYPE = "1EdTechJsonSchemaValidator2019"
STATUS_TYPE = "1EdTechRevocationList"
LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class Issuer:
    """The platform as issuer: `id` is its public issuer URL (a Profile's id)."""

    id: str
    name_en: str
    name_fr: str
    url: str
    email: str = ""


@dataclass(frozen=True)
class Holder:
    """`subject_id` is a stable URI for the member (e.g. `urn:uuid:…`), never their e-mail.
    The e-mail only travels hashed with `email_salt`, so a verifier who is told the address
    can check it without the credential publishing it."""

    subject_id: str
    name: str
    email: str = ""
    email_salt: str = ""


@dataclass(frozen=True)
class Achievement:
    """What is certified. Each language edition has its own URI (the page in that language)."""

    id_en: str
    id_fr: str
    name_en: str
    name_fr: str
    description_en: str
    description_fr: str
    criteria_en: str
    criteria_fr: str
    achievement_type: str = "Certificate"


def _text(achievement: Achievement, field: str, language: str) -> str:
    return str(getattr(achievement, f"{field}_{language}"))


def _other(language: str) -> str:
    return "fr" if language == "en" else "en"


def credential_datetime(moment: datetime) -> str:
    """OB3's DateTimeZ in UTC, to the second: the JWT's `nbf`/`exp` are whole seconds and
    must equal `validFrom`/`validUntil` exactly."""
    if moment.tzinfo is None:
        raise ValueError("Credential dates must be timezone-aware.")
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def email_identity_hash(email: str, salt: str) -> str:
    """OB3's IdentityHash: `sha256$` and the hex digest of the identifier then the salt.
    Addresses are trimmed and lower-cased first, as a verifier comparing one would."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def _bilingual(first: str, second: str) -> str:
    return first if first == second else f"{first} / {second}"


def _identifiers(holder: Holder) -> list[dict[str, Any]]:
    identifiers: list[dict[str, Any]] = [
        {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": holder.name,
        }
    ]
    if holder.email:
        if not holder.email_salt:
            raise ValueError("A hashed e-mail needs a salt.")
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": True,
                "identityHash": email_identity_hash(holder.email, holder.email_salt),
                "salt": holder.email_salt,
            }
        )
    return identifiers


def build_credential(
    *,
    credential_id: str,
    issuer: Issuer,
    holder: Holder,
    achievement: Achievement,
    language: str,
    valid_from: datetime,
    valid_until: datetime | None,
    status_url: str,
) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential. `language` is the certificate's language: the
    achievement is given in it, with `inLanguage` and a `related` link to the edition in the
    other language; the credential's own name and description, and the issuer's name, carry
    both languages (OB3 text fields are plain strings, not language maps)."""
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language {language!r}.")
    if valid_until is not None and valid_until <= valid_from:
        raise ValueError("A credential must end after it starts.")
    other = _other(language)
    valid_from_text = credential_datetime(valid_from)
    credential: dict[str, Any] = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": _bilingual(_text(achievement, "name", language), _text(achievement, "name", other)),
        "description": "\n\n".join(
            [
                _text(achievement, "description", language),
                _text(achievement, "description", other),
            ]
        ),
        "issuer": {
            "id": issuer.id,
            "type": ["Profile"],
            "name": _bilingual(
                getattr(issuer, f"name_{language}"), getattr(issuer, f"name_{other}")
            ),
            "url": issuer.url,
            **({"email": issuer.email} if issuer.email else {}),
        },
        "validFrom": valid_from_text,
        "awardedDate": valid_from_text,
        "credentialSubject": {
            "id": holder.subject_id,
            "type": ["AchievementSubject"],
            "identifier": _identifiers(holder),
            "achievement": {
                "id": _text(achievement, "id", language),
                "type": ["Achievement"],
                "achievementType": achievement.achievement_type,
                "name": _text(achievement, "name", language),
                "description": _text(achievement, "description", language),
                "criteria": {"narrative": _text(achievement, "criteria", language)},
                "inLanguage": language,
                "related": [
                    {
                        "id": _text(achievement, "id", other),
                        "type": ["Related"],
                        "inLanguage": other,
                    }
                ],
            },
        },
        "credentialSchema": [{"id": OB_SCHEMA, "type": OB_SCHEMA_TYPE}],
        "credentialStatus": {"id": status_url, "type": STATUS_TYPE},
    }
    if valid_until is not None:
        credential["validUntil"] = credential_datetime(valid_until)
    return credential
