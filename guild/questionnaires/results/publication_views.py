"""Scheduling when results are refreshed during collection (results.snapshots)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guild.core.errors import ApplicationError
from guild.core.forms import apply_errors
from guild.questionnaires.access import access_questionnaire_for_manage
from guild.questionnaires.definition.forms import RefreshPointForm
from guild.questionnaires.results.selectors import publication_state
from guild.questionnaires.results.snapshots import (
    refresh_point_add,
    refresh_point_remove,
    snapshots_take_due,
)


@login_required
def manage_publication(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire = access_questionnaire_for_manage(request.user, questionnaire_id)
    snapshots_take_due(questionnaire=questionnaire)
    form = RefreshPointForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                refresh_point_add(
                    user=request.user,
                    questionnaire=questionnaire,
                    due_at=form.cleaned_data["due_at"],
                )
            except (ValidationError, ApplicationError) as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The refresh is scheduled."))
                return redirect("questionnaires:manage_publication", questionnaire.pk)
        status = 400
    context = {
        "questionnaire": questionnaire,
        "publication": publication_state(questionnaire),
        "form": form,
    }
    return render(request, "questionnaires/manage/publication.html", context, status=status)


@login_required
@require_POST
def manage_refresh_remove(
    request: HttpRequest, questionnaire_id: int, point_id: int
) -> HttpResponse:
    questionnaire = access_questionnaire_for_manage(request.user, questionnaire_id)
    refresh_point_remove(user=request.user, questionnaire=questionnaire, point_id=point_id)
    messages.success(request, _("The refresh is cancelled."))
    return redirect("questionnaires:manage_publication", questionnaire.pk)
