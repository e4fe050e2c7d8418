"""Role profile pages: the profiles a programme administrator or a department's coordinator
manages, creating and editing them (a target per competency), and which members' positions
have them."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guild.competencies.access import (
    access_role_profile,
    can_manage_frameworks,
    can_manage_role_profiles,
)
from guild.competencies.models import FrameworkVersion, RoleProfile
from guild.competencies.profile_forms import ProfileMembersForm, RoleProfileForm
from guild.competencies.selectors import (
    community_current_version,
    framework_current_version,
    role_profile_targets,
    role_profiles_list,
    version_competencies,
    version_level_names,
)
from guild.competencies.selectors.profile_pages import (
    CANDIDATES_SHOWN,
    ManagedCommunity,
    department_choices,
    managed_communities,
    occupational_level_choices,
    profile_candidates,
    profile_members,
    work_stream_choices,
)
from guild.competencies.services import (
    role_profile_create,
    role_profile_members_set,
    role_profile_update,
)
from guild.competencies.views._common import posted
from guild.core.bilingual import localize
from guild.core.errors import ApplicationError, NotFound, PermissionDenied
from guild.core.forms import apply_errors
from guild.members.models import Member
from guild.organizations.models import Department, OccupationalLevel, WorkStream


def _managed(request: HttpRequest, community_id: int) -> ManagedCommunity:
    for managed in managed_communities(request.user):
        if managed.community.pk == community_id:
            return managed
    raise NotFound()


def _manageable(request: HttpRequest, profile_id: int) -> tuple[RoleProfile, ManagedCommunity]:
    profile = access_role_profile(request.user, profile_id)
    if not can_manage_role_profiles(request.user, profile.community_id, profile.department_id):
        raise NotFound()
    return profile, _managed(request, profile.community_id)


@login_required
def profile_list(request: HttpRequest) -> HttpResponse:
    sections = []
    latest: dict[int, FrameworkVersion | None] = {}
    for managed in managed_communities(request.user):
        moves = can_manage_frameworks(request.user, managed.community.pk)
        profiles = []
        for profile in role_profiles_list(community=managed.community):
            framework = profile.version.framework
            if framework.pk not in latest:
                latest[framework.pk] = framework_current_version(framework)
            current = latest[framework.pk]
            newer = current if current and current.number > profile.version.number else None
            profiles.append(
                (
                    profile,
                    can_manage_role_profiles(
                        request.user, profile.community_id, profile.department_id
                    ),
                    newer if moves else None,
                )
            )
        sections.append((managed.community, profiles))
    if not sections:
        raise NotFound()
    return render(request, "competencies/profiles.html", {"sections": sections})


def _form(
    request: HttpRequest,
    managed: ManagedCommunity,
    version: FrameworkVersion,
    *,
    creating: bool,
    initial: dict[str, Any],
) -> RoleProfileForm:
    departments: list[tuple[Any, str]] | None = None
    if creating:
        departments = list(department_choices(managed.departments))
        if managed.departments is None:
            departments = [("", _("Every department: a community-wide profile")), *departments]
    competencies = [
        (competency.code, f"{competency.code} {localize(competency, 'name').text}")
        for competency in version_competencies(version).order_by("family__order", "order")
    ]
    scale = [
        (level, f"{level} - {name}") for level, name in version_level_names(version.pk).items()
    ]
    form = RoleProfileForm(
        posted(request),
        work_streams=work_stream_choices(managed.community),
        levels=occupational_level_choices(),
        departments=departments,
        competencies=competencies,
        scale=scale,
        initial=initial,
    )
    if creating and managed.departments is not None:
        # A coordinator's profiles are their departments' only.
        form.fields["department"].required = True
    return form


def _render_form(
    request: HttpRequest, form: RoleProfileForm, context: dict[str, Any]
) -> HttpResponse:
    return render(
        request,
        "competencies/profile_form.html",
        {"form": form, **context},
        status=400 if form.errors else 200,
    )


@login_required
def profile_create(request: HttpRequest, community_id: int) -> HttpResponse:
    managed = _managed(request, community_id)
    version = community_current_version(managed.community)
    if version is None:
        return render(request, "competencies/profile_form.html", {"community": managed.community})
    form = _form(request, managed, version, creating=True, initial={})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        department_id = data.get("department")
        try:
            profile = role_profile_create(
                actor=request.user,
                community=managed.community,
                version=version,
                name_en=data["name_en"],
                name_fr=data["name_fr"],
                work_stream=WorkStream.objects.get(pk=data["work_stream"]),
                level=OccupationalLevel.objects.get(pk=data["level"]),
                targets=form.targets(),
                department=Department.objects.get(pk=department_id) if department_id else None,
            )
        except (ValidationError, ApplicationError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The role profile was created."))
            return redirect("competencies:profile_members", profile_id=profile.pk)
    context = {"community": managed.community, "version": version, "profile": None}
    return _render_form(request, form, context)


@login_required
def profile_edit(request: HttpRequest, profile_id: int) -> HttpResponse:
    profile, managed = _manageable(request, profile_id)
    targets = role_profile_targets(profile)
    initial: dict[str, Any] = {
        "name_en": profile.name_en,
        "name_fr": profile.name_fr,
        "work_stream": profile.work_stream_id,
        "level": profile.level_id,
        **{RoleProfileForm.target_name(code): level for code, level in targets.items()},
    }
    form = _form(request, managed, profile.version, creating=False, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            role_profile_update(
                actor=request.user,
                profile=profile,
                targets=form.targets(),
                name_en=data["name_en"],
                name_fr=data["name_fr"],
                work_stream=WorkStream.objects.get(pk=data["work_stream"]),
                level=OccupationalLevel.objects.get(pk=data["level"]),
            )
        except (ValidationError, ApplicationError) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The role profile was saved."))
            return redirect("competencies:profiles")
    context = {"community": profile.community, "version": profile.version, "profile": profile}
    return _render_form(request, form, context)


def _member_label(member: Member) -> str:
    department = localize(member.department, "acronym").text if member.department else ""
    return f"{member.full_name} ({department})" if department else member.full_name


@login_required
def profile_members_page(request: HttpRequest, profile_id: int) -> HttpResponse:
    profile, managed = _manageable(request, profile_id)
    search = request.GET.get("q", "").strip()[:100]
    assigned = list(profile_members(profile))
    candidates = list(profile_candidates(profile, managed.departments, search)[:CANDIDATES_SHOWN])
    form = ProfileMembersForm(
        posted(request),
        candidates=[(member.pk, _member_label(member)) for member in candidates],
        assigned=[(member.pk, _member_label(member)) for member in assigned],
    )
    if request.method == "POST" and form.is_valid():
        by_id = {member.pk: member for member in [*assigned, *candidates]}
        try:
            changed = role_profile_members_set(
                actor=request.user,
                profile=profile,
                add=[by_id[pk] for pk in form.cleaned_data.get("add", [])],
                remove=[by_id[pk] for pk in form.cleaned_data.get("remove", [])],
            )
        except PermissionDenied:
            raise NotFound() from None
        except (ValidationError, ApplicationError) as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d member's position changed.",
                    "%(count)d members' positions changed.",
                    changed,
                )
                % {"count": changed},
            )
            return redirect("competencies:profile_members", profile_id=profile.pk)
    context = {
        "profile": profile,
        "form": form,
        "search": search,
        "assigned": assigned,
        "shown": CANDIDATES_SHOWN,
        "candidates": candidates,
    }
    return render(
        request, "competencies/profile_members.html", context, status=400 if form.errors else 200
    )
