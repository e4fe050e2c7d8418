"""Curriculum pages: the list, a curriculum with its versions, a version (its courses, the
competencies they develop, the endorsements and the member's own, the manager's actions)
and a draft's form."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from guild.core.bilingual import localize
from guild.core.errors import ApplicationError, NotFound
from guild.core.forms import apply_errors
from guild.core.pagination import paginate
from guild.learning.access import (
    access_curriculum,
    access_curriculum_version,
    can_manage_catalogue,
    curricula_communities,
    endorsing_departments,
    managed_communities,
)
from guild.learning.forms_curricula import (
    CurriculumForm,
    DraftForm,
    EndorsementForm,
    OpenForm,
    draft_initial,
)
from guild.learning.models import CurriculumStatus, CurriculumVersion
from guild.learning.selectors.curricula import (
    community_courses,
    competency_map,
    curricula_list,
    curriculum_versions,
    department_endorsements,
    in_progress,
    latest_approved,
    linkable_programmes,
    my_endorsements,
    structure_of,
    version_endorsements,
    version_tally,
)
from guild.learning.services.curricula import (
    curriculum_create,
    endorsement_save,
    version_approve,
    version_new,
    version_open,
    version_update,
)
from guild.members.access import is_community_member, own_member_id


@login_required
@require_GET
def curricula(request: HttpRequest) -> HttpResponse:
    rows = [
        (curriculum, latest_approved(curriculum), in_progress(curriculum))
        for curriculum in curricula_list(communities=curricula_communities(request.user))
    ]
    context = {"rows": rows, "can_create": bool(managed_communities(request.user))}
    return render(request, "learning/curricula/list.html", context)


@login_required
@require_GET
def curriculum_detail(request: HttpRequest, curriculum_id: int) -> HttpResponse:
    curriculum = access_curriculum(request.user, curriculum_id)
    manages = can_manage_catalogue(request.user, curriculum.community_id)
    versions = [
        v for v in curriculum_versions(curriculum) if manages or v.status != CurriculumStatus.DRAFT
    ]
    context = {
        "curriculum": curriculum,
        "approved": next((v for v in versions if v.status == CurriculumStatus.APPROVED), None),
        "current": next(
            (v for v in versions if v.status in (CurriculumStatus.DRAFT, CurriculumStatus.OPEN)),
            None,
        ),
        "versions": versions,
        "can_manage": manages,
    }
    return render(request, "learning/curricula/curriculum.html", context)


def _endorsement_form(
    request: HttpRequest, version: CurriculumVersion, data: Any = None
) -> EndorsementForm:
    departments = endorsing_departments(request.user, version.curriculum.community_id)
    mine = my_endorsements(version, own_member_id(request.user)).get(None)
    initial = {"stance": mine.stance, "text": mine.text} if mine else None
    return EndorsementForm(
        data,
        departments=[(str(d.pk), localize(d, "name").text) for d in departments],
        initial=initial,
    )


def _version_page(
    request: HttpRequest,
    version: CurriculumVersion,
    *,
    form: EndorsementForm | None = None,
    open_form: OpenForm | None = None,
) -> HttpResponse:
    curriculum = version.curriculum
    structure = structure_of(version.structure, community_courses(curriculum.community))
    member_id = own_member_id(request.user)
    departments = endorsing_departments(request.user, curriculum.community_id)
    page = paginate(
        version_endorsements(version), request.GET.get("page"), settings.GUILD_PAGE_SIZE
    )
    is_open = version.status == CurriculumStatus.OPEN
    context = {
        "curriculum": curriculum,
        "version": version,
        "structure": structure,
        "map": competency_map(structure, curriculum.community),
        "tally": version_tally(version),
        "page": page,
        "mine": my_endorsements(version, member_id),
        "spoken": department_endorsements(version, [d.pk for d in departments]),
        "departments": departments,
        # A refused form is shown with its errors whoever sent it.
        "form": form
        if form is not None
        else (
            _endorsement_form(request, version)
            if is_open and is_community_member(request.user, curriculum.community_id)
            else None
        ),
        "open_form": open_form or OpenForm(),
        "can_manage": can_manage_catalogue(request.user, curriculum.community_id),
    }
    failed = (form is not None and form.errors) or (open_form is not None and open_form.errors)
    return render(
        request, "learning/curricula/version.html", context, status=400 if failed else 200
    )


@login_required
def version_detail(request: HttpRequest, version_id: int) -> HttpResponse:
    """The version; a POST is the member's endorsement or comment."""
    version = access_curriculum_version(request.user, version_id)
    if request.method != "POST":
        return _version_page(request, version)
    form = _endorsement_form(request, version, request.POST)
    if form.is_valid():
        department_id = form.cleaned_data.get("department")
        department = next(
            (
                d
                for d in endorsing_departments(request.user, version.curriculum.community_id)
                if d.pk == department_id
            ),
            None,
        )
        if department_id is not None and department is None:
            form.add_error("department", _("You may speak only for a department you coordinate."))
        else:
            try:
                endorsement_save(
                    actor=request.user,
                    version=version,
                    stance=form.cleaned_data["stance"],
                    text=form.cleaned_data["text"],
                    department=department,
                )
            except (ValidationError, ApplicationError) as error:
                if isinstance(error, NotFound):
                    raise
                apply_errors(form, error)
            else:
                messages.success(request, _("Thank you: what you said is recorded."))
                return redirect("learning:curriculum_version", version.pk)
    return _version_page(request, version, form=form)


