"""Learning JSON API: the course catalogue (providers, courses with the competencies they
develop and to which level), read-only, courses no longer offered only for those who
manage the community's catalogue; a course's offerings, my enrolments, enrolling and
withdrawing."""

import datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status, codes_4xx

from guild.core.api_errors import ErrorOut
from guild.core.bilingual import localize
from guild.core.errors import NotFound
from guild.learning.access import (
    access_course,
    access_enrolment,
    access_offering,
    can_manage_catalogue,
)
from guild.learning.models import Course, Enrolment, Offering, Provider
from guild.learning.selectors import (
    CourseFilters,
    course_offerings,
    course_with_mappings,
    courses_list,
    my_enrolment,
    my_enrolments,
    offering_counted,
    offerings_counted,
    providers_list,
)
from guild.learning.services import enrolment_create, enrolment_withdraw
from guild.members.access import own_member_id
from guild.organizations.models import Community

router = Router(tags=["learning"])


class ProviderOut(Schema):
    id: int
    community_id: int
    code: str
    name: str
    name_en: str
    name_fr: str
    kind: str
    url: str


class CourseCompetencyOut(Schema):
    code: str
    name: str
    level: int
    framework_version_id: int


class CourseOut(Schema):
    id: int
    provider: ProviderOut
    code: str
    title: str
    title_en: str
    title_fr: str
    summary_en: str
    summary_fr: str
    languages: str
    format: str
    duration_hours: Decimal | None
    cost: Decimal | None
    url: str
    active: bool
    competencies: list[CourseCompetencyOut]


def _community(community: int) -> Community:
    found = Community.objects.active().filter(pk=community).first()
    if found is None:
        raise NotFound()
    return found


def _provider_out(provider: Provider) -> ProviderOut:
    return ProviderOut(
        id=provider.pk,
        community_id=provider.community_id,
        code=provider.code,
        name=provider.name,
        name_en=provider.name_en,
        name_fr=provider.name_fr,
        kind=provider.kind,
        url=provider.url,
    )


def _course_out(course: Course) -> CourseOut:
    return CourseOut(
        id=course.pk,
        provider=_provider_out(course.provider),
        code=course.code,
        title=course.title,
        title_en=course.title_en,
        title_fr=course.title_fr,
        summary_en=course.summary_en,
        summary_fr=course.summary_fr,
        languages=course.languages,
        format=course.format,
        duration_hours=course.duration_hours,
        cost=course.cost,
        url=course.url,
        active=course.active,
        competencies=[
            CourseCompetencyOut(
                code=m.competency.code,
                name=localize(m.competency, "name").text,
                level=m.level,
                framework_version_id=m.competency.version_id,
            )
            for m in course.mappings.all()
        ],
    )


@router.get(
    "/providers",
    response={200: list[ProviderOut], codes_4xx: ErrorOut},
    operation_id="learning_providers",
)
def providers(request: HttpRequest, community: int) -> list[ProviderOut]:
    """The community's learning providers, by name."""
    return [_provider_out(p) for p in providers_list(community=_community(community))]


@router.get(
    "/courses",
    response={200: list[CourseOut], codes_4xx: ErrorOut},
    operation_id="learning_courses",
)
def courses(
    request: HttpRequest,
    community: int,
    provider: int | None = None,
    competency: str = "",
    format: str = "",
    languages: str = "",
    include_inactive: bool = False,
) -> list[CourseOut]:
    """The community's courses on offer, with the competencies each develops and to which
    level; filtered by provider, competency code, format and language. `include_inactive`
    adds courses no longer offered, for those who manage the catalogue."""
    chosen = _community(community)
    filters = CourseFilters(
        provider=provider,
        competency=competency.upper(),
        format=format,
        languages=languages,
        include_inactive=include_inactive and can_manage_catalogue(request.user, chosen.pk),
    )
    return [_course_out(c) for c in courses_list(community=chosen, filters=filters)]


@router.get(
    "/courses/{course_id}",
    response={200: CourseOut, codes_4xx: ErrorOut},
    operation_id="learning_course",
)
def course(request: HttpRequest, course_id: int) -> CourseOut:
    return _course_out(course_with_mappings(access_course(request.user, course_id)))


