from django.urls import path

from guild.competencies.views import figures, frameworks, mine, needs, team

app_name = "competencies"

urlpatterns = [
    path("competencies/me/", mine.my_competencies, name="me"),
    path("competencies/me/assess/", mine.assess_next, name="assess_next"),
    path("competencies/me/assess/<int:competency_id>/", mine.assess, name="assess"),
    path("competencies/me/history/", mine.my_history, name="history"),
    path("competencies/team/", team.team, name="team"),
    path("competencies/team/<int:member_id>/", team.team_member, name="team_member"),
    path(
        "competencies/team/<int:member_id>/validate/<int:competency_id>/",
        team.validate,
        name="validate",
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
        "competencies/frameworks/versions/<int:version_id>/framework.csv",
        frameworks.framework_csv,
        name="framework_csv",
    ),
    path(
        "competencies/frameworks/versions/<int:version_id>/publish/",
        frameworks.framework_version_publish,
        name="framework_publish",
    ),
]
