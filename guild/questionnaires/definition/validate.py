"""Checks shared by the JSON and XLSForm importers, on a built `Definition`.

Every problem is collected (never only the first), each with the path of the offending
part, so an importer can point at the right place in its own file.
"""

import re

from django.utils.translation import gettext as _

from guild.questionnaires.definition.conditions import ConditionError, parse_condition
from guild.questionnaires.definition.problems import Path, Problem, problem
from guild.questionnaires.definition.roles import role_problems
from guild.questionnaires.definition.types import (
    NUMBER_TYPES,
    OPTION_TYPES,
    QUASI_IDENTIFIER_KINDS,
    TEXT_TYPES,
    Breakdown,
    Definition,
    Option,
    Question,
    QuestionType,
    Text,
)

CODE_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,63}")
# Option codes are stored as answers and may be reference codes such as "IS-04".
OPTION_CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
MAX_TEXT_LIMIT = 100_000
LABEL_LIMIT = 2000
MAX_QUESTIONS = 500
MAX_OPTIONS = 500


def is_code(value: str) -> bool:
    return bool(CODE_PATTERN.fullmatch(value))


def _text(value: Text | None, path: Path, *, required: bool) -> list[Problem]:
    found: list[Problem] = []
    if value is None:
        if required:
            for language in ("en", "fr"):
                found.append(_missing_label((*path, language), language))
        return found
    for language in ("en", "fr"):
        text = getattr(value, language)
        if not text.strip():
            if required or value.en.strip() or value.fr.strip():
                found.append(_missing_label((*path, language), language))
        elif len(text) > LABEL_LIMIT:
            found.append(
                problem(
                    "text_too_long",
                    _("This text is longer than %(limit)d characters.") % {"limit": LABEL_LIMIT},
                    (*path, language),
                )
            )
    return found


def _missing_label(path: Path, language: str) -> Problem:
    if language == "en":
        return problem("missing_english", _("Give this text in English."), path)
    return problem("missing_french", _("Give this text in French."), path)


def _options(options: tuple[Option, ...], path: Path, *, what: str) -> list[Problem]:
    found: list[Problem] = []
    seen: set[str] = set()
    for index, option in enumerate(options):
        here = (*path, index)
        if not OPTION_CODE_PATTERN.fullmatch(option.code):
            found.append(
                problem(
                    "invalid_option_code",
                    _(
                        "“%(code)s” is not a valid code: use up to 64 letters, digits, "
                        "hyphens, dots or underscores, starting with a letter or digit."
                    )
                    % {"code": option.code},
                    (*here, "code"),
                )
            )
        elif option.code in seen:
            message = (
                _("The row code “%(code)s” is used twice in this question.")
                if what == "rows"
                else _("The option code “%(code)s” is used twice in this question.")
            )
            found.append(
                problem(
                    f"duplicate_{what[:-1]}_code", message % {"code": option.code}, (*here, "code")
                )
            )
        seen.add(option.code)
        found.extend(_text(option.label, (*here, "label"), required=True))
    return found


def _range(question: Question, path: Path) -> list[Problem]:
    found: list[Problem] = []
    bounds = [("minimum", question.minimum), ("maximum", question.maximum)]
    if question.type not in NUMBER_TYPES:
        for name, value in bounds:
            if value is not None:
                found.append(
                    problem(
                        "range_not_allowed",
                        _("Only integer, decimal and year questions can have a range."),
                        (*path, name),
                    )
                )
        return found
    for name, value in bounds:
        if value is None:
            continue
        if not value.is_finite():
            found.append(problem("invalid_number", _("Enter a number."), (*path, name)))
        elif question.type != QuestionType.DECIMAL and value != value.to_integral_value():
            found.append(
                problem(
                    "whole_number_required",
                    _("The range of a whole-number or year question must be whole numbers."),
                    (*path, name),
                )
            )
    low, high = question.minimum, question.maximum
    if low is not None and high is not None and low.is_finite() and high.is_finite() and low > high:
        found.append(
            problem(
                "minimum_above_maximum",
                _("The minimum (%(minimum)s) is greater than the maximum (%(maximum)s).")
                % {"minimum": low, "maximum": high},
                (*path, "minimum"),
            )
        )
    return found


