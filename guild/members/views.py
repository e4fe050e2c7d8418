from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guild.core.bilingual import localize
from guild.core.errors import ApplicationError, NotFound
from guild.core.forms import apply_errors
from guild.core.pagination import paginate
from guild.members.access import (
    Visibility,
    access_member,
    access_member_for_edit,
    access_membership_for_removal,
    can_export_members,
    decides_any_membership,
    is_last_programme_administrator,
    removable_communities,
)
from guild.members.forms import (
    PROFILE_FORM_FIELDS,
    DirectoryFilterForm,
    MembershipDecisionForm,
    MembershipRemovalForm,
    ProfileForm,
)
from guild.members.models import Member, MembershipRequest, MembershipStatus
from guild.members.selectors import (
    MemberFilters,
    member_communities,
    member_directory,
    member_directory_count,
    member_directory_rows,
    member_for_user,
    member_membership_requests,
    membership_requests_to_decide,
)
from guild.members.services import (
    member_create,
    member_export_start,
    member_link_account,
    member_update,
    membership_leave,
    membership_remove,
    membership_request_decide,
    membership_request_withdraw,
)
from guild.organizations.models import Community

FILTER_FIELDS = ["community", "department", "region", "work_stream", "group", "level"]

# A community the member may be removed from, its form, and whether the person is the
# member themself and the community's last programme administrator (then the page says
# so instead of offering an action the service would refuse).
Removal = tuple[Community, MembershipRemovalForm, bool]


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
    context = {
        "form": form,
        "page": page,
        "can_export": can_export_members(request.user),
        "decides_membership": decides_any_membership(request.user),
    }
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
    removals = _removal_forms(request, member)
    return _member_detail_page(request, member, visibility, removals)


def _member_detail_page(
    request: HttpRequest,
    member: Member,
    visibility: Visibility,
    removals: list[Removal],
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "member": member,
        "full": visibility is Visibility.FULL,
        "communities": member.communities.all(),
        "work_streams": member.work_streams.select_related("community"),
        "removals": removals,
    }
    return render(request, "members/detail.html", context, status=status)


def _removal_forms(
    request: HttpRequest, member: Member, bound: MembershipRemovalForm | None = None
) -> list[Removal]:
    """One "Remove from this community" form per community of the member that the
    person manages (the bound one, with its errors, where it belongs)."""
    rows = []
    own = member.user_id is not None and member.user_id == request.user.pk
    for community in removable_communities(request.user, member):
        prefix = f"c{community.pk}"
        form = bound if bound is not None and bound.prefix == prefix else None
        last = own and is_last_programme_administrator(member.user_id, community.pk)
        rows.append((community, form or MembershipRemovalForm(prefix=prefix), last))
    return rows


@login_required
@require_POST
def membership_remove_view(request: HttpRequest, member_id: int, community_id: int) -> HttpResponse:
    member, community = access_membership_for_removal(request.user, member_id, community_id)
    form = MembershipRemovalForm(request.POST, prefix=f"c{community.pk}")
    if form.is_valid():
        try:
            removed = membership_remove(
                actor=request.user,
                member=member,
                community_id=community.pk,
                reason=form.cleaned_data["reason"],
            )
        except (ValidationError, ApplicationError) as error:
            if isinstance(error, NotFound):
                raise
            apply_errors(form, error)
        else:
            return _after_removal(request, member, community, removed=removed)
    removals = _removal_forms(request, member, bound=form)
    if not any(row[1] is form for row in removals):
        # Already out of the community (removed meanwhile): nothing to correct.
        return _after_removal(request, member, community, removed=False)
    _member, visibility = access_member(request.user, member.pk)
    return _member_detail_page(request, member, visibility, removals, status=400)


def _after_removal(
    request: HttpRequest, member: Member, community: Community, *, removed: bool
) -> HttpResponse:
    names = {"name": member.full_name, "community": str(localize(community, "name"))}
    if removed:
        messages.success(request, _("%(name)s was removed from %(community)s.") % names)
    else:
        messages.info(
            request,
            _("%(name)s is not a member of %(community)s; nothing was changed.") % names,
        )
    return redirect(f"{reverse('members:directory')}?community={community.pk}")


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
    initial["work_streams"] = list(member.work_streams.all())
    initial["supervisor_email"] = member.supervisor.work_email if member.supervisor else ""
    return initial


