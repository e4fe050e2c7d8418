from django.urls import path

from guild.questionnaires.answering import views as answer
from guild.questionnaires.definition import views as manage
from guild.questionnaires.exports import views as exports
from guild.questionnaires.results import open_text_views as open_text
from guild.questionnaires.results import publication_views as publication
from guild.questionnaires.results import views as results

app_name = "questionnaires"

urlpatterns: list = [
    path("questionnaires/manage/", manage.manage_list, name="manage_list"),
    path("questionnaires/manage/new/", manage.manage_create, name="manage_create"),
    path(
        "questionnaires/manage/<int:questionnaire_id>/",
        manage.manage_detail,
        name="manage_detail",
    ),
    path(
        "questionnaires/manage/<int:questionnaire_id>/upload/",
        manage.manage_upload,
        name="manage_upload",
    ),
    path(
        "questionnaires/manage/<int:questionnaire_id>/publish/",
        manage.manage_publish,
        name="manage_publish",
    ),
    path(
        "questionnaires/manage/<int:questionnaire_id>/new-version/",
        manage.manage_new_draft,
        name="manage_new_draft",
    ),
    path(
        "questionnaires/manage/<int:questionnaire_id>/translate/",
        manage.manage_translate,
        name="manage_translate",
    ),
    path(
        "questionnaires/manage/<int:questionnaire_id>/translate/translation.xlsx",
        manage.manage_translation_download,
        name="manage_translation_download",
    ),
    path(
        "questionnaires/manage/<int:questionnaire_id>/translate/upload/",
        manage.manage_translation_upload,
        name="manage_translation_upload",
    ),
    path(
        "questionnaires/manage/imports/<uuid:job_id>/",
        manage.manage_import_review,
        name="manage_import_review",
    ),
    path(
        "questionnaires/manage/imports/<uuid:job_id>/accept/",
        manage.manage_import_accept,
        name="manage_import_accept",
    ),
    path(
        "questionnaires/manage/imports/<uuid:job_id>/cancel/",
        manage.manage_import_cancel,
        name="manage_import_cancel",
    ),
    path(
        "questionnaires/manage/<int:questionnaire_id>/results/",
        manage.manage_results,
        name="manage_results",
    ),
    path(
        "questionnaires/manage/<int:questionnaire_id>/publication/",
        publication.manage_publication,
        name="manage_publication",
    ),
    path(
        "questionnaires/manage/<int:questionnaire_id>/publication/<int:point_id>/cancel/",
        publication.manage_refresh_remove,
        name="manage_refresh_remove",
    ),
    path(
        "questionnaires/manage/<int:questionnaire_id>/v<int:number>.<str:format>",
        manage.manage_download,
        name="manage_download",
    ),
    path("questionnaires/", answer.questionnaire_list, name="list"),
    path("questionnaires/<int:questionnaire_id>/", answer.questionnaire_start, name="answer_start"),
    path(
        "questionnaires/<int:questionnaire_id>/s/<int:number>/",
        answer.questionnaire_section,
        name="answer_section",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/review/",
        answer.questionnaire_review,
        name="answer_review",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/submit/",
        answer.questionnaire_submit,
        name="answer_submit",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/receipt/",
        answer.questionnaire_receipt,
        name="answer_receipt",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/exports/",
        exports.exports,
        name="exports",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/results/",
        results.results_overview,
        name="results",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/results/department/<slug:code>/",
        results.results_department,
        name="results_department",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/results/by/",
        results.results_by_select,
        name="results_by_select",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/results/by/<slug:question_code>/",
        results.results_by,
        name="results_by",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/results/crosstab/",
        results.results_crosstab,
        name="results_crosstab",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/results/text/<slug:question_code>/",
        open_text.open_text_read,
        name="open_text",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/results/text/<slug:question_code>/answers.csv",
        open_text.open_text_download,
        name="open_text_download",
    ),
    path("results/<str:token>/", results.published_results, name="published_results"),
]
