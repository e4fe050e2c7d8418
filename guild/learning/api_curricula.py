"""Curricula JSON API: the curricula of my communities, a version with its courses and the
tally of its endorsements, and my endorsement or comment on an open version (for myself,
or on behalf of a department I coordinate). Statements are attributed: never anonymous."""

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import codes_4xx

from guild.core.api_errors import ErrorOut
from guild.core.bilingual import localize
from guild.learning.access import (
    access_curriculum_version,
    can_manage_catalogue,
    curricula_communities,
)
from guild.learning.models import CurriculumVersion, Endorsement
from guild.learning.selectors.curricula import (
    curricula_list,
    my_endorsements,
    version_tally,
)
from guild.learning.services.curricula import endorsement_save
from guild.members.access import own_member_id
from guild.organizations.models import Department

router = Router(tags=["curricula"])


class CurriculumVersionSummaryOut(Schema):
    id: int
    number: int
    status: str


class CurriculumOut(Schema):
    id: int
    community_id: int
    code: str
    name: str
    name_en: str
    name_fr: str
    summary_en: str
    summary_fr: str
    programme_id: int | None
    versions: list[CurriculumVersionSummaryOut]


class CurriculumGroupOut(Schema):
    code: str
    name_en: str
    name_fr: str
    choose: int
    courses: list[str]


class CurriculumStructureOut(Schema):
    required: list[str]
    electives: list[CurriculumGroupOut]
    capstone: str | None


class EndorsementTallyOut(Schema):
    endorsements: int
    comments: int
    departments: int


class CurriculumVersionOut(Schema):
    id: int
    curriculum_id: int
    number: int
    status: str
    structure: CurriculumStructureOut
    notes_en: str
    notes_fr: str
    opened_at: datetime.datetime | None
    closes_on: datetime.date | None
    approved_at: datetime.datetime | None
    tally: EndorsementTallyOut


class EndorsementIn(Schema):
    stance: Literal["endorse", "comment"]
    text: str = ""
    department_id: int | None = None
    language: Literal["en", "fr"] | None = Field(
        None, description="The language of the text; the request's language when omitted."
    )


class EndorsementOut(Schema):
    id: int
    version_id: int
    member_name: str
    department_id: int | None
    department_name: str | None
    stance: str
    text: str
    language: str
    updated_at: datetime.datetime


@router.get(
    "",
    response={200: list[CurriculumOut], codes_4xx: ErrorOut},
    operation_id="curricula_list",
)
def curricula(request: HttpRequest) -> list[CurriculumOut]:
    """The curricula of my communities (and of those whose catalogue I manage), each with
    its versions newest first; drafts only for those who manage the curriculum."""
    communities = curricula_communities(request.user)
    managed = {c.pk for c in communities if can_manage_catalogue(request.user, c.pk)}
    return [
        CurriculumOut(
            id=c.pk,
            community_id=c.community_id,
            code=c.code,
            name=localize(c, "name").text,
            name_en=c.name_en,
            name_fr=c.name_fr,
            summary_en=c.summary_en,
            summary_fr=c.summary_fr,
            programme_id=c.programme_id,
            versions=[
                CurriculumVersionSummaryOut(id=v.pk, number=v.number, status=v.status)
                for v in c.versions.all()
                if v.status != "draft" or c.community_id in managed
            ],
        )
        for c in curricula_list(communities=communities)
    ]


def _structure(data: dict[str, Any]) -> CurriculumStructureOut:
    return CurriculumStructureOut(
        required=list(data.get("required") or []),
        electives=[
            CurriculumGroupOut(
                code=g.get("code", ""),
                name_en=g.get("name_en") or "",
                name_fr=g.get("name_fr") or "",
                choose=g.get("choose") or 0,
                courses=list(g.get("courses") or []),
            )
            for g in data.get("electives") or []
        ],
        capstone=data.get("capstone") or None,
    )


def _version_out(version: CurriculumVersion) -> CurriculumVersionOut:
    tally = version_tally(version)
    return CurriculumVersionOut(
        id=version.pk,
        curriculum_id=version.curriculum_id,
        number=version.number,
        status=version.status,
        structure=_structure(version.structure),
        notes_en=version.notes_en,
        notes_fr=version.notes_fr,
        opened_at=version.opened_at,
        closes_on=version.closes_on,
        approved_at=version.approved_at,
        tally=EndorsementTallyOut(
            endorsements=tally.endorsements,
            comments=tally.comments,
            departments=tally.departments,
        ),
    )


@router.get(
    "/versions/{version_id}",
    response={200: CurriculumVersionOut, codes_4xx: ErrorOut},
    operation_id="curricula_version",
)
def version(request: HttpRequest, version_id: int) -> CurriculumVersionOut:
    """A version: its core courses, elective groups and capstone (course codes of the
    community's catalogue), its notes on what changed, and the tally of endorsements."""
    return _version_out(access_curriculum_version(request.user, version_id))


def _endorsement_out(endorsement: Endorsement) -> EndorsementOut:
    department = endorsement.department
    return EndorsementOut(
        id=endorsement.pk,
        version_id=endorsement.version_id,
        member_name=endorsement.member.full_name,
        department_id=department.pk if department else None,
        department_name=localize(department, "name").text if department else None,
        stance=endorsement.stance,
        text=endorsement.text,
        language=endorsement.language,
        updated_at=endorsement.updated_at,
    )


@router.get(
    "/versions/{version_id}/endorsements/mine",
    response={200: list[EndorsementOut], codes_4xx: ErrorOut},
    operation_id="curricula_my_endorsements",
)
def my_endorsement_list(request: HttpRequest, version_id: int) -> list[EndorsementOut]:
    """What I said on the version: for myself, and on behalf of departments."""
    found = access_curriculum_version(request.user, version_id)
    mine = my_endorsements(found, own_member_id(request.user))
    return [_endorsement_out(e) for e in mine.values()]


@router.put(
    "/versions/{version_id}/endorsements/mine",
    response={200: EndorsementOut, codes_4xx: ErrorOut},
    operation_id="curricula_endorse",
)
def endorse(request: HttpRequest, version_id: int, payload: EndorsementIn) -> EndorsementOut:
    """Endorse or comment on an open version (a comment needs text), for myself or, with
    `department_id`, on behalf of a department I coordinate; sent again, it replaces what
    was said. Shown with my name (and the department's) to the community. 400 when the
    version is not open, I am not a member of its community, or the department is not mine."""
    found = access_curriculum_version(request.user, version_id)
    department = None
    if payload.department_id is not None:
        department = Department.objects.filter(pk=payload.department_id).first()
        if department is None:
            raise ValidationError(
                {"department": [_("You may speak only for a department you coordinate.")]}
            )
    endorsement = endorsement_save(
        actor=request.user,
        version=found,
        stance=payload.stance,
        text=payload.text,
        department=department,
        language=payload.language,
    )
    return _endorsement_out(endorsement)
