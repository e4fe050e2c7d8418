"""The export page of a questionnaire: one button per file format, each starting a job."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from guild.questionnaires.access import access_questionnaire_exports
from guild.questionnaires.exports.kinds import ExportFormat, ExportKind
from guild.questionnaires.exports.services import questionnaire_export_start


@login_required
def exports(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire, rights = access_questionnaire_exports(request.user, questionnaire_id)
    if request.method == "POST":
        job = questionnaire_export_start(
            user=request.user,
            questionnaire=questionnaire,
            kind=request.POST.get("kind", ""),
            format=request.POST.get("format", ""),
        )
        return redirect("core:job_detail", job_id=job.id)
    context = {
        "questionnaire": questionnaire,
        "rows": rights.rows,
        "aggregate": rights.aggregate,
        # Values, not the enum: a template calls a class it is given, and gets nothing.
        "kinds": {kind.name: kind.value for kind in ExportKind},
        "formats": list(ExportFormat),
    }
    return render(request, "questionnaires/exports/index.html", context)
