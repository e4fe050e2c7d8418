"""Hidden values and the threshold: the :class:`Suppressed` marker, percentages and means of
published counts, and one-way frequency tables."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

MINIMUM_THRESHOLD: Final = 5
DEFAULT_THRESHOLD: Final = 10
BREAKDOWN_BASE: Final = 5
"""A question answered by fewer than this many times the threshold is published as a
whole only, never broken down (:func:`too_few_to_break_down`)."""

Reason: TypeAlias = Literal["small", "complementary"]


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A hidden value. ``reason`` is ``"small"`` (primary) or ``"complementary"``."""

    reason: Reason


SMALL: Final = Suppressed("small")
COMPLEMENTARY: Final = Suppressed("complementary")

Cell: TypeAlias = int | Suppressed
"""A published count, or the marker that stands in for a hidden one."""

Percentage: TypeAlias = float | Suppressed
"""A published percentage (0 to 100), or the marker of the hidden count it would describe."""


def check_threshold(threshold: int) -> int:
    """Return ``threshold`` if it may be used; raise ``ValueError`` below 5."""
    if isinstance(threshold, bool) or not isinstance(threshold, int):
        raise TypeError(f"threshold must be an int, not {type(threshold).__name__}")
    if threshold < MINIMUM_THRESHOLD:
        raise ValueError(f"threshold {threshold} is below the minimum of {MINIMUM_THRESHOLD}")
    return threshold


def too_few_to_break_down(answered: "Cell | None", respondents: "Cell", threshold: int) -> bool:
    """Whether a question answered by ``answered`` of the ``respondents`` people (both as
    published) is too thin to be broken down by any other question, or to break others
    down: some of the respondents only (skip logic, or an optional question), and fewer
    than ``BREAKDOWN_BASE`` times the threshold.

    A few answers beside a large "no answer" spread over every table of the question, and
    their hidden counts' room is shared by all of those tables at once: tables that each
    protect them on their own leave them, together, a range narrower than the threshold
    (the LP audit of ADR 14 found such values only in the tables of a follow-up question
    answered by 37 of 428 people). The rule reads *published* figures only, so that
    withholding tells a reader nothing new: a hidden n never withholds.
    """
    limit = check_threshold(threshold)
    return (
        isinstance(answered, int)
        and isinstance(respondents, int)
        and 0 < answered < min(respondents, BREAKDOWN_BASE * limit)
    )


def _count(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"counts must be ints, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"counts cannot be negative: {value}")
    return value


def _primary(value: int, threshold: int) -> Reason | None:
    return "small" if 0 < value < threshold else None


def _cell(value: int, reason: Reason | None) -> Cell:
    if reason is None:
        return value
    return SMALL if reason == "small" else COMPLEMENTARY


def percent(part: Cell, whole: Cell) -> Percentage:
    """``part`` as a percentage of ``whole``; hidden when either of them is.

    A hidden ``part`` comes back as its own marker, a hidden ``whole`` as the whole's (the
    percentage of a published count over a hidden base would give the base away). ``0`` of
    ``0`` is ``0.0`` so that a question nobody answered renders without failing.
    """
    if isinstance(part, Suppressed):
        return part
    if isinstance(whole, Suppressed):
        return whole
    _count(part)
    _count(whole)
    if part > whole:
        raise ValueError(f"part {part} is larger than whole {whole}")
    if whole == 0:
        return 0.0
    return 100 * part / whole


def mean(total: float, count: Cell) -> float | Suppressed:
    """The mean of a quantity summed to ``total`` over ``count`` people.

    Take ``count`` from a suppressed result (a cell or a total): the mean is hidden whenever
    the count is, so it never describes fewer than the threshold. Raises ``ValueError`` for
    a count of 0 (there is nothing to average).
    """
    if isinstance(count, Suppressed):
        return count
    if _count(count) == 0:
        raise ValueError("the mean of no one is undefined")
    return total / count


@dataclass(frozen=True)
class Frequencies:
    """A one-way breakdown of a question: each option's count and percentage, and ``n``.

    ``counts`` and ``percentages`` keep the options' order. A percentage is published only
    where both the option's count and ``n`` are.
    """

    counts: dict[str, Cell]
    percentages: dict[str, Percentage]
    n: Cell


def _frequencies(labels: Sequence[str], counts: Sequence[Cell], n: Cell) -> Frequencies:
    if len(labels) != len(counts):
        raise ValueError(f"{len(labels)} labels for {len(counts)} counts")
    if len(set(labels)) != len(labels):
        raise ValueError("labels must be unique")
    return Frequencies(
        counts=dict(zip(labels, counts, strict=True)),
        percentages={label: percent(c, n) for label, c in zip(labels, counts, strict=True)},
        n=n,
    )


def suppress_frequencies(counts: Mapping[str, int], threshold: int) -> Frequencies:
    """Suppress a one-way frequency table whose counts add up to ``n``.

    Counts above 0 and below the threshold are hidden (as is ``n`` if it is); if that hides
    exactly one value, the smallest non-zero published value (an option's count, lowest
    index first, else ``n``) is hidden too, so that ``n`` minus the others cannot give it
    away. Use this only for a breakdown published on its own: a breakdown that is also
    published by group comes from :meth:`SuppressedTable.breakdown`.
    """
    limit = check_threshold(threshold)
    labels = list(counts)
    values = [_count(counts[label]) for label in labels]
    entries = [*values, sum(values)]
    reasons = [_primary(value, limit) for value in entries]
    if sum(reason is not None for reason in reasons) == 1:
        _, index = min(
            (value, index)
            for index, value in enumerate(entries)
            if reasons[index] is None and value > 0
        )
        reasons[index] = "complementary"
    cells = [_cell(value, reason) for value, reason in zip(entries, reasons, strict=True)]
    return _frequencies(labels, cells[:-1], cells[-1])


Grid: TypeAlias = list[list[int]]
Hidden: TypeAlias = list[list[Reason | None]]
