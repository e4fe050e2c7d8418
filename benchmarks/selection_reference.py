"""The selection benchmark's reference: the same cohort problem written plainly as one
mixed-integer programme over every nominee (no pruning of alike nominees, no tie-break
solve, no explanations) and handed to HiGHS through `scipy.optimize.milp`. Its optimum
is the best total any cohort can reach; the optimiser must reach the same total, and the
ratio of the two times is what the optimiser's extra work costs."""

import math
from collections.abc import Sequence
from decimal import Decimal

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_array

from guild.programmes.selection import Constraints, Nominee

SCALE = 10  # the benchmark's scores have one decimal place


def _seats(bound: Decimal | int, seats: int, *, percent: bool, at_least: bool) -> int:
    if not percent:
        return int(bound)
    exact = Decimal(bound) * seats / 100
    return math.ceil(exact) if at_least else math.floor(exact)


def best_total(nominees: Sequence[Nominee], rules: Constraints) -> Decimal:
    """The highest total score of a cohort that keeps every rule."""
    seats = min(rules.capacity, len(nominees))
    departments = sorted({n.department for n in nominees})
    column = {d: len(nominees) + i for i, d in enumerate(departments)}
    size = len(nominees) + len(departments)
    rows: list[tuple[dict[int, float], float, float]] = [
        ({i: 1.0 for i in range(len(nominees))}, seats, seats)
    ]
    for department in departments:
        members = [i for i, n in enumerate(nominees) if n.department == department]
        if rules.max_per_department is not None:
            rows.append(({i: 1.0 for i in members}, 0, rules.max_per_department))
        # The department counts only when someone from it is selected.
        rows.append(({**{i: -1.0 for i in members}, column[department]: 1.0}, -np.inf, 0))
    rows.append(({column[d]: 1.0 for d in departments}, rules.min_departments, np.inf))
    for balance in rules.balance:
        members = [
            i for i, n in enumerate(nominees) if getattr(n, balance.attribute) == balance.value
        ]
        low = balance.at_least
        high = balance.at_most
        rows.append(
            (
                {i: 1.0 for i in members},
                0 if low is None else _seats(low, seats, percent=balance.percent, at_least=True),
                np.inf
                if high is None
                else _seats(high, seats, percent=balance.percent, at_least=False),
            )
        )
    matrix = lil_array((len(rows), size))
    for r, (coefficients, _low, _high) in enumerate(rows):
        for c, value in coefficients.items():
            matrix[r, c] = value
    cost = np.zeros(size)
    for i, n in enumerate(nominees):
        cost[i] = -float(Decimal(n.score) * SCALE)
    solved = milp(
        cost,
        constraints=LinearConstraint(
            matrix.tocsr(), [low for _c, low, _h in rows], [high for _c, _l, high in rows]
        ),
        integrality=np.ones(size),
        bounds=Bounds(0, 1),
    )
    if solved.status != 0:
        raise RuntimeError(f"The reference found no optimal cohort: {solved.message}")
    chosen = [i for i in range(len(nominees)) if solved.x[i] > 0.5]
    return sum((Decimal(nominees[i].score) for i in chosen), Decimal(0))
