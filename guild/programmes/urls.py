"""The leadership programme's pages, one module per step of the cycle."""

from guild.programmes.views import cohort, intakes, nominations, reports, selection

app_name = "programmes"

urlpatterns = [
    *intakes.urlpatterns,
    *nominations.urlpatterns,
    *selection.urlpatterns,
    *cohort.urlpatterns,
    *reports.urlpatterns,
]
