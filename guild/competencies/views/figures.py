"""Heat maps for coordinators (their department) and for the community's administrators
(any grouping). Figures about fewer people than the threshold are hidden the same way on
every page (selectors.heat_map_data)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guild.accounts.models import AnyUser
from guild.competencies.access import access_heat_map, heat_map_departments
from guild.competencies.forms import FiguresForm
from guild.competencies.selectors import (
    community_current_version,
    heat_map_data,
    linked_maps,
    version_competencies,
)
from guild.competencies.views.charts import (
    Column,
    competency_rows,
    group_columns,
    group_part,
    heat_map_figures,
)
from guild.core.bilingual import localize
from guild.core.errors import NotFound
from guild.organizations.models import Community, Department
from guild.organizations.selectors import community_list, department_list

DEPARTMENT_GROUPINGS = [
    ("work_stream", gettext_lazy("Work stream")),
    ("region", gettext_lazy("Region")),
    ("role_profile", gettext_lazy("Role profile")),
    ("level", gettext_lazy("Group and level")),
]
COMMUNITY_GROUPINGS = [
    ("department", gettext_lazy("Department or agency")),
    ("region", gettext_lazy("Region")),
    ("work_stream", gettext_lazy("Work stream")),
    ("role_profile", gettext_lazy("Role profile")),
    ("level", gettext_lazy("Group and level")),
]


def figure_communities(user: AnyUser, *, whole: bool) -> list[Community]:
    """The communities whose figures `user` may see: all their departments (`whole`), or
    at least one."""
    found = []
    for community in community_list():
        allowed = heat_map_departments(user, community.pk)
        if allowed is None or (not whole and allowed):
            found.append(community)
    return found


def figure_departments(user: AnyUser, community: Community) -> list[Department]:
    allowed = heat_map_departments(user, community.pk)
    departments = department_list()
    if allowed is not None:
        departments = departments.filter(pk__in=allowed)
    return sorted(departments, key=lambda department: department.name)


def framework_order(community: Community) -> list[str]:
    """The competency codes of the community's current framework, in its order."""
    version = community_current_version(community)
    if version is None:
        return []
    return list(version_competencies(version).prefetch_related(None).values_list("code", flat=True))


def _choices(items: list[Any]) -> list[tuple[int, str]]:
    return [(item.pk, localize(item, "name").text) for item in items]


def _pick(items: list[Any], pk: Any) -> Any:
    return next((item for item in items if item.pk == pk), None)


@login_required
def department(request: HttpRequest) -> HttpResponse:
    communities = figure_communities(request.user, whole=False)
    chooser = FiguresForm(request.GET or None, communities=_choices(communities))
    community = _pick(communities, chooser.choice("community"))
    if community is None:
        raise NotFound()
    departments = figure_departments(request.user, community)
    form = FiguresForm(
        request.GET or None,
        communities=_choices(communities),
        departments=_choices(departments),
        groupings=DEPARTMENT_GROUPINGS,
    )
    chosen = _pick(departments, form.choice("department"))
    if chosen is None:
        raise NotFound()
    access_heat_map(request.user, community.pk, chosen.pk)
    maps = linked_maps(community)
    data = heat_map_data(
        community=community, group_by=form.choice("by"), department=chosen, maps=maps
    )
    whole = heat_map_data(community=community, group_by="department", maps=maps)
    groups, parts = group_part(group_columns(data), request.GET)
    columns = [
        *groups,
        Column(_("All of %(department)s") % {"department": chosen.name}, data.heat_map.community),
        Column(_("Whole community"), whole.heat_map.community),
    ]
    context = {
        "form": form,
        "community": community,
        "department": chosen,
        "data": data,
        "parts": parts,
        "figures": heat_map_figures(
            prefix="department",
            rows=competency_rows(data, framework_order(community)),
            columns=columns,
            scope=chosen.name,
            grouping=str(dict(DEPARTMENT_GROUPINGS).get(data.group_by, "")),
        ),
    }
    return render(request, "competencies/department.html", context)


@login_required
def heat_map(request: HttpRequest) -> HttpResponse:
    communities = figure_communities(request.user, whole=True)
    form = FiguresForm(
        request.GET or None, communities=_choices(communities), groupings=COMMUNITY_GROUPINGS
    )
    community = _pick(communities, form.choice("community"))
    if community is None:
        raise NotFound()
    access_heat_map(request.user, community.pk, None)
    data = heat_map_data(community=community, group_by=form.choice("by"))
    groups, parts = group_part(group_columns(data), request.GET)
    columns = [*groups, Column(_("Whole community"), data.heat_map.community)]
    context = {
        "form": form,
        "community": community,
        "data": data,
        "parts": parts,
        "figures": heat_map_figures(
            prefix="community",
            rows=competency_rows(data, framework_order(community)),
            columns=columns,
            scope=community.name,
            grouping=str(dict(COMMUNITY_GROUPINGS).get(data.group_by, "")),
        ),
    }
    return render(request, "competencies/heat_map.html", context)
