"""Catalogue pages: the list with its filters, a course, the course and provider forms,
the import page and its template, the exports and the coverage report."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from guild.core.bilingual import localize
from guild.core.errors import NotFound
from guild.core.forms import apply_errors
from guild.core.pagination import paginate
from guild.core.uploads import UploadTooLarge
from guild.learning.access import (
    access_course,
    access_coverage,
    access_provider,
    can_manage_catalogue,
    managed_communities,
    own_community_ids,
)
from guild.learning.course_sheets import courses_csv, courses_xlsx, template_csv, template_xlsx
from guild.learning.forms import CatalogueFilterForm, CourseForm, CourseImportForm, ProviderForm
from guild.learning.imports import course_import_start
from guild.learning.models import Course, Provider
from guild.learning.selectors import (
    CourseFilters,
    catalogue_rows,
    course_offerings,
    course_with_mappings,
    courses_list,
    coverage_report,
    framework_competencies,
    level_names,
    providers_list,
)
from guild.learning.services import course_save, provider_create, provider_update
from guild.learning.services.catalogue import COURSE_FIELDS
from guild.learning.services.completion import SELF_DECLARED_FORMATS
from guild.members.access import own_member_id
from guild.organizations.models import Community

PER_PAGE = 25
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _community(request: HttpRequest, communities: list[Community]) -> Community:
    """The community named by `?community=`, else the first of the person's own, else the
    first one offered."""
    chosen = request.GET.get("community", "")
    for community in communities:
        if str(community.pk) == chosen:
            return community
    if chosen or not communities:
        raise NotFound()
    own = own_community_ids(request.user)
    return next((c for c in communities if c.pk in own), communities[0])


def _all_communities() -> list[Community]:
    return list(Community.objects.active().order_by("code"))


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    communities = _all_communities()
    community = _community(request, communities)
    manages = can_manage_catalogue(request.user, community.pk)
    _version, competencies = framework_competencies(community)
    # The community the page shows is the one the select shows, even when the address did
    # not name it (the person's own).
    data = None
    if request.GET:
        data = request.GET.copy()
        data["community"] = str(community.pk)
    form = CatalogueFilterForm(
        data,
        communities=[(c.pk, localize(c, "name").text) for c in communities],
        providers=[(p.pk, p.name) for p in providers_list(community=community)],
        competencies=[(c.code, f"{c.code} {localize(c, 'name').text}") for c in competencies],
        manages=manages,
    )
    form.fields["community"].initial = community.pk
    filters = CourseFilters(
        provider=form.value("provider"),
        format=form.value("format") or "",
        languages=form.value("languages") or "",
        competency=form.value("competency") or "",
        text=(form.value("text") or "").strip(),
        include_inactive=bool(manages and form.value("include_inactive")),
    )
    page = paginate(
        courses_list(community=community, filters=filters), request.GET.get("page"), PER_PAGE
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "community": community,
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_manage": manages,
        "can_see_coverage": _sees_coverage(request, community),
    }
    return render(request, "learning/catalogue.html", context)


def _sees_coverage(request: HttpRequest, community: Community) -> bool:
    try:
        access_coverage(request.user, community)
    except NotFound:
        return False
    return True


@login_required
def course_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    course = course_with_mappings(access_course(request.user, course_id))
    version, _competencies = framework_competencies(course.provider.community)
    manages = can_manage_catalogue(request.user, course.provider.community_id)
    member_id = own_member_id(request.user)
    context = {
        "course": course,
        "level_names": level_names(version) if version else {},
        "can_manage": manages,
        "offerings": course_offerings(course=course, member_id=member_id, include_past=manages),
        "can_declare": member_id is not None and course.format in SELF_DECLARED_FORMATS,
    }
    return render(request, "learning/course_detail.html", context)


def _course_form(
    request: HttpRequest, community: Community, initial: dict[str, Any] | None = None
) -> CourseForm:
    version, competencies = framework_competencies(community)
    return CourseForm(
        _posted(request),
        providers=[(p.pk, p.name) for p in providers_list(community=community)],
        competencies=competencies,
        levels=level_names(version) if version else {},
        initial=initial,
    )


def _save_course(
    request: HttpRequest, form: CourseForm, community: Community, course: Course | None
) -> Course | None:
    """Every field error at once: the form's own and the service's, on their fields."""
    form.is_valid()
    provider = Provider.objects.filter(
        community=community, pk=form.cleaned_data.get("provider") or 0
    ).first()
    if provider is None and "provider" not in form.errors:
        form.add_error("provider", _("Choose a provider of this community."))
    if form.errors or provider is None:
        return None
    try:
        return course_save(
            actor=request.user,
            provider=provider,
            course=course,
            competencies=form.competencies(),
            **form.fields_for_service(),
        )
    except ValidationError as error:
        apply_errors(form, error)
        return None


@login_required
def course_create(request: HttpRequest) -> HttpResponse:
    community = _community(request, managed_communities(request.user))
    form = _course_form(request, community)
    if request.method == "POST":
        course = _save_course(request, form, community, None)
        if course is not None:
            messages.success(request, _("The course was added to the catalogue."))
            return redirect("learning:course_detail", course.pk)
    context = {"form": form, "community": community, "course": None}
    return render(request, "learning/course_form.html", context, status=400 if form.errors else 200)


def _initial(course: Course) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(course, name) for name in COURSE_FIELDS}
    initial["provider"] = course.provider_id
    for mapping in course.mappings.all():
        initial[f"level_{mapping.competency.code}"] = str(mapping.level)
    return initial


@login_required
def course_edit(request: HttpRequest, course_id: int) -> HttpResponse:
    course = course_with_mappings(access_course(request.user, course_id, to_change=True))
    community = course.provider.community
    form = _course_form(request, community, _initial(course))
    if request.method == "POST":
        saved = _save_course(request, form, community, course)
        if saved is not None:
            messages.success(request, _("The course was saved."))
            return redirect("learning:course_detail", saved.pk)
    context = {"form": form, "community": community, "course": course}
    return render(request, "learning/course_form.html", context, status=400 if form.errors else 200)


@login_required
def providers(request: HttpRequest) -> HttpResponse:
    community = _community(request, _all_communities())
    context = {
        "community": community,
        "providers": providers_list(community=community),
        "can_manage": can_manage_catalogue(request.user, community.pk),
    }
    return render(request, "learning/providers.html", context)


def _provider_page(
    request: HttpRequest, community: Community, provider: Provider | None
) -> HttpResponse:
    initial = (
        {name: getattr(provider, name) for name in ("code", "name_en", "name_fr", "kind", "url")}
        if provider
        else None
    )
    form = ProviderForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if provider is None:
                provider_create(actor=request.user, community=community, **form.cleaned_data)
            else:
                provider_update(actor=request.user, provider=provider, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The provider was saved."))
            return redirect(f"{reverse('learning:providers')}?community={community.pk}")
    context = {"form": form, "community": community, "provider": provider}
    return render(
        request, "learning/provider_form.html", context, status=400 if form.errors else 200
    )


@login_required
def provider_create_page(request: HttpRequest) -> HttpResponse:
    return _provider_page(request, _community(request, managed_communities(request.user)), None)


@login_required
def provider_edit(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = access_provider(request.user, provider_id, to_change=True)
    return _provider_page(request, provider.community, provider)


@login_required
def course_import(request: HttpRequest) -> HttpResponse:
    """The import form; the file itself is read by a background job whose page lists every
    problem with its sheet, line and column, or links to the catalogue."""
    communities = managed_communities(request.user)
    if not communities:
        raise NotFound()
    form = CourseImportForm(
        _posted(request),
        request.FILES if request.method == "POST" else None,
        communities=[(c.pk, localize(c, "name").text) for c in communities],
    )
    if request.method == "POST" and form.is_valid():
        community = next(c for c in communities if c.pk == form.cleaned_data["community"])
        try:
            job = course_import_start(
                actor=request.user, community=community, upload=form.cleaned_data["file"]
            )
        except UploadTooLarge as error:
            form.add_error("file", error.message)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("core:job_detail", job.pk)
    status = 400 if form.errors else 200
    return render(request, "learning/import.html", {"form": form}, status=status)


def _download(content: bytes, name: str, file_format: str) -> HttpResponse:
    content_type = XLSX if file_format == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


@login_required
def course_template(request: HttpRequest, file_format: str) -> HttpResponse:
    content = template_xlsx() if file_format == "xlsx" else template_csv()
    return _download(content, "guild-courses-template", file_format)


@login_required
def catalogue_export(request: HttpRequest, file_format: str) -> HttpResponse:
    community = _community(request, _all_communities())
    rows = catalogue_rows(
        community=community, include_inactive=can_manage_catalogue(request.user, community.pk)
    )
    content = courses_xlsx(rows) if file_format == "xlsx" else courses_csv(rows)
    return _download(content, f"courses-{community.code}", file_format)


@login_required
def coverage(request: HttpRequest) -> HttpResponse:
    communities = _all_communities()
    community = _community(request, communities)
    access_coverage(request.user, community)
    report = coverage_report(community=community)
    context = {"community": community, "report": report, "coverage": report.coverage}
    return render(request, "learning/coverage.html", context)
