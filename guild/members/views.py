from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guild.core.errors import ApplicationError
from guild.core.forms import apply_errors
from guild.core.pagination import paginate
from guild.members.access import (
    Visibility,
    access_member,
    access_member_for_edit,
    can_export_members,
)
from guild.members.forms import PROFILE_FORM_FIELDS, DirectoryFilterForm, ProfileForm
from guild.members.models import Member
from guild.members.selectors import (
    MemberFilters,
    member_directory,
    member_directory_count,
    member_directory_rows,
    member_for_user,
)
from guild.members.services import (
    member_create,
    member_export_start,
    member_link_account,
    member_update,
)

FILTER_FIELDS = ["community", "department", "region", "work_stream", "group", "level"]


def _filters_from(form: DirectoryFilterForm) -> MemberFilters:
    if not form.is_valid():
        return MemberFilters()
    data = form.cleaned_data
    return MemberFilters(
        q=data.get("q") or "",
        **{name: data.get(name) for name in FILTER_FIELDS},
    )


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    filters = _filters_from(form)
    members = member_directory(user=request.user, filters=filters)
    count = member_directory_count(user=request.user, filters=filters, members=members)
    page = paginate(
        member_directory_rows(members),
        request.GET.get("page"),
        settings.GUILD_PAGE_SIZE,
        count=count,
    )
    context = {"form": form, "page": page, "can_export": can_export_members(request.user)}
    template = (
        "members/directory_results.html"
        if request.headers.get("HX-Request")
        else "members/directory.html"
    )
    return render(request, template, context)


@login_required
@require_POST
def directory_export(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.POST)
    job = member_export_start(actor=request.user, filters=_filters_from(form))
    if request.headers.get("HX-Request"):
        # The progress bar appears on the directory page itself and polls until done.
        return render(request, "core/job_progress.html", {"job": job})
    return redirect("core:job_detail", job_id=job.id)


@login_required
def member_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    member, visibility = access_member(request.user, member_id)
    context: dict[str, Any] = {
        "member": member,
        "full": visibility is Visibility.FULL,
        "communities": member.communities.all(),
        "work_streams": member.work_streams.select_related("community"),
    }
    return render(request, "members/detail.html", context)


def _supervisor_from(form: ProfileForm) -> Member | None:
    email = form.cleaned_data.get("supervisor_email")
    if not email:
        return None
    supervisor = Member.objects.filter(work_email__iexact=email).first()
    if supervisor is None:
        form.add_error("supervisor_email", _("No member uses this e-mail address."))
    return supervisor


def _profile_initial(member: Member | None, request: HttpRequest) -> dict[str, Any]:
    if member is None:
        return {"work_email": request.user.email}  # type: ignore[union-attr]
    initial = model_to_dict(member, fields=PROFILE_FORM_FIELDS)
    initial["communities"] = list(member.communities.all())
    initial["work_streams"] = list(member.work_streams.all())
    initial["supervisor_email"] = member.supervisor.work_email if member.supervisor else ""
    return initial


def _save_profile(request: HttpRequest, form: ProfileForm, member: Member | None) -> bool:
    if not form.is_valid():
        return False
    supervisor = _supervisor_from(form)
    if form.errors:
        return False
    data = {name: form.cleaned_data[name] for name in PROFILE_FORM_FIELDS}
    data["supervisor"] = supervisor
    try:
        if member is None:
            member_create(
                actor=request.user,
                user=request.user,
                communities=form.cleaned_data["communities"],
                work_streams=form.cleaned_data["work_streams"],
                **data,
            )
        else:
            member_update(
                actor=request.user,
                member=member,
                communities=form.cleaned_data["communities"],
                work_streams=form.cleaned_data["work_streams"],
                **data,
            )
    except (ValidationError, ApplicationError) as error:
        apply_errors(form, error, {"supervisor": "supervisor_email"})
        return False
    return True


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    member = member_for_user(request.user) or member_link_account(user=request.user)
    return _profile_form_page(request, member, own=True)


@login_required
def member_edit(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access_member_for_edit(request.user, member_id)
    return _profile_form_page(request, member, own=member.user_id == request.user.pk)


def _profile_form_page(request: HttpRequest, member: Member | None, *, own: bool) -> HttpResponse:
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if _save_profile(request, form, member):
            messages.success(request, _("The profile was saved."))
            if own or member is None:
                return redirect("members:profile_edit")
            return redirect("members:detail", member.pk)
    else:
        form = ProfileForm(initial=_profile_initial(member, request))
    context = {"form": form, "member": member, "own": own}
    return render(request, "members/profile_form.html", context, status=400 if form.errors else 200)
