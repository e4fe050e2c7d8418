"""Cohort pages: the cohort with its launch and late joiners, the action learning groups,
one participant's attendance, a participant's own programme and their calendar feed.
The schedule and the register are in `cohort_sessions`."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from guild.core.errors import ApplicationError, NotFound
from guild.core.forms import apply_errors
from guild.programmes.access import access_intake, access_participant, administers
from guild.programmes.forms.cohort import MoveForm, ParticipantAddForm, WindowForm
from guild.programmes.models import IntakeStage, LearningGroup, Nomination, Outcome
from guild.programmes.selectors.calendar import CONTENT_TYPE, calendar_for, participant_language
from guild.programmes.selectors.cohort import (
    cohort_rates,
    intake_groups,
    intake_participants,
    my_participations,
    participant_for_token,
    participant_sessions,
    rate_definition,
)
from guild.programmes.services.cohort import (
    cohort_launch,
    group_add,
    participant_add,
    participant_move,
    participant_window,
)
from guild.programmes.views import cohort_sessions


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _joinable(intake: Any) -> list[tuple[int, str]]:
    nominations = (
        Nomination.objects.filter(
            intake=intake, withdrawn_at__isnull=True, participant__isnull=True
        )
        .filter(Q(outcome__in=[Outcome.WAITLISTED, Outcome.SELECTED]) | Q(historical=True))
        .select_related("member", "department")
        .order_by("waitlist_rank", "member__family_name", "pk")
    )
    return [(n.pk, f"{n.member.full_name} — {n.get_outcome_display()}") for n in nominations]


def _launch(request: HttpRequest, intake: Any) -> HttpResponse | None:
    try:
        participants = cohort_launch(actor=request.user, intake=intake)
    except NotFound:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return None
    messages.success(
        request, _("The cohort is launched: %(count)d participants.") % {"count": len(participants)}
    )
    return redirect("programmes:groups", intake.pk)


@login_required
def cohort(request: HttpRequest, pk: int) -> HttpResponse:
    intake = access_intake(request.user, pk, to_change=True)
    add_form = ParticipantAddForm(
        request.POST if request.POST.get("action") == "add" else None,
        nominations=_joinable(intake),
        prefix="add",
    )
    status = 200
    if request.method == "POST" and request.POST.get("action") == "launch":
        if done := _launch(request, intake):
            return done
        status = 400
    elif request.method == "POST" and add_form.is_valid():
        nomination = Nomination.objects.filter(
            intake=intake, pk=add_form.cleaned_data["nomination"]
        ).first()
        if nomination is None:
            raise NotFound()
        try:
            added = participant_add(
                actor=request.user,
                intake=intake,
                nomination=nomination,
                joined_on=add_form.cleaned_data["joined_on"],
            )
        except (ValidationError, ApplicationError) as error:
            if isinstance(error, NotFound):
                raise
            apply_errors(add_form, error)
        else:
            messages.success(request, _("%(name)s joined the cohort.") % {"name": added})
            return redirect("programmes:cohort", intake.pk)
    if add_form.errors:
        status = 400
    participants = list(intake_participants(intake))
    rates = cohort_rates(intake, participants)
    context = {
        "intake": intake,
        "launched": intake.stage in (IntakeStage.RUNNING, IntakeStage.CLOSED) or bool(participants),
        "can_launch": intake.stage == IntakeStage.SELECTING,
        "selected": Nomination.objects.filter(
            intake=intake, outcome=Outcome.SELECTED, withdrawn_at__isnull=True
        ).count(),
        "rows": [(p, rates.by_participant[p.pk]) for p in participants],
        "events": rates.pooled("events"),
        "groups": rates.pooled("groups"),
        "definition": rate_definition(),
        "add_form": add_form,
    }
    return render(request, "programmes/cohort/cohort.html", context, status=status)


@login_required
def groups(request: HttpRequest, pk: int) -> HttpResponse:
    intake = access_intake(request.user, pk, to_change=True)
    found = intake_groups(intake)
    participants = list(intake_participants(intake))
    form = MoveForm(
        request.POST if request.POST.get("action") == "move" else None,
        participants=[(p.pk, str(p)) for p in participants],
        groups=[(g.pk, g.name) for g in found],
    )
    status = 200
    if request.method == "POST" and request.POST.get("action") == "add-group":
        try:
            group_add(actor=request.user, intake=intake)
        except NotFound:
            raise
        except ApplicationError as error:
            messages.error(request, str(error.message))
        return redirect("programmes:groups", intake.pk)
    if request.method == "POST" and form.is_valid():
        chosen = next(p for p in participants if p.pk == form.cleaned_data["participant"])
        group = LearningGroup.objects.get(pk=form.cleaned_data["group"])
        try:
            participant_move(actor=request.user, participant=chosen, group=group)
        except NotFound:
            raise
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s moved to %(group)s.") % {"name": chosen, "group": group.name}
            )
            return redirect("programmes:groups", intake.pk)
    if form.errors:
        status = 400
    members: dict[int | None, list[Any]] = {}
    for participant in participants:
        members.setdefault(participant.group_id, []).append(participant)
    context = {
        "intake": intake,
        "groups": [(g, members.get(g.pk, [])) for g in found],
        "ungrouped": members.get(None, []),
        "form": form,
    }
    return render(request, "programmes/cohort/groups.html", context, status=status)


@login_required
def participant(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_participant(request.user, pk)
    manages = administers(request.user, person.intake.programme.community_id)
    form = WindowForm(
        _posted(request) if manages else None,
        initial={"joined_on": person.joined_on, "left_on": person.left_on},
    )
    if request.method == "POST":
        if not manages:
            raise NotFound()
        if form.is_valid():
            try:
                participant_window(actor=request.user, participant=person, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The participation window was saved."))
                return redirect("programmes:participant", person.pk)
    rates = cohort_rates(person.intake, [person]).by_participant[person.pk]
    context = {
        "person": person,
        "intake": person.intake,
        "lines": participant_sessions(person),
        "rates": rates,
        "definition": rate_definition(),
        "manages": manages,
        "form": form,
    }
    return render(
        request,
        "programmes/cohort/participant.html",
        context,
        status=400 if form.errors else 200,
    )


@login_required
def my_programme(request: HttpRequest) -> HttpResponse:
    mine = my_participations(request.user)
    cards = []
    for person in mine:
        members = (
            list(intake_participants(person.intake).filter(group_id=person.group_id))
            if person.group_id
            else []
        )
        cards.append(
            {
                "person": person,
                "members": members,
                "lines": participant_sessions(person),
                "rates": cohort_rates(person.intake, [person]).by_participant[person.pk],
                "feed": request.build_absolute_uri(
                    reverse("programmes:calendar", args=[person.calendar_token])
                ),
            }
        )
    context = {"cards": cards, "definition": rate_definition()}
    return render(request, "programmes/cohort/my_programme.html", context)


def calendar(request: HttpRequest, token: Any) -> HttpResponse:
    """The feed calendar programs fetch without signing in: the token is the secret."""
    person = participant_for_token(token)
    if person is None:
        raise Http404()
    body = calendar_for([person], participant_language(person))
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="programme.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


urlpatterns: list[URLPattern] = [
    path("programmes/intakes/<int:pk>/cohort/", cohort, name="cohort"),
    path("programmes/intakes/<int:pk>/groups/", groups, name="groups"),
    path("programmes/participants/<int:pk>/", participant, name="participant"),
    path("programmes/my-programme/", my_programme, name="my-programme"),
    path("programmes/calendar/<uuid:token>.ics", calendar, name="calendar"),
    *cohort_sessions.urlpatterns,
]
