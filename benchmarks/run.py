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
import json
import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

from benchmarks.databases import PG_NAME, PG_URL, postgres_reset, postgres_version, sqlite_reset
from benchmarks.figures import BENCH_DIR, HOST, ROOT, BenchError, DatabaseRun
from benchmarks.http_load import Request, drive, load, submission_requests
from benchmarks.processes import (
    Gunicorn,
    new_issuer_key,
    new_secret_key,
    run_command,
    server_env,
)
from benchmarks.report import machine_facts, report
from benchmarks.report_certification import certification_report
from benchmarks.report_programmes import programmes_report
from benchmarks.report_questionnaires import statistics_report
from benchmarks.run_programmes import bench_programmes
from benchmarks.targets import VERIFY_CONCURRENCY, Target, targets, verify_paths, verify_target


def _tag(args: argparse.Namespace) -> str:
    """A certification-only or programmes-only run keeps its own files, leaving a full
    run's database alone."""
    return f"{args.only}-" if args.only in ("certification", "programmes") else ""


def bench_database(
    run: DatabaseRun, database_url: str, args: argparse.Namespace, secret_key: str
) -> None:
    env = server_env(database_url, secret_key)
    python = sys.executable
    info_path = BENCH_DIR / f"bench-{_tag(args)}{run.name.lower()}.json"
    submitters_path = BENCH_DIR / f"submitters-{run.name.lower()}.json"

    print(f"[{run.name}] migrate", flush=True)
    started = time.monotonic()
    run_command([python, "manage.py", "migrate", "--noinput"], env)
    run.migrate_s = time.monotonic() - started
    if args.only == "programmes":
        bench_programmes(run, args, env)
        return

    print(f"[{run.name}] generate {args.members:,} members", flush=True)
    started = time.monotonic()
    generate_args = ["--members", str(args.members), "--seed", str(args.seed)]
    out = run_command(
        [python, "-m", "benchmarks.generate", *generate_args, "--out", str(info_path)], env
    )
    run.generate_s = time.monotonic() - started
    print(f"[{run.name}] {out.strip()}", flush=True)

    certification_only = args.only == "certification"
    if not certification_only:
        _generate_questionnaires(run, args, env, info_path, submitters_path)
    if args.only != "statistics":
        for what, module, seconds in (
            ("competency assessments", "competencies", "competency_generate_s"),
            ("course completions and certificates", "learning", "learning_generate_s"),
        ):
            print(f"[{run.name}] generate {what}", flush=True)
            started = time.monotonic()
            command = [python, "-m", f"benchmarks.generate_{module}", "--info", str(info_path)]
            out = run_command([*command, "--seed", str(args.seed)], env, timeout=3600)
            setattr(run, seconds, time.monotonic() - started)
            print(f"[{run.name}] {out.strip()}", flush=True)
    run.info = json.loads(info_path.read_text())
    if certification_only:
        _certification(run, args, env, info_path)
        return
    _questionnaires_and_more(run, args, env, info_path, submitters_path)
    if args.only is None:
        bench_programmes(run, args, env)


def _generate_questionnaires(
    run: DatabaseRun, args: argparse.Namespace, env: dict[str, str], info: Path, people: Path
) -> None:
    print(f"[{run.name}] generate {args.respondents:,} questionnaire responses", flush=True)
    started = time.monotonic()
    out = run_command(
        [
            sys.executable,
            "-m",
            "benchmarks.generate_questionnaires",
            "--info",
            str(info),
            "--respondents",
            str(args.respondents),
            "--submitters",
            str(args.submissions * 2 + args.warmup),
            "--submitters-out",
            str(people),
            "--seed",
            str(args.seed),
        ],
        env,
        timeout=3600,
    )
    run.questionnaire_generate_s = time.monotonic() - started
    print(f"[{run.name}] {out.strip()}", flush=True)


