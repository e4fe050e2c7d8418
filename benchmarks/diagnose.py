"""Where a benchmarked request spends its time: `python -m benchmarks.diagnose --info F`.

Runs each target in-process (Django's test client, no HTTP server), with the same
settings and database as the load run, and reports per request: the number of SQL
queries, time in SQL, total time, and for the slowest queries their plan (EXPLAIN
QUERY PLAN on SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL). Prints JSON.
"""

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from benchmarks.targets import targets


def _plan(sql: str, params: Any) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        rows = cursor.fetchall()
    depth: dict[int, int] = {0: -1}
    lines = []
    for node, parent, _, detail in rows:
        depth[node] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node] + detail)
    return "\n".join(lines)


class _Recorder:
    """A connection.execute_wrapper that times every query."""

    def __init__(self) -> None:
        self.by_sql: dict[str, list[float]] = defaultdict(list)
        self.params: dict[str, Any] = {}
        self.request: list[float] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            self.by_sql[sql].append(elapsed)
            self.params.setdefault(sql, params)
            self.request.append(elapsed)


def profile(info: dict[str, Any], repeat: int, warmup: int = 3) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[info["session_cookie"]] = info["session_key"]
    results: dict[str, Any] = {}
    for target in targets(info):
        headers = {k: v for k, v in target.headers.items() if k.lower() != "cookie"}
        # Each target's own session (the reader's, or the committee member's).
        cookie = target.headers.get("Cookie", "")
        _name, _, value = cookie.partition("=")
        client.cookies[info["session_cookie"]] = value if value else info["session_key"]
        for _ in range(warmup):
            client.get(target.path, headers=headers)
        recorder = _Recorder()
        totals, sql_totals, counts = [], [], []
        for _ in range(repeat):
            recorder.request = []
            started = time.perf_counter()
            with connection.execute_wrapper(recorder):
                response = client.get(target.path, headers=headers)
            totals.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{target.name}: HTTP {response.status_code}")
            sql_totals.append(sum(recorder.request))
            counts.append(len(recorder.request))
        timed = recorder.by_sql
        slowest = sorted(timed, key=lambda sql: -statistics.median(timed[sql]))[:3]
        results[target.name] = {
            "label": target.label,
            "requests": repeat,
            "queries": statistics.median(counts),
            "sql_ms": round(statistics.median(sql_totals), 2),
            "total_ms": round(statistics.median(totals), 2),
            "slowest": [
                {
                    "sql": sql,
                    "ms": round(statistics.median(timed[sql]), 2),
                    "plan": _plan(sql, recorder.params[sql])
                    if sql.lstrip().upper().startswith("SELECT")
                    else "",
                }
                for sql in slowest
            ],
        }
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--info", type=Path, required=True, help="the generator's JSON")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        sys.exit("Set DJANGO_SETTINGS_MODULE (and DATABASE_URL) first.")

    import django

    django.setup()
    info = json.loads(args.info.read_text())
    print(json.dumps(profile(info, args.repeat), indent=2))


if __name__ == "__main__":
    main()
