"""The matching engine at scale: `python -m benchmarks.mentoring`.

Seeded random pools. Mentoring: 100,000 mentees and 30,000 mentors (capacity 1-3) in 60
work locations (regions) with `Rules(same_region=True)`, seniority 1-16 for mentees and
3-22 for mentors with a gap of 1 to 3, 70% English only, 15% French only, 15% both, 25
departments, 40 competencies, 10 goals, 10 availability slots, reporting lines of up to
three supervisors, a few avoid lists and 5,000 past pairs: about 50 admissible mentors per
mentee. Buddies: 5,000 senior officials (seniority 15-22, gap at most 3) in 13 regions,
each keeping their 20 best candidates.

Prints JSON: for each pool, the engine's round (checks, candidates, solve, verification,
explanations of everyone) with its time, pairs, unmatched and total score, then on the
same admissible pairs and scores, in the same run: a greedy matching; for mentoring,
OR-Tools' `SimpleMinCostFlow` written the plain way (the maximum total score; the engine's
own solver is OR-Tools' min-cost flow with the objective "most pairs, then highest
score"), and HiGHS on the linear programme of a subsample (six regions) against the engine
on the same subsample; for buddies, networkx's blossom algorithm on a subsample (600
people) against the engine on it, and an upper bound on any matching's total over all
admissible pairs (half the sum of each person's best score). Targets: under 10 s each.
"""

import argparse
import json
import os
import random
import sys
from decimal import Decimal
from typing import Any

import django
import numpy as np

from benchmarks.mentoring_reference import (
    greedy,
    lp_most_then_best,
    networkx_matching,
    plain_min_cost_flow,
    timed,
)
from guild.mentoring.matching import Mentor, Person, Round, Rules, buddy_round, mentoring_round
from guild.mentoring.matching.candidates import buddy_pairs, mentoring_pairs
from guild.mentoring.matching.encode import Encoder, pair_keys
from guild.mentoring.matching.inputs import Weights
from guild.mentoring.matching.score import Scale, scores

TARGET_SECONDS = 10.0
WEIGHTS = Weights(
    competencies=Decimal(3),
    goals=Decimal("1.5"),
    region=Decimal(1),
    format=Decimal(1),
    availability=Decimal("0.5"),
)
MENTORING_RULES = Rules(same_region=True, min_gap=1, max_gap=3)
BUDDY_RULES = Rules(buddy_max_gap=3, buddy_candidates=20)


def _person(g: random.Random, identifier: int, regions: int, seniority: int, **extra: Any) -> Any:
    languages = g.choices(("en", "fr", "both"), (70, 15, 15))[0]
    formats = g.choices(("in_person", "virtual", "both"), (30, 30, 40))[0]
    kind = Mentor if "capacity" in extra else Person
    return kind(
        id=identifier,
        department=f"D{g.randrange(25):02d}",
        region=f"R{g.randrange(regions):02d}",
        seniority=seniority,
        languages=frozenset(("en", "fr") if languages == "both" else (languages,)),
        formats=frozenset(("in_person", "virtual") if formats == "both" else (formats,)),
        availability=frozenset(f"slot{s}" for s in g.sample(range(10), g.randint(2, 5))),
        goals=frozenset(f"goal{s}" for s in g.sample(range(10), g.randint(1, 2))),
        **extra,
    )


def _lines(g: random.Random, bosses: list[int]) -> tuple[int, ...]:
    return tuple(g.sample(bosses, g.randint(0, 3)))