def _certification(
    run: DatabaseRun, args: argparse.Namespace, env: dict[str, str], info_path: Path
) -> None:
    """Issue 12: every member's progress against the raw query (in-process), then the
    public verification page under `VERIFY_CONCURRENCY` clients (its own server)."""
    print(f"[{run.name}] certification in-process: every member vs one raw SQL query", flush=True)
    load = " / ".join(f"{n:.2f}" for n in os.getloadavg())
    command = [sys.executable, "-m", "benchmarks.certification", "--info", str(info_path)]
    run.certification = json.loads(run_command(command, env, timeout=3600))
    run.certification["load_before"] = load
    print(
        f"[{run.name}] certification {run.certification['application_ms']:.0f} ms for "
        f"{run.certification['members']:,} members (raw query "
        f"{run.certification['sql_ms']:.0f} ms)",
        flush=True,
    )
    target = verify_target(run.info)
    if target is None:
        return
    run.certification["load_verify"] = " / ".join(f"{n:.2f}" for n in os.getloadavg())
    log = BENCH_DIR / f"gunicorn-verify-{run.name.lower()}.log"
    log.unlink(missing_ok=True)
    passes = [(0, args.warmup, VERIFY_CONCURRENCY), (args.warmup, args.requests, 1)]
    # Warm-up, one client alone (the page's own time), then the timed load.
    with Gunicorn(env, args.workers, log) as server:
        for offset, total, clients in [*passes, (args.warmup, args.requests, VERIFY_CONCURRENCY)]:
            requests = [Request("GET", path, {}) for path in verify_paths(run.info, total, offset)]
            result = drive(server.port, target, requests, clients, {200})
            if clients == 1:
                alone = [round(result.percentile(p), 2) for p in (50, 95)]
                run.certification["verify_one_client"] = [*alone, round(result.throughput, 1)]
    run.results.append(result)
    print(f"[{run.name}] verify p50 {result.percentile(50):.1f} ms p95 {result.percentile(95):.1f}")


def _questionnaires_and_more(
    run: DatabaseRun, args: argparse.Namespace, env: dict[str, str], info: Path, people: Path
) -> None:
    python, info_path, submitters_path = sys.executable, info, people
    submitters = json.loads(submitters_path.read_text())
    # The service path and the HTTP path each submit for their own people.
    # The first --submissions are benchmarks.questionnaires' own.
    warm = submitters[args.submissions : args.submissions + args.warmup]
    over_http = submitters[args.submissions + args.warmup :]

    print(f"[{run.name}] questionnaires in-process: submissions, statistics vs DuckDB", flush=True)
    out = run_command(
        [
            python,
            "-m",
            "benchmarks.questionnaires",
            "--info",
            str(info_path),
            "--submitters",
            str(submitters_path),
            "--submissions",
            str(args.submissions),
        ],
        env,
        timeout=3600,
    )
    run.questionnaires = json.loads(out)
    if args.only == "statistics":
        return
    print(f"[{run.name}] competencies in-process: selectors vs one raw SQL query", flush=True)
    out = run_command(
        [python, "-m", "benchmarks.competencies", "--info", str(info_path)], env, timeout=3600
    )
    run.competencies = json.loads(out)
    run.load_before = " / ".join(f"{n:.2f}" for n in os.getloadavg())
    _certification(run, args, env, info_path)

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
        submit = Target(
            "submit",
            f"Submit a response `POST {run.info['questionnaire']['submit_path']}` "
            "(bearer token, Idempotency-Key)",
            run.info["questionnaire"]["submit_path"],
            section="questionnaires",
        )
        drive(
            server.port, submit, submission_requests(run.info, warm), args.concurrency, {200, 201}
        )
        run.submissions = drive(
            server.port,
            submit,
            submission_requests(run.info, over_http),
            args.concurrency,
            {200, 201},
        )
        print(
            f"[{run.name}] submit     p50 {run.submissions.percentile(50):7.1f} ms  "
            f"p95 {run.submissions.percentile(95):7.1f} ms  "
            f"{run.submissions.throughput:8.1f} req/s",
            flush=True,
        )

    print(f"[{run.name}] exports: CSV, XLSX, SPSS of every response", flush=True)
    from benchmarks.questionnaire_exports import measure_exports

    try:
        figures = measure_exports(questionnaire_id=run.info["questionnaire"]["id"], env=env)
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        raise BenchError(str(error)) from error
    run.exports = {"figures": [asdict(figure) for figure in figures]}

    print(f"[{run.name}] diagnose (in-process, with query plans)", flush=True)
    out = run_command(
        [python, "-m", "benchmarks.diagnose", "--info", str(info_path), "--repeat", "30"], env
    )
    run.diagnosis = json.loads(out)


