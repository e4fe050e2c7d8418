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
   (whole combinations, smallest first, if none can spare enough).

Every decision depends only on the counts, so the same records give the same output,
whatever their order; which records of a donor combination are suppressed in step 3 is
the first ones met in the second pass. ``SUPPRESSED`` is a value like any other: two
records match only where both are suppressed.
"""

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

import numpy as np

SUPPRESSED = "suppressed"
WITHHELD = "*"
OTHER = "other"
SUPPRESSION_LIMIT = 0.05  # the share of records local suppression may have to touch


class Scale(StrEnum):
    NOMINAL = "nominal"
    OPTIONS = "options"
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"


@dataclass(frozen=True)
class Attribute:
    """A quasi-identifier column: its name, how it can be generalised and, for
    ``OPTIONS``, the options in order (``NOMINAL`` uses them to break ties)."""

    name: str
    scale: Scale
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Level:
    """One level of a hierarchy: what it does, as data for the codebook."""

    number: int
    step: str  # "none", "pool", "band", "month", "year", "years", "withheld"
    width: int = 0  # band width (options, numbers or years)
    pooled: tuple[str, ...] = ()  # the categories pooled into `other`
    labels: tuple[Any, ...] = ()  # the values this level gives, in order


class Hierarchy:
    """The levels of one attribute, built from the values observed (``counts``)."""

    def __init__(self, attribute: Attribute, counts: Mapping[Any, int], k: int):
        self.attribute = attribute
        self.domain: list[Any] = _ordered_domain(attribute, counts)
        self.index = {value: i for i, value in enumerate(self.domain)}
        self.counts = [counts[value] for value in self.domain]
        self.present = [v for v in self.domain if v is not None]
        # maps[level][i]: the label index of domain value i; labels[level]: the labels.
        self.maps: list[list[int]] = []
        self.labels: list[list[Any]] = []
        self.levels: list[Level] = []
        self._add(Level(0, "none"), list(self.domain))
        for level, generalise in self._candidates(k):
            self._add(level, [None if v is None else generalise(v) for v in self.domain])
        self._add(Level(0, "withheld"), [WITHHELD] * len(self.domain))
        self.losses = [self._loss(level) for level in range(len(self.maps))]

    @property
    def top(self) -> int:
        return len(self.maps) - 1

    def _add(self, level: Level, values: list[Any]) -> None:
        labels: list[Any] = []
        seen: dict[Any, int] = {}
        mapping = []
        for value in values:
            if value not in seen:
                seen[value] = len(labels)
                labels.append(value)
            mapping.append(seen[value])
        if self.maps and level.step != "withheld" and len(labels) >= len(self.labels[-1]):
            return  # changes nothing the previous level did not
        self.maps.append(mapping)
        self.labels.append(labels)
        self.levels.append(
            Level(
                len(self.levels),
                level.step,
                level.width,
                level.pooled,
                tuple(label for label in labels if label is not None),
            )
        )

    def _candidates(self, k: int) -> Iterable[tuple[Level, Callable[[Any], Any]]]:
        scale = self.attribute.scale
        present = self.present
        if len(present) < 2:
            return
        if scale is Scale.NOMINAL:
            counts = {v: self.counts[self.index[v]] for v in present}
            order = {v: i for i, v in enumerate(present)}
            smallest_first = sorted(present, key=lambda v: (counts[v], order[v]))
            other = _fresh(OTHER, present)
            limit, size = k, 1
            while True:
                size = max(size + 1, _pool_size(smallest_first, counts, limit))
                if size >= len(present):
                    return
                members = frozenset(smallest_first[:size])

                def pool(value: Any, members: frozenset[Any] = members) -> Any:
                    return other if value in members else value

                pooled = tuple(str(v) for v in present if v in members)
                yield Level(0, "pool", limit, pooled), pool
                limit *= 2
        elif scale is Scale.OPTIONS:
            order = {v: i for i, v in enumerate(present)}
            width = 2
            while width < len(present):

                def band(value: Any, width: int = width) -> Any:
                    start = order[value] // width * width
                    end = min(start + width, len(present)) - 1
                    return f"{present[start]}..{present[end]}" if end > start else present[start]

                yield Level(0, "band", width), band
                width *= 2
        elif scale in (Scale.INTEGER, Scale.DECIMAL):
            numbers = [_number(v) for v in present]
            valid = [n for n in numbers if n is not None]
            if not valid:
                return
            low, high = min(valid), max(valid)
            width = 5
            while True:
                whole = scale is Scale.INTEGER

                def round_down(value: Any, width: int = width, whole: bool = whole) -> Any:
                    number = _number(value)
                    if number is None:
                        return WITHHELD
                    start = (number // width) * width
                    if whole:
                        return f"{int(start)}..{int(start) + width - 1}"
                    return f"{_plain(start)}..<{_plain(start + width)}"

                yield Level(0, "band", width), round_down
                if (low // width) == (high // width):
                    return
                width *= 2
        elif scale is Scale.DATE:
            yield Level(0, "month"), lambda value: str(value)[:7]
            yield Level(0, "year"), lambda value: str(value)[:4]
            years = [_year(v) for v in present]
            valid_years = [y for y in years if y is not None]
            if not valid_years:
                return
            low_year, high_year = min(valid_years), max(valid_years)
            width = 5
            while True:

                def years_band(value: Any, width: int = width) -> Any:
                    year = _year(value)
                    if year is None:
                        return WITHHELD
                    start = year // width * width
                    return f"{start}..{start + width - 1}"

                yield Level(0, "years", width), years_band
                if low_year // width == high_year // width:
                    return
                width *= 2

    def _loss(self, level: int) -> float:
        """Iyengar's loss metric, summed over the records (see the module docstring)."""
        if level == 0:
            return 0.0
        total = sum(self.counts)
        if level == self.top:
            return float(total)
        distinct = len(self.present)
        if distinct < 2:
            return 0.0
        mapping = self.maps[level]
        group_sizes = Counter(
            mapping[i] for i, value in enumerate(self.domain) if value is not None
        )
        return sum(
            self.counts[i] * (group_sizes[mapping[i]] - 1) / (distinct - 1)
            for i, value in enumerate(self.domain)
            if value is not None
        )

    def label(self, value: Any, level: int) -> Any:
        """`value` generalised to `level` (a value never seen is withheld)."""
        i = self.index.get(_key(value))
        if i is None:
            return WITHHELD
        return self.labels[level][self.maps[level][i]]


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
        for spare, _minus, key in donors:
            if need <= 0 or spare <= 0:
                break
            taken = min(spare, need)
            quotas[key] = taken
            need -= taken
        if need > 0:
            # Nobody can spare enough: take whole combinations, smallest first.
            for _spare, minus, key in sorted(donors, key=lambda d: (-d[1], d[2])):
                if need <= 0:
                    break
                if key in quotas:
                    continue
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


