"""Report pages: an intake's success measures (page and PDF) and the programme evaluation
report comparing intakes, with its recommendations. The evaluations and themes pages are
in `feedback`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from guild.core.disclosure import DEFAULT_THRESHOLD
from guild.core.errors import ApplicationError, NotFound
from guild.core.forms import apply_errors
from guild.programmes import access
from guild.programmes.forms.reports import RecommendationForm
from guild.programmes.measures import withheld_notes
from guild.programmes.measures_pdf import render_measures_pdf
from guild.programmes.models import Intake, ThemeSource
from guild.programmes.selectors.reports import REPORTED_STAGES, programme_report, success_measures
from guild.programmes.services.evaluations import evaluations_publish_due
from guild.programmes.services.recommendations import recommendation_add
from guild.programmes.views import feedback


def _context(intake: Intake) -> dict[str, object]:
    evaluations_publish_due(intake=intake)
    report = success_measures(intake)
    return {
        "report": report,
        "sources": [(s.value, s.label, report.themes.get(s.value, [])) for s in ThemeSource],
        "intake": intake,
        "programme": intake.programme,
        "threshold": DEFAULT_THRESHOLD,
        "notes": withheld_notes(DEFAULT_THRESHOLD),
    }


@login_required
@require_GET
def measures_page(request: HttpRequest, pk: int) -> HttpResponse:
    intake = access.access_intake_reports(request.user, pk)
    context = _context(intake)
    context["administers"] = access.administers(request.user, intake.programme.community_id)
    return render(request, "programmes/reports/success_measures.html", context)


@login_required
@require_GET
def measures_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The same report as a bilingual, tagged PDF."""
    intake = access.access_intake_reports(request.user, pk)
    context = {**_context(intake), "today": timezone.localdate()}
    report = context.pop("report")
    pdf = render_measures_pdf(report, context)  # type: ignore[arg-type]
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="success-measures-{intake.pk}.pdf"'
    return response


@login_required
def evaluation_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The programme's intakes side by side; a POST records a recommendation."""
    programme = access.access_programme(request.user, pk)
    if not access.reads_reports(request.user, programme.community_id):
        raise NotFound()
    administers = access.administers(request.user, programme.community_id)
    intakes = list(programme.intakes.filter(stage__in=REPORTED_STAGES).order_by("starts_on"))
    form = RecommendationForm(intakes=intakes)
    status = 200
    if request.method == "POST":
        if not administers:
            raise NotFound()
        form = RecommendationForm(request.POST, intakes=intakes)
        if form.is_valid():
            chosen = form.cleaned_data["intake"]
            try:
                recommendation_add(
                    actor=request.user,
                    programme=programme,
                    intake=next((i for i in intakes if i.pk == chosen), None),
                    text_en=form.cleaned_data["text_en"],
                    text_fr=form.cleaned_data["text_fr"],
                )
            except (ValidationError, ApplicationError) as error:
                if isinstance(error, NotFound):
                    raise
                apply_errors(form, error)
            else:
                messages.success(request, _("The recommendation is recorded."))
                return redirect("programmes:evaluation-report", programme.pk)
        status = 400
    for intake in intakes:
        evaluations_publish_due(intake=intake)
    context = {
        "programme": programme,
        "report": programme_report(programme),
        "threshold": DEFAULT_THRESHOLD,
        "form": form if administers else None,
    }
    return render(request, "programmes/reports/evaluation_report.html", context, status=status)


urlpatterns: list[URLPattern] = [
    path("programmes/intakes/<int:pk>/success-measures/", measures_page, name="success-measures"),
    path(
        "programmes/intakes/<int:pk>/success-measures.pdf",
        measures_pdf,
        name="success-measures-pdf",
    ),
    path("programmes/<int:pk>/evaluation-report/", evaluation_report, name="evaluation-report"),
    *feedback.urlpatterns,
]
