"""The answers to a text question of an identified questionnaire, for those who manage it:
a page of 50 at a time with a filter, and the same answers as CSV; both audited
(results/open_text.py says who and why)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from guild.core.bilingual import current_language
from guild.questionnaires.results.open_text import (
    PER_PAGE,
    access_open_text,
    open_text_answers,
    open_text_csv,
    open_text_export_record,
    open_text_page,
    open_text_read_record,
    open_text_search,
)


@login_required
def open_text_read(request: HttpRequest, questionnaire_id: int, question_code: str) -> HttpResponse:
    target = access_open_text(request.user, questionnaire_id, question_code)
    search = open_text_search(request.GET.get("q"))
    answers = open_text_answers(target, search=search)
    page = open_text_page(answers, request.GET.get("page"))
    open_text_read_record(actor=request.user, target=target, page=page.number, search=search)  # type: ignore[arg-type]
    context = {
        "questionnaire": target.questionnaire,
        "question": target.question,
        "label": target.question.label.get(current_language()),
        "search": search,
        "page": page,
        "total": len(answers),
        "first": (page.number - 1) * PER_PAGE + 1,
    }
    return render(request, "questionnaires/results/open_text.html", context)


@login_required
def open_text_download(
    request: HttpRequest, questionnaire_id: int, question_code: str
) -> HttpResponse:
    target = access_open_text(request.user, questionnaire_id, question_code)
    search = open_text_search(request.GET.get("q"))
    answers = open_text_answers(target, search=search)
    headers = [_("Respondent"), _("Answered on (UTC)"), _("Answer")]
    body = open_text_csv(answers, headers=headers)
    open_text_export_record(
        actor=request.user,  # type: ignore[arg-type]
        target=target,
        search=search,
        rows=len(answers),
    )
    filename = f"{target.questionnaire.slug}-{target.question.code}.csv"
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
