"""The admissible pairs: every pair that breaks no hard rule, found without looking at all
pairs when the rules allow it.

Mentoring: the mentors are sorted by (region when the rules require the same region,
seniority, languages) and each mentee looks up only the runs of mentors whose seniority is
in its gap window and whose languages meet its own (`np.searchsorted`, all mentees at
once); the remaining rules (departments, reporting lines, avoid lists, past pairs) are
checked on those pairs. The work is proportional to the pairs in those runs, not to
mentees x mentors. A round refuses (`MatchingError`) to examine more than
`Rules.max_pairs` pairs.

Buddies: the pool is compared with itself in blocks of rows (n^2 / 2 pairs checked in
vectorised code, about a second for 5,000 people), each block keeping, when
`Rules.buddy_candidates` is set, each person's best candidates (highest score, then
lowest position).
"""

from collections.abc import Mapping

import numpy as np
from django.utils.translation import gettext as _

from guild.core.errors import Problem
from guild.mentoring.matching.encode import Columns, member_of
from guild.mentoring.matching.inputs import MatchingError, Rules
from guild.mentoring.matching.score import Scale, scores

HARD_RULES = (
    "language",
    "region",
    "seniority",
    "department",
    "reporting_line",
    "avoid",
    "past",
)
BLOCK_PAIRS = 2_000_000


def broken(
    rules: Rules,
    left: Columns,
    i: np.ndarray,
    right: Columns,
    j: np.ndarray,
    forbidden: Mapping[str, np.ndarray],
    *,
    mentoring: bool,
    keyed: bool = True,
) -> dict[str, np.ndarray]:
    """For each hard rule, which of the pairs (left[i[k]], right[j[k]]) break it; in
    mentoring, left is the mentees' side. Without `keyed`, the rules of forbidden pairs
    (reporting lines, avoid lists, past pairs) are left to the caller."""
    out = {
        "language": (left.languages[i] & right.languages[j]) == 0,
        "region": (
            left.region[i] != right.region[j] if rules.same_region else np.zeros(len(i), bool)
        ),
        "department": (
            left.department[i] == right.department[j]
            if rules.separate_departments
            else np.zeros(len(i), bool)
        ),
    }
    gap = right.seniority[j] - left.seniority[i]
    if mentoring:
        out["seniority"] = (gap < rules.min_gap) | (gap > rules.max_gap)
    elif rules.buddy_max_gap is not None:
        out["seniority"] = np.abs(gap) > rules.buddy_max_gap
    else:
        out["seniority"] = np.zeros(len(i), bool)
    if keyed:
        keys = i * len(right.ids) + j
        for rule in ("reporting_line", "avoid", "past"):
            out[rule] = member_of(keys, forbidden[rule])
    return out


def admissible(
    rules: Rules,
    left: Columns,
    i: np.ndarray,
    right: Columns,
    j: np.ndarray,
    forbidden: Mapping[str, np.ndarray],
    *,
    mentoring: bool,
    keyed: bool = True,
) -> np.ndarray:
    bad = np.zeros(len(i), dtype=bool)
    masks = broken(rules, left, i, right, j, forbidden, mentoring=mentoring, keyed=keyed)
    for mask in masks.values():
        bad |= mask
    return ~bad


def _too_many(count: int, rules: Rules) -> MatchingError:
    return MatchingError(
        [
            Problem(
                "rules",
                _(
                    "These rules leave %(count)d candidate pairs to examine, more than the "
                    "%(most)d a round examines: require the same region or narrow the "
                    "seniority gap."
                )
                % {"count": count, "most": rules.max_pairs},
            )
        ]
    )


def mentoring_pairs(
    rules: Rules, mentees: Columns, mentors: Columns, forbidden: Mapping[str, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Positions (mentee, mentor) of every admissible pair, grouped by mentee."""
    if not len(mentees.ids) or not len(mentors.ids):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    low = int(min(mentees.seniority.min(), mentors.seniority.min()))
    top = int(max(mentees.seniority.max(), mentors.seniority.max()))
    span = top - low + 1
    region = mentors.region if rules.same_region else np.zeros_like(mentors.region)
    key = (region * span + (mentors.seniority - low)) * 4 + mentors.languages
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    gaps = np.arange(rules.min_gap, min(rules.max_gap, span) + 1, dtype=np.int64)
    masks = np.arange(1, 4, dtype=np.int64)
    n = len(mentees.ids)
    who = np.repeat(np.arange(n, dtype=np.int64), len(gaps) * len(masks))
    gap = np.tile(np.repeat(gaps, len(masks)), n)
    mask = np.tile(masks, n * len(gaps))
    target = mentees.seniority[who] + gap
    keep = ((mask & mentees.languages[who]) != 0) & (target <= top)
    who, target, mask = who[keep], target[keep], mask[keep]
    mentee_region = mentees.region[who] if rules.same_region else np.zeros_like(who)
    wanted = (mentee_region * span + (target - low)) * 4 + mask
    starts = np.searchsorted(sorted_key, wanted, side="left")
    counts = np.searchsorted(sorted_key, wanted, side="right") - starts
    total = int(counts.sum())
    if total > rules.max_pairs:
        raise _too_many(total, rules)
    i = np.repeat(who, counts)
    offsets = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    j = order[offsets + np.arange(total, dtype=np.int64)]
    ok = admissible(rules, mentees, i, mentors, j, forbidden, mentoring=True)
    return i[ok], j[ok]


def buddy_pairs(
    rules: Rules, scale: Scale, people: Columns, forbidden: Mapping[str, np.ndarray]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions (a, b) with a < b and the score of every admissible buddy pair kept (all of
    them, or those among the best `buddy_candidates` of either end)."""
    n = len(people.ids)
    if n * (n - 1) // 2 > rules.max_pairs:
        raise _too_many(n * (n - 1) // 2, rules)
    block = max(1, BLOCK_PAIRS // max(n, 1))
    kept_a, kept_b = [], []
    bound = rules.buddy_candidates
    for start in range(0, n, block):
        rows = np.arange(start, min(n, start + block), dtype=np.int64)
        i = np.repeat(rows, n)
        j = np.tile(np.arange(n, dtype=np.int64), len(rows))
        ok = (i != j) & admissible(
            rules, people, i, people, j, forbidden, mentoring=False, keyed=False
        )
        for keys in forbidden.values():
            inside = keys[(keys >= start * n) & (keys < (start + len(rows)) * n)]
            ok[inside - start * n] = False
        if bound is None:
            ok &= i < j
            kept_a.append(i[ok])
            kept_b.append(j[ok])
            continue
        # Highest score first, then the lowest position: one integer to rank by.
        flat = np.full(len(i), -1, dtype=np.int64)
        flat[ok] = scores(scale, people, i[ok], people, j[ok], mutual=True) * n + (n - 1 - j[ok])
        rank = flat.reshape(len(rows), n)
        take = min(bound, n)
        best = np.argpartition(-rank, take - 1, axis=1)[:, :take]
        chosen = np.take_along_axis(rank, best, axis=1) >= 0
        ends = np.repeat(rows, take).reshape(len(rows), take)[chosen]
        others = best[chosen].astype(np.int64)
        kept_a.append(np.minimum(ends, others))
        kept_b.append(np.maximum(ends, others))
    a = np.concatenate(kept_a) if kept_a else np.zeros(0, dtype=np.int64)
    b = np.concatenate(kept_b) if kept_b else np.zeros(0, dtype=np.int64)
    unique = np.unique(a * max(n, 1) + b)
    a, b = unique // max(n, 1), unique % max(n, 1)
    return a, b, scores(scale, people, a, people, b, mutual=True)
