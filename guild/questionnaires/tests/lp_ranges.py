"""The attacker's answer to an audit's equations (lp_auditor.py): the figures published
zeros add up, and the smallest and largest value of every hidden figure consistent with
all the published ones, by linear programming with HiGHS."""

from collections import defaultdict
from dataclasses import dataclass

import highspy
import numpy as np
from scipy.sparse import lil_matrix

from guild.questionnaires.tests.lp_auditor import Key, Model


@dataclass(frozen=True)
class Range:
    """A hidden figure's feasible range. ``implied_zero``: it is 0 because published zeros
    add it up (:func:`implied_zeros`), so the rules published it in effect (ADR 14)."""

    key: Key
    low: float
    high: float
    implied_zero: bool = False

    @property
    def width(self) -> float:
        return self.high - self.low


def implied_zeros(model: Model) -> set[Key]:
    """The unknowns that are 0 in every table fitting the published figures because a
    published 0 adds them up: every part of a sum that is 0 is 0, and a sum of zeros is 0,
    to a fixed point. A published 0 of a group says that of every group inside it ("no one
    in profile 1 is below target" says it of profile 1 in each department), so a hidden
    figure found here is known to be 0 from the published zeros alone, whatever else is
    hidden (ADR 14: zeros are published)."""
    unknown = {key for key, value in model.values.items() if value is None}
    zero: set[Key] = set()

    def is_zero(term: Key | int) -> bool:
        if isinstance(term, int):
            return term == 0
        return term in zero or (term not in unknown and model.values.get(term) == 0)

    changed = True
    while changed:
        changed = False
        for parts, total in model.equations:
            if is_zero(total):
                found = {part for part in parts if part in unknown} - zero
            elif isinstance(total, tuple) and total in unknown and all(map(is_zero, parts)):
                found = {total} - zero
            else:
                continue
            if found:
                zero |= found
                changed = True
    return zero


def feasible_ranges(
    model: Model,
    *,
    hidden_at_least: int = 1,
    wide_enough: float = float("inf"),
    max_narrow: int = 10**9,
) -> list[Range]:
    """The feasible range of every hidden figure, component by component; a range at
    least ``wide_enough`` wide may be reported narrower than it is (it is wide enough).

    A hidden figure is at least ``hidden_at_least`` (1: the reader knows the rules publish
    zeros), but for those in ``model.maybe_zero`` (a table whose inner cells are all hidden,
    zeros included, see linked._all_hidden), which are at least 0.

    Unknowns in :func:`implied_zeros` are fixed at 0 before any LP (exact: they are 0 in
    every feasible table, and the LPs left are smaller); a hidden one comes back as
    ``Range(key, 0, 0, implied_zero=True)``."""
    zero = implied_zeros(model)
    if hidden_at_least > 0:
        for key in sorted(zero & model.hidden - model.maybe_zero, key=repr):
            model.conflicts.append(f"{key}: hidden, so at least 1, but published zeros add it up")
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
        try:
            found = _solve(
                model,
                members,
                by_group[root],
                targets,
                zero,
                hidden_at_least,
                wide_enough,
                max_narrow,
            )
        except Infeasible as error:
            keys = sorted(members, key=repr)
            published = sorted(
                {p for parts, total in by_group[root] for p in (*parts, total)} - set(members),
                key=repr,
            )
            model.conflicts.append(f"{error}; unknowns {keys[:40]}; published {published[:40]}")
            continue
        ranges.extend(found)
    return ranges


