"""`manage.py task_worker`: django-tasks-db's `db_worker`, made to survive.

The upstream worker dies on the first database error outside a task: claiming the next
task opens an exclusive transaction, and when another process holds SQLite's write lock
longer than the busy timeout, "database is locked" escapes its loop. Recording a task's
outcome can fail the same way after its three quick retries. With `--reload` (the default
under DEBUG) the loop runs in a thread, so the process stays up while nothing runs any more.

This worker restarts its loop after any such error (logged, after a pause) and keeps trying
to record a task's outcome until the database lets it, so a task never stays "running".
It takes the same options as `db_worker`.
"""

import logging
import os
import time
from typing import Any

from django.db import DatabaseError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("guild.tasks")


class ResilientWorker(db_worker.Worker):
    def __init__(self, *, restart_delay: float = 1.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.restart_delay = restart_delay

    def run(self) -> None:
        while True:
            try:
                return super().run()
            except Exception:
                if not self.running:
                    return None
                logger.exception(
                    "The task worker's loop failed; it starts again in %s s.", self.restart_delay
                )
                self._pause()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        try:
            super().run_task(db_task_result)
        except Exception as error:
            # The task ran (or failed), but its outcome could not be written.
            logger.exception("Recording the outcome of task %s failed.", db_task_result.id)
            self._record_failure(db_task_result, error)

    def _record_failure(self, db_task_result: DBTaskResult, error: Exception) -> None:
        while True:
            try:
                db_task_result.set_failed(error)
                return
            except DatabaseError:
                if not self.running:
                    raise
                self._pause()

    def _pause(self) -> None:
        # A fresh connection next time: the failed one may be mid-transaction.
        connections.close_all()
        time.sleep(self.restart_delay)


class Command(db_worker.Command):
    help = "Run the background task worker; it survives task failures and a locked database."

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        batch, reload = options["batch"], options["reload"]
        if reload and batch:
            reload = False
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise db_worker.CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=batch,
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
            restart_delay=max(options["interval"], 0.1),
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
