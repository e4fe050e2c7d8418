from django.urls import path

from guild.reports import views

app_name = "reports"

urlpatterns = [
    path("results/", views.results_index, name="results"),
]
