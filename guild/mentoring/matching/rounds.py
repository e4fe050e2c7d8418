"""A round: check the input, find the admissible pairs, solve, verify the answer against
the rules, explain every pair and every person left without one."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from guild.mentoring.matching.candidates import admissible, buddy_pairs, mentoring_pairs
from guild.mentoring.matching.checks import check_buddies, check_mentoring
from guild.mentoring.matching.encode import Columns, Encoder, pair_keys
from guild.mentoring.matching.exclusions import Role, exclusion_counts
from guild.mentoring.matching.explain import Pair, Reason, Unmatched, no_candidate, outscored
from guild.mentoring.matching.inputs import Mentor, Person, Rules, Weights
from guild.mentoring.matching.score import Scale, breakdown, scores
from guild.mentoring.matching.solvers import Solved, general_matching, transportation


@dataclass(frozen=True)
class Round:
    pairs: tuple[Pair, ...]
    """By the first member's id."""
    unmatched: tuple[Unmatched, ...]
    """Mentees, then mentors with no mentee (or buddies), each by id."""
    total: Decimal
    candidates: int
    """The admissible pairs the solver chose among."""
    optimal: bool
    """The solver proved that no answer under the rules has more pairs, or as many pairs
    and a higher total score."""
    status: str


def _unsolved(solved: Solved) -> RuntimeError:
    return RuntimeError(f"the solver did not prove its answer optimal: {solved.status}")


def _alone(
    rules: Rules,
    side: Columns,
    rows: np.ndarray,
    others: Columns,
    forbidden: dict[str, np.ndarray],
    role: Role,
) -> dict[int, Reason]:
    pool, counts = exclusion_counts(rules, side, rows, others, forbidden, role)
    return {int(r): no_candidate(pool, counts[k]) for k, r in enumerate(rows)}


def _unmatched(
    role: Role, ids: np.ndarray, waiting: np.ndarray, reasons: dict[int, Reason]
) -> list[Unmatched]:
    return [Unmatched(int(ids[r]), role, (reasons[int(r)],)) for r in waiting]


