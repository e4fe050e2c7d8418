"""Starting a framework import: the upload is checked for size and stored on a job, and a
background task reads it (`services.frameworks.framework_import_run`), so no request
parses a CASE package or a CSV file."""

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser
from guild.competencies.access import can_manage_frameworks
from guild.competencies.models import Framework, FrameworkVersion, ProficiencyLevel
from guild.competencies.services.frameworks import (
    FORMAT_CASE,
    FORMAT_CSV,
    FRAMEWORK_IMPORT_JOB_KIND,
)
from guild.competencies.tasks import framework_import_task
from guild.core.bilingual import current_language
from guild.core.errors import NotFound
from guild.core.jobs import job_create
from guild.core.models import Job
from guild.organizations.models import Community


@transaction.atomic
def framework_import_start(
    *,
    actor: AnyUser,
    community: Community,
    upload: File,
    file_format: str,
    framework: Framework | None = None,
    title_en: str = "",
    title_fr: str = "",
    scale_version: FrameworkVersion | None = None,
) -> Job:
    """Queue the import of a CASE 1.0 or 1.1 package (`file_format` "case") or a CSV file
    ("csv": Guild's layout or OpenSALT's, with the framework's titles) as a draft: a new
    framework of `community`, or the next version of `framework`. Items that bring no
    levels of their own take the proficiency scale of `scale_version` (a version of one of
    the community's frameworks; the IM framework's scale without it). What can be checked
    without reading the file is checked now (the manager's rights, the framework, the
    scale, the titles, the file's size)."""
    if not can_manage_frameworks(actor, community.pk):
        raise NotFound()
    if framework is not None and framework.community_id != community.pk:
        raise ValidationError({"framework": [_("Choose a framework of this community.")]})
    if scale_version is not None and scale_version.framework.community_id != community.pk:
        raise ValidationError(
            {"scale": [_("Choose the scale of one of this community's frameworks.")]}
        )
    if file_format not in (FORMAT_CASE, FORMAT_CSV):
        raise ValidationError({"file_format": [_("Choose CASE JSON or CSV.")]})
    if file_format == FORMAT_CSV:
        missing = {
            name: [_("A CSV import needs the framework's title.")]
            for name, value in (("title_en", title_en), ("title_fr", title_fr))
            if not value.strip()
        }
        if missing:
            raise ValidationError(missing)
    job = job_create(
        owner=actor,
        kind=FRAMEWORK_IMPORT_JOB_KIND,
        params={
            "community_id": community.pk,
            "framework_id": framework.pk if framework is not None else None,
            "file_format": file_format,
            "title_en": title_en,
            "title_fr": title_fr,
            "language": current_language(),
            "levels_scale": _scale(scale_version),
        },
        upload=upload,
    )
    transaction.on_commit(lambda: framework_import_task.enqueue(job_id=str(job.id)))
    return job


def _scale(version: FrameworkVersion | None) -> list[dict[str, object]]:
    if version is None:
        return []
    return [
        {"level": row.level, "name_en": row.name_en, "name_fr": row.name_fr}
        for row in ProficiencyLevel.objects.filter(version=version).order_by("level")
    ]
