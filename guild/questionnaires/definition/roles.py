"""Checks on the workforce roles a definition declares (`definition.WorkforceRole`): one
single-choice question per role, and bands of years only on the options of the age and
service questions, each band readable and apart from the others.

Kept apart from validate.py, which calls it, so that the rules of the workforce view's
declaration read in one place.
"""

from django.utils.translation import gettext as _

from guild.questionnaires.definition.problems import Path, Problem, problem
from guild.questionnaires.definition.types import (
    BANDED_ROLES,
    Definition,
    Option,
    Question,
    QuestionType,
    WorkforceRole,
    YearBand,
)

MAX_YEARS = 150


def role_problems(definition: Definition) -> list[Problem]:
    """Every problem with the workforce roles and bands of `definition`."""
    found: list[Problem] = []
    seen: set[WorkforceRole] = set()
    for s_index, section in enumerate(definition.sections):
        for q_index, question in enumerate(section.questions):
            path: Path = ("sections", s_index, "questions", q_index)
            found += _role(question, path, seen)
            found += _bands(question, path)
    return found


def _role(question: Question, path: Path, seen: set[WorkforceRole]) -> list[Problem]:
    role = question.workforce
    if role is None:
        return []
    here = (*path, "workforce")
    if question.type != QuestionType.SINGLE:
        return [
            problem(
                "workforce_not_single",
                _("Only a single-choice question can have a workforce role."),
                here,
            )
        ]
    if role in seen:
        return [
            problem(
                "duplicate_workforce_role",
                _("Only one question can be the %(role)s.") % {"role": role_name(role)},
                here,
            )
        ]
    seen.add(role)
    if role in BANDED_ROLES and not any(option.band for option in question.options):
        return [
            problem(
                "missing_bands",
                _(
                    "Give the years each option of the %(role)s stands for (its band): the "
                    "workforce view counts from them."
                )
                % {"role": role_name(role)},
                here,
            )
        ]
    return []


def _bands(question: Question, path: Path) -> list[Problem]:
    banded = question.type == QuestionType.SINGLE and question.workforce in BANDED_ROLES
    found: list[Problem] = []
    earlier: list[Option] = []
    for what, options in (("options", question.options), ("rows", question.rows)):
        for index, option in enumerate(options):
            if option.band is None:
                continue
            here = (*path, what, index, "band")
            if not banded or what == "rows":
                found.append(
                    problem(
                        "band_not_allowed",
                        _(
                            "Only the options of the age band or years-of-service band "
                            "question have bands of years."
                        ),
                        here,
                    )
                )
                continue
            problems = _band(option.band, here) or _overlaps(option.band, earlier, here)
            if not problems:
                earlier.append(option)
            found += problems
    return found


def _overlaps(band: YearBand, earlier: list[Option], path: Path) -> list[Problem]:
    for other in earlier:
        if other.band is not None and _overlap(other.band, band):
            return [
                problem(
                    "bands_overlap",
                    _("This band overlaps the band of “%(code)s”.") % {"code": other.code},
                    path,
                )
            ]
    return []


def _band(band: YearBand, path: Path) -> list[Problem]:
    if not 0 <= band.low <= MAX_YEARS:
        return [
            problem(
                "invalid_band",
                _("A band's years are between 0 and %(limit)d.") % {"limit": MAX_YEARS},
                (*path, "low"),
            )
        ]
    if band.high is not None and not band.low <= band.high <= MAX_YEARS:
        return [
            problem(
                "invalid_band",
                _("A band ends at or after its start (%(low)d), at %(limit)d years at most.")
                % {"low": band.low, "limit": MAX_YEARS},
                (*path, "high"),
            )
        ]
    return []


def _overlap(a: YearBand, b: YearBand) -> bool:
    return (a.high is None or b.low <= a.high) and (b.high is None or a.low <= b.high)


def role_name(role: WorkforceRole) -> str:
    return {
        WorkforceRole.AGE: _("age band"),
        WorkforceRole.SERVICE: _("years-of-service band"),
        WorkforceRole.GROUP: _("occupational group"),
    }[role]
