"""Certification JSON API: my progress with its explanation (each item a stable code, its
parameters and the sentence), my certificates and their signed credentials, and the public
verification of a certificate by its code."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router, Schema
from ninja.responses import codes_4xx

from guild.core.api_errors import ErrorOut
from guild.core.bilingual import localize
from guild.core.errors import NotFound
from guild.learning.access import access_certificate
from guild.learning.credentials.signing import Rejected, verify
from guild.learning.models import Certificate
from guild.learning.rules.explanation import Param
from guild.learning.selectors.certificates import (
    certificate_by_code,
    credential_payload,
    member_certificates,
    member_programmes,
    member_progress,
)
from guild.learning.services.certificates import issuer_public_jwk, verify_url
from guild.members.access import own_member_id
from guild.members.models import Member

router = Router(tags=["certification"])


class ExplanationItem(Schema):
    code: str
    params: dict[str, Any]
    sentence: str


class RecommendationOut(Schema):
    course: str
    title: str
    reasons: list[str]


class ProgressOut(Schema):
    programme_id: int
    programme_code: str
    programme_name: str
    status: str
    met_on: datetime.date | None
    items: list[ExplanationItem]
    recommendations: list[RecommendationOut]


class CertificateOut(Schema):
    id: int
    code: str
    programme_code: str
    programme_name: str
    status: str
    issued_at: datetime.datetime
    valid_until: datetime.datetime | None
    verify_url: str


class CredentialOut(Schema):
    credential: dict[str, Any]
    jwt: str


class SignatureOut(Schema):
    valid: bool
    code: str
    message: str


class VerificationOut(Schema):
    holder: str
    programme_name_en: str
    programme_name_fr: str
    status: str
    issued_at: datetime.datetime
    valid_until: datetime.datetime | None
    revoked_at: datetime.datetime | None
    signature: SignatureOut


def _language(language: str) -> str:
    chosen = language or get_language() or "en"
    return "fr" if chosen.startswith("fr") else "en"


def _param(value: Param) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _own_member(request: HttpRequest) -> Member:
    member_id = own_member_id(request.user)
    member = Member.objects.filter(pk=member_id).first() if member_id is not None else None
    if member is None:
        raise NotFound()
    return member


@router.get(
    "/progress",
    response={200: list[ProgressOut], codes_4xx: ErrorOut},
    operation_id="certification_my_progress",
)
def my_progress(request: HttpRequest, language: str = "") -> list[ProgressOut]:
    """My progress in each certification of my communities, explained in `language` (en or
    fr; the request's language by default), with the courses that would help most."""
    member = _own_member(request)
    chosen = _language(language)
    found = []
    for programme in member_programmes(member):
        progress = member_progress(member, programme, chosen)
        found.append(
            ProgressOut(
                programme_id=programme.pk,
                programme_code=programme.code,
                programme_name=localize(programme, "name", chosen).text,
                status=str(progress.evaluation.status),
                met_on=progress.evaluation.met_on,
                items=[
                    ExplanationItem(
                        code=reason.code,
                        params={key: _param(value) for key, value in reason.params.items()},
                        sentence=text,
                    )
                    for reason, text in zip(progress.reasons, progress.sentences, strict=True)
                ],
                recommendations=[
                    RecommendationOut(course=code, title=title, reasons=why)
                    for code, title, why in progress.recommendations
                ],
            )
        )
    return found


def _certificate_out(certificate: Certificate, language: str) -> CertificateOut:
    return CertificateOut(
        id=certificate.pk,
        code=certificate.code,
        programme_code=certificate.programme.code,
        programme_name=localize(certificate.programme, "name", language).text,
        status=certificate.current_status,
        issued_at=certificate.issued_at,
        valid_until=certificate.valid_until,
        verify_url=verify_url(certificate.code, language),
    )


@router.get(
    "/certificates",
    response={200: list[CertificateOut], codes_4xx: ErrorOut},
    operation_id="certification_my_certificates",
)
def my_certificates(request: HttpRequest, language: str = "") -> list[CertificateOut]:
    """My certificates, newest first, with their current status."""
    chosen = _language(language)
    return [_certificate_out(c, chosen) for c in member_certificates(_own_member(request))]


@router.get(
    "/certificates/{certificate_id}/credential",
    response={200: CredentialOut, codes_4xx: ErrorOut},
    operation_id="certification_credential",
)
def credential(request: HttpRequest, certificate_id: int) -> CredentialOut:
    """The signed Open Badges 3.0 credential (VC-JWT) and the credential it carries."""
    certificate = access_certificate(request.user, certificate_id)
    return CredentialOut(credential=credential_payload(certificate.token), jwt=certificate.token)


@router.get(
    "/verify/{code}",
    response={200: VerificationOut, codes_4xx: ErrorOut},
    operation_id="certification_verify",
    auth=None,
)
def verify_certificate(request: HttpRequest, code: str) -> VerificationOut:
    """Public: a certificate's holder, dates and current status, and whether its signed
    credential is intact and signed by the platform's published key (and if not, why)."""
    certificate = certificate_by_code(code)
    if certificate is None:
        raise NotFound()
    result = verify(certificate.token, issuer_public_jwk())
    rejected = isinstance(result, Rejected)
    return VerificationOut(
        holder=str(certificate.snapshot.get("holder", "")),
        programme_name_en=certificate.programme.name_en,
        programme_name_fr=certificate.programme.name_fr,
        status=certificate.current_status,
        issued_at=certificate.issued_at,
        valid_until=certificate.valid_until,
        revoked_at=certificate.revoked_at,
        signature=SignatureOut(
            valid=not rejected,
            code=result.code if isinstance(result, Rejected) else "verified",
            message=result.message if isinstance(result, Rejected) else "",
        ),
    )
