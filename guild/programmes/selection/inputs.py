"""The optimiser's inputs, as frozen dataclasses, and the checks they pass before any solve."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guild.core.errors import Problem, ProblemsError

ATTRIBUTES = ("region", "language", "level")
LANGUAGES = ("en", "fr")
MAX_SCORE = Decimal(1_000_000)
SCORE_PLACES = 4


@dataclass(frozen=True)
class Nominee:
    """One nomination. `score` is the reviewers' total weighted score, a `Decimal` (or an
    int) of at most four decimal places, so that totals and ties are exact."""

    id: int
    score: Decimal
    department: str
    region: str
    language: str
    """First official language: "en" or "fr"."""
    level: str


@dataclass(frozen=True)
class Balance:
    """The number of selected people whose `attribute` ("region", "language" or "level")
    equals `value` is at least `at_least` and at most `at_most` (either may be left out):
    counts of seats, or with `percent`, percentages of the seats filled."""

    attribute: str
    value: str
    at_least: Decimal | int | None = None
    at_most: Decimal | int | None = None
    percent: bool = False


@dataclass(frozen=True)
class Constraints:
    capacity: int
    max_per_department: int | None = None
    min_departments: int = 0
    balance: tuple[Balance, ...] = ()


class SelectionError(ProblemsError):
    """The optimiser's input is refused; `problems` holds every problem found, each at its
    path (`nominees[3].score`, `constraints.balance[0].at_least`)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(
            gettext_lazy("The selection cannot run on this input."),
            code="invalid_selection",
            problems=problems,
        )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (_is_int(value) or isinstance(value, Decimal)) and Decimal(value).is_finite()


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _nominee_problems(index: int, nominee: Nominee) -> list[Problem]:
    path = f"nominees[{index}]"
    found: list[Problem] = []
    if not _is_int(nominee.id):
        found.append(Problem(f"{path}.id", _("The nomination id must be a whole number.")))
    score = nominee.score
    if not _is_number(score):
        found.append(Problem(f"{path}.score", _("The score must be a decimal number.")))
    elif not Decimal(0) <= Decimal(score) <= MAX_SCORE:
        found.append(
            Problem(
                f"{path}.score",
                _("The score must be between 0 and %(max)s.") % {"max": MAX_SCORE},
            )
        )
    elif -int(Decimal(score).normalize().as_tuple().exponent) > SCORE_PLACES:
        found.append(
            Problem(
                f"{path}.score",
                _("The score may have at most %(places)d decimal places.")
                % {"places": SCORE_PLACES},
            )
        )
    if not _text(nominee.department):
        found.append(Problem(f"{path}.department", _("The department is missing.")))
    if not _text(nominee.region):
        found.append(Problem(f"{path}.region", _("The region is missing.")))
    if not _text(nominee.level):
        found.append(Problem(f"{path}.level", _("The level is missing.")))
    if nominee.language not in LANGUAGES:
        found.append(
            Problem(
                f"{path}.language",
                _('The first official language must be "en" or "fr".'),
            )
        )
    return found


def _balance_problems(index: int, rule: Balance) -> list[Problem]:
    path = f"constraints.balance[{index}]"
    found: list[Problem] = []
    if rule.attribute not in ATTRIBUTES:
        found.append(
            Problem(
                f"{path}.attribute",
                _('A balance rule applies to "region", "language" or "level".'),
            )
        )
    elif rule.attribute == "language" and rule.value not in LANGUAGES:
        found.append(
            Problem(f"{path}.value", _('The first official language must be "en" or "fr".'))
        )
    elif not _text(rule.value):
        found.append(Problem(f"{path}.value", _("The balance rule needs a value.")))
    if rule.at_least is None and rule.at_most is None:
        found.append(Problem(path, _("The balance rule needs a minimum, a maximum or both.")))
    bounds_ok = True
    for name in ("at_least", "at_most"):
        bound = getattr(rule, name)
        if bound is None:
            continue
        if rule.percent:
            if not _is_number(bound) or not Decimal(0) <= Decimal(bound) <= Decimal(100):
                bounds_ok = False
                found.append(
                    Problem(f"{path}.{name}", _("A share must be between 0 and 100 per cent."))
                )
        elif not _is_int(bound) or bound < 0:
            bounds_ok = False
            found.append(
                Problem(f"{path}.{name}", _("A number of seats must be a whole number, 0 or more."))
            )
    if (
        bounds_ok
        and rule.at_least is not None
        and rule.at_most is not None
        and Decimal(rule.at_least) > Decimal(rule.at_most)
    ):
        found.append(Problem(path, _("The balance rule's minimum is greater than its maximum.")))
    return found


def _constraint_problems(constraints: Constraints) -> list[Problem]:
    found: list[Problem] = []
    if not _is_int(constraints.capacity) or constraints.capacity < 1:
        found.append(
            Problem(
                "constraints.capacity",
                _("The capacity must be a whole number of seats, 1 or more."),
            )
        )
    most = constraints.max_per_department
    if most is not None and (not _is_int(most) or most < 1):
        found.append(
            Problem(
                "constraints.max_per_department",
                _("The maximum per department must be a whole number, 1 or more."),
            )
        )
    least = constraints.min_departments
    if not _is_int(least) or least < 0:
        found.append(
            Problem(
                "constraints.min_departments",
                _("The minimum number of departments must be a whole number, 0 or more."),
            )
        )
    for index, rule in enumerate(constraints.balance):
        found.extend(_balance_problems(index, rule))
    return found


def check(nominees: Sequence[Nominee], constraints: Constraints) -> None:
    """Raise `SelectionError` with every problem of the input, or return."""
    found: list[Problem] = []
    if not nominees:
        found.append(Problem("nominees", _("There are no nominations to select from.")))
    for index, nominee in enumerate(nominees):
        found.extend(_nominee_problems(index, nominee))
    counts = Counter(nominee.id for nominee in nominees)
    for identifier in sorted(key for key, count in counts.items() if count > 1 and _is_int(key)):
        found.append(
            Problem("nominees", _("Nomination %(id)d appears more than once.") % {"id": identifier})
        )
    found.extend(_constraint_problems(constraints))
    if found:
        raise SelectionError(found)
