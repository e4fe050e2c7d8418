"""The courses that close most of a member's remaining requirements, best first.

A course offer closes: the required course or capstone it is, when not done; one slot of an
unmet elective group it belongs to, when not done (the capstone only once the other course
requirements are met: it counts only when taken last); and each unmet level requirement whose
competency it develops to the level needed or higher. It also raises, without closing, the
unmet level requirements it develops above the member's level but below the one needed.
Offers are ranked by requirements closed, then levels gained towards unmet level
requirements, then code; offers that close or raise nothing are left out, and so are the
courses whose completion already counts.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from guild.learning.rules.definition import RuleSet
from guild.learning.rules.evaluation import Evaluation, Facts, Kind, Status, evaluate
from guild.learning.rules.explanation import Param, Reason


@dataclass(frozen=True)
class CourseOffer:
    code: str
    develops: Mapping[str, int] = field(default_factory=dict)
    """The level each competency is developed to."""


@dataclass(frozen=True)
class Recommendation:
    course: str
    closes: int
    levels: int
    reasons: tuple[Reason, ...]


def recommend_for(
    evaluation: Evaluation, offers: Sequence[CourseOffer], limit: int
) -> list[Recommendation]:
    """The best `limit` offers for the member `evaluation` describes."""
    counted = {course for item in evaluation.requirements for course, _day in item.counted}
    open_items = [item for item in evaluation.requirements if item.status is not Status.MET]
    courses_met = all(
        item.status is Status.MET
        for item in evaluation.requirements
        if item.kind in (Kind.COURSE, Kind.ELECTIVES)
    )
    found: list[Recommendation] = []
    for offer in offers:
        if offer.code in counted:
            continue
        closes = levels = 0
        why: list[Reason] = []
        for item in open_items:
            if item.kind is Kind.COURSE and item.code == offer.code:
                closes += 1
                why.append(Reason("closes_course", {"course": offer.code}))
            elif item.kind is Kind.CAPSTONE and item.code == offer.code and courses_met:
                closes += 1
                why.append(Reason("closes_capstone", {"course": offer.code}))
            elif item.kind is Kind.ELECTIVES and offer.code in item.missing:
                closes += 1
                why.append(Reason("closes_elective", {"group": item.code}))
            elif item.kind is Kind.LEVEL:
                level = offer.develops.get(item.code, 0)
                if level <= item.done:
                    continue
                levels += min(level, item.needed) - item.done
                params: dict[str, Param] = {
                    "competency": item.code,
                    "level": level,
                    "needed": item.needed,
                }
                if level >= item.needed:
                    closes += 1
                    why.append(Reason("closes_level", params))
                else:
                    why.append(Reason("raises_level", params))
        if why:
            found.append(Recommendation(offer.code, closes, levels, tuple(why)))
    found.sort(key=lambda item: (-item.closes, -item.levels, item.course))
    return found[: max(limit, 0)]


def recommend(
    rules: RuleSet, facts: Facts, offers: Sequence[CourseOffer], limit: int, *, on: date
) -> list[Recommendation]:
    """The best `limit` offers for a member with `facts` on day `on`."""
    return recommend_for(evaluate(rules, facts, on), offers, limit)
