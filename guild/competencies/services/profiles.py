"""Role profiles (a named role with a target level per competency), their adaptation by a
department, and which profile a member's position has. Checked, atomic and audited."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser
from guild.competencies.access import can_assign_role_profile, can_manage_role_profiles
from guild.competencies.models import (
    LEVEL_MAX,
    LEVEL_MIN,
    Competency,
    FrameworkVersion,
    MemberRoleProfile,
    RoleProfile,
    RoleProfileTarget,
)
from guild.competencies.selectors import role_profile_targets
from guild.core.audit import audit_record, diff, snapshot
from guild.core.errors import PermissionDenied
from guild.members.models import Member
from guild.organizations.models import Community, Department, OccupationalLevel, WorkStream

PROFILE_FIELDS = ("name_en", "name_fr", "work_stream", "level", "department")


def _target_errors(version: FrameworkVersion, targets: Mapping[str, Any]) -> list[str]:
    messages = []
    if not targets:
        messages.append(_("Give a target level for at least one competency."))
    known = set(Competency.objects.filter(version=version).values_list("code", flat=True))
    unknown = sorted(code for code in targets if code not in known)
    if unknown:
        messages.append(
            _("Not competencies of this framework version: %(codes)s.")
            % {"codes": ", ".join(unknown)}
        )
    for code, level in sorted(targets.items()):
        if (
            isinstance(level, bool)
            or not isinstance(level, int)
            or not (LEVEL_MIN <= level <= LEVEL_MAX)
        ):
            messages.append(
                _("The target of %(code)s must be a level from %(low)d to %(high)d.")
                % {"code": code, "low": LEVEL_MIN, "high": LEVEL_MAX}
            )
    return messages


def _validate(profile: RoleProfile, targets: Mapping[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    version = profile.version
    if version.framework.community_id != profile.community_id or not version.is_published:
        errors["version"] = [_("Choose a published version of this community's framework.")]
    if profile.work_stream.community_id != profile.community_id:
        errors["work_stream"] = [_("Choose a work stream of this community.")]
    for name in ("name_en", "name_fr"):
        if not (getattr(profile, name) or "").strip():
            errors[name] = [_("This field cannot be blank.")]
    target_errors = _target_errors(version, targets)
    if target_errors:
        errors["targets"] = target_errors
    try:
        profile.full_clean(validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(m for m in messages if m not in errors[name])
    if errors:
        raise ValidationError(errors)


def _set_targets(profile: RoleProfile, targets: Mapping[str, int]) -> None:
    competencies = dict(
        Competency.objects.filter(version=profile.version, code__in=targets).values_list(
            "code", "pk"
        )
    )
    RoleProfileTarget.objects.filter(profile=profile).delete()
    RoleProfileTarget.objects.bulk_create(
        RoleProfileTarget(profile=profile, competency_id=competencies[code], target=level)
        for code, level in targets.items()
    )


def _audited(profile: RoleProfile) -> dict[str, Any]:
    return {
        **snapshot(profile, [*PROFILE_FIELDS, "version", "adapted_from"]),
        "targets": role_profile_targets(profile),
    }


@transaction.atomic
def role_profile_create(
    *,
    actor: AnyUser,
    community: Community,
    version: FrameworkVersion,
    name_en: str,
    name_fr: str,
    work_stream: WorkStream,
    level: OccupationalLevel,
    targets: Mapping[str, int],
    department: Department | None = None,
) -> RoleProfile:
    """A role profile with a target level (1-4) per competency code of `version`; with
    `department`, a profile for that department's positions only."""
    if not can_manage_role_profiles(actor, community.pk, department.pk if department else None):
        raise PermissionDenied()
    profile = RoleProfile(
        community=community,
        version=version,
        name_en=name_en,
        name_fr=name_fr,
        work_stream=work_stream,
        level=level,
        department=department,
    )
    _validate(profile, targets)
    profile.save()
    _set_targets(profile, targets)
    audit_record(
        actor=actor, action="role_profile.create", obj=profile, changes=diff({}, _audited(profile))
    )
    return profile


