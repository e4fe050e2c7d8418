"""Learning needs analysis: which competencies most need learning, community-wide or per group.

Pure standard-library code. The input is one ``(competency code, gap)`` pair per member and
competency, the gap as :func:`guild.competencies.gaps.member_gaps` gives it (``None`` when
not assessed). For each competency:

* ``total_gap`` is the sum of the assessed members' gaps, ``assessed`` their number,
  ``below`` how many have a gap above 0, ``not_assessed`` how many pairs had ``None``;
* ``priority`` is the programme administrator's weight for the code (``1.0`` when
  ``priorities`` does not name it; finite and not negative);
* the **score** is ``priority * total_gap`` with ``headcount_weight=True`` (the default: a
  gap shared by many members counts once per member), or ``priority * total_gap /
  assessed`` (the mean gap) with ``headcount_weight=False``; it is 0 when nobody is
  assessed.

Competencies are ranked by score (highest first), then by ``below`` (more members below
target first), then by code. Scores are compared exactly (as fractions of the floats given),
so equal scores tie whatever rounding the float ``score`` shows. Multiplying every priority
by the same positive number changes no rank (exactly so when the products are exact, as with
powers of two or small whole numbers).

Per department: call :func:`rank_learning_needs` on that department's pairs
(:func:`rank_by_group` does it for every group). Totals per department describe people: a
page showing them outside a member's or their supervisor's view must hide departments below
the disclosure threshold, as :func:`guild.competencies.gaps.heat_map` does.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

DEFAULT_PRIORITY = 1.0


@dataclass(frozen=True, slots=True)
class Need:
    """One competency's learning need; ``rank`` starts at 1."""

    rank: int
    code: str
    score: float
    priority: float
    total_gap: int
    below: int
    assessed: int
    not_assessed: int

    @property
    def mean_gap(self) -> float | None:
        return self.total_gap / self.assessed if self.assessed else None


@dataclass
class _Tally:
    total_gap: int = 0
    below: int = 0
    assessed: int = 0
    not_assessed: int = 0


def _priority(priorities: Mapping[str, float], code: str) -> float:
    value = priorities.get(code, DEFAULT_PRIORITY)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"priority of {code} must be a number, not {type(value).__name__}")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"priority of {code} must be finite and not negative: {value}")
    return float(value)


def rank_learning_needs(
    gaps: Iterable[tuple[str, int | None]],
    priorities: Mapping[str, float] | None = None,
    headcount_weight: bool = True,
) -> list[Need]:
    """The competencies of ``gaps`` ranked by learning need (see the module for the score)."""
    tallies: dict[str, _Tally] = {}
    for code, gap in gaps:
        tally = tallies.setdefault(code, _Tally())
        if gap is None:
            tally.not_assessed += 1
            continue
        if isinstance(gap, bool) or not isinstance(gap, int):
            raise TypeError(f"gap of {code} must be an int or None, not {type(gap).__name__}")
        if gap < 0:
            raise ValueError(f"gap of {code} cannot be negative: {gap}")
        tally.total_gap += gap
        tally.below += int(gap > 0)
        tally.assessed += 1
    return _rank(tallies, priorities, headcount_weight)


def rank_from_tallies(
    tallies: Iterable[tuple[str, int, int, int, int]],
    priorities: Mapping[str, float] | None = None,
    headcount_weight: bool = True,
) -> list[Need]:
    """:func:`rank_learning_needs` of figures already counted per competency (by a database
    ``GROUP BY``): ``(code, total_gap, below, assessed, not_assessed)``. Rows for the same
    code add up."""
    counted: dict[str, _Tally] = {}
    for code, total_gap, below, assessed, not_assessed in tallies:
        for what, value in (
            ("total_gap", total_gap),
            ("below", below),
            ("assessed", assessed),
            ("not_assessed", not_assessed),
        ):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{what} of {code} must be an int >= 0: {value!r}")
        if below > assessed or total_gap < below:
            raise ValueError(f"inconsistent tally for {code}: {total_gap}, {below}, {assessed}")
        tally = counted.setdefault(code, _Tally())
        tally.total_gap += total_gap
        tally.below += below
        tally.assessed += assessed
        tally.not_assessed += not_assessed
    return _rank(counted, priorities, headcount_weight)


def _rank(
    tallies: Mapping[str, _Tally],
    priorities: Mapping[str, float] | None,
    headcount_weight: bool,
) -> list[Need]:
    weights = priorities or {}
    scored = []
    for code, tally in tallies.items():
        priority = _priority(weights, code)
        if tally.assessed == 0:
            exact = Fraction(0)
        elif headcount_weight:
            exact = Fraction(priority) * tally.total_gap
        else:
            exact = Fraction(priority) * Fraction(tally.total_gap, tally.assessed)
        scored.append((-exact, -tally.below, code, priority, tally))
    scored.sort(key=lambda item: item[:3])
    return [
        Need(
            rank=rank,
            code=code,
            score=float(-negative),
            priority=priority,
            total_gap=tally.total_gap,
            below=tally.below,
            assessed=tally.assessed,
            not_assessed=tally.not_assessed,
        )
        for rank, (negative, _, code, priority, tally) in enumerate(scored, start=1)
    ]


def rank_by_group(
    rows: Iterable[tuple[str, str, int | None]],
    priorities: Mapping[str, float] | None = None,
    headcount_weight: bool = True,
) -> dict[str, list[Need]]:
    """:func:`rank_learning_needs` per group of ``(group, code, gap)`` rows, groups sorted.

    Nothing is suppressed here: see the module on publishing figures per group.
    """
    by_group: dict[str, list[tuple[str, int | None]]] = {}
    for group, code, gap in rows:
        by_group.setdefault(group, []).append((code, gap))
    return {
        group: rank_learning_needs(by_group[group], priorities, headcount_weight)
        for group in sorted(by_group)
    }
