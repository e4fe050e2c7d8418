"""Evaluating one member's facts against a rule set on a given day.

Dates and periods, exactly:

* The N-th anniversary of a day is the same month and day N years later; that of 29 February
  is 1 March when the later year has no 29 February (`anniversary`).
* The window: with `window_years` N, a completion on day d counts on day t when
  d <= t < anniversary(d, N): it counts from its day and stops counting on its N-th
  anniversary. So every counted completion falls within N years of the evaluation day
  (`Evaluation.window_starts` is the first day that still counts; completions after the
  evaluation day never count). Without a window every completion up to the day counts.
* A course counts once, at its earliest counting completion; an elective group counts its
  `choose` courses completed first.
* The capstone counts only when completed on or after the day the other course
  requirements were all met: it is taken last.
* `met_on` is the day the completions that count now first met every course requirement
  (validated levels carry no date: for rules with no course requirement it is the
  evaluation day). A certificate issued that day stops being valid on its
  `validity_years`-th anniversary (`expires_on`).
* Renewal: the latest certificate issued on or before the evaluation day expires on its
  `validity_years`-th anniversary; renewal is due from `opens_days` before that day and the
  certificate has expired from that day on. While due, the member renews with the
  renewal's continuing courses completed after the certificate's day (or, with none asked,
  by meeting the rules again); once expired, only by meeting the rules again.
"""

import calendar
import functools
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from guild.learning.rules.definition import RuleSet

ONE_DAY = timedelta(days=1)


class Status(StrEnum):
    MET = "met"
    PARTLY = "partly"
    MISSING = "missing"


class Kind(StrEnum):
    COURSE = "course"
    ELECTIVES = "electives"
    CAPSTONE = "capstone"
    LEVEL = "level"


class RenewalState(StrEnum):
    VALID = "valid"
    DUE = "due"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Facts:
    """What a member has done: completion days by course code, validated levels by
    competency code, and the days their earlier certificates (of these rules) were issued."""

    completions: Mapping[str, Collection[date]]
    levels: Mapping[str, int]
    certificates: tuple[date, ...] = ()

    @classmethod
    def of(
        cls,
        completions: Iterable[tuple[str, date]] = (),
        levels: Mapping[str, int] | None = None,
        certificates: Iterable[date] = (),
    ) -> "Facts":
        """Facts from (course code, day) pairs, in any order."""
        days: dict[str, list[date]] = {}
        for course, day in completions:
            days.setdefault(course, []).append(day)
        return cls(
            {course: tuple(sorted(found)) for course, found in sorted(days.items())},
            dict(levels or {}),
            tuple(sorted(certificates)),
        )


class Requirement(NamedTuple):
    """One requirement's state. For courses and electives `done` and `needed` count courses;
    for a level they are the validated level held (0: none) and the level needed.

    A named tuple rather than a frozen dataclass: as immutable, and five times cheaper to
    build, which is a third of the cost of evaluating 100,000 members."""

    kind: Kind
    code: str
    status: Status
    done: int
    needed: int
    counted: tuple[tuple[str, date], ...] = ()
    """(course, day) of the completions that count, by day then course."""
    missing: tuple[str, ...] = ()
    """Courses that would count and are not done (for electives, all the group's others)."""
    lapsed: tuple[tuple[str, date], ...] = ()
    """(course, latest day) of courses done only before the window."""
    too_early: date | None = None
    """The capstone's latest completion that came before the other requirements were met."""


@dataclass(frozen=True)
class RenewalStatus:
    state: RenewalState
    certified_on: date
    expires_on: date
    due_from: date
    done: int
    needed: int
    ready: bool

    @property
    def due(self) -> bool:
        return self.state is not RenewalState.VALID


@dataclass(frozen=True)
class Evaluation:
    rules: str
    on: date
    status: Status
    requirements: tuple[Requirement, ...]
    met_on: date | None
    expires_on: date | None
    window_starts: date | None
    renewal: RenewalStatus | None

    @property
    def met(self) -> bool:
        return self.status is Status.MET


def anniversary(day: date, years: int) -> date:
    """The `years`-th anniversary of `day` (29 February gives 1 March in common years)."""
    year = day.year + years
    if year > date.max.year:
        return date.max
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return day.replace(year=year)


@functools.lru_cache(maxsize=64)  # the same day for every member evaluated that day
def window_start(on: date, years: int) -> date:
    """The first day d whose completion still counts on `on`: the least d with
    `anniversary(d, years) > on`."""
    following = on + ONE_DAY if on < date.max else on
    year = following.year - years
    if year < date.min.year:
        return date.min
    if (following.month, following.day) == (3, 1) and calendar.isleap(year):
        # 29 February's anniversary is 1 March in a common year; in a leap year it is itself.
        return date(year, 2, 29) if not calendar.isleap(following.year) else date(year, 3, 1)
    if following.month == 2 and following.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return following.replace(year=year)


# Enum members bound once: looking them up on the class costs more than the rest of a
# requirement's evaluation (`benchmarks`: 100,000 members).
_MET, _PARTLY, _MISSING = Status.MET, Status.PARTLY, Status.MISSING
_COURSE, _ELECTIVES, _CAPSTONE, _LEVEL = Kind.COURSE, Kind.ELECTIVES, Kind.CAPSTONE, Kind.LEVEL
_VALID, _DUE, _EXPIRED = RenewalState.VALID, RenewalState.DUE, RenewalState.EXPIRED
_NONE: tuple[None, None] = (None, None)


