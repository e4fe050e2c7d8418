"""Which rules conflict when no cohort meets them all.

A deletion filter over the groups of constraints: starting from all the rules (proved
infeasible by the solver), drop each rule in turn for good when the others are still
infeasible without it. What is left is a conflict in which every rule counts: drop any
one and a cohort exists. The balance rules are tried first and the seats to fill last, so
the rules a committee sets most deliberately are the ones kept to explain a conflict. A
trial the solver cannot settle (a time limit) keeps its rule: the set is then still a
proved conflict, perhaps not a minimal one.
"""

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _

from guild.core.errors import ApplicationError
from guild.programmes.selection.inputs import Nominee
from guild.programmes.selection.model import CohortModel
from guild.programmes.selection.rules import Kind, Rule, describe, who

INFEASIBLE = 2
TRIAL_ORDER = (Kind.AT_LEAST, Kind.AT_MOST, Kind.DEPARTMENTS_MIN, Kind.DEPARTMENT_MAX, Kind.SEATS)


class SelectionConflict(ApplicationError, ValueError):
    """No cohort meets the rules; `rules` is a conflicting set, each rule also reported at
    its path in the constraints (`fields`)."""

    def __init__(
        self, rules: Sequence[Rule], nominees: Sequence[Nominee], labels: Mapping[str, str]
    ) -> None:
        self.rules = tuple(rules)
        sentences = [describe(rule, labels) for rule in self.rules]
        message = " ".join(
            [
                _("No cohort meets all of these rules together:"),
                *sentences,
                *facts(rules, nominees, labels),
            ]
        )
        fields: dict[str, list[str]] = {}
        for rule, sentence in zip(self.rules, sentences, strict=True):
            fields.setdefault(rule.path, []).append(sentence)
        super().__init__(message, code="selection_infeasible", fields=fields)


def facts(
    rules: Sequence[Rule], nominees: Sequence[Nominee], labels: Mapping[str, str]
) -> list[str]:
    """The counts of the nominations that the conflicting rules run into."""
    found = [_("Nominations: %(count)d.") % {"count": len(nominees)}]
    if any(rule.kind in (Kind.DEPARTMENT_MAX, Kind.DEPARTMENTS_MIN) for rule in rules):
        departments = len({nominee.department for nominee in nominees})
        found.append(_("Departments among them: %(count)d.") % {"count": departments})
    seen: set[tuple[str, str]] = set()
    for rule in rules:
        key = (rule.attribute, rule.value)
        if rule.kind in (Kind.AT_LEAST, Kind.AT_MOST) and key not in seen:
            seen.add(key)
            count = sum(getattr(nominee, rule.attribute) == rule.value for nominee in nominees)
            found.append(
                _("Nominees %(who)s: %(count)d.")
                % {"who": who(rule.attribute, rule.value, labels), "count": count}
            )
    return found


def conflict(model: CohortModel, rules: Sequence[Rule], *, time_limit: float) -> list[Rule]:
    """A set of the rules, known to be infeasible, from which no rule can be dropped."""
    kept = list(rules)
    for kind in TRIAL_ORDER:
        for rule in [rule for rule in rules if rule.kind is kind]:
            trial = [other for other in kept if other != rule]
            if model.solve(trial, time_limit=time_limit).status == INFEASIBLE:
                kept = trial
    return kept
