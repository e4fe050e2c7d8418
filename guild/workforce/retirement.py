"""Who can retire, and when: a workforce view from banded questionnaire answers.

Pure standard-library code. The pension rules are data (``pension_rules.json`` beside this
module, read by :func:`load_rules`); the age and years-of-service bands are data supplied by
the caller as ``(label, low, high)`` with ``high`` inclusive, or ``None`` for an open top band
("65 and over").

The model
---------
* **Whole years.** Ages and years of service are completed years on the reference date, and
  both go up by one a year (the person is assumed to stay in the public service). Years of
  service stand in for years of pensionable service.
* **"Eligible to retire"** means entitled to an *unreduced* pension (an immediate annuity): a
  rule set is met when one of its ``unreduced`` alternatives (minimum age and minimum years of
  service, both reached) is. The ``reduced`` alternatives (annual allowance) are loaded and
  validated but not used here.
* **Years until eligible.** A person aged ``a`` with ``s`` years of service meets the
  alternative ``(A, S)`` in ``max(0, A - a, S - s)`` years, and a rule set in the fewest years
  over its alternatives. With completed years this is the real waiting time rounded up:
  someone 54 (so up to just under 55) waits more than 5 years for age 60, i.e. 6 in whole
  years. "Within ``N`` years" means eligible no later than ``N`` years after the reference date.
* **Bands give bounds.** :attr:`Horizon.earliest` assumes the top of both bands (an open top
  band means "old enough"/"long enough" for any requirement), :attr:`Horizon.latest` the
  bottom. Both bands are taken independently, so the bounds are safe but may be loose.
* **Which rule set (group).** A rule set applies to people whose service began in
  ``[service_began_on_or_after, service_began_before)``. With a start year, the candidates are
  the rule sets whose window meets that calendar year. Without one, the start is inferred
  from the service band: ``s`` completed years on a date in ``reference_year`` means service
  began in year ``reference_year - s - 1`` or ``reference_year - s``, so the band
  ``[low, high]`` gives start years ``reference_year - high - 1`` to ``reference_year - low``
  (unbounded below for an open band). When several rule sets are candidates, ``earliest`` is
  the smallest of their earliest bounds and ``latest`` the largest of their latest bounds.
* **Counting.** A person is *certainly* eligible within ``N`` years when ``latest <= N`` and
  *possibly* eligible when ``earliest <= N`` (the possible count includes the certain one;
  :meth:`Counts.only_possible` is the difference). ``N = 0`` is "already eligible".

Publishing
----------
Every published count goes through :mod:`guild.core.disclosure`. Each person must
be counted in exactly one cell, so the cumulative counts ("within 5 years" includes "within 1
year") are not a table: publish :meth:`Counts.row` (the exclusive :data:`CATEGORIES` by the
certain bound; rows are the groups) or :meth:`Counts.joint_row` (the :data:`JOINT_COLUMNS`,
for certain and possible together) through one call of ``suppress_table``, and publish a
cumulative count only as a sum of published cells (hidden if any of them is).
"""

import json
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Final, Literal, NamedTuple, TypeAlias, TypeVar, cast

Category: TypeAlias = Literal[
    "already eligible", "within 1 year", "within 5 years", "within 10 years", "later"
]

CATEGORIES: Final[tuple[Category, ...]] = (
    "already eligible",
    "within 1 year",
    "within 5 years",
    "within 10 years",
    "later",
)
"""Exclusive categories, nearest first: 0 years, 1 year, 2 to 5, 6 to 10, more than 10."""

HORIZONS: Final[tuple[int, ...]] = (0, 1, 5, 10)
"""The horizons counted, in years; 0 is "already eligible"."""

_LIMITS: Final[tuple[tuple[int, Category], ...]] = tuple(zip(HORIZONS, CATEGORIES, strict=False))

JOINT_COLUMNS: Final[tuple[tuple[Category, Category], ...]] = tuple(
    (possible, certain) for i, certain in enumerate(CATEGORIES) for possible in CATEGORIES[: i + 1]
)
"""Exclusive ``(possible, certain)`` category pairs (possible is never later than certain)."""

RULES_FILE: Final = "pension_rules.json"

K = TypeVar("K", bound=Hashable)


