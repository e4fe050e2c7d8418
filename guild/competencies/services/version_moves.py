"""Moving a community's role profiles from one published framework version to a later
one, with members' current levels carried over to the competencies that take over the old
ones (`selectors.version_mapping`). Checked, atomic and audited."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser
from guild.competencies.access import can_manage_frameworks
from guild.competencies.models import (
    Assessment,
    Competency,
    CurrentAssessment,
    FrameworkVersion,
    RoleProfile,
    RoleProfileTarget,
)
from guild.competencies.selectors import role_profile_targets
from guild.competencies.selectors.version_moves import move_preview
from guild.core.audit import audit_record
from guild.core.errors import PermissionDenied
from guild.members.models import Member


@dataclass(frozen=True)
class MoveResult:
    profiles: int
    members: int
    levels: int


def _check(actor: AnyUser, old: FrameworkVersion, new: FrameworkVersion) -> None:
    if not can_manage_frameworks(actor, old.framework.community_id):
        raise PermissionDenied()
    if (
        old.framework_id != new.framework_id
        or not new.is_published
        or not old.is_published
        or new.number <= old.number
    ):
        raise ValidationError(
            {"version": [_("Move to a later published version of the same framework.")]}
        )


def _copy(assessment: Assessment, competency_id: int) -> Assessment:
    return Assessment.objects.create(
        member_id=assessment.member_id,
        competency_id=competency_id,
        kind=assessment.kind,
        level=assessment.level,
        evidence=assessment.evidence,
        links=assessment.links,
        comment=assessment.comment,
        author_id=assessment.author_id,
        created_at=assessment.created_at,
    )


@transaction.atomic
def framework_version_move(
    *, actor: AnyUser, old: FrameworkVersion, new: FrameworkVersion
) -> MoveResult:
    """Point every role profile on `old` at `new`, each target moved to the competency
    that takes its competency over (two old ones merging keep the higher target; a dropped
    competency's target goes), and give members, on each new competency they have no level
    on yet, their current self and supervisor levels of the old one (copies of those
    assessments, with their dates, evidence and authors). Refused, with every profile that
    would be left without targets, when any would."""
    _check(actor, old, new)
    preview = move_preview(old, new)
    mapping = preview.mapping
    codes = {row.old.code: row.new.code for row in preview.rows if row.new is not None}
    moved_targets: dict[int, tuple[dict[str, int], dict[str, int]]] = {}
    empty = []
    for profile in RoleProfile.objects.select_for_update().filter(version=old):
        before = role_profile_targets(profile)
        after: dict[str, int] = {}
        for code, level in before.items():
            if code in codes:
                after[codes[code]] = max(level, after.get(codes[code], 0))
        if not after:
            empty.append(profile.name_en)
        moved_targets[profile.pk] = (before, after)
    if empty:
        raise ValidationError(
            {
                "version": [
                    _("These role profiles would have no competency left: %(names)s.")
                    % {"names": ", ".join(sorted(empty))}
                ]
            }
        )
    new_ids = {competency.code: competency.pk for competency in new.competencies.all()}
    for profile in preview.profiles:
        before, after = moved_targets[profile.pk]
        RoleProfileTarget.objects.filter(profile=profile).delete()
        RoleProfileTarget.objects.bulk_create(
            RoleProfileTarget(profile=profile, competency_id=new_ids[code], target=level)
            for code, level in after.items()
        )
        RoleProfile.objects.filter(pk=profile.pk).update(version=new)
        audit_record(
            actor=actor,
            action="role_profile.move_version",
            obj=profile,
            changes={"version": [old.pk, new.pk], "targets": [before, after]},
        )
    levels = _carry_levels(actor, old, new, mapping)
    audit_record(
        actor=actor,
        action="competency_framework.move",
        obj=new,
        changes={
            "from_version": [None, old.pk],
            "profiles": [None, len(preview.profiles)],
            "members": [None, len(levels)],
        },
    )
    return MoveResult(
        profiles=len(preview.profiles),
        members=len(levels),
        levels=sum(len(carried) for carried in levels.values()),
    )


def _carry_levels(
    actor: AnyUser, old: FrameworkVersion, new: FrameworkVersion, mapping: dict[int, Competency]
) -> dict[int, dict[str, list[int | None]]]:
    """The carried levels by member id: {new code: [self, supervisor]}."""
    taken = set(
        CurrentAssessment.objects.filter(competency__version=new).values_list(
            "member_id", "competency_id"
        )
    )
    states = (
        CurrentAssessment.objects.filter(competency_id__in=list(mapping))
        .select_related("self_assessment", "supervisor_assessment")
        .order_by("member_id", "competency__family__order", "competency__order")
    )
    carried: dict[int, dict[str, list[int | None]]] = {}
    for state in states:
        successor = mapping[state.competency_id]
        target_id = successor.pk
        if (state.member_id, target_id) in taken:
            continue
        taken.add((state.member_id, target_id))
        copies = {}
        for name in sorted(
            ("self_assessment", "supervisor_assessment"),
            key=lambda name: _when(getattr(state, name)),
        ):
            original = getattr(state, name)
            copies[name] = _copy(original, target_id) if original is not None else None
        last = max((copy.created_at for copy in copies.values() if copy), default=state.updated_at)
        CurrentAssessment.objects.create(
            member_id=state.member_id,
            competency_id=target_id,
            self_assessment=copies["self_assessment"],
            supervisor_assessment=copies["supervisor_assessment"],
            self_level=state.self_level,
            supervisor_level=state.supervisor_level,
            validated_level=state.validated_level,
            self_at=state.self_at,
            updated_at=last,
        )
        code = successor.code
        carried.setdefault(state.member_id, {})[code] = [state.self_level, state.supervisor_level]
    members = Member.objects.in_bulk(list(carried))
    for member_id, levels in carried.items():
        audit_record(
            actor=actor,
            action="assessment.carry_over",
            obj=members[member_id],
            changes={"version": [old.pk, new.pk], "levels": [None, levels]},
        )
    return carried


def _when(assessment: Assessment | None) -> tuple[float, int]:
    if assessment is None:
        return (0.0, 0)
    return (assessment.created_at.timestamp(), assessment.pk)
