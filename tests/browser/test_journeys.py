"""What people do, in a real browser: find a colleague, fix their profile, export."""

from typing import Any

import pytest

from guild.members.models import Member
from tests.browser.conftest import PASSWORD, axe_violations, describe_violations, login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_directory_search_updates_results_in_place(
    page: Any, live_server: Any, make_user: Any, cast: Any
) -> None:
    login(page, live_server, make_user("member").email, PASSWORD, next="/en/members/")
    page.fill("#id_q", "Olu")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_function(
        "() => document.querySelectorAll('#directory-results tbody tr').length === 1"
    )
    assert page.locator("#directory-results tbody tr a").inner_text() == "Other, Olu"
    assert page.url.endswith(
        "/en/members/?q=Olu&community=&department=&region=&work_stream=&group=&level="
    )


def test_profile_error_is_announced_and_nothing_is_saved(
    page: Any, live_server: Any, make_user: Any, cast: Any, axe_source: str
) -> None:
    member = cast["member"]
    login(page, live_server, make_user("member").email, PASSWORD, next="/fr/me/profile/")
    page.fill("#id_years_in_community", "75")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    summary = page.locator("gcds-error-summary a[href='#id_years_in_community']")
    assert summary.count() == 1
    assert page.get_attribute("#id_years_in_community", "aria-invalid") == "true"
    violations = axe_violations(page, axe_source)
    assert not violations, describe_violations(violations)
    assert Member.objects.get(pk=member.pk).years_in_community is None


def test_export_shows_progress_then_the_download(
    page: Any, live_server: Any, make_user: Any, cast: Any
) -> None:
    login(page, live_server, make_user("coordinator").email, PASSWORD, next="/en/members/")
    page.click("form.export button[type=submit]")
    link = page.locator("#export-status a", has_text="Download members.csv")
    link.wait_for(timeout=10_000)
    assert page.locator("#export-status progress").get_attribute("value") == "100"
    assert page.url.endswith("/en/members/")