class OfferingOut(Schema):
    id: int
    course_id: int
    starts_on: datetime.date
    ends_on: datetime.date
    language: str
    delivery: str
    capacity: int
    places_taken: int
    waitlisted: int
    needs_approval: bool
    status: str


class EnrolmentOut(Schema):
    id: int
    offering: OfferingOut
    course_title: str
    status: str
    waitlist_position: int | None
    requested_at: datetime.datetime
    result: str | None
    completed_on: datetime.date | None


def _offering_out(offering: Offering) -> OfferingOut:
    return OfferingOut(
        id=offering.pk,
        course_id=offering.course_id,
        starts_on=offering.starts_on,
        ends_on=offering.ends_on,
        language=offering.language,
        delivery=offering.delivery,
        capacity=offering.capacity,
        places_taken=offering.taken_count,  # type: ignore[attr-defined]
        waitlisted=offering.waitlist_count,  # type: ignore[attr-defined]
        needs_approval=offering.needs_approval,
        status=offering.status,
    )


def _enrolment_out(enrolment: Enrolment, offering: Offering) -> EnrolmentOut:
    completion = getattr(enrolment, "completion", None)
    position = getattr(enrolment, "position", None)
    return EnrolmentOut(
        id=enrolment.pk,
        offering=_offering_out(offering),
        course_title=offering.course.title,
        status=enrolment.status,
        waitlist_position=position if enrolment.status == "waitlisted" else None,
        requested_at=enrolment.requested_at,
        result=completion.result if completion else None,
        completed_on=completion.completed_on if completion else None,
    )


@router.get(
    "/courses/{course_id}/offerings",
    response={200: list[OfferingOut], codes_4xx: ErrorOut},
    operation_id="learning_course_offerings",
)
def course_offerings_list(request: HttpRequest, course_id: int) -> list[OfferingOut]:
    """The course's offerings not ended yet, soonest first, with their places taken and
    waitlists (past ones too for those who manage the catalogue)."""
    found = access_course(request.user, course_id)
    manages = can_manage_catalogue(request.user, found.provider.community_id)
    lines = course_offerings(course=found, member_id=None, include_past=manages)
    return [_offering_out(line.offering) for line in lines]


@router.get(
    "/enrolments/mine",
    response={200: list[EnrolmentOut], codes_4xx: ErrorOut},
    operation_id="learning_my_enrolments",
)
def enrolments_mine(request: HttpRequest) -> list[EnrolmentOut]:
    """My enrolments, newest offering first, with my place on each waitlist and results."""
    member_id = own_member_id(request.user)
    if member_id is None:
        return []
    enrolments = list(my_enrolments(member_id=member_id))
    counted = offerings_counted([e.offering_id for e in enrolments])
    return [_enrolment_out(e, counted[e.offering_id]) for e in enrolments]


@router.post(
    "/offerings/{offering_id}/enrolments",
    response={201: EnrolmentOut, codes_4xx: ErrorOut},
    operation_id="learning_enrol",
)
def enrol(request: HttpRequest, offering_id: int) -> Status[EnrolmentOut]:
    """Enrol in an offering: a place, the waitlist when full, or the supervisor's decision
    first when the offering needs it. 400 twice or when the offering is not open."""
    offering = access_offering(request.user, offering_id)
    enrolment = enrolment_create(actor=request.user, offering=offering)
    mine = my_enrolment(offering, enrolment.member_id) or enrolment
    return Status(201, _enrolment_out(mine, offering_counted(offering)))


@router.post(
    "/enrolments/{enrolment_id}/withdraw",
    response={200: EnrolmentOut, codes_4xx: ErrorOut},
    operation_id="learning_withdraw",
)
def withdraw(request: HttpRequest, enrolment_id: int) -> EnrolmentOut:
    """Withdraw from one of my enrolments; a place I held goes to the waitlist's first."""
    enrolment = access_enrolment(request.user, enrolment_id, own=True)
    withdrawn = enrolment_withdraw(actor=request.user, enrolment=enrolment)
    return _enrolment_out(withdrawn, offering_counted(withdrawn.offering))
