"""Answering pages: my questionnaires, the start page, one page per section, the review
page, submission and the receipt. Each view parses, checks access, calls one service;
what is recorded is decided by the service, the same as for the API."""

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guild.core.bilingual import current_language
from guild.core.errors import ApplicationError
from guild.questionnaires.access import Respondent, access_questionnaire_for_answering
from guild.questionnaires.answering.answers import check_answers, visible_questions
from guild.questionnaires.answering.forms import SectionForm
from guild.questionnaires.answering.selectors import my_draft, my_questionnaires, my_receipt
from guild.questionnaires.answering.services import (
    Conflict,
    response_save,
    response_start,
    response_submit,
)
from guild.questionnaires.definition.selectors import latest_published_version, version_definition
from guild.questionnaires.definition.types import Definition, Question, QuestionType
from guild.questionnaires.models import Questionnaire

ACTIONS = {"next", "previous", "later"}


def _respondent(request: HttpRequest, questionnaire_id: int) -> Respondent:
    """The door, once per request: a POST records answers, so it needs the audience."""
    token = request.GET.get("key") or request.POST.get("key") or None
    return access_questionnaire_for_answering(
        request.user, questionnaire_id, token=token, to_answer=request.method == "POST"
    )


def _section_url(questionnaire: Questionnaire, number: int) -> str:
    return reverse("questionnaires:answer_section", args=[questionnaire.pk, number])


def _review_url(questionnaire: Questionnaire) -> str:
    return reverse("questionnaires:answer_review", args=[questionnaire.pk])


@login_required
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    mine = my_questionnaires(user=request.user)
    return render(
        request, "questionnaires/answer/list.html", {"open": mine.open, "receipts": mine.receipts}
    )


