"""The attendance rate, defined once (a pure module: no ORM).

A participant is **expected** at a session when the session's attendance has been taken
(it has at least one mark), the session's day falls in their participation window (from
the day they joined to the day they left, both included) and they were not excused. They
**attended** when marked present or late. A taken session in their window with no mark for
them counts as expected and not attended: the register was taken and they were not in it.

A participant's rate is attended ÷ expected; a cohort's rate pools every participant's
sessions (the sum of attended ÷ the sum of expected), so each expected seat weighs the
same whoever holds it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

PRESENT = "present"
LATE = "late"
ABSENT = "absent"
EXCUSED = "excused"
ATTENDED = frozenset({PRESENT, LATE})
STATUSES = (PRESENT, LATE, ABSENT, EXCUSED)


@dataclass(frozen=True)
class Window:
    joined_on: date
    left_on: date | None = None

    def contains(self, day: date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day <= self.left_on)


@dataclass(frozen=True)
class Mark:
    """One taken session as one participant sees it: its day and their mark (None when the
    register has no line for them)."""

    day: date
    status: str | None


@dataclass(frozen=True)
class Rate:
    attended: int
    expected: int

    @property
    def ratio(self) -> Decimal | None:
        if not self.expected:
            return None
        return Decimal(self.attended) / Decimal(self.expected)

    @property
    def percent(self) -> int | None:
        """The rate as a whole percentage, rounded half up (81.5% shows as 82%)."""
        ratio = self.ratio
        if ratio is None:
            return None
        return int((ratio * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    def __add__(self, other: "Rate") -> "Rate":
        return Rate(self.attended + other.attended, self.expected + other.expected)


NO_SESSIONS = Rate(0, 0)


def participant_rate(window: Window, marks: Iterable[Mark]) -> Rate:
    attended = expected = 0
    for mark in marks:
        if not window.contains(mark.day) or mark.status == EXCUSED:
            continue
        expected += 1
        if mark.status in ATTENDED:
            attended += 1
    return Rate(attended, expected)


def pooled_rate(rates: Iterable[Rate]) -> Rate:
    total = NO_SESSIONS
    for rate in rates:
        total = total + rate
    return total


def below(rate: Rate, threshold_percent: int) -> bool:
    """Whether a participant falls below the alert threshold (never before any session
    they were expected at)."""
    ratio = rate.ratio
    return ratio is not None and ratio * 100 < threshold_percent
