"""Questionnaires, their frozen versions, and responses.

Anonymity (ADR 0010): for an anonymous questionnaire *who* responded (`Participation`)
and *what* was answered (`Response`, `Answer`) live in separate tables with no column,
timestamp or key order that joins them. Their keys are random integers (`RandomIdField`),
so neither the primary key nor SQLite's rowid records the order of submission.
"""

import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guild.core.bilingual import Localized, localize
from guild.core.disclosure import DEFAULT_THRESHOLD, MINIMUM_THRESHOLD

RANDOM_ID_MAX = 2**62


def random_id() -> int:
    return secrets.randbelow(RANDOM_ID_MAX) + 1


def receipt_code() -> str:
    return secrets.token_hex(6).upper()


def link_token() -> str:
    return secrets.token_urlsafe(16)


def results_token() -> str:
    return secrets.token_urlsafe(16)


class RandomIdField(models.BigIntegerField):
    """A random 62-bit primary key. On SQLite the column is declared `integer` so it
    becomes the rowid itself: a `bigint` key would leave a hidden rowid counting
    insertions, which would give away the order responses arrived in."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("primary_key", True)
        kwargs.setdefault("default", random_id)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def db_type(self, connection: BaseDatabaseWrapper) -> str | None:
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)


class Audience(models.TextChoices):
    COMMUNITY = "community", _("The whole community")
    DEPARTMENTS = "departments", _("Some departments")
    MEMBERS = "members", _("A list of members")
    LINK = "link", _("Anyone with the link")


class Questionnaire(models.Model):
    community = models.ForeignKey(
        "organizations.Community",
        on_delete=models.PROTECT,
        related_name="questionnaires",
        verbose_name=_("community"),
    )
    slug = models.SlugField(_("short name"), max_length=60)
    # Mirrors the latest version's title so lists need no JSON parsing.
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.COMMUNITY
    )
    audience_departments = models.ManyToManyField(
        "organizations.Department",
        blank=True,
        related_name="+",
        verbose_name=_("departments in the audience"),
    )
    audience_members = models.ManyToManyField(
        "members.Member", blank=True, related_name="+", verbose_name=_("members in the audience")
    )
    link_token = models.CharField(_("link token"), max_length=40, unique=True, default=link_token)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=True)
    threshold = models.PositiveSmallIntegerField(
        _("smallest group shown"), default=DEFAULT_THRESHOLD
    )
    results_published = models.BooleanField(_("results published"), default=False)
    # Results for the community's programme administrators only: a questionnaire run for a
    # handful of known people (a programme's evaluation of one session) whose own results
    # would point at them (ADR 19); never on a results link either.
    results_for_managers = models.BooleanField(
        _("results shown only to those who manage it"), default=False
    )
    # Its own secret: publishing the results must not hand out the answering link.
    results_token = models.CharField(
        _("results link token"), max_length=40, unique=True, default=results_token
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [
            models.UniqueConstraint(fields=["community", "slug"], name="uniq_questionnaire_slug"),
            models.CheckConstraint(
                condition=Q(threshold__gte=MINIMUM_THRESHOLD), name="questionnaire_threshold_min"
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="questionnaire_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> Localized:
        return localize(self, "title")

    def is_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class QuestionnaireVersion(models.Model):
    """A definition (see definition.py) frozen once published; changing a published
    questionnaire makes the next version."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    definition = models.JSONField(_("definition"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="uniq_questionnaire_version"
            ),
            models.UniqueConstraint(
                fields=["questionnaire"],
                condition=Q(status="draft"),
                name="one_draft_version_per_questionnaire",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="published_version_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire_id} v{self.number}"


class ResponseDraft(models.Model):
    """Answers being given: tied to the person so they can resume on any device.
    Deleted when submitted (for anonymous questionnaires, the tie goes with it)."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answers = models.JSONField(default=dict)
    section = models.PositiveSmallIntegerField(default=0)
    # The questions with a default that the person was shown on a page they saved and
    # left empty: their pages never fill them with the default again (answering/page.py).
    declined = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "user"], name="uniq_draft_per_user")
        ]


# `snapshot` on participations, responses and answer rows: the results snapshot that first
# published them (1, 2, …), PENDING until the next one is taken, NOT_COUNTED for the
# answers of a member who chose not to be counted in statistics. Results read only rows
# with a snapshot above 0, so they change only when a snapshot is taken (ADR 14).
PENDING = 0
NOT_COUNTED = -1


class Participation(models.Model):
    """Who has responded. For anonymous questionnaires this is all that links a person to
    a questionnaire: no timestamp, no response key, random primary key; `snapshot` says
    only which published group of at least the threshold of responses theirs joined."""

    id = RandomIdField()
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="participations"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    receipt = models.CharField(_("receipt"), max_length=20, default=receipt_code)
    idempotency_key = models.CharField(max_length=100, blank=True)
    snapshot = models.IntegerField(default=PENDING)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "user"], name="uniq_participation_per_user"
            )
        ]


class Response(models.Model):
    """A submitted answer set. `respondent`, `submitted_at` and `updated_at` stay empty
    for anonymous questionnaires; `answers` holds the validated values (definition.py)."""

    id = RandomIdField()
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="responses"
    )
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.PROTECT, related_name="+")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questionnaire_responses",
    )
    answers = models.JSONField(default=dict)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    snapshot = models.IntegerField(default=PENDING)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "respondent"],
                condition=Q(respondent__isnull=False),
                name="uniq_identified_response",
            ),
        ]
        # Counting published responses reads this index, not every row's answers.
        indexes = [models.Index(fields=["questionnaire", "snapshot"], name="response_snapshot")]


class Answer(models.Model):
    """One countable fact of a response, for statistics in SQL: a chosen option
    (`choice`, with `item` the matrix row or ranked option), or a number. The answers to
    the department and region questions are copied onto every row of the response so a
    breakdown is one GROUP BY. Free text is not repeated here."""

    id = RandomIdField()
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answer_rows")
    question = models.CharField(max_length=64)
    item = models.CharField(max_length=64, blank=True)
    choice = models.CharField(max_length=64, blank=True)
    number = models.FloatField(null=True, blank=True)
    department = models.CharField(max_length=20, blank=True)
    region = models.CharField(max_length=20, blank=True)
    snapshot = models.IntegerField(default=PENDING)
    # An identified response's rows replaced by a change: still published until the next
    # snapshot, then deleted, so published results never move between snapshots.
    retired = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(
                fields=["questionnaire", "question", "department", "choice"],
                name="answer_stats_department",
            ),
            models.Index(fields=["questionnaire", "snapshot"], name="answer_snapshot"),
            models.Index(fields=["response", "question"], name="answer_response_question"),
            # The few retired rows, which the next snapshot deletes.
            models.Index(
                fields=["questionnaire"], condition=Q(retired=True), name="answer_retired"
            ),
        ]


class AnswerTally(models.Model):
    """How many published `Answer` rows share these values, service-wide (`breakdown`
    empty) or in one department or region (`category`), counted when a results snapshot
    is taken (results/statistics/tally.py): statistics read these sums instead of every
    row. `snapshot` is the snapshot the row was counted for."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="+")
    snapshot = models.IntegerField()
    breakdown = models.CharField(max_length=10, blank=True)
    category = models.CharField(max_length=20, blank=True)
    question = models.CharField(max_length=64)
    item = models.CharField(max_length=64, blank=True)
    choice = models.CharField(max_length=64, blank=True)
    number = models.FloatField(null=True, blank=True)
    n = models.IntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["questionnaire", "breakdown"], name="answer_tally_breakdown"),
        ]


