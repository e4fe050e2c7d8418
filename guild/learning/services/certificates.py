"""Every write of certification: a programme and its rules (checked against the community's
catalogue and framework), a certificate issued automatically when the rules are met or by an
administrator with a reason, and revoked with a reason. Certificates are never deleted; each
is issued with its Open Badges credential signed once, and a frozen snapshot of what was met."""

import secrets
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser
from guild.core.audit import audit_record
from guild.core.bilingual import localize
from guild.core.errors import ApplicationError, NotFound
from guild.learning.access import can_manage_catalogue
from guild.learning.credentials.keys import issuer_key, key_id, public_jwk
from guild.learning.credentials.openbadges import Achievement, Holder, Issuer, build_credential
from guild.learning.credentials.signing import sign_credential
from guild.learning.models import (
    Certificate,
    CertificateStatus,
    CertificationProgramme,
    Course,
)
from guild.learning.rules.definition import parse_rules, serialize_rules
from guild.learning.rules.evaluation import Evaluation, RenewalState, anniversary, evaluate
from guild.learning.selectors.certificates import (
    active_certificate,
    member_facts,
    members_facts,
    programme_rules,
    rules_catalogue,
)
from guild.members.models import Member
from guild.organizations.models import Community

JWKS_PATH = "/.well-known/jwks.json"
# The verification code: 20 random bytes, url-safe (160 bits: not guessable, not listable).
CODE_BYTES = 20
SUBJECT_NAMESPACE = uuid.UUID("5d0f3c1e-7a61-4f53-9c8e-1b2a3c4d5e6f")


def public_url() -> str:
    """The platform's public address, for URLs written into credentials outside a request."""
    return str(getattr(settings, "GUILD_PUBLIC_URL", "http://localhost:8000")).rstrip("/")


def jwks_url() -> str:
    return public_url() + JWKS_PATH


def issuer_public_jwk() -> dict[str, Any]:
    return public_jwk(issuer_key(), jwks_url())


def verify_url(code: str, language: str) -> str:
    with translation.override(language):
        return public_url() + reverse("certificates:verify", kwargs={"code": code})


def _require_admin(actor: AnyUser, community_id: int) -> None:
    if not can_manage_catalogue(actor, community_id):
        raise NotFound()


@transaction.atomic
def programme_save(
    *,
    actor: AnyUser,
    community: Community,
    code: str,
    name_en: str,
    name_fr: str,
    rules: Any,
    programme: CertificationProgramme | None = None,
) -> CertificationProgramme:
    """Create or change a programme; its rules must name only the community's courses and
    the competencies and levels of its published framework (RulesError lists every problem)."""
    _require_admin(actor, community.pk)
    parsed = parse_rules(rules, rules_catalogue(community))
    stored = serialize_rules(parsed)
    if programme is None:
        programme = CertificationProgramme(community=community)
    elif programme.rules != stored:
        programme.rules_version += 1
    programme.code, programme.name_en, programme.name_fr = code, name_en, name_fr
    programme.rules = stored
    programme.full_clean()
    created = programme.pk is None
    programme.save()
    audit_record(
        actor=actor,
        action="learning.programme_create" if created else "learning.programme_update",
        obj=programme,
        changes={"code": code, "rules_version": programme.rules_version},
    )
    return programme


