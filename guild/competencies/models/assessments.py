"""Members' assessments (append-only, with the current-level table of ADR 9), learning
priorities, community settings and reminders."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guild.competencies.models.frameworks import LEVEL_RANGE, Competency
from guild.core.disclosure import DEFAULT_THRESHOLD, MINIMUM_THRESHOLD
from guild.members.models import Member
from guild.organizations.models import Community


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
            models.CheckConstraint(condition=LEVEL_RANGE, name="assessment_level_in_scale"),
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