class AnswerTallyState(models.Model):
    """Which snapshot, and how many published responses, a questionnaire's tally counts;
    statistics read the tally only while both still hold."""

    questionnaire = models.OneToOneField(
        Questionnaire, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    snapshot = models.IntegerField()
    responses = models.IntegerField()
    # {"rows": {question: responses with answer rows}, "keys": {question: responses with
    # the question in their answers}}, counted at the snapshot for the questions whose n is
    # a count of its own (multiple choice, text).
    answered = models.JSONField(default=dict)


class SnapshotReason(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled refresh")
    CLOSING = "closing", _("questionnaire closed")


class ResultsSnapshot(models.Model):
    """A publication of a questionnaire's results: every page, API answer and export of
    figures reads the responses of the latest snapshot and nothing newer (ADR 14)."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="snapshots"
    )
    number = models.PositiveIntegerField(_("snapshot"))
    taken_at = models.DateTimeField(_("taken"))
    respondents = models.PositiveIntegerField(_("responses counted"))
    added = models.PositiveIntegerField(_("responses added"))
    reason = models.CharField(_("reason"), max_length=20, choices=SnapshotReason.choices)

    class Meta:
        ordering = ["questionnaire", "-number"]
        verbose_name = _("results snapshot")
        verbose_name_plural = _("results snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="uniq_snapshot_number"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="snapshot_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire_id}#{self.number}"


class RefreshStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    TAKEN = "taken", _("published")
    SKIPPED = "skipped", _("skipped: too few new responses")


class RefreshPoint(models.Model):
    """A moment an administrator chose for results to be refreshed during collection."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="refresh_points"
    )
    due_at = models.DateTimeField(_("refresh at"))
    status = models.CharField(
        _("status"), max_length=10, choices=RefreshStatus.choices, default=RefreshStatus.WAITING
    )
    snapshot = models.ForeignKey(
        ResultsSnapshot, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["questionnaire", "due_at"]
        verbose_name = _("refresh point")
        verbose_name_plural = _("refresh points")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "due_at"], name="uniq_refresh_point"),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire_id}@{self.due_at.isoformat()}"
