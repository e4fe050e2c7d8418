"""A member's own pages: gaps against their role profile, self-assessment, history."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from guild.competencies.forms import SelfAssessmentForm
from guild.competencies.models import Competency
from guild.competencies.selectors import (
    GapRow,
    MemberGaps,
    assessment_history,
    member_gap_rows,
    version_competencies,
)
from guild.competencies.services import assessment_self
from guild.competencies.views._common import (
    level_names,
    level_options,
    own_member,
    posted,
)
from guild.core.errors import ApplicationError, NotFound
from guild.core.forms import apply_errors
from guild.core.pagination import paginate
from guild.members.selectors import member_for_user


@login_required
def my_competencies(request: HttpRequest) -> HttpResponse:
    member = member_for_user(request.user)
    gaps = member_gap_rows(member) if member else None
    names = level_names(gaps.profile.version) if gaps and gaps.profile else {}
    context = {"member": member, "gaps": gaps, "level_names": names}
    return render(request, "competencies/me.html", context)


@login_required
def assess_next(request: HttpRequest) -> HttpResponse:
    """The first competency still to assess, or the member's page when none is left."""
    gaps = member_gap_rows(own_member(request))
    row = next((row for row in gaps.rows if row.validated is None), None)
    if row is None:
        return redirect("competencies:me")
    return redirect("competencies:assess", competency_id=row.competency_id)


def _row_of(gaps: MemberGaps, competency_id: int) -> tuple[GapRow, Competency]:
    row = next((row for row in gaps.rows if row.competency_id == competency_id), None)
    if row is None or gaps.profile is None:
        raise NotFound()
    competency = version_competencies(gaps.profile.version).get(pk=competency_id)
    return row, competency


@login_required
def assess(request: HttpRequest, competency_id: int) -> HttpResponse:
    member = own_member(request)
    gaps = member_gap_rows(member)
    row, competency = _row_of(gaps, competency_id)
    assert gaps.profile is not None
    options = level_options(competency, level_names(gaps.profile.version))
    form = SelfAssessmentForm(posted(request), options=options, initial=_initial(row))
    if request.method == "POST" and form.is_valid():
        try:
            assessment_self(
                actor=request.user,
                member=member,
                competency=competency,
                level=form.cleaned_data["level"],
                evidence=form.cleaned_data["evidence"],
                links=form.cleaned_data["links"],
            )
        except (ValidationError, ApplicationError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your self-assessment was saved."))
            return redirect("competencies:me")
    context = {"form": form, "row": row, "competency": competency, "options": options}
    return render(request, "competencies/assess.html", context, status=400 if form.errors else 200)


def _initial(row: GapRow) -> dict[str, object]:
    previous = row.self_assessment
    if previous is None:
        return {}
    return {"level": previous.level, "evidence": previous.evidence, "links": previous.links}


@login_required
def my_history(request: HttpRequest) -> HttpResponse:
    member = own_member(request)
    page = paginate(assessment_history(member), request.GET.get("page"), settings.GUILD_PAGE_SIZE)
    return render(request, "competencies/history.html", {"member": member, "page": page})
