from django.urls import path

from guild.members import views

app_name = "members"

urlpatterns = [
    path("members/", views.directory, name="directory"),
    path("members/export/", views.directory_export, name="export"),
    path("members/<int:member_id>/", views.member_detail, name="detail"),
    path("members/<int:member_id>/edit/", views.member_edit, name="edit"),
    path("me/profile/", views.profile_edit, name="profile_edit"),
]
