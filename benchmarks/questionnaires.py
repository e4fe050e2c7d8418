"""Questionnaire work measured in-process: `python -m benchmarks.questionnaires --info F
--submitters S --submissions N`.

1. **Submissions through the service**: N people each submit their answers with
   `response_submit` (validation, participation, response and answer rows, audit), one
   after the other, each timed; then a replay of the first with the same idempotency key
   must return the first receipt and record nothing.
2. **Snapshot**: the results snapshot that publishes those N responses (`snapshot_take`:
   marking their rows and counting them into the answer tally), timed once.
3. **Statistics, cold**: every question of the questionnaire by department, with
   disclosure control, through the real statistics selector from a fresh database
   connection with the cache cleared; against DuckDB 1.4.4 computing the same
   frequencies (`GROUP BY question, item, choice, department` over the same published
   `Answer` rows) from the same database through its SQLite or PostgreSQL scanner, in the
   same run. Before timing, the raw counts of both must be equal, and equal to the counts
   grouped from the rows without the tally. DuckDB's time is the query alone, its
   extension loaded and the database attached beforehand (reported apart). The selector
   without the tally (grouping the answer rows, as before the tally) is timed too.
4. **Aggregate CSV export, cold**: the frequency export through the real job runner
   (`questionnaire_export_run`, fresh connection, cache cleared), against DuckDB writing
   the same frequencies to a CSV file (`COPY (…) TO`).

With `--submissions 0`, steps 1 and 2 are left out (a database already measured once).
Prints JSON.
"""

import argparse
import json
import os
import site
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH_TMP = Path(__file__).resolve().parent.parent / "var" / "bench"
DUCKDB_FREQUENCIES = (
    "SELECT question, item, choice, department, COUNT(*) AS n "
    "FROM src.questionnaires_answer WHERE questionnaire_id = ? AND snapshot > 0 "
    "GROUP BY question, item, choice, department"
)


def _extension(name: str) -> Path:
    import duckdb

    for root in site.getsitepackages():
        found = (
            Path(root)
            / "duckdb_ext"
            / "extensions"
            / f"v{duckdb.__version__}"
            / (f"linux_amd64/{name}.duckdb_extension")
        )
        if found.exists():
            return found
    raise SystemExit(f"DuckDB extension {name} not found (pip package duckdb-ext-*)")


def duckdb_attached() -> Any:
    """A DuckDB connection with the Django database attached read-only as `src`."""
    import duckdb
    from django.db import connection

    settings = connection.settings_dict
    con = duckdb.connect()
    if connection.vendor == "sqlite":
        con.execute(f"LOAD '{_extension('sqlite_scanner')}'")
        con.execute(f"ATTACH '{settings['NAME']}' AS src (TYPE sqlite, READ_ONLY)")
    else:
        con.execute(f"LOAD '{_extension('postgres_scanner')}'")
        parts = {
            "dbname": settings["NAME"],
            "host": settings.get("HOST") or "127.0.0.1",
            "port": settings.get("PORT") or "5432",
            "user": settings.get("USER") or "postgres",
        }
        if settings.get("PASSWORD"):
            parts["password"] = settings["PASSWORD"]
        dsn = " ".join(f"{key}={value}" for key, value in parts.items())
        con.execute(f"ATTACH '{dsn}' AS src (TYPE postgres, READ_ONLY)")
    return con


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def submissions(questionnaire_id: int, submitters: list[dict[str, Any]]) -> dict[str, Any]:
    from guild.accounts.models import User
    from guild.questionnaires.answering.services import response_submit
    from guild.questionnaires.models import Participation, Questionnaire, Response

    questionnaire = Questionnaire.objects.get(pk=questionnaire_id)
    users = User.objects.in_bulk([s["user_id"] for s in submitters])
    before = Response.objects.filter(questionnaire=questionnaire).count()
    latencies = []
    started = time.perf_counter()
    for submitter in submitters:
        began = time.perf_counter()
        receipt = response_submit(
            user=users[submitter["user_id"]],
            questionnaire=questionnaire,
            answers=submitter["answers"],
            idempotency_key=submitter["key"],
        )
        latencies.append((time.perf_counter() - began) * 1000)
        if receipt.replayed:
            raise SystemExit("a first submission came back as a replay")
    wall = time.perf_counter() - started
    first = submitters[0]
    replay = response_submit(
        user=users[first["user_id"]],
        questionnaire=questionnaire,
        answers=first["answers"],
        idempotency_key=first["key"],
    )
    after = Response.objects.filter(questionnaire=questionnaire).count()
    if not replay.replayed or after - before != len(submitters):
        raise SystemExit(f"idempotency: {after - before} responses for {len(submitters)}")
    if Participation.objects.filter(questionnaire=questionnaire).count() < len(submitters):
        raise SystemExit("a submission left no participation")
    return {
        "count": len(submitters),
        "wall_s": round(wall, 2),
        "per_s": round(len(submitters) / wall, 1),
        "p50_ms": round(_percentile(latencies, 50), 1),
        "p95_ms": round(_percentile(latencies, 95), 1),
    }


