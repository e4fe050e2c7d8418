"""Competency frameworks in versions, role profiles with target levels, members' assessments.

A framework is a series of versions; each version holds its own copy of the families,
competencies, proficiency levels and behavioural indicators, so a published version never
changes under the role profiles and assessments that point at it (services refuse edits of a
published version). Assessments are an append-only history; `CurrentAssessment` keeps the
latest self and supervisor levels per member and competency, written by the assessment
services in the same transaction (ADR 9).
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guild.core.bilingual import BilingualNameMixin
from guild.core.disclosure import DEFAULT_THRESHOLD, MINIMUM_THRESHOLD
from guild.members.models import Member
from guild.organizations.models import Community, Department, OccupationalLevel, WorkStream

LEVEL_MIN = 1
LEVEL_MAX = 4
_LEVEL_RANGE = Q(level__gte=LEVEL_MIN, level__lte=LEVEL_MAX)
NAME_MAX = 2000


class Framework(BilingualNameMixin, models.Model):
    """A competency framework of a community: the series its versions belong to."""

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="competency_frameworks",
    )
    code = models.SlugField(_("code"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_fr = models.CharField(_("name (French)"), max_length=255)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("competency framework")
        verbose_name_plural = _("competency frameworks")
        ordering = ["community__code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="uniq_framework_code")
        ]


class FrameworkVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    identifier = models.UUIDField(_("CASE identifier"), unique=True)
    label = models.CharField(_("version label"), max_length=40, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_fr = models.CharField(_("title (French)"), max_length=255)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")
        ordering = ["framework_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="uniq_framework_version"),
            models.CheckConstraint(
                condition=Q(status="draft", published_at__isnull=True)
                | Q(status="published", published_at__isnull=False),
                name="framework_version_published_at_iff_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title_en} v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ProficiencyLevel(BilingualNameMixin, models.Model):
    version = models.ForeignKey(
        FrameworkVersion,
        verbose_name=_("framework version"),
        on_delete=models.CASCADE,
        related_name="levels",
    )
    level = models.PositiveSmallIntegerField(_("level"))
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)

    class Meta:
        verbose_name = _("proficiency level")
        verbose_name_plural = _("proficiency levels")
        ordering = ["version_id", "level"]
        constraints = [
            models.UniqueConstraint(fields=["version", "level"], name="uniq_proficiency_level"),
            models.CheckConstraint(condition=_LEVEL_RANGE, name="proficiency_level_in_scale"),
        ]


class Family(BilingualNameMixin, models.Model):
    version = models.ForeignKey(
        FrameworkVersion,
        verbose_name=_("framework version"),
        on_delete=models.CASCADE,
        related_name="families",
    )
    identifier = models.UUIDField(_("CASE identifier"))
    code = models.CharField(_("code"), max_length=40)
    # CASE statements run long: a name holds a whole `fullStatement`.
    name_en = models.CharField(_("name (English)"), max_length=NAME_MAX)
    name_fr = models.CharField(_("name (French)"), max_length=NAME_MAX, blank=True)
    order = models.PositiveSmallIntegerField(_("order"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("within family"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subfamilies",
    )
    item_type = models.CharField(_("CASE item type"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("competency family")
        verbose_name_plural = _("competency families")
        ordering = ["version_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="uniq_family_code"),
            models.UniqueConstraint(fields=["version", "identifier"], name="uniq_family_id"),
        ]


class Competency(BilingualNameMixin, models.Model):
    version = models.ForeignKey(
        FrameworkVersion,
        verbose_name=_("framework version"),
        on_delete=models.CASCADE,
        related_name="competencies",
    )
    family = models.ForeignKey(
        Family, verbose_name=_("family"), on_delete=models.CASCADE, related_name="competencies"
    )
    identifier = models.UUIDField(_("CASE identifier"))
    code = models.CharField(_("code"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=NAME_MAX)
    name_fr = models.CharField(_("name (French)"), max_length=NAME_MAX, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"))
    # CASE identifiers, in order, of the competencies of earlier versions (or of another
    # framework) that this one replaces; resolved by `selectors.competency_replaced`.
    replaces = models.JSONField(_("replaces"), default=list, blank=True)
    item_type = models.CharField(_("CASE item type"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["version_id", "family__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="uniq_competency_code"),
            models.UniqueConstraint(fields=["version", "identifier"], name="uniq_competency_id"),
        ]


class FrameworkAssociation(models.Model):
    """A CASE association its version's families and competencies do not say, kept as
    imported; either end may lie outside Guild, so ends are CASE links, not keys."""

    version = models.ForeignKey(
        FrameworkVersion,
        verbose_name=_("framework version"),
        on_delete=models.CASCADE,
        related_name="associations",
    )
    identifier = models.UUIDField(_("CASE identifier"))
    association_type = models.CharField(_("association type"), max_length=120)
    origin_identifier = models.CharField(_("origin identifier"), max_length=255)
    origin_title = models.TextField(_("origin title"), blank=True)
    origin_uri = models.TextField(_("origin URI"), blank=True)
    destination_identifier = models.CharField(_("destination identifier"), max_length=255)
    destination_title = models.TextField(_("destination title"), blank=True)
    destination_uri = models.TextField(_("destination URI"), blank=True)
    sequence = models.IntegerField(_("sequence number"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"))

    class Meta:
        verbose_name = _("framework association")
        verbose_name_plural = _("framework associations")
        ordering = ["version_id", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "identifier"], name="uniq_framework_association_id"
            )
        ]


class LevelIndicator(models.Model):
    """What a competency looks like at one level: its behavioural indicators."""

    competency = models.ForeignKey(
        Competency,
        verbose_name=_("competency"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    level = models.PositiveSmallIntegerField(_("level"))
    indicators_en = models.TextField(_("indicators (English)"))
    indicators_fr = models.TextField(_("indicators (French)"))

    class Meta:
        verbose_name = _("level indicator")
        verbose_name_plural = _("level indicators")
        ordering = ["competency_id", "level"]
        constraints = [
            models.UniqueConstraint(fields=["competency", "level"], name="uniq_level_indicator"),
            models.CheckConstraint(condition=_LEVEL_RANGE, name="level_indicator_in_scale"),
        ]


class RoleProfile(BilingualNameMixin, models.Model):
    """A named role with a target level per competency of one framework version. A
    department's adaptation names the profile it adapts and the department it is for."""

    community = models.ForeignKey(
        Community, verbose_name=_("community"), on_delete=models.PROTECT, related_name="+"
    )
    version = models.ForeignKey(
        FrameworkVersion,
        verbose_name=_("framework version"),
        on_delete=models.PROTECT,
        related_name="role_profiles",
    )
    name_en = models.CharField(_("name (English)"), max_length=160)
    name_fr = models.CharField(_("name (French)"), max_length=160)
    work_stream = models.ForeignKey(
        WorkStream, verbose_name=_("work stream"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.ForeignKey(
        OccupationalLevel,
        verbose_name=_("group and level"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department or agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    adapted_from = models.ForeignKey(
        "self",
        verbose_name=_("adapted from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adaptations",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("role profile")
        verbose_name_plural = _("role profiles")
        ordering = ["community_id", "name_en", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(adapted_from__isnull=True) | Q(department__isnull=False),
                name="role_profile_adaptation_has_department",
            ),
        ]


class RoleProfileTarget(models.Model):
    profile = models.ForeignKey(
        RoleProfile,
        verbose_name=_("role profile"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.PROTECT, related_name="targets"
    )
    target = models.PositiveSmallIntegerField(_("target level"))

    class Meta:
        verbose_name = _("target level")
        verbose_name_plural = _("target levels")
        ordering = ["profile_id", "competency__family__order", "competency__order"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "competency"], name="uniq_profile_target"),
            models.CheckConstraint(
                condition=Q(target__gte=LEVEL_MIN, target__lte=LEVEL_MAX),
                name="profile_target_in_scale",
            ),
        ]


class MemberRoleProfile(models.Model):
    """The role profile of a member's position."""

    member = models.OneToOneField(
        Member,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="role_profile",
    )
    profile = models.ForeignKey(
        RoleProfile,
        verbose_name=_("role profile"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now=True)

    class Meta:
        verbose_name = _("member's role profile")
        verbose_name_plural = _("members' role profiles")
        indexes = [models.Index(fields=["profile", "member"])]

    def __str__(self) -> str:
        return f"{self.member_id} → {self.profile_id}"


class AssessmentKind(models.TextChoices):
    SELF = "self", _("Self-assessment")
    SUPERVISOR = "supervisor", _("Supervisor's assessment")


class Assessment(models.Model):
    """One change of a member's level on a competency, by the member or their supervisor.
    Rows are only ever inserted: the history of who said what, and when."""

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="assessments"
    )
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("competency"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AssessmentKind.choices)
    level = models.PositiveSmallIntegerField(_("level"))
    evidence = models.TextField(_("evidence"), blank=True)
    links = models.JSONField(_("evidence links"), default=list, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=_LEVEL_RANGE, name="assessment_level_in_scale"),
            models.CheckConstraint(
                condition=Q(kind__in=["self", "supervisor"]), name="assessment_kind_valid"
            ),
        ]
        indexes = [models.Index(fields=["member", "competency", "-created_at", "-id"])]

    def __str__(self) -> str:
        return f"{self.member_id} {self.competency_id} {self.kind} {self.level}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("Assessments are append-only: add a new one instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("Assessments are append-only and cannot be deleted one by one.")


class CurrentAssessment(models.Model):
    """The latest self and supervisor assessment of a member on a competency, and the
    validated level (gaps.validated_level); maintained by the assessment services."""

    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="current_assessments",
    )
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("competency"),
        on_delete=models.PROTECT,
        related_name="current_assessments",
    )
    self_assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    supervisor_assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    self_level = models.PositiveSmallIntegerField(_("self-assessed level"), null=True)
    supervisor_level = models.PositiveSmallIntegerField(_("supervisor's level"), null=True)
    validated_level = models.PositiveSmallIntegerField(_("validated level"), null=True)
    self_at = models.DateTimeField(_("self-assessed"), null=True)
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("current assessment")
        verbose_name_plural = _("current assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "competency"], name="uniq_current_assessment"
            ),
            models.CheckConstraint(
                condition=Q(validated_level=models.F("supervisor_level"))
                | Q(supervisor_level__isnull=True, validated_level=models.F("self_level"))
                | Q(supervisor_level__isnull=True, self_level__isnull=True),
                name="current_assessment_validated_rule",
            ),
        ]
        indexes = [models.Index(fields=["competency", "member", "validated_level"])]


