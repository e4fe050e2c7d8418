from django.urls import path

from guild.competencies.views import (
    figures,
    frameworks,
    mine,
    needs,
    profiles,
    team,
    validations,
    version_moves,
)

app_name = "competencies"

urlpatterns = [
    path("competencies/me/", mine.my_competencies, name="me"),
    path("competencies/me/assess/", mine.assess_next, name="assess_next"),
    path("competencies/me/assess/<int:competency_id>/", mine.assess, name="assess"),
    path("competencies/me/history/", mine.my_history, name="history"),
    path("competencies/team/", team.team, name="team"),
    path("competencies/team/validate/", validations.validate_many, name="validate_many"),
    path("competencies/team/<int:member_id>/", team.team_member, name="team_member"),
    path(
        "competencies/team/<int:member_id>/validate/<int:competency_id>/",
        team.validate,
        name="validate",
    ),
    path("competencies/profiles/", profiles.profile_list, name="profiles"),
    path(
        "competencies/profiles/new/<int:community_id>/",
        profiles.profile_create,
        name="profile_create",
    ),
    path("competencies/profiles/<int:profile_id>/", profiles.profile_edit, name="profile_edit"),
    path(
        "competencies/profiles/<int:profile_id>/members/",
        profiles.profile_members_page,
        name="profile_members",
    ),
    path("competencies/department/", figures.department, name="department"),
    path("competencies/heat-map/", figures.heat_map, name="heat_map"),
    path("competencies/learning-needs/", needs.needs, name="learning_needs"),
    path("competencies/learning-needs/xlsx/", needs.needs_xlsx, name="learning_needs_xlsx"),
    path("competencies/frameworks/", frameworks.framework_list, name="frameworks"),
    path("competencies/frameworks/import/", frameworks.framework_import, name="framework_import"),
    path(
        "competencies/frameworks/<int:framework_id>/",
        frameworks.framework_detail,
        name="framework_detail",
    ),
    path(
        "competencies/frameworks/versions/<int:version_id>/case.json",
        frameworks.framework_case,
        name="framework_case",
    ),
    path(
        "competencies/frameworks/versions/<int:version_id>/case-1.1.json",
        frameworks.framework_case,
        {"case_version": "1.1"},
        name="framework_case_1_1",
    ),
    path(
        "competencies/frameworks/versions/<int:version_id>/framework.csv",
        frameworks.framework_csv,
        name="framework_csv",
    ),
    path(
        "competencies/frameworks/versions/<int:version_id>/publish/",
        frameworks.framework_version_publish,
        name="framework_publish",
    ),
    path(
        "competencies/frameworks/versions/<int:version_id>/translate/",
        frameworks.framework_version_translate,
        name="framework_translate",
    ),
    path(
        "competencies/frameworks/versions/<int:version_id>/move/",
        version_moves.version_move,
        name="version_move",
    ),
]
