"""The suite's SQLite database is migrated once per set of migrations, not at every start.

The first pytest process (or xdist worker) that needs the in-memory test database migrates
it as Django always does, then saves a copy under var/test-db/, named by a hash of every
migration file, the installed apps and the Django and SQLite versions. Every other worker,
and every later run until a migration changes, restores that copy into its own in-memory
database with SQLite's backup API, which takes milliseconds where migrating takes seconds.
The data migrations' reference data comes along, as the fixtures in conftest.py expect.
`pytest --create-db` discards the copies."""

import fcntl
import hashlib
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Protocol, cast

import django
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader

TEMPLATE_DIR = Path(settings.BASE_DIR) / "var" / "test-db"


def migrations_key() -> str:
    """Changes whenever migrating a fresh database could give a different result."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    digest = hashlib.sha256(
        f"{django.__version__} {sqlite3.sqlite_version} {settings.INSTALLED_APPS}".encode()
    )
    for key in sorted(loader.disk_migrations):
        source = sys.modules[loader.disk_migrations[key].__module__].__file__
        digest.update(repr(key).encode())
        digest.update(Path(source or "").read_bytes())
    return digest.hexdigest()[:20]


def discard() -> None:
    for template in TEMPLATE_DIR.glob("sqlite-*.sqlite3"):
        template.unlink(missing_ok=True)


class _Creation(Protocol):
    """The parts of Django's SQLite DatabaseCreation used here (some are private)."""

    def _get_test_db_name(self) -> str: ...
    def is_in_memory_db(self, database_name: str) -> bool: ...
    def serialize_db_to_string(self) -> str: ...


def _restore(connection: BaseDatabaseWrapper, template: Path) -> str:
    """What create_test_db does, with a copy of the template in place of `migrate`."""
    name = cast(_Creation, connection.creation)._get_test_db_name()
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    connection.ensure_connection()
    with closing(sqlite3.connect(template)) as source:
        source.backup(connection.connection)
    call_command("createcachetable", database=connection.alias)
    return name


def _save(connection: BaseDatabaseWrapper, template: Path) -> None:
    for stale in TEMPLATE_DIR.glob("sqlite-*.sqlite3"):
        stale.unlink(missing_ok=True)
    partial = template.with_suffix(f".{os.getpid()}.partial")
    with closing(sqlite3.connect(partial)) as target:
        connection.connection.backup(target)
    partial.replace(template)


@contextmanager
def template_creation(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Within it, `connection.creation.create_test_db` (which pytest-django's setup calls)
    restores the template when there is one for the current migrations, and saves it when
    not. Only for an in-memory SQLite test database; any other keeps Django's own creation."""
    creation = cast(_Creation, connection.creation)
    if (
        connection.vendor != "sqlite"
        or not creation.is_in_memory_db(creation._get_test_db_name())
        or connection.settings_dict.get("TEST", {}).get("MIGRATE") is False
    ):
        yield
        return
    migrate = connection.creation.create_test_db

    def create_test_db(
        verbosity: int = 1, autoclobber: bool = False, serialize: bool = True, keepdb: bool = False
    ) -> str:
        TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
        template = TEMPLATE_DIR / f"sqlite-{migrations_key()}.sqlite3"
        # Workers that start together wait here while the first one migrates.
        with open(TEMPLATE_DIR / "lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if template.is_file():
                name = _restore(connection, template)
            else:
                name = migrate(
                    verbosity=verbosity, autoclobber=autoclobber, serialize=False, keepdb=keepdb
                )
                _save(connection, template)
        if serialize:
            # As Django's create_test_db does, for tests that ask for serialized_rollback.
            connection._test_serialized_contents = (  # type: ignore[attr-defined]
                creation.serialize_db_to_string()
            )
        return name

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(connection.creation, "create_test_db", create_test_db)
        yield
