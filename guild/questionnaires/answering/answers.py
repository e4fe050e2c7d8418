"""Answers checked against a definition: which questions are shown, what a raw answer
means in canonical form (see the table in definition.py), and the countable rows a
response gives the `Answer` table. Pure: no database.

Raw input comes from forms (text, or lists of text) or from the API (JSON types). Each
question's raw value may be:

* single, likert: an option code;
* multiple: a list of option codes (a single code is taken as a list of one);
* matrix: a mapping {row code: option code} (empty values mean "not answered");
* ranking: a list of option codes, best first, or a mapping {option code: rank} as rank
  boxes on a form give it (blank ranks are left out);
* integer, year: an int, or text holding a whole number;
* decimal: a number, or text (a French decimal comma is accepted);
* date: text "YYYY-MM-DD";
* text, long_text: text (trimmed).

`None`, "" and empty lists or mappings mean "not answered".

What a person cannot type is never taken from the input: a note holds no answer (a value
sent for one is refused); a calculation holds the value the server works out from the
answers before it (definition.calculations), and a read-only question its default. A value
sent for either is refused unless it is the very value the server keeps, so that answers
read back from a draft can be sent again. A question's `choice_filter` decides which of its
options may be chosen given the earlier answers; its `constraint` is checked once every
answer of the request is read (it may use the other answers of its section), and fails
with its `constraint_message`; a missing required answer is reported with the question's
`required_message` when it has one.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guild.questionnaires.answering.coercion import (
    MAX_CODE,
    AnswerError,
    Refused,
    coerce_answer,
    is_empty,
)
from guild.questionnaires.definition.calculations import calculated
from guild.questionnaires.definition.conditions import Condition, cached_condition
from guild.questionnaires.definition.types import (
    ANSWERED_TYPES,
    CHOICE_TYPES,
    Breakdown,
    Definition,
    Option,
    Question,
    QuestionType,
)


class AnswerRow(NamedTuple):
    question: str
    item: str
    choice: str
    number: float | None


def _condition(source: str) -> Condition | None:
    return cached_condition(source)


def _constraint(source: str) -> Condition | None:
    return cached_condition(source, allow_self=True)


def _choice_filter(source: str) -> Condition | None:
    return cached_condition(source, allow_names=True)


def option_names(option: Option) -> dict[str, str]:
    """The bare names a choice filter sees for `option`: its properties and its code."""
    return {**dict(option.properties), "name": option.code}


def offered(question: Question, option: Option, answers: Mapping[str, object]) -> bool:
    """Whether `option` is offered given `answers` (its question's choice filter)."""
    if not question.choice_filter:
        return True
    condition = _choice_filter(question.choice_filter)
    # A stored definition has been validated; an unreadable filter offers every option.
    return condition is None or condition.evaluate(answers, names=option_names(option))


def _stored(value: object) -> object:
    """A calculated value as answers hold it: a Decimal as text, so it stays exact in JSON."""
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else None
    return value


def default_answer(question: Question) -> object:
    """The question's default in canonical form; None when it has none or it does not fit
    (a stored definition's defaults were checked)."""
    if question.default is None or question.type not in ANSWERED_TYPES:
        return None
    raw: object = question.default
    if question.type == QuestionType.MULTIPLE:
        raw = question.default.split()
    try:
        value = coerce_answer(question, raw)
    except Refused:
        return None
    return None if is_empty(value) else value


DERIVED_TYPES = frozenset({QuestionType.NOTE, QuestionType.CALCULATE})


def derived_codes(definition: Definition) -> frozenset[str]:
    """The questions whose stored value the server decides (notes, calculations and
    read-only questions): left out of stored answers before they are checked again."""
    return frozenset(q.code for q in definition.questions if q.type in DERIVED_TYPES or q.read_only)


def _shown(question: Question, answers: Mapping[str, object]) -> bool:
    if not question.relevant:
        return True
    condition = _condition(question.relevant)
    # A stored definition has been validated; an unreadable condition shows the question.
    return condition is None or condition.evaluate(answers)


def visible_questions(definition: Definition, answers: Mapping[str, object]) -> list[Question]:
    """The questions shown for these answers, in order. A condition sees only the answers
    to questions that are themselves shown, as the respondent does."""
    shown: list[Question] = []
    seen: dict[str, object] = {}
    for question in definition.questions:
        if _shown(question, seen):
            shown.append(question)
            if question.code in answers:
                seen[question.code] = answers[question.code]
    return shown


def _required_missing(question: Question, value: object) -> AnswerError | None:
    own = question.required_message.get(get_language() or "en") if question.required_message else ""
    if value is None:
        return AnswerError("required", own or _("Answer this question."))
    if (
        question.type == QuestionType.MATRIX
        and isinstance(value, Mapping)
        and len(value) < len(question.rows)
    ):
        return AnswerError("required", own or _("Answer every row of this question."))
    return None


def _not_typed(question: Question, value: object, kept: object) -> AnswerError | None:
    """The error for a value sent to a question nobody types, unless it is the value kept."""
    if question.type == QuestionType.NOTE:
        return AnswerError("note", _("This is a note to read; it takes no answer."))
    if kept is not None and _same(question, value, kept):
        return None
    if question.type == QuestionType.CALCULATE:
        return AnswerError(
            "calculated", _("This value is worked out from your other answers; leave it out.")
        )
    return AnswerError("read_only", _("This answer is set for you and cannot be changed."))


def _same(question: Question, value: object, kept: object) -> bool:
    if question.type == QuestionType.CALCULATE:
        return value == kept or (isinstance(kept, str) and str(value) == kept)
    try:
        return coerce_answer(question, value) == kept
    except Refused:
        return False


def _filtered_out(
    question: Question,
    value: object,
    answers: Mapping[str, object],
    errors: Mapping[str, AnswerError],
) -> str | None:
    """The first chosen option that the choice filter does not offer; None too when an
    answer the filter depends on was refused (that error says what to change)."""
    if not question.choice_filter or question.type not in CHOICE_TYPES:
        return None
    condition = _choice_filter(question.choice_filter)
    if condition is not None and condition.references & errors.keys():
        return None
    chosen = value if isinstance(value, list) else [value]
    options = {option.code: option for option in question.options}
    for code in chosen:
        option = options.get(str(code))
        if option is not None and not offered(question, option, answers):
            return option.code
    return None


def _constraint_error(question: Question) -> AnswerError:
    own = (
        question.constraint_message.get(get_language() or "en")
        if question.constraint_message
        else ""
    )
    return AnswerError("constraint", own or _("This answer is not accepted."))


def _check_constraints(
    definition: Definition,
    cleaned: Mapping[str, object],
    errors: dict[str, AnswerError],
    earlier: frozenset[str],
) -> None:
    for question in definition.questions:
        code = question.code
        if not question.constraint or code in errors or code in earlier or code not in cleaned:
            continue
        if question.type not in ANSWERED_TYPES:
            continue
        condition = _constraint(question.constraint)
        if condition is not None and not condition.evaluate(cleaned, current=cleaned[code]):
            errors[code] = _constraint_error(question)


@dataclass(frozen=True)
class Checked:
    """What one pass over the definition makes of raw answers: the canonical answers, the
    errors by question code, and the codes of the questions shown for those answers."""

    answers: dict[str, object]
    errors: dict[str, AnswerError]
    shown: frozenset[str]


def check_answers(
    definition: Definition,
    raw: Mapping[str, object],
    *,
    complete: bool,
    section: str | None = None,
    earlier: frozenset[str] = frozenset(),
) -> Checked:
    """Canonical answers, errors and shown questions, in one pass. Required questions are
    checked when `complete` (all shown questions) or for the `section` given (its shown
    questions). Answers to unknown or hidden questions are refused, never silently
    dropped, except those of the `earlier` codes (kept from an earlier request, which the
    new answers may hide or a newer version may refuse): those are left out."""
    cleaned: dict[str, object] = {}
    errors: dict[str, AnswerError] = {}
    shown: set[str] = set()
    codes = {question.code for question in definition.questions}
    for key in raw:
        if key not in codes and key not in earlier:
            errors[str(key)[:MAX_CODE]] = AnswerError(
                "unknown_question",
                _("This questionnaire has no question “%(code)s”.") % {"code": str(key)[:MAX_CODE]},
            )
    for current in definition.sections:
        check_required = complete or current.code == section
        for question in current.questions:
            value = raw.get(question.code)
            if not _shown(question, cleaned):
                if not is_empty(value) and question.code not in earlier:
                    errors[question.code] = AnswerError(
                        "hidden_question",
                        _("This question is not asked given your earlier answers; leave it empty."),
                    )
                continue
            shown.add(question.code)
            if question.type in DERIVED_TYPES or question.read_only:
                kept = (
                    # Worked out from the answers so far, as the later questions see it.
                    _stored(calculated(definition, cleaned).get(question.code))
                    if question.type == QuestionType.CALCULATE
                    else default_answer(question)
                )
                if not is_empty(value) and question.code not in earlier:
                    refused = _not_typed(question, value, kept)
                    if refused is not None:
                        errors[question.code] = refused
                if kept is not None:
                    cleaned[question.code] = kept
            elif not is_empty(value):
                try:
                    coerced = coerce_answer(question, value)
                except Refused as refused:
                    if question.code not in earlier:
                        errors[question.code] = refused.error
                    continue
                excluded = _filtered_out(question, coerced, cleaned, errors)
                if excluded is not None:
                    if question.code not in earlier:
                        errors[question.code] = AnswerError(
                            "filtered_option",
                            _("“%(value)s” is not offered given your earlier answers.")
                            % {"value": excluded},
                        )
                    continue
                if not is_empty(coerced):
                    cleaned[question.code] = coerced
            if check_required and question.required:
                missing = _required_missing(question, cleaned.get(question.code))
                if missing is not None:
                    errors[question.code] = missing
    _check_constraints(definition, cleaned, errors, earlier)
    return Checked(cleaned, errors, frozenset(shown))


def validate_answers(
    definition: Definition,
    raw: Mapping[str, object],
    *,
    complete: bool,
    section: str | None = None,
) -> tuple[dict[str, object], dict[str, AnswerError]]:
    """Canonical answers and errors by question code (`check_answers` without `earlier`)."""
    checked = check_answers(definition, raw, complete=complete, section=section)
    return checked.answers, checked.errors


def answer_rows(definition: Definition, answers: Mapping[str, object]) -> list[AnswerRow]:
    """The countable facts of validated `answers`: one row per chosen option (matrix: item
    is the row; ranking: item is the option and number its rank), one per number (a date
    counts by its year). Free text gives no row."""
    rows: list[AnswerRow] = []
    for question in definition.questions:
        value = answers.get(question.code)
        if value is None:
            continue
        code = question.code
        kind = question.type
        if kind in (QuestionType.SINGLE, QuestionType.LIKERT):
            rows.append(AnswerRow(code, "", str(value), None))
        elif kind == QuestionType.MULTIPLE and isinstance(value, list):
            rows.extend(AnswerRow(code, "", str(choice), None) for choice in value)
        elif kind == QuestionType.MATRIX and isinstance(value, Mapping):
            rows.extend(
                AnswerRow(code, str(row), str(choice), None) for row, choice in value.items()
            )
        elif kind == QuestionType.RANKING and isinstance(value, list):
            rows.extend(
                AnswerRow(code, str(option), "", float(rank))
                for rank, option in enumerate(value, start=1)
            )
        elif kind in (QuestionType.INTEGER, QuestionType.YEAR, QuestionType.DECIMAL):
            rows.append(AnswerRow(code, "", "", float(Decimal(str(value)))))
        elif kind == QuestionType.DATE:
            rows.append(AnswerRow(code, "", "", float(str(value)[:4])))
    return rows


def breakdown_values(definition: Definition, answers: Mapping[str, object]) -> tuple[str, str]:
    """The answers to the department and region questions ("" when none), copied onto
    every `Answer` row so a breakdown is one GROUP BY."""
    found = definition.breakdowns()
    values = []
    for kind in (Breakdown.DEPARTMENT, Breakdown.REGION):
        question = found.get(kind)
        value = answers.get(question.code) if question else None
        values.append(value if isinstance(value, str) else "")
    return values[0], values[1]
