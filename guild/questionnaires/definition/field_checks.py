"""Checks of the question fields that come with XLSForm's features: notes and
calculations (what they cannot have), the expressions (`relevant`, `constraint`,
`choice_filter`, `calculation`: they parse, and refer only to what the server knows when it
evaluates them, see validate.py), default answers (they fit the question) and `${code}`
references in texts (they name a question of the form). Called by validate.py.
"""

import datetime
import re
from collections.abc import Collection, Iterator
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from guild.questionnaires.definition.conditions import (
    UNKNOWN_FUNCTION,
    UNKNOWN_REFERENCE,
    ConditionError,
    parse_calculation,
    parse_condition,
)
from guild.questionnaires.definition.labels import label_references
from guild.questionnaires.definition.problems import Path, Problem, problem
from guild.questionnaires.definition.types import (
    ANSWERED_TYPES,
    CHOICE_TYPES,
    NUMBER_TYPES,
    TEXT_TYPES,
    Question,
    QuestionType,
    Text,
)

RELEVANT, CONSTRAINT, CHOICE_FILTER, CALCULATION = (
    "relevant",
    "constraint",
    "choice_filter",
    "calculation",
)
_PROBLEM_PREFIX = {
    RELEVANT: "condition",
    CONSTRAINT: "constraint",
    CHOICE_FILTER: "choice_filter",
    CALCULATION: "calculation",
}


def _unknown_reference_message(what: str) -> str:
    if what == CONSTRAINT:
        return _(
            "The constraint may refer only to this answer (.), to questions that come "
            "before this one and to questions of its section (character %(position)d)."
        )
    if what == CHOICE_FILTER:
        return _(
            "The choice filter may refer only to questions that come before this one "
            "(character %(position)d)."
        )
    if what == CALCULATION:
        return _(
            "The calculation may refer only to questions that come before this one "
            "(character %(position)d)."
        )
    return _(
        "The condition may refer only to questions that come before this one "
        "(character %(position)d)."
    )


def _unreadable_message(what: str) -> str:
    if what == CONSTRAINT:
        return _("The constraint cannot be read at character %(position)d: %(detail)s")
    if what == CHOICE_FILTER:
        return _("The choice filter cannot be read at character %(position)d: %(detail)s")
    if what == CALCULATION:
        return _("The calculation cannot be read at character %(position)d: %(detail)s")
    return _("The condition cannot be read at character %(position)d: %(detail)s")


def expression_problem(what: str, source: str, path: Path, known: Collection[str]) -> list[Problem]:
    """The problem of one expression (`what`: RELEVANT, CONSTRAINT …) referring to `known`."""
    prefix = _PROBLEM_PREFIX[what]
    if not source.strip():
        message = (
            _("The condition is empty.") if what == RELEVANT else _("The expression is empty.")
        )
        return [problem(f"empty_{prefix}", message, path)]
    try:
        if what == CALCULATION:
            parse_calculation(source, known_codes=known)
        else:
            parse_condition(
                source,
                known_codes=known,
                allow_self=what == CONSTRAINT,
                allow_names=what == CHOICE_FILTER,
            )
    except ConditionError as error:
        values = {"position": error.position + 1, "detail": error.message}
        if error.code == UNKNOWN_REFERENCE:
            message = _unknown_reference_message(what)
        elif error.code == UNKNOWN_FUNCTION:
            message = _(
                "Guild cannot work out the function “%(function)s” (character %(position)d)."
            )
            values["function"] = str(getattr(error, "function", ""))
        else:
            message = _unreadable_message(what)
        return [problem(f"{prefix}_{error.code}", message % values, path)]
    return []


def kind_problems(question: Question, path: Path) -> list[Problem]:
    """What notes and calculations cannot have, and where the new fields belong."""
    found: list[Problem] = []
    kind = question.type
    answered = kind in ANSWERED_TYPES
    if not answered and question.required:
        found.append(
            problem(
                "required_not_allowed",
                _("Notes and calculations are never answered, so they cannot be required."),
                (*path, "required"),
            )
        )
    if not answered and question.constraint is not None:
        found.append(
            problem(
                "constraint_not_allowed",
                _("Notes and calculations are never answered, so they have no constraint."),
                (*path, "constraint"),
            )
        )
    if not answered and question.default is not None:
        found.append(
            problem(
                "default_not_allowed",
                _("Notes and calculations have no default answer."),
                (*path, "default"),
            )
        )
    if question.choice_filter is not None and kind not in CHOICE_TYPES:
        found.append(
            problem(
                "choice_filter_not_allowed",
                _("Only single-choice, multiple-choice and scale questions can filter options."),
                (*path, "choice_filter"),
            )
        )
    if kind == QuestionType.CALCULATE and not (question.calculation or "").strip():
        found.append(
            problem(
                "missing_calculation",
                _("A calculation needs the expression it works out."),
                (*path, "calculation"),
            )
        )
    elif kind != QuestionType.CALCULATE and question.calculation is not None:
        found.append(
            problem(
                "calculation_not_allowed",
                _("Only calculate questions have a calculation."),
                (*path, "calculation"),
            )
        )
    if answered and question.read_only and question.required and question.default is None:
        found.append(
            problem(
                "read_only_required",
                _(
                    "A read-only question cannot be answered, so it can be required only "
                    "when it has a default answer."
                ),
                (*path, "read_only"),
            )
        )
    return found


