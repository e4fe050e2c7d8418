"""A member's own pages: gaps against their role profile, self-assessment, history."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guild.competencies.forms import SelfAssessmentForm
from guild.competencies.models import Competency, RoleProfile
from guild.competencies.selectors import (
    GapRow,
    MemberGaps,
    assessment_history,
    member_gap_rows,
    version_competencies,
)
from guild.competencies.selectors.profile_pages import managed_communities
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
    context = {
        "member": member,
        "gaps": gaps,
        "level_names": names,
        "has_missing": gaps is not None and any(row.missing for row in gaps.rows),
        "manages_profiles": bool(managed_communities(request.user)),
    }
    return render(request, "competencies/me.html", context)


RUN_KEY = "competencies_assess_run"


@login_required
def assess_next(request: HttpRequest) -> HttpResponse:
    """Start assessing, one after another, every competency not assessed yet; the list is
    fixed now so that the page can say "3 of 25" while the member saves and skips."""
    gaps = member_gap_rows(own_member(request))
    ids = [row.competency_id for row in gaps.rows if row.validated is None]
    if not ids:
        messages.info(request, _("Every competency of your role profile is assessed."))
        return redirect("competencies:me")
    request.session[RUN_KEY] = {"ids": ids, "saved": 0, "skipped": 0}
    return _run_step(ids[0])


def _run_step(competency_id: int) -> HttpResponse:
    return redirect(reverse("competencies:assess", args=[competency_id]) + "?run=1")


def _run_of(request: HttpRequest, competency_id: int) -> dict[str, Any] | None:
    """The run the page is a step of, or None for a single assessment."""
    run = request.session.get(RUN_KEY)
    if request.GET.get("run") != "1" or not isinstance(run, dict):
        return None
    if competency_id not in run.get("ids", []):
        return None
    return run


def _run_advance(
    request: HttpRequest, run: dict[str, Any], competency_id: int, *, saved: bool
) -> HttpResponse:
    run["saved" if saved else "skipped"] += 1
    ids = run["ids"]
    position = ids.index(competency_id)
    if position + 1 < len(ids):
        request.session[RUN_KEY] = run
        return _run_step(ids[position + 1])
    del request.session[RUN_KEY]
    summary = ngettext(
        "You assessed %(count)d competency.", "You assessed %(count)d competencies.", run["saved"]
    ) % {"count": run["saved"]}
    if run["skipped"]:
        summary += " " + ngettext(
            "You skipped %(count)d: it is still waiting for you.",
            "You skipped %(count)d: they are still waiting for you.",
            run["skipped"],
        ) % {"count": run["skipped"]}
    messages.success(request, summary)
    return redirect("competencies:me")


def _row_of(gaps: MemberGaps, competency_id: int) -> tuple[GapRow, Competency, RoleProfile]:
    row = next((row for row in gaps.rows if row.competency_id == competency_id), None)
    profile = gaps.profile
    if row is None or profile is None:
        raise NotFound()
    competency = version_competencies(profile.version).get(pk=competency_id)
    return row, competency, profile


@login_required
def assess(request: HttpRequest, competency_id: int) -> HttpResponse:
    member = own_member(request)
    gaps = member_gap_rows(member)
    row, competency, profile = _row_of(gaps, competency_id)
    run = _run_of(request, competency_id)
    if run is not None and request.method == "POST" and request.POST.get("action") == "skip":
        return _run_advance(request, run, competency_id, saved=False)
    options = level_options(competency, level_names(profile.version))
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
            if run is not None:
                return _run_advance(request, run, competency_id, saved=True)
            messages.success(request, _("Your self-assessment was saved."))
            return redirect("competencies:me")
    context = {
        "form": form,
        "row": row,
        "competency": competency,
        "options": options,
        "step": run["ids"].index(competency_id) + 1 if run else None,
        "steps": len(run["ids"]) if run else None,
    }
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
