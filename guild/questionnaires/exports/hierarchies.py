"""Generalisation hierarchies of the quasi-identifiers that k_anonymity.py protects: for
each attribute, a chain of levels from the value as answered to withheld (``*``), built
from the values actually present (see "The model" in k_anonymity.py). Plain data; no ORM.
"""

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

WITHHELD = "*"
OTHER = "other"


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
