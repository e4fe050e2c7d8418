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

Heat maps and disclosure
------------------------
:func:`linked_heat_maps` publishes, per competency and group, the number of members
assessed (``n``), the number below their target, the share below target and the mean gap,
for every grouping a page or the API offers: departments, regions, role profiles and the
coarser groupings of role profiles (work streams, occupational group-levels), community-wide
and within each department. Members not assessed on a competency are left out of its cell;
callers pass only members who agreed to be counted.

All of them are protected together by ``guild.core.disclosure`` (its "one rule"), per
competency: the departments are the rows of two tables, by region and by role profile, each
counted in four measures (assessed, below target, at target, total gap), suppressed by
:func:`~guild.core.disclosure.suppress_linked_tables`; the maps by work stream and
group-level add up role-profile columns with :func:`~guild.core.disclosure.merge_columns`.
Every published figure is then a cell or a total of those tables, or a sum of published
ones, so subtracting one map (or one department's view) from another recovers nothing; a
hidden cell hides all its figures, zeros included; and the members below target and those at
target are each 0 or at least the threshold wherever a cell is published.

:func:`heat_map` and :func:`heat_map_from_tallies` protect one grouping on its own (the
groups as the rows of a single-column table): use them only for a map published alone.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final, TypeAlias

from guild.core.disclosure import (
    Suppressed,
    SuppressedTable,
    check_threshold,
    merge_columns,
    suppress_linked_tables,
)

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


def _check_tally(what: str, n: int, below: int, total_gap: int) -> None:
    for name, value in (("n", n), ("below", below), ("total_gap", total_gap)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{name} of {what} must be an int >= 0: {value!r}")
    if below > n or total_gap < below:
        raise ValueError(f"inconsistent tally for {what}: {n}, {below}, {total_gap}")


def heat_map(
    rows: Iterable[tuple[str, str, int, int | None]],
    threshold: int,
    scale: tuple[int, int] = SCALE,
) -> HeatMap:
    """The heat map of ``rows``, one per member and competency: ``(group, competency,
    target, validated)``, ``validated`` ``None`` for a member not assessed on it, protected
    on its own (see the module). The result does not depend on the order of ``rows``.
    """
    check_threshold(threshold)
    scale = _scale(scale)
    tallies: dict[tuple[str, str], _Tally] = {}
    for group, code, target, validated in rows:
        _level(target, scale, f"target of {code}")
        tally = tallies.setdefault((group, code), _Tally())
        if validated is not None:
            tally.add(target, _level(validated, scale, f"validated level of {code}"))
    return heat_map_from_tallies(
        [(g, c, t.n, t.below, t.total_gap) for (g, c), t in tallies.items()], threshold
    )


def heat_map_from_tallies(
    tallies: Iterable[tuple[str, str, int, int, int]], threshold: int
) -> HeatMap:
    """The heat map of figures already counted per cell (by a database ``GROUP BY``):
    ``(group, competency, n, below, total_gap)``, where ``n`` is the number of members
    assessed, ``below`` how many of them are below their target and ``total_gap`` the sum of
    their gaps. A cell with ``n`` 0 puts its group and competency on the map. Rows for the
    same cell add up. Gives what :func:`heat_map` gives for the rows counted.
    """
    atoms = []
    for group, code, n, below, total_gap in tallies:
        _check_tally(f"({group}, {code})", n, below, total_gap)
        atoms.append(Atom(code, group, "", "", n, below, total_gap))
    return linked_heat_maps(atoms, threshold).heat_map("department")


@dataclass(frozen=True, slots=True)
class Atom:
    """Members counted together: those of one department, region and role profile on one
    competency. ``n`` 0 puts the department, region and role profile on the maps."""

    code: str
    department: str
    region: str
    profile: str
    n: int
    below: int
    total_gap: int


BASE_GROUPINGS: Final = ("region", "role_profile")
"""The groupings whose tables are suppressed; the others add up role-profile columns."""

Measures: TypeAlias = tuple[SuppressedTable, SuppressedTable, SuppressedTable]
"""One table of a competency in its three published measures: n, below, total gap."""


def _cell(measures: Measures, i: int, j: int) -> HeatCell:
    """The heat cell at place ``(i, j)`` of the extended tables (totals included)."""

    def at(table: SuppressedTable) -> int | Suppressed:
        height, width = len(table.row_totals), len(table.column_totals)
        if i == height:
            return table.grand_total if j == width else table.column_totals[j]
        return table.row_totals[i] if j == width else table.cells[i][j]

    n, below, total_gap = (at(table) for table in measures)
    if not isinstance(n, int) or not isinstance(below, int) or not isinstance(total_gap, int):
        marker = next(v for v in (n, below, total_gap) if isinstance(v, Suppressed))
        return HeatCell(marker, marker, marker, marker)
    if n == 0:
        return HeatCell(0, 0, None, None)
    return HeatCell(n, below, below / n, total_gap / n)


@dataclass(frozen=True)
class LinkedHeatMaps:
    """Every heat map of a community's competencies, protected together.

    ``columns`` lists each grouping's groups (sorted); ``present`` the groups of each
    grouping with members in each department; ``tables[code][grouping]`` the suppressed
    measures with departments as rows and that grouping's groups as columns.
    """

    threshold: int
    competencies: tuple[str, ...]
    departments: tuple[str, ...]
    columns: dict[str, tuple[str, ...]]
    present: dict[str, dict[str, tuple[str, ...]]]
    tables: dict[str, dict[str, Measures]]

    def heat_map(self, group_by: str, department: str | None = None) -> HeatMap:
        """The map by ``group_by`` ("department" or a key of ``columns``), community-wide or
        within ``department`` (its column of the community map by department as total)."""
        grouping = "region" if group_by == "department" else group_by
        if grouping not in self.columns:
            raise ValueError(f"no grouping {group_by!r}")
        rows = {d: i for i, d in enumerate(self.departments)}
        height = len(self.departments)
        cells: dict[tuple[str, str], HeatCell] = {}
        community: dict[str, HeatCell] = {}
        if department is not None and department not in rows:
            return HeatMap((), (), {}, {})  # nobody counted there: nothing to show
        if group_by == "department":
            groups = self.departments if department is None else (department,)
            places = {g: (rows[g], len(self.columns[grouping])) for g in groups}
        else:
            position = {g: j for j, g in enumerate(self.columns[grouping])}
            if department is None:
                groups = self.columns[grouping]
                places = {g: (height, position[g]) for g in groups}
            else:
                groups = self.present[grouping].get(department, ())
                places = {g: (rows[department], position[g]) for g in groups}
        total = (
            (height, len(self.columns[grouping]))
            if department is None
            else (rows[department], len(self.columns[grouping]))
        )
        for code in self.competencies:
            measures = self.tables[code][grouping]
            for group, (i, j) in places.items():
                cells[(group, code)] = _cell(measures, i, j)
            community[code] = _cell(measures, *total)
        return HeatMap(tuple(groups), self.competencies, cells, community)


def linked_heat_maps(
    atoms: Iterable[Atom],
    threshold: int,
    parents: Mapping[str, Mapping[str, str]] | None = None,
) -> LinkedHeatMaps:
    """All heat maps of ``atoms``, protected together (see the module).

    ``parents`` maps each coarser grouping ("work_stream", "level") to the group of each
    role profile in it; a role profile it does not name is a group of its own there.
    """
    limit = check_threshold(threshold)
    found = list(atoms)
    for atom in found:
        _check_tally(f"({atom.department}, {atom.code})", atom.n, atom.below, atom.total_gap)
    codes = tuple(sorted({atom.code for atom in found}))
    departments = tuple(sorted({atom.department for atom in found}))
    keys = {
        "region": tuple(sorted({atom.region for atom in found})),
        "role_profile": tuple(sorted({atom.profile for atom in found})),
    }
    present: dict[str, dict[str, set[str]]] = {"region": {}, "role_profile": {}}
    for atom in found:
        present["region"].setdefault(atom.department, set()).add(atom.region)
        present["role_profile"].setdefault(atom.department, set()).add(atom.profile)
    rows = {d: i for i, d in enumerate(departments)}
    columns = {g: {key: j for j, key in enumerate(keys[g])} for g in BASE_GROUPINGS}
    counted: dict[str, list[Atom]] = {code: [] for code in codes}
    for atom in found:
        counted[atom.code].append(atom)
    tables: dict[str, dict[str, Measures]] = {}
    for code in codes:
        linked = []
        for grouping in BASE_GROUPINGS:
            matrices = [
                [[0] * len(keys[grouping]) for _ in departments] for _ in range(4)
            ]  # n, below, at target, total gap
            for atom in counted[code]:
                i = rows[atom.department]
                j = columns[grouping][atom.region if grouping == "region" else atom.profile]
                for matrix, value in zip(
                    matrices,
                    (atom.n, atom.below, atom.n - atom.below, atom.total_gap),
                    strict=True,
                ):
                    matrix[i][j] += value
            linked.append(matrices)
        suppressed = suppress_linked_tables(linked, limit)
        tables[code] = {
            grouping: (found_tables[0], found_tables[1], found_tables[3])
            for grouping, found_tables in zip(BASE_GROUPINGS, suppressed, strict=True)
        }
    all_columns = dict(keys)
    all_present = {
        g: {d: tuple(sorted(groups)) for d, groups in by_department.items()}
        for g, by_department in present.items()
    }
    for grouping, parent_of in (parents or {}).items():
        coarse = tuple(sorted({parent_of.get(p, p) for p in keys["role_profile"]}))
        index = {group: k for k, group in enumerate(coarse)}
        parts: list[list[int]] = [[] for _ in coarse]
        for j, profile in enumerate(keys["role_profile"]):
            parts[index[parent_of.get(profile, profile)]].append(j)
        all_columns[grouping] = coarse
        all_present[grouping] = {
            d: tuple(sorted({parent_of.get(p, p) for p in profiles}))
            for d, profiles in present["role_profile"].items()
        }
        for code in codes:
            n, below, total_gap = tables[code]["role_profile"]
            tables[code][grouping] = (
                merge_columns(n, parts),
                merge_columns(below, parts),
                merge_columns(total_gap, parts),
            )
    return LinkedHeatMaps(limit, codes, departments, all_columns, all_present, tables)
