"""The selection optimiser: the cohort of nominees with the highest total score under the
intake's rules, each nominee's reasons for being in or out, or the rules that conflict.

A pure module (no ORM): `select_cohort(nominees, constraints)` takes frozen dataclasses
and returns a `Selection`. What the rules mean, precisely:

- **Seats.** The cohort fills exactly min(capacity, number of nominations) seats. Seats
  are never left empty to meet another rule: when the rules cannot all hold with every
  seat filled, that is a conflict, reported with the seat rule in it, so the committee
  lowers the capacity or relaxes a rule knowingly rather than receiving a short cohort.
- **Per-department maximum**: at most `max_per_department` selected from any department.
- **Minimum departments**: the selected come from at least `min_departments` distinct
  departments.
- **Balance.** A `Balance` rule counts the selected whose region, first official language
  or level equals one value, and bounds that count from below, above or both, either in
  seats or as a percentage of the seats filled. A percentage becomes seats rounded so the
  share is kept: at least 30% of 25 seats is 8 (7.5 rounded up), at most 40% of 25 is 10
  (rounded down). The IMLI case: `Balance("language", "fr", at_least=30, percent=True)`,
  `Balance("region", "NCR", at_most=40, percent=True)`, `Balance("level", "EX-01",
  at_least=5)`, `Balance("level", "EX-02", at_least=5)`. A value no rule names is free.
- **Score.** A `Decimal` of at most four places (not a float): totals and ties are exact,
  and the solver works on integer scores, so that its proof of optimality is a proof (two
  totals differ by at least one unit) and not a floating-point approximation.
- **Ties.** Among cohorts with the best total, a second solve keeps that total as a floor
  and prefers earlier nominations (lower ids): it maximises the sum of n - position in id
  order. The first solve alone decides the total; the answer does not depend on the
  order the nominations are given in.

HiGHS (through `scipy.optimize.milp`, relative gap 0) solves the model of `model.py`;
`Selection.optimal` is its proof. Bad input raises `SelectionError` with every problem;
no cohort raises `SelectionConflict` with a minimal conflicting set of rules
(`conflicts.py`); the reasons are computed from the optimal cohort (`explain.py`).
"""

from guild.programmes.selection.cohort import Selection, select_cohort
from guild.programmes.selection.conflicts import SelectionConflict
from guild.programmes.selection.explain import Explanation, Reason, sentences
from guild.programmes.selection.inputs import (
    Balance,
    Constraints,
    Nominee,
    Problem,
    SelectionError,
)
from guild.programmes.selection.rules import Kind, Rule

__all__ = [
    "Balance",
    "Constraints",
    "Explanation",
    "Kind",
    "Nominee",
    "Problem",
    "Reason",
    "Rule",
    "Selection",
    "SelectionConflict",
    "SelectionError",
    "select_cohort",
    "sentences",
]
