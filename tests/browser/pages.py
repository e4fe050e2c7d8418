"""The pages the browser tests open, as data. Each is checked with axe-core in English
and in French (tests/browser/test_accessibility.py).

`path` has no language prefix (/en or /fr is added). `user` is None for a signed-out
visitor or a key of USERS: the test creates that account and signs in through the real
sign-in form first. A page whose route is not wired yet is skipped, not failed.
Add a page here when its view lands."""

from typing import NamedTuple


class Page(NamedTuple):
    path: str
    user: str | None = None
    status: int = 200


# Accounts the pages can be opened as: key -> the roles assigned to it.
USERS: dict[str, tuple[str, ...]] = {
    "member": (),
    "platform": ("platform_administrator",),
}

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
]
