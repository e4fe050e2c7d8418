"""The learning-needs analysis: competencies ranked by need for the community or one
department, the programme administrators' priority weights, and the XLSX download."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from guild.competencies.access import access_heat_map, can_set_priorities, heat_map_departments
from guild.competencies.forms import FiguresForm, PriorityForm
from guild.competencies.selectors import (
    community_current_version,
    learning_needs,
    learning_needs_by_department,
    learning_priorities,
    version_competencies,
)
from guild.competencies.services import priority_set
from guild.competencies.views.figures import figure_communities, figure_departments
from guild.competencies.xlsx import CompetencyNames, learning_needs_workbook
from guild.core.bilingual import localize
from guild.core.errors import ApplicationError, NotFound
from guild.core.forms import apply_errors
from guild.organizations.models import Community, Department
from guild.organizations.selectors import department_list

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WHOLE_COMMUNITY = 0


def _scope(request: HttpRequest) -> tuple[FiguresForm, Community, Department | None]:
    """The community and department (None: the whole community) the page shows."""
    communities = figure_communities(request.user, whole=False)
    choices = [(c.pk, localize(c, "name").text) for c in communities]
    community = next(
        (
            c
            for c in communities
            if c.pk == FiguresForm(request.GET or None, communities=choices).choice("community")
        ),
        None,
    )
    if community is None:
        raise NotFound()
    departments = figure_departments(request.user, community)
    department_choices = [(d.pk, localize(d, "name").text) for d in departments]
    if heat_map_departments(request.user, community.pk) is None:
        department_choices.insert(0, (WHOLE_COMMUNITY, _("Whole community")))
    form = FiguresForm(request.GET or None, communities=choices, departments=department_choices)
    department = next((d for d in departments if d.pk == form.choice("department")), None)
    access_heat_map(request.user, community.pk, department.pk if department else None)
    return form, community, department


def _priority_form(request: HttpRequest, community: Community) -> PriorityForm | None:
    if not can_set_priorities(request.user, community.pk):
        return None
    version = community_current_version(community)
    if version is None:
        return None
    weights = learning_priorities(community)
    competencies = [
        (c.code, f"{c.code} {localize(c, 'name').text}", weights.get(c.code, 1.0))
        for c in version_competencies(version)
    ]
    data = request.POST if request.method == "POST" else None
    return PriorityForm(data, competencies=competencies)


def _save_priorities(request: HttpRequest, form: PriorityForm, community: Community) -> bool:
    if not form.is_valid():
        return False
    current = learning_priorities(community)
    try:
        with transaction.atomic():
            for code, weight in form.weights().items():
                if current.get(code, 1.0) != weight:
                    priority_set(
                        actor=request.user, community=community, competency_code=code, weight=weight
                    )
    except (ValidationError, ApplicationError) as error:
        apply_errors(form, error)
        return False
    return True


@login_required
def needs(request: HttpRequest) -> HttpResponse:
    scope_form, community, department = _scope(request)
    priorities = _priority_form(request, community)
    if request.method == "POST":
        if priorities is None:
            raise NotFound()
        if _save_priorities(request, priorities, community):
            messages.success(request, _("The priorities were saved."))
            return redirect(f"{request.path}?{request.GET.urlencode()}")
    result = learning_needs(community=community, department=department)
    context: dict[str, Any] = {
        "form": scope_form,
        "community": community,
        "department": department,
        "result": result,
        "priorities": priorities,
        "can_download": heat_map_departments(request.user, community.pk) is None,
    }
    status = 400 if priorities is not None and priorities.errors else 200
    return render(request, "competencies/learning_needs.html", context, status=status)


def competency_names(community: Community) -> dict[str, CompetencyNames]:
    version = community_current_version(community)
    if version is None:
        return {}
    return {
        c.code: CompetencyNames(c.name_en, c.name_fr, localize(c.family, "name").text)
        for c in version_competencies(version)
    }


@login_required
def needs_xlsx(request: HttpRequest) -> HttpResponse:
    _form, community, _department = _scope(request)
    access_heat_map(request.user, community.pk, None)
    names = {d.code: localize(d, "name").text for d in department_list()}
    departments = {
        names.get(code, code): result
        for code, result in learning_needs_by_department(community=community).items()
    }
    content = learning_needs_workbook(
        community=learning_needs(community=community),
        departments=dict(sorted(departments.items())),
        names=competency_names(community),
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="learning-needs-{community.code}.xlsx"'
    return response
