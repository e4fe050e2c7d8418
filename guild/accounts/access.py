from guild.accounts.models import AnyUser
from guild.accounts.scopes import scope_for
from guild.core.errors import NotFound


def access_role_management(user: AnyUser) -> None:
    """Platform administrators and programme administrators manage roles."""
    scope = scope_for(user)
    if not (scope.platform_admin or scope.admin_communities):
        raise NotFound()


def access_audit_log(user: AnyUser) -> None:
    if not scope_for(user).platform_admin:
        raise NotFound()
