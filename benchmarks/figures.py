"""What the performance suite measures, shared by the runner and its report."""

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.targets import Target

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
HOST = "127.0.0.1"  # loopback only, for the server and every client
P95_TARGET_MS = 50.0
RATIO_TARGET = 0.5
RATIO_LIMIT = 1.5  # issues 3 and 4: cold aggregations within 1.5x of the reference
EXPORT_MEMORY_MB = 300.0


def met(ok: bool) -> str:
    return "yes" if ok else "**no**"


class BenchError(RuntimeError):
    pass


@dataclass
class Result:
    target: Target
    latencies_ms: list[float]
    wall_s: float
    statuses: dict[int, int]
    bytes_total: int = 0

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
    questionnaire_generate_s: float = 0.0
    competency_generate_s: float = 0.0
    questionnaires: dict[str, Any] = field(default_factory=dict)  # benchmarks.questionnaires
    competencies: dict[str, Any] = field(default_factory=dict)  # benchmarks.competencies
    submissions: Result | None = None  # over HTTP
    exports: dict[str, Any] = field(default_factory=dict)  # benchmarks.questionnaire_exports
    learning_generate_s: float = 0.0
    certification: dict[str, Any] = field(default_factory=dict)  # benchmarks.certification
    programmes: dict[str, Any] = field(default_factory=dict)  # benchmarks.run_programmes
