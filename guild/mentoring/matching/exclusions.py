"""How many people of the other side each hard rule excludes, for many people at once.

Each count is computed from sorted columns and tallies, never pair by pair: the language
rule from the number of others with each set of languages, the department and region rules
from per-name tallies, the seniority rule from the others' sorted seniorities, and the
reporting-line, avoid and past rules from the forbidden keys (a person's keys are one run
of the sorted keys). One person may be excluded by several rules, so the counts may add up
to more than the pool.
"""

from collections.abc import Mapping
from enum import StrEnum

import numpy as np

from guild.mentoring.matching.candidates import HARD_RULES
from guild.mentoring.matching.encode import Columns
from guild.mentoring.matching.inputs import Rules


class Role(StrEnum):
    MENTEE = "mentee"
    MENTOR = "mentor"
    BUDDY = "buddy"


def _window(rules: Rules, seniority: np.ndarray, role: Role) -> tuple[np.ndarray, np.ndarray]:
    if role is Role.MENTEE:
        return seniority + rules.min_gap, seniority + rules.max_gap
    if role is Role.MENTOR:
        return seniority - rules.max_gap, seniority - rules.min_gap
    gap = rules.buddy_max_gap
    if gap is None:
        big = np.iinfo(np.int64).max // 4
        return np.full_like(seniority, -big), np.full_like(seniority, big)
    return seniority - gap, seniority + gap


def exclusion_counts(
    rules: Rules,
    people: Columns,
    rows: np.ndarray,
    others: Columns,
    forbidden: Mapping[str, np.ndarray],
    role: Role,
) -> tuple[int, np.ndarray]:
    """The pool each person is compared with (the other side, or the others of a buddy
    pool) and, for each of `rows`, a column per rule of `HARD_RULES`: how many of that pool
    the rule excludes. In mentoring, the forbidden keys are mentee * mentors + mentor."""
    pool = len(others.ids) - (1 if role is Role.BUDDY else 0)
    out = np.zeros((len(rows), len(HARD_RULES)), dtype=np.int64)
    if not len(rows) or not len(others.ids):
        return max(pool, 0), out
    column = {rule: k for k, rule in enumerate(HARD_RULES)}
    by_mask = np.bincount(others.languages, minlength=4)
    sharing = np.array([sum(by_mask[m] for m in range(4) if m & mine) for mine in range(4)])
    out[:, column["language"]] = len(others.ids) - sharing[people.languages[rows]]
    if rules.same_region:
        size = int(max(people.region.max(), others.region.max())) + 1
        tally = np.bincount(others.region, minlength=size)
        out[:, column["region"]] = len(others.ids) - tally[people.region[rows]]
    if rules.separate_departments:
        size = int(max(people.department.max(), others.department.max())) + 1
        tally = np.bincount(others.department, minlength=size)
        # A buddy is in their own department but is not in their own pool.
        out[:, column["department"]] = tally[people.department[rows]] - (role is Role.BUDDY)
    low, high = _window(rules, people.seniority[rows], role)
    ordered = np.sort(others.seniority)
    inside = np.searchsorted(ordered, high, side="right") - np.searchsorted(ordered, low, "left")
    out[:, column["seniority"]] = len(others.ids) - inside
    width = len(people.ids) if role is Role.MENTOR else len(others.ids)
    for rule in ("reporting_line", "avoid", "past"):
        keys = forbidden[rule]
        if role is Role.MENTOR:
            out[:, column[rule]] = np.bincount(keys % width, minlength=width)[rows]
        else:
            first = np.searchsorted(keys, rows * width, side="left")
            out[:, column[rule]] = np.searchsorted(keys, (rows + 1) * width, "left") - first
    return pool, out
