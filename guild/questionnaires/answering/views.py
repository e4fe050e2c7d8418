"""Answering pages: my questionnaires, the start page, one page per section, the review
page, submission and the receipt. Each view parses, checks access, calls one service;
what is recorded is decided by the service, the same as for the API."""

import secrets
from collections.abc import Collection
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
from guild.questionnaires.answering.answers import (
    check_answers,
    derived_codes,
    visible_questions,
)
from guild.questionnaires.answering.forms import SectionForm
from guild.questionnaires.answering.page import (
    display_answer,
    page_defaults,
    page_options,
    reference_values,
)
from guild.questionnaires.answering.selectors import my_draft, my_questionnaires, my_receipt
from guild.questionnaires.answering.services import (
    Conflict,
    response_save,
    response_start,
    response_submit,
)
from guild.questionnaires.definition.labels import render_references
from guild.questionnaires.definition.selectors import latest_published_version, version_definition
from guild.questionnaires.definition.types import ANSWERED_TYPES, Definition, Question, QuestionType
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
    """The questions the page shows: calculations are worked out, never shown."""
    codes = {q.code for q in definition.sections[index].questions}
    return [
        q
        for q in visible_questions(definition, answers)
        if q.code in codes and q.type != QuestionType.CALCULATE
    ]


def _section_form(
    definition: Definition,
    questions: list[Question],
    answers: dict[str, Any],
    *,
    data: Any = None,
    declined: Collection[str] = (),
) -> SectionForm:
    language = current_language()
    options = page_options(definition, questions, answers)
    return SectionForm(
        data,
        questions=questions,
        language=language,
        answers=None if data is not None else answers,
        values=reference_values(definition, answers, language),
        offered=options.offered,
        option_filters=options.filters,
        defaults=page_defaults(questions, answers, declined) if data is None else None,
    )


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
    items = [
        {
            "question": item.question,
            "label": form.live_text(item.question.label),
            "help": form.live_text(item.question.help),
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
    ]
    context = {
        "questionnaire": questionnaire,
        "section": section,
        "title": section.title.get(language),
        "description": section.description.get(language) if section.description else "",
        "number": index + 1,
        "total": len(definition.sections),
        "form": form,
        "filtered": bool(form.option_filters),
        "live": form.has_live_references,
        "items": items,
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
    # The questions this page shows; on a POST, the ones it showed.
    shown = _section_questions(definition, index, draft.answers)
    if request.method != "POST":
        form = _section_form(definition, shown, draft.answers, declined=draft.declined)
        return _render_section(request, questionnaire, definition, index, form)
    action = request.POST.get("action", "next")
    action = action if action in ACTIONS else "next"
    form = _section_form(definition, shown, draft.answers, data=request.POST)
    if form.is_valid():
        try:
            saved = response_save(
                user=respondent.user,
                questionnaire=questionnaire,
                answers=form.raw_answers(),
                section=index,
                check_required=action == "next",
                shown_on_page=[q.code for q in shown],
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
    section_codes = {
        q.code for q in definition.sections[index].questions if q.type != QuestionType.CALCULATE
    }
    if (saved.shown & section_codes) - {q.code for q in shown}:
        messages.info(
            request, _("Your answers added questions to this section. Please answer them.")
        )
        return redirect(_section_url(questionnaire, number))
    if number >= len(definition.sections):
        return redirect(_review_url(questionnaire))
    return redirect(_section_url(questionnaire, number + 1))


@login_required
def questionnaire_review(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    respondent = _respondent(request, questionnaire_id)
    questionnaire = respondent.questionnaire
    draft = my_draft(user=respondent.user, questionnaire=questionnaire)
    if draft is None:
        return redirect("questionnaires:answer_start", questionnaire.pk)
    definition = version_definition(draft.version)
    language = current_language()
    derived = derived_codes(definition)
    given = {code: value for code, value in draft.answers.items() if code not in derived}
    checked = check_answers(definition, given, complete=True)
    shown, errors = checked.shown, checked.errors
    # What the server decides is shown as it works it out now, not as the draft kept it.
    answers = given | {code: checked.answers[code] for code in derived if code in checked.answers}
    values = reference_values(definition, answers, language)

    def label(question: Question) -> str:
        return render_references(question.label.get(language), values)

    section_of = {
        question.code: number
        for number, section in enumerate(definition.sections, start=1)
        for question in section.questions
    }
    missing = [
        {
            "section": section_of.get(code, 1),
            "label": label(definition.question(code)) if code in section_of else code,
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
                    "label": label(question),
                    "lines": display_answer(question, answers.get(question.code), language),
                    "error": errors[question.code].message if question.code in errors else "",
                }
                for question in section.questions
                if question.code in shown and question.type in ANSWERED_TYPES
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
