"""Offerings of the catalogue's courses, the members enrolled in them (or waiting for a
place, or for their supervisor), and the completions recorded for members."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guild.learning.models.catalogue import Course, CourseFormat, CourseLanguages
from guild.members.models import Member


class OfferingStatus(models.TextChoices):
    OPEN = "open", _("Open for enrolment")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class Offering(models.Model):
    """One delivery of a course: its dates, language, places and whether enrolling needs
    the supervisor's approval."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="offerings"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    language = models.CharField(_("language"), max_length=5, choices=CourseLanguages.choices)
    delivery = models.CharField(_("delivery"), max_length=12, choices=CourseFormat.choices)
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    needs_approval = models.BooleanField(_("needs the supervisor's approval"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=OfferingStatus.choices, default=OfferingStatus.OPEN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("course offering")
        verbose_name_plural = _("course offerings")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="offering_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="offering_has_a_place"),
        ]

    def __str__(self) -> str:
        return f"{self.course} ({self.starts_on:%Y-%m-%d})"

    @property
    def has_ended(self) -> bool:
        return self.ends_on < timezone.localdate()

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": [_("The offering cannot end before it starts.")]})


class EnrolmentStatus(models.TextChoices):
    AWAITING_APPROVAL = "awaiting-approval", _("Waiting for the supervisor's approval")
    ENROLLED = "enrolled", _("Enrolled")
    WAITLISTED = "waitlisted", _("On the waitlist")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REFUSED = "refused", _("Refused by the supervisor")


# The enrolments that hold a member's place in an offering, or their turn for one.
ACTIVE_STATUSES = (
    EnrolmentStatus.AWAITING_APPROVAL,
    EnrolmentStatus.ENROLLED,
    EnrolmentStatus.WAITLISTED,
)
# A request waiting for the supervisor holds its place until they decide.
HOLDING_STATUSES = (EnrolmentStatus.AWAITING_APPROVAL, EnrolmentStatus.ENROLLED)


class Enrolment(models.Model):
    """A member's request for a place in an offering, and where it stands."""

    offering = models.ForeignKey(
        Offering, verbose_name=_("offering"), on_delete=models.PROTECT, related_name="enrolments"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="enrolments"
    )
    status = models.CharField(_("status"), max_length=20, choices=EnrolmentStatus.choices)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    # The waitlist is first come, first served by this time (then by id).
    waitlisted_at = models.DateTimeField(_("joined the waitlist"), null=True, blank=True)
    decided_by = models.ForeignKey(
        Member,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrolment_decisions",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["offering_id", "requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["offering", "member"],
                condition=Q(status__in=[s.value for s in ACTIVE_STATUSES]),
                name="uniq_active_enrolment",
            ),
        ]
        indexes = [models.Index(fields=["offering", "status", "waitlisted_at", "id"])]

    def __str__(self) -> str:
        return f"{self.member} — {self.offering}"


class CompletionResult(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    NOT_COMPLETED = "not-completed", _("Not completed")


class CompletionSource(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Recorded by an administrator")
    IMPORT = "import", _("Imported from a file")
    SELF = "self", _("Declared by the member")


class Completion(models.Model):
    """The result of a member's course, with its date and who recorded it; an enrolment
    has at most one, a self-paced course may have none."""

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="completions"
    )
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="completions"
    )
    enrolment = models.OneToOneField(
        Enrolment,
        verbose_name=_("enrolment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="completion",
    )
    completed_on = models.DateField(_("date"))
    result = models.CharField(_("result"), max_length=15, choices=CompletionResult.choices)
    source = models.CharField(_("source"), max_length=15, choices=CompletionSource.choices)
    proof_note = models.TextField(_("proof"), blank=True, max_length=2000)
    proof_url = models.URLField(_("proof (link)"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        ordering = ["-completed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "course", "completed_on"], name="uniq_completion_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.course} ({self.completed_on:%Y-%m-%d})"
