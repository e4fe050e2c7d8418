"""Figures counted by the database give the same heat map and ranking as per-member rows."""

import random
from collections import defaultdict

import pytest

from guild.competencies.gaps import heat_map, heat_map_from_tallies
from guild.competencies.learning_needs import rank_from_tallies, rank_learning_needs


def _rows(seed: int) -> list[tuple[str, str, int, int | None]]:
    rng = random.Random(seed)
    return [
        (
            rng.choice("ABCDE"),
            rng.choice(["X-1", "X-2", "Y-1"]),
            rng.randint(1, 4),
            rng.choice([None, 1, 2, 3, 4]),
        )
        for _ in range(rng.randint(0, 120))
    ]


@pytest.mark.parametrize("seed", range(40))
def test_heat_map_from_tallies_matches_heat_map(seed: int) -> None:
    rows = _rows(seed)
    tallies: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for group, code, target, validated in rows:
        tally = tallies[(group, code)]
        if validated is not None:
            tally[0] += 1
            tally[1] += int(validated < target)
            tally[2] += max(0, target - validated)
    counted = [(g, c, n, b, t) for (g, c), (n, b, t) in tallies.items()]
    assert heat_map_from_tallies(counted, 5) == heat_map(rows, 5)
    split = [(g, c, n, 0, 0) for g, c, n, b, t in counted if b == 0 and t == 0] + [
        row for row in counted if row[3] or row[4]
    ]
    assert heat_map_from_tallies(split, 5) == heat_map(rows, 5)


@pytest.mark.parametrize("seed", range(40))
def test_rank_from_tallies_matches_rank_learning_needs(seed: int) -> None:
    rng = random.Random(seed)
    gaps = [(rng.choice(["A", "B", "C"]), rng.choice([None, 0, 0, 1, 2, 3])) for _ in range(50)]
    tallies: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for code, gap in gaps:
        tally = tallies[code]
        if gap is None:
            tally[3] += 1
        else:
            tally[0] += gap
            tally[1] += int(gap > 0)
            tally[2] += 1
    priorities = {"A": 2.0, "C": 0.5}
    counted = [(code, t[0], t[1], t[2], t[3]) for code, t in tallies.items()]
    assert rank_from_tallies(counted, priorities) == rank_learning_needs(gaps, priorities)
    assert rank_from_tallies(counted, headcount_weight=False) == rank_learning_needs(
        gaps, headcount_weight=False
    )


def test_inconsistent_tallies_are_refused() -> None:
    with pytest.raises(ValueError):
        heat_map_from_tallies([("A", "X", 2, 3, 3)], 5)
    with pytest.raises(ValueError):
        heat_map_from_tallies([("A", "X", 2, 2, 1)], 5)
    with pytest.raises(ValueError):
        heat_map_from_tallies([("A", "X", -1, 0, 0)], 5)
    with pytest.raises(ValueError):
        rank_from_tallies([("X", 1, 2, 1, 0)])
    with pytest.raises(ValueError):
        rank_from_tallies([("X", 0, 0, True, 0)])