def _earliest(
    facts: Facts, course: str, start: date | None, on: date
) -> tuple[date | None, date | None]:
    """The course's earliest counting completion and, when none counts, its latest one
    before the window."""
    days = facts.completions.get(course)
    if not days:
        return None, None
    best: date | None = None
    old: date | None = None
    for day in days:
        if day > on:
            continue
        if start is not None and day < start:
            if old is None or day > old:
                old = day
        elif best is None or day < best:
            best = day
    return best, (old if best is None else None)


def evaluate(rules: RuleSet, facts: Facts, on: date) -> Evaluation:
    """Where the member stands on day `on`: each requirement met, partly met or missing,
    and when all was met, when it expires, and whether renewal is due."""
    start = window_start(on, rules.window_years) if rules.window_years is not None else None
    results: list[Requirement] = []
    course_days: list[date] = []
    courses_met = True
    # Most members have done few of the courses: the others need no call.
    completions = facts.completions
    for course in rules.required:
        best, old = _earliest(facts, course, start, on) if course in completions else _NONE
        lapsed = ((course, old),) if old is not None else ()
        if best is None:
            courses_met = False
            results.append(Requirement(_COURSE, course, _MISSING, 0, 1, (), (course,), lapsed))
        else:
            course_days.append(best)
            results.append(Requirement(_COURSE, course, _MET, 1, 1, ((course, best),)))
    for group in rules.electives:
        done: list[tuple[date, str]] = []
        lapsed_pairs: list[tuple[str, date]] = []
        missing: list[str] = []
        for course in group.courses:
            best, old = _earliest(facts, course, start, on) if course in completions else _NONE
            if best is None:
                missing.append(course)
                if old is not None:
                    lapsed_pairs.append((course, old))
            else:
                done.append((best, course))
        done.sort()
        counted = [(course, day) for day, course in done[: group.choose]]
        if len(counted) >= group.choose:
            status = _MET
            course_days.append(counted[-1][1])
        else:
            courses_met = False
            status = _PARTLY if counted else _MISSING
        results.append(
            Requirement(
                _ELECTIVES,
                group.code,
                status,
                len(counted),
                group.choose,
                tuple(counted),
                tuple(missing) if status is not _MET else (),
                tuple(lapsed_pairs) if status is not _MET else (),
            )
        )
    if rules.capstone is not None:
        others = (max(course_days) if course_days else date.min) if courses_met else None
        results.append(_capstone(rules.capstone, facts, start, on, others))
        if results[-1].status is _MET:
            course_days.append(results[-1].counted[0][1])
        else:
            courses_met = False
    for competency, needed in rules.levels:
        have = facts.levels.get(competency) or 0
        status = _MET if have >= needed else (_PARTLY if have else _MISSING)
        results.append(Requirement(_LEVEL, competency, status, have, needed))
    # Compared by identity: hashing an enum member runs Python code (see the aliases above).
    met_count = missing_count = 0
    for result in results:
        if result.status is _MET:
            met_count += 1
        elif result.status is _MISSING:
            missing_count += 1
    overall = _PARTLY
    if met_count == len(results):
        overall = _MET
    elif missing_count == len(results):
        overall = _MISSING
    met_on: date | None = None
    expires_on: date | None = None
    if overall is _MET:
        met_on = max(course_days) if course_days else on
        if rules.validity_years is not None:
            expires_on = anniversary(met_on, rules.validity_years)
    return Evaluation(
        rules=rules.code,
        on=on,
        status=overall,
        requirements=tuple(results),
        met_on=met_on,
        expires_on=expires_on,
        window_starts=start,
        renewal=_renewal(rules, facts, on, overall is _MET),
    )


def _capstone(
    course: str, facts: Facts, start: date | None, on: date, others: date | None
) -> Requirement:
    """`others` is the day the other course requirements were all met (None: not yet)."""
    best: date | None = None
    early: date | None = None
    old: date | None = None
    for day in facts.completions.get(course) or ():
        if day > on:
            continue
        if start is not None and day < start:
            old = day if old is None or day > old else old
        elif others is not None and day >= others:
            best = day if best is None or day < best else best
        else:
            early = day if early is None or day > early else early
    if best is not None:
        return Requirement(_CAPSTONE, course, _MET, 1, 1, ((course, best),))
    if early is not None:
        return Requirement(_CAPSTONE, course, _PARTLY, 0, 1, (), (course,), (), too_early=early)
    lapsed = ((course, old),) if old is not None else ()
    return Requirement(_CAPSTONE, course, _MISSING, 0, 1, (), (course,), lapsed)


def _renewal(rules: RuleSet, facts: Facts, on: date, met: bool) -> RenewalStatus | None:
    if rules.validity_years is None or not facts.certificates:
        return None
    issued = [day for day in facts.certificates if day <= on]
    if not issued:
        return None
    certified = max(issued)
    expires = anniversary(certified, rules.validity_years)
    renewal = rules.renewal
    opens = renewal.opens_days if renewal is not None else 0
    due_from = max(expires - timedelta(days=opens), certified)
    needed = renewal.courses if renewal is not None else 0
    pool = (renewal.from_courses if renewal is not None else ()) or rules.courses
    done = sum(
        1
        for course in pool
        if any(certified < day <= on for day in facts.completions.get(course) or ())
    )
    if on >= expires:
        state, ready = _EXPIRED, met
    elif on >= due_from:
        state, ready = _DUE, (done >= needed if needed else met)
    else:
        state, ready = _VALID, False
    return RenewalStatus(state, certified, expires, due_from, min(done, needed), needed, ready)
