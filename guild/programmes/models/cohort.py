"""The selected cohort: participants with their participation window, action learning
groups, the schedule of sessions and who attended each."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from guild.core.bilingual import BilingualNameMixin
from guild.members.models import Member
from guild.programmes.models.nominations import Nomination
from guild.programmes.models.programme import Intake


class LearningGroup(BilingualNameMixin, models.Model):
    """An action learning group of five to seven participants from different departments."""

    intake = models.ForeignKey(
        Intake, verbose_name=_("intake"), on_delete=models.CASCADE, related_name="groups"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100)

    class Meta:
        verbose_name = _("action learning group")
        verbose_name_plural = _("action learning groups")
        ordering = ["intake", "number"]
        constraints = [
            models.UniqueConstraint(fields=["intake", "number"], name="uniq_group_number")
        ]


class Participant(models.Model):
    """A member of an intake's cohort. Sessions count for them only between `joined_on`
    and `left_on` (their participation window)."""

    intake = models.ForeignKey(
        Intake, verbose_name=_("intake"), on_delete=models.PROTECT, related_name="participants"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="+"
    )
    nomination = models.OneToOneField(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participant",
    )
    group = models.ForeignKey(
        LearningGroup,
        verbose_name=_("action learning group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    # A secret for the personal calendar feed, which calendar programs fetch unsigned.
    calendar_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    alerted_at = models.DateTimeField(_("supervisor alerted"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["intake", "member__family_name", "member__given_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["intake", "member"], name="uniq_participant"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="participant_leaves_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return str(self.member)

    def in_window(self, day: date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day <= self.left_on)


class SessionKind(models.TextChoices):
    LAUNCH = "launch", _("Launch")
    EVENT = "event", _("Formal learning event")
    GROUP = "group", _("Action learning group meeting")


class Session(BilingualNameMixin, models.Model):
    """A scheduled session. A formal event or the launch expects the whole cohort; a group
    meeting expects its group's participants."""

    intake = models.ForeignKey(
        Intake, verbose_name=_("intake"), on_delete=models.CASCADE, related_name="sessions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=SessionKind.choices)
    group = models.ForeignKey(
        LearningGroup,
        verbose_name=_("action learning group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sessions",
    )
    name_en = models.CharField(_("title (English)"), max_length=200)
    name_fr = models.CharField(_("title (French)"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    evaluation = models.OneToOneField(
        "questionnaires.Questionnaire",
        verbose_name=_("evaluation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["intake", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(kind="group", group__isnull=False) | ~Q(kind="group"),
                name="group_meeting_has_a_group",
            ),
        ]


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


# Present and late count as attended; excused sessions are not expected.
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class Attendance(models.Model):
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendance"
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    status = models.CharField(_("attendance"), max_length=8, choices=AttendanceStatus.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="uniq_attendance_per_session"
            )
        ]
