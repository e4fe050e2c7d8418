from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import codes_4xx

from guild.core.api_errors import ErrorOut
from guild.organizations import selectors

router = Router(tags=["reference data"])


class CommunityOut(Schema):
    id: int
    code: str
    name_en: str
    name_fr: str


class WorkStreamOut(Schema):
    id: int
    code: str
    community_id: int
    name_en: str
    name_fr: str


class DepartmentOut(Schema):
    id: int
    code: str
    acronym_en: str
    acronym_fr: str
    name_en: str
    name_fr: str


class RegionOut(Schema):
    id: int
    code: str
    name_en: str
    name_fr: str


class OccupationalLevelOut(Schema):
    # Not "LevelOut": the OpenAPI document names schemas by class, and the competency
    # API has a LevelOut of its own (level and name), which this one was read as.
    id: int
    code: str
    level: int


class GroupOut(Schema):
    id: int
    code: str
    name_en: str
    name_fr: str
    levels: list[OccupationalLevelOut]


@router.get(
    "/communities",
    response={200: list[CommunityOut], codes_4xx: ErrorOut},
    operation_id="community_list",
)
def community_list(request: HttpRequest) -> list[CommunityOut]:
    return [CommunityOut.model_validate(c) for c in selectors.community_list()]


@router.get(
    "/work-streams",
    response={200: list[WorkStreamOut], codes_4xx: ErrorOut},
    operation_id="work_stream_list",
)
def work_stream_list(request: HttpRequest, community: int | None = None) -> list[WorkStreamOut]:
    return [
        WorkStreamOut.model_validate(s) for s in selectors.work_stream_list(community_id=community)
    ]


@router.get(
    "/departments",
    response={200: list[DepartmentOut], codes_4xx: ErrorOut},
    operation_id="department_list",
)
def department_list(request: HttpRequest) -> list[DepartmentOut]:
    return [DepartmentOut.model_validate(d) for d in selectors.department_list()]


@router.get(
    "/regions", response={200: list[RegionOut], codes_4xx: ErrorOut}, operation_id="region_list"
)
def region_list(request: HttpRequest) -> list[RegionOut]:
    return [RegionOut.model_validate(r) for r in selectors.region_list()]


@router.get(
    "/occupational-groups",
    response={200: list[GroupOut], codes_4xx: ErrorOut},
    operation_id="occupational_group_list",
)
def occupational_group_list(request: HttpRequest) -> list[GroupOut]:
    levels: dict[int, list[OccupationalLevelOut]] = {}
    for level in selectors.occupational_level_list():
        levels.setdefault(level.group_id, []).append(OccupationalLevelOut.model_validate(level))
    return [
        GroupOut(
            id=g.pk,
            code=g.code,
            name_en=g.name_en,
            name_fr=g.name_fr,
            levels=levels.get(g.pk, []),
        )
        for g in selectors.occupational_group_list()
    ]
