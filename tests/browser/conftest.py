"""Browser tests: a real Chromium driven by Playwright against pytest-django's live server.

Chromium comes from the system (/usr/bin/chromium, or the path in GUILD_CHROMIUM);
Playwright never downloads a browser here. Without Chromium the browser tests are
skipped, unless GUILD_REQUIRE_BROWSER is set (as in CI), where they fail instead.
The static files, static/vendor/ included (bin/vendor-assets), are served by the live
server through django.contrib.staticfiles."""

import os
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from guild.accounts.tests.factories import PASSWORD as FACTORY_PASSWORD
from guild.accounts.tests.factories import UserFactory
from guild.competencies.models import Competency
from guild.competencies.services import (
    assessment_self,
    assessment_supervise,
    framework_load_published,
    member_role_profile_set,
    role_profile_create,
)
from guild.demo.content import im_framework
from guild.members.services import member_create, membership_request_create
from guild.organizations.models import Community, OccupationalLevel, Region, WorkStream
from guild.questionnaires.answering.services import (
    response_save,
    response_start,
    response_submit,
)
from guild.questionnaires.models import RefreshPoint
from guild.questionnaires.tests.answering import ABOUT, COMPLETE, make_questionnaire
from guild.questionnaires.tests.results_data import sample_results_questionnaire
from tests.browser.browsing import open_page

# Playwright's sync API runs an event loop in the test thread, which makes Django's
# ORM refuse to run there ("SynchronousOnlyOperation") without this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = FACTORY_PASSWORD
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
HYDRATED = """() => {
    const header = document.querySelector('gcds-header');
    if (!header || !header.classList.contains('hydrated')) return false;
    return Array.from(document.querySelectorAll('*'))
        .filter((el) => el.tagName.startsWith('GCDS-'))
        .every((el) => el.classList.contains('hydrated'));
}"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (`make test`) every browser test goes to the same worker, which
    starts Chromium once, rather than one Chromium per core competing with the rest."""
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.xdist_group("browser"))


def _unavailable(reason: str) -> None:
    if os.environ.get("GUILD_REQUIRE_BROWSER"):
        pytest.fail(f"{reason} (GUILD_REQUIRE_BROWSER is set)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("GUILD_CHROMIUM", "/usr/bin/chromium")
    if not Path(path).is_file() or not os.access(path, os.X_OK):
        _unavailable(f"Chromium is not installed at {path}: apt-get install chromium")
    return path


@pytest.fixture(scope="session")
def vendor_dir() -> Path:
    """static/vendor/, which bin/vendor-assets fills (the pages need GCDS and htmx)."""
    vendor = Path(settings.BASE_DIR) / "static" / "vendor"
    for name in ("gcds/gcds.esm.js", "gcds/gcds.css", "htmx.min.js", "axe.min.js"):
        if not (vendor / name).is_file():
            _unavailable(f"{vendor / name} is missing: run bin/vendor-assets (or make assets)")
    return vendor


@pytest.fixture(scope="session")
def axe_source(vendor_dir: Path) -> str:
    return (vendor_dir / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser(chromium_path: str, vendor_dir: Path) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        _unavailable("Playwright for Python is not installed: pip install -e '.[dev]'")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser context and page. The Content Security Policy stays on: console
    errors about it, and uncaught page errors, are collected in `page.guild_problems`."""
    page = open_page(browser)
    yield page
    page.context.close()


def wait_for_components(page: Any) -> None:
    """Wait until every GC Design System component on the page has hydrated."""
    page.wait_for_function(HYDRATED)


def axe_violations(page: Any, axe_source: str) -> list[dict[str, Any]]:
    """Run axe-core's WCAG 2.0/2.1 A and AA rules on the page; returns the violations.
    axe is injected with page.evaluate (the CSP forbids inline <script> tags)."""
    wait_for_components(page)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return results.violations;
        }""",
        WCAG_TAGS,
    )


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {node['target']}: {node.get('failureSummary', '')}")
    return "\n".join(lines)


def login(page: Any, live_server: Any, email: str, password: str, next: str = "") -> None:
    """Sign in through the real allauth form, in English; lands on `next` if given."""
    url = f"{live_server.url}/en/accounts/login/"
    if next:
        url += f"?next={next}"
    page.goto(url)
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/accounts/login/" not in page.url, f"sign-in failed for {email}: still on {page.url}"


@pytest.fixture
def cast(cast: dict[str, Any]) -> dict[str, Any]:
    """The shared cast, plus what the competency pages show: the IM framework published,
    the member and the private member on a role profile, and the member's level on RIL-01
    self-assessed and validated. Adds `framework` and `competency` (RIL-01) for paths."""
    version = framework_load_published(
        community=Community.objects.get(code="im"),
        content=im_framework(),
        code="im-competencies",
    )
    profile = role_profile_create(
        actor=cast["admin"].user,
        community=version.framework.community,
        version=version,
        name_en="Records manager, IS-04",
        name_fr="Gestionnaire des documents, IS-04",
        work_stream=WorkStream.objects.get(community__code="im", code="records-management"),
        level=OccupationalLevel.objects.get(code="IS-04"),
        targets={"RIL-01": 3, "RIL-02": 4, "ACP-01": 2},
    )
    member = cast["member"]
    for key in ("member", "private"):
        member_role_profile_set(actor=cast["admin"].user, member=cast[key], profile=profile)
    ril01 = Competency.objects.get(version=version, code="RIL-01")
    assessment_self(actor=member.user, member=member, competency=ril01, level=2, evidence="Plan")
    assessment_supervise(
        actor=cast["supervisor"].user, member=member, competency=ril01, level=2, comment="Agreed"
    )
    # Questionnaires: the member is half-way through an anonymous one (section 1 saved);
    # the other member has answered an identified one (a receipt to show).
    survey = make_questionnaire(Community.objects.get(code="im"))
    response_start(user=member.user, questionnaire=survey)
    response_save(user=member.user, questionnaire=survey, answers=ABOUT, section=0)
    identified = make_questionnaire(
        Community.objects.get(code="im"), anonymous=False, slug="identified"
    )
    response_submit(
        user=cast["other"].user, questionnaire=identified, answers=COMPLETE, idempotency_key="k"
    )
    # Membership: someone outside the accepted domains waits for IM (admin, coordinator).
    applicant_user = UserFactory.create(email="applicant@example.test")
    applicant = member_create(
        actor=applicant_user,
        user=applicant_user,
        given_name="Avery",
        family_name="Applicant",
        work_email="applicant@example.test",
        department=cast["member"].department,
        region=Region.objects.get(code="ncr"),
    )
    membership_request_create(
        actor=applicant_user, member=applicant, community=Community.objects.get(code="im")
    )
    # Results: 26 responses, published, so some figures show and some are hidden.
    results = sample_results_questionnaire(
        Community.objects.get(code="im"), slug="results", results_published=True
    )
    RefreshPoint.objects.create(questionnaire=results, due_at=timezone.now() + timedelta(days=3))
    return {
        **cast,
        "framework": version.framework,
        "competency": ril01,
        "questionnaire": survey,
        "identified_questionnaire": identified,
        "results_questionnaire": results,
        # Paths take `.pk`; the public results page is addressed by its token.
        "results_token": SimpleNamespace(pk=results.results_token),
    }


@pytest.fixture
def make_user(cast: dict[str, Any]) -> Callable[[str], Any]:
    """make_user("coordinator") is that person of the shared cast (conftest.py): one
    account per role, each with a verified e-mail address and the factories' password."""

    def make(key: str) -> Any:
        person = cast[key]
        return getattr(person, "user", person)

    return make
