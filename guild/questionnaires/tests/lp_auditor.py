"""An attacker's audit of published results: every figure a reader can see, as linear
equations, and for each hidden figure the smallest and largest value consistent with all of
them (linear programming with SciPy's HiGHS).

The model is the one statistical agencies audit linked tables with: each published table is
a variable's categories crossed with a breakdown's, its cells add up along rows to the
variable's service-wide figures and along columns to the breakdown's, and every variable's
figures add up to the number of respondents. A figure shared by several tables (a
variable's service-wide count, a department's number of respondents) is one unknown in all
of them, so differences between tables are part of the attack. Unknowns are non-negative;
a hidden value whose feasible range is narrower than the threshold counts as disclosed.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import lil_matrix

from guild.core.disclosure import Cell, Suppressed
from guild.questionnaires.definition import QuestionType
from guild.questionnaires.statistics import Results

Key = tuple[object, ...]


@dataclass
class Model:
    """Quantities (published values or unknowns) and the equations between them."""

    values: dict[Key, int | None] = field(default_factory=dict)  # None: unknown
    hidden: set[Key] = field(default_factory=set)  # published as hidden: must stay wide
    equations: list[tuple[list[Key], Key | int]] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def quantity(self, key: Key, cell: Cell | None) -> Key:
        value = None if cell is None or isinstance(cell, Suppressed) else int(cell)
        if isinstance(cell, Suppressed):
            self.hidden.add(key)
        known = self.values.get(key)
        if key in self.values and known is not None and value is not None and known != value:
            self.conflicts.append(f"{key}: published as {known} and as {value}")
        if known is None:
            self.values[key] = value
        return key

    def equation(self, parts: list[Key], total: Key | int) -> None:
        self.equations.append((parts, total))


def _tables(
    results: Results,
) -> Iterable[tuple[str, list[str], list[list[Cell | None]], list[Cell | None]]]:
    """(variable key, category codes, cells by category and column, service-wide figures)
    of every block; a multiple-choice option is its own chosen / not-chosen variable whose
    "not chosen" row is not published."""
    for question in results.questions:
        for block in question.blocks:
            if question.type == QuestionType.MULTIPLE:
                for row in block.rows:
                    yield (
                        f"{question.code}={row.code}",
                        ["chosen", "not chosen"],
                        [list(row.counts), [None] * len(row.counts)],
                        [row.overall, None],
                    )
                continue
            yield (
                block.key,
                [row.code for row in block.rows],
                [list(row.counts) for row in block.rows],
                [row.overall for row in block.rows],
            )


def add_results(model: Model, results: Results) -> None:
    """Everything one results page (or API answer) publishes."""
    if not results.enough:
        return
    total = int(results.respondents)  # type: ignore[arg-type]
    dimension = results.by
    for variable, categories, cells, overall in _tables(results):
        margins = [
            model.quantity(("margin", variable, code), figure)
            for code, figure in zip(categories, overall, strict=True)
        ]
        model.equation(margins, total)
        if dimension is None:
            continue
        columns = [column.code for column in results.columns]
        column_keys = [
            model.quantity(("margin", dimension, code), figure)
            for code, figure in zip(columns, results.column_totals, strict=True)
        ]
        model.equation(column_keys, total)
        grid = [
            [
                model.quantity(("cell", variable, dimension, code, column), cells[i][j])
                for j, column in enumerate(columns)
            ]
            for i, code in enumerate(categories)
        ]
        for i, margin in enumerate(margins):
            model.equation(grid[i], margin)
        for j, column_key in enumerate(column_keys):
            model.equation([row[j] for row in grid], column_key)
    for question in results.questions:
        if dimension is None and question.type in (
            QuestionType.MULTIPLE,
            QuestionType.TEXT,
            QuestionType.LONG_TEXT,
        ):
            answered = model.quantity(("answered", question.code, "yes"), question.n)
            rest = model.quantity(("answered", question.code, "no"), None)
            model.equation([answered, rest], total)


@dataclass(frozen=True)
class Range:
    key: Key
    low: float
    high: float

    @property
    def width(self) -> float:
        return self.high - self.low


def feasible_ranges(model: Model, *, hidden_at_least: int = 0) -> list[Range]:
    """The feasible range of every hidden figure, component by component.

    ``hidden_at_least=1`` is the reader who knows that a zero is always published, so a
    hidden figure is at least 1 (true of every table but one whose inner cells are all
    hidden, see linked._all_hidden)."""
    unknown = {key for key, value in model.values.items() if value is None}
    parent = {key: key for key in unknown}

    def find(key: Key) -> Key:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    linked: list[tuple[list[Key], Key | int]] = []
    for parts, total in model.equations:
        names = [p for p in (*parts, total) if isinstance(p, tuple) and p in unknown]
        if not names:
            continue
        linked.append((parts, total))
        for other in names[1:]:
            parent[find(other)] = find(names[0])
    groups: dict[Key, list[Key]] = defaultdict(list)
    for key in unknown:
        groups[find(key)].append(key)
    by_group: dict[Key, list[tuple[list[Key], Key | int]]] = defaultdict(list)
    for parts, total in linked:
        first = next(p for p in (*parts, total) if isinstance(p, tuple) and p in unknown)
        by_group[find(first)].append((parts, total))
    ranges: list[Range] = []
    for root, members in groups.items():
        targets = [key for key in members if key in model.hidden]
        if not targets:
            continue
        ranges.extend(_solve(model, members, by_group[root], targets, hidden_at_least))
    return ranges


def _solve(
    model: Model,
    members: list[Key],
    equations: list[tuple[list[Key], Key | int]],
    targets: list[Key],
    hidden_at_least: int,
) -> list[Range]:
    index = {key: i for i, key in enumerate(sorted(members, key=repr))}
    bounds = [
        (hidden_at_least if key in model.hidden else 0, None) for key in sorted(members, key=repr)
    ]
    matrix = lil_matrix((len(equations), len(index)))
    rhs = np.zeros(len(equations))
    for row, (parts, total) in enumerate(equations):
        constant = 0.0
        for part in parts:
            if part in index:
                matrix[row, index[part]] += 1
            else:
                constant += model.values[part] or 0
        if isinstance(total, tuple) and total in index:
            matrix[row, index[total]] -= 1
            target = -constant
        else:
            value = total if isinstance(total, int) else model.values[total] or 0
            target = value - constant
        rhs[row] = target
    a_eq = matrix.tocsr()
    found = []
    for key in targets:
        objective = np.zeros(len(index))
        objective[index[key]] = 1
        low = linprog(objective, A_eq=a_eq, b_eq=rhs, bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=rhs, bounds=bounds, method="highs")
        assert low.status == 0, f"infeasible or failed for {key}: {low.message}"
        upper = float("inf") if high.status == 3 else -high.fun
        found.append(Range(key, low.fun, upper))
    return found