def _snapshot(
    member: Member, programme: CertificationProgramme, evaluation: Evaluation
) -> dict[str, Any]:
    codes = [course for item in evaluation.requirements for course, _day in item.counted]
    titles = {
        course.code: (course.title_en, course.title_fr)
        for course in Course.objects.filter(
            provider__community_id=programme.community_id, code__in=codes
        )
    }
    return {
        "holder": member.full_name,
        "programme": {
            "code": programme.code,
            "name_en": programme.name_en,
            "name_fr": programme.name_fr,
        },
        "rules_version": programme.rules_version,
        "evaluated_on": evaluation.on.isoformat(),
        "met": evaluation.met,
        "courses": [
            {
                "code": course,
                "title_en": titles.get(course, (course, course))[0],
                "title_fr": titles.get(course, (course, course))[1],
                "date": day.isoformat(),
            }
            for item in evaluation.requirements
            for course, day in item.counted
        ],
        "levels": [
            {"competency": item.code, "level": item.done, "needed": item.needed}
            for item in evaluation.requirements
            if item.kind == "level"
        ],
    }


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _credential(certificate: Certificate, member: Member) -> str:
    programme = certificate.programme
    language = certificate.language
    key = issuer_key()
    base = public_url()
    names = {lang: localize(programme, "name", lang).text for lang in ("en", "fr")}
    criteria = {lang: _criteria(programme, lang) for lang in ("en", "fr")}
    credential = build_credential(
        credential_id=f"urn:uuid:{uuid.uuid5(SUBJECT_NAMESPACE, certificate.code)}",
        issuer=Issuer(id=f"{base}/issuer", name_en="Guild", name_fr="Guilde", url=f"{base}/"),
        holder=Holder(
            subject_id=f"urn:uuid:{uuid.uuid5(SUBJECT_NAMESPACE, f'member:{member.pk}')}",
            name=member.full_name,
        ),
        achievement=Achievement(
            id_en=verify_url(certificate.code, "en"),
            id_fr=verify_url(certificate.code, "fr"),
            name_en=names["en"],
            name_fr=names["fr"],
            description_en=names["en"],
            description_fr=names["fr"],
            criteria_en=criteria["en"],
            criteria_fr=criteria["fr"],
        ),
        language=language,
        valid_from=certificate.issued_at.astimezone(UTC),
        valid_until=certificate.valid_until,
        status_url=verify_url(certificate.code, language),
    )
    return sign_credential(credential, key, kid=key_id(key, jwks_url()))


def _criteria(programme: CertificationProgramme, language: str) -> str:
    with translation.override(language):
        return _("Met the rules of %(name)s (rules version %(version)d).") % {
            "name": localize(programme, "name", language).text,
            "version": programme.rules_version,
        }


def _issue(
    *,
    actor: AnyUser | None,
    member: Member,
    programme: CertificationProgramme,
    evaluation: Evaluation,
    reason: str = "",
) -> Certificate:
    rules = programme_rules(programme)
    now = timezone.now()
    valid_until = (
        _moment(anniversary(timezone.localdate(now), rules.validity_years))
        if rules.validity_years is not None
        else None
    )
    previous = active_certificate(member, programme)
    if previous is not None:
        # Free the one active place before the new certificate takes it.
        previous.status = CertificateStatus.SUPERSEDED
        previous.save(update_fields=["status"])
    certificate = Certificate(
        programme=programme,
        member=member,
        code=secrets.token_urlsafe(CODE_BYTES),
        status=CertificateStatus.ACTIVE,
        language="fr" if member.first_official_language == "fr" else "en",
        issued_at=now.replace(microsecond=0),
        valid_until=valid_until,
        snapshot=_snapshot(member, programme, evaluation),
        issued_by=actor if actor is not None and actor.is_authenticated else None,
        issue_reason=reason,
    )
    certificate.token = _credential(certificate, member)
    certificate.full_clean()
    certificate.save()
    if previous is not None:
        previous.superseded_by = certificate
        previous.save(update_fields=["superseded_by"])
        audit_record(
            actor=actor,
            action="learning.certificate_supersede",
            obj=previous,
            changes={"superseded_by": certificate.code},
        )
    audit_record(
        actor=actor,
        action="learning.certificate_issue",
        obj=certificate,
        changes={
            "member": member.pk,
            "programme": programme.code,
            "automatic": certificate.issued_by_id is None,
            "reason": reason,
        },
    )
    return certificate


