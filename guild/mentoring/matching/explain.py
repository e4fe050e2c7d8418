"""Why each pair was proposed and why each unmatched person has no partner.

A pair's reasons are the criteria that scored for it, with their codes and points
(`score.breakdown`). An unmatched person gets one of three reasons, each a consequence of
the round's objective (as many pairs as possible, then the highest total score):

- **no candidate**: the hard rules leave nobody; the reason gives, for each rule, how many
  of the pool it excludes, and names the rule that excludes the most.
- **full** (a mentee): every admissible mentor is at capacity, and every mentee holding a
  place with such a mentor scores at least as much with them as this mentee would. Were a
  mentor not full, adding the pair would pair one more person; were a holder to score less,
  swapping them for this mentee would pair as many people with a higher total.
- **taken** (a mentor with no mentee, or a buddy): every admissible candidate is paired,
  and scores at least as much with their partner (mentee with their mentor, buddy with
  their buddy) as with this person, by the same two exchanges.

The rounds check these statements against their answer and fail loudly if one is false,
which would mean the solver's answer is not optimal. For a buddy round run with
`Rules.buddy_candidates`, "candidate" means a kept candidate.

Reasons are language-free (a code and parameters) for an API to return and tests to
compare; `pair_sentences` and `unmatched_sentences` write them in the active language.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from guild.mentoring.matching.candidates import HARD_RULES
from guild.mentoring.matching.exclusions import Role
from guild.mentoring.matching.score import Criterion, Scale

SHOWN = 3
Others = tuple[tuple[int, Decimal, Decimal], ...]
Param = int | str | Decimal | Others | tuple[tuple[str, int], ...]

RULE_NAMES = {
    "language": gettext_lazy("a shared official language"),
    "region": gettext_lazy("the same region"),
    "seniority": gettext_lazy("the seniority gap"),
    "department": gettext_lazy("different departments"),
    "reporting_line": gettext_lazy("not in one reporting line"),
    "avoid": gettext_lazy("nobody's list of people to avoid"),
    "past": gettext_lazy("never the same pair twice"),
}


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict[str, Param] = field(default_factory=dict)


@dataclass(frozen=True)
class Pair:
    first: int
    """The mentee, or in a buddy round the buddy with the lower id."""
    second: int
    """The mentor, or the other buddy."""
    score: Decimal
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Unmatched:
    member: int
    role: Role
    reasons: tuple[Reason, ...]


def no_candidate(pool: int, counts: np.ndarray) -> Reason:
    """The reason of a person whom the hard rules leave alone; `counts` in `HARD_RULES` order."""
    if pool == 0:
        return Reason("empty")
    most = int(np.argmax(counts))
    return Reason(
        "no_candidate",
        {
            "pool": pool,
            "rule": HARD_RULES[most],
            "count": int(counts[most]),
            "counts": tuple(
                (rule, int(c)) for rule, c in zip(HARD_RULES, counts, strict=False) if c
            ),
        },
    )


def outscored(
    code: str,
    waiting: np.ndarray,
    edges: tuple[np.ndarray, np.ndarray, np.ndarray],
    held: np.ndarray,
    busy: np.ndarray,
    other_ids: np.ndarray,
    scale: Scale,
) -> dict[int, Reason]:
    """`full` or `taken` reasons for the positions `waiting` that have candidates. `edges`
    are (self, other, score) over all admissible pairs; `held[o]` is the score the other `o`
    holds (the lowest of a mentor's places, or a partner's), `busy[o]` whether `o` has no
    room. Raises RuntimeError when the answer contradicts optimality."""
    me, other, score = edges
    waits = np.zeros(max(int(me.max(initial=-1)), int(waiting.max(initial=-1))) + 1, dtype=bool)
    waits[waiting] = True
    take = waits[me] if len(me) else np.zeros(0, dtype=bool)
    me, other, score = me[take], other[take], score[take]
    if np.any(~busy[other]) or np.any(held[other] < score):
        raise RuntimeError("the round is not optimal: an unmatched person could be paired better")
    order = np.lexsort((other, -score, me))
    me, other, score = me[order], other[order], score[order]
    starts = np.flatnonzero(np.r_[True, me[1:] != me[:-1]]) if len(me) else np.zeros(0, int)
    ends = np.r_[starts[1:], len(me)]
    firsts = (np.arange(len(me)) - np.repeat(starts, ends - starts)) < SHOWN
    ids = other_ids[other[firsts]].tolist()
    yours = score[firsts].tolist()
    theirs = held[other[firsts]].tolist()
    written = {units: scale.decimal(units) for units in set(yours) | set(theirs)}
    reasons = {}
    at = 0
    for start, end in zip(starts.tolist(), ends.tolist(), strict=False):
        shown = min(end - start, SHOWN)
        reasons[int(me[start])] = Reason(
            code,
            {
                "candidates": end - start,
                "people": tuple(
                    (ids[k], written[yours[k]], written[theirs[k]]) for k in range(at, at + shown)
                ),
            },
        )
        at += shown
    return reasons


def _number(value: Decimal | int) -> str:
    return number_format(value, use_l10n=True)


def _codes(codes: tuple[str, ...], labels: Mapping[str, str]) -> str:
    return ", ".join(labels.get(code, code) for code in codes)


def pair_sentences(pair: Pair, *, labels: Mapping[str, str] | None = None) -> list[str]:
    """A proposed pair's reasons in the active language; `labels` names codes."""
    labels = labels or {}
    if not pair.criteria:
        return [_("No criterion scored: this pair lets one more person have a partner.")]
    out = []
    for criterion in pair.criteria:
        values = {"codes": _codes(criterion.codes, labels), "points": _number(criterion.points)}
        match criterion.name:
            case "competencies":
                text = _("Competencies to develop that the other offers: %(codes)s (+%(points)s).")
            case "goals":
                text = _("Shared goals: %(codes)s (+%(points)s).")
            case "region":
                text = _("Same region (+%(points)s).")
            case "format":
                text = _("A format both accept: %(codes)s (+%(points)s).")
            case "availability":
                text = _("Shared availability: %(codes)s (+%(points)s).")
            case other:
                raise ValueError(f"unknown criterion {other}")
        out.append(text % values)
    return out


