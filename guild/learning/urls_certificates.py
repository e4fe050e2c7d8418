from django.urls import path

from guild.learning.views import certificates as views

app_name = "certificates"

urlpatterns = [
    path("learning/certification/", views.progress, name="progress"),
    path(
        "learning/certificates/<int:certificate_id>/credential.json",
        views.credential_download,
        name="credential",
    ),
    path(
        "learning/certificates/<int:certificate_id>/certificate.pdf",
        views.certificate_pdf,
        name="pdf",
    ),
    path("learning/certificates/<int:certificate_id>/revoke/", views.revoke, name="revoke"),
    path(
        "learning/certification/<int:programme_id>/",
        views.programme_admin,
        name="programme",
    ),
    path(
        "learning/certification/<int:programme_id>/members/<int:member_id>/",
        views.programme_member,
        name="member",
    ),
    path("verify/<str:code>/", views.verify_page, name="verify"),
]