def _pool_size(smallest_first: Sequence[Any], counts: Mapping[Any, int], limit: int) -> int:
    """How many of the smallest categories are pooled at `limit`: every one held by fewer
    records, then the next smallest until the pool holds at least `limit`."""
    size = sum(1 for value in smallest_first if counts[value] < limit)
    if size == 0:
        return 0
    pool = sum(counts[value] for value in smallest_first[:size])
    while pool < limit and size < len(smallest_first):
        pool += counts[smallest_first[size]]
        size += 1
    return size


def _ordered_domain(attribute: Attribute, counts: Mapping[Any, int]) -> list[Any]:
    """The observed values in a stable order: the declared options first, in their order,
    then the rest sorted (numbers and dates by value); missing last."""
    present = [v for v in counts if v is not None]
    declared = {option: i for i, option in enumerate(attribute.options)}
    if attribute.scale in (Scale.INTEGER, Scale.DECIMAL):

        def by_number(value: Any) -> tuple[int, Decimal, str]:
            number = _number(value)
            return (0, number, str(value)) if number is not None else (1, Decimal(0), str(value))

        present.sort(key=by_number)
    else:
        present.sort(key=lambda v: (0, declared[v], "") if v in declared else (1, 0, str(v)))
    return [*present, None] if None in counts else present


def _key(value: Any) -> Any:
    """A hashable stand-in for an answer (lists and mappings are not quasi-identifiers)."""
    if value is None or (isinstance(value, (str, int, Decimal)) and not isinstance(value, bool)):
        return value
    return str(value)


def _number(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _plain(number: Decimal) -> str:
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _year(value: Any) -> int | None:
    try:
        return dt.date.fromisoformat(str(value)).year
    except ValueError:
        return None


def _fresh(label: str, taken: Iterable[Any]) -> str:
    used = {str(v) for v in taken}
    candidate, number = label, 1
    while candidate in used:
        candidate = f"{label}_{number}"
        number += 1
    return candidate
