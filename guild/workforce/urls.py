from django.urls import path

from guild.workforce import views

app_name = "workforce"

urlpatterns: list = [
    path(
        "questionnaires/<int:questionnaire_id>/results/workforce/",
        views.results_workforce,
        name="results",
    ),
]
