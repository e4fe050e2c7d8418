"""The matching engine's inputs, as frozen dataclasses (checked by `checks.py`)."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy

from guild.core.errors import Problem, ProblemsError

LANGUAGES = ("en", "fr")
FORMATS = ("in_person", "virtual")
MAX_WEIGHT = Decimal(1000)
WEIGHT_PLACES = 4
MAX_CAPACITY = 3
CODE_SETS = ("availability", "wants", "offers", "goals")


@dataclass(frozen=True)
class Person:
    """One member who opted into a pool. Every collection is a frozenset (of codes, or of
    member ids for `avoid`), so a person compares and hashes by value."""

    id: int
    department: str
    region: str
    seniority: int
    """A rank on one scale for the whole pool (a group-and-level order): higher is more senior."""
    languages: frozenset[str]
    """The official languages ("en", "fr") the person can be paired in."""
    reporting_line: tuple[int, ...] = ()
    """The member ids of the person's supervisors up the chain, the immediate one first."""
    formats: frozenset[str] = frozenset()
    """"in_person", "virtual" or both."""
    availability: frozenset[str] = frozenset()
    """Slots, such as "tue-am": any codes the pool uses."""
    wants: frozenset[str] = frozenset()
    """Competency codes the person wants to develop."""
    offers: frozenset[str] = frozenset()
    """Competency codes the person can help others develop."""
    goals: frozenset[str] = frozenset()
    avoid: frozenset[int] = frozenset()
    """Member ids the person will not be paired with."""


@dataclass(frozen=True)
class Mentor(Person):
    capacity: int = 1
    """How many mentees at once: 1, 2 or 3."""


@dataclass(frozen=True)
class Weights:
    """The coordinator's weights: points per competency the mentee wants and the mentor offers
    (for buddies, each way), per shared goal, per shared availability slot, for the same
    region and for a format both accept. Each a `Decimal` of at most four places, 0 to 1000."""

    competencies: Decimal | int = Decimal(3)
    goals: Decimal | int = Decimal(2)
    region: Decimal | int = Decimal(1)
    format: Decimal | int = Decimal(1)
    availability: Decimal | int = Decimal(1)


@dataclass(frozen=True)
class Rules:
    """The coordinator's hard rules, beyond those that always hold (a shared language, not
    in one reporting line, never a past pair, nobody's avoid list, capacity)."""

    separate_departments: bool = True
    """Pair only people of different departments."""
    same_region: bool = False
    """Pair only people of the same region (for an in-person programme)."""
    min_gap: int = 1
    max_gap: int = 4
    """Mentoring: the mentor's seniority minus the mentee's lies in [min_gap, max_gap]."""
    buddy_max_gap: int | None = None
    """Buddies: the seniority difference is at most this (None: no limit)."""
    buddy_candidates: int | None = None
    """Buddies: keep only each person's this many best-scoring admissible candidates (an
    edge stays when it is among the best of either end); None keeps every admissible pair."""
    max_pairs: int = 20_000_000
    """A round refuses to examine more candidate pairs than this, rather than run for hours."""


class MatchingError(ProblemsError):
    """The engine's input is refused; `problems` holds every problem found, each at its path
    (`mentors[3].capacity`, `rules.min_gap`)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(
            gettext_lazy("The matching round cannot run on this input."),
            code="invalid_matching",
            problems=problems,
        )
