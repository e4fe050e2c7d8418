"""Why each nominee is in the cohort or out of it, computed from the optimal cohort.

The method is single swaps, checked against every rule. For a nominee left out, each
selected person who scores no more is a swap that would not lower the total: the cohort
being optimal, every such swap with someone scoring lower must break a rule, and the
reasons name those rules and whom they protect ("department X already has its maximum of
2: …", "taking this nominee instead of B (70) would break this rule: at least 30% …"). A
swap with someone of the same score that breaks nothing is a tie, lost to the earlier
nomination. When every selected person scores more, the reason is capacity ("the lowest
selected score is 71.0"). A selected person is explained the same way from the other
side: the higher-scored nominees left out and the rules that keep them out.

These statements are about one-for-one swaps only; they are true of the cohort, but a
rule may also bind through exchanges of several people, which they do not describe.

`explanations` returns language-free reasons (a code and parameters) that an API can
return and tests compare; `sentences` writes them in the active language.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guild.programmes.selection.inputs import Nominee
from guild.programmes.selection.rules import Kind, Rule, Tally, describe, label, number

People = tuple[tuple[int, Decimal], ...]
Param = int | str | Decimal | People | Rule
SHOWN = 3


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict[str, Param] = field(default_factory=dict)


@dataclass(frozen=True)
class Explanation:
    nominee: int
    selected: bool
    score: Decimal
    rank: int
    """1 + the number of nominees who score more (equal scores share a rank)."""
    reasons: tuple[Reason, ...]


def _people(nominees: Sequence[Nominee]) -> People:
    ordered = sorted(nominees, key=lambda n: (-n.score, n.id))
    return tuple((n.id, Decimal(n.score)) for n in ordered)


class _Explainer:
    def __init__(self, nominees: Sequence[Nominee], chosen: set[int], rules: Sequence[Rule]):
        self.rules = rules
        self.selected = sorted((n for n in nominees if n.id in chosen), key=lambda n: n.score)
        self.left_out = sorted((n for n in nominees if n.id not in chosen), key=lambda n: n.score)
        self.left_out_scores = [Decimal(n.score) for n in self.left_out]
        self.tally = Tally(self.selected)
        self.scores = sorted(Decimal(n.score) for n in nominees)
        self.count = len(nominees)

    def rank(self, nominee: Nominee) -> int:
        return 1 + self.count - bisect_right(self.scores, Decimal(nominee.score))

    def _blocked(
        self, pairs: list[tuple[Nominee, Nominee, Nominee]]
    ) -> tuple[dict[Rule, list[Nominee]], list[Nominee]]:
        """For (out, into, other) swaps: the rules each breaks, with the other people they
        concern, and the others of swaps that break nothing (ties)."""
        by_rule: dict[Rule, list[Nominee]] = {}
        ties: list[Nominee] = []
        for out, into, other in pairs:
            broken = self.tally.swap_breaks(out, into, self.rules)
            if not broken:
                if out.score != into.score:
                    raise RuntimeError(f"cohort not optimal: swap {out.id} for {into.id}")
                ties.append(other)
            for rule in broken:
                by_rule.setdefault(rule, []).append(other)
        return by_rule, ties

    def _rule_reasons(self, code: str, by_rule: dict[Rule, list[Nominee]]) -> list[Reason]:
        return [
            Reason(code, {"rule": rule, "people": _people(by_rule[rule])})
            for rule in self.rules
            if rule in by_rule
        ]

    def left_out_reasons(self, nominee: Nominee) -> list[Reason]:
        head = Reason(
            "out",
            {"score": Decimal(nominee.score), "rank": self.rank(nominee), "count": self.count},
        )
        lower = [n for n in self.selected if n.score <= nominee.score]
        if not lower:
            return [head, Reason("out_score", {"lowest": Decimal(self.selected[0].score)})]
        by_rule, ties = self._blocked([(n, nominee, n) for n in lower])
        reasons = [head]
        full = [rule for rule in by_rule if rule.kind is Kind.DEPARTMENT_MAX]
        for rule in full:
            colleagues = [n for n in self.selected if n.department == nominee.department]
            reasons.append(
                Reason(
                    "out_department",
                    {
                        "department": nominee.department,
                        "count": rule.count,
                        "people": _people(colleagues),
                    },
                )
            )
            del by_rule[rule]
        reasons.extend(self._rule_reasons("out_rule", by_rule))
        if ties:
            reasons.append(Reason("out_tie", {"people": _people(ties)}))
        return reasons

    def selected_reasons(self, nominee: Nominee) -> list[Reason]:
        head = Reason(
            "in", {"score": Decimal(nominee.score), "rank": self.rank(nominee), "count": self.count}
        )
        higher = self.left_out[bisect_left(self.left_out_scores, Decimal(nominee.score)) :]
        by_rule, ties = self._blocked([(nominee, n, n) for n in higher])
        reasons = [head, *self._rule_reasons("in_rule", by_rule)]
        if ties:
            reasons.append(Reason("in_tie", {"people": _people(ties)}))
        return reasons


def explanations(
    nominees: Sequence[Nominee], chosen: set[int], rules: Sequence[Rule]
) -> tuple[Explanation, ...]:
    """Every nominee's reasons, the selected first, each group by score then id."""
    explainer = _Explainer(nominees, chosen, rules)
    found = []
    for nominee in sorted(nominees, key=lambda n: (n.id not in chosen, -n.score, n.id)):
        selected = nominee.id in chosen
        reasons = (
            explainer.selected_reasons(nominee) if selected else explainer.left_out_reasons(nominee)
        )
        found.append(
            Explanation(
                nominee.id,
                selected,
                Decimal(nominee.score),
                explainer.rank(nominee),
                tuple(reasons),
            )
        )
    return tuple(found)


