"""Competency gaps: a member's against their role profile, and a group heat map.

Pure standard-library code. Levels are whole numbers on a scale (1 to 4 unless a caller
passes another ``scale``); a role profile gives a target level per competency code.

The one rule
------------
A member assesses themselves; their supervisor confirms or adjusts. The **validated level**
is the supervisor's level when the supervisor gave one, otherwise the member's own
(:func:`validated_level`). A competency nobody assessed has no validated level.

Member gaps
-----------
``gap = max(0, target - validated)``: exceeding a target leaves no gap and earns no credit
elsewhere. A competency of the profile with no validated level is **not assessed**: its gap
is ``None`` (not ``target - 0``, which would rank "nobody has looked yet" as the largest
possible need), and :func:`to_assess` lists it separately. Assessments of competencies that
are not in the profile are ignored.

Heat map and disclosure
-----------------------
:func:`heat_map` publishes, per group (department, region, work stream...) and competency,
the number of members assessed (``n``), the number below their target, the share below
target and the mean gap, plus the same figures for the whole community (a column over all
groups). Members not assessed on a competency are left out of its cell.

Every cell describing fewer than ``threshold`` people (``0 < n < threshold``) is hidden,
``n`` included, with reason ``"small"``. Because the community column is the sum of the
group cells, one hidden cell could be worked out from the community column minus the
published cells (its ``n``, its count below target and, from the means, its total gap). So
for each competency, while the hidden cells of that competency hold more than 0 and fewer
than ``threshold`` people in total, the next-smallest published cell (ties to the group
that sorts first) is hidden too, with reason ``"complementary"``. Subtraction then yields
only the pooled figures of the hidden cells, which describe at least ``threshold`` people;
the community column itself is hidden when it describes fewer. A cell of 0 people is
published (it names nobody; its share and mean are ``None``).

What this does not cover: a published 0 below target (or all below) says something about
every member of that group, as any published group figure does; and heat maps of different
groupings of the same members (by department and by region) can be subtracted from each
other, so publish only groupings that do not nest or overlap in small pieces, or protect
them together.

The threshold check and the :class:`Suppressed` marker are those of
``guild.core.disclosure``, so heat maps are marked like every other published figure.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, TypeAlias

from guild.core.disclosure import COMPLEMENTARY, SMALL, Reason, Suppressed, check_threshold

SCALE: Final = (1, 4)
"""The default proficiency scale: lowest and highest level."""


def _level(value: int, scale: tuple[int, int], what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    low, high = scale
    if not low <= value <= high:
        raise ValueError(f"{what} {value} is outside the scale {low}-{high}")
    return value


def _scale(scale: tuple[int, int]) -> tuple[int, int]:
    low, high = scale
    if low > high:
        raise ValueError(f"scale {scale} is empty")
    return low, high


def validated_level(self_level: int | None, supervisor_level: int | None) -> int | None:
    """The supervisor's level when given, otherwise the member's own (``None`` if neither)."""
    return supervisor_level if supervisor_level is not None else self_level


@dataclass(frozen=True, slots=True)
class Gap:
    """One competency of a member's profile: the levels and the gap to the target.

    ``validated`` and ``gap`` are ``None`` when the competency is not assessed.
    """

    code: str
    target: int
    self_level: int | None
    supervisor_level: int | None
    validated: int | None
    gap: int | None

    @property
    def assessed(self) -> bool:
        return self.validated is not None


def member_gaps(
    targets: Mapping[str, int],
    assessments: Mapping[str, tuple[int | None, int | None]],
    scale: tuple[int, int] = SCALE,
) -> list[Gap]:
    """Each competency of the profile ``targets`` (in its order) with the member's gap.

    ``assessments`` maps a code to ``(self_level, supervisor_level)``, either may be
    ``None``; a code missing from it is not assessed. Levels and targets outside ``scale``
    raise ``ValueError``.
    """
    scale = _scale(scale)
    result = []
    for code, target in targets.items():
        _level(target, scale, f"target of {code}")
        self_level, supervisor_level = assessments.get(code, (None, None))
        if self_level is not None:
            _level(self_level, scale, f"self-assessed level of {code}")
        if supervisor_level is not None:
            _level(supervisor_level, scale, f"supervisor's level of {code}")
        validated = validated_level(self_level, supervisor_level)
        gap = None if validated is None else max(0, target - validated)
        result.append(Gap(code, target, self_level, supervisor_level, validated, gap))
    return result


def to_assess(gaps: Iterable[Gap]) -> list[str]:
    """The codes of the competencies not yet assessed, in order."""
    return [gap.code for gap in gaps if not gap.assessed]


def missing_levels(gap: Gap) -> list[int] | None:
    """The levels still to reach: above the validated level up to the target.

    Target 4, validated 2 gives ``[3, 4]``; at or above the target, ``[]``; not assessed,
    ``None`` (what is missing is not known yet).
    """
    if gap.validated is None:
        return None
    return list(range(gap.validated + 1, gap.target + 1))


Count: TypeAlias = int | Suppressed
Figure: TypeAlias = float | Suppressed | None
"""A share or a mean: published, hidden, or ``None`` where there is no one to describe."""


@dataclass(frozen=True, slots=True)
class HeatCell:
    """The figures of one group (or the community) on one competency.

    ``share_below`` is a fraction from 0 to 1; ``share_below`` and ``mean_gap`` are ``None``
    when ``n`` is 0. When the cell is hidden every figure is the same :class:`Suppressed`.
    """

    n: Count
    below: Count
    share_below: Figure
    mean_gap: Figure

    @property
    def suppressed(self) -> bool:
        return isinstance(self.n, Suppressed)


@dataclass(frozen=True)
class HeatMap:
    """Competencies by groups. ``groups`` and ``competencies`` are sorted; every pair has a
    cell in ``cells`` (keyed ``(group, competency)``), every competency one in ``community``.
    """

    groups: tuple[str, ...]
    competencies: tuple[str, ...]
    cells: dict[tuple[str, str], HeatCell]
    community: dict[str, HeatCell]

    def cell(self, group: str, competency: str) -> HeatCell:
        return self.cells[(group, competency)]


@dataclass
class _Tally:
    n: int = 0
    below: int = 0
    total_gap: int = 0

    def add(self, target: int, validated: int) -> None:
        self.n += 1
        self.below += int(validated < target)
        self.total_gap += max(0, target - validated)


def _published(tally: _Tally) -> HeatCell:
    if tally.n == 0:
        return HeatCell(0, 0, None, None)
    return HeatCell(tally.n, tally.below, tally.below / tally.n, tally.total_gap / tally.n)


def _hidden(marker: Suppressed) -> HeatCell:
    return HeatCell(marker, marker, marker, marker)


def _protect(sizes: Sequence[int], threshold: int) -> list[Reason | None]:
    """Which of one competency's group cells to hide (see the module's rules)."""
    reasons: list[Reason | None] = ["small" if 0 < n < threshold else None for n in sizes]
    pooled = sum(n for n, reason in zip(sizes, reasons, strict=True) if reason is not None)
    while 0 < pooled < threshold:
        candidates = [(n, i) for i, n in enumerate(sizes) if reasons[i] is None and n > 0]
        if not candidates:  # every group hidden: the community column is below threshold
            break
        n, index = min(candidates)
        reasons[index] = "complementary"
        pooled += n
    return reasons


def heat_map(
    rows: Iterable[tuple[str, str, int, int | None]],
    threshold: int,
    scale: tuple[int, int] = SCALE,
) -> HeatMap:
    """The heat map of ``rows``, one per member and competency: ``(group, competency,
    target, validated)``, ``validated`` ``None`` for a member not assessed on it.

    Small cells are hidden and protected as the module describes; the result does not
    depend on the order of ``rows``.
    """
    check_threshold(threshold)
    scale = _scale(scale)
    tallies: dict[tuple[str, str], _Tally] = {}
    for group, code, target, validated in rows:
        _level(target, scale, f"target of {code}")
        tally = tallies.setdefault((group, code), _Tally())
        if validated is not None:
            tally.add(target, _level(validated, scale, f"validated level of {code}"))
    return _heat_map(tallies, threshold)


def heat_map_from_tallies(
    tallies: Iterable[tuple[str, str, int, int, int]], threshold: int
) -> HeatMap:
    """The heat map of figures already counted per cell (by a database ``GROUP BY``):
    ``(group, competency, n, below, total_gap)``, where ``n`` is the number of members
    assessed, ``below`` how many of them are below their target and ``total_gap`` the sum of
    their gaps. A cell with ``n`` 0 puts its group and competency on the map. Rows for the
    same cell add up. Gives what :func:`heat_map` gives for the rows counted.
    """
    check_threshold(threshold)
    cells: dict[tuple[str, str], _Tally] = {}
    for group, code, n, below, total_gap in tallies:
        for what, value in (("n", n), ("below", below), ("total_gap", total_gap)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{what} of ({group}, {code}) must be an int >= 0: {value!r}")
        if below > n or total_gap < below:
            raise ValueError(f"inconsistent tally for ({group}, {code}): {n}, {below}, {total_gap}")
        tally = cells.setdefault((group, code), _Tally())
        tally.n += n
        tally.below += below
        tally.total_gap += total_gap
    return _heat_map(cells, threshold)


def _heat_map(tallies: dict[tuple[str, str], _Tally], threshold: int) -> HeatMap:
    limit = check_threshold(threshold)
    ordered_groups = tuple(sorted({group for group, _ in tallies}))
    ordered_competencies = tuple(sorted({code for _, code in tallies}))
    cells: dict[tuple[str, str], HeatCell] = {}
    community: dict[str, HeatCell] = {}
    for code in ordered_competencies:
        column = [tallies.get((group, code), _Tally()) for group in ordered_groups]
        reasons = _protect([tally.n for tally in column], limit)
        for group, tally, reason in zip(ordered_groups, column, reasons, strict=True):
            if reason is None:
                cells[(group, code)] = _published(tally)
            else:
                cells[(group, code)] = _hidden(SMALL if reason == "small" else COMPLEMENTARY)
        total = _Tally(
            n=sum(tally.n for tally in column),
            below=sum(tally.below for tally in column),
            total_gap=sum(tally.total_gap for tally in column),
        )
        community[code] = _hidden(SMALL) if 0 < total.n < limit else _published(total)
    return HeatMap(ordered_groups, ordered_competencies, cells, community)
