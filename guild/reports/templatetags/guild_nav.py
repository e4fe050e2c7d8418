"""The top menu's sections for the signed-in person, from their roles and profile."""

from dataclasses import dataclass
from typing import Any

from django import template

from guild.accounts.scopes import scope_for
from guild.members.access import decides_any_membership, own_member_id
from guild.members.models import Member

register = template.Library()

_CACHE_ATTR = "_guild_nav"


@dataclass(frozen=True)
class Navigation:
    member: bool  # has a member profile
    supervisor: bool  # someone names them as supervisor
    results: bool  # may read some results or figures
    manage: bool  # programme administrator or department coordinator somewhere
    manage_questionnaires: bool  # programme administrator (or platform administrator)
    decides_memberships: bool
    platform_admin: bool


def navigation_for(user: Any) -> Navigation | None:
    """The sections `user` reaches, worked out once per request (one query at most)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    scope = scope_for(user)
    member_id = own_member_id(user)
    supervisor = (
        member_id is not None
        and Member.objects.filter(supervisor_id=member_id, is_active=True).exists()
    )
    administers = scope.platform_admin or bool(scope.admin_communities)
    navigation = Navigation(
        member=member_id is not None,
        supervisor=supervisor,
        results=member_id is not None or bool(scope.roles),
        manage=administers or bool(scope.coordinated),
        manage_questionnaires=administers,
        decides_memberships=decides_any_membership(user),
        platform_admin=scope.platform_admin,
    )
    setattr(user, _CACHE_ATTR, navigation)
    return navigation


@register.simple_tag(takes_context=True)
def navigation(context: template.Context) -> Navigation | None:
    return navigation_for(context.get("user"))
