"""The questionnaire part of the performance suite's report: submissions, the snapshot,
statistics and the aggregate export against DuckDB, pages and exports."""

import argparse
import datetime as dt
from typing import Any

from benchmarks.figures import (
    EXPORT_MEMORY_MB,
    P95_TARGET_MS,
    RATIO_LIMIT,
    DatabaseRun,
    Result,
    met,
)


def statistics_report(
    runs: list[DatabaseRun], args: argparse.Namespace, machine: dict[str, str]
) -> str:
    """The statistics part alone (`--only statistics`): each database's submissions,
    snapshot, statistics and aggregate export against DuckDB."""
    today = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    lines = [
        "# Statistics benchmark",
        "",
        f"Measured {today} with `.venv/bin/python -m benchmarks.run --members "
        f"{args.members} --only statistics --databases {args.databases}`.",
        "",
        "| | |",
        "|---|---|",
        *[f"| {key} | {value} |" for key, value in machine.items()],
        "",
    ]
    for run in runs:
        lines += [f"## {run.name} {run.version}".rstrip(), ""]
        if run.skipped or not run.questionnaires:
            lines += [f"Skipped: {run.skipped or 'not measured'}", ""]
            continue
        stats = run.questionnaires["statistics"]
        timings = run.info["questionnaire"]["timings"]
        lines += [
            f"{run.info['questionnaire']['respondents']:,} generated responses, "
            f"{run.info['questionnaire']['answer_rows']:,} answer rows; tally of the first "
            f"snapshot counted in {timings.get('tally', 0):.1f} s.",
            "",
            "| Measure | Figure | Target | Met |",
            "|---|---:|---|:-:|",
            f"| Statistics of {stats['questions']} questions by department, cold | "
            f"{stats['selector_ms']:.0f} ms (SQL {stats['selector_sql_ms']:.0f} ms in "
            f"{stats['selector_queries']} queries) | — | — |",
            f"| DuckDB, same frequencies ({stats['cells']:,} cells over "
            f"{stats['answer_rows']:,} answer rows) | {stats['duckdb_ms']:.0f} ms | — | — |",
            f"| Statistics ÷ DuckDB | {stats['ratio']:.2f} | ≤ {RATIO_LIMIT} | "
            f"{met(stats['ratio'] <= RATIO_LIMIT)} |",
            *_tally_lines(run.questionnaires),
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"


def result_of(run: DatabaseRun, name: str) -> "Result | None":
    return next((r for r in run.results if r.target.name == name), None)


def questionnaire_section(run: DatabaseRun) -> list[str]:
    questionnaire = run.info.get("questionnaire")
    if not questionnaire or not run.questionnaires:
        return []
    service = run.questionnaires["submissions"]
    stats = run.questionnaires["statistics"]
    timings = questionnaire["timings"]
    lines = [
        f"### IM Members Questionnaire: {questionnaire['respondents']:,} respondents x "
        f"{questionnaire['questions']} questions",
        "",
        f"Generated in {run.questionnaire_generate_s:.1f} s: "
        f"{questionnaire['respondents']:,} responses and "
        f"{questionnaire['answer_rows']:,} answer rows (drawing and validating the answers "
        f"{timings.get('draw', 0):.1f} s, writing {timings.get('write', 0):.1f} s"
        + (f", `VACUUM ANALYZE` {timings['analyze']:.1f} s" if timings.get("analyze") else "")
        + f"); {questionnaire['submitters']:,} submitters with accounts and tokens.",
        "",
        "| Measure | Figure | Target | Met |",
        "|---|---:|---|:-:|",
        f"| Submissions through `response_submit`, in-process, one at a time "
        f"({service['count']:,}) | {service['per_s']:.1f}/s; p50 {service['p50_ms']:.1f} ms, "
        f"p95 {service['p95_ms']:.1f} ms | — | — |",
    ]
    if run.submissions:
        sub = run.submissions
        lines.append(
            f"| Submissions over HTTP ({sub.count:,}, {len(sub.statuses)} status"
            f"{'es' if len(sub.statuses) > 1 else ''}: "
            + ", ".join(f"{code}x{n}" for code, n in sorted(sub.statuses.items()))
            + f") | {sub.throughput:.1f}/s; p50 {sub.percentile(50):.1f} ms, "
            f"p95 {sub.percentile(95):.1f} ms | — | — |"
        )
    lines.append(
        f"| Statistics of {stats['questions']} questions by department "
        f"({stats['columns']} columns after pooling), cold | {stats['selector_ms']:.0f} ms "
        f"(SQL {stats['selector_sql_ms']:.0f} ms in {stats['selector_queries']} queries; "
        f"runs {', '.join(f'{t:.0f}' for t in stats['selector_runs_ms'])}) | — | — |"
    )
    lines.append(
        f"| DuckDB, same frequencies ({stats['cells']:,} cells over "
        f"{stats['answer_rows']:,} answer rows; attach {stats['duckdb_attach_ms']:.0f} ms "
        f"not counted) | {stats['duckdb_ms']:.0f} ms "
        f"(runs {', '.join(f'{t:.0f}' for t in stats['duckdb_runs_ms'])}) | — | — |"
    )
    lines.append(
        f"| Statistics ÷ DuckDB | {stats['ratio']:.2f} | ≤ {RATIO_LIMIT} | "
        f"{met(stats['ratio'] <= RATIO_LIMIT)} |"
    )
    lines += _tally_lines(run.questionnaires)
    for name in ("results", "results_overview"):
        page = result_of(run, name)
        if page is None:
            lines.append(
                f"| Cached results page ({name}) | not measured: no page found | < 50 ms | **no** |"
            )
            continue
        lines.append(
            f"| {page.target.label}: p50 {page.percentile(50):.1f} ms, "
            f"{page.throughput:.0f} req/s{page_detail(run, page)} | "
            f"p95 {page.percentile(95):.1f} ms | < 50 ms | "
            f"{met(page.percentile(95) < P95_TARGET_MS)} |"
        )
    for figure in run.exports.get("figures", []):
        ok = figure["status"] == "succeeded" and figure["peak_rss_mb"] < EXPORT_MEMORY_MB
        lines.append(
            f"| Export {figure['kind']} {figure['format'].upper()} ({figure['rows']:,} "
            f"responses, {figure['file_mb']:.1f} MB file, {figure['status']}): wall "
            f"{figure['wall_s']:.1f} s | peak {figure['peak_rss_mb']:.0f} MB (of which "
            f"{figure['baseline_rss_mb']:.0f} MB Django and libraries) | < "
            f"{EXPORT_MEMORY_MB:.0f} MB | {met(ok)} |"
        )
    if stats["ratio"] > RATIO_LIMIT:
        python_ms = stats["selector_ms"] - stats["selector_sql_ms"]
        lines += [
            "",
            f"Not met: the cold statistics take {stats['ratio']:.2f}x DuckDB's time. Of "
            f"{stats['selector_ms']:.0f} ms, {stats['selector_sql_ms']:.0f} ms are SQL "
            f"({stats['selector_queries']} queries) and {python_ms:.0f} ms are Python: "
            "placing the counts in tables and the disclosure control (pooling, primary and "
            "complementary suppression of every question's table by department).",
        ]
    return [*lines, ""]


def _tally_lines(measured: dict[str, Any]) -> list[str]:
    """The snapshot, the selector without the tally, and the aggregate export."""
    lines = []
    stats, snapshot = measured["statistics"], measured.get("snapshot")
    if snapshot:
        lines.append(
            f"| Snapshot {snapshot['number']} publishing {snapshot['added']:,} responses "
            f"({snapshot['respondents']:,} published in all), answer tally included | "
            f"{snapshot['ms']:.0f} ms | — | — |"
        )
    if stats.get("rows_ms"):
        lines.append(
            f"| The same statistics without the tally (grouping the answer rows), cold | "
            f"{stats['rows_ms']:.0f} ms (SQL {stats['rows_sql_ms']:.0f} ms; "
            f"{stats['rows_ms'] / stats['duckdb_ms']:.2f}x DuckDB) | — | — |"
        )
    export = measured.get("aggregate_export")
    if export:
        lines += [
            f"| Aggregate CSV export through the job, cold ({export['export_bytes'] / 1024:,.0f} "
            f"KiB) | {export['export_ms']:.0f} ms (SQL {export['export_sql_ms']:.0f} ms in "
            f"{export['export_queries']} queries; runs "
            f"{', '.join(f'{t:.0f}' for t in export['export_runs_ms'])}) | — | — |",
            f"| DuckDB, same frequencies to a CSV file ({export['duckdb_bytes'] / 1024:,.0f} KiB) "
            f"| {export['duckdb_ms']:.0f} ms "
            f"(runs {', '.join(f'{t:.0f}' for t in export['duckdb_runs_ms'])}) | — | — |",
            f"| Aggregate export ÷ DuckDB | {export['ratio']:.2f} | ≤ {RATIO_LIMIT} | "
            f"{met(export['ratio'] <= RATIO_LIMIT)} |",
        ]
    return lines


def page_detail(run: DatabaseRun, page: Result) -> str:
    """The page's size, and its time in-process (no HTTP) from the diagnosis."""
    detail = f"; {page.bytes_total / max(1, page.count) / 1024:,.0f} KiB a page"
    diag = run.diagnosis.get(page.target.name)
    if diag:
        detail += (
            f"; in-process {diag['total_ms']:.1f} ms, of which SQL {diag['sql_ms']:.1f} ms "
            f"in {diag['queries']:g} queries"
        )
    return detail