@login_required
def questionnaire_start(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    respondent = _respondent(request, questionnaire_id)
    questionnaire, user = respondent.questionnaire, respondent.user
    if request.method == "POST":
        draft = response_start(user=user, questionnaire=questionnaire)
        sections = len(version_definition(draft.version).sections)
        if draft.section >= sections:
            return redirect(_review_url(questionnaire))
        return redirect(_section_url(questionnaire, draft.section + 1))
    version = latest_published_version(questionnaire)
    definition = version_definition(version) if version else None
    context = {
        "questionnaire": questionnaire,
        "definition": definition,
        "description": (
            definition.description.get(current_language())
            if definition and definition.description
            else ""
        ),
        "draft": my_draft(user=user, questionnaire=questionnaire),
        "receipt": my_receipt(user=user, questionnaire=questionnaire),
        "is_open": questionnaire.is_open(),
        "key": request.GET.get("key", ""),
    }
    return render(request, "questionnaires/answer/start.html", context)


def _section_questions(
    definition: Definition, index: int, answers: dict[str, Any]
) -> list[Question]:
    codes = {q.code for q in definition.sections[index].questions}
    return [q for q in visible_questions(definition, answers) if q.code in codes]


def _render_section(
    request: HttpRequest,
    questionnaire: Questionnaire,
    definition: Definition,
    index: int,
    form: SectionForm,
    status: int = 200,
) -> HttpResponse:
    language = current_language()
    section = definition.sections[index]
    context = {
        "questionnaire": questionnaire,
        "section": section,
        "title": section.title.get(language),
        "description": section.description.get(language) if section.description else "",
        "number": index + 1,
        "total": len(definition.sections),
        "form": form,
        "items": [
            {
                "question": item.question,
                "label": item.question.label.get(language),
                "help": item.question.help.get(language) if item.question.help else "",
                "fields": [form[name] for name in item.names],
                "kind": item.question.type.value,
                "grouped": item.question.type
                in (
                    QuestionType.MATRIX,
                    QuestionType.RANKING,
                    QuestionType.SINGLE,
                    QuestionType.LIKERT,
                    QuestionType.MULTIPLE,
                ),
            }
            for item in form.question_fields
        ],
    }
    return render(request, "questionnaires/answer/section.html", context, status=status)


@login_required
def questionnaire_section(request: HttpRequest, questionnaire_id: int, number: int) -> HttpResponse:
    respondent = _respondent(request, questionnaire_id)
    questionnaire = respondent.questionnaire
    draft = my_draft(user=respondent.user, questionnaire=questionnaire)
    if draft is None:
        return redirect("questionnaires:answer_start", questionnaire.pk)
    definition = version_definition(draft.version)
    index = number - 1
    if not 0 <= index < len(definition.sections):
        return redirect(_section_url(questionnaire, 1))
    language = current_language()
    # The questions this page shows; on a POST, the ones it showed.
    shown = _section_questions(definition, index, draft.answers)
    if request.method != "POST":
        form = SectionForm(questions=shown, language=language, answers=draft.answers)
        return _render_section(request, questionnaire, definition, index, form)
    action = request.POST.get("action", "next")
    action = action if action in ACTIONS else "next"
    form = SectionForm(request.POST, questions=shown, language=language)
    if form.is_valid():
        try:
            saved = response_save(
                user=respondent.user,
                questionnaire=questionnaire,
                answers=form.raw_answers(),
                section=index,
                check_required=action == "next",
            )
        except ValidationError as error:
            form.add_answer_errors(error.message_dict)
        except Conflict as error:
            messages.error(request, error.message)
            return redirect("questionnaires:answer_start", questionnaire.pk)
    if form.errors:
        return _render_section(request, questionnaire, definition, index, form, status=400)
    if action == "later":
        messages.success(
            request, _("Your answers are saved. Come back any time before the closing date.")
        )
        return redirect("questionnaires:list")
    if action == "previous":
        return redirect(_section_url(questionnaire, max(1, number - 1)))
    section_codes = {q.code for q in definition.sections[index].questions}
    if (saved.shown & section_codes) - {q.code for q in shown}:
        messages.info(
            request, _("Your answers added questions to this section. Please answer them.")
        )
        return redirect(_section_url(questionnaire, number))
    if number >= len(definition.sections):
        return redirect(_review_url(questionnaire))
    return redirect(_section_url(questionnaire, number + 1))


def display_answer(question: Question, value: Any, language: str) -> list[str]:
    """An answer as lines of text in the page's language."""
    labels = {option.code: option.label.get(language) for option in question.options}
    if value is None:
        return []
    if question.type in (QuestionType.SINGLE, QuestionType.LIKERT):
        return [labels.get(value, str(value))]
    if question.type in (QuestionType.MULTIPLE, QuestionType.RANKING):
        lines = [labels.get(code, str(code)) for code in value]
        if question.type == QuestionType.RANKING:
            return [f"{position}. {line}" for position, line in enumerate(lines, start=1)]
        return lines
    if question.type == QuestionType.MATRIX:
        rows = {row.code: row.label.get(language) for row in question.rows}
        return [
            f"{rows.get(row, row)}: {labels.get(choice, choice)}" for row, choice in value.items()
        ]
    return [str(value)]


@login_required
def questionnaire_review(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    respondent = _respondent(request, questionnaire_id)
    questionnaire = respondent.questionnaire
    draft = my_draft(user=respondent.user, questionnaire=questionnaire)
    if draft is None:
        return redirect("questionnaires:answer_start", questionnaire.pk)
    definition = version_definition(draft.version)
    language = current_language()
    checked = check_answers(definition, draft.answers, complete=True)
    shown, errors = checked.shown, checked.errors
    section_of = {
        question.code: number
        for number, section in enumerate(definition.sections, start=1)
        for question in section.questions
    }
    missing = [
        {
            "section": section_of.get(code, 1),
            "label": definition.question(code).label.get(language) if code in section_of else code,
            "message": error.message,
        }
        for code, error in errors.items()
    ]
    sections = [
        {
            "number": number,
            "title": section.title.get(language),
            "answers": [
                {
                    "label": question.label.get(language),
                    "lines": display_answer(question, draft.answers.get(question.code), language),
                    "error": errors[question.code].message if question.code in errors else "",
                }
                for question in section.questions
                if question.code in shown
            ],
        }
        for number, section in enumerate(definition.sections, start=1)
    ]
    context = {
        "questionnaire": questionnaire,
        "sections": sections,
        "missing": missing,
        # A fresh key per rendering of this page: a double click or a retry of the same
        # submission sends the same key, so it can only be recorded once.
        "idempotency_key": secrets.token_urlsafe(24),
    }
    return render(request, "questionnaires/answer/review.html", context)


@login_required
@require_POST
def questionnaire_submit(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    respondent = _respondent(request, questionnaire_id)
    questionnaire = respondent.questionnaire
    try:
        response_submit(
            user=respondent.user,
            questionnaire=questionnaire,
            idempotency_key=request.POST.get("idempotency_key", ""),
        )
    except ValidationError as error:
        count = len(error.message_dict)
        messages.error(
            request,
            _("Some answers need your attention (%(count)s). Change them, then submit again.")
            % {"count": count},
        )
        return redirect(_review_url(questionnaire))
    except ApplicationError as error:
        if error.code != "already_responded":
            raise
        messages.info(request, error.message)
    return redirect("questionnaires:answer_receipt", questionnaire.pk)


@login_required
def questionnaire_receipt(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    respondent = _respondent(request, questionnaire_id)
    questionnaire = respondent.questionnaire
    receipt = my_receipt(user=respondent.user, questionnaire=questionnaire)
    if receipt is None:
        return redirect("questionnaires:answer_start", questionnaire.pk)
    return render(
        request,
        "questionnaires/answer/receipt.html",
        {"questionnaire": questionnaire, "receipt": receipt},
    )
