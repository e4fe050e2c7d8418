"""Programme and intake pages: the programmes a person sees, one programme with its phases
and intakes, an intake's hub (its facts and every step the viewer may take), and the
administrators' intake form and stage buttons."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guild.core.errors import ApplicationError, NotFound
from guild.programmes import access
from guild.programmes.forms.intakes import IntakeForm, StageForm, intake_initial
from guild.programmes.models import Intake, IntakeStage, Programme
from guild.programmes.selectors.intakes import intake_detail, programme_detail, programmes_visible
from guild.programmes.services.intakes import (
    INTAKE_FIELDS,
    forward_stage,
    intake_save,
    intake_stage_set,
    next_stages,
)


@login_required
def programmes(request: HttpRequest) -> HttpResponse:
    shown = programmes_visible(request.user)
    for programme in shown:
        programme.can_change = access.administers(request.user, programme.community_id)  # type: ignore[attr-defined]
    return render(request, "programmes/intakes/programmes.html", {"programmes": shown})


@login_required
def programme(request: HttpRequest, pk: int) -> HttpResponse:
    found = programme_detail(access.access_programme(request.user, pk))
    context = {
        "programme": found,
        "can_change": access.administers(request.user, found.community_id),
        "reads_reports": access.reads_reports(request.user, found.community_id),
    }
    return render(request, "programmes/intakes/programme.html", context)


def roles_for(user: Any, intake: Intake) -> dict[str, bool]:
    """What the viewer is to this intake's community, for the hub's list of steps."""
    community_id = intake.programme.community_id
    administrator = access.administers(user, community_id)
    return {
        "administers": administrator,
        "committee": access.sits_on_committee(user, community_id),
        "nominates": access.administers(user, community_id)
        or bool(access.coordinated_departments(user, community_id)),
        "reads_nominations": access.reads_reports(user, community_id),
        "reads_reports": access.reads_reports(user, community_id),
        "participant": access.own_participation(user, intake.pk) is not None,
    }


@login_required
def intake(request: HttpRequest, pk: int) -> HttpResponse:
    found = intake_detail(access.access_intake(request.user, pk))
    roles = roles_for(request.user, found)
    context = {
        "intake": found,
        "programme": found.programme,
        "roles": roles,
        "window_open": found.window_is_open() and found.stage == IntakeStage.NOMINATING,
        "stage_form": StageForm() if roles["administers"] else None,
        "next_stages": next_stages(found) if roles["administers"] else [],
        "forward_stage": forward_stage(found),
    }
    return render(request, "programmes/intakes/intake.html", context)


class _FormHasErrors(Exception):
    pass


def _intake_page(request: HttpRequest, programme: Programme, intake: Intake | None) -> HttpResponse:
    posted = request.POST if request.method == "POST" else None
    form = IntakeForm(
        posted,
        phases=programme.phases.all(),
        initial=intake_initial(intake) if intake else {"min_departments": 0},
    )
    if request.method == "POST":
        form.is_valid()
        criteria, criteria_paths = form.criteria()
        rules, rule_paths = form.balance_rules()
        fields = {
            name: form.cleaned_data[name] for name in INTAKE_FIELDS if name in form.cleaned_data
        }
        # Every error at once: the service checks what the form could read even when
        # other fields are wrong; then nothing is kept.
        try:
            with transaction.atomic():
                saved = intake_save(
                    actor=request.user,
                    programme=programme,
                    intake=intake,
                    criteria=criteria,
                    balance_rules=rules,
                    eligible_levels=list(form.cleaned_data.get("eligible_levels") or []),
                    **fields,
                )
                if form.errors:
                    raise _FormHasErrors
        except _FormHasErrors:
            pass
        except ValidationError as error:
            _merge(form, error, {**criteria_paths, **rule_paths})
        else:
            messages.success(request, _("The intake was saved."))
            return redirect("programmes:intake", saved.pk)
    context = {"form": form, "programme": programme, "intake": intake}
    status = 400 if form.errors else 200
    return render(request, "programmes/intakes/intake_form.html", context, status=status)


def _merge(form: IntakeForm, error: ValidationError, paths: dict[str, str]) -> None:
    """Put the service's errors beside the form's own, on fields without one yet."""
    for name, errors in error.message_dict.items():
        target: str | None = paths.get(name, name)
        if target not in form.fields:
            target = None
        elif target in form.errors:
            continue
        for message in errors:
            form.add_error(target, message)


@login_required
def intake_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _intake_page(request, access.access_programme(request.user, pk, to_change=True), None)


@login_required
def intake_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.access_intake(request.user, pk, to_change=True)
    return _intake_page(request, found.programme, found)


@login_required
@require_POST
def intake_stage(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.access_intake(request.user, pk, to_change=True)
    form = StageForm(request.POST)
    if not form.is_valid():
        raise NotFound()
    try:
        changed = intake_stage_set(
            actor=request.user, intake=found, stage=form.cleaned_data["stage"]
        )
    except NotFound:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("The intake is now at the stage: %(stage)s.")
            % {"stage": changed.get_stage_display()},
        )
    return redirect("programmes:intake", found.pk)


urlpatterns = [
    path("programmes/", programmes, name="programmes"),
    path("programmes/<int:pk>/", programme, name="programme"),
    path("programmes/<int:pk>/intakes/new/", intake_create, name="intake-create"),
    path("programmes/intakes/<int:pk>/", intake, name="intake"),
    path("programmes/intakes/<int:pk>/edit/", intake_edit, name="intake-edit"),
    path("programmes/intakes/<int:pk>/stage/", intake_stage, name="intake-stage"),
]