def _people(people: Others, names: Mapping[int, str]) -> str:
    return "; ".join(
        _("%(name)s (%(yours)s with you, %(theirs)s held)")
        % {
            "name": names.get(identifier, f"#{identifier}"),
            "yours": _number(yours),
            "theirs": _number(theirs),
        }
        for identifier, yours, theirs in people
    )


def sentence(reason: Reason, role: Role, *, names: Mapping[int, str]) -> str:
    p = reason.params
    match reason.code:
        case "empty":
            return _("Nobody else is in this round.")
        case "no_candidate":
            values = {
                "pool": p["pool"],
                "rule": RULE_NAMES[str(p["rule"])],
                "count": p["count"],
            }
            if role is Role.MENTEE:
                return (
                    _(
                        "No admissible mentor among %(pool)d: the rule that excluded the most is "
                        "“%(rule)s” (%(count)d)."
                    )
                    % values
                )
            if role is Role.MENTOR:
                return (
                    _(
                        "No admissible mentee among %(pool)d: the rule that excluded the most is "
                        "“%(rule)s” (%(count)d)."
                    )
                    % values
                )
            return (
                _(
                    "No admissible buddy among %(pool)d: the rule that excluded the most is "
                    "“%(rule)s” (%(count)d)."
                )
                % values
            )
        case "full":
            return ngettext(
                "The one admissible mentor is full, with mentees who score at least as much "
                "with them: %(people)s.",
                "All %(count)d admissible mentors are full, with mentees who score at least "
                "as much with them: %(people)s.",
                int(p["candidates"]),  # type: ignore[arg-type]
            ) % {"count": p["candidates"], "people": _people(p["people"], names)}  # type: ignore[arg-type]
        case "taken":
            return ngettext(
                "The one admissible candidate is paired with someone they score at least as "
                "much with: %(people)s.",
                "All %(count)d admissible candidates are paired with someone they score at "
                "least as much with: %(people)s.",
                int(p["candidates"]),  # type: ignore[arg-type]
            ) % {"count": p["candidates"], "people": _people(p["people"], names)}  # type: ignore[arg-type]
        case other:
            raise ValueError(f"unknown reason {other}")


def unmatched_sentences(
    unmatched: Unmatched, *, names: Mapping[int, str] | None = None
) -> list[str]:
    """Why a person has no partner, in the active language; `names` writes members."""
    return [sentence(r, unmatched.role, names=names or {}) for r in unmatched.reasons]
