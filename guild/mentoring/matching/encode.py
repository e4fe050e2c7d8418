"""People as numpy columns, so that hard rules and scores are computed for millions of
candidate pairs at once: codes become bits of 64-bit words (a shared code is a bit set in
both), names become small integers, and the pairs that the reporting lines, the avoid lists
and the past pairs forbid become sorted integer keys `left * width + right` over positions."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from guild.mentoring.matching.inputs import FORMATS, LANGUAGES, Mentor, Person

BITS = 64


class Vocabulary:
    """A bit for every code seen, in the order first seen."""

    def __init__(self) -> None:
        self.bits: dict[str, int] = {}

    def add(self, codes: Iterable[str]) -> None:
        for code in codes:
            self.bits.setdefault(code, len(self.bits))

    def words(self) -> int:
        return max(1, -(-len(self.bits) // BITS))

    def encode(self, sets: Sequence[frozenset[str]]) -> np.ndarray:
        width = self.words()
        packed = [0] * len(sets)
        for index, codes in enumerate(sets):
            value = 0
            for code in codes:
                value |= 1 << self.bits[code]
            packed[index] = value
        out = np.zeros((len(sets), width), dtype=np.uint64)
        mask = (1 << BITS) - 1
        for word in range(width):
            shift = word * BITS
            out[:, word] = np.fromiter(
                ((value >> shift) & mask for value in packed), dtype=np.uint64, count=len(sets)
            )
        return out


def _mask(values: frozenset[str], order: Sequence[str]) -> int:
    return sum(1 << i for i, value in enumerate(order) if value in values)


@dataclass
class Columns:
    """One side of a round (or the whole buddy pool), by position."""

    ids: np.ndarray
    department: np.ndarray
    region: np.ndarray
    seniority: np.ndarray
    languages: np.ndarray
    formats: np.ndarray
    capacity: np.ndarray
    availability: np.ndarray
    wants: np.ndarray
    offers: np.ndarray
    goals: np.ndarray


class Encoder:
    """Shared numbering of departments, regions and codes for the people of one round."""

    def __init__(self, *pools: Sequence[Person]) -> None:
        self.names: dict[str, dict[str, int]] = {"department": {}, "region": {}}
        self.codes = {name: Vocabulary() for name in ("availability", "skills", "goals")}
        for pool in pools:
            for p in pool:
                self.names["department"].setdefault(p.department, len(self.names["department"]))
                self.names["region"].setdefault(p.region, len(self.names["region"]))
                self.codes["availability"].add(p.availability)
                self.codes["skills"].add(p.wants)
                self.codes["skills"].add(p.offers)
                self.codes["goals"].add(p.goals)

    def columns(self, pool: Sequence[Person]) -> Columns:
        n = len(pool)

        def ints(values: Iterable[int]) -> np.ndarray:
            return np.fromiter(values, dtype=np.int64, count=n)

        departments, regions = self.names["department"], self.names["region"]
        skills = self.codes["skills"]
        return Columns(
            ids=ints(p.id for p in pool),
            department=ints(departments[p.department] for p in pool),
            region=ints(regions[p.region] for p in pool),
            seniority=ints(p.seniority for p in pool),
            languages=ints(_mask(p.languages, LANGUAGES) for p in pool),
            formats=ints(_mask(p.formats, FORMATS) for p in pool),
            capacity=ints(p.capacity if isinstance(p, Mentor) else 1 for p in pool),
            availability=self.codes["availability"].encode([p.availability for p in pool]),
            wants=skills.encode([p.wants for p in pool]),
            offers=skills.encode([p.offers for p in pool]),
            goals=self.codes["goals"].encode([p.goals for p in pool]),
        )


def pair_keys(
    left: Sequence[Person],
    right: Sequence[Person],
    past: Iterable[tuple[int, int]],
) -> dict[str, np.ndarray]:
    """The forbidden pairs between `left` and `right` (the same pool for buddies), by rule:
    sorted unique keys `i * len(right) + j` over positions."""
    at_left = {p.id: i for i, p in enumerate(left)}
    at_right = {p.id: j for j, p in enumerate(right)}
    width = len(right)
    found: dict[str, set[int]] = {"reporting_line": set(), "avoid": set(), "past": set()}

    def both(a: int, b: int, rule: str) -> None:
        if a in at_left and b in at_right:
            found[rule].add(at_left[a] * width + at_right[b])
        if b in at_left and a in at_right:
            found[rule].add(at_left[b] * width + at_right[a])

    for pool in (left, right) if left is not right else (left,):
        for p in pool:
            for boss in p.reporting_line:
                both(p.id, boss, "reporting_line")
            for other in p.avoid:
                both(p.id, other, "avoid")
    for a, b in past:
        both(a, b, "past")
    return {rule: np.array(sorted(keys), dtype=np.int64) for rule, keys in found.items()}


def member_of(keys: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """For each key, whether it is in `sorted_keys`."""
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=bool)
    at = np.searchsorted(sorted_keys, keys)
    at[at == len(sorted_keys)] = 0
    return sorted_keys[at] == keys