@transaction.atomic
def role_profile_update(
    *,
    actor: AnyUser,
    profile: RoleProfile,
    targets: Mapping[str, int] | None = None,
    **fields: Any,
) -> RoleProfile:
    """Change a profile's names, work stream, group and level, or targets (`targets`
    replaces them all)."""
    unknown = set(fields) - {"name_en", "name_fr", "work_stream", "level"}
    if unknown:
        raise TypeError(f"Unknown role profile fields: {sorted(unknown)}")
    profile = (
        RoleProfile.objects.select_for_update()
        .select_related("version__framework")
        .get(pk=profile.pk)
    )
    if not can_manage_role_profiles(actor, profile.community_id, profile.department_id):
        raise PermissionDenied()
    before = _audited(profile)
    for name, value in fields.items():
        setattr(profile, name, value)
    new_targets = dict(targets) if targets is not None else before["targets"]
    _validate(profile, new_targets)
    profile.save()
    if targets is not None:
        _set_targets(profile, new_targets)
    changes = diff(before, _audited(profile))
    if changes:
        audit_record(actor=actor, action="role_profile.update", obj=profile, changes=changes)
    return profile


@transaction.atomic
def role_profile_adapt_for_department(
    *,
    actor: AnyUser,
    profile: RoleProfile,
    department: Department,
    targets: Mapping[str, int] | None = None,
    name_en: str = "",
    name_fr: str = "",
) -> RoleProfile:
    """A department's copy of a community-wide profile, for its own positions: the same
    competencies, with `targets` changing some of their levels (or adding competencies of
    the same version)."""
    if not can_manage_role_profiles(actor, profile.community_id, department.pk):
        raise PermissionDenied()
    if profile.department_id is not None:
        raise ValidationError(
            {"adapted_from": [_("Adapt a community-wide profile, not a department's.")]}
        )
    merged = {**role_profile_targets(profile), **(targets or {})}
    adapted = RoleProfile(
        community_id=profile.community_id,
        version=profile.version,
        name_en=name_en or f"{profile.name_en} ({department.acronym_en})",
        name_fr=name_fr or f"{profile.name_fr} ({department.acronym_fr})",
        work_stream=profile.work_stream,
        level=profile.level,
        department=department,
        adapted_from=profile,
    )
    _validate(adapted, merged)
    adapted.save()
    _set_targets(adapted, merged)
    audit_record(
        actor=actor,
        action="role_profile.adapt",
        obj=adapted,
        changes=diff({}, _audited(adapted)),
    )
    return adapted


@transaction.atomic
def member_role_profile_set(
    *, actor: AnyUser, member: Member, profile: RoleProfile | None
) -> MemberRoleProfile | None:
    """Point the member's position at `profile` (None: no profile)."""
    current = MemberRoleProfile.objects.select_for_update().filter(member=member).first()
    community_id = (
        profile.community_id if profile else (current.profile.community_id if current else None)
    )
    if community_id is None:
        return None
    if not can_assign_role_profile(actor, member, community_id):
        raise PermissionDenied()
    old = current.profile_id if current else None
    if profile is not None:
        errors = []
        if not member.communities.filter(pk=profile.community_id).exists():
            errors.append(_("The member does not belong to this profile's community."))
        if profile.department_id is not None and profile.department_id != member.department_id:
            errors.append(_("This profile is for the positions of another department."))
        if errors:
            raise ValidationError({"profile": errors})
    if old == (profile.pk if profile else None):
        return current
    if profile is None:
        if current is not None:
            current.delete()
        result = None
    elif current is None:
        result = MemberRoleProfile.objects.create(member=member, profile=profile)
    else:
        current.profile = profile
        current.save()
        result = current
    audit_record(
        actor=actor,
        action="member_role_profile.set",
        obj=member,
        changes={"role_profile": [old, profile.pk if profile else None]},
    )
    return result


@transaction.atomic
def role_profile_members_set(
    *,
    actor: AnyUser,
    profile: RoleProfile,
    add: Iterable[Member] = (),
    remove: Iterable[Member] = (),
) -> int:
    """Put members' positions on `profile` and take others off it (those not on it are left
    alone), each with `member_role_profile_set` (checked and audited per member); all or
    nothing, every member's errors together. Returns how many changed."""
    add, remove = list(add), list(remove)
    errors: list[str] = []
    changed = 0
    current = dict(
        MemberRoleProfile.objects.filter(member__in=[*add, *remove]).values_list(
            "member_id", "profile_id"
        )
    )
    moves: list[tuple[Member, RoleProfile | None]] = [(member, profile) for member in add]
    moves += [(member, None) for member in remove if current.get(member.pk) == profile.pk]
    for member, target in moves:
        before = current.get(member.pk)
        try:
            member_role_profile_set(actor=actor, member=member, profile=target)
        except ValidationError as error:
            errors.extend(f"{member.full_name}: {message}" for message in error.messages)
            continue
        changed += before != (target.pk if target else None)
    if errors:
        raise ValidationError({"members": errors})
    return changed
