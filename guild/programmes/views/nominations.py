"""Nomination pages: nominating a member, an intake's nominations, a person's own, one
nomination with each party's status, history and buttons, and the supervisor's e-mailed
link, which works without signing in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guild.core.errors import ApplicationError, NotFound
from guild.core.forms import apply_errors
from guild.programmes import access
from guild.programmes.forms.nominations import ConsentForm, EndorseForm, NominateForm, WithdrawForm
from guild.programmes.models import Consent, Endorsement, Intake, Nomination
from guild.programmes.selectors.nominations import (
    intake_nominations,
    my_nominations,
    nominable_members,
    nomination_from_link,
    nomination_history,
)
from guild.programmes.services import nominations as service


def _nominating_intake(request: HttpRequest, pk: int) -> Intake:
    intake = access.access_intake(request.user, pk)
    community_id = intake.programme.community_id
    if not (
        access.administers(request.user, community_id)
        or access.coordinated_departments(request.user, community_id)
    ):
        raise NotFound()
    return intake


@login_required
def nominate(request: HttpRequest, pk: int) -> HttpResponse:
    intake = _nominating_intake(request, pk)
    members = list(nominable_members(request.user, intake))
    may_enter_history = access.administers(request.user, intake.programme.community_id)
    posted = request.POST if request.method == "POST" else None
    form = NominateForm(posted, members=members, may_enter_history=may_enter_history)
    if request.method == "POST" and form.is_valid():
        chosen = next(m for m in members if m.pk == form.cleaned_data["member"])
        try:
            nomination = service.nominate(
                actor=request.user,
                intake=intake,
                member=chosen,
                rationale=form.cleaned_data["rationale"],
                historical=form.cleaned_data.get("historical", False),
            )
        except NotFound:
            raise
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "%(name)s is nominated. They and their supervisor were sent an e-mail "
                    "to accept and endorse the nomination."
                )
                % {"name": chosen.full_name}
                if not nomination.historical
                else _("The nomination of %(name)s is entered.") % {"name": chosen.full_name},
            )
            return redirect("programmes:nomination", nomination.pk)
    context = {"intake": intake, "programme": intake.programme, "form": form, "members": members}
    status = 400 if form.errors else 200
    return render(request, "programmes/nominations/nominate.html", context, status=status)


@login_required
def nominations(request: HttpRequest, pk: int) -> HttpResponse:
    intake = access.access_intake(request.user, pk)
    community_id = intake.programme.community_id
    if not access.reads_reports(request.user, community_id):
        raise NotFound()
    context = {
        "intake": intake,
        "programme": intake.programme,
        "nominations": intake_nominations(request.user, intake),
        "sees_all": access.sits_on_committee(request.user, community_id),
    }
    return render(request, "programmes/nominations/list.html", context)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request, "programmes/nominations/mine.html", {"mine": my_nominations(request.user)}
    )


@login_required
def nomination(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.access_nomination(request.user, pk)
    is_open = not found.is_withdrawn
    context = {
        "nomination": found,
        "intake": found.intake,
        "programme": found.intake.programme,
        "history": nomination_history(found),
        "may_consent": is_open
        and access.is_nominee(request.user, found)
        and found.consent == Consent.PENDING,
        "may_endorse": is_open
        and access.is_named_supervisor(request.user, found)
        and found.endorsement == Endorsement.PENDING
        and found.consent != Consent.DECLINED,
        "may_withdraw": is_open and access.can_withdraw(request.user, found),
        "endorse_form": EndorseForm(),
        "withdraw_form": WithdrawForm(),
    }
    return render(request, "programmes/nominations/detail.html", context)


def _refused(request: HttpRequest, error: ApplicationError) -> None:
    details = [message for messages_ in error.fields.values() for message in messages_]
    messages.error(request, " ".join([str(error.message), *details]))


@login_required
@require_POST
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.access_nomination(request.user, pk)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        raise NotFound()
    accept = form.cleaned_data["decision"] == "accept"
    try:
        service.consent(actor=request.user, nomination=found, accept=accept)
    except NotFound:
        raise
    except ApplicationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("You accepted the nomination.") if accept else _("You declined the nomination."),
        )
    return redirect("programmes:nomination", found.pk)


@login_required
@require_POST
def endorse(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.access_nomination(request.user, pk)
    form = EndorseForm(request.POST)
    if not form.is_valid():
        raise NotFound()
    yes = form.cleaned_data["decision"] == "endorse"
    try:
        service.endorse(
            actor=request.user, nomination=found, endorse=yes, note=form.cleaned_data["note"]
        )
    except NotFound:
        raise
    except ApplicationError as error:
        _refused(request, error)
    else:
        messages.success(request, _endorsed_message(found, yes))
    return redirect("programmes:nomination", found.pk)


def _endorsed_message(found: Nomination, yes: bool) -> str:
    name = {"name": found.member.full_name}
    if yes:
        return _("You endorsed the nomination of %(name)s.") % name
    return _("You did not endorse the nomination of %(name)s.") % name


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.access_nomination(request.user, pk)
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        service.withdraw(actor=request.user, nomination=found, reason=reason)
    except NotFound:
        raise
    except ApplicationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The nomination was withdrawn."))
    return redirect("programmes:nomination", found.pk)


def endorse_link(request: HttpRequest, token: str) -> HttpResponse:
    """The supervisor's page from the e-mail: the nomination's summary and the two
    buttons. A wrong or expired token is a page saying so, with a 404 status."""
    found = nomination_from_link(token)
    if found is None:
        return render(request, "programmes/nominations/link_invalid.html", status=404)
    form = EndorseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not form.is_valid():
            raise NotFound()
        yes = form.cleaned_data["decision"] == "endorse"
        try:
            found = service.endorse_through_link(
                nomination=found,
                endorse=yes,
                note=form.cleaned_data["note"],
                # The link speaks for the supervisor it names, whoever is signed in.
                actor=request.user if access.is_named_supervisor(request.user, found) else None,
            )
        except ApplicationError as error:
            _refused(request, error)
        else:
            messages.success(request, _endorsed_message(found, yes))
        return redirect("programmes:endorse-link", token)
    context = {
        "nomination": found,
        "intake": found.intake,
        "programme": found.intake.programme,
        "open": not found.is_withdrawn
        and found.endorsement == Endorsement.PENDING
        and found.consent != Consent.DECLINED,
        "form": form,
    }
    return render(request, "programmes/nominations/endorse_link.html", context)


urlpatterns = [
    path("programmes/intakes/<int:pk>/nominate/", nominate, name="nominate"),
    path("programmes/intakes/<int:pk>/nominations/", nominations, name="nominations"),
    path("programmes/nominations/mine/", mine, name="my-nominations"),
    path("programmes/nominations/<int:pk>/", nomination, name="nomination"),
    path("programmes/nominations/<int:pk>/consent/", consent, name="nomination-consent"),
    path("programmes/nominations/<int:pk>/endorse/", endorse, name="nomination-endorse"),
    path("programmes/nominations/<int:pk>/withdraw/", withdraw, name="nomination-withdraw"),
    path("programmes/endorse/<str:token>/", endorse_link, name="endorse-link"),
]
