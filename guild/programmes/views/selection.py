"""Selection pages, for the committee and administrators only (404 for anyone else): the
nominations to review with one's own scoring status, the score form of one nomination,
the optimiser's proposal with everyone's reasons and the confirmation form, and the
waitlist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guild.core.errors import ApplicationError, NotFound, ProblemsError
from guild.core.forms import apply_errors
from guild.programmes import access
from guild.programmes.forms.selection import ConfirmForm, ScoreForm
from guild.programmes.models import Intake, IntakeStage, Nomination
from guild.programmes.selection import SelectionConflict, SelectionError
from guild.programmes.selectors.selection import (
    complete_nominations,
    confirmed_run,
    latest_run,
    level_code,
    my_scores,
    proposal_rows,
    review_rows,
    run_rules,
    selected_count,
    waitlist,
)
from guild.programmes.services.selection import score_save, selection_run
from guild.programmes.services.selection_outcomes import selection_confirm, waitlist_promote


def _committee_nomination(request: HttpRequest, pk: int) -> Nomination:
    nomination = access.access_nomination(request.user, pk)
    community_id = nomination.intake.programme.community_id
    if not access.sits_on_committee(request.user, community_id) or not nomination.is_complete:
        raise NotFound()
    return nomination


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    intake = access.access_intake_for_committee(request.user, pk)
    rows = review_rows(request.user, intake)
    context = {
        "intake": intake,
        "rows": rows,
        "to_score": sum(not row.scored_by_me for row in rows),
        "selecting": intake.stage == IntakeStage.SELECTING,
        "criteria": list(intake.criteria.all()),
        "seat_free": confirmed_run(intake) is not None
        and selected_count(intake) < intake.capacity
        and bool(waitlist(intake)),
    }
    return render(request, "programmes/selection/review.html", context)


@login_required
def score(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = _committee_nomination(request, pk)
    intake = nomination.intake
    form = ScoreForm(
        request.POST if request.method == "POST" else None,
        criteria=intake.criteria.all(),
        mine=my_scores(request.user, nomination),
    )
    if request.method == "POST" and form.is_valid():
        values, comments = form.scores()
        try:
            score_save(actor=request.user, nomination=nomination, scores=values, comments=comments)
        except NotFound:
            raise
        except ProblemsError as error:
            apply_errors(form, error, form.paths())
        except ApplicationError as error:
            messages.error(request, str(error.message))
            return redirect("programmes:score", nomination.pk)
        else:
            messages.success(
                request,
                _("Your scores of %(name)s are saved.") % {"name": nomination.member.full_name},
            )
            return redirect("programmes:review", intake.pk)
    context = {
        "nomination": nomination,
        "intake": intake,
        "form": form,
        "level": level_code(nomination),
        "selecting": intake.stage == IntakeStage.SELECTING and confirmed_run(intake) is None,
    }
    return render(
        request, "programmes/selection/score.html", context, status=400 if form.errors else 200
    )


def _selection_page(
    request: HttpRequest,
    intake: Intake,
    form: ConfirmForm | None = None,
    conflict: SelectionConflict | None = None,
    problems: SelectionError | None = None,
    status: int = 200,
) -> HttpResponse:
    run = latest_run(intake)
    confirmed = confirmed_run(intake)
    rows = proposal_rows(run) if run is not None else []
    if run is not None and form is None and confirmed is None:
        form = ConfirmForm(rows=rows)
    nominations = list(complete_nominations(intake))
    context = {
        "intake": intake,
        "run": run,
        "confirmed": confirmed,
        "rows": rows,
        "form": form,
        "entries": form.pairs() if form is not None else [(row, None, None) for row in rows],
        "conflict": conflict,
        "problems": [m for found in (problems.fields.values() if problems else []) for m in found],
        "rules": run_rules(run) if run is not None else [],
        "administers": access.administers(request.user, intake.programme.community_id),
        "conflict_rules": [
            m for found in (conflict.fields.values() if conflict else []) for m in found
        ],
        "proposed": sum(row.explanation.selected for row in rows),
        "can_run": intake.stage == IntakeStage.SELECTING and confirmed is None,
        "nomination_count": len(nominations),
    }
    return render(request, "programmes/selection/selection.html", context, status=status)


@login_required
def selection(request: HttpRequest, pk: int) -> HttpResponse:
    intake = access.access_intake_for_committee(request.user, pk)
    if request.method != "POST":
        return _selection_page(request, intake)
    action = request.POST.get("action")
    if action == "run":
        try:
            selection_run(actor=request.user, intake=intake)
        except NotFound:
            raise
        except SelectionConflict as error:
            return _selection_page(request, intake, conflict=error, status=400)
        except SelectionError as error:
            return _selection_page(request, intake, problems=error, status=400)
        except ApplicationError as error:
            messages.error(request, str(error.message))
            return _selection_page(request, intake, status=400)
        messages.success(
            request, _("The optimiser proposed a cohort. Read the reasons, then confirm it.")
        )
        return redirect("programmes:selection", intake.pk)
    if action == "confirm":
        run = latest_run(intake)
        if run is None or str(run.pk) != request.POST.get("run"):
            messages.error(request, _("A newer proposal exists: read it, then confirm it."))
            return redirect("programmes:selection", intake.pk)
        form = ConfirmForm(request.POST, rows=proposal_rows(run))
        if form.is_valid():
            try:
                chosen = selection_confirm(
                    actor=request.user, intake=intake, run=run, overrides=form.overrides()
                )
            except NotFound:
                raise
            except ProblemsError as error:
                apply_errors(form, error, form.paths())
            except ApplicationError as error:
                messages.error(request, str(error.message))
                return redirect("programmes:selection", intake.pk)
            else:
                messages.success(
                    request,
                    ngettext(
                        "The cohort of %(count)d person is confirmed; everyone is notified "
                        "by e-mail.",
                        "The cohort of %(count)d people is confirmed; everyone is notified "
                        "by e-mail.",
                        len(chosen),
                    )
                    % {"count": len(chosen)},
                )
                return redirect("programmes:selection", intake.pk)
        return _selection_page(request, intake, form=form, status=400)
    raise NotFound()


@login_required
def waitlist_page(request: HttpRequest, pk: int) -> HttpResponse:
    intake = access.access_intake_for_committee(request.user, pk)
    if request.method == "POST":
        try:
            promoted = waitlist_promote(actor=request.user, intake=intake)
        except NotFound:
            raise
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                _("The free seat is offered to %(name)s; everyone is notified by e-mail.")
                % {"name": promoted.member.full_name},
            )
        return redirect("programmes:waitlist", intake.pk)
    waiting = waitlist(intake)
    taken = selected_count(intake)
    context = {
        "intake": intake,
        "waiting": waiting,
        "taken": taken,
        "confirmed": confirmed_run(intake),
        "free": max(intake.capacity - taken, 0),
    }
    return render(request, "programmes/selection/waitlist.html", context)


urlpatterns = [
    path("programmes/intakes/<int:pk>/review/", review, name="review"),
    path("programmes/nominations/<int:pk>/score/", score, name="score"),
    path("programmes/intakes/<int:pk>/selection/", selection, name="selection"),
    path("programmes/intakes/<int:pk>/waitlist/", waitlist_page, name="waitlist"),
]
