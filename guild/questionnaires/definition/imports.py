"""Starting a definition import: the upload is checked for size and stored on a job, and
a background task reads it (`definition.services.questionnaire_import_run`), so no web
request parses a workbook. A translator's workbook goes the same way
(`definition.services.translation_import_run`)."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from guild.accounts.models import User
from guild.core.bilingual import current_language
from guild.core.errors import ApplicationError, NotFound
from guild.core.jobs import job_create
from guild.core.models import Job
from guild.organizations.models import Community
from guild.questionnaires.access import can_manage_community
from guild.questionnaires.definition.selectors import draft_version
from guild.questionnaires.definition.services import IMPORT_JOB_KIND, TRANSLATION_JOB_KIND
from guild.questionnaires.definition.tasks import questionnaire_import_task, translation_import_task
from guild.questionnaires.models import Questionnaire


@transaction.atomic
def questionnaire_import_start(
    *,
    actor: User | AnonymousUser,
    upload: File,
    format: str,
    questionnaire: Questionnaire | None = None,
    community: Community | None = None,
    slug: str = "",
    anonymous: bool = True,
) -> Job:
    """Queue the import of a definition file into `questionnaire`'s draft, or into a new
    questionnaire of `community` with `slug`. What can be checked without reading the file
    is checked now (the manager's rights, the short name, the file's size); the job page
    then shows the draft, or every problem in the file."""
    if questionnaire is not None:
        community = questionnaire.community
    if community is None:
        raise ApplicationError(_("Choose a community."), code="invalid")
    if not can_manage_community(actor, community.pk):
        raise NotFound()
    params: dict[str, Any] = {
        "format": format,
        "language": current_language(),
        "file_name": (upload.name or "")[-200:],
    }
    if questionnaire is not None:
        params["questionnaire_id"] = questionnaire.pk
    else:
        if Questionnaire.objects.filter(community=community, slug=slug).exists():
            raise ValidationError(
                {"slug": [_("Another questionnaire of this community uses this short name.")]}
            )
        params.update(community_id=community.pk, slug=slug, anonymous=anonymous)
    job = job_create(owner=actor, kind=IMPORT_JOB_KIND, params=params, upload=upload)
    transaction.on_commit(lambda: questionnaire_import_task.enqueue(job_id=str(job.id)))
    return job


@transaction.atomic
def translation_import_start(
    *, actor: User | AnonymousUser, questionnaire: Questionnaire, upload: File
) -> Job:
    """Queue the reading of a translator's workbook (`translation.py`) into the draft's
    French texts; its job page then links back to the translation page, or lists every
    problem in the file."""
    if not can_manage_community(actor, questionnaire.community_id):
        raise NotFound()
    if draft_version(questionnaire) is None:
        raise ApplicationError(
            _("This questionnaire has no draft to translate: start a new version first."),
            code="no_draft",
        )
    params = {"questionnaire_id": questionnaire.pk, "language": current_language()}
    job = job_create(owner=actor, kind=TRANSLATION_JOB_KIND, params=params, upload=upload)
    transaction.on_commit(lambda: translation_import_task.enqueue(job_id=str(job.id)))
    return job
