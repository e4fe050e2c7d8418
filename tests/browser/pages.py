"""The pages the browser tests open, as data. Each is checked with axe-core in English
and in French (tests/browser/test_accessibility.py).

`path` has no language prefix (/en or /fr is added). `user` is None for a signed-out
visitor; otherwise the test signs in as that person through the real sign-in form first.
Add a page here when its view lands."""

from typing import NamedTuple


class Page(NamedTuple):
    path: str
    user: str | None = None
    status: int = 200


# `user` is a key of the shared cast (conftest.py): member, supervisor, coordinator,
# admin, committee or platform. Paths may name the cast's ids: {member}, {private},
# {other} (member ids) and {job} (a job owned by the coordinator).
PAGES: list[Page] = [
    Page("/"),
    Page("/accounts/login/"),
    Page("/accounts/signup/"),
    Page("/accounts/password/reset/"),
    Page("/accounts/password/reset/done/"),
    Page("/accounts/confirm-email/"),
    Page("/accounts/confirm-email/not-a-real-key/"),
    Page("/no-such-page/", status=404),
    Page("/accounts/logout/", user="member"),
    Page("/", user="member"),
    Page("/", user="supervisor"),
    Page("/", user="coordinator"),
    Page("/", user="admin"),
    Page("/", user="committee"),
    Page("/", user="platform"),
    Page("/members/", user="member"),
    Page("/members/?q=Other&region=1", user="member"),
    Page("/members/{member}/", user="member"),
    Page("/members/{private}/", user="coordinator"),
    Page("/members/{private}/", user="member", status=404),
    Page("/members/{other}/edit/", user="platform"),
    Page("/me/profile/", user="member"),
    Page("/me/profile/", user="platform"),
    Page("/tokens/", user="member"),
    Page("/roles/", user="admin"),
    Page("/audit/", user="platform"),
    Page("/jobs/{job}/", user="coordinator"),
    Page("/accounts/email/", user="member"),
    Page("/accounts/password/change/", user="member"),
]
