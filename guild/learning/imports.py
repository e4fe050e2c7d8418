"""Starting a course import: the upload is checked for size and kind and stored on a job,
and a background task reads it (`services.course_import_run`), so no request parses a
spreadsheet."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser
from guild.core.bilingual import current_language
from guild.core.errors import NotFound
from guild.core.jobs import job_create
from guild.core.models import Job
from guild.learning.access import can_manage_catalogue
from guild.learning.course_file import FORMAT_CSV, FORMAT_XLSX
from guild.learning.services import COURSE_IMPORT_JOB_KIND
from guild.learning.tasks import course_import_task
from guild.organizations.models import Community

EXTENSIONS = {".csv": FORMAT_CSV, ".xlsx": FORMAT_XLSX}


def file_format_of(name: str) -> str:
    """The format a file's name says ("csv" or "xlsx"); ValidationError for any other."""
    found = EXTENSIONS.get(Path(name or "").suffix.lower())
    if found is None:
        raise ValidationError({"file": [_("Upload a .csv or .xlsx file.")]})
    return found


@transaction.atomic
def course_import_start(*, actor: AnyUser, community: Community, upload: File) -> Job:
    """Queue the import of a course file (CSV or XLSX, the template's columns) into the
    community's catalogue. The manager's rights, the file's kind and its size are checked
    now; `UploadTooLarge` refuses an oversized file before anything is stored."""
    if not can_manage_catalogue(actor, community.pk):
        raise NotFound()
    file_format = file_format_of(upload.name or "")
    job = job_create(
        owner=actor,
        kind=COURSE_IMPORT_JOB_KIND,
        params={
            "community_id": community.pk,
            "file_format": file_format,
            "language": current_language(),
        },
        upload=upload,
    )
    transaction.on_commit(lambda: course_import_task.enqueue(job_id=str(job.id)))
    return job
