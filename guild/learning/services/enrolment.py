"""Every write to offerings and enrolments: an administrator creates and changes offerings;
a member enrols (a place, the waitlist, or their supervisor's decision first) and withdraws;
the supervisor approves or refuses. Each is audited.

A request waiting for the supervisor holds its place: the supervisor's approval keeps it,
a refusal frees it. Places are counted with the offering's row locked
(`select_for_update`), so two members enrolling at the same moment cannot both take the
last place, and every change that frees or adds places promotes the waitlist, first come
first served, in the same transaction. SQLite has no row locks (Django leaves
`select_for_update` out there): the IMMEDIATE transactions of the settings take the
database's write lock at their start instead, which serialises writers just the same."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser
from guild.competencies.access import is_direct_supervisor
from guild.core.audit import audit_record, diff, snapshot
from guild.core.errors import ApplicationError, NotFound
from guild.learning.access import can_manage_catalogue
from guild.learning.models import (
    Course,
    Enrolment,
    EnrolmentStatus,
    Offering,
    OfferingStatus,
)
from guild.learning.models.enrolment import ACTIVE_STATUSES, HOLDING_STATUSES
from guild.members.access import own_member_id
from guild.members.models import Member

OFFERING_FIELDS = (
    "starts_on",
    "ends_on",
    "language",
    "delivery",
    "capacity",
    "needs_approval",
    "status",
)


def _locked(offering: Offering) -> Offering:
    """The offering's row, locked until the transaction ends."""
    return Offering.objects.select_for_update().select_related("course").get(pk=offering.pk)


def _taken(offering: Offering) -> int:
    return offering.enrolments.filter(status__in=HOLDING_STATUSES).count()


def _holder_status(offering: Offering) -> EnrolmentStatus:
    """What a place given to a member makes of their enrolment: enrolled, or held for the
    supervisor's decision when the offering needs it."""
    if offering.needs_approval:
        return EnrolmentStatus.AWAITING_APPROVAL
    return EnrolmentStatus.ENROLLED


def _promote(offering: Offering, actor: AnyUser) -> list[Enrolment]:
    """Give the free places to the waitlist, first come first served (`offering` locked).
    A cancelled offering promotes nobody."""
    if offering.status == OfferingStatus.CANCELLED:
        return []
    free = offering.capacity - _taken(offering)
    if free <= 0:
        return []
    promoted = list(
        offering.enrolments.filter(status=EnrolmentStatus.WAITLISTED).order_by(
            "waitlisted_at", "pk"
        )[:free]
    )
    status = _holder_status(offering)
    for enrolment in promoted:
        enrolment.status = status
        enrolment.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="learning.enrolment_promote",
            obj=enrolment,
            changes={"status": [EnrolmentStatus.WAITLISTED, status]},
        )
    return promoted


@transaction.atomic
def offering_save(
    *, actor: AnyUser, course: Course, offering: Offering | None = None, **fields: Any
) -> Offering:
    """Create (`offering` None) or change an offering of `course`; every field error at
    once (`ValidationError`). More places promote the waitlist at once."""
    if not can_manage_catalogue(actor, course.provider.community_id):
        raise NotFound()
    creating = offering is None
    if offering is None:
        offering = Offering(course=course, delivery=course.format)
    else:
        if offering.course_id != course.pk:
            raise NotFound()
        offering = _locked(offering)
    before = {} if creating else snapshot(offering, OFFERING_FIELDS)
    for name in OFFERING_FIELDS:
        if name in fields and fields[name] is not None:
            setattr(offering, name, fields[name])
    if not offering.delivery:
        offering.delivery = course.format
    offering.full_clean()
    offering.save()
    after = snapshot(offering, OFFERING_FIELDS)
    changes = after if creating else diff(before, after)
    if changes:
        action = "learning.offering_create" if creating else "learning.offering_update"
        audit_record(actor=actor, action=action, obj=offering, changes=changes)
    if not creating:
        _promote(offering, actor)
    return offering


def _own_member(actor: AnyUser) -> Member:
    member_id = own_member_id(actor)
    member = Member.objects.filter(pk=member_id, is_active=True).first() if member_id else None
    if member is None:
        raise ApplicationError(
            _("Create your member profile before enrolling in a course."), code="no_profile"
        )
    return member


