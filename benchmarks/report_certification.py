"""The certification part of the performance suite's report (issue 12): every member's
progress against one raw SQL query, and the public verification page. `make bench` writes
it with the rest; `--only certification` replaces this section alone in the file."""

import argparse
import datetime as dt
from typing import Any

from benchmarks.figures import DatabaseRun, Result, met
from benchmarks.targets import VERIFY, VERIFY_CONCURRENCY

HEADING = "## Certification progress and the verification page (issue 12)"
VERIFY_P95_MS = 20.0


def _command(args: argparse.Namespace) -> str:
    if args.only == "certification":
        extra = "" if args.members == 100_000 else f" --members {args.members}"
        if args.databases != "sqlite,postgresql":
            extra += f" --databases {args.databases}"
        return f'make bench BENCH_ARGS="--only certification{extra}"'
    return "make bench"


def _verify(run: DatabaseRun) -> Result | None:
    return next((r for r in run.results if r.target.name == VERIFY), None)


def _ms(value: float) -> str:
    return f"{value:,.0f} ms"


def certification_section(
    runs: list[DatabaseRun], args: argparse.Namespace, machine: dict[str, str]
) -> list[str]:
    measured = [run for run in runs if run.certification]
    if not measured:
        return []
    today = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    first = measured[0].certification
    lines = [
        HEADING,
        "",
        f"Measured {today} with `{_command(args)}` "
        f"(`.venv/bin/python -m benchmarks.run --members {args.members}"
        f"{' --only certification' if args.only == 'certification' else ''}`) on "
        f"{machine.get('CPU', '?')}, {machine.get('Cores (logical)', '?')} logical cores, "
        f"Python {machine.get('Python', '?')}, Django {machine.get('Django', '?')}. "
        "The machine was shared with other work while it ran (see the load averages under "
        "each database), so every figure is slower than on an idle machine; each ratio is "
        "taken in one process, the two sides seconds apart.",
        "",
        f"- **Data**: {args.members:,} members (`benchmarks.generate`, seed {args.seed}) with "
        "their competency levels (`benchmarks.generate_competencies`: the validated levels "
        "are the current levels it writes), then `benchmarks.generate_learning`: the demo "
        "course catalogue and the demo IM Certificate (`guild/demo/data/"
        "im-certificate-rules.json`: 3 required courses, 2 of 4 and 1 of 4 electives, a "
        "capstone, 3 minimum levels, a 5-year window) loaded by the demo's own loaders, and "
        "every member's completions drawn from a seeded plan (most members none or a few "
        "courses, some part-way, some the whole programme within the window, some too long "
        "ago, some with the capstone taken too early, a few results not completed), "
        "written in bulk; then certificates for some of the members who meet the rules, "
        "with the service's snapshot and signed credential, one in ten revoked.",
        "- **Application, cold**: `programme_evaluations` (guild/learning/selectors/"
        "certificates.py), what the daily `certification_checks` reads and evaluates, "
        "without issuing: every active member of the community, their facts read 500 at a "
        "time by `members_facts` and each evaluated by the pure rules engine; from a fresh "
        "database connection with the cache cleared, median of "
        f"{first.get('repeat', 3)}.",
        "- **One raw SQL query**: the same decision, met or not for every member, over the "
        "same rows (each required course's earliest completion in the window, the `choose`-th "
        "earliest of each elective group, the capstone on or after the day the other course "
        "requirements were met, the validated levels), one statement for SQLite and "
        "PostgreSQL (`benchmarks/certification.py`), run and fetched from a fresh "
        "connection, median of 3. Both must find the same members, and the same ones "
        'meeting the rules, before anything is timed. "SQL" below is the time in the '
        "database driver's execute calls; SQLite computes rows as they are fetched, so "
        "there most of the reading falls outside it.",
        f"- **Verification page**: `GET /en/verify/<code>/` (public, no session; the page "
        f"checks the credential's signature) with the codes of {len(_codes(measured))} "
        f"generated certificates, active, expired and revoked, in turn, from "
        f"{VERIFY_CONCURRENCY} client threads against gunicorn ({args.workers} sync workers, "
        f"production settings); {args.warmup} warm-up requests, then {args.requests:,} timed.",
        f"- **Targets**: the whole population in under {first['total_limit_s']:.0f} s and "
        f"within {first['ratio_limit']:g}x of the raw query; the verification page's p95 "
        f"under {VERIFY_P95_MS:.0f} ms.",
        "",
        "| Target | " + " | ".join(run.name for run in measured) + " | met |",
        "|---|" + "---:|" * len(measured) + ":-:|",
    ]

    def row(label: str, figures: list[tuple[str, bool]]) -> None:
        lines.append(
            f"| {label} | "
            + " | ".join(text for text, _ in figures)
            + f" | {met(all(ok for _, ok in figures))} |"
        )

    row(
        f"Every member's progress, cold (< {first['total_limit_s']:.0f} s)",
        [
            (
                f"{c['application_ms'] / 1000:.2f} s ({c['members']:,} members, "
                f"{c['per_member_us']:.0f} µs each)",
                c["application_ms"] < c["total_limit_s"] * 1000,
            )
            for c in (run.certification for run in measured)
        ],
    )
    row(
        f"The same ÷ one raw SQL query (≤ {first['ratio_limit']:g})",
        [
            (
                f"{c['ratio']:.2f} ({_ms(c['application_ms'])} ÷ {_ms(c['sql_ms'])})",
                c["ratio"] <= c["ratio_limit"],
            )
            for c in (run.certification for run in measured)
        ],
    )
    verify_figures = []
    for run in measured:
        found = _verify(run)
        verify_figures.append(
            (f"{found.percentile(95):.1f} ms", found.percentile(95) < VERIFY_P95_MS)
            if found
            else ("not measured", False)
        )
    row(f"Verification page p95, {VERIFY_CONCURRENCY} clients (< 20 ms)", verify_figures)
    lines.append("")
    for run in measured:
        lines += _database(run)
    return lines


