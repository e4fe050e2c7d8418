"""The matching engine: the best mentoring or buddy pairs under the hard rules, each pair's
reasons, and why each person left without a partner is left.

A pure module (no ORM): `mentoring_round(mentees, mentors, weights=, rules=, past=)` and
`buddy_round(people, weights=, rules=, past=)` take frozen dataclasses and return a
`Round`. What the rules mean, precisely:

- **Language.** The two share an official language (`Person.languages`, "en"/"fr").
- **Reporting line.** Neither is in the other's `reporting_line` (the ids of their
  supervisors up the chain): a person is never paired with a boss, however far up, nor with
  anyone who reports to them. Two people under one supervisor may be paired.
- **Departments** (`Rules.separate_departments`, on by default): the two are in different
  departments. **Region** (`Rules.same_region`, off by default): the two are in the same
  region, for an in-person programme.
- **Seniority.** Mentoring: the mentor's seniority minus the mentee's is between
  `Rules.min_gap` (at least 1: the mentor is more senior) and `Rules.max_gap`, inclusive.
  Buddies: the difference is at most `Rules.buddy_max_gap` when it is set.
- **Never twice.** No pair in `past` (in either order) is proposed again.
- **Avoid.** Neither is in the other's `avoid` list.
- **Capacity.** A mentee has at most one mentor, a mentor at most `capacity` (1 to 3)
  mentees, a buddy one buddy.

**Score.** A pair scores `Weights.competencies` per competency the mentee wants and the
mentor offers (buddies: each way, so a competency both want from the other counts twice),
`goals` per shared goal, `availability` per shared slot, `region` if both are in one
region, `format` if both accept one format (in person or virtual). Weights are `Decimal`s of
at most four places; the solvers work on the scores in integer units (`score.Scale`), so
totals are exact and so is the proof of optimality.

**Objective.** A round proposes the **most pairs** the hard rules allow, and among all
answers with that many pairs, the **highest total score** (lexicographic). A coordinator
wants everyone who can be matched to be matched: a pure maximum of the total would leave a
mentee unmatched to give a mentor a better-scoring second mentee, and the engine never
trades a person's pairing for points. Pairs scoring 0 are admissible and proposed when they
pair one more person. Among answers equal on both counts the solver picks one; the input is
sorted by id first, so the same input gives the same answer.

**Candidates** (`candidates.py`): every admissible pair, found without examining all pairs
in mentoring (mentors indexed by region when required, seniority and languages), and in
buddy rounds from all pairs of the pool, bounded to each person's
`Rules.buddy_candidates` best when that is set. With that bound, the buddy round is optimal
over the kept pairs (a pair is kept when it is among the best of either end), not over all
admissible pairs: the benchmark reports the gap to an upper bound.

The mentoring round is a min-cost flow (OR-Tools), the buddy round an integer programme
(HiGHS), both exact (`solvers.py`); `Round.optimal` is their proof. Bad input raises
`MatchingError` with every problem (`inputs.py`); reasons come from the optimal answer
(`explain.py`).
"""

from guild.mentoring.matching.exclusions import Role
from guild.mentoring.matching.explain import (
    Pair,
    Reason,
    Unmatched,
    pair_sentences,
    unmatched_sentences,
)
from guild.mentoring.matching.inputs import MatchingError, Mentor, Person, Rules, Weights
from guild.mentoring.matching.rounds import Round, buddy_round, mentoring_round
from guild.mentoring.matching.score import CRITERIA, Criterion

__all__ = [
    "CRITERIA",
    "Criterion",
    "MatchingError",
    "Mentor",
    "Pair",
    "Person",
    "Reason",
    "Role",
    "Round",
    "Rules",
    "Unmatched",
    "Weights",
    "buddy_round",
    "mentoring_round",
    "pair_sentences",
    "unmatched_sentences",
]
