"""A pair's score, in integers: the weights times a common power of ten, divided by their
greatest common divisor, so that every score and every total is an exact integer number of
`unit`s and the solvers compare integers (two totals that differ, differ by at least 1)."""

import math
from dataclasses import dataclass, field, fields
from decimal import Decimal

import numpy as np

from guild.mentoring.matching.encode import Columns
from guild.mentoring.matching.inputs import Person, Weights

CACHED = 100_000
CRITERIA = ("competencies", "goals", "region", "format", "availability")


@dataclass(frozen=True)
class Scale:
    points: dict[str, int]
    """Each criterion's weight in units."""
    unit: Decimal
    """What one unit is worth in the coordinator's points."""
    _written: dict[int, Decimal] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, weights: Weights) -> "Scale":
        values = {f.name: Decimal(getattr(weights, f.name)) for f in fields(weights)}
        places = max(-min(0, int(v.normalize().as_tuple().exponent)) for v in values.values())
        scaled = {name: int(v.scaleb(places)) for name, v in values.items()}
        divisor = math.gcd(*scaled.values()) or 1
        return cls(
            points={name: value // divisor for name, value in scaled.items()},
            unit=Decimal(divisor).scaleb(-places),
        )

    def decimal(self, units: int) -> Decimal:
        """`units` in points, without trailing zeros (12.5, 28150)."""
        known = self._written.get(units)
        if known is None:
            value = self.unit * units
            whole = value.to_integral_value()
            known = whole.quantize(Decimal(1)) if value == whole else value.normalize()
            if len(self._written) < CACHED:
                self._written[units] = known
        return known


def _shared(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The number of codes set in both, row by row."""
    return np.bitwise_count(a & b).sum(axis=1, dtype=np.int64)


def scores(
    scale: Scale, left: Columns, i: np.ndarray, right: Columns, j: np.ndarray, *, mutual: bool
) -> np.ndarray:
    """The score in units of each pair (left[i[k]], right[j[k]]). Competencies count what
    the left person wants and the right offers; with `mutual` (buddies), also the other way."""
    p = scale.points
    skills = _shared(left.wants[i], right.offers[j])
    if mutual:
        skills += _shared(right.wants[j], left.offers[i])
    total = p["competencies"] * skills
    total += p["goals"] * _shared(left.goals[i], right.goals[j])
    total += p["availability"] * _shared(left.availability[i], right.availability[j])
    total += p["region"] * (left.region[i] == right.region[j])
    total += p["format"] * ((left.formats[i] & right.formats[j]) != 0)
    return total


@dataclass(frozen=True)
class Criterion:
    """One criterion that scored for a pair: the shared codes (none for region and format)
    and the points, in the coordinator's points."""

    name: str
    codes: tuple[str, ...]
    points: Decimal


def breakdown(scale: Scale, a: Person, b: Person, *, mutual: bool) -> tuple[Criterion, ...]:
    """The criteria that scored for the pair (a, b), in the order of `CRITERIA`; the same
    count as `scores`, written out for people to read (a competency wanted both ways is
    named once and counted twice)."""
    p = scale.points
    out = []
    if p["competencies"]:
        wanted = a.wants & b.offers
        back = b.wants & a.offers if mutual else frozenset()
        count = len(wanted) + len(back)
        if count:
            codes = tuple(sorted(wanted)) + tuple(sorted(back - wanted))
            out.append(Criterion("competencies", codes, scale.decimal(p["competencies"] * count)))
    if p["goals"]:
        goals = a.goals & b.goals
        if goals:
            out.append(
                Criterion("goals", tuple(sorted(goals)), scale.decimal(p["goals"] * len(goals)))
            )
    if p["region"] and a.region == b.region:
        out.append(Criterion("region", (), scale.decimal(p["region"])))
    if p["format"]:
        formats = a.formats & b.formats
        if formats:
            out.append(Criterion("format", tuple(sorted(formats)), scale.decimal(p["format"])))
    if p["availability"]:
        slots = a.availability & b.availability
        if slots:
            units = p["availability"] * len(slots)
            out.append(Criterion("availability", tuple(sorted(slots)), scale.decimal(units)))
    return tuple(out)
