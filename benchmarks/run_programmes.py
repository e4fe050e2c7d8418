"""The leadership programme's part of the performance suite (issue 13), run by
`benchmarks.run` for each database: the selection optimiser on 2,000 nominations against
the plain MILP (`benchmarks.selection`), and the success measures of a 200-participant
intake with 24 sessions against one raw SQL statement (`benchmarks.success_measures`),
each in its own process with its reference."""

import argparse
import json
import os
import sys

from benchmarks.figures import DatabaseRun
from benchmarks.processes import run_command


def bench_programmes(run: DatabaseRun, args: argparse.Namespace, env: dict[str, str]) -> None:
    python = sys.executable
    print(f"[{run.name}] programmes in-process: selection vs plain MILP", flush=True)
    run.programmes["load_before"] = " / ".join(f"{n:.2f}" for n in os.getloadavg())
    selection = json.loads(
        run_command([python, "-m", "benchmarks.selection", "--seed", "2003"], env, timeout=600)
    )
    run.programmes["selection"] = selection
    print(
        f"[{run.name}] selection median {selection['median_seconds']:.2f} s "
        f"(plain MILP {selection['reference_median_seconds']:.2f} s), "
        f"optimal {selection['optimal']}",
        flush=True,
    )
    print(f"[{run.name}] programmes in-process: success measures vs one raw SQL", flush=True)
    command = [python, "-m", "benchmarks.success_measures", "--seed", str(args.seed)]
    measures = json.loads(run_command(command, env, timeout=1800))
    run.programmes["success_measures"] = measures
    print(
        f"[{run.name}] success measures p95 {measures['selector_p95_ms']:.1f} ms "
        f"(raw SQL {measures['sql_p95_ms']:.1f} ms)",
        flush=True,
    )
