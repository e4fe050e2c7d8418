"""The performance suite: `python -m benchmarks.run --members 100000` (`make bench`).

For each database (a SQLite file under var/bench/, then PostgreSQL at
postgres://postgres@127.0.0.1:5432/guild_bench when it answers): migrate, generate
the members, start gunicorn with the production settings on a free loopback port,
warm up, then send a fixed number of requests to each target from concurrent client
threads and measure every request. Writes docs/benchmarks.md (at 100,000 members or
more; smaller runs write var/bench/benchmarks-<members>.md). A quick smoke run:
`python -m benchmarks.run --members 2000 --requests 200`.
"""

import argparse
import datetime as dt
import http.client
import json
import math
import os
import platform
import secrets
import socket
import sqlite3
import string
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.targets import TRIVIAL, Target, targets

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
HOST = "127.0.0.1"  # loopback only, for the server and every client
PG_ADMIN_URL = f"postgresql://postgres@{HOST}:5432/postgres"
PG_NAME = "guild_bench"
PG_URL = f"postgres://postgres@{HOST}:5432/{PG_NAME}"
P95_TARGET_MS = 50.0
RATIO_TARGET = 0.5


class BenchError(RuntimeError):
    pass


@dataclass
class Result:
    target: Target
    latencies_ms: list[float]
    wall_s: float
    statuses: dict[int, int]

    @property
    def count(self) -> int:
        return len(self.latencies_ms)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        rank = max(1, math.ceil(p / 100 * len(ordered)))  # nearest rank
        return ordered[rank - 1]

    @property
    def throughput(self) -> float:
        return self.count / self.wall_s


@dataclass
class DatabaseRun:
    name: str
    version: str = ""
    skipped: str = ""
    info: dict[str, Any] = field(default_factory=dict)
    load_before: str = ""
    migrate_s: float = 0.0
    generate_s: float = 0.0
    results: list[Result] = field(default_factory=list)
    diagnosis: dict[str, Any] = field(default_factory=dict)


# --- Processes ------------------------------------------------------------------------


def _secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(50))


