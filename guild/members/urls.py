from django.urls import path

from guild.members import views

app_name = "members"

urlpatterns = [
    path("members/", views.directory, name="directory"),
    path("members/export/", views.directory_export, name="export"),
    path("members/<int:member_id>/", views.member_detail, name="detail"),
    path("members/<int:member_id>/edit/", views.member_edit, name="edit"),
    path(
        "members/<int:member_id>/communities/<int:community_id>/remove/",
        views.membership_remove_view,
        name="membership_remove",
    ),
    path("me/profile/", views.profile_edit, name="profile_edit"),
    path(
        "me/communities/<int:community_id>/leave/",
        views.community_leave,
        name="community_leave",
    ),
    path(
        "me/membership-requests/<int:request_id>/withdraw/",
        views.membership_request_withdraw_view,
        name="membership_request_withdraw",
    ),
    path("members/requests/", views.membership_requests, name="membership_requests"),
    path(
        "members/requests/<int:request_id>/decide/",
        views.membership_request_decide_view,
        name="membership_request_decide",
    ),
]
