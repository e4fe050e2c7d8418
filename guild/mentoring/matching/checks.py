"""The checks a round's input passes before anything is computed: every problem found, each
at its path, raised together as one `MatchingError`."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import fields
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from guild.core.errors import Problem
from guild.mentoring.matching.inputs import (
    CODE_SETS,
    FORMATS,
    LANGUAGES,
    MAX_CAPACITY,
    MAX_WEIGHT,
    WEIGHT_PLACES,
    MatchingError,
    Mentor,
    Person,
    Rules,
    Weights,
)


def _is_int(value: Any) -> bool:
    return type(value) is int or (isinstance(value, int) and not isinstance(value, bool))


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _code_problems(name: str, people: Sequence[Person]) -> list[Problem]:
    """Codes that are not texts, found among the distinct codes of the pool (a few hundred)
    and only then traced to the people who hold them."""
    distinct: set[Any] = set()
    for p in people:
        for codes in (p.availability, p.wants, p.offers, p.goals):
            if isinstance(codes, frozenset):
                distinct |= codes
    bad = {code for code in distinct if not _text(code)}
    if not bad:
        return []
    return [
        Problem(f"{name}[{index}].{field}", _("Codes must be a set of non-empty texts."))
        for index, p in enumerate(people)
        for field in CODE_SETS
        if isinstance(getattr(p, field), frozenset) and getattr(p, field) & bad
    ]


def _person_problems(path: str, person: Person) -> list[Problem]:
    found: list[Problem] = []
    if not _is_int(person.id):
        found.append(Problem(f"{path}.id", _("The member id must be a whole number.")))
    if not _text(person.department):
        found.append(Problem(f"{path}.department", _("The department is missing.")))
    if not _text(person.region):
        found.append(Problem(f"{path}.region", _("The region is missing.")))
    if not _is_int(person.seniority):
        found.append(Problem(f"{path}.seniority", _("The seniority must be a whole number.")))
    languages = person.languages
    if not isinstance(languages, frozenset) or not languages:
        found.append(Problem(f"{path}.languages", _("At least one official language is needed.")))
    else:
        for code in sorted(map(str, languages - set(LANGUAGES))):
            found.append(
                Problem(
                    f"{path}.languages",
                    _('Unknown language "%(code)s": the official languages are "en" and "fr".')
                    % {"code": code},
                )
            )
    if not isinstance(person.formats, frozenset) or not person.formats <= set(FORMATS):
        found.append(Problem(f"{path}.formats", _('A format is "in_person" or "virtual".')))
    for name in CODE_SETS:
        if not isinstance(getattr(person, name), frozenset):
            found.append(Problem(f"{path}.{name}", _("Codes must be a set of non-empty texts.")))
    line = person.reporting_line
    if not isinstance(line, tuple) or not all(_is_int(i) for i in line):
        found.append(
            Problem(f"{path}.reporting_line", _("The reporting line is a list of member ids."))
        )
    elif person.id in line:
        found.append(
            Problem(f"{path}.reporting_line", _("A member cannot be in their own reporting line."))
        )
    if not isinstance(person.avoid, frozenset) or not all(_is_int(i) for i in person.avoid):
        found.append(Problem(f"{path}.avoid", _("The people to avoid are a set of member ids.")))
    if isinstance(person, Mentor) and (
        not _is_int(person.capacity) or not 1 <= person.capacity <= MAX_CAPACITY
    ):
        found.append(
            Problem(
                f"{path}.capacity",
                _("A mentor's capacity is 1, 2 or %(most)d mentees.") % {"most": MAX_CAPACITY},
            )
        )
    return found


def _duplicates(name: str, people: Sequence[Person]) -> list[Problem]:
    counts = Counter(p.id for p in people if _is_int(p.id))
    return [
        Problem(name, _("Member %(id)d appears more than once.") % {"id": identifier})
        for identifier in sorted(i for i, count in counts.items() if count > 1)
    ]


def _weight_problems(weights: Weights) -> list[Problem]:
    found: list[Problem] = []
    for field in fields(weights):
        value = getattr(weights, field.name)
        path = f"weights.{field.name}"
        if not (_is_int(value) or isinstance(value, Decimal)) or not Decimal(value).is_finite():
            found.append(Problem(path, _("A weight must be a decimal number.")))
        elif not Decimal(0) <= Decimal(value) <= MAX_WEIGHT:
            found.append(
                Problem(path, _("A weight must be between 0 and %(max)s.") % {"max": MAX_WEIGHT})
            )
        elif -int(Decimal(value).normalize().as_tuple().exponent) > WEIGHT_PLACES:
            found.append(
                Problem(
                    path,
                    _("A weight may have at most %(places)d decimal places.")
                    % {"places": WEIGHT_PLACES},
                )
            )
    return found


def _rule_problems(rules: Rules, *, mentoring: bool) -> list[Problem]:
    found: list[Problem] = []
    if mentoring:
        low, high = rules.min_gap, rules.max_gap
        if not _is_int(low) or low < 1:
            found.append(
                Problem(
                    "rules.min_gap",
                    _("The mentor must be more senior: the smallest gap is 1 or more."),
                )
            )
        if not _is_int(high):
            found.append(Problem("rules.max_gap", _("The largest gap must be a whole number.")))
        elif _is_int(low) and high < low:
            found.append(
                Problem("rules.max_gap", _("The largest gap is smaller than the smallest gap."))
            )
    gap = rules.buddy_max_gap
    if not mentoring and gap is not None and (not _is_int(gap) or gap < 0):
        found.append(
            Problem("rules.buddy_max_gap", _("The largest gap must be a whole number, 0 or more."))
        )
    bound = rules.buddy_candidates
    if not mentoring and bound is not None and (not _is_int(bound) or bound < 1):
        found.append(
            Problem(
                "rules.buddy_candidates",
                _("The number of candidates kept must be a whole number, 1 or more."),
            )
        )
    return found


def _past_problems(past: Iterable[tuple[int, int]]) -> list[Problem]:
    for pair in past:
        if not (isinstance(pair, tuple) and len(pair) == 2 and all(_is_int(i) for i in pair)):
            return [Problem("past", _("Each past pair is two member ids."))]
        if pair[0] == pair[1]:
            return [Problem("past", _("A past pair needs two different members."))]
    return []


def check_mentoring(
    mentees: Sequence[Person],
    mentors: Sequence[Mentor],
    weights: Weights,
    rules: Rules,
    past: Iterable[tuple[int, int]],
) -> None:
    """Raise `MatchingError` with every problem of a mentoring round's input, or return."""
    found: list[Problem] = []
    for index, person in enumerate(mentees):
        if isinstance(person, Mentor):
            found.append(Problem(f"mentees[{index}]", _("A mentee is given as a mentor.")))
        found.extend(_person_problems(f"mentees[{index}]", person))
    for index, mentor in enumerate(mentors):
        if not isinstance(mentor, Mentor):
            found.append(Problem(f"mentors[{index}]", _("A mentor needs a capacity.")))
        found.extend(_person_problems(f"mentors[{index}]", mentor))
    found.extend(_code_problems("mentees", mentees))
    found.extend(_code_problems("mentors", mentors))
    found.extend(_duplicates("mentees", mentees))
    found.extend(_duplicates("mentors", mentors))
    both = {p.id for p in mentees if _is_int(p.id)} & {m.id for m in mentors if _is_int(m.id)}
    for identifier in sorted(both):
        found.append(
            Problem(
                "mentors",
                _("Member %(id)d is both a mentee and a mentor in this round.")
                % {"id": identifier},
            )
        )
    found.extend(_weight_problems(weights))
    found.extend(_rule_problems(rules, mentoring=True))
    found.extend(_past_problems(past))
    if found:
        raise MatchingError(found)


def check_buddies(
    people: Sequence[Person], weights: Weights, rules: Rules, past: Iterable[tuple[int, int]]
) -> None:
    """Raise `MatchingError` with every problem of a buddy round's input, or return."""
    found: list[Problem] = []
    for index, person in enumerate(people):
        found.extend(_person_problems(f"people[{index}]", person))
    found.extend(_code_problems("people", people))
    found.extend(_duplicates("people", people))
    found.extend(_weight_problems(weights))
    found.extend(_rule_problems(rules, mentoring=False))
    found.extend(_past_problems(past))
    if found:
        raise MatchingError(found)
