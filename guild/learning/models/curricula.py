"""Curricula: a community's versioned programme of study (core courses, elective groups,
an optional capstone), open for the members' and departments' endorsement before it is
approved. A version's `structure` has the shape of a certification's rules (`required`,
`electives`, `capstone`), so the same reader checks both."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guild.core.bilingual import BilingualNameMixin
from guild.learning.models.catalogue import CODE_MAX
from guild.learning.models.certificates import CertificationProgramme
from guild.members.models import Member
from guild.organizations.models import Community, Department


class Curriculum(BilingualNameMixin, models.Model):
    """A programme of study of a community; approving a version linked to a certification
    programme writes its courses into the programme's rules."""

    community = models.ForeignKey(
        Community, verbose_name=_("community"), on_delete=models.PROTECT, related_name="curricula"
    )
    code = models.SlugField(_("code"), max_length=CODE_MAX)
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_fr = models.CharField(_("name (French)"), max_length=255)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    programme = models.ForeignKey(
        CertificationProgramme,
        verbose_name=_("certification programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="curricula",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("curriculum")
        verbose_name_plural = _("curricula")
        ordering = ["community_id", "name_en", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="uniq_curriculum_code")
        ]


class CurriculumStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for endorsement")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded")


class CurriculumVersion(models.Model):
    """One version of a curriculum. Approved and superseded versions never change; at most
    one version of a curriculum is a draft or open at a time."""

    curriculum = models.ForeignKey(
        Curriculum, verbose_name=_("curriculum"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CurriculumStatus.choices,
        default=CurriculumStatus.DRAFT,
    )
    structure = models.JSONField(_("courses"), default=dict, blank=True)
    notes_en = models.TextField(_("what changed (English)"), blank=True, max_length=4000)
    notes_fr = models.TextField(_("what changed (French)"), blank=True, max_length=4000)
    opened_at = models.DateTimeField(_("opened for endorsement"), null=True, blank=True)
    closes_on = models.DateField(_("endorsement closes on"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("curriculum version")
        verbose_name_plural = _("curriculum versions")
        ordering = ["curriculum_id", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["curriculum", "number"], name="uniq_curriculum_version_number"
            ),
            models.UniqueConstraint(
                fields=["curriculum"],
                condition=Q(status__in=["draft", "open"]),
                name="uniq_curriculum_version_in_progress",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="curriculum_version_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.curriculum} v{self.number}"


class EndorsementStance(models.TextChoices):
    ENDORSE = "endorse", _("Endorsement")
    COMMENT = "comment", _("Comment")


class Endorsement(models.Model):
    """An attributed statement on an open version: a member's own (`department` empty) or
    on behalf of a department they coordinate. It changes while the version is open."""

    version = models.ForeignKey(
        CurriculumVersion,
        verbose_name=_("curriculum version"),
        on_delete=models.CASCADE,
        related_name="endorsements",
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="endorsements"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    stance = models.CharField(_("stance"), max_length=10, choices=EndorsementStance.choices)
    text = models.TextField(_("comment"), blank=True, max_length=4000)
    # The language the text was written in (the page's when it was saved), so that a
    # French comment on an English page is read out in French.
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="en"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["version_id", "-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "member"],
                condition=Q(department__isnull=True),
                name="uniq_endorsement_member",
            ),
            models.UniqueConstraint(
                fields=["version", "department"],
                condition=Q(department__isnull=False),
                name="uniq_endorsement_department",
            ),
            models.CheckConstraint(
                condition=~Q(stance="comment") | ~Q(text=""),
                name="endorsement_comment_has_text",
            ),
        ]