def _codes(runs: list[DatabaseRun]) -> list[str]:
    return list((runs[0].info.get("learning") or {}).get("verify_codes") or [])


def _database(run: DatabaseRun) -> list[str]:
    c = run.certification
    learning = run.info.get("learning") or {}
    plans = ", ".join(f"{plan} {n:,}" for plan, n in (learning.get("plans") or {}).items())
    timings = learning.get("timings") or {}
    lines = [
        f"### {run.name} {run.version}".rstrip(),
        "",
        f"{c['members']:,} members of the community; {learning.get('completions', 0):,} "
        f"course results (members by plan: {plans}); {c['met']:,} meet the rules on "
        f"{c['on']}; {learning.get('certificates', 0):,} certificates "
        f"({learning.get('revoked', 0):,} revoked, {learning.get('expired', 0):,} expired). "
        f"Generated in {run.learning_generate_s:.1f} s (catalogue and programme "
        f"{timings.get('catalogue', 0):.1f} s, completions {timings.get('completions', 0):.1f} s, "
        f"certificates {timings.get('certificates', 0):.1f} s), after the competency levels "
        f"({run.competency_generate_s:.1f} s). Load average (1/5/15 min) as the in-process "
        f"measure began: {c.get('load_before', '?')}; as the page load began: "
        f"{c.get('load_verify', '?')}.",
        "",
        "| Measure | Figure | Target | Met |",
        "|---|---:|---|:-:|",
        f"| Every member's progress through `programme_evaluations`, cold | "
        f"{_ms(c['application_ms'])} (SQL {_ms(c['application_sql_ms'])} in "
        f"{c['application_queries']:,} queries; runs "
        f"{', '.join(f'{t:,.0f}' for t in c['application_runs_ms'])}); "
        f"{c['per_member_us']:.0f} µs a member | < {c['total_limit_s']:.0f} s | "
        f"{met(c['application_ms'] < c['total_limit_s'] * 1000)} |",
        f"| One raw SQL query, met or not for every member | {_ms(c['sql_ms'])} (runs "
        f"{', '.join(f'{t:,.0f}' for t in c['sql_runs_ms'])}) | — | — |",
        f"| Application ÷ raw query | {c['ratio']:.2f} | ≤ {c['ratio_limit']:g} | "
        f"{met(c['ratio'] <= c['ratio_limit'])} |",
    ]
    page = _verify(run)
    if page is None:
        lines.append("| Verification page | not measured | < 20 ms | **no** |")
    else:
        statuses = ", ".join(f"{code}x{n}" for code, n in sorted(page.statuses.items()))
        alone = c.get("verify_in_process")
        detail = (
            f"; in-process (no HTTP, one at a time) p50 {alone['p50_ms']:.1f} ms, p95 "
            f"{alone['p95_ms']:.1f} ms, of which SQL {alone['sql_ms']:.1f} ms in "
            f"{alone['queries']} queries"
            if alone
            else ""
        )
        lines.append(
            f"| {page.target.label}: p50 {page.percentile(50):.1f} ms, "
            f"{page.throughput:.0f} req/s, {page.bytes_total / max(1, page.count) / 1024:,.1f} "
            f"KiB a page, {statuses}{detail} | p95 {page.percentile(95):.1f} ms | < 20 ms | "
            f"{met(page.percentile(95) < VERIFY_P95_MS)} |"
        )
    for paragraph in _not_met(run):
        lines += ["", paragraph]
    lines.append("")
    if c.get("profile"):
        lines += [
            "Where the application's time goes (cProfile of one cold run; own time of the "
            "costliest functions, profiling overhead included; SQLite computes rows as they "
            "are fetched, so its reading shows as `fetchmany`):",
            "",
            "| Function | calls | own ms | cumulative ms |",
            "|---|---:|---:|---:|",
            *[
                f"| `{row['function']}` | {row['calls']:,} | {row['own_ms']:,.0f} | "
                f"{row['cumulative_ms']:,.0f} |"
                for row in c["profile"]
            ],
            "",
        ]
    return lines


