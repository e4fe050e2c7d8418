"""The review of a definition import through the API (ADR 16): read what a file brings
in, what reading it changed and what cannot come in (each at its sheet, row and column),
then import it as reviewed or cancel. The same rules as the review page: only the person
who started the import, while they manage the community; deciding twice gives the same
answer; a decision the job's state no longer allows is a 409."""

import uuid
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import codes_4xx

from guild.core.api_errors import ErrorOut
from guild.core.errors import ApplicationError, NotFound
from guild.core.jobs import job_outcome
from guild.core.models import Job
from guild.questionnaires.definition.services import (
    questionnaire_import_accept,
    questionnaire_import_cancel,
    questionnaire_import_review,
)

router = Router()


class ImportNotWaiting(ApplicationError):
    status = 409


class ReviewNoteOut(Schema):
    location: str = Field(..., description="`sheet!A5`, or the sheet alone.")
    sheet: str | None = None
    row: int | None = Field(None, description="The row as Excel numbers it.")
    column: str | None = Field(None, description="The header as written, with its letter.")
    message: str = Field(..., description="In the language of the request.")


class ImportReviewOut(Schema):
    id: uuid.UUID
    status: str = Field(
        ...,
        description="queued, running, review (waiting for a decision), succeeded, failed "
        "or cancelled.",
    )
    file_name: str
    questionnaire_id: int | None = Field(
        None, description="The questionnaire whose draft the import replaces, if any."
    )
    slug: str | None = Field(None, description="The short name of the questionnaire it creates.")
    summary: dict[str, Any] | None = Field(
        None,
        description="While waiting: counts of sections, questions, untranslated texts, "
        "notes, and the further languages kept.",
    )
    definition: dict[str, Any] | None = Field(
        None, description="While waiting: what importing saves, as Guild's definition JSON."
    )
    changed: list[ReviewNoteOut] = Field(
        default_factory=list, description="What comes in other than the file writes it."
    )
    dropped: list[ReviewNoteOut] = Field(
        default_factory=list, description="What cannot come in, and why."
    )
    version_id: int | None = Field(None, description="The draft version made, once imported.")


def _job_id(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise NotFound() from None


def _out(job: Job) -> ImportReviewOut:
    outcome = job_outcome(job)
    review = outcome.get("review") or {}
    waiting = job.status == Job.Status.REVIEW
    return ImportReviewOut(
        id=job.pk,
        status=job.status,
        file_name=str(job.params.get("file_name") or ""),
        questionnaire_id=job.params.get("questionnaire_id"),
        slug=job.params.get("slug"),
        summary=review.get("summary") if waiting else None,
        definition=(job.outcome or {}).get("review", {}).get("candidate") if waiting else None,
        changed=[ReviewNoteOut(**note) for note in review.get("changed", [])],
        dropped=[ReviewNoteOut(**note) for note in review.get("dropped", [])],
        version_id=outcome.get("id") if job.status == Job.Status.SUCCEEDED else None,
    )


@router.get(
    "/imports/{job_id}",
    response={200: ImportReviewOut, codes_4xx: ErrorOut},
    operation_id="questionnaire_import_review",
)
def questionnaire_import_review_read(request: HttpRequest, job_id: str) -> ImportReviewOut:
    """One of your definition imports: while it waits for your decision, what it brings
    in, what reading the file changed and what cannot come in, each at its cell."""
    return _out(questionnaire_import_review(actor=request.user, job_id=_job_id(job_id)))


@router.post(
    "/imports/{job_id}/accept",
    response={200: ImportReviewOut, codes_4xx: ErrorOut},
    operation_id="questionnaire_import_accept",
)
def questionnaire_import_accept_api(request: HttpRequest, job_id: str) -> ImportReviewOut:
    """Import as reviewed: exactly what the review shows is saved. Accepting an import
    already accepted answers the same; one cancelled, failed or still running is a 409."""
    key = _job_id(job_id)
    status = questionnaire_import_review(actor=request.user, job_id=key).status
    if status == Job.Status.SUCCEEDED:
        return _out(questionnaire_import_review(actor=request.user, job_id=key))
    if status != Job.Status.REVIEW:
        raise _not_waiting(status)
    return _out(questionnaire_import_accept(actor=request.user, job_id=key))


@router.post(
    "/imports/{job_id}/cancel",
    response={200: ImportReviewOut, codes_4xx: ErrorOut},
    operation_id="questionnaire_import_cancel",
)
def questionnaire_import_cancel_api(request: HttpRequest, job_id: str) -> ImportReviewOut:
    """Cancel: nothing is saved. Cancelling an import already cancelled answers the same;
    one imported, failed or still running is a 409."""
    key = _job_id(job_id)
    status = questionnaire_import_review(actor=request.user, job_id=key).status
    if status == Job.Status.CANCELLED:
        return _out(questionnaire_import_review(actor=request.user, job_id=key))
    if status != Job.Status.REVIEW:
        raise _not_waiting(status)
    return _out(questionnaire_import_cancel(actor=request.user, job_id=key))


def _not_waiting(status: str) -> ImportNotWaiting:
    return ImportNotWaiting(
        _("This import is not waiting for a decision: its status is “%(status)s”.")
        % {"status": Job.Status(status).label},
        code="import_not_waiting",
    )
