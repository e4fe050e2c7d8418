"""A pool's report as published (a pure module): the raw counts of `selectors.reports`
through `core.disclosure`, so that no figure describes fewer than the threshold.

People in pairs are one two-way table, departments by regions, suppressed once
(`suppress_table`), and every breakdown is read off it; acceptance (accepted, declined)
and completion (completed, ended early) are one-way tables (`suppress_frequencies`), whose
rates are published only where their counts are."""

from collections.abc import Mapping
from dataclasses import dataclass

from guild.core.disclosure import (
    Cell,
    Frequencies,
    Percentage,
    suppress_frequencies,
    suppress_table,
)


@dataclass(frozen=True)
class Report:
    threshold: int
    departments: list[str]
    regions: list[str]
    cells: list[list[Cell]]
    by_department: list[Cell]
    by_region: list[Cell]
    people: Cell
    acceptance: Frequencies
    completion: Frequencies

    @property
    def acceptance_rate(self) -> Percentage:
        return self.acceptance.percentages["accepted"]

    @property
    def completion_rate(self) -> Percentage:
        return self.completion.percentages["completed"]


def pool_report(
    by_place: Mapping[tuple[str, str], int],
    *,
    accepted: int,
    declined: int,
    completed: int,
    ended: int,
    threshold: int,
) -> Report:
    departments = sorted({d for d, _r in by_place})
    regions = sorted({r for _d, r in by_place})
    rows = [[by_place.get((d, r), 0) for r in regions] for d in departments]
    table = suppress_table(rows, threshold) if rows else None
    return Report(
        threshold=threshold,
        departments=departments,
        regions=regions,
        cells=[list(row) for row in table.cells] if table else [],
        by_department=list(table.row_totals) if table else [],
        by_region=list(table.column_totals) if table else [],
        people=table.grand_total if table else 0,
        acceptance=suppress_frequencies({"accepted": accepted, "declined": declined}, threshold),
        completion=suppress_frequencies({"completed": completed, "ended": ended}, threshold),
    )
