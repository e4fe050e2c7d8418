"""An attacker's audit of published results: every figure a reader can see, as linear
equations, and for each hidden figure the smallest and largest value consistent with all of
them (linear programming with HiGHS, the solver behind SciPy's ``linprog``).

The model is the one statistical agencies audit linked tables with: each published table is
a variable's categories crossed with a breakdown's, its cells add up along rows to the
variable's service-wide figures and along columns to the breakdown's, and every variable's
figures add up to the number of respondents. A figure shared by several tables (a
variable's service-wide count, a department's number of respondents) is one unknown in all
of them, so differences between tables are part of the attack. Unknowns are non-negative;
a hidden value whose feasible range is narrower than the threshold counts as disclosed,
unless published zeros add it up (ADR 14): it is then 0 for every reader, whatever is
hidden, and is reported apart. This module builds the equations; lp_ranges.py solves them.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from guild.competencies.gaps import HeatCell, LinkedHeatMaps
from guild.core.disclosure import Cell, Suppressed
from guild.questionnaires.definition.types import QuestionType
from guild.questionnaires.results.statistics import Results

Key = tuple[object, ...]


@dataclass
class Model:
    """Quantities (published values or unknowns) and the equations between them."""

    values: dict[Key, int | None] = field(default_factory=dict)  # None: unknown
    hidden: set[Key] = field(default_factory=set)  # published as hidden
    small: set[Key] = field(default_factory=set)  # hidden because under the threshold
    maybe_zero: set[Key] = field(default_factory=set)  # hidden where zeros are hidden too
    equations: list[tuple[list[Key], Key | int]] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    # The first key of each figure shown on several pages (a department's cell is also the
    # total of its own view): one unknown and one range for all of them.
    figures: dict[Key, Key] = field(default_factory=dict)

    def quantity(self, key: Key, cell: Cell | None) -> Key:
        value = None if cell is None or isinstance(cell, Suppressed) else int(cell)
        if isinstance(cell, Suppressed):
            if key in self.values and key not in self.hidden:
                self.conflicts.append(f"{key}: published, and hidden elsewhere")
            self.hidden.add(key)
            if cell.reason == "small":
                self.small.add(key)
        elif key in self.hidden and value is not None:
            self.conflicts.append(f"{key}: hidden, and published elsewhere as {value}")
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
        if dimension is None or variable == dimension:
            # A question crossed with itself holds its own figures on the diagonal and
            # zeros elsewhere: nothing the margins do not already say.
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
        if not any(isinstance(cell, int) and cell for line in cells for cell in line) and any(
            isinstance(cell, Suppressed) for line in cells for cell in line
        ):
            # Every inner cell hidden (linked._all_hidden): zeros are hidden there too.
            model.maybe_zero.update(key for line in grid for key in line if key in model.hidden)
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


HEAT_MAP_GROUPINGS = ("department", "region", "role_profile", "work_stream", "level")


def add_heat_maps(
    model: Model,
    maps: LinkedHeatMaps,
    parents: dict[str, dict[str, str]],
    codes: Iterable[str],
    targets: Mapping[tuple[str, str], int] | None = None,
    lowest: int = 1,
) -> None:
    """Every heat map of ``codes`` a reader can see (by every grouping, community-wide and
    within every department) over unknown counts of each department x region x role
    profile: members below target and at target. The places are those the department views
    show groups for (a region or role profile is listed in a department's view only where
    it has members). A hidden group's n is at least 1; its below and at-target counts may
    be 0.

    With ``targets`` (the target of each role profile and competency code, which members
    see for their own profile and administrators for every one; ``lowest`` is the scale's
    lowest level) the reader also uses the total gap (mean gap times n) of every published
    cell and what the targets tell: no one is counted on a competency their profile has no
    target on, and at each place ``below <= gap <= (target - lowest) x below`` (so a target
    at the lowest level leaves no one below it). The hidden total gaps are unknowns, not
    audited: they are not counts.
    """
    present = maps.present
    places = [
        (department, region, profile)
        for department in maps.departments
        for region in present["region"].get(department, ())
        for profile in present["role_profile"].get(department, ())
    ]
    group_of = {
        "department": lambda place: place[0],
        "region": lambda place: place[1],
        "role_profile": lambda place: place[2],
        "work_stream": lambda place: parents["work_stream"].get(place[2], place[2]),
        "level": lambda place: parents["level"].get(place[2], place[2]),
    }
    for code in codes:
        if targets is not None:
            for place in places:
                _gap_bounds(model, code, place, targets.get((place[2], code)), lowest)
        for grouping in HEAT_MAP_GROUPINGS:
            if grouping not in maps.columns and grouping != "department":
                continue
            for department in (None, *maps.departments):
                heat_map = maps.heat_map(grouping, department)
                scope = [p for p in places if department is None or p[0] == department]
                for group in heat_map.groups:
                    inside = [p for p in scope if group_of[grouping](p) == group]
                    key = ("heat", code, grouping, department, group)
                    cell = heat_map.cells[(group, code)]
                    _heat_cell(model, key, code, inside, cell, gaps=targets is not None)
                if code in heat_map.community:
                    key = ("heat", code, grouping, department, "")
                    cell = heat_map.community[code]
                    _heat_cell(model, key, code, scope, cell, gaps=targets is not None)


def _gap_bounds(
    model: Model, code: str, place: tuple[str, str, str], target: int | None, lowest: int
) -> None:
    """``below <= gap <= most x below`` at one place, as equations with slack unknowns."""
    below, at, gap = (("below", code, place), ("at", code, place), ("gap", code, place))
    for unknown in (below, at, gap):
        model.values.setdefault(unknown, None)
    if target is None:
        model.equation([below, at], 0)
        return
    room, spare = ("gap-over-below", code, place), ("gap-under-most", code, place)
    model.values.setdefault(room, None)
    model.equation([below, room], gap)
    most = target - lowest
    if most == 0:
        model.equation([gap], 0)
        return
    ceiling = ("most-gap", code, place)
    model.values.setdefault(spare, None)
    model.values.setdefault(ceiling, None)
    model.equation([gap, spare], ceiling)
    model.equation([below] * most, ceiling)


def _heat_cell(
    model: Model,
    key: Key,
    code: str,
    inside: list[tuple[str, str, str]],
    cell: HeatCell,
    *,
    gaps: bool = False,
) -> None:
    first = model.figures.setdefault(("heat", code, *inside), key)
    repeated = first != key
    key = first
    below = [("below", code, place) for place in inside]
    at = [("at", code, place) for place in inside]
    for unknown in (*below, *at):
        model.values.setdefault(unknown, None)
    at_target = (
        cell.n - cell.below
        if isinstance(cell.n, int) and isinstance(cell.below, int)
        else cell.below
    )
    n_key = model.quantity((*key, "n"), cell.n)
    below_key = model.quantity((*key, "below"), cell.below)
    at_key = model.quantity((*key, "at"), at_target)
    for derived in (below_key, at_key):
        if derived in model.hidden:
            model.maybe_zero.add(derived)
    if repeated:
        return
    model.equation([*below, *at], n_key)
    model.equation(list(below), below_key)
    model.equation(list(at), at_key)
    if gaps:
        gap_key = (*key, "gap")
        mean_gap = cell.mean_gap
        if isinstance(cell.n, int) and isinstance(mean_gap, int | float):
            model.values[gap_key] = round(mean_gap * cell.n)
        elif isinstance(cell.n, int):  # n is 0: so is the gap
            model.values[gap_key] = 0
        else:
            model.values.setdefault(gap_key, None)
        model.equation([("gap", code, place) for place in inside], gap_key)
