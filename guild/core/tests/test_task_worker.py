"""The background worker survives a failing task and a database that stays locked longer
than its busy timeout (the upstream `db_worker` loop died on both and ran nothing more)."""

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import override_settings
from django_tasks import task
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from guild.core.management.commands.task_worker import ResilientWorker

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@task()
def explode() -> None:
    raise RuntimeError("a task that fails")


@task()
def answer() -> int:
    return 42


def _worker(cls: type[db_worker.Worker]) -> Any:
    options: dict[str, Any] = {
        "queue_names": ["default"],
        "interval": 0,
        "batch": True,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": "test-worker",
        "excluded_queue_names": [],
    }
    if cls is ResilientWorker:
        options["restart_delay"] = 0
    return cls(**options)


@contextlib.contextmanager
def locked_for(claims: int) -> Iterator[None]:
    """The database is locked (past the busy timeout) for the worker's next `claims` tries
    to open its exclusive claiming transaction, as when a web process holds the write lock."""
    real = db_worker.exclusive_transaction
    left = [claims]

    @contextlib.contextmanager
    def exclusive(using: str | None = None) -> Iterator[None]:
        if left[0] > 0:
            left[0] -= 1
            raise OperationalError("database is locked")
        with real(using):
            yield

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(db_worker, "exclusive_transaction", exclusive)
        yield


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_the_upstream_worker_dies_on_a_locked_database() -> None:
    answer.enqueue()
    with locked_for(1), pytest.raises(OperationalError):
        _worker(db_worker.Worker).run()
    assert DBTaskResult.objects.get().status == "READY"  # and nothing runs it any more


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_the_worker_survives_a_locked_database_and_a_failing_task() -> None:
    failing, working = explode.enqueue(), answer.enqueue()

    with locked_for(3):
        _worker(ResilientWorker).run()

    results = {str(r.id): r for r in DBTaskResult.objects.all()}
    assert results[failing.id].status == "FAILED"
    assert results[failing.id].exception_class_path == "builtins.RuntimeError"
    assert (results[working.id].status, results[working.id].return_value) == ("SUCCESSFUL", 42)


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_an_outcome_that_cannot_be_written_at_first_is_written_later(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = answer.enqueue()
    real_save = DBTaskResult.save
    refusals = [7]  # more than set_successful's three tries and set_failed's three

    def save(self: DBTaskResult, *args: Any, **kwargs: Any) -> None:
        if "finished_at" in (kwargs.get("update_fields") or ()) and refusals[0] > 0:
            refusals[0] -= 1
            raise OperationalError("database is locked")
        real_save(self, *args, **kwargs)

    monkeypatch.setattr(DBTaskResult, "save", save)
    monkeypatch.setattr("django_tasks_db.utils.time.sleep", lambda _s: None)

    _worker(ResilientWorker).run()

    stored = DBTaskResult.objects.get(id=result.id)
    assert stored.status == "FAILED"  # never left "running"
    assert stored.exception_class_path == "django.db.utils.OperationalError"


@pytest.mark.django_db(transaction=True)
def test_sqlite_waits_for_a_lock_instead_of_failing_at_once() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
