"""Enrolment pages: an offering and its form, enrolling and withdrawing, the member's "My
learning", the supervisor's approvals, the roster with its results, the declaration of a
self-paced course and the import of a results file."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guild.core.bilingual import localize
from guild.core.errors import ApplicationError, NotFound
from guild.core.forms import apply_errors
from guild.core.uploads import UploadTooLarge, check_size
from guild.learning.access import (
    access_course,
    access_enrolment,
    access_offering,
    can_manage_catalogue,
    managed_communities,
)
from guild.learning.course_file import CourseFileError
from guild.learning.forms import (
    CompletionImportForm,
    DeclarationForm,
    EnrolmentDecisionForm,
    OfferingForm,
    RosterCompletionForm,
)
from guild.learning.models import Course, EnrolmentStatus, Offering
from guild.learning.selectors import (
    approvals_waiting,
    my_completions,
    my_enrolment,
    my_enrolments,
    offering_counted,
    offering_roster,
)
from guild.learning.services import (
    completion_declare,
    completion_import,
    completion_record,
    enrolment_create,
    enrolment_decide,
    enrolment_withdraw,
    offering_save,
)
from guild.learning.services.completion import SELF_DECLARED_FORMATS
from guild.learning.services.enrolment import OFFERING_FIELDS
from guild.members.access import own_member_id


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _status(form: Any) -> int:
    return 400 if form.errors else 200


class _FormHasErrors(Exception):
    pass


def _offering_page(request: HttpRequest, course: Course, offering: Offering | None) -> HttpResponse:
    if offering is None:
        initial: dict[str, Any] = {
            "language": course.languages,
            "delivery": course.format,
            "status": "open",
        }
    else:
        initial = {name: getattr(offering, name) for name in OFFERING_FIELDS}
    form = OfferingForm(_posted(request), initial=initial)
    if request.method == "POST":
        form.is_valid()
        # Every error at once: the service checks what the form could read (the dates'
        # order, the places) even when other fields are wrong; then nothing is kept.
        try:
            with transaction.atomic():
                saved = offering_save(
                    actor=request.user, course=course, offering=offering, **form.cleaned_data
                )
                if form.errors:
                    raise _FormHasErrors
        except _FormHasErrors:
            pass
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                if name not in form.errors:
                    apply_errors(form, ValidationError({name: errors}))
        else:
            messages.success(request, _("The offering was saved."))
            return redirect("learning:offering_detail", saved.pk)
    context = {"form": form, "course": course, "offering": offering}
    return render(request, "learning/offering_form.html", context, status=_status(form))


@login_required
def offering_create(request: HttpRequest, course_id: int) -> HttpResponse:
    return _offering_page(request, access_course(request.user, course_id, to_change=True), None)


@login_required
def offering_edit(request: HttpRequest, offering_id: int) -> HttpResponse:
    offering = access_offering(request.user, offering_id, to_manage=True)
    return _offering_page(request, offering.course, offering)


@login_required
def offering_detail(request: HttpRequest, offering_id: int) -> HttpResponse:
    offering = offering_counted(access_offering(request.user, offering_id))
    context = {
        "offering": offering,
        "course": offering.course,
        "mine": my_enrolment(offering, own_member_id(request.user)),
        "can_manage": can_manage_catalogue(request.user, offering.course.provider.community_id),
    }
    return render(request, "learning/offering_detail.html", context)


def _refused(request: HttpRequest, error: ApplicationError) -> None:
    messages.error(request, str(error.message))


@login_required
@require_POST
def enrol(request: HttpRequest, offering_id: int) -> HttpResponse:
    offering = access_offering(request.user, offering_id)
    try:
        enrolment = enrolment_create(actor=request.user, offering=offering)
    except NotFound:
        raise
    except ApplicationError as error:
        _refused(request, error)
        return redirect("learning:offering_detail", offering.pk)
    done = {
        EnrolmentStatus.ENROLLED: _("You are enrolled."),
        EnrolmentStatus.WAITLISTED: _(
            "The offering is full: you are on its waitlist and will get the next free place."
        ),
        EnrolmentStatus.AWAITING_APPROVAL: _(
            "Your request was sent to your supervisor, who approves or refuses it."
        ),
    }
    messages.success(request, done[EnrolmentStatus(enrolment.status)])
    return redirect("learning:mine")


@login_required
@require_POST
def withdraw(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = access_enrolment(request.user, enrolment_id, own=True)
    try:
        enrolment_withdraw(actor=request.user, enrolment=enrolment)
    except NotFound:
        raise
    except ApplicationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("You withdrew from the offering."))
    return redirect("learning:mine")


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    member_id = own_member_id(request.user)
    context = {
        "has_profile": member_id is not None,
        "enrolments": list(my_enrolments(member_id=member_id)) if member_id else [],
        "completions": list(my_completions(member_id=member_id)) if member_id else [],
    }
    return render(request, "learning/mine.html", context)


@login_required
def approvals(request: HttpRequest) -> HttpResponse:
    member_id = own_member_id(request.user)
    if member_id is None:
        raise NotFound()
    waiting = list(approvals_waiting(supervisor_id=member_id))
    return render(request, "learning/approvals.html", {"waiting": waiting})


@login_required
@require_POST
def decide(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = access_enrolment(request.user, enrolment_id)
    form = EnrolmentDecisionForm(request.POST)
    if not form.is_valid():
        raise NotFound()
    approve = form.cleaned_data["decision"] == "approve"
    try:
        enrolment_decide(actor=request.user, enrolment=enrolment, approve=approve)
    except NotFound:
        raise
    except ApplicationError as error:
        _refused(request, error)
    else:
        name = enrolment.member.full_name
        messages.success(
            request,
            (
                _("You approved %(name)s's request.")
                if approve
                else _("You refused %(name)s's request.")
            )
            % {"name": name},
        )
    return redirect("learning:approvals")


@login_required
def roster(request: HttpRequest, offering_id: int) -> HttpResponse:
    offering = offering_counted(access_offering(request.user, offering_id, to_manage=True))
    people = offering_roster(offering)
    form = RosterCompletionForm(
        _posted(request), enrolled=[(e.pk, e.member.full_name) for e in people.enrolled]
    )
    if request.method == "POST" and form.is_valid():
        chosen = [e for e in people.enrolled if e.pk in set(form.cleaned_data["enrolments"])]
        try:
            done = completion_record(
                actor=request.user,
                offering=offering,
                enrolments=chosen,
                completed_on=form.cleaned_data["completed_on"],
                result=form.cleaned_data["result"],
            )
        except (ValidationError, ApplicationError) as error:
            if isinstance(error, NotFound):
                raise
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Results recorded: %(count)d.") % {"count": len(done)},
            )
            return redirect("learning:roster", offering.pk)
    context = {"offering": offering, "course": offering.course, "roster": people, "form": form}
    return render(request, "learning/roster.html", context, status=_status(form))


@login_required
def declare(request: HttpRequest, course_id: int) -> HttpResponse:
    course = access_course(request.user, course_id)
    if course.format not in SELF_DECLARED_FORMATS or own_member_id(request.user) is None:
        raise NotFound()
    form = DeclarationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            completion_declare(actor=request.user, course=course, **form.cleaned_data)
        except (ValidationError, ApplicationError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The course is recorded as completed."))
            return redirect("learning:mine")
    return render(
        request, "learning/declare.html", {"form": form, "course": course}, status=_status(form)
    )


@login_required
def results_import(request: HttpRequest) -> HttpResponse:
    communities = managed_communities(request.user)
    if not communities:
        raise NotFound()
    form = CompletionImportForm(
        _posted(request),
        request.FILES if request.method == "POST" else None,
        communities=[(c.pk, localize(c, "name").text) for c in communities],
    )
    problems: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        community = next(c for c in communities if c.pk == form.cleaned_data["community"])
        upload = form.cleaned_data["file"]
        try:
            check_size(upload.size)
            result = completion_import(
                actor=request.user, community=community, content=upload.read()
            )
        except UploadTooLarge as error:
            form.add_error("file", error.message)
        except CourseFileError as error:
            form.add_error("file", error.message)
            problems = [problem.as_dict() for problem in error.problems]
        else:
            messages.success(
                request,
                _("Results imported. New: %(created)d; replaced: %(updated)d.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("learning:results_import")
    context = {"form": form, "problems": problems}
    return render(request, "learning/results_import.html", context, status=_status(form))
