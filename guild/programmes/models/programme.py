"""A leadership programme (the IM Leadership Initiative), its phases and its intakes: each
intake's nomination window, seats, eligibility, department quota, selection criteria with
their weights and the balance the committee wants in the cohort."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guild.core.bilingual import BilingualNameMixin
from guild.organizations.models import Community, OccupationalLevel


class Programme(BilingualNameMixin, models.Model):
    community = models.ForeignKey(
        Community, verbose_name=_("community"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.SlugField(_("short name"), max_length=30)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("leadership programme")
        verbose_name_plural = _("leadership programmes")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "code"], name="uniq_leadership_programme_code"
            )
        ]


class Phase(BilingualNameMixin, models.Model):
    """A stage of the programme's implementation ("First phase (2003-2004)")."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="phases"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="uniq_phase_number"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="phase_ends_after_start"
            ),
        ]


class IntakeStage(models.TextChoices):
    """Where an intake stands; each stage opens the next step's pages."""

    PLANNED = "planned", _("Planned")
    NOMINATING = "nominating", _("Call for nominations")
    SELECTING = "selecting", _("Selection")
    RUNNING = "running", _("Cohort under way")
    CLOSED = "closed", _("Closed")


class Intake(BilingualNameMixin, models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="intakes"
    )
    phase = models.ForeignKey(
        Phase,
        verbose_name=_("phase"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="intakes",
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    stage = models.CharField(
        _("stage"), max_length=12, choices=IntakeStage.choices, default=IntakeStage.PLANNED
    )
    nominations_open_on = models.DateField(_("nominations open on"))
    nominations_close_on = models.DateField(_("nominations close on"))
    starts_on = models.DateField(_("cohort starts on"))
    ends_on = models.DateField(_("cohort ends on"))
    capacity = models.PositiveSmallIntegerField(_("seats"), validators=[MinValueValidator(1)])
    max_per_department = models.PositiveSmallIntegerField(
        _("most nominations selected per department"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    nominations_per_department = models.PositiveSmallIntegerField(
        _("most nominations per department"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    min_departments = models.PositiveSmallIntegerField(_("fewest departments"), default=0)
    eligible_levels = models.ManyToManyField(
        OccupationalLevel, verbose_name=_("eligible levels"), blank=True, related_name="+"
    )
    attendance_alert_below = models.PositiveSmallIntegerField(
        _("alert the supervisor below this attendance rate (%)"),
        default=75,
        validators=[MaxValueValidator(100)],
    )
    # The questionnaire the participants' supervisors answer by link, at the end.
    supervisor_feedback = models.OneToOneField(
        "questionnaires.Questionnaire",
        verbose_name=_("supervisor feedback questionnaire"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nominations_close_on__gte=F("nominations_open_on")),
                name="intake_window_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="intake_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="intake_has_a_seat"),
        ]

    def clean(self) -> None:
        errors: dict[str, list[Any]] = {}
        if (
            self.nominations_open_on
            and self.nominations_close_on
            and self.nominations_close_on < self.nominations_open_on
        ):
            errors["nominations_close_on"] = [_("The nominations cannot close before they open.")]
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = [_("The cohort cannot end before it starts.")]
        if errors:
            raise ValidationError(errors)

    def window_is_open(self, on: date | None = None) -> bool:
        today = on or timezone.localdate()
        return self.nominations_open_on <= today <= self.nominations_close_on


class Criterion(BilingualNameMixin, models.Model):
    """What reviewers score each nomination on, from 0 to `max_score`; a nomination's
    score is the sum over criteria of weight times the reviewers' mean score."""

    intake = models.ForeignKey(
        Intake, verbose_name=_("intake"), on_delete=models.CASCADE, related_name="criteria"
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_score = models.PositiveSmallIntegerField(
        _("highest score"), default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("selection criterion")
        verbose_name_plural = _("selection criteria")
        ordering = ["intake", "order", "pk"]


class BalanceAttribute(models.TextChoices):
    REGION = "region", _("Region")
    LANGUAGE = "language", _("First official language")
    LEVEL = "level", _("Level")


class BalanceRule(models.Model):
    """A bound on how many selected people share one region, first official language or
    level, in seats or as a percentage of the seats (the optimiser's `Balance`)."""

    intake = models.ForeignKey(
        Intake, verbose_name=_("intake"), on_delete=models.CASCADE, related_name="balance_rules"
    )
    attribute = models.CharField(_("attribute"), max_length=10, choices=BalanceAttribute.choices)
    value = models.CharField(_("value"), max_length=30)
    at_least = models.PositiveSmallIntegerField(_("at least"), null=True, blank=True)
    at_most = models.PositiveSmallIntegerField(_("at most"), null=True, blank=True)
    percent = models.BooleanField(_("as a percentage of the seats"), default=False)

    class Meta:
        verbose_name = _("balance rule")
        verbose_name_plural = _("balance rules")
        ordering = ["intake", "attribute", "value"]
        constraints = [
            models.CheckConstraint(
                condition=Q(at_least__isnull=False) | Q(at_most__isnull=False),
                name="balance_rule_has_a_bound",
            )
        ]
