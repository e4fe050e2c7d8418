"""Heat maps and learning needs, suppressed figures as `{"suppressed": true}`."""

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import codes_4xx

from guild.accounts.models import AnyUser
from guild.competencies.access import (
    access_heat_map,
)
from guild.competencies.gaps import HeatCell
from guild.competencies.selectors import (
    HeatMapData,
    LearningNeeds,
    heat_map_data,
    learning_needs,
)
from guild.core.api_errors import ErrorOut
from guild.core.api_schemas import Count, Figure, hidden_json
from guild.core.errors import NotFound
from guild.organizations.models import Community, Department

router = Router()  # mounted by the competencies router, whose tag it takes


class HeatCellOut(Schema):
    group: str
    competency: str
    n: Count
    below: Count
    share_below: Figure
    mean_gap: Figure


class HeatMapOut(Schema):
    group_by: str
    threshold: int
    groups: dict[str, str] = Field(description="Group code to name")
    competencies: dict[str, str] = Field(description="Competency code to name")
    cells: list[HeatCellOut]
    total: list[HeatCellOut] = Field(description="Every group together (group is empty)")


class HeatMapQuery(Schema):
    community: int
    group_by: Literal["department", "region", "work_stream", "role_profile", "level"] = "department"
    department: int | None = None


def _scope(
    user: AnyUser, community_id: int, department_id: int | None
) -> tuple[Community, Department | None]:
    community = Community.objects.filter(pk=community_id).first()
    if community is None:
        raise NotFound()
    access_heat_map(user, community.pk, department_id)
    department = None
    if department_id is not None:
        department = Department.objects.filter(pk=department_id).first()
        if department is None:
            raise NotFound()
    return community, department


def _cell_out(group: str, code: str, cell: HeatCell) -> HeatCellOut:
    return HeatCellOut.model_validate(
        {
            "group": group,
            "competency": code,
            "n": hidden_json(cell.n),
            "below": hidden_json(cell.below),
            "share_below": hidden_json(cell.share_below),
            "mean_gap": hidden_json(cell.mean_gap),
        }
    )


def heat_map_out(data: HeatMapData) -> HeatMapOut:
    result = data.heat_map
    return HeatMapOut.model_validate(
        {
            "group_by": data.group_by,
            "threshold": data.threshold,
            "groups": {g: data.group_labels.get(g, g) for g in result.groups},
            "competencies": data.competency_labels,
            "cells": [
                _cell_out(group, code, result.cells[(group, code)])
                for group in result.groups
                for code in result.competencies
            ],
            "total": [_cell_out("", code, result.community[code]) for code in result.competencies],
        }
    )


@router.get(
    "/heat-map", response={200: HeatMapOut, codes_4xx: ErrorOut}, operation_id="competency_heat_map"
)
def heat_map(request: HttpRequest, query: Query[HeatMapQuery]) -> HeatMapOut:
    """Competencies by groups: members assessed, how many below target, the share below
    and the mean gap. Department coordinators ask for their department (`department`)."""
    community, department = _scope(request.user, query.community, query.department)
    return heat_map_out(
        heat_map_data(community=community, group_by=query.group_by, department=department)
    )


class NeedOut(Schema):
    rank: int
    code: str
    name: str
    score: float
    priority: float
    total_gap: int
    below: int
    assessed: int
    mean_gap: float | None
    not_assessed: Count


class LearningNeedsOut(Schema):
    threshold: int
    needs: list[NeedOut]
    hidden: list[str] = Field(description="Competencies whose figures are suppressed")


class NeedsQuery(Schema):
    community: int
    department: int | None = None


def learning_needs_out(result: LearningNeeds) -> LearningNeedsOut:
    return LearningNeedsOut.model_validate(
        {
            "threshold": result.threshold,
            "needs": [
                {
                    "rank": need.rank,
                    "code": need.code,
                    "name": result.competency_labels.get(need.code, need.code),
                    "score": need.score,
                    "priority": need.priority,
                    "total_gap": need.total_gap,
                    "below": need.below,
                    "assessed": need.assessed,
                    "mean_gap": need.mean_gap,
                    "not_assessed": hidden_json(result.not_assessed.get(need.code, 0)),
                }
                for need in result.needs
            ],
            "hidden": result.hidden,
        }
    )


@router.get(
    "/learning-needs",
    response={200: LearningNeedsOut, codes_4xx: ErrorOut},
    operation_id="competency_learning_needs",
)
def needs(request: HttpRequest, query: Query[NeedsQuery]) -> LearningNeedsOut:
    """Competencies ranked by total gap weighted by headcount and priority, for the
    community or one department."""
    community, department = _scope(request.user, query.community, query.department)
    return learning_needs_out(learning_needs(community=community, department=department))