class Band(NamedTuple):
    """An answer band: ``low`` to ``high`` whole years inclusive; ``high`` ``None`` if open."""

    label: str
    low: int
    high: int | None


BandLike: TypeAlias = tuple[str, int, int | None]


@dataclass(frozen=True, slots=True)
class Requirement:
    """One way to qualify: at least ``min_age`` years old with ``min_service`` years."""

    min_age: int
    min_service: int


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules for people whose service began in ``[began_on_or_after, began_before)``."""

    id: str
    name_en: str
    name_fr: str
    began_on_or_after: date | None
    began_before: date | None
    unreduced: tuple[Requirement, ...]
    reduced: tuple[Requirement, ...]

    def covers_years(self, first: int | None, last: int | None) -> bool:
        """Whether service beginning in some year from ``first`` to ``last`` falls under it.

        ``None`` leaves that end open.
        """
        start, end = self.began_on_or_after, self.began_before
        after = last is not None and start is not None and date(last + 1, 1, 1) <= start
        before = first is not None and end is not None and end <= date(first, 1, 1)
        return not (after or before)


@dataclass(frozen=True, slots=True)
class PensionRules:
    """A plan's rule sets, ordered by the date their window opens, covering every date."""

    plan: str
    rule_sets: tuple[RuleSet, ...]
    plan_fr: str = ""


@dataclass(frozen=True, slots=True)
class Horizon:
    """Bounds, in whole years from the reference date, on when a person becomes eligible."""

    earliest: int
    latest: int
    rule_set_ids: tuple[str, ...]

    def certainly_within(self, years: int) -> bool:
        """Eligible within ``years`` whatever their exact age and service: ``latest <= years``."""
        return self.latest <= years

    def possibly_within(self, years: int) -> bool:
        """Eligible within ``years`` for some age and service in their bands."""
        return self.earliest <= years

    @property
    def certain(self) -> Category:
        """The category by the latest bound (the one counted as "eligible within")."""
        return classify(self.latest)

    @property
    def possible(self) -> Category:
        """The category by the earliest bound."""
        return classify(self.earliest)


@dataclass(frozen=True)
class Counts:
    """One group's counts. ``certain[n]`` and ``possible[n]`` are cumulative, for each of
    :data:`HORIZONS`; ``categories`` (by the certain bound) and ``joint`` are exclusive."""

    total: int
    certain: dict[int, int]
    possible: dict[int, int]
    categories: dict[Category, int]
    joint: dict[tuple[Category, Category], int]

    def only_possible(self, years: int) -> int:
        """People possibly but not certainly eligible within ``years``."""
        return self.possible[years] - self.certain[years]

    def row(self) -> list[int]:
        """The exclusive counts in :data:`CATEGORIES` order, for ``suppress_table``."""
        return [self.categories[category] for category in CATEGORIES]

    def joint_row(self) -> list[int]:
        """The exclusive counts in :data:`JOINT_COLUMNS` order, for ``suppress_table``."""
        return [self.joint[column] for column in JOINT_COLUMNS]


def classify(years: int) -> Category:
    """The exclusive category of a number of years until eligible."""
    for limit, category in _LIMITS:
        if years <= limit:
            return category
    return "later"


# --- loading and validating the rules -------------------------------------------------------


def _where(index: int, entry: object) -> str:
    name = entry.get("id") if isinstance(entry, dict) else None
    return f"rule_sets[{index}]" + (f" ({name!r})" if isinstance(name, str) else "")


