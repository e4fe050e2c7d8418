"""Coverage of a framework by the course catalogue, beside the ranked learning needs.

Pure: plain data in, plain data out. A course counts at the level it develops a competency
to (a course to level 3 covers level 3, not 1 and 2: it is written for people reaching
3). A cell (competency, level) is covered when at least one active course counts there.
Rows are in order of need: the ranked competencies first (rank 1 first), then those whose
figures are hidden by disclosure control, then those with no figures at all, each group in
the framework's order. Figures about people come only from the published `Need`s given.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from guild.competencies.learning_needs import Need


@dataclass(frozen=True)
class CompetencyLine:
    code: str
    name: str
    family: str


@dataclass(frozen=True)
class CoverageRow:
    competency: CompetencyLine
    courses: tuple[int, ...]  # active courses per level, in the order of `Coverage.levels`
    need: Need | None  # None: not ranked
    hidden: bool  # its figures are suppressed (not ranked for that reason)

    @property
    def covered(self) -> bool:
        return any(self.courses)

    @property
    def total(self) -> int:
        return sum(self.courses)


@dataclass(frozen=True)
class Coverage:
    levels: tuple[int, ...]
    rows: list[CoverageRow]

    @property
    def uncovered(self) -> list[CoverageRow]:
        """Competencies no active course develops, in order of need."""
        return [row for row in self.rows if not row.covered]

    @property
    def cells(self) -> int:
        return len(self.rows) * len(self.levels)

    @property
    def cells_uncovered(self) -> int:
        return sum(1 for row in self.rows for count in row.courses if not count)

    @property
    def needs_uncovered(self) -> list[CoverageRow]:
        """Ranked needs that no active course addresses, highest need first."""
        return [row for row in self.rows if row.need is not None and not row.covered]


def coverage(
    *,
    competencies: Sequence[CompetencyLine],
    levels: Sequence[int],
    mappings: Iterable[tuple[str, int]],
    needs: Sequence[Need],
    hidden: Iterable[str],
) -> Coverage:
    """`mappings` holds one (competency code, level) pair per active course and competency;
    pairs naming a code or level outside the framework are not counted."""
    scale = tuple(sorted(levels))
    counts = Counter(mappings)
    by_code = {need.code: need for need in needs}
    hidden_codes = set(hidden) - set(by_code)
    rows = [
        CoverageRow(
            competency=line,
            courses=tuple(counts[(line.code, level)] for level in scale),
            need=by_code.get(line.code),
            hidden=line.code in hidden_codes,
        )
        for line in competencies
    ]
    order = {line.code: index for index, line in enumerate(competencies)}

    def key(row: CoverageRow) -> tuple[int, int, int]:
        if row.need is not None:
            return (0, row.need.rank, 0)
        return (1 if row.hidden else 2, 0, order[row.competency.code])

    return Coverage(levels=scale, rows=sorted(rows, key=key))
