"""A supervisor's pages: their direct reports, a report's assessments side by side, and
confirming or adjusting a report's level."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from guild.competencies.access import access_member_competencies, is_direct_supervisor
from guild.competencies.forms import SupervisorAssessmentForm
from guild.competencies.selectors import (
    GapRow,
    member_gap_rows,
    reports_summary,
    version_competencies,
)
from guild.competencies.services import assessment_supervise
from guild.competencies.views._common import (
    level_names,
    level_options,
    own_member,
    posted,
)
from guild.core.errors import ApplicationError, NotFound
from guild.core.forms import apply_errors
from guild.members.selectors import member_reports


def is_pending(row: GapRow) -> bool:
    """A self-assessment newer than the supervisor's last word waits for validation."""
    mine, theirs = row.self_assessment, row.supervisor_assessment
    if mine is None:
        return False
    return theirs is None or (mine.created_at, mine.pk) > (theirs.created_at, theirs.pk)


@login_required
def team(request: HttpRequest) -> HttpResponse:
    reports = list(member_reports(member=own_member(request)))
    summaries = reports_summary(reports)
    rows = [(report, summaries[report.pk]) for report in reports]
    pending_total = sum(summary.pending for _report, summary in rows)
    return render(request, "competencies/team.html", {"rows": rows, "pending_total": pending_total})


@login_required
def team_member(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access_member_competencies(request.user, member_id)
    gaps = member_gap_rows(member)
    names = level_names(gaps.profile.version) if gaps.profile else {}
    context = {
        "member": member,
        "gaps": gaps,
        "level_names": names,
        "pending": {row.competency_id for row in gaps.rows if is_pending(row)},
        "can_validate": is_direct_supervisor(request.user, member),
    }
    return render(request, "competencies/team_member.html", context)


@login_required
def validate(request: HttpRequest, member_id: int, competency_id: int) -> HttpResponse:
    member = access_member_competencies(request.user, member_id)
    if not is_direct_supervisor(request.user, member):
        raise NotFound()
    gaps = member_gap_rows(member)
    row = next((row for row in gaps.rows if row.competency_id == competency_id), None)
    if row is None or gaps.profile is None:
        raise NotFound()
    competency = version_competencies(gaps.profile.version).get(pk=competency_id)
    options = level_options(competency, level_names(gaps.profile.version))
    initial = {"level": row.supervisor_level or row.self_level}
    form = SupervisorAssessmentForm(posted(request), options=options, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            assessment_supervise(
                actor=request.user,
                member=member,
                competency=competency,
                level=form.cleaned_data["level"],
                comment=form.cleaned_data["comment"],
            )
        except (ValidationError, ApplicationError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The level was recorded."))
            return redirect("competencies:team_member", member_id=member.pk)
    context = {
        "form": form,
        "member": member,
        "row": row,
        "competency": competency,
        "options": options,
    }
    return render(
        request, "competencies/validate.html", context, status=400 if form.errors else 200
    )
