import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One write of personal (or otherwise sensitive) data: who, what, which fields, when."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("actor e-mail"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, db_index=True)
    object_label = models.CharField(_("object"), max_length=255, blank=True)
    changes = models.JSONField(_("changed fields"), default=dict, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_label}"


class Job(models.Model):
    """A piece of background work whose progress a page shows as a bar."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Finished")
        FAILED = "failed", _("Failed")
        # An import that read its file and waits for its owner to accept what it would
        # change (the review); then it succeeds, or is cancelled with nothing saved.
        REVIEW = "review", _("Waiting for your decision")
        CANCELLED = "cancelled", _("Cancelled")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=80)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="jobs",
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    percent = models.PositiveSmallIntegerField(_("percent done"), default=0)
    message = models.CharField(_("message"), max_length=255, blank=True)
    result_file = models.FileField(_("result"), upload_to="jobs/", blank=True)
    result_name = models.CharField(_("result file name"), max_length=255, blank=True)
    # An upload the job reads (a file to import), stored once its size was checked.
    input_file = models.FileField(_("input file"), upload_to="jobs/input/", blank=True)
    # What an import made (a link) or why it refused the file (located problems), in
    # every language of the site: {"link": {lang: {"url", "label"}}, "id": pk} or
    # {"refusal": {lang: {"summary", "problems": [{"location", "sheet", "row", "column",
    # "message"}]}}}, or while it waits for a decision {"review": {"candidate": data to
    # import, "summary": counts, "link": {lang: {"url", "label"}}, "notes": {lang:
    # {"changed": [...], "dropped": [...]}}}} (notes located like refusals).
    outcome = models.JSONField(_("outcome"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="core_job_percent_lte_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.id} ({self.status})"

    @property
    def is_done(self) -> bool:
        """Whether the worker has nothing left to do (a job under review waits for a person,
        not for the worker)."""
        return self.status in {
            self.Status.SUCCEEDED,
            self.Status.FAILED,
            self.Status.REVIEW,
            self.Status.CANCELLED,
        }
