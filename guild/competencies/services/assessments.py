"""Assessments: a member's own level with evidence, their supervisor's confirmation or
adjustment. Each is a new row of the history; the current-level table is updated in the
same transaction (ADR 9). Checked and audited."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser, signed_in
from guild.competencies.access import is_direct_supervisor
from guild.competencies.gaps import validated_level
from guild.competencies.models import (
    LEVEL_MAX,
    LEVEL_MIN,
    Assessment,
    AssessmentKind,
    Competency,
    CurrentAssessment,
    MemberRoleProfile,
)
from guild.core.audit import audit_record
from guild.core.errors import PermissionDenied
from guild.members.access import own_member_id
from guild.members.models import Member

MAX_LINKS = 10
MAX_LINK_LENGTH = 500
MAX_TEXT = 5000
_URL = URLValidator(schemes=["http", "https"])


def _level_errors(level: Any) -> list[str]:
    if (
        isinstance(level, bool)
        or not isinstance(level, int)
        or not (LEVEL_MIN <= level <= LEVEL_MAX)
    ):
        return [
            _("Choose a level from %(low)d to %(high)d.") % {"low": LEVEL_MIN, "high": LEVEL_MAX}
        ]
    return []


def _link_errors(links: list[Any]) -> list[str]:
    messages = []
    if len(links) > MAX_LINKS:
        messages.append(_("Give at most %(count)d links.") % {"count": MAX_LINKS})
    for link in links:
        if not isinstance(link, str) or len(link) > MAX_LINK_LENGTH:
            messages.append(_("Not a web address: %(link)s") % {"link": str(link)[:80]})
            continue
        try:
            _URL(link)
        except ValidationError:
            messages.append(_("Not a web address: %(link)s") % {"link": link[:80]})
    return messages


def _competency_errors(member: Member, competency: Competency) -> list[str]:
    assignment = MemberRoleProfile.objects.select_related("profile").filter(member=member).first()
    if assignment is None:
        return [_("The member has no role profile yet: choose one first.")]
    if competency.version_id != assignment.profile.version_id:
        return [_("This competency is not in the framework of the member's role profile.")]
    return []


def _text_errors(name: str, value: str) -> dict[str, list[str]]:
    if len(value) > MAX_TEXT:
        return {name: [_("Write at most %(count)d characters.") % {"count": MAX_TEXT}]}
    return {}


def _record(
    *,
    actor: AnyUser,
    member: Member,
    competency: Competency,
    kind: str,
    level: int,
    evidence: str = "",
    links: list[str] | None = None,
    comment: str = "",
) -> Assessment:
    state = (
        CurrentAssessment.objects.select_for_update()
        .filter(member=member, competency=competency)
        .first()
    )
    assessment = Assessment.objects.create(
        member=member,
        competency=competency,
        kind=kind,
        level=level,
        evidence=evidence,
        links=links or [],
        comment=comment,
        author=signed_in(actor),
    )
    if state is None:
        state = CurrentAssessment(member=member, competency=competency)
    before = state.self_level if kind == AssessmentKind.SELF else state.supervisor_level
    if kind == AssessmentKind.SELF:
        state.self_level, state.self_assessment = level, assessment
        state.self_at = assessment.created_at
    else:
        state.supervisor_level, state.supervisor_assessment = level, assessment
    state.validated_level = validated_level(state.self_level, state.supervisor_level)
    state.updated_at = assessment.created_at
    state.save()
    audit_record(
        actor=actor,
        action=f"assessment.{kind}",
        obj=assessment,
        changes={
            "member": [None, member.pk],
            "competency": [None, competency.code],
            "level": [before, level],
            "validated_level": [None, state.validated_level],
        },
    )
    return assessment


@transaction.atomic
def assessment_self(
    *,
    actor: AnyUser,
    member: Member,
    competency: Competency,
    level: int,
    evidence: str = "",
    links: Iterable[str] = (),
) -> Assessment:
    """The member's own level on a competency of their profile's framework, with evidence
    (text and web links). Only the member assesses themself."""
    if own_member_id(actor) != member.pk:
        raise PermissionDenied(_("Only members assess themselves."))
    links = [link.strip() if isinstance(link, str) else link for link in links]
    errors: dict[str, list[str]] = {}
    for name, messages in (
        ("level", _level_errors(level)),
        ("competency", _competency_errors(member, competency)),
        ("links", _link_errors(links)),
    ):
        if messages:
            errors[name] = messages
    errors.update(_text_errors("evidence", evidence))
    if errors:
        raise ValidationError(errors)
    return _record(
        actor=actor,
        member=member,
        competency=competency,
        kind=AssessmentKind.SELF,
        level=level,
        evidence=evidence.strip(),
        links=links,
    )


@transaction.atomic
def assessment_supervise(
    *,
    actor: AnyUser,
    member: Member,
    competency: Competency,
    level: int,
    comment: str = "",
) -> Assessment:
    """The supervisor's level: confirms the member's (the same level) or adjusts it, with a
    comment. Only the member's direct supervisor validates; their level becomes the
    validated level."""
    if not is_direct_supervisor(actor, member):
        raise PermissionDenied(
            _("Only the member's supervisor can validate their assessments."),
            code="not_supervisor",
        )
    errors: dict[str, list[str]] = {}
    for name, messages in (
        ("level", _level_errors(level)),
        ("competency", _competency_errors(member, competency)),
    ):
        if messages:
            errors[name] = messages
    errors.update(_text_errors("comment", comment))
    if errors:
        raise ValidationError(errors)
    return _record(
        actor=actor,
        member=member,
        competency=competency,
        kind=AssessmentKind.SUPERVISOR,
        level=level,
        comment=comment.strip(),
    )


@dataclass(frozen=True)
class Validation:
    """One row of a supervisor's bulk validation: the level they give a report's
    competency (the member's own to confirm it, another to adjust it)."""

    member: Member
    competency: Competency
    level: int
    comment: str = ""


@transaction.atomic
def assessments_supervise_many(
    *, actor: AnyUser, validations: Sequence[Validation]
) -> list[Assessment]:
    """`assessment_supervise` for each row, all or nothing: every row is checked, and when
    any is wrong the errors of all of them are raised together (keyed `"<row>.<field>"`,
    rows counted from 0) and nothing is saved. A row for someone who does not report to
    `actor` refuses the whole batch."""
    saved: list[Assessment] = []
    errors: dict[str, list[str]] = {}
    for index, row in enumerate(validations):
        try:
            saved.append(
                assessment_supervise(
                    actor=actor,
                    member=row.member,
                    competency=row.competency,
                    level=row.level,
                    comment=row.comment,
                )
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors[f"{index}.{name}"] = messages
    if errors:
        raise ValidationError(errors)
    return saved
