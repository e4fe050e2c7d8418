"""Checks shared by the JSON and XLSForm importers, on a built `Definition`.

Every problem is collected (never only the first), each with the path of the offending
part, so an importer can point at the right place in its own file.

What each expression may refer to (Guild answers section by section, so an expression can
only use what the server knows when it is evaluated):

* ``relevant``, ``choice_filter`` and ``calculation``: questions before this one, in any
  earlier section or earlier in its own (a choice filter also names its options'
  properties, bare: ``state = ${state}``);
* ``constraint``: the answer itself (``.``), questions before this one, and any question of
  its own section, since a section's answers are checked together (pyxform allows any
  question of the form; a later section is not answered yet when this one is checked);
* ``${code}`` in a text (label, help, messages): any question of the form; it is shown
  with the answer given so far, or nothing.

`validate_definition(definition, translated=False)` accepts a text given in one official
language only (a draft still to translate); `untranslated_texts` counts those texts.
"""

import re
from collections.abc import Iterator

from django.utils.translation import gettext as _

from guild.questionnaires.definition.field_checks import (
    RELEVANT,
    default_problems,
    expression_problem,
    expression_problems,
    kind_problems,
    question_texts,
)
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
    Section,
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


def _text(
    value: Text | None, path: Path, *, required: bool, translated: bool = True
) -> list[Problem]:
    found: list[Problem] = []
    if value is None:
        if required:
            for language in ("en", "fr"):
                found.append(_missing_label((*path, language), language))
        return found
    given = bool(value.en.strip() or value.fr.strip())
    for language in ("en", "fr"):
        text = getattr(value, language)
        if not text.strip():
            if (required or given) and (translated or not given):
                found.append(_missing_label((*path, language), language))
        elif len(text) > LABEL_LIMIT:
            found.append(_too_long((*path, language)))
    for index, (_language, text) in enumerate(value.others):
        if len(text) > LABEL_LIMIT:
            found.append(_too_long((*path, "others", index)))
    return found


def _too_long(path: Path) -> Problem:
    return problem(
        "text_too_long",
        _("This text is longer than %(limit)d characters.") % {"limit": LABEL_LIMIT},
        path,
    )


def _missing_label(path: Path, language: str) -> Problem:
    if language == "en":
        return problem("missing_english", _("Give this text in English."), path)
    return problem("missing_french", _("Give this text in French."), path)


def _options(
    options: tuple[Option, ...], path: Path, *, what: str, translated: bool
) -> list[Problem]:
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
        found.extend(_text(option.label, (*here, "label"), required=True, translated=translated))
    return found


def _range(question: Question, path: Path) -> list[Problem]:
    found: list[Problem] = []
    bounds = [("minimum", question.minimum), ("maximum", question.maximum)]
    if question.type == QuestionType.RANKING:
        return _ranking_limit(question, path)
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


def _ranking_limit(question: Question, path: Path) -> list[Problem]:
    """A ranking's `maximum` is how many options a person may rank ("your three most
    important"): a whole number from 1 to the number of options. It has no minimum."""
    found: list[Problem] = []
    if question.minimum is not None:
        found.append(
            problem(
                "range_not_allowed",
                _("A ranking question can limit how many options are ranked, not require some."),
                (*path, "minimum"),
            )
        )
    limit = question.maximum
    if limit is not None and not (
        limit.is_finite()
        and limit == limit.to_integral_value()
        and 1 <= limit <= max(len(question.options), 1)
    ):
        found.append(
            problem(
                "invalid_ranking_limit",
                _("How many may be ranked must be a whole number from 1 to %(count)d.")
                % {"count": max(len(question.options), 1)},
                (*path, "maximum"),
            )
        )
    return found


class _Scope:
    """What the question being checked may refer to."""

    def __init__(self, definition: Definition, *, translated: bool) -> None:
        self.translated = translated
        self.codes = frozenset(q.code for q in definition.questions)
        self.earlier: list[str] = []
        self.section: frozenset[str] = frozenset()

    def enter(self, section: Section) -> None:
        self.section = frozenset(q.code for q in section.questions if q.type != QuestionType.NOTE)


def _question(question: Question, path: Path, scope: _Scope) -> list[Problem]:
    translated = scope.translated
    # A calculation is never shown to anyone: its label is optional.
    labelled = question.type != QuestionType.CALCULATE
    found = _text(question.label, (*path, "label"), required=labelled, translated=translated)
    found += _text(question.help, (*path, "help"), required=False, translated=translated)
    for key in ("constraint_message", "required_message"):
        message = getattr(question, key)
        found += _text(message, (*path, key), required=False, translated=translated)
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
        found += _options(
            question.options, (*path, "options"), what="options", translated=translated
        )
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
        found += _options(question.rows, (*path, "rows"), what="rows", translated=translated)
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
        found += expression_problem(RELEVANT, question.relevant, (*path, "relevant"), scope.earlier)
    found += kind_problems(question, path)
    found += expression_problems(
        question, path, earlier=scope.earlier, section=scope.section, codes=scope.codes
    )
    found += default_problems(question, path)
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


def validate_definition(definition: Definition, *, translated: bool = True) -> list[Problem]:
    """Every problem with `definition`; empty when it can be used. With `translated`
    false, a text given in one official language only is accepted (a draft to translate)."""
    found = _text(definition.title, ("title",), required=True, translated=translated)
    found += _text(definition.description, ("description",), required=False, translated=translated)
    if not definition.sections:
        found.append(
            problem("no_sections", _("A questionnaire needs at least one section."), ("sections",))
        )
    codes: set[str] = set()
    scope = _Scope(definition, translated=translated)
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
        scope.enter(section)
        check_code(section.code, (*s_path, "code"))
        found += _text(section.title, (*s_path, "title"), required=True, translated=translated)
        found += _text(
            section.description, (*s_path, "description"), required=False, translated=translated
        )
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
            found += _question(question, q_path, scope)
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
            scope.earlier.append(question.code)
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


def _all_texts(definition: Definition) -> Iterator[Text]:
    yield definition.title
    if definition.description is not None:
        yield definition.description
    for section in definition.sections:
        yield section.title
        if section.description is not None:
            yield section.description
        for question in section.questions:
            for _where, text in question_texts(question):
                yield text


def untranslated_texts(definition: Definition) -> int:
    """How many texts are given in one official language only (English without French,
    or French without English): what remains to translate before publishing."""
    return sum(
        1 for text in _all_texts(definition) if bool(text.en.strip()) != bool(text.fr.strip())
    )
