"""k-anonymity for row-level microdata: generalise, then locally suppress, the
quasi-identifiers until every combination of their values is shared by at least ``k``
records. Plain data in, plain data out; no ORM.

Why our own: the maintained Python packages that do this (ANJANA) pin old numpy and pandas
releases, need every column in one DataFrame and delete whole records; the others check
k-anonymity (pyCANON) or are unmaintained. This module keeps only the quasi-identifier
combinations in memory (never the rows) and blanks single values rather than records.

The model
---------
Each quasi-identifier (an *attribute*) has a generalisation hierarchy, a chain of levels
from 0 (the value as answered) to the top (every value replaced by ``*``: withheld):

* **nominal** (categories without order): level *j* pools the categories held by fewer
  than ``k·2^(j-1)`` records into one ``other`` category, then keeps adding the next
  smallest until the pool holds at least that many (as `core.disclosure.pool_small_groups`
  does for published tables). The pools grow from level to level, so the chain is nested.
* **options** (categories in a declared order: bands, levels, scales): level *j* merges
  runs of ``2^j`` neighbouring options into one band ``first..last``.
* **integer** / **decimal**: level *j* rounds down to bands ``5·2^(j-1)`` wide
  (``10..19``; decimals ``10..<20``).
* **date** (``YYYY-MM-DD``): month (``YYYY-MM``), then year, then bands of ``5·2^(j-1)``
  years.

A missing value (``None``) is a value of its own at every level below the top. Every
level is built from the values actually present, so a hierarchy never has a level that
changes nothing.

The algorithm
-------------
1. *Count* the distinct combinations of original values (one pass over the records).
2. *Global recoding*, greedy: while more than ``SUPPRESSION_LIMIT`` of the records sit in
   combinations shared by fewer than ``k`` records, raise one attribute by one level.
   Each candidate step is scored by the records it takes out of small combinations per
   unit of information lost (Iyengar's loss metric: a value generalised into a group of
   ``g`` of the attribute's ``D`` observed values loses ``(g-1)/(D-1)``; withheld loses 1).
   The best step is taken; when no step helps, the cheapest one. Ties go to the attribute
   declared first.
3. *Local suppression*: while some combinations are shared by fewer than ``k`` records,
   replace one attribute's value by ``suppressed`` in all of them: the attribute that
   leaves the fewest records in small combinations (ties: declared first). Records that
   end with every attribute suppressed form one combination; if it is still smaller than
   ``k``, records from the combinations with the most to spare are suppressed with it
   (whole combinations, smallest first, if together they cannot spare enough).

Every decision depends only on the counts, so the same records give the same output,
whatever their order; which records of a donor combination are suppressed in step 3 is
the first ones met in the second pass. ``SUPPRESSED`` is a value like any other: two
records match only where both are suppressed.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from guild.questionnaires.exports.hierarchies import (
    OTHER,
    WITHHELD,
    Attribute,
    Hierarchy,
    Level,
    Scale,
)

__all__ = [
    "OTHER",
    "SUPPRESSED",
    "WITHHELD",
    "Attribute",
    "AttributeReport",
    "Level",
    "Protection",
    "Scale",
    "protect",
]

SUPPRESSED = "suppressed"
SUPPRESSION_LIMIT = 0.05  # the share of records local suppression may have to touch


@dataclass
class AttributeReport:
    attribute: Attribute
    level: Level
    suppressed: int  # values replaced by SUPPRESSED


@dataclass
class Protection:
    """The decisions of one run: apply them to the same records with `apply`."""

    k: int
    records: int
    hierarchies: list[Hierarchy]
    levels: list[int]
    # A generalised combination still too small → the final combination.
    routes: dict[tuple[int, ...], tuple[Any, ...]] = field(default_factory=dict)
    # A donor combination → how many of its records are fully suppressed.
    quotas: dict[tuple[int, ...], int] = field(default_factory=dict)
    suppressed: list[int] = field(default_factory=list)
    at_risk_after_recoding: int = 0
    known: set[tuple[int, ...]] = field(default_factory=set)
    # What `apply` gave out: each released combination and how many records hold it.
    released: Counter[tuple[Any, ...]] = field(default_factory=Counter)
    unexpected: int = 0

    def reports(self) -> list[AttributeReport]:
        return [
            AttributeReport(h.attribute, h.levels[level], count)
            for h, level, count in zip(self.hierarchies, self.levels, self.suppressed, strict=True)
        ]

    def prepare(self) -> None:
        """Ready `apply`: a look-up per attribute and the output of every combination."""
        self._lookups = [
            {value: h.maps[level][i] for i, value in enumerate(h.domain)}
            for h, level in zip(self.hierarchies, self.levels, strict=True)
        ]
        labels = [h.labels[level] for h, level in zip(self.hierarchies, self.levels, strict=True)]
        self._outputs = {
            key: self.routes.get(key) or tuple(labels[p][code] for p, code in enumerate(key))
            for key in self.known
        }
        self._everything = tuple(
            WITHHELD if level == h.top else SUPPRESSED
            for h, level in zip(self.hierarchies, self.levels, strict=True)
        )

    def apply(self, values: Sequence[Any]) -> list[Any]:
        """The protected values of one record (its quasi-identifiers, in attribute order).
        Records must be the ones `protect` counted; donors are taken as they come."""
        key = tuple(map(dict.get, self._lookups, values))
        result = self._outputs.get(key)  # type: ignore[arg-type]
        if result is None:
            # Not among the records counted: say so rather than guess (see `verify`).
            self.unexpected += 1
            result = (SUPPRESSED,) * len(key)
        elif quota := self.quotas.get(key, 0):  # type: ignore[arg-type]
            self.quotas[key] = quota - 1  # type: ignore[index]
            result = self._everything
        self.released[result] += 1
        return list(result)

    def verify(self) -> None:
        """Raise unless every combination `apply` gave out is shared by at least k
        records and every record was one `protect` counted (the data did not change
        between the two passes)."""
        smallest = min(self.released.values(), default=self.k)
        if self.unexpected or smallest < self.k:
            raise ValueError(
                f"the released records are not {self.k}-anonymous "
                f"(smallest combination {smallest}, {self.unexpected} unexpected records)"
            )


def protect(
    attributes: Sequence[Attribute], records: Iterable[Sequence[Any]], k: int
) -> Protection:
    """Decide how to make `records` (each the attributes' values, in order: strings,
    integers or None) k-anonymous.
    Raises ValueError when there are some but fewer than `k` records: no file can hide
    one person among fewer than k."""
    if k < 1:
        raise ValueError("k must be at least 1")
    combinations: Counter[tuple[Any, ...]] = Counter(map(tuple, records))
    total = sum(combinations.values())
    if 0 < total < k:
        raise ValueError(f"{total} records cannot be {k}-anonymous")
    per_attribute: list[Counter[Any]] = [Counter() for _ in attributes]
    for combination, count in combinations.items():
        for position, value in enumerate(combination):
            per_attribute[position][value] += count
    hierarchies = [
        Hierarchy(attribute, counts, k)
        for attribute, counts in zip(attributes, per_attribute, strict=True)
    ]
    coded: Counter[tuple[int, ...]] = Counter()
    for combination, count in combinations.items():
        coded[tuple(h.index[v] for h, v in zip(hierarchies, combination, strict=True))] += count
    del combinations
    levels = _recode(hierarchies, coded, k, total)
    protection = Protection(k, total, hierarchies, levels)
    generalised = _generalise(coded, hierarchies, levels)
    protection.known = set(generalised)
    protection.at_risk_after_recoding = _at_risk(generalised, k)
    _suppress(protection, generalised)
    protection.prepare()
    return protection


def _generalise(
    coded: Mapping[tuple[int, ...], int], hierarchies: Sequence[Hierarchy], levels: Sequence[int]
) -> Counter[tuple[int, ...]]:
    maps = [h.maps[level] for h, level in zip(hierarchies, levels, strict=True)]
    result: Counter[tuple[int, ...]] = Counter()
    for combination, count in coded.items():
        result[tuple(m[i] for m, i in zip(maps, combination, strict=True))] += count
    return result


def _at_risk(combinations: Mapping[Any, int], k: int) -> int:
    return sum(count for count in combinations.values() if count < k)


def _recode(
    hierarchies: Sequence[Hierarchy], coded: Mapping[tuple[int, ...], int], k: int, total: int
) -> list[int]:
    """Step 2 of the module docstring, then a pass that lowers again, one level at a time
    (the largest saving first), any attribute the budget does not need so high.

    Combinations are compared through a 64-bit hash of their codes, so each candidate step
    costs one sort of the distinct combinations. A collision could only make a step look
    better than it is: step 3 and `Protection.verify` count exactly."""
    width = len(hierarchies)
    levels = [0] * width
    if not coded:
        return levels
    original = np.array(list(coded.keys()), dtype=np.int64).reshape(len(coded), width)
    original_counts = np.fromiter(coded.values(), dtype=np.int64, count=len(coded))
    radix = np.random.default_rng(20260).integers(1, 2**62, size=width, dtype=np.uint64) | 1
    budget = int(total * SUPPRESSION_LIMIT)

    steps: dict[tuple[int, int], Any] = {}

    def step_of(position: int, level: int) -> Any:
        if (position, level) not in steps:
            steps[position, level] = np.asarray(
                _step_map(hierarchies[position], level), dtype=np.int64
            )
        return steps[position, level]

    def hashed(codes: Any) -> Any:
        key = np.zeros(len(codes), dtype=np.uint64)
        for position in range(width):
            key += codes[:, position].astype(np.uint64) * radix[position]
        return key

    def classes(key: Any, counts: Any) -> tuple[Any, Any, Any]:
        """Sort order, start of each class in it, and each class's size."""
        order = np.argsort(key, kind="stable")
        ordered = key[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        return order, starts, np.add.reduceat(counts[order], starts)

    def at_risk(key: Any, counts: Any) -> int:
        sizes = classes(key, counts)[2]
        return int(sizes[sizes < k].sum())

    # The distinct combinations at the current levels, merged as levels rise.
    codes, counts = original, original_counts
    key = hashed(codes)
    risk = at_risk(key, counts)
    while risk > budget:
        best: tuple[float, float, int] | None = None
        best_key: Any = None
        best_risk = risk
        for position, hierarchy in enumerate(hierarchies):
            level = levels[position]
            if level >= hierarchy.top:
                continue
            step = step_of(position, level)
            column = codes[:, position]
            trial = (
                key
                + (step[column].astype(np.uint64) - column.astype(np.uint64)) * (radix[position])
            )
            trial_risk = at_risk(trial, counts)
            gained = risk - trial_risk
            lost = hierarchy.losses[level + 1] - hierarchy.losses[level]
            score = (
                (-gained / (lost + 1e-9), lost, position) if gained > 0 else (0.0, lost, position)
            )
            if best is None or score < best:
                best, best_key, best_risk = score, trial, trial_risk
        if best is None:
            break  # every attribute withheld
        position = best[2]
        step = step_of(position, levels[position])
        levels[position] += 1
        codes = codes.copy()
        codes[:, position] = step[codes[:, position]]
        order, starts, sizes = classes(best_key, counts)
        codes, counts, key, risk = codes[order[starts]], sizes, best_key[order[starts]], best_risk
    # Lower again what the budget does not need so high, from the original combinations.
    maps = [[np.asarray(m, dtype=np.int64) for m in h.maps] for h in hierarchies]

    def at_levels(trial_levels: Sequence[int]) -> int:
        generalised = np.stack(
            [maps[p][trial_levels[p]][original[:, p]] for p in range(width)], axis=1
        )
        return at_risk(hashed(generalised), original_counts)

    lowered = True
    while lowered:
        lowered = False
        candidates = sorted(
            (-(h.losses[levels[p]] - h.losses[levels[p] - 1]), p)
            for p, h in enumerate(hierarchies)
            if levels[p] > 0
        )
        for _saving, position in candidates:
            trial_levels = list(levels)
            trial_levels[position] -= 1
            if at_levels(trial_levels) <= budget:
                levels = trial_levels
                lowered = True
                break
    return levels


def _step_map(hierarchy: Hierarchy, level: int) -> list[int]:
    """Label index at `level` → label index at `level + 1` (the chain is nested)."""
    step = [0] * len(hierarchy.labels[level])
    for i, code in enumerate(hierarchy.maps[level]):
        step[code] = hierarchy.maps[level + 1][i]
    return step


def _suppress(protection: Protection, generalised: Counter[tuple[int, ...]]) -> None:
    k = protection.k
    hierarchies, levels = protection.hierarchies, protection.levels
    width = len(hierarchies)
    labels = [h.labels[level] for h, level in zip(hierarchies, levels, strict=True)]

    def decoded(key: tuple[int, ...]) -> tuple[Any, ...]:
        return tuple(labels[p][c] for p, c in enumerate(key))

    # Current value of every generalised combination; small ones are rewritten.
    current: dict[tuple[int, ...], tuple[Any, ...]] = {key: decoded(key) for key in generalised}
    counts: Counter[tuple[Any, ...]] = Counter()
    for key, count in generalised.items():
        counts[current[key]] += count
    suppressed = [0] * width
    withheld = {p for p in range(width) if levels[p] == hierarchies[p].top}
    for _round in range(width):
        small = {values for values, count in counts.items() if count < k}
        if not small:
            break
        best: tuple[int, int] | None = None
        for position in range(width):
            if position in withheld or all(v[position] == SUPPRESSED for v in small):
                continue
            trial = Counter(
                {values: count for values, count in counts.items() if values not in small}
            )
            for values in small:
                trial[_with(values, position, SUPPRESSED)] += counts[values]
            score = (_at_risk(trial, k), position)
            if best is None or score < best:
                best = score
        if best is None:
            break
        position = best[1]
        for key, values in current.items():
            if values in small:
                if values[position] != SUPPRESSED:
                    suppressed[position] += generalised[key]
                current[key] = _with(values, position, SUPPRESSED)
        counts = Counter()
        for key, count in generalised.items():
            counts[current[key]] += count
    everything = tuple(WITHHELD if p in withheld else SUPPRESSED for p in range(width))
    # Whatever is still small now can only be the fully suppressed combination (or, when
    # every attribute is withheld, nothing).
    for values, count in list(counts.items()):
        if count < k and values != everything:
            for key, now in current.items():
                if now == values:
                    for p in range(width):
                        if now[p] not in (SUPPRESSED, WITHHELD):
                            suppressed[p] += generalised[key]
                    current[key] = everything
            counts[everything] += count
            del counts[values]
    need = k - counts.get(everything, 0)
    if 0 < need < k:
        donors = sorted(
            (
                (count - k, -count, key)
                for key, count in generalised.items()
                if counts[current[key]] == count and current[key] != everything
            ),
            reverse=True,
        )
        quotas: dict[tuple[int, ...], int] = {}
        if sum(max(spare, 0) for spare, _minus, _key in donors) >= need:
            for spare, _minus, key in donors:
                if need <= 0 or spare <= 0:
                    break
                taken = min(spare, need)
                quotas[key] = taken
                need -= taken
        else:
            # Together the donors cannot spare enough without falling under k themselves:
            # take whole combinations, smallest first, so that none is left small.
            for _spare, minus, key in sorted(donors, key=lambda d: (-d[1], d[2])):
                if need <= 0:
                    break
                quotas[key] = -minus
                need -= -minus
        for key, taken in quotas.items():
            for p in range(width):
                if current[key][p] not in (SUPPRESSED, WITHHELD):
                    suppressed[p] += taken
        protection.quotas = quotas
    protection.routes = {key: values for key, values in current.items() if values != decoded(key)}
    protection.suppressed = suppressed


def _with(values: tuple[Any, ...], position: int, value: Any) -> tuple[Any, ...]:
    return (*values[:position], value, *values[position + 1 :])