@transaction.atomic
def certification_check(
    *, member: Member, programme: CertificationProgramme, on: date | None = None
) -> Certificate | None:
    """Issue the member's certificate when the rules are all met and they hold no valid one,
    or renew it when renewal is due and done; the new one supersedes the old. Idempotent:
    call it after every completion or validated level; returns the certificate issued."""
    # Lock the member's row so two checks at once cannot both issue.
    Member.objects.select_for_update().filter(pk=member.pk).first()
    evaluation = evaluate(
        programme_rules(programme), member_facts(member, programme), on or timezone.localdate()
    )
    current = active_certificate(member, programme)
    if current is not None and current.current_status == CertificateStatus.ACTIVE:
        renewal = evaluation.renewal
        if renewal is None or renewal.state is not RenewalState.DUE or not renewal.ready:
            return None
    elif not evaluation.met:
        return None
    return _issue(actor=None, member=member, programme=programme, evaluation=evaluation)


def certification_check_member(*, member: Member) -> list[Certificate]:
    """`certification_check` for every active programme of the member's communities."""
    return certification_check_members(members=[member])


CHECK_BATCH = 500


def certification_check_members(
    *, members: Sequence[Member], on: date | None = None
) -> list[Certificate]:
    """`certification_check` for many members (a results file, the daily check), in batches:
    each batch's facts are read in a few queries per programme, and only the members whose
    rules are met, or whose renewal is due and done, are checked one by one (with their row
    locked)."""
    day = on or timezone.localdate()
    issued: list[Certificate] = []
    for start in range(0, len(members), CHECK_BATCH):
        ids = [member.pk for member in members[start : start + CHECK_BATCH]]
        programmes = CertificationProgramme.objects.filter(
            active=True, community__members__in=ids
        ).distinct()
        for programme in programmes:
            batch = list(
                Member.objects.filter(pk__in=ids, communities=programme.community).order_by("pk")
            )
            rules = programme_rules(programme)
            facts = members_facts(batch, programme)
            for member in batch:
                evaluation = evaluate(rules, facts[member.pk], day)
                renewal = evaluation.renewal
                ready = renewal is not None and renewal.state is RenewalState.DUE and renewal.ready
                if not evaluation.met and not ready:
                    continue
                certificate = certification_check(member=member, programme=programme, on=day)
                if certificate is not None:
                    issued.append(certificate)
    return issued


@transaction.atomic
def certificate_issue(
    *, actor: AnyUser, member: Member, programme: CertificationProgramme, reason: str
) -> Certificate:
    """An administrator issues the certificate whatever the rules say, with a reason; it
    supersedes the member's active one."""
    _require_admin(actor, programme.community_id)
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for issuing this certificate.")]})
    if not member.communities.filter(pk=programme.community_id).exists():
        raise ApplicationError(
            _("This member does not belong to the programme's community."),
            code="not_in_community",
        )
    evaluation = evaluate(
        programme_rules(programme), member_facts(member, programme), timezone.localdate()
    )
    return _issue(
        actor=actor,
        member=member,
        programme=programme,
        evaluation=evaluation,
        reason=reason.strip(),
    )


@transaction.atomic
def certificate_revoke(*, actor: AnyUser, certificate: Certificate, reason: str) -> Certificate:
    """Revoke a certificate with a reason; the verification page says so at once."""
    _require_admin(actor, certificate.programme.community_id)
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for revoking this certificate.")]})
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status == CertificateStatus.REVOKED:
        raise ApplicationError(_("This certificate is already revoked."), code="already_revoked")
    certificate.status = CertificateStatus.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revocation_reason = reason.strip()
    certificate.full_clean()
    certificate.save(update_fields=["status", "revoked_at", "revocation_reason"])
    audit_record(
        actor=actor,
        action="learning.certificate_revoke",
        obj=certificate,
        changes={"reason": certificate.revocation_reason},
    )
    return certificate