# --- Main -----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000, help="timed requests per target")
    parser.add_argument("--warmup", type=int, default=200, help="untimed requests per target")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--respondents", type=int, help="questionnaire responses generated (default: --members)"
    )
    parser.add_argument(
        "--submissions",
        type=int,
        help="responses submitted through the service, and again over HTTP (default: --requests)",
    )
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--databases", default="sqlite,postgresql", help="comma-separated: sqlite,postgresql"
    )
    parser.add_argument(
        "--only",
        choices=["statistics", "certification", "programmes"],
        help="statistics: only the questionnaire's submissions, snapshot, statistics and "
        "aggregate export against DuckDB (var/bench/statistics-<members>.md); "
        "certification: only every member's certification progress against a raw SQL "
        "query and the verification page (its section of docs/benchmarks.md at 100k+, "
        "the rest kept; var/bench/certification-<members>.md below); programmes: only "
        "the selection optimiser and the success measures (their section, the same way)",
    )
    parser.add_argument("--output", type=Path, help="default: docs/benchmarks.md at 100k+")
    parser.add_argument(
        "--keep", action="store_true", help=f"keep the {PG_NAME} PostgreSQL database"
    )
    args = parser.parse_args(argv)
    args.respondents = args.respondents or args.members
    args.submissions = args.submissions or args.requests
    output = args.output or (
        BENCH_DIR / f"{args.only}-{args.members}.md"
        if args.only and (args.only == "statistics" or args.members < 100_000)
        else ROOT / "docs" / "benchmarks.md"
        if args.members >= 100_000
        else BENCH_DIR / f"benchmarks-{args.members}.md"
    )
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    secret_key = new_secret_key()
    os.environ.setdefault("GUILD_ISSUER_KEY", new_issuer_key())  # passed on by server_env
    machine = machine_facts()

    print("collectstatic (the pages name their hashed static files)", flush=True)
    run_command(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        server_env(f"sqlite:///{BENCH_DIR / 'unused.sqlite3'}", secret_key),
    )

    runs: list[DatabaseRun] = []
    wanted = {name.strip().lower() for name in args.databases.split(",")}
    if "sqlite" in wanted:
        run = DatabaseRun("SQLite", sqlite3.sqlite_version)
        runs.append(run)
        path = BENCH_DIR / f"{_tag(args)}guild-bench.sqlite3"
        sqlite_reset(path)
        bench_database(run, f"sqlite:///{path}", args, secret_key)
    if "postgresql" in wanted:
        version = postgres_version()
        run = DatabaseRun("PostgreSQL", version or "")
        runs.append(run)
        if version is None:
            run.skipped = f"nothing answered at {HOST}:5432 as user postgres."
            print(f"[PostgreSQL] skipped: {run.skipped}", flush=True)
        else:
            machine["PostgreSQL"] = version
            postgres_reset(create=True)
            try:
                bench_database(run, PG_URL, args, secret_key)
            finally:
                if not args.keep:
                    postgres_reset(create=False)

    output.parent.mkdir(parents=True, exist_ok=True)
    # The test suite's section is measured by hand (issue 9): a rerun keeps it.
    previous = output.read_text() if output.is_file() else ""
    suite = previous[previous.find("\n## Test suite") :] if "\n## Test suite" in previous else ""
    if args.only == "certification":  # its own section; the rest of the file is kept
        output.write_text(certification_report(previous, runs, args, machine))
    elif args.only == "programmes":
        output.write_text(programmes_report(previous, runs, args, machine))
    else:
        output.write_text(
            (statistics_report(runs, args, machine) if args.only else report(runs, args, machine))
            + suite
        )
    print(f"Wrote {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")


if __name__ == "__main__":
    main()