def _env(database_url: str, secret_key: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=database_url,
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        DEBUG="0",
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.pop("REDIS_URL", None)  # the local-memory cache, as in a single-server install
    return env


def _run(args: list[str], env: dict[str, str], timeout: int = 1800) -> str:
    completed = subprocess.run(
        args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    if completed.returncode != 0:
        raise BenchError(
            f"{' '.join(args)} failed ({completed.returncode}):\n"
            f"{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}"
        )
    return completed.stdout


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _get(port: int, path: str, timeout: float = 5) -> int:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


class Gunicorn:
    """gunicorn with the production settings, on a free loopback port; always stopped."""

    def __init__(self, env: dict[str, str], workers: int, log: Path) -> None:
        self.env, self.workers, self.log = env, workers, log
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> "Gunicorn":
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "config.wsgi",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(self.workers),
                "--worker-class",
                "sync",
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
                "--log-level",
                "warning",
                "--error-logfile",
                str(self.log),
            ],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self, attempts: int = 150) -> None:
        for _ in range(attempts):
            if self.process is not None and self.process.poll() is not None:
                break
            try:
                if _get(self.port, "/healthz", timeout=1) == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchError(f"gunicorn did not start; see {self.log}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --- Load -----------------------------------------------------------------------------


def load(port: int, target: Target, total: int, concurrency: int) -> Result:
    """`total` GETs of `target` from `concurrency` threads, one connection each.
    Connections ask for keep-alive; gunicorn's sync workers close after each response,
    and http.client then reconnects, so each timed request includes a loopback connect."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    failures: list[str] = []
    lock = threading.Lock()
    issued = [0]

    def worker() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        mine: list[float] = []
        codes: dict[int, int] = {}
        try:
            while True:
                with lock:
                    if issued[0] >= total:
                        break
                    issued[0] += 1
                started = time.perf_counter()
                conn.request("GET", target.path, headers=target.headers)
                response = conn.getresponse()
                body = response.read()
                mine.append((time.perf_counter() - started) * 1000)
                codes[response.status] = codes.get(response.status, 0) + 1
                if response.status != 200 and len(failures) < 3:
                    failures.append(f"HTTP {response.status}: {body[:300]!r}")
        except Exception as error:  # recorded, then reported after the threads join
            failures.append(f"{type(error).__name__}: {error}")
        finally:
            conn.close()
            with lock:
                latencies.extend(mine)
                for code, n in codes.items():
                    statuses[code] = statuses.get(code, 0) + n

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=900)
    wall = time.perf_counter() - started
    result = Result(target, latencies, wall, statuses)
    if failures or result.count != total or set(statuses) != {200}:
        raise BenchError(
            f"{target.path}: {result.count}/{total} requests, statuses {statuses}; "
            + "; ".join(failures[:3])
        )
    return result


# --- Databases ------------------------------------------------------------------------


def _postgres_admin() -> Any:
    import psycopg

    return psycopg.connect(PG_ADMIN_URL, connect_timeout=3, autocommit=True)


def _postgres_version() -> str | None:
    try:
        with _postgres_admin() as conn:
            row = conn.execute("SHOW server_version").fetchone()
            return str(row[0]) if row else "?"
    except Exception:
        return None


def _postgres_reset(create: bool) -> None:
    with _postgres_admin() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
        if create:
            conn.execute(f"CREATE DATABASE {PG_NAME}")


def _sqlite_reset(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def bench_database(
    run: DatabaseRun, database_url: str, args: argparse.Namespace, secret_key: str
) -> None:
    env = _env(database_url, secret_key)
    python = sys.executable
    info_path = BENCH_DIR / f"bench-{run.name.lower()}.json"

    print(f"[{run.name}] migrate", flush=True)
    started = time.monotonic()
    _run([python, "manage.py", "migrate", "--noinput"], env)
    run.migrate_s = time.monotonic() - started

    print(f"[{run.name}] generate {args.members:,} members", flush=True)
    started = time.monotonic()
    generate_args = ["--members", str(args.members), "--seed", str(args.seed)]
    out = _run([python, "-m", "benchmarks.generate", *generate_args, "--out", str(info_path)], env)
    run.generate_s = time.monotonic() - started
    print(f"[{run.name}] {out.strip()}", flush=True)
    run.info = json.loads(info_path.read_text())

    run.load_before = " / ".join(f"{n:.2f}" for n in os.getloadavg())
    log = BENCH_DIR / f"gunicorn-{run.name.lower()}.log"
    log.unlink(missing_ok=True)
    with Gunicorn(env, args.workers, log) as server:
        for target in targets(run.info):
            load(server.port, target, args.warmup, args.concurrency)
        for target in targets(run.info):
            result = load(server.port, target, args.requests, args.concurrency)
            run.results.append(result)
            print(
                f"[{run.name}] {target.name:10} p50 {result.percentile(50):7.1f} ms  "
                f"p95 {result.percentile(95):7.1f} ms  {result.throughput:8.1f} req/s",
                flush=True,
            )

    print(f"[{run.name}] diagnose (in-process, with query plans)", flush=True)
    out = _run(
        [python, "-m", "benchmarks.diagnose", "--info", str(info_path), "--repeat", "30"], env
    )
    run.diagnosis = json.loads(out)


# --- Report ---------------------------------------------------------------------------


def _machine() -> dict[str, str]:
    cpu, ram = platform.processor() or "?", "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    import django
    import gunicorn

    return {
        "CPU": cpu,
        "Cores (logical)": str(os.cpu_count()),
        "Memory": ram,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "SQLite": sqlite3.sqlite_version,
    }


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def report(runs: list[DatabaseRun], args: argparse.Namespace, machine: dict[str, str]) -> str:
    today = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    command = (
        "make bench"
        if args.members == 100_000 and args.requests == 2000
        else f"python -m benchmarks.run --members {args.members} --requests {args.requests}"
    )
    lines = [
        "# Benchmarks",
        "",
        f"Measured {today} with `{command}` "
        f"(`.venv/bin/python -m benchmarks.run --members {args.members}"
        f"{'' if args.requests == 2000 else f' --requests {args.requests}'}`). "
        "This file is written by that command; rerun it rather than editing.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {key} | {value} |" for key, value in machine.items()],
        "",
        "## Method",
        "",
        f"- **Data**: {args.members:,} members generated by `benchmarks.generate` (seed "
        f"{args.seed}; bulk inserts, no audit rows), across the demo's departments, regions "
        "and levels, with supervisor chains and community and work-stream links. On "
        "PostgreSQL the load is followed by `VACUUM ANALYZE`, the state autovacuum reaches "
        "soon after; SQLite is left without statistics, as a deployed file would be.",
        "- **Reader**: an ordinary member (no role, no reports) signed in by session cookie "
        "for the page and by personal access token for the API, so the visibility rules "
        "(consenting members, plus their own profile) are applied inside every query.",
        "- **Server**: gunicorn, "
        f"{args.workers} sync workers, `config.settings.production` (DEBUG off, "
        "SECURE_SSL_REDIRECT=0 for plain HTTP on loopback, a random 50-character "
        "SECRET_KEY), on 127.0.0.1.",
        f"- **Client**: {args.concurrency} threads in one Python process, each with its own "
        "`http.client` connection (keep-alive is asked for, but sync workers close after "
        "each response, so each request includes a loopback TCP connect); "
        f"{args.warmup} warm-up requests per target, then {args.requests:,} timed requests "
        "per target, every one checked for HTTP 200. The client and the server share the "
        "machine's cores.",
        "- **Targets**: p95 latency < "
        f"{P95_TARGET_MS:.0f} ms, and throughput at least {RATIO_TARGET} times the trivial view's.",
        "",
    ]
    for run in runs:
        title = run.name + (f" {run.version}" if run.version else "")
        lines += [f"## {title}", ""]
        if run.skipped:
            lines += [f"Skipped: {run.skipped}", ""]
            continue
        info = run.info
        lines += [
            f"{info['members']:,} members; the listed department ({info['department_code']}) "
            f"has {info['department_members']:,}, of whom {info['department_visible']:,} "
            f"are visible to the reader. Migrate {run.migrate_s:.1f} s, generate "
            f"{run.generate_s:.1f} s. Load average (1/5/15 min) as the load began: "
            f"{run.load_before}.",
            "",
            "| Target | p50 ms | p95 ms | req/s | ratio to trivial | p95 < 50 ms | ratio ≥ 0.5 |",
            "|---|---:|---:|---:|---:|:-:|:-:|",
        ]
        trivial = next(r for r in run.results if r.target.name == TRIVIAL)
        for result in run.results:
            ratio = result.throughput / trivial.throughput
            p95 = result.percentile(95)
            lines.append(
                f"| {result.target.label} | {result.percentile(50):.1f} | {p95:.1f} | "
                f"{result.throughput:.0f} | {ratio:.2f} | {_met(p95 < P95_TARGET_MS)} | "
                f"{'—' if result is trivial else _met(ratio >= RATIO_TARGET)} |"
            )
        lines += [
            "",
            "Where the time goes, per request, measured in-process (Django test client, "
            "same settings and database, no HTTP; median of 30):",
            "",
            "| Target | SQL queries | time in SQL ms | total ms |",
            "|---|---:|---:|---:|",
        ]
        for diag in run.diagnosis.values():
            lines.append(
                f"| {diag['label']} | {diag['queries']:g} | {diag['sql_ms']:.2f} | "
                f"{diag['total_ms']:.2f} |"
            )
        lines += [""]
        for name in ("directory", "api"):
            diag = run.diagnosis.get(name)
            if not diag:
                continue
            lines += [f"Slowest queries of the {name} request, with their plans:", ""]
            for query in diag["slowest"][:2]:
                lines += [
                    f"- {query['ms']:.2f} ms: `{_shorten(query['sql'])}`",
                    "",
                    "  ```",
                    *[f"  {line}" for line in (query["plan"] or "(not a SELECT)").splitlines()],
                    "  ```",
                    "",
                ]
    return "\n".join(lines).rstrip() + "\n"


def _shorten(sql: str, limit: int = 300) -> str:
    sql = " ".join(sql.split()).replace('"', "")
    select, sep, rest = sql.partition(" FROM ")
    if sep and len(select) > 60:
        sql = "SELECT … FROM " + rest
    return sql if len(sql) <= limit else sql[: limit - 1] + "…"


# --- Main -----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000, help="timed requests per target")
    parser.add_argument("--warmup", type=int, default=200, help="untimed requests per target")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--databases", default="sqlite,postgresql", help="comma-separated: sqlite,postgresql"
    )
    parser.add_argument("--output", type=Path, help="default: docs/benchmarks.md at 100k+")
    parser.add_argument(
        "--keep", action="store_true", help=f"keep the {PG_NAME} PostgreSQL database"
    )
    args = parser.parse_args(argv)
    output = args.output or (
        ROOT / "docs" / "benchmarks.md"
        if args.members >= 100_000
        else BENCH_DIR / f"benchmarks-{args.members}.md"
    )
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    secret_key = _secret_key()
    machine = _machine()

    print("collectstatic (the pages name their hashed static files)", flush=True)
    _run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        _env(f"sqlite:///{BENCH_DIR / 'unused.sqlite3'}", secret_key),
    )

    runs: list[DatabaseRun] = []
    wanted = {name.strip().lower() for name in args.databases.split(",")}
    if "sqlite" in wanted:
        run = DatabaseRun("SQLite", sqlite3.sqlite_version)
        runs.append(run)
        path = BENCH_DIR / "guild-bench.sqlite3"
        _sqlite_reset(path)
        bench_database(run, f"sqlite:///{path}", args, secret_key)
    if "postgresql" in wanted:
        version = _postgres_version()
        run = DatabaseRun("PostgreSQL", version or "")
        runs.append(run)
        if version is None:
            run.skipped = f"nothing answered at {HOST}:5432 as user postgres."
            print(f"[PostgreSQL] skipped: {run.skipped}", flush=True)
        else:
            machine["PostgreSQL"] = version
            _postgres_reset(create=True)
            try:
                bench_database(run, PG_URL, args, secret_key)
            finally:
                if not args.keep:
                    _postgres_reset(create=False)

    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report(runs, args, machine))
    print(f"Wrote {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")


if __name__ == "__main__":
    main()
