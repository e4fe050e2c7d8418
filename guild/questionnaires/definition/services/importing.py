"""Files that come in: a definition file read now (`questionnaire_import`) or by a job,
which waits for the person who started it when Guild reads the file with changes, or with
parts it cannot keep (`questionnaire_import_accept` / `questionnaire_import_cancel`); and
translation workbooks, read by a job into the draft."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from guild.accounts.models import User
from guild.core.errors import ApplicationError, NotFound
from guild.core.jobs import (
    Refusal,
    Review,
    ReviewNeeded,
    job_for_decision,
    job_import_run,
    job_refusal,
    job_review_accepted,
    job_review_cancelled,
)
from guild.core.models import Job
from guild.organizations.models import Community
from guild.questionnaires.definition.formats import definition_read
from guild.questionnaires.definition.json_codec import definition_from_json, definition_to_json
from guild.questionnaires.definition.problems import DefinitionError, Problem
from guild.questionnaires.definition.review import Reading, ReviewRequired
from guild.questionnaires.definition.services.checks import check_manager, draft_json
from guild.questionnaires.definition.services.questionnaires import questionnaire_create
from guild.questionnaires.definition.services.versions import (
    draft_or_refuse,
    version_translate,
    version_update_draft,
)
from guild.questionnaires.definition.translation import translation_read
from guild.questionnaires.definition.types import Definition
from guild.questionnaires.models import Questionnaire, QuestionnaireVersion, VersionStatus


@transaction.atomic
def questionnaire_import(
    *,
    actor: User | AnonymousUser | None,
    content: bytes,
    format: str,
    questionnaire: Questionnaire | None = None,
    community: Community | None = None,
    slug: str = "",
    reviewed: bool = False,
    **settings: Any,
) -> QuestionnaireVersion:
    """Read a definition file (`format` "xlsform" or "json") into the questionnaire's
    draft (replacing it, or starting the next version). Without a questionnaire, creates
    one in `community` with `slug` and `settings`. A file with problems is refused with
    all of them (`DefinitionError`) and nothing is saved. A file read with changes or with
    parts left out is refused with them (`ReviewRequired`) unless `reviewed` says the caller
    accepts what the review shows (ADR 16): nothing is imported silently."""
    reading = definition_read(content, format)
    if reading.needs_review and not reviewed:
        raise ReviewRequired(reading)
    return _import_definition(
        actor=actor,
        definition=reading.definition,
        questionnaire=questionnaire,
        community=community,
        slug=slug,
        **settings,
    )


def _import_definition(
    *,
    actor: User | AnonymousUser | None,
    definition: Definition,
    questionnaire: Questionnaire | None,
    community: Community | None,
    slug: str = "",
    **settings: Any,
) -> QuestionnaireVersion:
    if questionnaire is None:
        if community is None:
            raise ApplicationError(_("Choose a community."), code="invalid")
        created = questionnaire_create(
            actor=actor, community=community, slug=slug, definition=definition, **settings
        )
        return created.versions.get(status=VersionStatus.DRAFT)
    return version_update_draft(actor=actor, questionnaire=questionnaire, definition=definition)


IMPORT_JOB_KIND = "questionnaires.definition_import"
TRANSLATION_JOB_KIND = "questionnaires.translation_import"


def _job_target(job: Job) -> tuple[Questionnaire | None, Community | None]:
    """The questionnaire whose draft an import job replaces, or the community where it
    creates one; `NotFound` when the questionnaire is gone."""
    params = job.params
    if params.get("questionnaire_id"):
        questionnaire = (
            Questionnaire.objects.select_related("community")
            .filter(pk=params["questionnaire_id"])
            .first()
        )
        if questionnaire is None:
            raise NotFound()
        return questionnaire, questionnaire.community
    return None, Community.objects.filter(pk=params.get("community_id")).first()


def _import_into_target(job: Job, definition: Definition) -> QuestionnaireVersion:
    questionnaire, community = _job_target(job)
    if questionnaire is not None:
        return _import_definition(
            actor=job.owner, definition=definition, questionnaire=questionnaire, community=None
        )
    return _import_definition(
        actor=job.owner,
        definition=definition,
        questionnaire=None,
        community=community,
        slug=job.params["slug"],
        anonymous=job.params["anonymous"],
    )


def _review_summary(reading: Reading) -> dict[str, Any]:
    definition = reading.definition
    return {
        "sections": len(definition.sections),
        "questions": len(definition.questions),
        "languages": list(reading.languages),
        "untranslated": reading.untranslated,
        "changed": len(reading.changed),
        "dropped": len(reading.dropped),
    }


def _import_from_job(job: Job, content: bytes) -> QuestionnaireVersion:
    reading = definition_read(
        content, job.params["format"], file_name=str(job.params.get("file_name") or "")
    )
    if reading.needs_review:
        # Checked now, so a file that could never be saved is refused, not reviewed.
        draft_json(reading.definition)
        raise ReviewNeeded(
            Review(
                candidate=definition_to_json(reading.definition),
                summary=_review_summary(reading),
                changed=[_problem_row(p) for p in reading.changed],
                dropped=[_problem_row(p) for p in reading.dropped],
                link=(
                    reverse("questionnaires:manage_import_review", args=[job.pk]),
                    _("Review what the file brings in, and decide"),
                ),
            )
        )
    return _import_into_target(job, reading.definition)


def _problem_row(problem: Problem) -> dict[str, Any]:
    column = problem.column
    if column and problem.column_letter:
        column = f"{column} ({problem.column_letter})"
    return {
        "location": problem.location,
        "sheet": problem.sheet,
        "row": problem.row,
        "column": column,
        "message": problem.message,
    }


def _import_refusal(error: Exception) -> Refusal | None:
    if isinstance(error, DefinitionError):
        return Refusal(str(error.message), [_problem_row(p) for p in error.problems])
    return job_refusal(error)


def _import_link(version: QuestionnaireVersion) -> tuple[str, str]:
    return (
        reverse("questionnaires:manage_detail", args=[version.questionnaire_id]),
        _("Open the draft of version %(number)d") % {"number": version.number},
    )


def questionnaire_import_run(*, job_id: str) -> None:
    """The body of a definition import job (`questionnaire_import_start`): read the stored
    file into the draft, or keep every problem found, located, in both languages. A file
    read with changes or with parts left out waits for its owner's review instead, with
    nothing saved. A finished job is left alone."""
    job_import_run(job_id=job_id, run=_import_from_job, refused=_import_refusal, link=_import_link)


def _decided_job(actor: User | AnonymousUser, job_id: Any) -> Job:
    job = job_for_decision(owner=actor, job_id=job_id, kind=IMPORT_JOB_KIND)
    _questionnaire, community = _job_target(job)
    if community is None:
        raise NotFound()
    check_manager(actor, community)
    return job


def questionnaire_import_review(*, actor: User | AnonymousUser, job_id: Any) -> Job:
    """The import job `actor` started, for its review page: `NotFound` for anyone else,
    or once the actor no longer manages the community."""
    with transaction.atomic():
        return _decided_job(actor, job_id)


@transaction.atomic
def questionnaire_import_accept(*, actor: User | AnonymousUser, job_id: Any) -> Job:
    """Import the definition of a job waiting for review, exactly as an import that needed
    none (the draft replaced, or the questionnaire created; audited). A job already
    decided is left as it is."""
    job = _decided_job(actor, job_id)
    if job.status != Job.Status.REVIEW:
        return job
    definition = definition_from_json(job.outcome["review"]["candidate"])
    version = _import_into_target(job, definition)
    return job_review_accepted(job, version, _import_link)


@transaction.atomic
def questionnaire_import_cancel(*, actor: User | AnonymousUser, job_id: Any) -> Job:
    """Drop a job waiting for review: nothing is saved. A job already decided is left as
    it is."""
    job = _decided_job(actor, job_id)
    if job.status != Job.Status.REVIEW:
        return job
    return job_review_cancelled(job)


def _translation_from_job(job: Job, content: bytes) -> QuestionnaireVersion:
    questionnaire = Questionnaire.objects.filter(pk=job.params["questionnaire_id"]).first()
    if questionnaire is None:
        raise NotFound()
    draft = draft_or_refuse(questionnaire)
    texts = translation_read(content, definition_from_json(draft.definition))
    return version_translate(actor=job.owner, questionnaire=questionnaire, texts=texts)


def _translation_link(version: QuestionnaireVersion) -> tuple[str, str]:
    return (
        reverse("questionnaires:manage_translate", args=[version.questionnaire_id]),
        _("Open the translation page"),
    )


def translation_import_run(*, job_id: str) -> None:
    """The body of a translation workbook import (`translation_import_start`): the French
    texts into the draft, all or none, or every problem located in both languages."""
    job_import_run(
        job_id=job_id, run=_translation_from_job, refused=_import_refusal, link=_translation_link
    )