def expression_problems(
    question: Question,
    path: Path,
    *,
    earlier: Collection[str],
    section: Collection[str],
    codes: Collection[str],
) -> list[Problem]:
    """The problems of the question's constraint, choice filter and calculation, which may
    refer to the `earlier` questions (a constraint also to its `section`), and of the
    `${code}` in its texts, which must name one of `codes`."""
    found: list[Problem] = []
    if question.constraint is not None and question.type in ANSWERED_TYPES:
        known = {*earlier, *section, question.code}
        found += expression_problem(CONSTRAINT, question.constraint, (*path, "constraint"), known)
    if question.choice_filter is not None and question.type in CHOICE_TYPES:
        found += expression_problem(
            CHOICE_FILTER, question.choice_filter, (*path, "choice_filter"), earlier
        )
    calculation = question.calculation
    if calculation is not None and calculation.strip() and question.type == QuestionType.CALCULATE:
        found += expression_problem(CALCULATION, calculation, (*path, "calculation"), earlier)
    found += _label_references(question, path, codes)
    return found


def question_texts(question: Question) -> Iterator[tuple[Path, Text]]:
    """Every text of a question (its options' and rows' labels too), with its path."""
    for key in ("label", "help", "constraint_message", "required_message"):
        text = getattr(question, key)
        if text is not None:
            yield (key,), text
    for what in ("options", "rows"):
        for index, option in enumerate(getattr(question, what)):
            yield (what, index, "label"), option.label


def _label_references(question: Question, path: Path, codes: Collection[str]) -> list[Problem]:
    found: list[Problem] = []
    for where, text in question_texts(question):
        languages: list[tuple[Path, str]] = [(("en",), text.en), (("fr",), text.fr)]
        languages += [
            (("others", index), value) for index, (_name, value) in enumerate(text.others)
        ]
        for part, value in languages:
            unknown = [code for code in label_references(value) if code not in codes]
            if unknown:
                found.append(
                    problem(
                        "unknown_label_reference",
                        _("“${%(code)s}” does not name a question of this questionnaire.")
                        % {"code": unknown[0]},
                        (*path, *where, *part),
                    )
                )
    return found


_WHOLE = re.compile(r"[+-]?[0-9]{1,15}")
_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,15}(?:\.[0-9]{0,10})?|\.[0-9]{1,10})")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _default_fits(question: Question, value: str) -> bool:
    kind = question.type
    codes = {option.code for option in question.options}
    if kind in (QuestionType.SINGLE, QuestionType.LIKERT):
        return value in codes
    if kind == QuestionType.MULTIPLE:
        chosen = value.split()
        return bool(chosen) and all(code in codes for code in chosen)
    if kind in NUMBER_TYPES:
        pattern = _NUMBER if kind == QuestionType.DECIMAL else _WHOLE
        if not pattern.fullmatch(value):
            return False
        try:
            number = Decimal(value)
        except InvalidOperation:
            return False
        low, high = question.minimum, question.maximum
        return (low is None or number >= low) and (high is None or number <= high)
    if kind == QuestionType.DATE:
        if not _DATE.fullmatch(value):
            return False
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return False
        return True
    if kind in TEXT_TYPES:
        return "\x00" not in value and len(value) <= question.text_limit
    return False


def default_problems(question: Question, path: Path) -> list[Problem]:
    """Whether the default answer fits the question (an option code of a choice …)."""
    if question.default is None or question.type not in ANSWERED_TYPES:
        return []
    here = (*path, "default")
    if question.type in (QuestionType.MATRIX, QuestionType.RANKING):
        return [
            problem(
                "default_not_allowed",
                _("Table and ranking questions have no default answer."),
                here,
            )
        ]
    value = question.default.strip()
    if _default_fits(question, value):
        return []
    kind = question.type
    if kind in CHOICE_TYPES:
        message = _("The default answer “%(value)s” is not one of the option codes.")
    elif kind in NUMBER_TYPES:
        message = _("The default answer “%(value)s” is not a number this question accepts.")
    elif kind == QuestionType.DATE:
        message = _("The default answer “%(value)s” is not a date written YYYY-MM-DD.")
    else:
        message = _("The default answer is longer than this question accepts.")
    return [problem("invalid_default", message % {"value": value[:64]}, here)]
