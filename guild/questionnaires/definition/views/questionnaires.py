"""The questionnaires an administrator manages: the list, creating one, its settings and
versions, definition files in and out, publishing it and its results."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from guild.core.bilingual import current_language
from guild.core.errors import ApplicationError, NotFound
from guild.core.forms import apply_errors
from guild.members.models import Member
from guild.questionnaires.access import (
    access_questionnaire_for_manage,
    manageable_communities,
    managed_questionnaires,
)
from guild.questionnaires.definition.formats import (
    DefinitionFormat,
    definition_export,
    untranslated_texts,
)
from guild.questionnaires.definition.forms import (
    START_BLANK,
    QuestionnaireCreateForm,
    SettingsForm,
    UploadForm,
    definition_format,
)
from guild.questionnaires.definition.imports import questionnaire_import_start
from guild.questionnaires.definition.selectors import (
    members_by_email,
    questionnaire_versions,
    response_count,
    version_by_number,
    version_definition,
)
from guild.questionnaires.definition.services import (
    questionnaire_create,
    questionnaire_update_settings,
    results_publish,
    results_unpublish,
    version_new_draft,
    version_publish,
)
from guild.questionnaires.definition.types import Definition, Question, QuestionType, Section, Text
from guild.questionnaires.models import Questionnaire, VersionStatus


def _manager_or_404(request: HttpRequest) -> None:
    if not manageable_communities(request.user).exists():
        raise NotFound()


def blank_definition(title: Text) -> Definition:
    """A starting point: one section with one question, to download, edit and upload."""
    return Definition(
        title=title,
        sections=(
            Section(
                "general",
                Text("General", "Général"),
                None,
                (
                    Question(
                        "comments",
                        QuestionType.LONG_TEXT,
                        Text("Do you have any comments?", "Avez-vous des commentaires?"),
                    ),
                ),
            ),
        ),
    )


@login_required
def manage_list(request: HttpRequest) -> HttpResponse:
    _manager_or_404(request)
    questionnaires = managed_questionnaires(request.user).annotate(
        version_count=Count("versions", distinct=True),
        last_version=Max("versions__number"),
    )
    return render(request, "questionnaires/manage/list.html", {"questionnaires": questionnaires})


@login_required
def manage_create(request: HttpRequest) -> HttpResponse:
    _manager_or_404(request)
    communities = manageable_communities(request.user)
    form = QuestionnaireCreateForm(
        request.POST or None, request.FILES or None, communities=communities
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "actor": request.user,
            "community": data["community"],
            "slug": data["slug"],
            "anonymous": data["anonymous"],
        }
        try:
            if data["start"] == START_BLANK:
                questionnaire = questionnaire_create(
                    definition=blank_definition(Text(data["title_en"], data["title_fr"])),
                    **common,
                )
            else:
                # The file is read by a background job; its page shows the draft or the
                # problems found.
                upload = data["file"]
                job = questionnaire_import_start(
                    upload=upload, format=definition_format(upload) or "", **common
                )
                return redirect("core:job_detail", job.pk)
        except (ValidationError, ApplicationError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The questionnaire was created as a draft."))
            return redirect("questionnaires:manage_detail", questionnaire.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "questionnaires/manage/create.html",
        {"form": form, "problems": []},
        status=status,
    )


def _detail_context(questionnaire: Questionnaire) -> dict[str, Any]:
    versions = questionnaire_versions(questionnaire)
    draft = next((v for v in versions if v.status == VersionStatus.DRAFT), None)
    published = [v for v in versions if v.status == VersionStatus.PUBLISHED]
    current = draft or (published[0] if published else None)
    definition = version_definition(current) if current else None
    return {
        "questionnaire": questionnaire,
        "versions": versions,
        "draft": draft,
        "latest_published": published[0] if published else None,
        "definition": definition,
        "outline": _outline(definition) if definition else [],
        "current": current,
        "untranslated": untranslated_texts(version_definition(draft)) if draft else 0,
        "response_count": response_count(questionnaire),
        "formats": [
            (DefinitionFormat.XLSFORM, _("XLSForm (.xlsx)")),
            (DefinitionFormat.JSON, _("JSON")),
        ],
    }


TYPE_NAMES = {
    QuestionType.SINGLE: gettext_lazy("One choice"),
    QuestionType.MULTIPLE: gettext_lazy("Several choices"),
    QuestionType.LIKERT: gettext_lazy("Scale"),
    QuestionType.MATRIX: gettext_lazy("Grid of scales"),
    QuestionType.RANKING: gettext_lazy("Ranking"),
    QuestionType.INTEGER: gettext_lazy("Whole number"),
    QuestionType.DECIMAL: gettext_lazy("Number"),
    QuestionType.YEAR: gettext_lazy("Year"),
    QuestionType.DATE: gettext_lazy("Date"),
    QuestionType.TEXT: gettext_lazy("Short text"),
    QuestionType.LONG_TEXT: gettext_lazy("Long text"),
    QuestionType.NOTE: gettext_lazy("Note (no answer)"),
    QuestionType.CALCULATE: gettext_lazy("Calculation (worked out)"),
}


def _outline(definition: Definition) -> list[dict[str, Any]]:
    """Sections and questions in the active language, for the detail page."""
    language = current_language()
    return [
        {
            "code": section.code,
            "title": section.title.get(language),
            "questions": [
                {
                    "code": question.code,
                    "type": TYPE_NAMES[question.type],
                    "label": question.label.get(language),
                    "required": question.required,
                    "relevant": question.relevant or "",
                    "options": len(question.options),
                }
                for question in section.questions
            ],
        }
        for section in definition.sections
    ]


def _members_for(form: SettingsForm) -> list[Member] | None:
    emails = form.emails()
    members = members_by_email(emails)
    unknown = sorted(set(emails) - {m.work_email.lower() for m in members})
    if unknown:
        form.add_error(
            "audience_emails",
            _("No member uses these e-mail addresses: %(emails)s") % {"emails": ", ".join(unknown)},
        )
        return None
    return members


@login_required
def manage_detail(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire = access_questionnaire_for_manage(request.user, questionnaire_id)
    if request.method == "POST":
        form = SettingsForm(request.POST)
        if form.is_valid():
            members = _members_for(form)
            if members is not None:
                data = form.cleaned_data
                try:
                    questionnaire_update_settings(
                        actor=request.user,
                        questionnaire=questionnaire,
                        audience_departments=data["audience_departments"],
                        audience_members=members,
                        **{
                            name: data[name]
                            for name in (
                                "slug",
                                "audience",
                                "opens_at",
                                "closes_at",
                                "anonymous",
                                "threshold",
                            )
                        },
                    )
                except (ValidationError, ApplicationError) as error:
                    apply_errors(form, error, {"audience_members": "audience_emails"})
                else:
                    messages.success(request, _("The settings were saved."))
                    return redirect("questionnaires:manage_detail", questionnaire.pk)
    else:
        form = SettingsForm(initial=SettingsForm.initial_for(questionnaire))
    context = _detail_context(questionnaire)
    context.update({"form": form, "upload_form": UploadForm(), "problems": []})
    return render(
        request,
        "questionnaires/manage/detail.html",
        context,
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def manage_upload(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire = access_questionnaire_for_manage(request.user, questionnaire_id)
    upload_form = UploadForm(request.POST, request.FILES)
    if upload_form.is_valid():
        upload = upload_form.cleaned_data["file"]
        try:
            job = questionnaire_import_start(
                actor=request.user,
                questionnaire=questionnaire,
                upload=upload,
                format=definition_format(upload) or "",
            )
        except (ValidationError, ApplicationError) as error:
            apply_errors(upload_form, error)
        else:
            return redirect("core:job_detail", job.pk)
    context = _detail_context(questionnaire)
    context.update(
        {
            "form": SettingsForm(initial=SettingsForm.initial_for(questionnaire)),
            "upload_form": upload_form,
            "problems": [],
        }
    )
    return render(request, "questionnaires/manage/detail.html", context, status=400)


@login_required
@require_POST
def manage_publish(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire = access_questionnaire_for_manage(request.user, questionnaire_id)
    try:
        version = version_publish(actor=request.user, questionnaire=questionnaire)
    except ApplicationError as error:
        if error.code != "untranslated":
            raise
        messages.error(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                error.message,
                reverse("questionnaires:manage_translate", args=[questionnaire.pk]),
                _("Translate the texts"),
            ),
        )
        return redirect("questionnaires:manage_detail", questionnaire.pk)
    messages.success(request, _("Version %(number)d is published.") % {"number": version.number})
    return redirect("questionnaires:manage_detail", questionnaire.pk)


@login_required
@require_POST
def manage_new_draft(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire = access_questionnaire_for_manage(request.user, questionnaire_id)
    version = version_new_draft(actor=request.user, questionnaire=questionnaire)
    messages.success(
        request,
        _("Version %(number)d is a draft copy of the published version.")
        % {"number": version.number},
    )
    return redirect("questionnaires:manage_detail", questionnaire.pk)


@login_required
@require_POST
def manage_results(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire = access_questionnaire_for_manage(request.user, questionnaire_id)
    if request.POST.get("published") == "1":
        results_publish(actor=request.user, questionnaire=questionnaire)
        messages.success(request, _("The results page is published."))
    else:
        results_unpublish(actor=request.user, questionnaire=questionnaire)
        messages.success(request, _("The results page is no longer published."))
    return redirect("questionnaires:manage_detail", questionnaire.pk)


@login_required
def manage_download(
    request: HttpRequest, questionnaire_id: int, number: int, format: str
) -> HttpResponse:
    questionnaire = access_questionnaire_for_manage(request.user, questionnaire_id)
    version = version_by_number(questionnaire, number)
    if version is None or format not in set(DefinitionFormat):
        raise NotFound()
    exported = definition_export(version_definition(version), format)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    filename = f"{questionnaire.slug}-v{version.number}.{exported.extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
