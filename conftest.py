"""Fixtures shared by every test: the reference data comes from the migrations."""

import importlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from guild.accounts.models import Role, RoleAssignment, User
from guild.accounts.tests.factories import PASSWORD, UserFactory
from guild.members.models import Member
from guild.members.tests.factories import MemberFactory
from guild.organizations.models import Community, Department
from guild.organizations.selectors import reference_choices_clear
from tests import sqlite_template

# Property tests check what is true, not how fast one example runs: on a loaded 2-core CI
# machine a 200 ms per-example deadline fails correct code (seen on PostgreSQL).
hypothesis_settings.register_profile("guild", deadline=None)
hypothesis_settings.load_profile("guild")

REFERENCE_DATA = importlib.import_module("guild.organizations.migrations.0002_reference_data")
COMMUNITY_DOMAINS = importlib.import_module("guild.organizations.migrations.0004_im_email_domains")


def pytest_configure(config: pytest.Config) -> None:
    # The controller discards the saved database before xdist's workers start.
    if config.getoption("create_db", False) and not hasattr(config, "workerinput"):
        sqlite_template.discard()


# Minutes where every other test takes seconds: started first, so that under pytest-xdist
# the other workers share out the rest meanwhile instead of waiting for it at the end.
SLOWEST = ("tests/test_lp_audit.py::",)


def _transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # After pytest-django's order (database tests, then transactional ones, then the rest):
    # a transactional test empties the tables, so it never moves ahead of the others.
    first = [item for item in items if item.nodeid.startswith(SLOWEST) and not _transactional(item)]
    items[:] = first + [item for item in items if item not in first]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None, django_db_use_migrations: bool
) -> Iterator[None]:
    """pytest-django's hook before it creates the test databases: SQLite's is restored from
    a copy migrated once (tests/sqlite_template.py) instead of migrated at every start."""
    if not django_db_use_migrations:
        yield
        return
    with sqlite_template.template_creation(connections[DEFAULT_DB_ALIAS]):
        yield


@pytest.fixture(autouse=True)
def _english_until_asked() -> Iterator[None]:
    """A request in French leaves French active in the thread (LocaleMiddleware does not
    reset it); the next test must not inherit it."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Cached counts and lists must not leak from one test's data into another's."""
    cache.clear()
    reference_choices_clear()


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request: pytest.FixtureRequest) -> None:
    """Transactional tests (browser runs) end with a flush that empties every table,
    the migrations' reference data included; put it back before each of them."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        if not Community.objects.exists():
            REFERENCE_DATA.load_reference_data(django_apps, None)
            COMMUNITY_DOMAINS.load_community_email_domains(django_apps, None)
            reference_choices_clear()


@pytest.fixture
def im(db: Any) -> Community:
    return Community.objects.get(code="im")


@pytest.fixture
def it_community(db: Any) -> Community:
    return Community.objects.get(code="it")


@pytest.fixture
def esdc(db: Any) -> Department:
    return Department.objects.get(code="esdc")


@pytest.fixture
def cra(db: Any) -> Department:
    return Department.objects.get(code="cra")


@pytest.fixture
def make_member(db: Any) -> Callable[..., Member]:
    def make(*, account: bool = True, **fields: Any) -> Member:
        if account and "user" not in fields:
            fields["user"] = UserFactory.create()
        if fields.get("user") and "work_email" not in fields:
            fields["work_email"] = fields["user"].email
        return MemberFactory.create(**fields)

    return make


@pytest.fixture
def grant(db: Any) -> Callable[..., RoleAssignment]:
    def grant(
        user: User,
        role: str,
        community: Community | None = None,
        department: Department | None = None,
    ) -> RoleAssignment:
        return RoleAssignment.objects.create(
            user=user, role=role, community=community, department=department
        )

    return grant


@pytest.fixture
def login() -> Callable[[User], Client]:
    def login(user: User) -> Client:
        client = Client()
        assert client.login(email=user.email, password=PASSWORD)
        return client

    return login


@pytest.fixture
def cast(
    make_member: Callable[..., Member],
    grant: Callable[..., RoleAssignment],
    im: Community,
    esdc: Department,
    cra: Department,
) -> dict[str, Any]:
    """One person per role, in ESDC (own department) with CRA as the other department."""
    supervisor = make_member(department=esdc, given_name="Sam", family_name="Supervisor")
    member = make_member(
        department=esdc, given_name="Mia", family_name="Member", supervisor=supervisor
    )
    private = make_member(
        department=esdc,
        given_name="Pat",
        family_name="Private",
        consent_directory=False,
        supervisor=supervisor,
    )
    other = make_member(department=cra, given_name="Olu", family_name="Other")
    other_private = make_member(
        department=cra, given_name="Ora", family_name="Hidden", consent_directory=False
    )
    coordinator = make_member(department=esdc, given_name="Coco", family_name="Coordinator")
    grant(coordinator.user, Role.DEPARTMENT_COORDINATOR, im, esdc)
    admin = make_member(department=esdc, given_name="Ada", family_name="Admin")
    grant(admin.user, Role.PROGRAMME_ADMINISTRATOR, im)
    committee = make_member(department=cra, given_name="Cam", family_name="Committee")
    grant(committee.user, Role.COMMITTEE_MEMBER, im)
    platform_user = UserFactory.create(email="platform@example.gc.ca")
    grant(platform_user, Role.PLATFORM_ADMINISTRATOR)
    return {
        "supervisor": supervisor,
        "member": member,
        "private": private,
        "other": other,
        "other_private": other_private,
        "coordinator": coordinator,
        "admin": admin,
        "committee": committee,
        "platform": platform_user,
    }
