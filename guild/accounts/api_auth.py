from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from guild.accounts.services import token_authenticate


class TokenAuth(HttpBearer):
    """`Authorization: Bearer gld_…` with a personal access token."""

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_authenticate(token)
        if user is not None:
            request.user = user
        return user


API_AUTH = [TokenAuth(), SessionAuth()]
