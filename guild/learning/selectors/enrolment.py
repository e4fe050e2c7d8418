"""Reads of offerings, enrolments and completions, pre-joined, with the counts and the
waitlist positions computed in the query (no query per row)."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from guild.learning.models import (
    Completion,
    Course,
    Enrolment,
    EnrolmentStatus,
    Offering,
    OfferingStatus,
)
from guild.learning.models.enrolment import ACTIVE_STATUSES, HOLDING_STATUSES


def _counted(offerings: QuerySet[Offering]) -> QuerySet[Offering]:
    return offerings.annotate(
        # Places taken: by the enrolled and by requests waiting for the supervisor.
        taken_count=Count("enrolments", filter=Q(enrolments__status__in=HOLDING_STATUSES)),
        waitlist_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITLISTED)),
    )


def _position() -> Coalesce:
    """An enrolment's place on its offering's waitlist: 1 for the next to get a place."""
    ahead = (
        Enrolment.objects.filter(offering=OuterRef("offering"), status=EnrolmentStatus.WAITLISTED)
        .filter(
            Q(waitlisted_at__lt=OuterRef("waitlisted_at"))
            | Q(waitlisted_at=OuterRef("waitlisted_at"), pk__lte=OuterRef("pk"))
        )
        .values("offering")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(ahead, output_field=IntegerField()), 0)


@dataclass(frozen=True)
class OfferingLine:
    offering: Offering
    mine: Enrolment | None  # the member's active enrolment in it, if any


def course_offerings(
    *, course: Course, member_id: int | None, include_past: bool = False
) -> list[OfferingLine]:
    """The course's offerings, soonest first (those not ended yet unless `include_past`),
    with their counts and the member's own active enrolment in each."""
    offerings = Offering.objects.filter(course=course)
    if not include_past:
        offerings = offerings.filter(ends_on__gte=timezone.localdate())
    lines = list(_counted(offerings).order_by("starts_on", "pk"))
    mine: dict[int, Enrolment] = {}
    if member_id is not None:
        for enrolment in (
            Enrolment.objects.filter(
                offering__in=lines, member_id=member_id, status__in=ACTIVE_STATUSES
            )
            .select_related("completion")
            .annotate(position=_position())
        ):
            mine[enrolment.offering_id] = enrolment
    return [OfferingLine(offering, mine.get(offering.pk)) for offering in lines]


def offering_counted(offering: Offering) -> Offering:
    return _counted(Offering.objects.select_related("course__provider__community")).get(
        pk=offering.pk
    )


def offerings_counted(ids: list[int]) -> dict[int, Offering]:
    """The offerings of `ids` with their counts, by id."""
    return {o.pk: o for o in _counted(Offering.objects.select_related("course").filter(pk__in=ids))}


def my_enrolment(offering: Offering, member_id: int | None) -> Enrolment | None:
    if member_id is None:
        return None
    return (
        Enrolment.objects.filter(offering=offering, member_id=member_id, status__in=ACTIVE_STATUSES)
        .select_related("completion")
        .annotate(position=_position())
        .first()
    )


def my_enrolments(*, member_id: int) -> QuerySet[Enrolment]:
    """The member's enrolments, newest offering first, with their waitlist positions and
    results."""
    return (
        Enrolment.objects.filter(member_id=member_id)
        .select_related("offering__course__provider", "completion")
        .annotate(position=_position())
        .order_by("-offering__starts_on", "-pk")
    )


def my_completions(*, member_id: int) -> QuerySet[Completion]:
    return (
        Completion.objects.filter(member_id=member_id)
        .select_related("course__provider", "enrolment__offering")
        .order_by("-completed_on", "-pk")
    )


@dataclass(frozen=True)
class Roster:
    enrolled: list[Enrolment]
    waitlist: list[Enrolment]
    awaiting: list[Enrolment]
    left: list[Enrolment]  # withdrawn or refused


def offering_roster(offering: Offering) -> Roster:
    """Everyone who asked for a place, grouped: enrolled by name, the waitlist in its order,
    those waiting for their supervisor, then those who withdrew or were refused."""
    enrolments = list(
        Enrolment.objects.filter(offering=offering)
        .select_related("member__department", "completion")
        .annotate(position=_position())
        .order_by("member__family_name", "member__given_name", "pk")
    )
    by_status: dict[str, list[Enrolment]] = {}
    for enrolment in enrolments:
        by_status.setdefault(enrolment.status, []).append(enrolment)
    waitlist = sorted(
        by_status.get(EnrolmentStatus.WAITLISTED, []),
        key=lambda e: (e.waitlisted_at or timezone.now(), e.pk),
    )
    return Roster(
        enrolled=by_status.get(EnrolmentStatus.ENROLLED, []),
        waitlist=waitlist,
        awaiting=by_status.get(EnrolmentStatus.AWAITING_APPROVAL, []),
        left=by_status.get(EnrolmentStatus.WITHDRAWN, [])
        + by_status.get(EnrolmentStatus.REFUSED, []),
    )


def approvals_waiting(*, supervisor_id: int) -> QuerySet[Enrolment]:
    """Enrolments of the supervisor's direct reports that wait for their decision, oldest
    first."""
    return (
        Enrolment.objects.filter(
            member__supervisor_id=supervisor_id, status=EnrolmentStatus.AWAITING_APPROVAL
        )
        .exclude(offering__status=OfferingStatus.CANCELLED)
        .select_related("member", "offering__course")
        .order_by("requested_at", "pk")
    )