def _save_profile(request: HttpRequest, form: ProfileForm, member: Member | None) -> bool:
    # The supervisor is looked up even when other fields are wrong, so one submission
    # reports every problem at once.
    valid = form.is_valid()
    supervisor = _supervisor_from(form)
    if not valid or form.errors:
        return False
    data = {name: form.cleaned_data[name] for name in PROFILE_FORM_FIELDS}
    data["supervisor"] = supervisor
    join = form.cleaned_data.get("join_communities") or []
    try:
        if member is None:
            member_create(
                actor=request.user,
                user=request.user,
                join=join,
                work_streams=form.cleaned_data["work_streams"],
                **data,
            )
        else:
            member_update(
                actor=request.user,
                member=member,
                join=join,
                work_streams=form.cleaned_data["work_streams"],
                **data,
            )
    except (ValidationError, ApplicationError) as error:
        apply_errors(
            form, error, {"supervisor": "supervisor_email", "community": "join_communities"}
        )
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
        form = ProfileForm(request.POST, member=member, own=own)
        if _save_profile(request, form, member):
            messages.success(request, _("The profile was saved."))
            if own or member is None:
                return redirect("members:profile_edit")
            return redirect("members:detail", member.pk)
    else:
        form = ProfileForm(initial=_profile_initial(member, request), member=member, own=own)
    context = {
        "form": form,
        "member": member,
        "own": own,
        "communities": member_communities(member=member),
        "membership_requests": member_membership_requests(member=member),
        "decides_membership": own and decides_any_membership(request.user),
    }
    return render(request, "members/profile_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def community_leave(request: HttpRequest, community_id: int) -> HttpResponse:
    member = member_for_user(request.user)
    if member is None:
        raise NotFound()
    membership_leave(actor=request.user, member=member, community_id=community_id)
    messages.success(request, _("You have left the community."))
    return redirect("members:profile_edit")


@login_required
@require_POST
def membership_request_withdraw_view(request: HttpRequest, request_id: int) -> HttpResponse:
    try:
        membership_request_withdraw(actor=request.user, request_id=request_id)
    except NotFound:
        raise
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Your request was withdrawn."))
    return redirect("members:profile_edit")


def _decision_forms(
    requests: list[MembershipRequest], bound: MembershipDecisionForm | None = None
) -> list[tuple[MembershipRequest, MembershipDecisionForm]]:
    rows = []
    for item in requests:
        prefix = f"r{item.pk}"
        form = bound if bound is not None and bound.prefix == prefix else None
        rows.append((item, form or MembershipDecisionForm(prefix=prefix)))
    return rows


@login_required
def membership_requests(request: HttpRequest) -> HttpResponse:
    return _membership_requests_page(request)


def _membership_requests_page(
    request: HttpRequest, bound: MembershipDecisionForm | None = None
) -> HttpResponse:
    if not decides_any_membership(request.user):
        raise NotFound()
    page = paginate(membership_requests_to_decide(user=request.user), request.GET.get("page"), 25)
    context = {"page": page, "rows": _decision_forms(list(page.items), bound), "bound": bound}
    status = 400 if bound is not None and bound.errors else 200
    return render(request, "members/membership_requests.html", context, status=status)


@login_required
@require_POST
def membership_request_decide_view(request: HttpRequest, request_id: int) -> HttpResponse:
    form = MembershipDecisionForm(request.POST, prefix=f"r{request_id}")
    if not form.is_valid():
        return _membership_requests_page(request, bound=form)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        decided = membership_request_decide(
            actor=request.user,
            request_id=request_id,
            approve=approve,
            note=form.cleaned_data["note"],
        )
    except (ValidationError, ApplicationError) as error:
        if isinstance(error, NotFound):
            raise
        apply_errors(form, error)
        return _membership_requests_page(request, bound=form)
    name = decided.member.full_name
    if decided.status == MembershipStatus.APPROVED:
        messages.success(request, _("%(name)s is now a member.") % {"name": name})
    else:
        messages.success(request, _("The request of %(name)s was refused.") % {"name": name})
    return redirect("members:membership_requests")
