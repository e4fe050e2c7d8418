"""The translation of a draft: every text by key on one page, or a workbook out and back in."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guild.core.errors import ApplicationError, NotFound
from guild.core.forms import apply_errors
from guild.questionnaires.access import access_questionnaire_for_manage
from guild.questionnaires.definition.formats import XLSX_TYPE, untranslated_texts
from guild.questionnaires.definition.forms import TranslationForm, TranslationUploadForm
from guild.questionnaires.definition.imports import translation_import_start
from guild.questionnaires.definition.problems import DefinitionError
from guild.questionnaires.definition.selectors import questionnaire_versions, version_definition
from guild.questionnaires.definition.services import version_translate
from guild.questionnaires.definition.translation import (
    Entry,
    translation_entries,
    translation_workbook,
)
from guild.questionnaires.definition.types import Definition
from guild.questionnaires.models import Questionnaire, QuestionnaireVersion, VersionStatus


def _where(entry: Entry, definition: Definition) -> str:
    """Where a text sits, for people: "Question “age”: label"."""
    path = entry.path
    what = {
        "title": _("title"),
        "description": _("description"),
        "label": _("label"),
        "help": _("help"),
        "constraint_message": _("message when the answer is refused"),
        "required_message": _("message when the answer is missing"),
    }[str(path[-1])]
    if len(path) == 1:
        return _("Questionnaire: %(what)s") % {"what": what}
    section = definition.sections[int(path[1])]
    if len(path) == 3:
        return _("Section “%(code)s”: %(what)s") % {"code": section.code, "what": what}
    question = section.questions[int(path[3])]
    if len(path) == 5:
        return _("Question “%(code)s”: %(what)s") % {"code": question.code, "what": what}
    group, index = str(path[4]), int(path[5])
    if group == "rows":
        return _("Question “%(question)s”, row “%(code)s”") % {
            "question": question.code,
            "code": question.rows[index].code,
        }
    return _("Question “%(question)s”, option “%(code)s”") % {
        "question": question.code,
        "code": question.options[index].code,
    }


def _translation_rows(definition: Definition) -> list[dict[str, Any]]:
    return [
        {
            "key": entry.key,
            "where": _where(entry, definition),
            "en": entry.text.en,
            "fr": entry.text.fr,
        }
        for entry in translation_entries(definition)
    ]


def _translation_page(
    request: HttpRequest,
    questionnaire: Questionnaire,
    draft: QuestionnaireVersion,
    definition: Definition,
    form: TranslationForm,
    upload_form: TranslationUploadForm,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "questionnaires/manage/translate.html",
        {
            "questionnaire": questionnaire,
            "draft": draft,
            "form": form,
            "rows": form.table(),
            "upload_form": upload_form,
            "untranslated": untranslated_texts(definition),
        },
        status=status,
    )


def _draft_definition(
    request: HttpRequest, questionnaire: Questionnaire
) -> tuple[QuestionnaireVersion, Definition] | tuple[None, None]:
    versions = questionnaire_versions(questionnaire)
    draft = next((v for v in versions if v.status == VersionStatus.DRAFT), None)
    if draft is None:
        messages.info(
            request, _("This questionnaire has no draft to translate: start a new version first.")
        )
        return None, None
    return draft, version_definition(draft)


@login_required
def manage_translate(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire = access_questionnaire_for_manage(request.user, questionnaire_id)
    draft, definition = _draft_definition(request, questionnaire)
    if draft is None or definition is None:
        return redirect("questionnaires:manage_detail", questionnaire.pk)
    rows = _translation_rows(definition)
    form = TranslationForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            version_translate(actor=request.user, questionnaire=questionnaire, texts=form.texts())
        except DefinitionError as error:
            apply_errors(form, error, form.field_map())
        else:
            messages.success(request, _("The texts were saved in the draft."))
            return redirect("questionnaires:manage_translate", questionnaire.pk)
    return _translation_page(
        request,
        questionnaire,
        draft,
        definition,
        form,
        TranslationUploadForm(),
        status=400 if form.errors else 200,
    )


@login_required
def manage_translation_download(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire = access_questionnaire_for_manage(request.user, questionnaire_id)
    draft, definition = _draft_definition(request, questionnaire)
    if draft is None or definition is None:
        raise NotFound()
    response = HttpResponse(translation_workbook(definition), content_type=XLSX_TYPE)
    filename = f"{questionnaire.slug}-v{draft.number}-translation.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def manage_translation_upload(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire = access_questionnaire_for_manage(request.user, questionnaire_id)
    draft, definition = _draft_definition(request, questionnaire)
    if draft is None or definition is None:
        return redirect("questionnaires:manage_detail", questionnaire.pk)
    upload_form = TranslationUploadForm(request.POST, request.FILES)
    if upload_form.is_valid():
        try:
            job = translation_import_start(
                actor=request.user,
                questionnaire=questionnaire,
                upload=upload_form.cleaned_data["file"],
            )
        except NotFound:
            raise
        except (ValidationError, ApplicationError) as error:
            apply_errors(upload_form, error)
        else:
            return redirect("core:job_detail", job.pk)
    form = TranslationForm(rows=_translation_rows(definition))
    return _translation_page(
        request, questionnaire, draft, definition, form, upload_form, status=400
    )
