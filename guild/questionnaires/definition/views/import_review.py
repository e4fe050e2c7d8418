"""The review of an import that needs a decision: what the file brings in, accepted or
cancelled by the person who started it."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guild.core.bilingual import current_language
from guild.core.errors import ApplicationError, NotFound
from guild.core.jobs import job_outcome
from guild.core.models import Job
from guild.questionnaires.definition.json_codec import definition_from_json
from guild.questionnaires.definition.services import (
    questionnaire_import_accept,
    questionnaire_import_cancel,
    questionnaire_import_review,
)
from guild.questionnaires.definition.types import Definition
from guild.questionnaires.models import Questionnaire


def _review_sections(definition: Definition) -> list[dict[str, Any]]:
    language = current_language()
    return [
        {
            "code": section.code,
            "title": section.title.get(language),
            "questions": len(section.questions),
        }
        for section in definition.sections
    ]


@login_required
def manage_import_review(request: HttpRequest, job_id: str) -> HttpResponse:
    job = questionnaire_import_review(actor=request.user, job_id=job_id)
    if job.status != Job.Status.REVIEW:
        return redirect("core:job_detail", job.pk)
    definition = definition_from_json(job.outcome["review"]["candidate"])
    questionnaire = (
        Questionnaire.objects.filter(pk=job.params.get("questionnaire_id")).first()
        if job.params.get("questionnaire_id")
        else None
    )
    return render(
        request,
        "questionnaires/manage/review.html",
        {
            "job": job,
            "review": job_outcome(job)["review"],
            "title": definition.title.get(current_language()),
            "sections": _review_sections(definition),
            "questionnaire": questionnaire,
            "slug": job.params.get("slug", ""),
        },
    )


@login_required
@require_POST
def manage_import_accept(request: HttpRequest, job_id: str) -> HttpResponse:
    waiting = questionnaire_import_review(actor=request.user, job_id=job_id).status
    try:
        job = questionnaire_import_accept(actor=request.user, job_id=job_id)
    except NotFound:
        raise
    except (ValidationError, ApplicationError) as error:
        message = error.message if isinstance(error, ApplicationError) else error.messages[0]
        messages.error(request, message)
        return redirect("questionnaires:manage_import_review", job_id)
    outcome = job_outcome(job)
    if waiting != Job.Status.REVIEW or "link" not in outcome:
        return redirect("core:job_detail", job.pk)
    messages.success(request, _("The file was imported as reviewed."))
    return redirect(outcome["link"]["url"])


@login_required
@require_POST
def manage_import_cancel(request: HttpRequest, job_id: str) -> HttpResponse:
    waiting = questionnaire_import_review(actor=request.user, job_id=job_id).status
    job = questionnaire_import_cancel(actor=request.user, job_id=job_id)
    if waiting == Job.Status.REVIEW:
        messages.info(request, _("The import was cancelled; nothing was saved."))
    return redirect("core:job_detail", job.pk)
