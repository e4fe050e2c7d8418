"""The constraints as a list of rules, each with its count in seats, that a cohort or a swap
of one person for another keeps or breaks, and each rule as a sentence."""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guild.programmes.selection.inputs import Constraints, Nominee


class Kind(StrEnum):
    SEATS = "seats"
    DEPARTMENT_MAX = "department_max"
    DEPARTMENTS_MIN = "departments_min"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


@dataclass(frozen=True)
class Rule:
    """One group of constraints. `count` is in seats: the seats to fill, the most per
    department, the fewest departments, or a balance bound (a share already turned into
    seats of `seats`)."""

    kind: Kind
    count: int
    attribute: str = ""
    value: str = ""
    percent: Decimal | None = None
    balance: int = -1
    """The balance rule's index in `Constraints.balance`."""

    @property
    def path(self) -> str:
        """Where the rule comes from in the input, for field errors."""
        if self.kind is Kind.SEATS:
            return "constraints.capacity"
        if self.kind is Kind.DEPARTMENT_MAX:
            return "constraints.max_per_department"
        if self.kind is Kind.DEPARTMENTS_MIN:
            return "constraints.min_departments"
        return f"constraints.balance[{self.balance}].{self.kind.value}"


def share_in_seats(percent: Decimal, seats: int, *, at_least: bool) -> int:
    """A share of the seats as a number of seats, rounded so that the share is kept:
    at least 30% of 25 is 8 seats, at most 40% of 25 is 10."""
    exact = Decimal(percent) * seats / 100
    return int(exact.to_integral_value(rounding=ROUND_CEILING if at_least else ROUND_FLOOR))


def rules_for(constraints: Constraints, seats: int) -> tuple[Rule, ...]:
    found = [Rule(Kind.SEATS, seats)]
    if constraints.max_per_department is not None:
        found.append(Rule(Kind.DEPARTMENT_MAX, constraints.max_per_department))
    if constraints.min_departments:
        found.append(Rule(Kind.DEPARTMENTS_MIN, constraints.min_departments))
    for index, balance in enumerate(constraints.balance):
        for kind, bound in ((Kind.AT_LEAST, balance.at_least), (Kind.AT_MOST, balance.at_most)):
            if bound is None:
                continue
            if balance.percent:
                count = share_in_seats(Decimal(bound), seats, at_least=kind is Kind.AT_LEAST)
                percent: Decimal | None = Decimal(bound)
            else:
                count, percent = int(bound), None
            found.append(
                Rule(kind, count, balance.attribute, balance.value, percent, balance=index)
            )
    return tuple(found)


class Tally:
    """The counts of a cohort that the rules look at."""

    def __init__(self, cohort: Sequence[Nominee]) -> None:
        self.size = len(cohort)
        self.departments = Counter(nominee.department for nominee in cohort)
        self.values = Counter(
            (attribute, getattr(nominee, attribute))
            for nominee in cohort
            for attribute in ("region", "language", "level")
        )

    def broken(self, rules: Sequence[Rule]) -> list[Rule]:
        """The rules this cohort breaks."""
        found = []
        for rule in rules:
            if rule.kind is Kind.SEATS:
                bad = self.size != rule.count
            elif rule.kind is Kind.DEPARTMENT_MAX:
                bad = max(self.departments.values(), default=0) > rule.count
            elif rule.kind is Kind.DEPARTMENTS_MIN:
                bad = len(+self.departments) < rule.count
            elif rule.kind is Kind.AT_LEAST:
                bad = self.values[(rule.attribute, rule.value)] < rule.count
            else:
                bad = self.values[(rule.attribute, rule.value)] > rule.count
            if bad:
                found.append(rule)
        return found

    def swap_breaks(self, out: Nominee, into: Nominee, rules: Sequence[Rule]) -> list[Rule]:
        """The rules that taking `into` instead of the selected `out` would break."""
        found = []
        moved = out.department != into.department
        for rule in rules:
            if rule.kind is Kind.SEATS:
                continue
            if rule.kind is Kind.DEPARTMENT_MAX:
                bad = moved and self.departments[into.department] + 1 > rule.count
            elif rule.kind is Kind.DEPARTMENTS_MIN:
                after = len(+self.departments)
                if moved:
                    after += (self.departments[into.department] == 0) - (
                        self.departments[out.department] == 1
                    )
                bad = after < rule.count
            else:
                after = (
                    self.values[(rule.attribute, rule.value)]
                    - (getattr(out, rule.attribute) == rule.value)
                    + (getattr(into, rule.attribute) == rule.value)
                )
                bad = after < rule.count if rule.kind is Kind.AT_LEAST else after > rule.count
            if bad:
                found.append(rule)
        return found


def number(value: Decimal | int) -> str:
    """A score or a share as written in the active language (87.5, 87,5)."""
    return number_format(value, use_l10n=True)


def label(value: str, labels: Mapping[str, str]) -> str:
    return labels.get(value, value)


def who(attribute: str, value: str, labels: Mapping[str, str]) -> str:
    """Whom a balance rule counts, to end a sentence: "whose level is EX-01"."""
    if attribute == "language":
        return (
            _("whose first official language is French")
            if value == "fr"
            else _("whose first official language is English")
        )
    if attribute == "region":
        return _("whose region is %(region)s") % {"region": label(value, labels)}
    return _("whose level is %(level)s") % {"level": label(value, labels)}


def describe(rule: Rule, labels: Mapping[str, str]) -> str:
    """The rule as a sentence in the active language."""
    count = rule.count
    if rule.kind is Kind.SEATS:
        return ngettext("Fill %(count)d seat.", "Fill all %(count)d seats.", count) % {
            "count": count
        }
    if rule.kind is Kind.DEPARTMENT_MAX:
        return ngettext(
            "At most %(count)d person per department.",
            "At most %(count)d people per department.",
            count,
        ) % {"count": count}
    if rule.kind is Kind.DEPARTMENTS_MIN:
        return ngettext(
            "People from at least %(count)d department.",
            "People from at least %(count)d departments.",
            count,
        ) % {"count": count}
    values = {"count": count, "who": who(rule.attribute, rule.value, labels)}
    if rule.percent is not None:
        values["percent"] = number(rule.percent)
        if rule.kind is Kind.AT_LEAST:
            return (
                ngettext(
                    "At least %(percent)s%% of the cohort %(who)s (%(count)d seat).",
                    "At least %(percent)s%% of the cohort %(who)s (%(count)d seats).",
                    count,
                )
                % values
            )
        return (
            ngettext(
                "At most %(percent)s%% of the cohort %(who)s (%(count)d seat).",
                "At most %(percent)s%% of the cohort %(who)s (%(count)d seats).",
                count,
            )
            % values
        )
    if rule.kind is Kind.AT_LEAST:
        return (
            ngettext(
                "At least %(count)d person %(who)s.", "At least %(count)d people %(who)s.", count
            )
            % values
        )
    return (
        ngettext("At most %(count)d person %(who)s.", "At most %(count)d people %(who)s.", count)
        % values
    )
