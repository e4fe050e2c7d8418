"""Framework imports through the API: upload a CASE 1.0 package or a CSV file, get 202
and a job to poll; the job ends with the draft version, or every problem with its place,
in the language of the poll."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile
from ninja.responses import codes_4xx

from guild.competencies.models import Framework, FrameworkVersion
from guild.competencies.services.framework_imports import framework_import_start
from guild.competencies.services.frameworks import FRAMEWORK_IMPORT_JOB_KIND
from guild.core.api_errors import ErrorOut
from guild.core.errors import NotFound
from guild.core.jobs import job_outcome
from guild.core.models import Job
from guild.organizations.models import Community

router = Router()  # mounted by the competencies router, whose tag it takes


class FrameworkImportIn(Schema):
    community_id: int
    framework_id: int | None = Field(
        None, description="Import as the next version of this framework; a new one if absent."
    )
    file_format: Literal["case", "csv"] = Field(
        ...,
        description="`case`: a 1EdTech CASE 1.0 or 1.1 package (JSON); `csv`: Guild's layout "
        "or OpenSALT's (told apart by the header).",
    )
    scale_version_id: int | None = Field(
        None,
        description="Items that bring no levels of their own take the proficiency scale of "
        "this framework version of the community; the default scale if absent.",
    )
    title_en: str = Field("", description="The framework's title, for a CSV file.")
    title_fr: str = Field("", description="The framework's French title, for a CSV file.")


class ImportProblemOut(Schema):
    location: str = Field(..., description="JSON path ($.CFItems[2].…) or CSV row and column.")
    message: str


class FrameworkImportOut(Schema):
    id: UUID
    status: str = Field(..., description="queued, running, succeeded or failed")
    percent: int
    message: str
    status_url: str = Field(..., description="Poll this URL until the job is done.")
    version_id: int | None = Field(None, description="The draft version, once imported.")
    framework_id: int | None = None
    summary: str | None = Field(None, description="Why the file was refused; nothing saved.")
    problems: list[ImportProblemOut] = Field(default_factory=list)
    created_at: datetime
    finished_at: datetime | None = None


def _import_out(job: Job) -> FrameworkImportOut:
    outcome = job_outcome(job)
    version = (
        FrameworkVersion.objects.filter(pk=outcome["id"]).first()
        if job.status == Job.Status.SUCCEEDED and outcome.get("id")
        else None
    )
    refusal = outcome.get("refusal") or {}
    return FrameworkImportOut.model_validate(
        {
            "id": job.id,
            "status": job.status,
            "percent": job.percent,
            "message": job.message,
            "status_url": reverse("api-1.0.0:competency_framework_import_status", args=[job.id]),
            "version_id": version.pk if version else None,
            "framework_id": version.framework_id if version else None,
            "summary": refusal.get("summary"),
            "problems": [
                {"location": p["location"], "message": p["message"]}
                for p in refusal.get("problems", [])
            ],
            "created_at": job.created_at,
            "finished_at": job.finished_at,
        }
    )


@router.post(
    "/frameworks/imports",
    response={202: FrameworkImportOut, codes_4xx: ErrorOut},
    operation_id="competency_framework_import",
)
def framework_import(
    request: HttpRequest, payload: Form[FrameworkImportIn], file: File[UploadedFile]
) -> Status[FrameworkImportOut]:
    """Upload a framework file (multipart, at most 5 MB); it is read in the background.
    Poll `status_url`: the job ends with the draft version, or refused with every problem
    and its place, nothing saved."""
    community = Community.objects.filter(pk=payload.community_id).first()
    if community is None:
        raise NotFound()
    framework = None
    if payload.framework_id:
        framework = Framework.objects.filter(pk=payload.framework_id).first()
        if framework is None:
            raise NotFound()
    scale_version = None
    if payload.scale_version_id:
        scale_version = (
            FrameworkVersion.objects.select_related("framework")
            .filter(pk=payload.scale_version_id)
            .first()
        )
        if scale_version is None:
            raise NotFound()
    job = framework_import_start(
        actor=request.user,
        community=community,
        upload=file,
        file_format=payload.file_format,
        framework=framework,
        scale_version=scale_version,
        title_en=payload.title_en,
        title_fr=payload.title_fr,
    )
    job.refresh_from_db()
    return Status(202, _import_out(job))


@router.get(
    "/frameworks/imports/{job_id}",
    response={200: FrameworkImportOut, codes_4xx: ErrorOut},
    operation_id="competency_framework_import_status",
    url_name="competency_framework_import_status",
)
def framework_import_status(request: HttpRequest, job_id: UUID) -> FrameworkImportOut:
    """One of your framework imports: its progress, then its draft version or problems."""
    job = Job.objects.filter(
        pk=job_id, owner_id=request.user.pk, kind=FRAMEWORK_IMPORT_JOB_KIND
    ).first()
    if job is None:
        raise NotFound()
    return _import_out(job)
