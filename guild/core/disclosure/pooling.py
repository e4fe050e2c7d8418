"""Pooling groups too small to publish on their own."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from guild.core.disclosure.cells import (
    COMPLEMENTARY,
    SMALL,
    Cell,
    Suppressed,
    _count,
    check_threshold,
)


def pool_small_groups(
    counts: Mapping[str, int], threshold: int, other_label: str
) -> dict[str, int]:
    """Merge the groups below the threshold into one group called ``other_label``.

    The groups that keep their own line keep their order; the pool comes last, and only if
    some group went into it (a group missing from the result is in the pool). While the pool
    holds more than 0 and fewer than ``threshold`` people, the next-smallest group joins it
    (ties to the group listed first), until it reaches the threshold or holds every group.
    Pooling hides nothing itself: pass the result through :func:`suppress_frequencies` or
    :func:`suppress_table`, which hide a pool still below the threshold.
    """
    limit = check_threshold(threshold)
    if other_label in counts:
        raise ValueError(f"{other_label!r} is already the name of a group")
    values = {label: _count(value) for label, value in counts.items()}
    pooled = {label for label, value in values.items() if value < limit}
    if not pooled:
        return values
    pool = sum(values[label] for label in pooled)
    order = {label: index for index, label in enumerate(values)}
    waiting = sorted(
        (label for label in values if label not in pooled),
        key=lambda label: (values[label], order[label]),
    )
    for label in waiting:
        if not 0 < pool < limit:
            break
        pooled.add(label)
        pool += values[label]
    result = {label: value for label, value in values.items() if label not in pooled}
    result[other_label] = pool
    return result


@dataclass(frozen=True)
class PooledCounts:
    """Group sizes ready to publish: ``counts`` keeps the groups shown on their own (at least
    the threshold each) in their order, then ``other_label`` for the pool when there is one;
    ``total`` is everyone. Either may be hidden (see :func:`pool_with_room`)."""

    counts: dict[str, Cell]
    total: Cell

    def largest_first(
        self, other_label: str, name: Callable[[str], str] = str
    ) -> list[tuple[str, Cell]]:
        """The groups shown on their own, largest first (ties by ``name`` of their label),
        then the pool: the order pages list them in."""
        named = sorted(
            ((label, value) for label, value in self.counts.items() if label != other_label),
            key=lambda item: (-(item[1] if isinstance(item[1], int) else 0), name(item[0])),
        )
        if other_label in self.counts:
            named.append((other_label, self.counts[other_label]))
        return named


def pool_with_room(counts: Mapping[str, int], threshold: int, other_label: str) -> PooledCounts:
    """Group sizes (members by department, say) pooled so that each pooled group's size
    keeps a range at least ``threshold`` wide.

    As :func:`pool_small_groups`, but the pool of ``k`` non-empty groups grows (next-smallest
    group first) until it holds at least ``threshold + k`` people: a reader who knows each
    pooled group has at least 1 person then still cannot narrow any of them to fewer than
    ``threshold`` possible sizes. When even every group together is too few, everything is
    pooled and hidden, the total too. Groups of 0 are left out.
    """
    limit = check_threshold(threshold)
    if other_label in counts:
        raise ValueError(f"{other_label!r} is already the name of a group")
    values = {label: _count(value) for label, value in counts.items() if _count(value) > 0}
    order = {label: index for index, label in enumerate(values)}
    pooled = {label for label, value in values.items() if value < limit}
    waiting = sorted(
        (label for label in values if label not in pooled),
        key=lambda label: (values[label], order[label]),
    )
    pool = sum(values[label] for label in pooled)
    for label in waiting:
        if not 0 < pool < limit + len(pooled):
            break
        pooled.add(label)
        pool += values[label]
    total = sum(values.values())
    result: dict[str, Cell] = {
        label: value for label, value in values.items() if label not in pooled
    }
    if not pooled:
        return PooledCounts(result, total)
    if pool < limit + len(pooled):  # everyone is in the pool and still too few
        marker = SMALL if pool < limit else COMPLEMENTARY
        return PooledCounts({other_label: marker}, marker)
    result[other_label] = pool
    return PooledCounts(result, total)


def pool_breakdown(
    parent: PooledCounts, group: str, counts: Mapping[str, int], threshold: int, other_label: str
) -> PooledCounts | None:
    """One group of ``parent`` (a department of the community's pooled list, say) broken down
    by another grouping (its members by region), with :func:`pool_with_room`; ``None`` where
    ``parent`` does not show ``group`` on its own: its breakdown's total would give away
    the groups pooled with it."""
    if not isinstance(parent.counts.get(group), int):
        return None
    return pool_with_room(counts, threshold, other_label)


def shown(value: Cell) -> int | None:
    """A count as a page shows it: the number, or ``None`` where it is hidden."""
    return None if isinstance(value, Suppressed) else value
