"""One JSON error body for the whole API: {code, message, fields}, with a 4xx status."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from guild.core.errors import ApplicationError


class ErrorOut(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] = {}


def _body(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    code: str,
    message: Any,
    fields: dict[str, list[str]] | None = None,
) -> HttpResponse:
    payload = {
        "code": code,
        "message": str(message),
        "fields": {k: [str(m) for m in v] for k, v in (fields or {}).items()},
    }
    return api.create_response(request, payload, status=status)


def _location(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "data")]
    return ".".join(parts) or "__all__"


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        fields: dict[str, list[str]] = {}
        for error in exc.errors:
            fields.setdefault(_location(error.get("loc", ())), []).append(
                str(error.get("msg", _("Invalid value.")))
            )
        return _body(
            api,
            request,
            422,
            "invalid_input",
            _("The request is not valid. See the fields for details."),
            fields,
        )

    @api.exception_handler(DjangoValidationError)
    def invalid_data(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return _body(api, request, 400, "invalid", _("Some fields need your attention."), fields)

    @api.exception_handler(ApplicationError)
    def broken_rule(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        return _body(api, request, exc.status, exc.code, exc.message, exc.fields)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return _body(
            api,
            request,
            401,
            "unauthenticated",
            _("Sign in, or send a valid personal access token."),
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _body(
            api,
            request,
            404,
            "not_found",
            _("The page or item you asked for does not exist, or you may not see it."),
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return _body(api, request, exc.status_code, "error", exc.message)
