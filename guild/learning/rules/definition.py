"""A certification's rules as data: reading them from JSON, checking them, writing them back.

The JSON form (`serialize_rules` writes it, `parse_rules` reads it)::

    {
      "code": "im-certificate",
      "name_en": "...", "name_fr": "...",
      "required": ["i011", "i301"],
      "electives": [{"code": "privacy", "name_en": "...", "name_fr": "...",
                     "choose": 2, "courses": ["t171", "t172", "t173"]}],
      "capstone": "i400",
      "levels": {"RIL-01": 2},
      "window_years": 5,
      "validity_years": 3,
      "renewal": {"opens_days": 90, "courses": 1, "from": ["i303"]}
    }

Only `code` is needed; a rule set needs at least one requirement. A course has one place in
the rules (required, one elective group, or the capstone), so no completion counts twice.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guild.core.errors import Problem, ProblemsError

CODE = re.compile(r"[-a-zA-Z0-9_]{1,40}")
MAX_YEARS = 100
MAX_OPENS_DAYS = 3650
KEYS = (
    "code",
    "name_en",
    "name_fr",
    "required",
    "electives",
    "capstone",
    "levels",
    "window_years",
    "validity_years",
    "renewal",
)
GROUP_KEYS = ("code", "name_en", "name_fr", "choose", "courses")
RENEWAL_KEYS = ("opens_days", "courses", "from")


@dataclass(frozen=True)
class ElectiveGroup:
    """`choose` distinct courses of `courses` are needed."""

    code: str
    choose: int
    courses: tuple[str, ...]
    name_en: str = ""
    name_fr: str = ""


@dataclass(frozen=True)
class Renewal:
    """How a certificate is renewed: from `opens_days` before it expires, by completing
    `courses` distinct courses of `from_courses` (any course of the rules when empty) after
    it was issued. With `courses` 0 the member meets the whole rules again."""

    opens_days: int = 0
    courses: int = 0
    from_courses: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleSet:
    code: str
    required: tuple[str, ...] = ()
    electives: tuple[ElectiveGroup, ...] = ()
    capstone: str | None = None
    levels: tuple[tuple[str, int], ...] = ()
    """(competency code, minimum validated level), sorted by code."""
    window_years: int | None = None
    validity_years: int | None = None
    renewal: Renewal | None = None
    name_en: str = ""
    name_fr: str = ""

    @property
    def courses(self) -> tuple[str, ...]:
        """Every course the rules name, in the order they name them."""
        named = [*self.required]
        for group in self.electives:
            named.extend(group.courses)
        if self.capstone is not None:
            named.append(self.capstone)
        return tuple(named)


@dataclass(frozen=True)
class RulesCatalogue:
    """What rules may refer to: course codes, competency codes and the levels of the scale."""

    courses: frozenset[str]
    competencies: frozenset[str]
    levels: tuple[int, ...] = (1, 2, 3, 4)


class RulesError(ProblemsError):
    """The rules are refused; `problems` holds every problem found, each at its JSON path."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(
            gettext_lazy("The certification rules were refused."),
            code="invalid_rules",
            problems=problems,
        )


