from django.urls import path

from guild.learning import views

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
    path("learning/providers/", views.providers, name="providers"),
    path("learning/providers/new/", views.provider_create_page, name="provider_create"),
    path("learning/providers/<int:provider_id>/edit/", views.provider_edit, name="provider_edit"),
    path("learning/coverage/", views.coverage, name="coverage"),
]
