"""Frameworks: the list, one version's families, competencies and levels, its CASE and CSV
downloads, the import page and publishing a draft."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from guild.accounts.models import AnyUser
from guild.accounts.scopes import scope_for
from guild.competencies.access import (
    access_framework,
    access_framework_version,
    can_manage_frameworks,
)
from guild.competencies.case import framework_to_case, framework_to_csv
from guild.competencies.forms import FrameworkImportForm, TranslationForm
from guild.competencies.framework import validate_framework
from guild.competencies.models import Framework, FrameworkVersion
from guild.competencies.selectors import (
    framework_current_version,
    framework_version_content,
    framework_versions,
    frameworks_list,
    scale_choices,
    version_associations,
    version_competencies,
    version_definitions,
    version_families,
)
from guild.competencies.selectors.framework_texts import framework_texts
from guild.competencies.services import framework_publish
from guild.competencies.services.framework_imports import framework_import_start
from guild.competencies.services.framework_texts import framework_translate
from guild.competencies.views._common import level_names, posted
from guild.core.bilingual import localize
from guild.core.errors import NotFound
from guild.core.forms import apply_errors
from guild.core.uploads import UploadTooLarge
from guild.organizations.selectors import community_list


@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    rows = []
    for framework in frameworks_list():
        manages = can_manage_frameworks(request.user, framework.community_id)
        current = framework_current_version(framework)
        if current is None and not manages:
            continue
        rows.append((framework, current))
    can_import = bool(_managed_communities(request.user))
    return render(request, "competencies/frameworks.html", {"rows": rows, "can_import": can_import})


def _version_of(
    request: HttpRequest, framework: Framework
) -> tuple[FrameworkVersion, list[FrameworkVersion]]:
    manages = can_manage_frameworks(request.user, framework.community_id)
    versions = list(framework_versions(framework=framework, include_drafts=manages))
    if not versions:
        raise NotFound()
    number = request.GET.get("version", "")
    if number.isdigit():
        chosen = next((v for v in versions if v.number == int(number)), None)
        if chosen is None:
            raise NotFound()
        return chosen, versions
    published = [v for v in versions if v.is_published]
    return (published or versions)[0], versions


@login_required
def framework_detail(request: HttpRequest, framework_id: int) -> HttpResponse:
    framework = access_framework(request.user, framework_id)
    version, versions = _version_of(request, framework)
    families: dict[int, dict[str, Any]] = {
        family.pk: {"family": family, "competencies": [], "depth": 0}
        for family in version_families(version)
    }
    for entry in families.values():
        parent = families.get(entry["family"].parent_id or 0)
        entry["depth"] = parent["depth"] + 1 if parent else 0
    for competency in version_competencies(version):
        families[competency.family_id]["competencies"].append(competency)
    context = {
        "framework": framework,
        "version": version,
        "versions": versions,
        "families": list(families.values()),
        "associations": version_associations(version),
        "definitions": version_definitions(version),
        "untranslated": _untranslated(version),
        "level_names": level_names(version),
        "can_manage": can_manage_frameworks(request.user, framework.community_id),
    }
    return render(request, "competencies/framework_detail.html", context)


def _untranslated(version: FrameworkVersion) -> int:
    """How many texts a draft still lacks in one language (publishing needs both)."""
    if version.is_published:
        return 0
    return len(validate_framework(framework_version_content(version)))


def _download_name(version: FrameworkVersion, extension: str) -> str:
    return f"{version.framework.code}-v{version.number}.{extension}"


@login_required
def framework_case(
    request: HttpRequest, version_id: int, case_version: str = "1.0"
) -> JsonResponse:
    """The version as a CASE package: 1.0 (valid under both schemas) or 1.1 (`urls.py`)."""
    version = access_framework_version(request.user, version_id)
    package = framework_to_case(
        framework_version_content(version),
        changed_at=version.published_at or version.created_at,
        case_version=case_version,
    )
    response = JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 2})
    name = _download_name(version, "json")
    if case_version != "1.0":
        name = name.replace(".json", f"-case-{case_version}.json")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def framework_csv(request: HttpRequest, version_id: int) -> HttpResponse:
    version = access_framework_version(request.user, version_id)
    text = framework_to_csv(framework_version_content(version))
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_download_name(version, "csv")}"'
    return response


@login_required
@require_POST
def framework_version_publish(request: HttpRequest, version_id: int) -> HttpResponse:
    version = access_framework_version(request.user, version_id)
    framework_publish(actor=request.user, version=version)
    messages.success(request, _("The version was published; it can no longer change."))
    url = reverse("competencies:framework_detail", args=[version.framework_id])
    return redirect(f"{url}?version={version.number}")


@login_required
def framework_version_translate(request: HttpRequest, version_id: int) -> HttpResponse:
    """Every text of a draft, English and French side by side, saved in one go."""
    version = access_framework_version(request.user, version_id)
    if version.is_published or not can_manage_frameworks(
        request.user, version.framework.community_id
    ):
        raise NotFound()
    form = TranslationForm(framework_texts(version), posted(request))
    if form.is_bound and form.is_valid():
        try:
            changed = framework_translate(actor=request.user, version=version, texts=form.texts())
        except ValidationError as error:
            form.add_text_errors(error.message_dict)
        else:
            messages.success(
                request,
                ngettext("%(count)d text changed.", "%(count)d texts changed.", changed)
                % {"count": changed},
            )
            url = reverse("competencies:framework_detail", args=[version.framework_id])
            return redirect(f"{url}?version={version.number}")
    context = {"version": version, "form": form, "untranslated": _untranslated(version)}
    status = 400 if form.errors else 200
    return render(request, "competencies/translate.html", context, status=status)


def _scale_version(version_id: int | None) -> FrameworkVersion | None:
    if not version_id:
        return None
    return FrameworkVersion.objects.select_related("framework").filter(pk=version_id).first()


def _managed_communities(user: AnyUser) -> list[Any]:
    scope = scope_for(user)
    return [c for c in community_list() if scope.administers(c.pk)]


def _chosen_framework(
    form: FrameworkImportForm, communities: dict[int, Any]
) -> tuple[Any, Framework | None]:
    """The community and framework chosen on a bound form, with an error on the form when
    the framework is not one of the community's. Checked whatever else is wrong, so every
    field error shows at once."""
    community = communities.get(form.cleaned_data.get("community") or 0)
    chosen = form.cleaned_data.get("framework")
    if community is None or not chosen:
        return community, None
    framework = next((f for f in frameworks_list(community=community) if f.pk == chosen), None)
    if framework is None:
        form.add_error("framework", _("Choose a framework of this community."))
    return community, framework


@login_required
def framework_import(request: HttpRequest) -> HttpResponse:
    """The import form. What needs no reading of the file (rights, fields, size) is checked
    here, every field error at once; the file itself is read by a background job, whose
    page ends with a link to the draft or every problem with its place."""
    communities = _managed_communities(request.user)
    if not communities:
        raise NotFound()
    frameworks = [
        (f.pk, f"{localize(f.community, 'name').text} — {f.name}")
        for c in communities
        for f in frameworks_list(community=c)
    ]
    community_choices = [(c.pk, c.name) for c in communities]
    scales = scale_choices(community_ids=[c.pk for c in communities])
    form = FrameworkImportForm(
        posted(request),
        request.FILES if request.method == "POST" else None,
        communities=community_choices,
        frameworks=frameworks,
        scales=scales,
    )
    if request.method == "POST":
        form.is_valid()
        community, framework = _chosen_framework(form, {c.pk: c for c in communities})
        if not form.errors and community is not None:
            data = form.cleaned_data
            try:
                job = framework_import_start(
                    actor=request.user,
                    community=community,
                    upload=data["file"],
                    file_format=data["file_format"],
                    framework=framework,
                    title_en=data["title_en"],
                    title_fr=data["title_fr"],
                    scale_version=_scale_version(data.get("scale")),
                )
            except UploadTooLarge as error:
                form.add_error("file", error.message)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                return redirect("core:job_detail", job.pk)
    context = {"form": form, "problems": []}
    status = 400 if form.errors else 200
    return render(request, "competencies/framework_import.html", context, status=status)