def _solve(
    model: Model,
    members: list[Key],
    equations: list[tuple[list[Key], Key | int]],
    targets: list[Key],
    zero: set[Key],
    hidden_at_least: int,
    certified_width: float,
    max_narrow: int,
) -> list[Range]:
    """Maximise and minimise each target over one component, unless feasible tables
    already seen spread it ``certified_width`` or more (then that spread is reported).
    The model is built once and only the objective changes, so HiGHS starts each solve
    from the last basis, and every optimum found widens what is known of every target."""
    order = sorted(members, key=repr)
    index = {key: i for i, key in enumerate(order)}
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
    columns = matrix.tocsc()
    lp = highspy.HighsLp()
    lp.num_col_ = len(order)
    lp.num_row_ = len(equations)
    lp.col_cost_ = np.zeros(len(order))
    lp.col_lower_ = np.array(
        [
            float(hidden_at_least) if key in model.hidden and key not in model.maybe_zero else 0.0
            for key in order
        ]
    )
    lp.col_upper_ = np.array([0.0 if key in zero else highspy.kHighsInf for key in order])
    found = [Range(key, 0.0, 0.0, implied_zero=True) for key in targets if key in zero]
    targets = [key for key in targets if key not in zero]
    if not targets:
        return found
    lp.row_lower_ = rhs
    lp.row_upper_ = rhs
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = columns.indptr
    lp.a_matrix_.index_ = columns.indices
    lp.a_matrix_.value_ = columns.data
    solver = highspy.Highs()
    solver.setOptionValue("output_flag", False)
    solver.passModel(lp)
    low, high = _extremes_in_bulk(
        solver, [index[key] for key in targets], len(order), certified_width
    )
    narrow = 0
    for key in targets:
        column = index[key]
        bounds: dict[highspy.ObjSense, float] = {}
        for sense in (highspy.ObjSense.kMaximize, highspy.ObjSense.kMinimize):
            if high[column] - low[column] >= certified_width or narrow >= max_narrow:
                break  # two feasible tables already differ this much: wide enough
            optimum = _optimum(solver, column, sense)
            if optimum is None:
                high[column] = np.inf
                continue
            bounds[sense], values = optimum
            # The optimum is a feasible table: it widens what is known of every column.
            low = np.minimum(low, values)
            high = np.maximum(high, values)
        found.append(
            Range(
                key,
                bounds.get(highspy.ObjSense.kMinimize, low[column]),
                bounds.get(highspy.ObjSense.kMaximize, high[column]),
            )
        )
        narrow += found[-1].width < certified_width
    return found


class Infeasible(AssertionError):
    """No table fits the published figures: they contradict each other."""


def _optimum(
    solver: highspy.Highs, column: int, sense: highspy.ObjSense
) -> tuple[float, np.ndarray] | None:
    """The optimum of one column (None if unbounded) and the table reaching it."""
    solver.changeColCost(column, 1.0)
    solver.changeObjectiveSense(sense)
    for attempt in range(2):
        solver.run()
        status = solver.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal or attempt:
            break
        solver.clearSolver()  # a warm start gone wrong: once more from scratch
    found = None
    if status == highspy.HighsModelStatus.kOptimal:
        found = (
            solver.getInfo().objective_function_value,
            np.array(solver.getSolution().col_value),
        )
    solver.changeColCost(column, 0.0)
    if status == highspy.HighsModelStatus.kUnbounded:
        return None
    if found is None:
        raise Infeasible(f"column {column}: {status}")
    return found


def _extremes_in_bulk(
    solver: highspy.Highs, columns: list[int], width: int, wide: float
) -> tuple[np.ndarray, np.ndarray]:
    """The lowest and highest value each column takes over feasible tables found by
    pushing the columns not yet seen to spread ``wide`` all down, all up, then in random
    groups of a few dozen down and up, round after round while that still spreads some.
    Each column's feasible range contains [low, high], so a column already spread that
    wide needs no LP of its own."""
    rng = np.random.default_rng(2026)
    low = np.full(width, np.inf)
    high = np.full(width, -np.inf)
    every = np.arange(width, dtype=np.int32)

    def push(group: np.ndarray, sign: float) -> None:
        nonlocal low, high
        cost = np.zeros(width)
        cost[group] = sign * rng.uniform(0.5, 1.5, size=len(group))
        solver.changeColsCost(width, every, cost)
        solver.changeObjectiveSense(highspy.ObjSense.kMinimize)
        solver.run()
        if solver.getModelStatus() == highspy.HighsModelStatus.kOptimal:
            values = np.array(solver.getSolution().col_value)
            low = np.minimum(low, values)
            high = np.maximum(high, values)

    left = np.array(columns, dtype=np.int64)
    push(left, 1.0)
    push(left, -1.0)
    for _ in range(MAX_ROUNDS):
        left = left[high[left] - low[left] < wide]
        if not len(left):
            break
        before = len(left)
        for group in np.array_split(rng.permutation(left), max(1, len(left) // GROUP)):
            for sign in (1.0, -1.0):
                push(group, sign)
        if np.sum(high[left] - low[left] < wide) > 0.8 * before:
            break
    solver.changeColsCost(width, every, np.zeros(width))
    return low, high


GROUP = 40
MAX_ROUNDS = 6