def mentoring_pool(mentees: int, mentors: int, seed: int) -> tuple[list, list, list]:
    g = random.Random(seed)  # noqa: S311 - reproducible benchmark data
    regions = 60
    mentor_ids = list(range(1_000_000, 1_000_000 + mentors))
    bosses = mentor_ids[: max(1, mentors // 10)]
    found_mentors = [
        _person(
            g,
            identifier,
            regions,
            g.randint(3, 22),
            capacity=g.randint(1, 3),
            offers=frozenset(f"C{c:02d}" for c in g.sample(range(40), g.randint(2, 5))),
            reporting_line=_lines(g, [b for b in bosses if b != identifier]),
        )
        for identifier in mentor_ids
    ]
    found_mentees = [
        _person(
            g,
            identifier,
            regions,
            g.randint(1, 16),
            wants=frozenset(f"C{c:02d}" for c in g.sample(range(40), g.randint(1, 3))),
            reporting_line=_lines(g, bosses),
            avoid=frozenset(g.sample(mentor_ids, 1)) if g.random() < 0.02 else frozenset(),
        )
        for identifier in range(1, mentees + 1)
    ]
    past = [(g.randint(1, mentees), g.choice(mentor_ids)) for _ in range(5000)]
    return found_mentees, found_mentors, past


def buddy_pool(people: int, seed: int) -> list[Person]:
    g = random.Random(seed)  # noqa: S311 - reproducible benchmark data
    ids = list(range(1, people + 1))
    return [
        _person(
            g,
            identifier,
            13,
            g.randint(15, 22),
            wants=frozenset(f"C{c:02d}" for c in g.sample(range(40), g.randint(1, 3))),
            offers=frozenset(f"C{c:02d}" for c in g.sample(range(40), g.randint(2, 5))),
            reporting_line=_lines(g, ids[:50]) if identifier > 50 else (),
            avoid=frozenset(g.sample(ids, 1)) if g.random() < 0.02 else frozenset(),
        )
        for identifier in ids
    ]


def _figures(seconds: float, pairs: int, unmatched: int, total: Any) -> dict[str, Any]:
    return {
        "seconds": round(seconds, 3),
        "pairs": pairs,
        "unmatched": unmatched,
        "total_score": str(total),
        "within_target": seconds < TARGET_SECONDS,
    }


def _round(result: Round, seconds: float) -> dict[str, Any]:
    """`unmatched` counts mentees (or buddies) without a partner, as for the other solvers;
    mentors left without a mentee are counted apart."""
    waiting = sum(1 for u in result.unmatched if u.role != "mentor")
    figures = _figures(seconds, len(result.pairs), waiting, result.total)
    return {
        **figures,
        "mentors_without_mentee": len(result.unmatched) - waiting,
        "candidates": result.candidates,
        "optimal": result.optimal,
        "status": result.status,
    }


def measure_mentoring(mentees: int, mentors: int, seed: int) -> dict[str, Any]:
    people, guides, past = mentoring_pool(mentees, mentors, seed)
    result, seconds = timed(
        mentoring_round, people, guides, weights=WEIGHTS, rules=MENTORING_RULES, past=past
    )
    scale = Scale.of(WEIGHTS)
    encoder = Encoder(people, guides)
    left, right = encoder.columns(people), encoder.columns(guides)
    (i, j), candidate_seconds = timed(
        mentoring_pairs, MENTORING_RULES, left, right, pair_keys(people, guides, past)
    )
    score = scores(scale, left, i, right, j, mutual=False)
    per_mentee = np.bincount(i, minlength=mentees)
    ones = np.ones(mentees, dtype=np.int64)
    chosen, greedy_seconds = timed(greedy, ones, right.capacity, i, j, score)
    plain, plain_seconds = timed(plain_min_cost_flow, mentees, right.capacity, i, j, score)
    # The subsample: mentees and mentors of six regions, solved by the engine and by HiGHS.
    region = {f"R{r:02d}" for r in range(6)}
    few, few_guides = (
        [p for p in people if p.region in region],
        [m for m in guides if m.region in region],
    )
    small, small_seconds = timed(
        mentoring_round, few, few_guides, weights=WEIGHTS, rules=MENTORING_RULES, past=past
    )
    sub = np.flatnonzero(np.isin(left.region[i], [encoder.names["region"][r] for r in region]))
    at_mentee = np.cumsum(np.isin(left.region, [encoder.names["region"][r] for r in region])) - 1
    at_mentor = np.cumsum(np.isin(right.region, [encoder.names["region"][r] for r in region])) - 1
    sub_capacity = right.capacity[
        np.isin(right.region, [encoder.names["region"][r] for r in region])
    ]
    (lp_pairs, lp_units), lp_seconds = timed(
        lp_most_then_best, len(few), sub_capacity, at_mentee[i[sub]], at_mentor[j[sub]], score[sub]
    )
    return {
        "mentees": mentees,
        "mentors": mentors,
        "capacity": int(right.capacity.sum()),
        "admissible_pairs": len(i),
        "admissible_per_mentee": round(len(i) / mentees, 1),
        "mentees_without_candidate": int((per_mentee == 0).sum()),
        "engine": _round(result, seconds),
        "candidate_generation_seconds": round(candidate_seconds, 3),
        "greedy": _figures(
            greedy_seconds,
            len(chosen),
            mentees - len(chosen),
            scale.decimal(int(score[chosen].sum())),
        ),
        "ortools_plain_max_score": _figures(
            plain_seconds, len(plain), mentees - len(plain), scale.decimal(int(score[plain].sum()))
        ),
        "subsample": {
            "mentees": len(few),
            "mentors": len(few_guides),
            "engine": _round(small, small_seconds),
            "highs_lp": {
                "seconds": round(lp_seconds, 3),
                "pairs": lp_pairs,
                "total_score": str(scale.decimal(lp_units)),
            },
            "same_answer": lp_pairs == len(small.pairs) and scale.decimal(lp_units) == small.total,
        },
    }


def measure_buddies(people: int, seed: int, sample: int) -> dict[str, Any]:
    pool = buddy_pool(people, seed)
    result, seconds = timed(buddy_round, pool, weights=WEIGHTS, rules=BUDDY_RULES)
    scale = Scale.of(WEIGHTS)
    columns = Encoder(pool).columns(pool)
    forbidden = pair_keys(pool, pool, ())
    a, b, score = buddy_pairs(BUDDY_RULES, scale, columns, forbidden)
    ones = np.ones(people, dtype=np.int64)
    chosen, greedy_seconds = timed(greedy, ones, ones, a, b, score)
    best_rules = Rules(buddy_max_gap=BUDDY_RULES.buddy_max_gap, buddy_candidates=1)
    ba, bb, bs = buddy_pairs(best_rules, scale, columns, forbidden)
    best = np.zeros(people, dtype=np.int64)
    np.maximum.at(best, ba, bs)
    np.maximum.at(best, bb, bs)
    few = pool[:sample]
    small, small_seconds = timed(buddy_round, few, weights=WEIGHTS, rules=BUDDY_RULES)
    sub = Encoder(few).columns(few)
    sa, sb, ss = buddy_pairs(BUDDY_RULES, scale, sub, pair_keys(few, few, ()))
    (nx_pairs, nx_units), nx_seconds = timed(networkx_matching, sa, sb, ss)
    return {
        "people": people,
        "kept_candidate_pairs": len(a),
        "engine": _round(result, seconds),
        "greedy": _figures(
            greedy_seconds,
            len(chosen),
            people - 2 * len(chosen),
            scale.decimal(int(score[chosen].sum())),
        ),
        "upper_bound_all_admissible": str(scale.decimal(int(best.sum())) / 2),
        "subsample": {
            "people": sample,
            "engine": _round(small, small_seconds),
            "networkx": {
                "seconds": round(nx_seconds, 3),
                "pairs": nx_pairs,
                "total_score": str(scale.decimal(nx_units)),
            },
            "same_answer": nx_pairs == len(small.pairs) and scale.decimal(nx_units) == small.total,
        },
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentees", type=int, default=100_000)
    parser.add_argument("--mentors", type=int, default=30_000)
    parser.add_argument("--buddies", type=int, default=5_000)
    parser.add_argument("--buddy-sample", type=int, default=600)
    parser.add_argument("--seed", type=int, default=2014)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    result = {
        "seed": args.seed,
        "target_seconds": TARGET_SECONDS,
        "mentoring": measure_mentoring(args.mentees, args.mentors, args.seed),
        "buddies": measure_buddies(args.buddies, args.seed, args.buddy_sample),
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
