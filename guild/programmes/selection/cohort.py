"""The optimal cohort: check the input, solve twice (best total, then the tie-break among
cohorts with that total), verify the answer against the rules, explain it."""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from guild.core.errors import ApplicationError
from guild.programmes.selection.conflicts import INFEASIBLE, SelectionConflict, conflict
from guild.programmes.selection.explain import Explanation, explanations
from guild.programmes.selection.inputs import Constraints, Nominee, check
from guild.programmes.selection.model import CohortModel, Solved, contenders, integer_scores
from guild.programmes.selection.rules import Rule, Tally, rules_for

OPTIMAL = 0


@dataclass(frozen=True)
class Selection:
    selected: tuple[int, ...]
    """The selected nomination ids, highest score first (then by id)."""
    seats: int
    """The seats filled: the capacity, or every nomination when there are fewer."""
    total: Decimal
    optimal: bool
    """The solver proved that no cohort meeting the rules has a higher total."""
    status: str
    """The solver's own words on the first solve."""
    rules: tuple[Rule, ...]
    explanations: tuple[Explanation, ...]


def _proven(solved: Solved, value: int) -> bool:
    """`value`, the integer objective maximised, is proved the best: the solver minimises
    -value, its dual bound is at most -value, and less than 1 below it leaves no room for
    a better integer."""
    if solved.status != OPTIMAL:
        return False
    return math.isnan(solved.bound) or -value - solved.bound < 1


def _unproven(time_limit: float) -> ApplicationError:
    return ApplicationError(
        _("The optimiser could not prove the best cohort within %(seconds)d seconds.")
        % {"seconds": time_limit},
        code="selection_timeout",
    )


def select_cohort(
    nominees: Sequence[Nominee],
    constraints: Constraints,
    *,
    labels: Mapping[str, str] | None = None,
    time_limit: float = 60.0,
) -> Selection:
    """The cohort with the highest total score under the constraints, with each nominee's
    reasons. Raises `SelectionError` for bad input and `SelectionConflict`, naming a
    conflicting set of rules, when no cohort meets them all."""
    check(nominees, constraints)
    ordered = sorted(nominees, key=lambda n: n.id)
    seats = min(constraints.capacity, len(ordered))
    rules = rules_for(constraints, seats)
    most = min(seats, constraints.max_per_department or seats)
    kept = contenders(ordered, most)
    contending = [ordered[i] for i in kept]
    model = CohortModel(contending, rules)
    scores = integer_scores(contending)
    first = model.solve(rules, scores, time_limit=time_limit)
    if first.status == INFEASIBLE:
        everyone = CohortModel(ordered, rules)
        raise SelectionConflict(
            conflict(everyone, rules, time_limit=time_limit), ordered, labels or {}
        )
    if first.status != OPTIMAL or first.chosen is None:
        raise _unproven(time_limit)
    best = sum(scores[i] for i in first.chosen)
    # Among cohorts with the best total, the earlier nominations (lower ids) weigh more.
    earlier = [len(ordered) - position for position in kept]
    second = model.solve(rules, earlier, floor=(scores, best), time_limit=time_limit)
    chosen = second.chosen
    # Reasons hold only for a proved optimum and a proved tie-break: an unproved cohort
    # might be improved by a swap, or lose a tie it is said to win.
    if second.status != OPTIMAL or chosen is None or sum(scores[i] for i in chosen) != best:
        raise _unproven(time_limit)
    cohort = [contending[i] for i in chosen]
    if Tally(cohort).broken(rules):
        raise RuntimeError("the solver's cohort breaks a rule")
    ids = {n.id for n in cohort}
    return Selection(
        selected=tuple(n.id for n in sorted(cohort, key=lambda n: (-n.score, n.id))),
        seats=seats,
        total=sum((Decimal(n.score) for n in cohort), Decimal(0)),
        optimal=_proven(first, best) and _proven(second, sum(earlier[i] for i in chosen)),
        status=first.message,
        rules=rules,
        explanations=explanations(ordered, ids, rules),
    )
