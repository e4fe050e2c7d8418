"""The leadership programme's benchmarks compare like with like, at a tiny scale: the
success measures selector and the raw SQL reference find the same four figures on a
generated intake; the optimiser and the plain MILP reach the same optimal total; the
report's section replaces only itself."""

import argparse

import pytest

from benchmarks.figures import DatabaseRun
from benchmarks.programmes import generate
from benchmarks.report_programmes import HEADING, programmes_report
from benchmarks.selection import measure as measure_selection
from benchmarks.success_measures import intake_counts, raw_figures, selector_figures
from guild.organizations.models import Community


@pytest.mark.django_db
def test_the_selector_and_the_raw_query_agree_on_a_generated_intake(im: Community) -> None:
    intake_id = generate(participants=30, sessions=8, seed=7)
    figures = raw_figures(intake_id)
    assert selector_figures(intake_id) == figures
    counts = intake_counts(intake_id)
    assert counts["groups"] == 5
    assert counts["session_rows"] == 4 + 4 * 5
    # Every taken session has an evaluation; every figure has something to count.
    assert counts["evaluations"] == counts["session_rows"]
    assert all(whole > part > 0 for part, whole in figures)


def test_the_optimiser_and_the_plain_milp_reach_the_same_optimum() -> None:
    result = measure_selection(count=300, seats=25, runs=1, seed=11)
    assert result["optimal"] is True
    assert result["same_total"] is True
    assert result["total_score"] == result["reference_total"]


def _run() -> DatabaseRun:
    run = DatabaseRun("SQLite", "3")
    run.programmes = {
        "selection": measure_selection(count=100, seats=25, runs=1, seed=3),
        "success_measures": {
            "participants": 200,
            "sessions": 24,
            "groups": 34,
            "session_rows": 420,
            "attendance_rows": 4616,
            "evaluations": 420,
            "published_responses": 2018,
            "generate_s": 10.0,
            "figures": {
                "event": [1, 2],
                "understanding": [1, 2],
                "group": [1, 2],
                "benefit": [1, 2],
            },
            "repeat": 50,
            "selector_p50_ms": 20.0,
            "selector_p95_ms": 30.0,
            "sql_p50_ms": 10.0,
            "sql_p95_ms": 15.0,
            "ratio": 2.0,
            "within_target": True,
        },
    }
    return run


def test_the_report_replaces_only_its_own_section() -> None:
    args = argparse.Namespace(only="programmes", databases="sqlite", members=100_000)
    previous = (
        "# Benchmarks\n\n## Other\n\nkept\n\n"
        + HEADING
        + "\n\nold\n\n## Test suite (issue 9)\n\nkept too\n"
    )
    text = programmes_report(previous, [_run()], args, {"CPU": "x"})
    assert "old" not in text
    assert text.count(HEADING) == 1
    assert "## Other\n\nkept" in text and "## Test suite (issue 9)\n\nkept too" in text
    assert "| Success measures, p95 | 30.0 ms | 15.0 ms | 2.00 | < 100 ms | yes |" in text
    assert 'make bench BENCH_ARGS="--only programmes --databases sqlite"' in text
