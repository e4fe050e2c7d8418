"""Accessibility (WCAG 2.1 A and AA, by axe-core) and the page shell, in a real browser."""

from typing import Any

import pytest

from guild.core.jobs import job_create
from tests.browser.conftest import (
    PASSWORD,
    axe_violations,
    describe_violations,
    login,
    wait_for_components,
)
from tests.browser.layout import check_layout
from tests.browser.pages import PAGES, Page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

LANGUAGES = ["en", "fr"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("target", PAGES, ids=lambda p: f"{p.path}[{p.user or 'anonymous'}]")
def test_page_is_accessible_and_fits_a_phone(
    target: Page,
    language: str,
    page: Any,
    live_server: Any,
    make_user: Any,
    cast: Any,
    axe_source: str,
) -> None:
    job = job_create(owner=make_user("coordinator"), kind="members.export")
    ids = {key: value.pk for key, value in cast.items()}
    path = f"/{language}{target.path.format(job=job.id, **ids)}"
    if target.user:
        user = make_user(target.user)
        login(page, live_server, user.email, PASSWORD, next=path)
    response = page.goto(f"{live_server.url}{path}")
    assert response is not None and response.status == target.status, page.url
    assert page.get_attribute("html", "lang") == language

    violations = axe_violations(page, axe_source)

    assert not violations, f"{path}:\n{describe_violations(violations)}"
    assert not page.guild_problems, "\n".join(page.guild_problems)
    check_layout(page, f"{language}-{target.user or 'anonymous'}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_error_summary_after_a_failed_sign_in(
    language: str, page: Any, live_server: Any, axe_source: str
) -> None:
    """Submitting with the native .gcds-button posts the form; the error summary lists
    each error as a link to its field, and the page stays accessible."""
    page.goto(f"{live_server.url}/{language}/accounts/login/")
    with page.expect_navigation():
        page.click("main form button[type=submit].gcds-button")
    wait_for_components(page)

    links = page.locator("gcds-error-summary a[href^='#']")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "#id_login",
        "#id_password",
    ]
    assert page.get_attribute("#id_login", "aria-invalid") == "true"
    assert "id_login_error" in (page.get_attribute("#id_login", "aria-describedby") or "")
    violations = axe_violations(page, axe_source)
    assert not violations, describe_violations(violations)

    links.nth(1).click()
    assert page.evaluate("() => document.activeElement.id") == "id_password"
    assert not page.guild_problems, "\n".join(page.guild_problems)


def test_language_toggle_and_skip_link(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/en/accounts/login/")
    wait_for_components(page)
    assert page.get_attribute("html", "lang") == "en"

    skip = page.locator("gcds-header a[href='#main-content']")
    assert skip.count() == 1
    assert page.locator("main#main-content").count() == 1

    assert page.locator("gcds-lang-toggle gcds-link").get_attribute("lang") == "fr"
    toggle = page.locator("gcds-lang-toggle a")
    with page.expect_navigation():
        toggle.click()
    assert page.url == f"{live_server.url}/fr/accounts/login/"
    assert page.get_attribute("html", "lang") == "fr"
    wait_for_components(page)
    assert page.locator("gcds-lang-toggle a").get_attribute("href").endswith("/en/accounts/login/")


MENU = """() => Array.from(document.querySelector('gcds-top-nav').children)
    .filter((el) => !el.hasAttribute('slot'))
    .map((el) => el.tagName === 'GCDS-NAV-GROUP'
        ? [el.getAttribute('open-trigger'),
           Array.from(el.querySelectorAll('gcds-nav-link')).map((l) => l.textContent.trim())]
        : [el.textContent.trim(), null])"""


def menu(page: Any) -> list[tuple[str, list[str] | None]]:
    """The top menu as (label, None) for a link and (label, [link labels]) for a group."""
    return [(label, links) for label, links in page.evaluate(MENU)]


ACCOUNT = ("My account", ["My profile", "Access tokens"])
PROGRAMME = ("Leadership programme", ["Programmes and intakes", "My nominations"])
MEMBER_MENU = [
    ("Home", None),
    ("Questionnaires", None),
    ("Results", None),
    (
        "Competencies",
        [
            "My competencies",
            "Competency frameworks",
            "Course catalogue",
            "Curricula",
            "My learning",
            "My certification progress",
        ],
    ),
    PROGRAMME,
    ("Member directory", None),
    ACCOUNT,
]
MENUS = {
    "member": MEMBER_MENU,
    "committee": MEMBER_MENU,
    "supervisor": [
        ("Home", None),
        ("Questionnaires", None),
        ("Results", None),
        (
            "Competencies",
            [
                "My competencies",
                "My team",
                "Competency frameworks",
                "Course catalogue",
                "Curricula",
                "My learning",
                "My certification progress",
            ],
        ),
        PROGRAMME,
        ("Member directory", None),
        ACCOUNT,
    ],
    "coordinator": [
        *MEMBER_MENU[:6],
        ("Management", ["Role profiles", "Membership requests"]),
        ACCOUNT,
    ],
    "admin": [
        *MEMBER_MENU[:6],
        (
            "Management",
            [
                "Manage questionnaires",
                "Manage competency frameworks",
                "Course coverage report",
                "Role profiles",
                "Membership requests",
                "Roles",
            ],
        ),
        ACCOUNT,
    ],
    "platform": [
        ("Home", None),
        ("Questionnaires", None),
        ("Results", None),
        ("Competencies", ["Competency frameworks", "Course catalogue", "Curricula"]),
        PROGRAMME,
        ("Member directory", None),
        (
            "Management",
            [
                "Manage questionnaires",
                "Manage competency frameworks",
                "Course coverage report",
                "Role profiles",
                "Membership requests",
                "Roles",
                "Audit log",
                "Reference data",
            ],
        ),
        ACCOUNT,
    ],
}


def test_navigation_follows_sign_in(page: Any, live_server: Any, make_user: Any) -> None:
    page.goto(f"{live_server.url}/en/accounts/login/")
    assert page.locator("gcds-header [slot=account] a", has_text="Sign in").count() == 1
    assert menu(page) == []

    login(page, live_server, make_user("platform").email, PASSWORD, next="/en/accounts/logout/")
    assert menu(page) == MENUS["platform"]

    with page.expect_navigation():
        page.click("gcds-header [slot=account] button[type=submit]")
    assert page.locator("gcds-header [slot=account] a", has_text="Sign in").count() == 1
    assert menu(page) == []


@pytest.mark.parametrize("role", list(MENUS))
def test_menu_shows_each_role_its_sections(
    role: str, page: Any, live_server: Any, make_user: Any
) -> None:
    login(page, live_server, make_user(role).email, PASSWORD, next="/en/")
    assert menu(page) == MENUS[role]


def test_member_sees_no_admin_links(page: Any, live_server: Any, make_user: Any) -> None:
    member = make_user("member")
    login(page, live_server, member.email, PASSWORD, next="/en/accounts/logout/")
    labels = [t.strip() for t in page.locator("gcds-top-nav gcds-nav-link").all_inner_texts()]
    assert "Member directory" in labels
    assert "Roles" not in labels and "Audit log" not in labels
