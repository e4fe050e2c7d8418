"""The cohort as a mixed-integer programme solved by HiGHS through `scipy.optimize.milp`.

One binary x_i per nominee (in the cohort or not); with a minimum number of departments,
one binary y_d per department, which may be 1 only when someone from d is selected. Each
rule is a group of rows, so that any subset of the rules can be solved (the conflict
search drops groups one at a time). Scores enter as integers (the decimal scores times a
power of ten, divided by their common divisor): two cohorts with different totals then
differ by at least 1, and a dual bound less than 1 above the objective proves that no
better cohort exists.

Before the best cohort is sought, nominees alike in department, region, language and
level are ranked by score, then id, and only the first k of each kind are kept, k being
the seats or the department maximum, whichever is less (`contenders`). Swapping two
people of one kind changes no count a rule looks at, so a best cohort (and a best
tie-break among them) never leaves out someone of a kind in favour of a lower-ranked one
of the same kind, and at most k of a kind fit. The conflict search, where the seats rule
may be dropped, keeps everyone.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

from guild.programmes.selection.inputs import Nominee
from guild.programmes.selection.rules import Kind, Rule

Row = tuple[list[int], list[float], float, float]


@dataclass(frozen=True)
class Solved:
    chosen: tuple[int, ...] | None
    """Positions of the selected nominees, or None when no cohort exists."""
    status: int
    message: str
    objective: float
    bound: float


def integer_scores(nominees: Sequence[Nominee]) -> list[int]:
    """The scores as integers in one common unit, as small as keeps them exact."""
    places = max(-min(0, int(Decimal(n.score).normalize().as_tuple().exponent)) for n in nominees)
    scaled = [int(Decimal(n.score).scaleb(places)) for n in nominees]
    divisor = math.gcd(*scaled) or 1
    return [value // divisor for value in scaled]


def contenders(nominees: Sequence[Nominee], most: int) -> list[int]:
    """Positions of the nominees who can be in a best cohort of at most `most` per kind."""
    kinds: dict[tuple[str, str, str, str], list[int]] = {}
    for position, n in enumerate(nominees):
        kinds.setdefault((n.department, n.region, n.language, n.level), []).append(position)
    kept = []
    for positions in kinds.values():
        positions.sort(key=lambda p: (-nominees[p].score, nominees[p].id))
        kept.extend(positions[:most])
    return sorted(kept)


class CohortModel:
    def __init__(self, nominees: Sequence[Nominee], rules: Sequence[Rule]) -> None:
        self.nominees = nominees
        self.rules = rules
        self.size = len(nominees)
        self.members: dict[str, list[int]] = {}
        for position, nominee in enumerate(nominees):
            self.members.setdefault(nominee.department, []).append(position)
        self.departments = sorted(self.members)
        minimum = any(rule.kind is Kind.DEPARTMENTS_MIN for rule in rules)
        self.width = self.size + (len(self.departments) if minimum else 0)
        self.groups = {rule: self._rows(rule) for rule in rules}

    def _rows(self, rule: Rule) -> list[Row]:
        everyone = list(range(self.size))
        if rule.kind is Kind.SEATS:
            return [(everyone, [1.0] * self.size, rule.count, rule.count)]
        if rule.kind is Kind.DEPARTMENT_MAX:
            rows: list[Row] = []
            for department in self.departments:
                members = self.members[department]
                if len(members) > rule.count:
                    rows.append((members, [1.0] * len(members), -np.inf, rule.count))
            return rows
        if rule.kind is Kind.DEPARTMENTS_MIN:
            rows = []
            for offset, department in enumerate(self.departments):
                members = self.members[department]
                rows.append(
                    (
                        [*members, self.size + offset],
                        [-1.0] * len(members) + [1.0],
                        -np.inf,
                        0.0,
                    )
                )
            flags = list(range(self.size, self.width))
            rows.append((flags, [1.0] * len(flags), rule.count, np.inf))
            return rows
        counted = [
            i for i, n in enumerate(self.nominees) if getattr(n, rule.attribute) == rule.value
        ]
        if rule.kind is Kind.AT_LEAST:
            return [(counted, [1.0] * len(counted), rule.count, np.inf)]
        return [(counted, [1.0] * len(counted), -np.inf, rule.count)]

    def solve(
        self,
        rules: Sequence[Rule],
        objective: Sequence[int] | None = None,
        *,
        floor: tuple[Sequence[int], int] | None = None,
        time_limit: float = 60.0,
    ) -> Solved:
        """Maximise `objective` (per nominee) under `rules`, or only find a cohort when it is
        None; `floor` adds the row objective' . x >= value of an earlier solve."""
        rows = [row for rule in rules for row in self.groups[rule]]
        if floor is not None:
            weights, value = floor
            rows.append((list(range(self.size)), [float(w) for w in weights], value, np.inf))
        c = np.zeros(self.width)
        if objective is not None:
            c[: self.size] = -np.asarray(objective, dtype=float)
        constraints = []
        if rows:
            data = [v for row in rows for v in row[1]]
            columns = [j for row in rows for j in row[0]]
            pointers = np.cumsum([0] + [len(row[0]) for row in rows])
            matrix = csr_array((data, columns, pointers), shape=(len(rows), self.width))
            constraints.append(
                LinearConstraint(matrix, [row[2] for row in rows], [row[3] for row in rows])
            )
        result = milp(
            c,
            integrality=np.ones(self.width),
            bounds=Bounds(0, 1),
            constraints=constraints,
            options={"mip_rel_gap": 0, "time_limit": time_limit, "presolve": True},
        )
        if result.x is None:
            return Solved(None, result.status, result.message, math.nan, math.nan)
        chosen = tuple(int(i) for i in np.flatnonzero(result.x[: self.size] > 0.5))
        bound = getattr(result, "mip_dual_bound", math.nan)
        return Solved(chosen, result.status, result.message, float(result.fun), float(bound))
