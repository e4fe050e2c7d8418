"""Writes to accounts: role assignments and personal access tokens. Each is atomic,
validated and audited."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guild.accounts.models import (
    COMMUNITY_ROLES,
    DEPARTMENT_ROLES,
    AnyUser,
    PersonalAccessToken,
    Role,
    RoleAssignment,
    User,
    signed_in,
)
from guild.accounts.scopes import forget_scope, scope_for
from guild.core.audit import audit_record
from guild.core.errors import ApplicationError, NotFound, PermissionDenied


def _check_can_grant(actor: AnyUser, role: str, community_id: int | None) -> None:
    scope = scope_for(actor)
    if scope.platform_admin:
        return
    if (
        role in {Role.DEPARTMENT_COORDINATOR, Role.COMMITTEE_MEMBER}
        and community_id in scope.admin_communities
    ):
        return
    raise PermissionDenied(_("You may not grant this role in this community."))


@transaction.atomic
def role_assign(
    *,
    actor: AnyUser,
    user: User,
    role: str,
    community_id: int | None = None,
    department_id: int | None = None,
) -> RoleAssignment:
    """Grant `role` to `user`, scoped to a community (and department for coordinators)."""
    if role not in Role.values:
        raise ApplicationError(
            _("Unknown role."), code="invalid_role", fields={"role": [_("Unknown role.")]}
        )
    errors: dict[str, list[str]] = {}
    if role in COMMUNITY_ROLES | DEPARTMENT_ROLES and community_id is None:
        errors["community"] = [_("Choose the community this role applies to.")]
    if role in DEPARTMENT_ROLES and department_id is None:
        errors["department"] = [_("Choose the department this role applies to.")]
    if role == Role.PLATFORM_ADMINISTRATOR:
        community_id = department_id = None
    elif role in COMMUNITY_ROLES:
        department_id = None
    if errors:
        raise ApplicationError(_("Some fields need your attention."), code="invalid", fields=errors)
    _check_can_grant(actor, role, community_id)
    scope_filter: dict[str, Any] = {"community_id": community_id, "department_id": department_id}
    existing = RoleAssignment.objects.filter(user=user, role=role, **scope_filter).first()
    if existing:
        raise ApplicationError(_("This person already has this role."), code="duplicate_role")
    assignment = RoleAssignment(
        user=user,
        role=role,
        community_id=community_id,
        department_id=department_id,
        granted_by=signed_in(actor),
    )
    assignment.full_clean()
    assignment.save()
    audit_record(
        actor=actor,
        action="role.assign",
        obj=assignment,
        changes={
            "role": [None, role],
            "community": [None, community_id],
            "department": [None, department_id],
            "user": [None, user.pk],
        },
    )
    forget_scope(user)
    return assignment


@transaction.atomic
def role_revoke(*, actor: AnyUser, assignment_id: int) -> None:
    assignment = RoleAssignment.objects.select_for_update().filter(pk=assignment_id).first()
    if assignment is None:
        raise NotFound()
    _check_can_grant(actor, assignment.role, assignment.community_id)
    audit_record(
        actor=actor,
        action="role.revoke",
        obj=assignment,
        changes={
            "role": [assignment.role, None],
            "community": [assignment.community_id, None],
            "department": [assignment.department_id, None],
            "user": [assignment.user_id, None],
        },
    )
    assignment.delete()
    forget_scope(assignment.user)


@transaction.atomic
def token_create(
    *, user: User, name: str, expires_at: datetime | None = None
) -> tuple[PersonalAccessToken, str]:
    """Create a token and return it with its raw value, which is never stored."""
    name = (name or "").strip()
    if not name:
        raise ApplicationError(
            _("Give the token a name."),
            code="invalid",
            fields={"name": [_("This field is required.")]},
        )
    if expires_at is not None and expires_at <= timezone.now():
        raise ApplicationError(
            _("The expiry date must be in the future."),
            code="invalid",
            fields={"expires_at": [_("The expiry date must be in the future.")]},
        )
    raw = PersonalAccessToken.new_raw_value()
    token = PersonalAccessToken(
        user=user,
        name=name,
        token_hash=PersonalAccessToken.hash(raw),
        hint=raw[:8],
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    audit_record(actor=user, action="token.create", obj=token, changes={"name": [None, name]})
    return token, raw


@transaction.atomic
def token_revoke(*, user: User, token_id: int) -> None:
    token = PersonalAccessToken.objects.filter(
        pk=token_id, user=user, revoked_at__isnull=True
    ).first()
    if token is None:
        raise NotFound()
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=user,
        action="token.revoke",
        obj=token,
        changes={"revoked_at": [None, str(token.revoked_at)]},
    )


def token_authenticate(raw: str) -> User | None:
    """The active user a raw token belongs to, or None. Records when it was last used."""
    if not raw or not raw.startswith(PersonalAccessToken.PREFIX):
        return None
    token = (
        PersonalAccessToken.objects.usable()
        .select_related("user")
        .filter(token_hash=PersonalAccessToken.hash(raw))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    # One write a minute at most, so a busy script does not turn every read into a write.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
