from typing import Any

from django.http import HttpRequest

from guild.accounts.scopes import scope_for


def roles(request: HttpRequest) -> dict[str, Any]:
    return {"nav_roles": scope_for(getattr(request, "user", None)).roles}