def _names(people: People, names: Mapping[int, str]) -> str:
    written = [
        f"{names.get(identifier, f'#{identifier}')} ({number(score)})"
        for identifier, score in people[:SHOWN]
    ]
    more = len(people) - SHOWN
    text = ", ".join(written)
    if more > 0:
        text += " " + ngettext("and %(count)d other", "and %(count)d others", more) % {
            "count": more
        }
    return text


def sentence(reason: Reason, *, names: Mapping[int, str], labels: Mapping[str, str]) -> str:
    """One reason in the active language; `names` writes nominees, `labels` departments,
    regions and levels (their codes otherwise)."""
    p = reason.params
    values: dict[str, object] = {
        key: number(value) if isinstance(value, Decimal) else value for key, value in p.items()
    }
    if "people" in p:
        values["people"] = _names(p["people"], names)  # type: ignore[arg-type]
    if isinstance(p.get("rule"), Rule):
        values["rule"] = describe(p["rule"], labels)  # type: ignore[arg-type]
    if "department" in p:
        values["department"] = label(str(p["department"]), labels)
    match reason.code:
        case "in":
            text = _("In the cohort: score %(score)s, rank %(rank)d of %(count)d.")
        case "out":
            text = _("Not selected: score %(score)s, rank %(rank)d of %(count)d.")
        case "out_score":
            text = _("Capacity reached: the lowest selected score is %(lowest)s.")
        case "out_department":
            text = _(
                "Department %(department)s already has its maximum of %(count)d "
                "selected: %(people)s."
            )
        case "out_rule":
            text = _("Taking this nominee instead of %(people)s would break this rule: %(rule)s")
        case "out_tie":
            text = _("Tied with %(people)s: at equal scores, the earlier nomination is preferred.")
        case "in_rule":
            text = _(
                "Kept ahead of %(people)s, who score at least as high: taking one of them instead "
                "would break this rule: %(rule)s"
            )
        case "in_tie":
            text = _(
                "Chosen over %(people)s, who score the same: at equal scores, the earlier "
                "nomination is preferred."
            )
        case other:
            raise ValueError(f"unknown reason {other}")
    return text % values


def sentences(
    explanation: Explanation,
    *,
    names: Mapping[int, str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> list[str]:
    """An explanation in the active language, one sentence per reason."""
    return [
        sentence(reason, names=names or {}, labels=labels or {}) for reason in explanation.reasons
    ]
