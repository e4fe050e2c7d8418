"""Every write of a course result: an administrator records it for an enrolment (one, or
many from an offering's roster), a file of results is imported (all rows or none), or a
member declares a self-paced course or product done, with a proof. Each is audited with
its source."""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser
from guild.core.audit import audit_record, diff, snapshot
from guild.core.errors import ApplicationError, NotFound
from guild.learning.access import can_manage_catalogue
from guild.learning.completion_file import CompletionRow, read_completion_file
from guild.learning.course_file import CourseFileError, Problem
from guild.learning.models import (
    Completion,
    CompletionResult,
    CompletionSource,
    Course,
    CourseFormat,
    Enrolment,
    EnrolmentStatus,
    Offering,
)
from guild.learning.services.certificates import certification_check_members
from guild.members.access import own_member_id
from guild.members.models import Member
from guild.organizations.models import Community

COMPLETION_FIELDS = ("completed_on", "result", "source", "proof_note", "proof_url", "enrolment")
SELF_DECLARED_FORMATS = (CourseFormat.SELF_PACED, CourseFormat.PRODUCT)


def _check_date(completed_on: datetime.date | None) -> dict[str, list[str]]:
    if completed_on is None:
        return {"completed_on": [_("Enter the date.")]}
    if completed_on > timezone.localdate():
        return {"completed_on": [_("The date is in the future.")]}
    return {}


def _check_result(result: str) -> dict[str, list[str]]:
    if result not in CompletionResult.values:
        return {"result": [_("Choose completed or not completed.")]}
    return {}


def _certify(members: Sequence[Member]) -> None:
    """A completion may complete a certificate's rules: each member is checked once, in the
    same transaction, so the certificate is issued with the completion or not at all."""
    certification_check_members(members=list({member.pk: member for member in members}.values()))


def _save(
    completion: Completion, actor: AnyUser, *, before: dict[str, object] | None
) -> Completion:
    completion.recorded_by_id = (
        getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    )
    completion.full_clean(validate_unique=False)
    completion.save()
    after = snapshot(completion, COMPLETION_FIELDS)
    if before is None:
        audit_record(
            actor=actor, action="learning.completion_create", obj=completion, changes=after
        )
    elif changes := diff(before, after):
        audit_record(
            actor=actor, action="learning.completion_update", obj=completion, changes=changes
        )
    return completion


def _record(
    actor: AnyUser,
    enrolment: Enrolment,
    completed_on: datetime.date,
    result: str,
) -> Completion:
    if enrolment.status != EnrolmentStatus.ENROLLED:
        raise ApplicationError(
            _(
                "%(member)s holds no place in this offering: record results only for "
                "enrolled members."
            )
            % {"member": enrolment.member.full_name},
            code="not_enrolled",
        )
    completion = Completion.objects.filter(enrolment=enrolment).first()
    before = snapshot(completion, COMPLETION_FIELDS) if completion else None
    if completion is None:
        completion = Completion(
            enrolment=enrolment,
            member_id=enrolment.member_id,
            course_id=enrolment.offering.course_id,
        )
    completion.completed_on = completed_on
    completion.result = result
    completion.source = CompletionSource.ADMINISTRATOR
    if (
        Completion.objects.filter(
            member_id=completion.member_id,
            course_id=completion.course_id,
            completed_on=completed_on,
        )
        .exclude(pk=completion.pk)
        .exists()
    ):
        raise ApplicationError(
            _("%(member)s already has a result for this course on that date.")
            % {"member": enrolment.member.full_name},
            code="duplicate_completion",
        )
    return _save(completion, actor, before=before)


@transaction.atomic
def completion_record(
    *,
    actor: AnyUser,
    offering: Offering,
    enrolments: Sequence[Enrolment],
    completed_on: datetime.date | None,
    result: str,
) -> list[Completion]:
    """An administrator records one result for enrolled members of `offering` (one, or
    many from its roster), replacing a result they had for it; all or none."""
    if not can_manage_catalogue(actor, offering.course.provider.community_id):
        raise NotFound()
    errors = {**_check_date(completed_on), **_check_result(result)}
    if not enrolments:
        errors["enrolments"] = [_("Choose at least one member of the roster.")]
    if errors or completed_on is None:
        raise ValidationError(errors)
    recorded = []
    for enrolment in enrolments:
        if enrolment.offering_id != offering.pk:
            raise NotFound()
        recorded.append(_record(actor, enrolment, completed_on, result))
    _certify([completion.member for completion in recorded])
    return recorded


