from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import get_template

from guild.core.errors import NotFound
from guild.core.jobs import job_for_owner, job_outcome


@login_required
def job_detail(request: HttpRequest, job_id: str) -> HttpResponse:
    job = job_for_owner(owner=request.user, job_id=job_id)
    if job is None:
        raise NotFound()
    template = "core/job_progress.html" if request.headers.get("HX-Request") else "core/job.html"
    return render(request, template, {"job": job, "outcome": job_outcome(job)})


@login_required
def job_download(request: HttpRequest, job_id: str) -> FileResponse:
    job = job_for_owner(owner=request.user, job_id=job_id)
    if job is None or not job.result_file:
        raise NotFound()
    return FileResponse(job.result_file.open("rb"), as_attachment=True, filename=job.result_name)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the failure may be in one of them.
    return HttpResponse(get_template("500.html").render(), status=500)
