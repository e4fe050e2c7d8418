"""Nominations to an intake with their consent, endorsement and history, the reviewers'
scores, and the optimiser's proposals."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guild.members.models import Member
from guild.organizations.models import Department
from guild.programmes.models.programme import Criterion, Intake


class Consent(models.TextChoices):
    PENDING = "pending", _("Waiting for the nominee")
    GIVEN = "given", _("Accepted by the nominee")
    DECLINED = "declined", _("Declined by the nominee")


class Endorsement(models.TextChoices):
    PENDING = "pending", _("Waiting for the supervisor")
    ENDORSED = "endorsed", _("Endorsed by the supervisor")
    REFUSED = "refused", _("Not endorsed by the supervisor")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Not decided")
    SELECTED = "selected", _("Selected")
    WAITLISTED = "waitlisted", _("On the waitlist")
    NOT_SELECTED = "not-selected", _("Not selected")


class Nomination(models.Model):
    """A member put forward for an intake by a department coordinator. It goes to the
    reviewers when the nominee has accepted and the supervisor endorsed it."""

    intake = models.ForeignKey(
        Intake, verbose_name=_("intake"), on_delete=models.PROTECT, related_name="nominations"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("nominee"), on_delete=models.PROTECT, related_name="+"
    )
    # The nominee's department and supervisor when nominated: the quota counts the former,
    # the endorsement belongs to the latter, whatever the profile says later.
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    supervisor = models.ForeignKey(
        Member,
        verbose_name=_("supervisor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    rationale = models.TextField(_("rationale"), max_length=4000)
    historical = models.BooleanField(_("entered to load history"), default=False)
    consent = models.CharField(
        _("nominee"), max_length=10, choices=Consent.choices, default=Consent.PENDING
    )
    endorsement = models.CharField(
        _("supervisor"), max_length=10, choices=Endorsement.choices, default=Endorsement.PENDING
    )
    endorsed_by = models.ForeignKey(
        Member,
        verbose_name=_("endorsed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING
    )
    waitlist_rank = models.PositiveSmallIntegerField(_("place on the waitlist"), null=True)
    decision_reason = models.TextField(_("reason for the committee's decision"), blank=True)
    created_at = models.DateTimeField(_("nominated"), default=timezone.now)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["intake", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["intake", "member"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_open_nomination_per_intake",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.intake}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_complete(self) -> bool:
        """Ready for the reviewers: accepted, endorsed and not withdrawn."""
        return (
            not self.is_withdrawn
            and self.consent == Consent.GIVEN
            and self.endorsement == Endorsement.ENDORSED
        )


class NominationStep(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    ACCEPTED = "accepted", _("Accepted by the nominee")
    DECLINED = "declined", _("Declined by the nominee")
    ENDORSED = "endorsed", _("Endorsed by the supervisor")
    REFUSED = "refused", _("Not endorsed by the supervisor")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SCORED = "scored", _("Scored by a reviewer")
    SELECTED = "selected", _("Selected")
    WAITLISTED = "waitlisted", _("Placed on the waitlist")
    NOT_SELECTED = "not-selected", _("Not selected")
    OVERRIDDEN = "overridden", _("Committee decision differs from the proposal")
    PROMOTED = "promoted", _("Offered a seat from the waitlist")


class NominationEvent(models.Model):
    """One step in a nomination's history, shown to every party in order."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="events"
    )
    step = models.CharField(_("step"), max_length=14, choices=NominationStep.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # An endorsement through the e-mailed link has no signed-in person.
    through_link = models.BooleanField(_("through the e-mailed link"), default=False)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("nomination history entry")
        verbose_name_plural = _("nomination history")
        ordering = ["nomination", "at", "pk"]


class Score(models.Model):
    """One reviewer's score of one nomination on one criterion."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    value = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(100)])
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    scored_at = models.DateTimeField(_("scored"), auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "criterion", "reviewer"], name="uniq_score_per_reviewer"
            )
        ]


class SelectionRun(models.Model):
    """One run of the optimiser: its proposal and reasons (JSON, as shown to the
    committee), kept so the committee's decision can be compared with what was proposed."""

    intake = models.ForeignKey(
        Intake, verbose_name=_("intake"), on_delete=models.CASCADE, related_name="selection_runs"
    )
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    run_at = models.DateTimeField(_("run"), default=timezone.now)
    selected = models.JSONField(_("proposed nominations"), default=list)
    explanations = models.JSONField(_("reasons"), default=dict)
    total_score = models.DecimalField(_("total score"), max_digits=12, decimal_places=4)
    optimal = models.BooleanField(_("proved optimal"), default=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("selection run")
        verbose_name_plural = _("selection runs")
        ordering = ["intake", "-run_at", "-pk"]
