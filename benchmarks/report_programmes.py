"""The leadership programme's part of the performance suite's report (issue 13): the
selection optimiser against the plain MILP, and the success measures against one raw SQL
statement. `make bench` writes it with the rest; `--only programmes` replaces this section
alone in the file."""

import argparse
import datetime as dt
from typing import Any

from benchmarks.figures import DatabaseRun, met

HEADING = "## Leadership programme: selection optimiser and success measures (issue 13)"


def _command(args: argparse.Namespace) -> str:
    if args.only == "programmes":
        extra = f" --databases {args.databases}" if args.databases != "sqlite,postgresql" else ""
        return f'make bench BENCH_ARGS="--only programmes{extra}"'
    return "make bench"


def _method(selection: dict[str, Any], measures: dict[str, Any]) -> list[str]:
    return [
        f"- **Selection optimiser** (`benchmarks/selection.py`): {selection['nominations']:,} "
        f"seeded nominations from {selection['departments']} departments for "
        f"{selection['seats']} seats under every kind of rule (at most 2 per department, at "
        "least 15 departments, at least 30 % French-speaking, at most 40 % from the National "
        "Capital Region, at least 8 each of EX-01 and EX-02, at most 4 EX-03, at least 2 "
        "from Quebec): `select_cohort` (checks, the best total, the tie-break, every "
        f"nominee's reasons), median of {selection['runs']}, and its proof of optimality "
        "(HiGHS's dual bound). **Reference**, in the same process: the same problem written "
        "plainly as one MILP over every nominee (`benchmarks/selection_reference.py`, no "
        "pruning, no tie-break, no explanations); its optimum must equal the optimiser's "
        "total. Target: under 2 s and proved optimal.",
        f"- **Success measures** (`benchmarks/success_measures.py`): an intake of "
        f"{measures['participants']} participants in {measures['groups']} action learning "
        f"groups with {measures['sessions']} monthly sessions (half formal events, half "
        f"rounds of group meetings: {measures['session_rows']} session rows), "
        f"{measures['attendance_rows']:,} attendance marks, {measures['evaluations']} "
        f"evaluations opened by the programme's service, {measures['published_responses']:,} "
        "published responses (`benchmarks/programmes.py`). Timed: `success_measures(intake)` "
        "(guild/programmes/selectors/reports.py: attendance, published answers, "
        "invitations, themes), what the page and its PDF read, on a warm connection, "
        f"{measures['repeat']} runs after two untimed. **Reference**, in the same process: "
        "one raw SQL statement computing the same four figures; both must agree before "
        "anything is timed. Target: p95 under 100 ms.",
    ]


def _table(run: DatabaseRun) -> list[str]:
    selection = run.programmes["selection"]
    measures = run.programmes["success_measures"]
    figures = ", ".join(f"{key} {a}/{b}" for key, (a, b) in measures["figures"].items())
    return [
        f"### {run.name} {run.version}",
        "",
        f"Load average before: {run.programmes.get('load_before', '?')}.",
        "",
        "| Figure | Measured | Reference | Ratio | Target | Met |",
        "|---|---|---|---|---|---|",
        f"| Selection, median | {selection['median_seconds']:.2f} s | "
        f"{selection['reference_median_seconds']:.2f} s | {selection['ratio']:.2f} | < 2 s, "
        f"optimal | {met(selection['within_target'] and selection['optimal'])} |",
        f"| Success measures, p95 | {measures['selector_p95_ms']:.1f} ms | "
        f"{measures['sql_p95_ms']:.1f} ms | {measures['ratio']:.2f} | < 100 ms | "
        f"{met(measures['within_target'])} |",
        f"| Success measures, p50 | {measures['selector_p50_ms']:.1f} ms | "
        f"{measures['sql_p50_ms']:.1f} ms | | | |",
        "",
        f"Selection: total {selection['total_score']} (reference {selection['reference_total']}"
        f", {'the same' if selection['same_total'] else '**different**'}), "
        f"{selection['solver_status']}; runs {selection['seconds']} s. Success measures: "
        f"{figures}; generated in {measures['generate_s']} s.",
        "",
    ]


def programmes_section(
    runs: list[DatabaseRun], args: argparse.Namespace, machine: dict[str, str]
) -> list[str]:
    measured = [run for run in runs if run.programmes.get("success_measures")]
    if not measured:
        return []
    today = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    first = measured[0].programmes
    lines = [
        HEADING,
        "",
        f"Measured {today} with `{_command(args)}` (`.venv/bin/python -m benchmarks.run "
        f"--members {args.members}{' --only programmes' if args.only == 'programmes' else ''}`) on "
        f"{machine.get('CPU', '?')}, {machine.get('Cores (logical)', '?')} logical cores, "
        f"Python {machine.get('Python', '?')}, Django {machine.get('Django', '?')}. The "
        "machine was shared with other work while it ran (see the load averages), so every "
        "figure is slower than on an idle machine; each ratio is taken in one process.",
        "",
        *_method(first["selection"], first["success_measures"]),
        "",
    ]
    for run in measured:
        lines += _table(run)
    return lines


def programmes_report(
    previous: str, runs: list[DatabaseRun], args: argparse.Namespace, machine: dict[str, str]
) -> str:
    """`previous` (the report file's text) with this section replaced, or added before
    the test suite's section, every other section kept as it was."""
    section = "\n".join(programmes_section(runs, args, machine)).rstrip() + "\n"
    if not previous.strip():
        return "# Leadership programme benchmark\n\n" + section
    start = previous.find(HEADING)
    if start >= 0:
        end = previous.find("\n## ", start + len(HEADING))
        rest = previous[end + 1 :] if end >= 0 else ""
        return previous[:start] + section + ("\n" + rest if rest else "")
    suite = previous.find("\n## Test suite")
    if suite >= 0:
        return previous[: suite + 1] + section + "\n" + previous[suite + 1 :]
    return previous.rstrip() + "\n\n" + section
