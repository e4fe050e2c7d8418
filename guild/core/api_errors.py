"""One JSON error body for the whole API: {code, message, fields}, with a 4xx status."""

import contextlib
import json
from collections.abc import Iterator
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


# The database stores ids and counts as signed 64-bit integers; SQLite refuses larger
# ones with OverflowError before any query runs.
INTEGER_MAX = 2**63 - 1
_BODY_SCAN_LIMIT = 10_000


def _oversized(value: Any, where: str) -> Iterator[str]:
    """The places in parsed JSON that hold an integer beyond 64 bits (breadth-first, with a
    bound on the values looked at, so a deep or huge body costs little)."""
    queue: list[tuple[Any, str]] = [(value, where)]
    for item, place in queue:
        if len(queue) > _BODY_SCAN_LIMIT:
            return
        if isinstance(item, bool):
            continue
        if isinstance(item, int) and abs(item) > INTEGER_MAX:
            yield place or "__all__"
        elif isinstance(item, dict):
            queue.extend((v, f"{place}.{k}" if place else str(k)) for k, v in item.items())
        elif isinstance(item, list):
            queue.extend((v, f"{place}.{i}" if place else str(i)) for i, v in enumerate(item))


def _integer_text_oversized(text: str) -> bool:
    text = text.strip()
    return text.lstrip("+-").isdigit() and abs(int(text)) > INTEGER_MAX


def oversized_integer_fields(request: HttpRequest) -> list[str]:
    """Which path, query and body values of the request are integers beyond 64 bits."""
    match = getattr(request, "resolver_match", None)
    found = [
        name
        for name, value in (match.kwargs.items() if match else ())
        if _integer_text_oversized(str(value))
    ]
    found += [
        name
        for name, values in request.GET.lists()
        if any(_integer_text_oversized(v) for v in values)
    ]
    if request.content_type == "application/json" and request.body:
        with contextlib.suppress(ValueError, RecursionError):
            found += list(_oversized(json.loads(request.body), ""))
    return list(dict.fromkeys(found))


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(OverflowError)
    def integer_too_large(request: HttpRequest, exc: OverflowError) -> HttpResponse:
        message = _("Enter a whole number no larger than %(max)d.") % {"max": INTEGER_MAX}
        fields = {name: [message] for name in oversized_integer_fields(request)}
        return _body(
            api,
            request,
            422,
            "invalid_input",
            _("The request is not valid. See the fields for details."),
            fields or {"__all__": [message]},
        )

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