class LearningPriority(models.Model):
    """The programme administrator's weight for a competency in the learning-needs ranking
    (1 when none is set)."""

    community = models.ForeignKey(
        Community, verbose_name=_("community"), on_delete=models.CASCADE, related_name="+"
    )
    competency_code = models.CharField(_("competency code"), max_length=40)
    weight = models.FloatField(_("weight"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("learning priority")
        verbose_name_plural = _("learning priorities")
        ordering = ["community_id", "competency_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "competency_code"], name="uniq_learning_priority"
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=0, weight__lte=100), name="learning_priority_weight_range"
            ),
        ]


class CompetencySettings(models.Model):
    community = models.OneToOneField(
        Community,
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="competency_settings",
    )
    assessment_reminder_days = models.PositiveSmallIntegerField(
        _("remind members after (days)"), default=365
    )
    disclosure_threshold = models.PositiveSmallIntegerField(
        _("smallest group shown"), default=DEFAULT_THRESHOLD
    )

    class Meta:
        verbose_name = _("competency settings")
        verbose_name_plural = _("competency settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(assessment_reminder_days__gte=1), name="reminder_days_positive"
            ),
            models.CheckConstraint(
                condition=Q(disclosure_threshold__gte=MINIMUM_THRESHOLD),
                name="competency_threshold_minimum",
            ),
        ]


class AssessmentReminder(models.Model):
    """A reminder sent to a member; `basis` is the time their assessments went stale from
    (their latest self-assessment, or their profile's assignment), so each stale period gets
    one reminder however often the task runs."""

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="+"
    )
    basis = models.DateTimeField(_("stale since"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessment reminder")
        verbose_name_plural = _("assessment reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["member", "basis"], name="uniq_reminder_period")
        ]
