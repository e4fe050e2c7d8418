"""Questionnaire export figures: wall time and peak memory of each export of a questionnaire
whose responses are already in the database (`benchmarks.generate_questionnaires`).

Each export runs in a fresh Python process, through the real job runner
(`questionnaire_export_run`: read in chunks, write a temporary file, store it on the job),
so its peak resident memory (`ru_maxrss`) is the export's alone, not the runner's or
another export's. The process reports its memory once Django is set up (the baseline)
and at the end (the peak), the wall time of the export, the rows written and the file's
size, then deletes its job and file.

    python -m benchmarks.questionnaire_exports --questionnaire 12 [--formats csv,xlsx,sav]

The caller sets DJANGO_SETTINGS_MODULE and DATABASE_URL (the runner passes its `_env`).
`measure_exports` is what `benchmarks.run` calls.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MEMORY_TARGET_MB = 300.0
EXPORTS = (("rows", "csv"), ("rows", "xlsx"), ("rows", "sav"), ("aggregate", "csv"))


@dataclass
class ExportFigure:
    kind: str
    format: str
    rows: int
    wall_s: float
    peak_rss_mb: float
    baseline_rss_mb: float
    file_mb: float
    status: str

    @property
    def within_target(self) -> bool:
        return self.status == "succeeded" and self.peak_rss_mb < MEMORY_TARGET_MB


def _rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def measure_exports(
    *,
    questionnaire_id: int,
    env: dict[str, str] | None = None,
    exports: tuple[tuple[str, str], ...] = EXPORTS,
    timeout: int = 1800,
) -> list[ExportFigure]:
    """Run each (kind, format) export in its own process and return its figures."""
    figures = []
    for kind, file_format in exports:
        completed = subprocess.run(  # noqa: S603 - our own commands
            [
                sys.executable,
                "-m",
                "benchmarks.questionnaire_exports",
                "--questionnaire",
                str(questionnaire_id),
                "--kind",
                kind,
                "--format",
                file_format,
            ],
            env=env or dict(os.environ),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if completed.returncode != 0:
            raise RuntimeError(
                f"export {kind}/{file_format} failed ({completed.returncode}):\n"
                f"{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}"
            )
        figures.append(ExportFigure(**json.loads(completed.stdout.strip().splitlines()[-1])))
    return figures


def markdown_table(figures: list[ExportFigure]) -> str:
    lines = [
        "| export | rows | wall time | peak memory | memory before the export | file |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for f in figures:
        mark = "" if f.within_target else " ⚠"
        lines.append(
            f"| {f.kind} {f.format.upper()} | {f.rows:,} | {f.wall_s:.1f} s "
            f"| {f.peak_rss_mb:.0f} MB{mark} | {f.baseline_rss_mb:.0f} MB | {f.file_mb:.1f} MB |"
        )
    return "\n".join(lines)


def _run_one(questionnaire_id: int, kind: str, file_format: str) -> dict[str, Any]:
    import django

    django.setup()
    # Loaded before the baseline, as a worker process has them loaded already.
    import pandas  # noqa: F401
    import pyreadstat  # noqa: F401
    from openpyxl import Workbook  # noqa: F401

    from guild.accounts.models import User
    from guild.core.jobs import job_create
    from guild.core.models import Job
    from guild.questionnaires.exports.kinds import JOB_KIND
    from guild.questionnaires.exports.run import questionnaire_export_run
    from guild.questionnaires.models import Questionnaire, Response

    questionnaire = Questionnaire.objects.get(pk=questionnaire_id)
    owner = User.objects.filter(is_superuser=True).first() or User.objects.order_by("pk").first()
    rows = Response.objects.filter(questionnaire=questionnaire).count()
    job = job_create(
        owner=owner,
        kind=JOB_KIND,
        params={
            "questionnaire_id": questionnaire.pk,
            "kind": kind,
            "format": file_format,
            "language": "en",
        },
    )
    baseline = _rss_mb()
    started = time.perf_counter()
    questionnaire_export_run(job_id=str(job.id))
    wall = time.perf_counter() - started
    peak = _rss_mb()
    job = Job.objects.get(pk=job.id)
    size = job.result_file.size if job.result_file else 0
    if job.result_file:
        job.result_file.delete(save=False)
    job.delete()
    figure = ExportFigure(
        kind=kind,
        format=file_format,
        rows=rows,
        wall_s=round(wall, 3),
        peak_rss_mb=round(peak, 1),
        baseline_rss_mb=round(baseline, 1),
        file_mb=round(size / 1024 / 1024, 2),
        status=job.status,
    )
    return asdict(figure)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questionnaire", type=int, required=True)
    parser.add_argument("--kind", choices=["rows", "aggregate"])
    parser.add_argument("--format", choices=["csv", "xlsx", "sav"])
    args = parser.parse_args(argv)
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        sys.exit("Set DJANGO_SETTINGS_MODULE (and DATABASE_URL) first.")
    if args.kind and args.format:
        print(json.dumps(_run_one(args.questionnaire, args.kind, args.format)))
        return
    print(markdown_table(measure_exports(questionnaire_id=args.questionnaire)))


if __name__ == "__main__":
    main()