def _question(question: Question, path: Path, earlier: list[str]) -> list[Problem]:
    found = _text(question.label, (*path, "label"), required=True)
    found += _text(question.help, (*path, "help"), required=False)
    kind = question.type
    if kind in OPTION_TYPES:
        if len(question.options) < 2:
            found.append(
                problem(
                    "too_few_options",
                    _("A question of this type needs at least two options."),
                    (*path, "options"),
                )
            )
        elif len(question.options) > MAX_OPTIONS:
            found.append(
                problem(
                    "too_many_options",
                    _("A question can have at most %(limit)d options.") % {"limit": MAX_OPTIONS},
                    (*path, "options"),
                )
            )
        found += _options(question.options, (*path, "options"), what="options")
    elif question.options:
        found.append(
            problem(
                "options_not_allowed",
                _("Only choice, Likert, matrix and ranking questions have options."),
                (*path, "options"),
            )
        )
    if kind == QuestionType.MATRIX:
        if not question.rows:
            found.append(
                problem(
                    "missing_rows", _("A matrix question needs at least one row."), (*path, "rows")
                )
            )
        found += _options(question.rows, (*path, "rows"), what="rows")
    elif question.rows:
        found.append(
            problem("rows_not_allowed", _("Only matrix questions have rows."), (*path, "rows"))
        )
    found += _range(question, path)
    if question.max_length is not None:
        if kind not in TEXT_TYPES:
            found.append(
                problem(
                    "length_not_allowed",
                    _("Only text questions can have a maximum length."),
                    (*path, "max_length"),
                )
            )
        elif not 1 <= question.max_length <= MAX_TEXT_LIMIT:
            found.append(
                problem(
                    "invalid_max_length",
                    _("The maximum length must be between 1 and %(limit)d characters.")
                    % {"limit": MAX_TEXT_LIMIT},
                    (*path, "max_length"),
                )
            )
    if question.relevant is not None:
        found += _relevant(question.relevant, (*path, "relevant"), earlier)
    if question.breakdown is not None and kind != QuestionType.SINGLE:
        found.append(
            problem(
                "breakdown_not_single",
                _("Only a single-choice question can be used to break results down."),
                (*path, "breakdown"),
            )
        )
    if question.quasi_identifier is not None:
        allowed = QUASI_IDENTIFIER_KINDS.get(kind, frozenset())
        if not allowed:
            found.append(
                problem(
                    "quasi_identifier_not_allowed",
                    _(
                        "Only single-choice, scale, table, number and date questions can be "
                        "quasi-identifiers."
                    ),
                    (*path, "quasi_identifier"),
                )
            )
        elif question.quasi_identifier not in allowed:
            found.append(
                problem(
                    "quasi_identifier_not_ordered",
                    _("Numbers and dates are ordered quasi-identifiers."),
                    (*path, "quasi_identifier"),
                )
            )
    return found


def _relevant(source: str, path: Path, earlier: list[str]) -> list[Problem]:
    if not source.strip():
        return [problem("empty_condition", _("The condition is empty."), path)]
    try:
        parse_condition(source, known_codes=earlier)
    except ConditionError as error:
        if error.code == "unknown_reference":
            message = _(
                "The condition may refer only to questions that come before this one "
                "(character %(position)d)."
            )
        else:
            message = _("The condition cannot be read at character %(position)d: %(detail)s")
        return [
            problem(
                f"condition_{error.code}",
                message % {"position": error.position + 1, "detail": error.message},
                path,
            )
        ]
    return []


def validate_definition(definition: Definition) -> list[Problem]:
    """Every problem with `definition`; empty when it can be used."""
    found = _text(definition.title, ("title",), required=True)
    found += _text(definition.description, ("description",), required=False)
    if not definition.sections:
        found.append(
            problem("no_sections", _("A questionnaire needs at least one section."), ("sections",))
        )
    codes: set[str] = set()
    earlier: list[str] = []
    breakdowns: set[Breakdown] = set()
    total = 0

    def check_code(code: str, path: Path) -> None:
        if not is_code(code):
            found.append(
                problem(
                    "invalid_code",
                    _(
                        "“%(code)s” is not a valid code: start with a lower-case letter, "
                        "then use up to 63 lower-case letters, digits or underscores."
                    )
                    % {"code": code},
                    path,
                )
            )
        elif code in codes:
            found.append(
                problem(
                    "duplicate_code",
                    _("The code “%(code)s” is used twice in this questionnaire.") % {"code": code},
                    path,
                )
            )
        codes.add(code)

    for s_index, section in enumerate(definition.sections):
        s_path: Path = ("sections", s_index)
        check_code(section.code, (*s_path, "code"))
        found += _text(section.title, (*s_path, "title"), required=True)
        found += _text(section.description, (*s_path, "description"), required=False)
        if not section.questions:
            found.append(
                problem(
                    "empty_section",
                    _("A section needs at least one question."),
                    (*s_path, "questions"),
                )
            )
        for q_index, question in enumerate(section.questions):
            q_path = (*s_path, "questions", q_index)
            total += 1
            check_code(question.code, (*q_path, "code"))
            found += _question(question, q_path, earlier)
            if question.breakdown in (Breakdown.DEPARTMENT, Breakdown.REGION):
                if question.breakdown in breakdowns:
                    found.append(
                        problem(
                            "duplicate_breakdown",
                            _("Only one question can give the %(breakdown)s.")
                            % {"breakdown": _breakdown_name(question.breakdown)},
                            (*q_path, "breakdown"),
                        )
                    )
                breakdowns.add(question.breakdown)
            earlier.append(question.code)
    if total > MAX_QUESTIONS:
        found.append(
            problem(
                "too_many_questions",
                _("A questionnaire can have at most %(limit)d questions.")
                % {"limit": MAX_QUESTIONS},
                ("sections",),
            )
        )
    found += role_problems(definition)
    return found


def _breakdown_name(breakdown: Breakdown) -> str:
    return _("department") if breakdown == Breakdown.DEPARTMENT else _("region")
