"""Protected heat maps are cached under a digest of the counts they read: the same counts
give the cached maps (equal to a fresh computation), any changed count computes anew."""

import random
from dataclasses import replace
from typing import Any

from django.core.cache import cache

from guild.competencies.gaps import Atom, linked_heat_maps
from guild.competencies.selectors import heat_maps
from guild.competencies.selectors.heat_maps import protected_maps

PARENTS = {"work_stream": {"1": "rm", "2": "ds"}, "level": {"1": "is-03", "2": "is-04"}}


def _atoms(seed: int) -> list[Atom]:
    rng = random.Random(seed)
    atoms = []
    for code in ("RIL-01", "RIL-02"):
        for department in ("esdc", "cra", "ssc"):
            for region in ("ncr", "qc"):
                for profile in ("1", "2"):
                    n = rng.choice([0, 2, 6, 15])
                    below = rng.randint(0, n)
                    gap = below + rng.randint(0, below)  # each member below is 1 or 2 short
                    atoms.append(Atom(code, department, region, profile, n, below, gap))
    return atoms


def test_the_same_counts_read_the_cached_maps(monkeypatch: Any) -> None:
    cache.clear()
    calls: list[int] = []

    def counted(*args: object) -> object:
        calls.append(1)
        return linked_heat_maps(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(heat_maps, "linked_heat_maps", counted)
    atoms = _atoms(1)
    first = protected_maps(atoms, 10, PARENTS)
    again = protected_maps(list(atoms), 10, {k: dict(v) for k, v in PARENTS.items()})
    assert calls == [1]
    assert again == first == linked_heat_maps(atoms, 10, PARENTS)
    # One count more, another threshold or another parent: computed anew.
    last = atoms[-1]
    changed = [*atoms[:-1], replace(last, n=last.n + 1)]
    protected_maps(changed, 10, PARENTS)
    protected_maps(atoms, 11, PARENTS)
    protected_maps(atoms, 10, {**PARENTS, "level": {"1": "is-03", "2": "is-05"}})
    assert calls == [1, 1, 1, 1]
