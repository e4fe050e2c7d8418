"""Certification programmes (their rules as data) and the certificates issued under them.
Certificates are never deleted: they are revoked or superseded, and keep a frozen snapshot
of what was certified and the signed credential handed to the holder."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guild.core.bilingual import BilingualNameMixin
from guild.learning.models.catalogue import CODE_MAX
from guild.members.models import Member
from guild.organizations.models import Community


class CertificationProgramme(BilingualNameMixin, models.Model):
    """A certification of a community; `rules` is the JSON that `rules.parse_rules` reads,
    checked against the community's catalogue and framework whenever it is saved."""

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="certification_programmes",
    )
    code = models.SlugField(_("code"), max_length=CODE_MAX)
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_fr = models.CharField(_("name (French)"), max_length=255)
    rules = models.JSONField(_("rules"))
    rules_version = models.PositiveIntegerField(_("rules version"), default=1)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("certification programme")
        verbose_name_plural = _("certification programmes")
        ordering = ["community_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="uniq_programme_code"),
        ]

    def __str__(self) -> str:
        return self.name_en or self.code


class CertificateStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Superseded by a newer certificate")


class Certificate(models.Model):
    """One certificate of a member. `status` stores what people decided (active, revoked,
    superseded); expiry is read from `valid_until` (`current_status`), so no task is needed."""

    programme = models.ForeignKey(
        CertificationProgramme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    member = models.ForeignKey(
        Member, verbose_name=_("holder"), on_delete=models.PROTECT, related_name="certificates"
    )
    code = models.CharField(_("verification code"), max_length=40, unique=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CertificateStatus.choices,
        default=CertificateStatus.ACTIVE,
    )
    language = models.CharField(_("language"), max_length=2, default="en")
    issued_at = models.DateTimeField(_("issued"))
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revoking"), blank=True, max_length=2000)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    snapshot = models.JSONField(_("what was certified"))
    token = models.TextField(_("signed credential"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issue_reason = models.TextField(_("reason for issuing"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "member"],
                condition=Q(status="active"),
                name="uniq_active_certificate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.programme}"

    @property
    def current_status(self) -> str:
        if (
            self.status == CertificateStatus.ACTIVE
            and self.valid_until is not None
            and timezone.now() >= self.valid_until
        ):
            return CertificateStatus.EXPIRED.value
        return str(self.status)

    def get_current_status_display(self) -> str:
        return str(CertificateStatus(self.current_status).label)