def _int(value: object, where: str, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{where}: {key} must be a non-negative integer, not {value!r}")
    return value


def _text(entry: Mapping[str, object], where: str, key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: {key} must be a non-empty string, not {value!r}")
    return value


def _date(entry: Mapping[str, object], where: str, key: str) -> date | None:
    if key not in entry:
        raise ValueError(f"{where}: {key} is missing (use null for an open end)")
    value = entry[key]
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{where}: {key} must be an ISO date or null, not {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{where}: {key} must be an ISO date or null, not {value!r}") from None


def _requirements(
    entry: Mapping[str, object], where: str, key: str, *, required: bool
) -> tuple[Requirement, ...]:
    value = entry.get(key, None if required else [])
    if not isinstance(value, list) or (required and not value):
        raise ValueError(f"{where}: {key} must be a non-empty list of requirements")
    result = []
    for i, item in enumerate(value):
        place = f"{where}: {key}[{i}]"
        if not isinstance(item, dict) or set(item) != {"min_age", "min_service"}:
            raise ValueError(f"{place} must be an object with exactly min_age and min_service")
        result.append(
            Requirement(
                _int(item["min_age"], place, "min_age"),
                _int(item["min_service"], place, "min_service"),
            )
        )
    return tuple(result)


def _rule_set(index: int, entry: object) -> RuleSet:
    where = _where(index, entry)
    if not isinstance(entry, dict):
        raise ValueError(f"{where} must be an object, not {entry!r}")
    data = cast(dict[str, object], entry)
    rule_set = RuleSet(
        id=_text(data, where, "id"),
        name_en=_text(data, where, "name_en"),
        name_fr=_text(data, where, "name_fr"),
        began_on_or_after=_date(data, where, "service_began_on_or_after"),
        began_before=_date(data, where, "service_began_before"),
        unreduced=_requirements(data, where, "unreduced", required=True),
        reduced=_requirements(data, where, "reduced", required=False),
    )
    start, end = rule_set.began_on_or_after, rule_set.began_before
    if start is not None and end is not None and start >= end:
        raise ValueError(f"{where}: service_began_on_or_after must be before service_began_before")
    return rule_set


def parse_rules(data: object) -> PensionRules:
    """Validate decoded JSON rules; raise ``ValueError`` naming the first bad entry.

    The rule sets' windows must not overlap and, taken in order, must cover every date: the
    first open at the start, each beginning where the one before ends, the last open at the end.
    """
    if not isinstance(data, dict):
        raise ValueError("pension rules must be a JSON object")
    plan = data.get("plan")
    if not isinstance(plan, str) or not plan.strip():
        raise ValueError(f"plan must be a non-empty string, not {plan!r}")
    plan_fr = data.get("plan_fr", "")
    if not isinstance(plan_fr, str):
        raise ValueError(f"plan_fr must be a string, not {plan_fr!r}")
    entries = data.get("rule_sets")
    if not isinstance(entries, list) or not entries:
        raise ValueError("rule_sets must be a non-empty list")
    rule_sets = [_rule_set(index, entry) for index, entry in enumerate(entries)]
    seen: set[str] = set()
    for index, rule_set in enumerate(rule_sets):
        if rule_set.id in seen:
            raise ValueError(f"{_where(index, entries[index])}: duplicate id")
        seen.add(rule_set.id)
    ordered = sorted(
        enumerate(rule_sets),
        key=lambda pair: pair[1].began_on_or_after or date.min,
    )
    previous: date | None = None
    for position, (index, rule_set) in enumerate(ordered):
        where = _where(index, entries[index])
        if position == 0 and rule_set.began_on_or_after is not None:
            raise ValueError(f"{where}: no rule set covers service that began before it")
        if position > 0 and rule_set.began_on_or_after != previous:
            raise ValueError(
                f"{where}: service_began_on_or_after {rule_set.began_on_or_after} does not "
                f"follow on from the previous rule set's end ({previous})"
            )
        last = position == len(ordered) - 1
        if last != (rule_set.began_before is None):
            raise ValueError(
                f"{where}: only the last rule set may have an open service_began_before"
                if not last
                else f"{where}: no rule set covers service that began on or after its end"
            )
        previous = rule_set.began_before
    return PensionRules(
        plan=plan, rule_sets=tuple(rule_set for _, rule_set in ordered), plan_fr=plan_fr
    )


def load_rules(path: str | Path | None = None) -> PensionRules:
    """Read and validate the rules file (by default the ``pension_rules.json`` shipped here)."""
    if path is None:
        text = resources.files("guild.workforce").joinpath(RULES_FILE).read_text("utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"pension rules are not valid JSON: {error}") from None
    return parse_rules(data)


# --- horizons ---------------------------------------------------------------------------------


def check_band(band: BandLike) -> Band:
    """Return ``band`` as a :class:`Band`; raise ``ValueError`` if it is not one."""
    if len(band) != 3:
        raise ValueError(f"a band is (label, low, high), not {band!r}")
    label, low, high = band
    if not isinstance(label, str):
        raise ValueError(f"band label must be a string, not {label!r}")
    _int(low, f"band {label!r}", "low")
    if high is not None and (_int(high, f"band {label!r}", "high") < low):
        raise ValueError(f"band {label!r}: high {high} is below low {low}")
    return Band(label, low, high)


def _wait(requirements: Iterable[Requirement], age: int | None, service: int | None) -> int:
    """Whole years until one requirement is met; ``None`` is older/longer than any minimum."""
    return min(
        max(
            0,
            0 if age is None else req.min_age - age,
            0 if service is None else req.min_service - service,
        )
        for req in requirements
    )


def candidate_rule_sets(
    service_band: BandLike, rules: PensionRules, *, reference_year: int, start_year: int | None
) -> tuple[RuleSet, ...]:
    """The rule sets that may apply (see "Which rule set" in the module's documentation)."""
    band = check_band(service_band)
    if start_year is not None:
        first: int | None = start_year
        last: int | None = start_year
    else:
        first = None if band.high is None else reference_year - band.high - 1
        last = reference_year - band.low
    found = tuple(rs for rs in rules.rule_sets if rs.covers_years(first, last))
    if not found:  # pragma: no cover - parse_rules guarantees that the windows cover all dates
        raise AssertionError("no rule set applies")
    return found


def eligibility_horizon(
    age_band: BandLike,
    service_band: BandLike,
    rules: PensionRules,
    *,
    reference_year: int,
    start_year: int | None = None,
) -> Horizon:
    """Bounds on the whole years until someone in these bands may retire unreduced."""
    age, service = check_band(age_band), check_band(service_band)
    candidates = candidate_rule_sets(
        service, rules, reference_year=reference_year, start_year=start_year
    )
    earliest = min(_wait(rs.unreduced, age.high, service.high) for rs in candidates)
    latest = max(_wait(rs.unreduced, age.low, service.low) for rs in candidates)
    return Horizon(earliest, latest, tuple(rs.id for rs in candidates))


def _bands(bands: Iterable[BandLike], kind: str) -> dict[str, Band]:
    result: dict[str, Band] = {}
    for raw in bands:
        band = check_band(raw)
        if band.label in result:
            raise ValueError(f"duplicate {kind} band {band.label!r}")
        result[band.label] = band
    return result


def retirement_table(
    people: Iterable[tuple[K, str, str, int | None]],
    rules: PensionRules,
    *,
    age_bands: Sequence[BandLike],
    service_bands: Sequence[BandLike],
    reference_year: int,
) -> dict[K, Counts]:
    """Count certain and possible eligibility per group.

    Each person is ``(group key, age band label, service band label, start year or None)``;
    the key is whatever the caller groups by (department, region, occupational group). Groups
    keep the order in which they first appear. Raises ``ValueError`` for an unknown label.
    """
    ages, services = _bands(age_bands, "age"), _bands(service_bands, "service")
    tallies: dict[K, dict[tuple[Category, Category], int]] = {}
    for key, age_label, service_label, start_year in people:
        if age_label not in ages:
            raise ValueError(f"unknown age band {age_label!r}")
        if service_label not in services:
            raise ValueError(f"unknown service band {service_label!r}")
        horizon = eligibility_horizon(
            ages[age_label],
            services[service_label],
            rules,
            reference_year=reference_year,
            start_year=start_year,
        )
        tally = tallies.setdefault(key, dict.fromkeys(JOINT_COLUMNS, 0))
        tally[(horizon.possible, horizon.certain)] += 1
    return {key: _counts(joint) for key, joint in tallies.items()}


def _counts(joint: dict[tuple[Category, Category], int]) -> Counts:
    rank = {category: index for index, category in enumerate(CATEGORIES)}
    certain = dict.fromkeys(CATEGORIES, 0)
    possible = dict.fromkeys(CATEGORIES, 0)
    for (by_earliest, by_latest), count in joint.items():
        certain[by_latest] += count
        possible[by_earliest] += count

    def cumulative(by: dict[Category, int]) -> dict[int, int]:
        return {
            horizon: sum(n for category, n in by.items() if rank[category] <= rank[cat])
            for horizon, cat in _LIMITS
        }

    return Counts(
        total=sum(joint.values()),
        certain=cumulative(certain),
        possible=cumulative(possible),
        categories=certain,
        joint=joint,
    )