@transaction.atomic
def enrolment_create(*, actor: AnyUser, offering: Offering) -> Enrolment:
    """Enrol the actor (a member) in `offering`: a place while there is one, else the
    waitlist; when the offering needs approval, their supervisor decides first.
    Refused (`ApplicationError`) twice, in an offering not open, or without a supervisor
    when one must approve."""
    return _enrol(actor, offering, _own_member(actor))


@transaction.atomic
def enrolment_add(*, actor: AnyUser, offering: Offering, member: Member) -> Enrolment:
    """An administrator of the catalogue enrols a member (a programme's participants), on
    the same rules as the member's own enrolment."""
    if not can_manage_catalogue(actor, offering.course.provider.community_id):
        raise NotFound()
    return _enrol(actor, offering, member)


def _enrol(actor: AnyUser, offering: Offering, member: Member) -> Enrolment:
    offering = _locked(offering)
    if offering.status != OfferingStatus.OPEN or not offering.course.active:
        raise ApplicationError(
            _("This offering is not open for enrolment."), code="offering_not_open"
        )
    if offering.has_ended:
        raise ApplicationError(_("This offering has ended."), code="offering_ended")
    if offering.enrolments.filter(member=member, status__in=ACTIVE_STATUSES).exists():
        raise ApplicationError(
            _(
                "You are already enrolled in this offering, on its waitlist or waiting for "
                "approval."
            ),
            code="already_enrolled",
        )
    enrolment = Enrolment(offering=offering, member=member)
    if offering.needs_approval and member.supervisor_id is None:
        raise ApplicationError(
            _(
                "This offering needs your supervisor's approval, and your profile names "
                "no supervisor. Add your supervisor to your profile first."
            ),
            code="no_supervisor",
        )
    _place_or_wait(enrolment, offering)
    enrolment.full_clean(exclude=["offering", "member"])
    enrolment.save()
    audit_record(
        actor=actor,
        action="learning.enrolment_create",
        obj=enrolment,
        changes={"offering": offering.pk, "member": member.pk, "status": enrolment.status},
    )
    return enrolment


def _place_or_wait(enrolment: Enrolment, offering: Offering) -> None:
    if _taken(offering) < offering.capacity:
        enrolment.status = _holder_status(offering)
    else:
        enrolment.status = EnrolmentStatus.WAITLISTED
        enrolment.waitlisted_at = timezone.now()


@transaction.atomic
def enrolment_withdraw(*, actor: AnyUser, enrolment: Enrolment) -> Enrolment:
    """The member withdraws (their own enrolment only); a place they held goes to the
    first on the waitlist."""
    if enrolment.member_id != own_member_id(actor):
        raise NotFound()
    offering = _locked(enrolment.offering)
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    if enrolment.status not in ACTIVE_STATUSES:
        raise ApplicationError(
            _("This enrolment is no longer active: there is nothing to withdraw."),
            code="not_active",
        )
    if hasattr(enrolment, "completion"):
        raise ApplicationError(
            _("A result is recorded for this enrolment: it cannot be withdrawn."),
            code="completed",
        )
    before = enrolment.status
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="learning.enrolment_withdraw",
        obj=enrolment,
        changes={"status": [before, enrolment.status]},
    )
    _promote(offering, actor)
    return enrolment


@transaction.atomic
def enrolment_decide(*, actor: AnyUser, enrolment: Enrolment, approve: bool) -> Enrolment:
    """The member's direct supervisor approves (the place held becomes theirs) or refuses
    (the place goes to the first on the waitlist) an enrolment waiting for them."""
    member = Member.objects.get(pk=enrolment.member_id)
    if not is_direct_supervisor(actor, member):
        raise NotFound()
    offering = _locked(enrolment.offering)
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    if enrolment.status != EnrolmentStatus.AWAITING_APPROVAL:
        raise ApplicationError(
            _("This enrolment is not waiting for a decision."), code="not_awaiting"
        )
    before = enrolment.status
    enrolment.status = EnrolmentStatus.ENROLLED if approve else EnrolmentStatus.REFUSED
    enrolment.decided_by_id = own_member_id(actor)
    enrolment.decided_at = timezone.now()
    enrolment.save()
    audit_record(
        actor=actor,
        action="learning.enrolment_approve" if approve else "learning.enrolment_refuse",
        obj=enrolment,
        changes={"status": [before, enrolment.status]},
    )
    if not approve:
        _promote(offering, actor)
    return enrolment
