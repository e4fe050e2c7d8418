"""Starting questionnaire exports: checked, audited, then run as a background job."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils.translation import gettext as _

from guild.accounts.models import User
from guild.core.audit import audit_record
from guild.core.bilingual import current_language
from guild.core.errors import ApplicationError, NotFound, PermissionDenied
from guild.core.jobs import job_create
from guild.core.models import Job
from guild.questionnaires.access import can_export_aggregate, can_export_rows, knows_questionnaire
from guild.questionnaires.exports.kinds import JOB_KIND, ExportFormat, ExportKind
from guild.questionnaires.exports.tasks import questionnaire_export_task
from guild.questionnaires.models import Questionnaire


@transaction.atomic
def questionnaire_export_start(
    *, user: User | AnonymousUser, questionnaire: Questionnaire, kind: str, format: str
) -> Job:
    """Queue an export. Row-level files (one row per response) are for the community's
    programme administrators and platform administrators only, and audited; an anonymous
    questionnaire's are protected microdata (its quasi-identifiers made k-anonymous with
    k = its threshold, exports/protected.py). Frequency tables, suppressed as on the
    results pages, are also for the community's committee."""
    if kind not in {k.value for k in ExportKind}:
        raise ApplicationError(
            _("Choose what to export: responses or frequencies."),
            code="invalid_export_kind",
            fields={"kind": [_("Unknown kind: %(kind)s.") % {"kind": kind}]},
        )
    if format not in {f.value for f in ExportFormat}:
        raise ApplicationError(
            _("Choose a file format: CSV, XLSX or SPSS."),
            code="invalid_export_format",
            fields={"format": [_("Unknown format: %(format)s.") % {"format": format}]},
        )
    if kind == ExportKind.AGGREGATE and format == ExportFormat.SAV:
        raise ApplicationError(
            _("Frequencies are exported as CSV or XLSX; SPSS files hold responses."),
            code="invalid_export_format",
            fields={"format": [_("Choose CSV or XLSX for frequencies.")]},
        )
    allowed = (
        can_export_rows(user, questionnaire)
        if kind == ExportKind.ROWS
        else can_export_aggregate(user, questionnaire)
    )
    if not allowed:
        if knows_questionnaire(user, questionnaire):
            raise PermissionDenied()
        raise NotFound()
    job = job_create(
        owner=user,
        kind=JOB_KIND,
        params={
            "questionnaire_id": questionnaire.pk,
            "kind": kind,
            "format": format,
            "language": current_language(),
        },
    )
    if kind == ExportKind.ROWS:
        changes: dict[str, Any] = {
            "format": format,
            "job": str(job.id),
            "anonymous": questionnaire.anonymous,
        }
        if questionnaire.anonymous:
            # Protected microdata: quasi-identifiers k-anonymous with k = the threshold.
            changes.update(protected=True, threshold=questionnaire.threshold)
        audit_record(
            actor=user,
            action="questionnaire.export_identified"
            if not questionnaire.anonymous
            else "questionnaire.export_responses",
            obj=questionnaire,
            changes=changes,
        )
    transaction.on_commit(lambda: questionnaire_export_task.enqueue(job_id=str(job.id)))
    return job
