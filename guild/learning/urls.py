from django.urls import path

from guild.learning.views import courses as views
from guild.learning.views import curricula, enrolments

app_name = "learning"

urlpatterns = [
    path("learning/courses/", views.catalogue, name="catalogue"),
    path("learning/courses/new/", views.course_create, name="course_create"),
    path("learning/courses/import/", views.course_import, name="course_import"),
    path(
        "learning/courses/template.<str:file_format>",
        views.course_template,
        name="course_template",
    ),
    path(
        "learning/courses/export.<str:file_format>",
        views.catalogue_export,
        name="catalogue_export",
    ),
    path("learning/courses/<int:course_id>/", views.course_detail, name="course_detail"),
    path("learning/courses/<int:course_id>/edit/", views.course_edit, name="course_edit"),
    path(
        "learning/courses/<int:course_id>/offerings/new/",
        enrolments.offering_create,
        name="offering_create",
    ),
    path("learning/courses/<int:course_id>/declare/", enrolments.declare, name="declare"),
    path(
        "learning/offerings/<int:offering_id>/",
        enrolments.offering_detail,
        name="offering_detail",
    ),
    path(
        "learning/offerings/<int:offering_id>/edit/", enrolments.offering_edit, name="offering_edit"
    ),
    path("learning/offerings/<int:offering_id>/enrol/", enrolments.enrol, name="enrol"),
    path("learning/offerings/<int:offering_id>/roster/", enrolments.roster, name="roster"),
    path("learning/enrolments/<int:enrolment_id>/withdraw/", enrolments.withdraw, name="withdraw"),
    path("learning/enrolments/<int:enrolment_id>/decide/", enrolments.decide, name="decide"),
    path("learning/approvals/", enrolments.approvals, name="approvals"),
    path("learning/mine/", enrolments.mine, name="mine"),
    path("learning/results/import/", enrolments.results_import, name="results_import"),
    path("learning/providers/", views.providers, name="providers"),
    path("learning/providers/new/", views.provider_create_page, name="provider_create"),
    path("learning/providers/<int:provider_id>/edit/", views.provider_edit, name="provider_edit"),
    path("learning/coverage/", views.coverage, name="coverage"),
    path("learning/curricula/", curricula.curricula, name="curricula"),
    path("learning/curricula/new/", curricula.curriculum_create_page, name="curriculum_create"),
    path(
        "learning/curricula/<int:curriculum_id>/",
        curricula.curriculum_detail,
        name="curriculum",
    ),
    path(
        "learning/curricula/<int:curriculum_id>/versions/new/",
        curricula.version_new_page,
        name="curriculum_version_new",
    ),
    path(
        "learning/curricula/versions/<int:version_id>/",
        curricula.version_detail,
        name="curriculum_version",
    ),
    path(
        "learning/curricula/versions/<int:version_id>/edit/",
        curricula.version_edit,
        name="curriculum_version_edit",
    ),
    path(
        "learning/curricula/versions/<int:version_id>/open/",
        curricula.version_open_page,
        name="curriculum_version_open",
    ),
    path(
        "learning/curricula/versions/<int:version_id>/approve/",
        curricula.version_approve_page,
        name="curriculum_version_approve",
    ),
]
