"""The attacker of the disclosure tests, for several published tables at once: every
published number of every table (cells, margins, the number of respondents) as linear
equations, solved exactly over fractions. A hidden value is recovered when the equations
pin it down."""

from collections.abc import Hashable, Sequence
from fractions import Fraction

from guild.core.disclosure import Cell, Suppressed
from guild.core.tests.disclosure_attacker import pinned_down

Name = Hashable


class Equations:
    """Published tables of one population: each table's lines add up to its margins."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.values: dict[Name, int] = {}
        self.published: dict[Name, Cell] = {}
        self.lines: list[list[tuple[Name, int]]] = []
        self.margins: set[str] = set()

    def _set(self, name: Name, value: int, cell: Cell) -> None:
        if name in self.published:
            assert self.published[name] == cell or (
                isinstance(self.published[name], Suppressed) and isinstance(cell, Suppressed)
            ), f"{name} published differently in two places"
        self.values[name] = value
        self.published[name] = cell

    def margin(self, variable: str, values: Sequence[int], cells: Sequence[Cell]) -> None:
        for i, (value, cell) in enumerate(zip(values, cells, strict=True)):
            self._set((variable, i), value, cell)
        if variable not in self.margins:
            self.margins.add(variable)
            self.lines.append([((variable, i), 1) for i in range(len(values))] + [("N", -1)])
        self._set("N", self.total, self.total)

    def table(
        self,
        rows: str,
        columns: str,
        values: Sequence[Sequence[int]],
        cells: Sequence[Sequence[Cell]],
        row_cells: Sequence[Cell],
        column_cells: Sequence[Cell],
    ) -> None:
        name = f"{rows} by {columns}"
        height, width = len(values), len(values[0])
        self.margin(rows, [sum(row) for row in values], row_cells)
        self.margin(columns, [sum(row[j] for row in values) for j in range(width)], column_cells)
        for i in range(height):
            for j in range(width):
                self._set((name, i, j), values[i][j], cells[i][j])
        for i in range(height):
            self.lines.append([((name, i, j), 1) for j in range(width)] + [((rows, i), -1)])
        for j in range(width):
            self.lines.append([((name, i, j), 1) for i in range(height)] + [((columns, j), -1)])

    def check(self, threshold: int) -> None:
        """Published values are true and never below the threshold but 0; nothing hidden
        can be worked out."""
        for name, cell in self.published.items():
            value = self.values[name]
            if isinstance(cell, Suppressed):
                assert value >= 0
            else:
                assert cell == value, name
                assert value == 0 or value >= threshold, (name, value)
        assert recoverable(self) == {}, "a hidden value can be worked out"


def recoverable(system: Equations) -> dict[Name, Fraction]:
    unknowns = sorted(
        (name for name, cell in system.published.items() if isinstance(cell, Suppressed)),
        key=repr,
    )
    position = {name: k for k, name in enumerate(unknowns)}
    matrix: list[list[Fraction]] = []
    for line in system.lines:
        row = [Fraction(0)] * (len(unknowns) + 1)
        for name, coefficient in line:
            if name in position:
                row[position[name]] += coefficient
            else:
                row[-1] -= coefficient * system.values[name]
        matrix.append(row)
    return pinned_down(unknowns, matrix)
