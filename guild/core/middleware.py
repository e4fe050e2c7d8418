import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from guild.core.errors import ApplicationError, NotFound, PermissionDenied


class ApplicationErrorMiddleware:
    """Turns the error vocabulary into pages: missing-or-forbidden is a 404, a refused
    action a 403, a broken rule a 400 with its translated message. Never a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ApplicationError):
            return None
        template = {
            NotFound: "404.html",
            PermissionDenied: "403.html",
        }.get(type(exception), "400.html")
        response = TemplateResponse(
            request, template, {"message": exception.message}, status=exception.status
        )
        return response.render()


class SessionRefreshMiddleware:
    """Idle sessions end SESSION_COOKIE_AGE after the last request. Saving the session on
    every request (SESSION_SAVE_EVERY_REQUEST) would turn each page view into a database
    write; refreshing at most once a minute keeps the timeout within a minute of exact."""

    KEY = "_guild_refreshed"
    INTERVAL = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only sessions the request already loaded: a view that never reads the session
        # (a health check, a static file) must not cost a database read for it.
        if session is not None and session.accessed and not session.is_empty():
            now = int(time.time())
            if now - int(session.get(self.KEY, 0)) >= self.INTERVAL:
                session[self.KEY] = now
        return response
