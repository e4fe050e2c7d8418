"""The selection optimiser on a realistic intake: `python -m benchmarks.selection`.

A seeded random 2,000 nominations: about 80 departments of skewed sizes (a few large
departments nominate most), 13 regions with the National Capital Region heavy, a quarter
French-speaking, levels EX-01, EX-02 and EX-03 equivalents, scores of 0-100 to one
decimal. 25 seats under every kind of rule: at most 2 per department, at least 15
departments, at least 30% French-speaking, at most 40% from the National Capital Region,
at least 8 each of EX-01 and EX-02, at most 4 EX-03, at least 2 from Quebec. Times
`select_cohort` (checks, both solves, explanations of all 2,000) five times and prints the
median with the solver's proof of optimality, as JSON, with the reference run in the same
process: the same problem written plainly as one MILP over all 2,000 (its optimum must be
the optimiser's total). The target is under 2 s.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from typing import Any

import django

from benchmarks.selection_reference import best_total
from guild.programmes.selection import (
    Balance,
    Constraints,
    Nominee,
    select_cohort,
)

TARGET_SECONDS = 2.0
REGIONS = ("NCR", "ON", "QC", "BC", "AB", "NS", "MB", "SK", "NB", "NL", "PE", "YT", "NT")
REGION_WEIGHTS = (40, 14, 12, 7, 6, 4, 4, 3, 3, 2, 1, 1, 1)
LEVELS = ("EX-01", "EX-02", "EX-03")
LEVEL_WEIGHTS = (45, 40, 15)


def nominations(count: int, seed: int) -> list[Nominee]:
    generator = random.Random(seed)  # noqa: S311 - reproducible benchmark data
    departments = [f"D{number:02d}" for number in range(1, 81)]
    department_weights = [1 / rank**1.1 for rank in range(1, 81)]
    found = []
    for identifier in range(1, count + 1):
        score = min(100.0, max(0.0, generator.gauss(65, 12)))
        found.append(
            Nominee(
                identifier,
                Decimal(f"{score:.1f}"),
                generator.choices(departments, department_weights)[0],
                generator.choices(REGIONS, REGION_WEIGHTS)[0],
                "fr" if generator.random() < 0.25 else "en",
                generator.choices(LEVELS, LEVEL_WEIGHTS)[0],
            )
        )
    return found


def constraints(seats: int) -> Constraints:
    return Constraints(
        capacity=seats,
        max_per_department=2,
        min_departments=15,
        balance=(
            Balance("language", "fr", at_least=30, percent=True),
            Balance("region", "NCR", at_most=40, percent=True),
            Balance("level", "EX-01", at_least=8),
            Balance("level", "EX-02", at_least=8),
            Balance("level", "EX-03", at_most=4),
            Balance("region", "QC", at_least=2),
        ),
    )


def measure(count: int, seats: int, runs: int, seed: int) -> dict[str, Any]:
    nominees = nominations(count, seed)
    rules = constraints(seats)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        selection = select_cohort(nominees, rules)
        timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    reference_timings = []
    for _ in range(runs):
        started = time.perf_counter()
        reference = best_total(nominees, rules)
        reference_timings.append(time.perf_counter() - started)
    reference_median = statistics.median(reference_timings)
    outranked = sum(
        1
        for explanation in selection.explanations
        if explanation.selected and explanation.rank > seats
    )
    return {
        "nominations": count,
        "departments": len({n.department for n in nominees}),
        "seats": seats,
        "runs": runs,
        "seconds": [round(value, 4) for value in timings],
        "median_seconds": round(median, 4),
        "target_seconds": TARGET_SECONDS,
        "within_target": median < TARGET_SECONDS,
        "optimal": selection.optimal,
        "solver_status": selection.status,
        "total_score": str(selection.total),
        "selected_outside_top_by_score": outranked,
        # The same problem written plainly, solved in the same process (selection_reference).
        "reference_seconds": [round(value, 4) for value in reference_timings],
        "reference_median_seconds": round(reference_median, 4),
        "reference_total": str(reference),
        "same_total": reference == selection.total,
        "ratio": round(median / reference_median, 2),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nominations", type=int, default=2000)
    parser.add_argument("--seats", type=int, default=25)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2003)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    result = measure(args.nominations, args.seats, args.runs, args.seed)
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
