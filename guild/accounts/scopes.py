"""What a user's assigned roles let them reach, as plain sets of ids. Every app's
`access.py` builds its rules from this one place."""

from dataclasses import dataclass, field

from guild.accounts.models import AnyUser, Role, RoleAssignment, signed_in

_CACHE_ATTR = "_guild_scope"


@dataclass(frozen=True)
class Scope:
    user_id: int | None = None
    platform_admin: bool = False
    admin_communities: frozenset[int] = field(default_factory=frozenset)
    committee_communities: frozenset[int] = field(default_factory=frozenset)
    # (community_id, department_id) pairs
    coordinated: frozenset[tuple[int, int]] = field(default_factory=frozenset)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def coordinated_departments(self) -> frozenset[int]:
        return frozenset(department for _, department in self.coordinated)

    def administers(self, community_id: int | None) -> bool:
        return self.platform_admin or community_id in self.admin_communities

    def coordinates(self, community_id: int, department_id: int) -> bool:
        return (community_id, department_id) in self.coordinated

    @property
    def roles(self) -> set[str]:
        roles: set[str] = set()
        if self.platform_admin:
            roles.add(Role.PLATFORM_ADMINISTRATOR)
        if self.admin_communities:
            roles.add(Role.PROGRAMME_ADMINISTRATOR)
        if self.committee_communities:
            roles.add(Role.COMMITTEE_MEMBER)
        if self.coordinated:
            roles.add(Role.DEPARTMENT_COORDINATOR)
        return roles


ANONYMOUS = Scope()


def scope_for(user: AnyUser) -> Scope:
    """The user's scope, computed once per user object (so once per request)."""
    user = signed_in(user)
    if user is None:
        return ANONYMOUS
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    admin: set[int] = set()
    committee: set[int] = set()
    coordinated: set[tuple[int, int]] = set()
    platform = bool(user.is_superuser)
    for role, community_id, department_id in RoleAssignment.objects.filter(
        user_id=user.pk
    ).values_list("role", "community_id", "department_id"):
        if role == Role.PLATFORM_ADMINISTRATOR:
            platform = True
        elif role == Role.PROGRAMME_ADMINISTRATOR:
            admin.add(community_id)
        elif role == Role.COMMITTEE_MEMBER:
            committee.add(community_id)
        elif role == Role.DEPARTMENT_COORDINATOR:
            coordinated.add((community_id, department_id))
    scope = Scope(
        user_id=user.pk,
        platform_admin=platform,
        admin_communities=frozenset(admin),
        committee_communities=frozenset(committee),
        coordinated=frozenset(coordinated),
    )
    setattr(user, _CACHE_ATTR, scope)
    return scope


def forget_scope(user: AnyUser) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