def _share(profile: list[dict[str, Any]], name: str, whole: str) -> float:
    """`name`'s cumulative time as a share of `whole`'s, in the profile (0 when absent)."""
    found = {row["function"].rsplit("(", 1)[-1].rstrip(")"): row for row in profile}
    if name not in found or whole not in found or not found[whole]["cumulative_ms"]:
        return 0.0
    return found[name]["cumulative_ms"] / found[whole]["cumulative_ms"]


def _not_met(run: DatabaseRun) -> list[str]:
    c, found, sqlite = run.certification, [], run.name == "SQLite"
    if c["ratio"] > c["ratio_limit"]:
        profile = c.get("profile") or []
        engine = _share(profile, "evaluate", "programme_evaluations")
        reading = _share(profile, "_facts", "programme_evaluations")
        found.append(
            f"Not met: the application takes {c['ratio']:.2f} times the raw query. Of its "
            f"{c['application_ms']:,.0f} ms, {c['application_sql_ms']:,.0f} ms are in the "
            "database driver's execute calls"
            + (" (SQLite does its reading in the fetching instead)" if sqlite else "")
            + "; the rest is Python, per member: "
            + (
                f"in the profile, the rules engine's `evaluate` takes {engine:.0%} of the run "
                f"and reading the rows into each member's facts (`_facts`, Django's row and "
                f"value conversion included) {reading:.0%}. "
                if engine and reading
                else ""
            )
            + "The raw query decides met or not in the database and returns one row per "
            "member; the application builds each member's full evaluation (every "
            "requirement, what counts, what is missing, renewal), which the pages and the "
            "daily check need."
        )
    page, alone = _verify(run), c.get("verify_one_client")
    if page is not None and alone and page.percentile(95) >= VERIFY_P95_MS:
        found.append(
            f"Not met: the verification page p95 is {page.percentile(95):.1f} ms under "
            f"{VERIFY_CONCURRENCY} clients; from one client alone, same server, it is p50 "
            f"{alone[0]:.1f} ms, p95 {alone[1]:.1f} ms ({alone[2]:,.0f} requests a second). "
            f"Under {VERIFY_CONCURRENCY} clients the server answered {page.throughput:,.0f} "
            "a second; the rest of the time is waiting, for the two cores the client "
            "threads and the workers share"
            + (
                f", and, since {VERIFY_CONCURRENCY} clients got hardly more answers a second "
                "than one, most likely for the database file as well: on SQLite every "
                "request opens its own connection (`CONN_MAX_AGE` 0) and runs its PRAGMAs "
                "(not investigated further)."
                if sqlite and page.throughput < 1.5 * alone[2]
                else "."
            )
        )
    return found


def certification_report(
    previous: str, runs: list[DatabaseRun], args: argparse.Namespace, machine: dict[str, str]
) -> str:
    """`previous` (the report file's text) with this section replaced, or added before
    the test suite's section, every other section kept as it was."""
    section = "\n".join(certification_section(runs, args, machine)).rstrip() + "\n"
    if not previous.strip():
        return "# Certification benchmark\n\n" + section
    start = previous.find(HEADING)
    if start >= 0:
        end = previous.find("\n## ", start + len(HEADING))
        rest = previous[end + 1 :] if end >= 0 else ""
        return previous[:start] + section + ("\n" + rest if rest else "")
    suite = previous.find("\n## Test suite")
    if suite >= 0:
        return previous[: suite + 1] + section + "\n" + previous[suite + 1 :]
    return previous.rstrip() + "\n\n" + section