def _fresh() -> None:
    from django.core.cache import cache
    from django.db import connection

    cache.clear()
    connection.close()


class SqlTimer:
    """A connection.execute_wrapper adding up the time and number of queries."""

    def __init__(self) -> None:
        self.ms = 0.0
        self.queries = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.ms += (time.perf_counter() - started) * 1000
            self.queries += 1


def timed_runs(
    call: Callable[[], Any], repeat: int, fresh: bool, clear: bool = False
) -> dict[str, Any]:
    """Median wall time of `repeat` calls (each from a cold start when `fresh`, or with
    only the cache cleared when `clear`), with the time spent in SQL and the number of
    queries of the median run."""
    from django.core.cache import cache
    from django.db import connection

    runs = []
    for _ in range(repeat):
        if fresh:
            _fresh()
        elif clear:
            cache.clear()
        timer = SqlTimer()
        with connection.execute_wrapper(timer):
            started = time.perf_counter()
            call()
            elapsed = (time.perf_counter() - started) * 1000
        runs.append((elapsed, timer.ms, timer.queries))
    runs.sort()
    median = runs[len(runs) // 2]
    return {
        "ms": round(median[0], 1),
        "sql_ms": round(median[1], 1),
        "queries": median[2],
        "runs_ms": [round(run[0], 1) for run in runs],
    }


def publish(questionnaire_id: int) -> dict[str, Any]:
    """Take the results snapshot that publishes the submissions, timed."""
    from guild.questionnaires.models import AnswerTallyState, Questionnaire, SnapshotReason
    from guild.questionnaires.results.snapshots import snapshot_take

    questionnaire = Questionnaire.objects.get(pk=questionnaire_id)
    started = time.perf_counter()
    snapshot = snapshot_take(questionnaire=questionnaire, reason=SnapshotReason.SCHEDULED)
    elapsed = (time.perf_counter() - started) * 1000
    if snapshot is None:
        raise SystemExit("the snapshot after the submissions published nothing")
    state = AnswerTallyState.objects.get(questionnaire_id=questionnaire_id)
    return {
        "number": snapshot.number,
        "added": snapshot.added,
        "respondents": snapshot.respondents,
        "ms": round(elapsed, 1),
        "tally_responses": state.responses,
    }


def _by_department(questionnaire_id: int) -> tuple[Any, str]:
    from guild.questionnaires.definition.types import Breakdown
    from guild.questionnaires.models import Questionnaire
    from guild.questionnaires.results.statistics import results_definition

    questionnaire = Questionnaire.objects.get(pk=questionnaire_id)
    definition, _ = results_definition(questionnaire)
    return questionnaire, definition.breakdowns()[Breakdown.DEPARTMENT].code


def _cells(facts: list[Any]) -> Counter[tuple[str, str, str, str]]:
    found: Counter[tuple[str, str, str, str]] = Counter()
    for fact in facts:
        found[(fact.question, fact.item, fact.choice, fact.group)] += fact.rows
    return found


def frequencies(
    questionnaire_id: int, repeat: int, row_runs: int, con: Any, attach_ms: float
) -> dict[str, Any]:
    from guild.questionnaires.results.statistics import questionnaire_results
    from guild.questionnaires.results.statistics.counts import answer_facts, row_facts
    from guild.questionnaires.results.statistics.tally import tally_current

    questionnaire, by = _by_department(questionnaire_id)

    def selector() -> Any:
        return questionnaire_results(questionnaire, by=by)

    # Same raw counts first: the selector's own (from the tally), the rows', DuckDB's.
    tallied = tally_current(questionnaire_id)
    ours = _cells(answer_facts(questionnaire_id, group_by="department", bands={}))
    rows = _cells(row_facts(questionnaire_id, group_by="department", bands={}))
    theirs = Counter(
        {
            (q, item, choice, department): int(n)
            for q, item, choice, department, n in con.execute(
                DUCKDB_FREQUENCIES, [questionnaire_id]
            ).fetchall()
        }
    )
    if not (ours == rows == theirs):
        raise SystemExit(
            f"The selector's, the rows' and DuckDB's counts differ "
            f"({len(ours)}, {len(rows)} and {len(theirs)} cells)"
        )
    results = selector()

    ours_timed = timed_runs(selector, repeat, fresh=True)
    duck_timed = timed_runs(
        lambda: con.execute(DUCKDB_FREQUENCIES, [questionnaire_id]).fetchall(), repeat, False
    )
    row_timed = _without_tally(questionnaire_id, selector, row_runs)
    return {
        "questions": len(results.questions),
        "columns": len(results.columns),
        "cells": len(ours),
        "answer_rows": sum(ours.values()),
        "tally": tallied,
        "selector_ms": ours_timed["ms"],
        "selector_sql_ms": ours_timed["sql_ms"],
        "selector_queries": ours_timed["queries"],
        "selector_runs_ms": ours_timed["runs_ms"],
        "rows_ms": row_timed.get("ms"),
        "rows_sql_ms": row_timed.get("sql_ms"),
        "rows_runs_ms": row_timed.get("runs_ms", []),
        "duckdb_ms": duck_timed["ms"],
        "duckdb_runs_ms": duck_timed["runs_ms"],
        "duckdb_attach_ms": round(attach_ms, 1),
        "ratio": round(ours_timed["ms"] / duck_timed["ms"], 2),
        "counts_equal": True,
    }


def _without_tally(questionnaire_id: int, call: Callable[[], Any], runs: int) -> dict[str, Any]:
    """The selector timed as it was before the tally: grouping the answer rows (the
    tally's state is hidden for the runs, inside a transaction rolled back after)."""
    from django.db import connection, transaction

    from guild.questionnaires.models import AnswerTallyState

    if runs <= 0:
        return {}

    class Rollback(Exception):
        pass

    timed: dict[str, Any] = {}
    _fresh()
    try:
        with transaction.atomic():
            AnswerTallyState.objects.filter(questionnaire_id=questionnaire_id).delete()
            timed = timed_runs(call, runs, fresh=False, clear=True)
            raise Rollback
    except Rollback:
        pass
    connection.close()
    return timed


def aggregate_export(questionnaire_id: int, repeat: int, con: Any) -> dict[str, Any]:
    """The aggregate CSV export through the job runner, cold, against DuckDB writing the
    same frequencies to a CSV file."""
    from guild.accounts.models import User
    from guild.core.jobs import job_create
    from guild.core.models import Job
    from guild.questionnaires.exports.kinds import JOB_KIND
    from guild.questionnaires.exports.run import questionnaire_export_run

    owner = User.objects.filter(is_superuser=True).first() or User.objects.order_by("pk").first()
    sizes: list[int] = []

    def export() -> None:
        job = job_create(
            owner=owner,
            kind=JOB_KIND,
            params={
                "questionnaire_id": questionnaire_id,
                "kind": "aggregate",
                "format": "csv",
                "language": "en",
            },
        )
        questionnaire_export_run(job_id=str(job.id))
        job = Job.objects.get(pk=job.id)
        if job.status != "succeeded" or not job.result_file:
            raise SystemExit(f"the aggregate export ended {job.status}")
        sizes.append(job.result_file.size)
        job.result_file.delete(save=False)
        job.delete()

    ours = timed_runs(export, repeat, fresh=True)
    BENCH_TMP.mkdir(parents=True, exist_ok=True)
    target = BENCH_TMP / f"duckdb-frequencies-{os.getpid()}.csv"
    copy = f"COPY ({DUCKDB_FREQUENCIES}) TO '{target}' (HEADER, DELIMITER ',')"
    duck = timed_runs(lambda: con.execute(copy, [questionnaire_id]), repeat, False)
    duck_size = target.stat().st_size
    target.unlink()
    return {
        "export_ms": ours["ms"],
        "export_sql_ms": ours["sql_ms"],
        "export_queries": ours["queries"],
        "export_runs_ms": ours["runs_ms"],
        "export_bytes": sizes[-1],
        "duckdb_ms": duck["ms"],
        "duckdb_runs_ms": duck["runs_ms"],
        "duckdb_bytes": duck_size,
        "ratio": round(ours["ms"] / duck["ms"], 2),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--info", type=Path, required=True, help="the generators' JSON")
    parser.add_argument("--submitters", type=Path, required=True)
    parser.add_argument("--submissions", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--row-runs", type=int, default=1, help="cold runs of the selector without the tally"
    )
    args = parser.parse_args(argv)
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        sys.exit("Set DJANGO_SETTINGS_MODULE (and DATABASE_URL) first.")

    import django

    django.setup()
    info = json.loads(args.info.read_text())
    questionnaire_id = info["questionnaire"]["id"]
    submitters = json.loads(args.submitters.read_text())[: args.submissions]
    result: dict[str, Any] = {}
    if submitters:
        result["submissions"] = submissions(questionnaire_id, submitters)
        result["snapshot"] = publish(questionnaire_id)
    attach_started = time.perf_counter()
    con = duckdb_attached()
    attach_ms = (time.perf_counter() - attach_started) * 1000
    try:
        result["statistics"] = frequencies(
            questionnaire_id, args.repeat, args.row_runs, con, attach_ms
        )
        result["aggregate_export"] = aggregate_export(questionnaire_id, args.repeat, con)
    finally:
        con.close()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
