"""Job records: what a page polls to draw a progress bar for background work."""

from pathlib import Path
from typing import Any
from uuid import UUID

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone

from guild.core.models import Job


def job_create(*, owner: Any, kind: str, params: dict[str, Any] | None = None) -> Job:
    return Job.objects.create(owner=owner, kind=kind, params=params or {})


def job_progress(*, job_id: UUID | str, percent: int, message: str = "") -> None:
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.RUNNING, percent=max(0, min(100, percent)), message=message[:255]
    )


@transaction.atomic
def job_succeed(*, job_id: UUID | str, content: bytes, file_name: str, message: str = "") -> Job:
    job = Job.objects.select_for_update().get(pk=job_id)
    job.result_file.save(f"{job.id}-{file_name}", ContentFile(content), save=False)
    job.result_name = file_name
    job.status = Job.Status.SUCCEEDED
    job.percent = 100
    job.message = message[:255]
    job.finished_at = timezone.now()
    job.save()
    return job


@transaction.atomic
def job_succeed_file(
    *, job_id: UUID | str, path: str | Path, file_name: str, message: str = ""
) -> Job:
    """Like `job_succeed`, for a result already written to a file: the storage copies it
    in chunks, so a large export is never read into memory."""
    job = Job.objects.select_for_update().get(pk=job_id)
    with Path(path).open("rb") as handle:
        job.result_file.save(f"{job.id}-{file_name}", File(handle), save=False)
    job.result_name = file_name
    job.status = Job.Status.SUCCEEDED
    job.percent = 100
    job.message = message[:255]
    job.finished_at = timezone.now()
    job.save()
    return job


def job_fail(*, job_id: UUID | str, message: str) -> None:
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.FAILED, message=message[:255], finished_at=timezone.now()
    )


def job_for_owner(*, owner: Any, job_id: UUID | str) -> Job | None:
    return Job.objects.filter(pk=job_id, owner=owner).first()
