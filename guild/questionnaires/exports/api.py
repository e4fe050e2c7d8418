"""Export jobs through the API: create one, poll its status, download its file."""

from datetime import datetime
from uuid import UUID

from django.http import FileResponse, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.responses import codes_4xx
from pydantic import ConfigDict

from guild.core.api_errors import ErrorOut
from guild.core.errors import ApplicationError
from guild.core.models import Job
from guild.questionnaires.access import access_questionnaire_exports
from guild.questionnaires.exports.kinds import ExportFormat, ExportKind
from guild.questionnaires.exports.selectors import my_export_job
from guild.questionnaires.exports.services import questionnaire_export_start

router = Router()


class ExportIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: ExportKind = Field(
        ...,
        description="`rows`: one row per response (programme administrators only); "
        "`aggregate`: frequencies with disclosure control.",
    )
    format: ExportFormat = Field(
        ..., description="`csv`, `xlsx` (with a codebook sheet) or `sav` (SPSS, rows only)."
    )


class ExportJobOut(Schema):
    id: UUID
    kind: str
    format: str
    questionnaire_id: int
    status: str = Field(..., description="queued, running, succeeded or failed")
    percent: int
    message: str
    file_name: str | None = None
    download_url: str | None = Field(None, description="Present once the job has succeeded.")
    created_at: datetime
    finished_at: datetime | None = None


def _job_out(job: Job) -> ExportJobOut:
    done = job.status == Job.Status.SUCCEEDED and bool(job.result_file)
    return ExportJobOut(
        id=job.id,
        kind=job.params.get("kind", ""),
        format=job.params.get("format", ""),
        questionnaire_id=job.params.get("questionnaire_id", 0),
        status=job.status,
        percent=job.percent,
        message=job.message,
        file_name=job.result_name or None,
        download_url=reverse("api-1.0.0:questionnaire_export_download", args=[job.id])
        if done
        else None,
        created_at=job.created_at,
        finished_at=job.finished_at,
    )


class ExportNotReady(ApplicationError):
    status = 409


@router.post(
    "/{questionnaire_id}/exports",
    response={202: ExportJobOut, codes_4xx: ErrorOut},
    operation_id="questionnaire_export_create",
)
def questionnaire_export_create(
    request: HttpRequest, questionnaire_id: int, payload: ExportIn
) -> Status[ExportJobOut]:
    """Start an export job; poll its status, then download the file."""
    questionnaire, _rights = access_questionnaire_exports(request.user, questionnaire_id)
    job = questionnaire_export_start(
        user=request.user,
        questionnaire=questionnaire,
        kind=payload.kind.value,
        format=payload.format.value,
    )
    job.refresh_from_db()
    return Status(202, _job_out(job))


@router.get(
    "/exports/{job_id}",
    response={200: ExportJobOut, codes_4xx: ErrorOut},
    operation_id="questionnaire_export_status",
)
def questionnaire_export_status(request: HttpRequest, job_id: UUID) -> ExportJobOut:
    """The status of one of your export jobs."""
    return _job_out(my_export_job(user=request.user, job_id=job_id))


@router.get(
    "/exports/{job_id}/download",
    response={codes_4xx: ErrorOut},
    operation_id="questionnaire_export_download",
    openapi_extra={
        "responses": {
            200: {
                "description": "The exported file.",
                "content": {
                    "text/csv": {"schema": {"type": "string", "format": "binary"}},
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                        "schema": {"type": "string", "format": "binary"}
                    },
                    "application/x-spss-sav": {"schema": {"type": "string", "format": "binary"}},
                },
            }
        }
    },
)
def questionnaire_export_download(request: HttpRequest, job_id: UUID) -> FileResponse:
    """The file of one of your finished export jobs."""
    job = my_export_job(user=request.user, job_id=job_id)
    if job.status != Job.Status.SUCCEEDED or not job.result_file:
        raise ExportNotReady(
            _("The export has not finished: its status is %(status)s.")
            % {"status": job.get_status_display()},
            code="export_not_ready",
        )
    return FileResponse(job.result_file.open("rb"), as_attachment=True, filename=job.result_name)