@transaction.atomic
def completion_declare(
    *,
    actor: AnyUser,
    course: Course,
    completed_on: datetime.date | None,
    proof_note: str = "",
    proof_url: str = "",
) -> Completion:
    """A member declares that they completed a self-paced course or a product, with a note
    or a link as proof; every field error at once (`ValidationError`)."""
    member_id = own_member_id(actor)
    if member_id is None:
        raise ApplicationError(
            _("Create your member profile before recording a course."), code="no_profile"
        )
    if course.format not in SELF_DECLARED_FORMATS:
        raise ApplicationError(
            _(
                "Only self-paced courses and products are declared by the member; an "
                "administrator records the results of the others."
            ),
            code="not_self_paced",
        )
    proof_note, proof_url = (proof_note or "").strip(), (proof_url or "").strip()
    errors = _check_date(completed_on)
    if not proof_note and not proof_url:
        message = _("Give a proof: a note, a link, or both.")
        errors["proof_note"] = [message]
        errors["proof_url"] = [message]
    completion = Completion(
        member_id=member_id,
        course=course,
        completed_on=completed_on or timezone.localdate(),
        result=CompletionResult.COMPLETED,
        source=CompletionSource.SELF,
        proof_note=proof_note,
        proof_url=proof_url,
    )
    try:
        completion.full_clean(exclude=["member", "course", "completed_on"], validate_unique=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if (
        not errors
        and completed_on is not None
        and Completion.objects.filter(
            member_id=member_id, course=course, completed_on=completed_on
        ).exists()
    ):
        errors["completed_on"] = [_("You already recorded this course on that date.")]
    if errors:
        raise ValidationError(errors)
    declared = _save(completion, actor, before=None)
    _certify([declared.member])
    return declared


@dataclass(frozen=True)
class CompletionImport:
    created: int
    updated: int


def _courses_by_code(community: Community) -> dict[str, list[Course]]:
    found: dict[str, list[Course]] = {}
    for course in Course.objects.filter(provider__community=community).select_related("provider"):
        found.setdefault(course.code, []).append(course)
        found.setdefault(f"{course.provider.code}/{course.code}", []).append(course)
    return found


def _resolve(
    row: CompletionRow,
    members: Mapping[str, Member],
    courses: dict[str, list[Course]],
    problems: list[Problem],
) -> tuple[Member, Course] | None:
    member = members.get(row.email)
    if member is None:
        problems.append(
            Problem(None, row.row, "email", _("No member of the community has this e-mail."))
        )
    matches = courses.get(row.course, [])
    if not matches:
        problems.append(
            Problem(None, row.row, "course", _("No course of the community has this code."))
        )
    elif len(matches) > 1:
        problems.append(
            Problem(
                None,
                row.row,
                "course",
                _("Several providers use this code: write provider/code, for example %(example)s.")
                % {"example": f"{matches[0].provider.code}/{matches[0].code}"},
            )
        )
    if member is None or len(matches) != 1:
        return None
    return member, matches[0]


@transaction.atomic
def completion_import(*, actor: AnyUser, community: Community, content: bytes) -> CompletionImport:
    """Import a CSV file of results (`completion_file`): a member's result for a course on
    a date is created, or replaced when imported again. Any wrong row refuses the whole
    file (`CourseFileError`, every problem with its line and column); nothing is saved."""
    if not can_manage_catalogue(actor, community.pk):
        raise NotFound()
    rows = read_completion_file(content, today=timezone.localdate())
    emails = {row.email for row in rows}
    members = {
        member.work_email.lower(): member
        for member in Member.objects.filter(communities=community)
        .annotate(email_key=Lower("work_email"))
        .filter(email_key__in=emails)
    }
    courses = _courses_by_code(community)
    problems: list[Problem] = []
    resolved = []
    for row in rows:
        found = _resolve(row, members, courses, problems)
        if found is not None:
            resolved.append((row, *found))
    if problems:
        raise CourseFileError(problems)
    created = updated = 0
    for row, member, course in resolved:
        completion = Completion.objects.filter(
            member=member, course=course, completed_on=row.completed_on
        ).first()
        before = snapshot(completion, COMPLETION_FIELDS) if completion else None
        if completion is None:
            enrolment = (
                Enrolment.objects.filter(
                    member=member,
                    offering__course=course,
                    status=EnrolmentStatus.ENROLLED,
                    completion__isnull=True,
                )
                .order_by("-offering__starts_on")
                .first()
            )
            completion = Completion(
                member=member, course=course, completed_on=row.completed_on, enrolment=enrolment
            )
        completion.result = row.result
        completion.source = CompletionSource.IMPORT
        _save(completion, actor, before=before)
        created += before is None
        updated += before is not None
    _certify([member for _row, member, _course in resolved])
    return CompletionImport(created, updated)
