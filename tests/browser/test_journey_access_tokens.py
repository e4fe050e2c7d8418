"""Journey: a member creates a personal access token from the account menu, uses it against
the API the way a script would, then revokes it, after which the API refuses it. A date in
the past is refused on the page with the other errors, and nothing is created. Only what the
pages show is clicked (tests/browser/test_role_journeys.py); English and French."""

import json
import urllib.error
import urllib.request
from typing import Any

import pytest

from tests.browser.test_role_journeys import LANGUAGES, Journey, french, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _script_get(url: str, token: str) -> tuple[int, Any]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 (test server)
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


@pytest.mark.parametrize("language", LANGUAGES)
def test_member_creates_uses_and_revokes_an_access_token(
    language: str, page: Any, live_server: Any, cast: Any, axe_source: str
) -> None:
    journey = Journey(page, axe_source, language, "tokens")
    journey.start(live_server, cast["member"].user.email)
    account = page.locator(f"gcds-nav-group[open-trigger='{t(language, 'My account')}']")
    account.locator("button").first.click()
    journey.click(account.get_by_role("link", name=t(language, "Access tokens")))
    french(page, language, t("fr", "Personal access tokens"))

    # An expiry date in the past is refused, and no token is made.
    page.get_by_label(t(language, "Token name")).fill("quarterly report")
    page.get_by_label(t(language, "Expires on (optional)")).fill("2020-01-01")
    with page.expect_navigation() as refused:
        page.get_by_role("button", name=t(language, "Create token")).click()
    assert refused.value is not None and refused.value.status == 400
    assert page.locator("code.token-value").count() == 0
    assert page.locator("table.guild-table tbody tr").count() == 0

    page.get_by_label(t(language, "Expires on (optional)")).fill("")
    journey.click(page.get_by_role("button", name=t(language, "Create token")))
    token = page.locator("code.token-value").inner_text().strip()
    assert len(token) > 30
    row = page.locator("table.guild-table tbody tr", has_text="quarterly report")
    assert row.count() == 1
    assert token.startswith(row.locator("code").inner_text().rstrip("…"))

    api = f"{live_server.url}/api/v1/me"
    status, body = _script_get(api, token)  # no browser cookies: the token alone
    assert status == 200, body
    assert body["email"] == cast["member"].user.email

    journey.click(row.get_by_role("button", name=t(language, "Revoke")))
    notice = t(language, "The token was revoked. Scripts using it can no longer sign in.")
    assert page.get_by_text(notice).first.is_visible()
    assert page.locator("table.guild-table tbody tr", has_text="quarterly report").count() == 0
    status, body = _script_get(api, token)
    assert status == 401, body
    assert body["code"]
    journey.finish()