@login_required
def version_edit(request: HttpRequest, version_id: int) -> HttpResponse:
    version = access_curriculum_version(request.user, version_id, to_manage=True)
    if version.status != CurriculumStatus.DRAFT:
        messages.error(
            request,
            _("Only a draft can be changed; start a new version to change this curriculum."),
        )
        return redirect("learning:curriculum_version", version.pk)
    courses = community_courses(version.curriculum.community)
    choices = [
        (code, f"{localize(course, 'title').text} ({code})")
        for code, course in sorted(courses.items(), key=lambda item: item[1].title.casefold())
    ]
    groups = len(version.structure.get("electives") or [])
    form = DraftForm(
        request.POST if request.method == "POST" else None,
        courses=choices,
        groups=groups,
        initial=draft_initial(version.structure, version.notes_en, version.notes_fr),
    )
    if request.method == "POST" and form.is_valid():
        structure, slots = form.structure()
        try:
            version_update(
                actor=request.user,
                version=version,
                structure=structure,
                notes_en=form.cleaned_data["notes_en"],
                notes_fr=form.cleaned_data["notes_fr"],
            )
        except ApplicationError as error:
            if isinstance(error, NotFound):
                raise
            for path, problems in (error.fields or {"__all__": [str(error.message)]}).items():
                for problem in problems:
                    form.add_error(form.field_for(path, slots), problem)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("learning:curriculum_version", version.pk)
    context = {"version": version, "curriculum": version.curriculum, "form": form}
    status = 400 if form.errors else 200
    return render(request, "learning/curricula/edit.html", context, status=status)


def _action_failed(request: HttpRequest, error: ApplicationError | ValidationError) -> None:
    if isinstance(error, NotFound):
        raise error
    if isinstance(error, ApplicationError):
        texts = [str(error.message)] + [m for ms in error.fields.values() for m in ms]
    else:
        texts = list(error.messages)
    messages.error(request, " ".join(texts))


@login_required
@require_POST
def version_open_page(request: HttpRequest, version_id: int) -> HttpResponse:
    version = access_curriculum_version(request.user, version_id, to_manage=True)
    form = OpenForm(request.POST)
    if form.is_valid():
        try:
            version_open(
                actor=request.user, version=version, closes_on=form.cleaned_data["closes_on"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        except ApplicationError as error:
            _action_failed(request, error)
        else:
            messages.success(request, _("The version is open for endorsement."))
            return redirect("learning:curriculum_version", version.pk)
    if form.errors:
        return _version_page(request, version, open_form=form)
    return redirect("learning:curriculum_version", version.pk)


@login_required
@require_POST
def version_approve_page(request: HttpRequest, version_id: int) -> HttpResponse:
    version = access_curriculum_version(request.user, version_id, to_manage=True)
    try:
        version_approve(actor=request.user, version=version)
    except (ApplicationError, ValidationError) as error:
        _action_failed(request, error)
    else:
        if version.curriculum.programme_id is not None:
            messages.success(
                request,
                _("The version is approved; the certification programme's rules now use it."),
            )
        else:
            messages.success(request, _("The version is approved."))
    return redirect("learning:curriculum_version", version.pk)


@login_required
@require_POST
def version_new_page(request: HttpRequest, curriculum_id: int) -> HttpResponse:
    curriculum = access_curriculum(request.user, curriculum_id, to_manage=True)
    try:
        version = version_new(actor=request.user, curriculum=curriculum)
    except (ApplicationError, ValidationError) as error:
        _action_failed(request, error)
        return redirect("learning:curriculum", curriculum.pk)
    messages.success(request, _("A new draft starts from the approved version."))
    return redirect("learning:curriculum_version_edit", version.pk)


@login_required
def curriculum_create_page(request: HttpRequest) -> HttpResponse:
    """A new curriculum of a community whose catalogue the person manages, with its first
    version as an empty draft to fill."""
    communities = managed_communities(request.user)
    if not communities:
        raise NotFound()
    programmes = linkable_programmes(communities=communities)
    several = len(communities) > 1
    choices = [
        (
            str(p.pk),
            f"{localize(p, 'name').text} ({localize(p.community, 'name').text})"
            if several
            else localize(p, "name").text,
        )
        for p in programmes
    ]
    form = CurriculumForm(request.POST if request.method == "POST" else None, programmes=choices)
    if several:
        form.fields["community"] = forms.TypedChoiceField(
            label=_("Community"),
            coerce=int,
            choices=[(c.pk, localize(c, "name").text) for c in communities],
        )
        form.order_fields(["community"])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        community = next((c for c in communities if c.pk == data.get("community")), communities[0])
        programme = next((p for p in programmes if p.pk == data["programme"]), None)
        try:
            curriculum = curriculum_create(
                actor=request.user,
                community=community,
                code=data["code"],
                name_en=data["name_en"],
                name_fr=data["name_fr"],
                summary_en=data["summary_en"],
                summary_fr=data["summary_fr"],
                programme=programme,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("The curriculum was created: choose the courses of its first version.")
            )
            first = in_progress(curriculum)
            if first is None:
                return redirect("learning:curriculum", curriculum.pk)
            return redirect("learning:curriculum_version_edit", first.pk)
    status = 400 if form.errors else 200
    return render(request, "learning/curricula/new.html", {"form": form}, status=status)