def mentoring_round(
    mentees: Sequence[Person],
    mentors: Sequence[Mentor],
    *,
    weights: Weights | None = None,
    rules: Rules | None = None,
    past: Iterable[tuple[int, int]] = (),
) -> Round:
    """The most mentee-mentor pairs under the hard rules, then the highest total score among
    them, with every pair's reasons and every unmatched person's. Raises `MatchingError` for
    bad input."""
    weights, rules, past = weights or Weights(), rules or Rules(), tuple(past)
    check_mentoring(mentees, mentors, weights, rules, past)
    mentees = sorted(mentees, key=lambda p: p.id)
    mentors = sorted(mentors, key=lambda p: p.id)
    scale = Scale.of(weights)
    encoder = Encoder(mentees, mentors)
    left, right = encoder.columns(mentees), encoder.columns(mentors)
    forbidden = pair_keys(mentees, mentors, past)
    i, j = mentoring_pairs(rules, left, right, forbidden)
    score = scores(scale, left, i, right, j, mutual=False)
    solved = transportation(len(mentees), right.capacity, i, j, score)
    if not solved.optimal:
        raise _unsolved(solved)
    ci, cj, cs = i[solved.chosen], j[solved.chosen], score[solved.chosen]
    taken = np.bincount(cj, minlength=len(mentors))
    if (
        np.bincount(ci, minlength=len(mentees)).max(initial=0) > 1
        or np.any(taken > right.capacity)
        or not admissible(rules, left, ci, right, cj, forbidden, mentoring=True).all()
    ):
        raise RuntimeError("the solver's pairs break a rule")
    pairs = tuple(
        Pair(
            mentees[a].id,
            mentors[b].id,
            scale.decimal(int(s)),
            breakdown(scale, mentees[a], mentors[b], mutual=False),
        )
        for a, b, s in zip(ci.tolist(), cj.tolist(), cs.tolist(), strict=False)
    )
    # Mentees left out, and why.
    matched = np.zeros(len(mentees), dtype=bool)
    matched[ci] = True
    has_edge = np.zeros(len(mentees), dtype=bool)
    has_edge[i] = True
    lowest = np.full(len(mentors), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(lowest, cj, cs)
    waiting = np.flatnonzero(~matched)
    reasons = _alone(rules, left, waiting[~has_edge[waiting]], right, forbidden, Role.MENTEE)
    reasons |= outscored(
        "full",
        waiting[has_edge[waiting]],
        (i, j, score),
        lowest,
        taken == right.capacity,
        right.ids,
        scale,
    )
    unmatched = _unmatched(Role.MENTEE, left.ids, waiting, reasons)
    # Mentors with no mentee, and why.
    held = np.full(len(mentees), -1, dtype=np.int64)
    held[ci] = cs
    has_edge = np.zeros(len(mentors), dtype=bool)
    has_edge[j] = True
    idle = np.flatnonzero(taken == 0)
    reasons = _alone(rules, right, idle[~has_edge[idle]], left, forbidden, Role.MENTOR)
    reasons |= outscored(
        "taken", idle[has_edge[idle]], (j, i, score), held, matched, left.ids, scale
    )
    unmatched += _unmatched(Role.MENTOR, right.ids, idle, reasons)
    return Round(
        pairs=pairs,
        unmatched=tuple(unmatched),
        total=scale.decimal(int(cs.sum())),
        candidates=len(i),
        optimal=True,
        status=solved.status,
    )


def buddy_round(
    people: Sequence[Person],
    *,
    weights: Weights | None = None,
    rules: Rules | None = None,
    past: Iterable[tuple[int, int]] = (),
    time_limit: float = 60.0,
) -> Round:
    """The most buddy pairs under the hard rules, then the highest total score among them
    (over each person's `Rules.buddy_candidates` best candidates when that is set), with
    every pair's reasons and every unmatched person's. Raises `MatchingError` for bad
    input."""
    weights, rules, past = weights or Weights(), rules or Rules(), tuple(past)
    check_buddies(people, weights, rules, past)
    people = sorted(people, key=lambda p: p.id)
    scale = Scale.of(weights)
    columns = Encoder(people).columns(people)
    forbidden = pair_keys(people, people, past)
    a, b, score = buddy_pairs(rules, scale, columns, forbidden)
    solved = general_matching(len(people), a, b, score, time_limit=time_limit)
    if not solved.optimal:
        raise _unsolved(solved)
    ca, cb, cs = a[solved.chosen], b[solved.chosen], score[solved.chosen]
    ends = np.concatenate([ca, cb])
    if (
        np.bincount(ends, minlength=len(people)).max(initial=0) > 1
        or not admissible(rules, columns, ca, columns, cb, forbidden, mentoring=False).all()
    ):
        raise RuntimeError("the solver's pairs break a rule")
    pairs = tuple(
        Pair(
            people[x].id,
            people[y].id,
            scale.decimal(int(s)),
            breakdown(scale, people[x], people[y], mutual=True),
        )
        for x, y, s in zip(ca.tolist(), cb.tolist(), cs.tolist(), strict=False)
    )
    matched = np.zeros(len(people), dtype=bool)
    matched[ends] = True
    held = np.full(len(people), -1, dtype=np.int64)
    held[ca], held[cb] = cs, cs
    has_edge = np.zeros(len(people), dtype=bool)
    has_edge[a], has_edge[b] = True, True
    waiting = np.flatnonzero(~matched)
    reasons = _alone(rules, columns, waiting[~has_edge[waiting]], columns, forbidden, Role.BUDDY)
    both = (np.concatenate([a, b]), np.concatenate([b, a]), np.concatenate([score, score]))
    reasons |= outscored(
        "taken", waiting[has_edge[waiting]], both, held, matched, columns.ids, scale
    )
    return Round(
        pairs=pairs,
        unmatched=tuple(_unmatched(Role.BUDDY, columns.ids, waiting, reasons)),
        total=scale.decimal(int(cs.sum())),
        candidates=len(a),
        optimal=True,
        status=solved.status,
    )