@dataclass
class _Reader:
    catalogue: RulesCatalogue | None
    problems: list[Problem] = field(default_factory=list)
    placed: dict[str, str] = field(default_factory=dict)

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def keys(self, path: str, data: Mapping[str, Any], allowed: Sequence[str]) -> None:
        for key in data:
            if key not in allowed:
                self.add(f"{path}.{key}", _("Unknown field: the rules do not use it."))

    def code(self, path: str, value: object) -> str:
        if not isinstance(value, str) or CODE.fullmatch(value) is None:
            self.add(
                path,
                _("Expected a code of 1 to 40 letters, digits, hyphens or underscores."),
            )
            return ""
        return value

    def text(self, path: str, value: object) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            self.add(path, _("Expected text."))
            return ""
        return value

    def integer(self, path: str, value: object, low: int, high: int) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.add(
                path,
                _("Expected a whole number from %(low)d to %(high)d.") % {"low": low, "high": high},
            )
            return None
        return value

    def optional_years(self, path: str, value: object) -> int | None:
        return None if value is None else self.integer(path, value, 1, MAX_YEARS)

    def course(self, path: str, value: object, place: str | None) -> str:
        code = self.code(path, value)
        if not code:
            return ""
        if self.catalogue is not None and code not in self.catalogue.courses:
            self.add(path, _("No course has the code %(code)s.") % {"code": code})
        if place is not None:
            if code in self.placed:
                self.add(
                    path,
                    _("The course %(code)s is already at %(other)s: a course has one place.")
                    % {"code": code, "other": self.placed[code]},
                )
            else:
                self.placed[code] = path
        return code

    def courses(self, path: str, value: object, place: str | None) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.add(path, _("Expected a list of course codes."))
            return ()
        codes: list[str] = []
        for index, item in enumerate(value):
            code = self.course(f"{path}[{index}]", item, place)
            if code and code in codes and place is None:
                self.add(
                    f"{path}[{index}]", _("The course %(code)s is listed twice.") % {"code": code}
                )
            elif code and code not in codes:
                codes.append(code)
        return tuple(codes)

    def group(self, path: str, value: object) -> ElectiveGroup | None:
        if not isinstance(value, dict):
            self.add(path, _("Expected an object with code, choose and courses."))
            return None
        self.keys(path, value, GROUP_KEYS)
        code = self.code(f"{path}.code", value.get("code"))
        courses = self.courses(f"{path}.courses", value.get("courses"), "electives")
        if not courses:
            self.add(f"{path}.courses", _("An elective group needs at least one course."))
        name_en = self.text(f"{path}.name_en", value.get("name_en"))
        name_fr = self.text(f"{path}.name_fr", value.get("name_fr"))
        choose = self.integer(f"{path}.choose", value.get("choose"), 1, max(len(courses), 1))
        if choose is None:
            return None
        return ElectiveGroup(
            code=code, choose=choose, courses=courses, name_en=name_en, name_fr=name_fr
        )

    def levels(self, path: str, value: object) -> tuple[tuple[str, int], ...]:
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.add(path, _("Expected an object of competency codes and levels."))
            return ()
        scale = self.catalogue.levels if self.catalogue is not None else (1, 2, 3, 4)
        found: list[tuple[str, int]] = []
        for competency, level in value.items():
            at = f"{path}.{competency}"
            code = self.code(at, competency)
            if code and self.catalogue is not None and code not in self.catalogue.competencies:
                self.add(at, _("No competency has the code %(code)s.") % {"code": code})
            checked = self.integer(at, level, min(scale), max(scale))
            if code and checked is not None:
                found.append((code, checked))
        return tuple(sorted(found))

    def renewal(self, path: str, value: object, validity: object) -> Renewal | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.add(path, _("Expected an object with opens_days, courses and from."))
            return None
        self.keys(path, value, RENEWAL_KEYS)
        if validity is None:
            self.add(path, _("A renewal needs a validity period (validity_years)."))
        opens = self.integer(f"{path}.opens_days", value.get("opens_days", 0), 0, MAX_OPENS_DAYS)
        from_courses = self.courses(f"{path}.from", value.get("from"), None)
        pool = len(from_courses) if from_courses else len(self.placed)
        courses = self.integer(f"{path}.courses", value.get("courses", 0), 0, pool)
        if opens is None or courses is None:
            return None
        return Renewal(opens_days=opens, courses=courses, from_courses=from_courses)


def parse_rules(data: object, catalogue: RulesCatalogue | None = None) -> RuleSet:
    """The rule set `data` describes (see the module's docstring), checked against
    `catalogue` when given; `RulesError` with every problem when anything is wrong."""
    reader = _Reader(catalogue)
    if not isinstance(data, dict):
        raise RulesError([Problem("$", _("Expected an object describing the rules."))])
    reader.keys("$", data, KEYS)
    code = reader.code("$.code", data.get("code"))
    required = reader.courses("$.required", data.get("required"), "required")
    groups: list[ElectiveGroup] = []
    electives = data.get("electives")
    if electives is not None and not isinstance(electives, list):
        reader.add("$.electives", _("Expected a list of elective groups."))
    for index, value in enumerate(electives if isinstance(electives, list) else []):
        group = reader.group(f"$.electives[{index}]", value)
        if group is not None and group.code in {other.code for other in groups}:
            reader.add(
                f"$.electives[{index}].code",
                _("Two elective groups have the code %(code)s.") % {"code": group.code},
            )
        elif group is not None:
            groups.append(group)
    capstone_value = data.get("capstone")
    capstone = (
        None
        if capstone_value is None
        else (reader.course("$.capstone", capstone_value, "capstone") or None)
    )
    levels = reader.levels("$.levels", data.get("levels"))
    window = reader.optional_years("$.window_years", data.get("window_years"))
    validity = reader.optional_years("$.validity_years", data.get("validity_years"))
    renewal = reader.renewal("$.renewal", data.get("renewal"), data.get("validity_years"))
    name_en = reader.text("$.name_en", data.get("name_en"))
    name_fr = reader.text("$.name_fr", data.get("name_fr"))
    if not (required or groups or capstone or levels) and not reader.problems:
        reader.add("$", _("The rules need at least one course or competency requirement."))
    if reader.problems:
        raise RulesError(reader.problems)
    return RuleSet(
        code=code,
        name_en=name_en,
        name_fr=name_fr,
        required=required,
        electives=tuple(groups),
        capstone=capstone,
        levels=levels,
        window_years=window,
        validity_years=validity,
        renewal=renewal,
    )


def serialize_rules(rules: RuleSet) -> dict[str, Any]:
    """The JSON form of `rules`: `parse_rules(serialize_rules(rules)) == rules`."""
    return {
        "code": rules.code,
        "name_en": rules.name_en,
        "name_fr": rules.name_fr,
        "required": list(rules.required),
        "electives": [
            {
                "code": group.code,
                "name_en": group.name_en,
                "name_fr": group.name_fr,
                "choose": group.choose,
                "courses": list(group.courses),
            }
            for group in rules.electives
        ],
        "capstone": rules.capstone,
        "levels": dict(rules.levels),
        "window_years": rules.window_years,
        "validity_years": rules.validity_years,
        "renewal": None
        if rules.renewal is None
        else {
            "opens_days": rules.renewal.opens_days,
            "courses": rules.renewal.courses,
            "from": list(rules.renewal.from_courses),
        },
    }
