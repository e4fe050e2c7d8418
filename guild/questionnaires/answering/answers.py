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
"""

import datetime
import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from django.utils.translation import gettext as _

from guild.questionnaires.definition.conditions import Condition, ConditionError, parse_condition
from guild.questionnaires.definition.types import Breakdown, Definition, Question, QuestionType

_INTEGER = re.compile(r"[+-]?[0-9]{1,15}")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]{1,15}(?:[.,][0-9]{0,10})?|[.,][0-9]{1,10})")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR_RANGE = (1000, 9999)
_MAX_CODE = 64


@dataclass(frozen=True)
class AnswerError:
    code: str
    message: str


class AnswerRow(NamedTuple):
    question: str
    item: str
    choice: str
    number: float | None


class _Refused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.error = AnswerError(code, message)


def _is_empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, Mapping)):
        return len(value) == 0
    return False


@functools.lru_cache(maxsize=4096)
def _condition(source: str) -> Condition | None:
    try:
        return parse_condition(source)
    except ConditionError:
        return None


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


def _wrong_type(message: str) -> _Refused:
    return _Refused("wrong_type", message)


def _code(value: object, question: Question) -> str:
    if not isinstance(value, str):
        raise _wrong_type(_("Choose one of the options."))
    value = value.strip()
    if value not in {option.code for option in question.options}:
        raise _Refused(
            "unknown_option",
            _("“%(value)s” is not one of the options.") % {"value": value[:_MAX_CODE]},
        )
    return value


def _codes(value: object, question: Question) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise _wrong_type(_("Choose from the options."))
    chosen = {_code(item, question) for item in value if not _is_empty(item)}
    return [option.code for option in question.options if option.code in chosen]


def _ranking(value: object, question: Question) -> list[str]:
    if isinstance(value, Mapping):
        ranks: list[tuple[int, str]] = []
        for key, rank in value.items():
            if _is_empty(rank):
                continue
            code = _code(key, question)
            number = _whole(rank)
            if number < 1 or number > len(question.options):
                raise _Refused(
                    "out_of_range",
                    _("Ranks go from 1 to %(count)d.") % {"count": len(question.options)},
                )
            ranks.append((number, code))
        if len({rank for rank, _code_ in ranks}) != len(ranks):
            raise _Refused("duplicate_rank", _("Give each rank to one option only."))
        return [code for _rank, code in sorted(ranks)]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise _wrong_type(_("Put the options in order."))
    ranked = [_code(item, question) for item in value]
    if len(set(ranked)) != len(ranked):
        raise _Refused("duplicate_option", _("Rank each option at most once."))
    return ranked


def _matrix(value: object, question: Question) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise _wrong_type(_("Answer each row with one of the options."))
    rows = {row.code: row for row in question.rows}
    answered: dict[str, str] = {}
    for key, choice in value.items():
        if not isinstance(key, str) or key not in rows:
            raise _Refused(
                "unknown_row",
                _("“%(value)s” is not one of the rows.") % {"value": str(key)[:_MAX_CODE]},
            )
        if _is_empty(choice):
            continue
        answered[key] = _code(choice, question)
    return {row: answered[row] for row in rows if row in answered}


def _whole(value: object) -> int:
    if isinstance(value, bool):
        raise _wrong_type(_("Enter a whole number."))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer() or abs(value) > 1e15:
            raise _wrong_type(_("Enter a whole number."))
        number = int(value)
    elif isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        raise _wrong_type(_("Enter a whole number."))
    return number


MAX_DECIMAL_PLACES = 10  # as many as _DECIMAL accepts in text


def _decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        raise _wrong_type(_("Enter a number."))
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _wrong_type(_("Enter a number."))
        text = repr(value)
    elif isinstance(value, str):
        text = value.strip().replace(" ", "").replace("\u00a0", "")
        if not _DECIMAL.fullmatch(text):
            raise _wrong_type(_("Enter a number."))
        text = text.replace(",", ".")
    else:
        raise _wrong_type(_("Enter a number."))
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise _wrong_type(_("Enter a number.")) from None
    if not number.is_finite() or abs(number) >= Decimal(10) ** 15:
        raise _wrong_type(_("Enter a number."))
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_DECIMAL_PLACES:
        # 1e-189 would be stored as 190 digits that the next validation refuses.
        number = number.quantize(Decimal(1).scaleb(-MAX_DECIMAL_PLACES))
    return number


def _in_range(number: Decimal | int, question: Question) -> None:
    low, high = question.minimum, question.maximum
    if question.type == QuestionType.YEAR:
        low = Decimal(_YEAR_RANGE[0]) if low is None else low
        high = Decimal(_YEAR_RANGE[1]) if high is None else high
    if (low is not None and number < low) or (high is not None and number > high):
        if low is not None and high is not None:
            message = _("Enter a number from %(minimum)s to %(maximum)s.")
        elif low is not None:
            message = _("Enter a number of at least %(minimum)s.")
        else:
            message = _("Enter a number of at most %(maximum)s.")
        raise _Refused("out_of_range", message % {"minimum": low, "maximum": high})


def _date(value: object) -> str:
    if not isinstance(value, str) or not _DATE.fullmatch(value.strip()):
        raise _wrong_type(_("Enter a date as YYYY-MM-DD."))
    try:
        return datetime.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise _wrong_type(_("Enter a real date as YYYY-MM-DD.")) from None


def _text(value: object, question: Question) -> str:
    if not isinstance(value, str):
        raise _wrong_type(_("Enter text."))
    text = value.strip()
    if "\x00" in text:
        raise _Refused(
            "invalid_characters", _("The text contains characters that are not allowed.")
        )
    if len(text) > question.text_limit:
        raise _Refused(
            "too_long",
            _("Enter at most %(limit)d characters (you entered %(count)d).")
            % {"limit": question.text_limit, "count": len(text)},
        )
    return text


def coerce_answer(question: Question, value: object) -> object:
    """`value` in the canonical shape for `question`; raises _Refused."""
    kind = question.type
    if kind in (QuestionType.SINGLE, QuestionType.LIKERT):
        return _code(value, question)
    if kind == QuestionType.MULTIPLE:
        return _codes(value, question)
    if kind == QuestionType.RANKING:
        return _ranking(value, question)
    if kind == QuestionType.MATRIX:
        return _matrix(value, question)
    if kind in (QuestionType.INTEGER, QuestionType.YEAR):
        whole = _whole(value)
        _in_range(whole, question)
        return whole
    if kind == QuestionType.DECIMAL:
        number = _decimal(value)
        _in_range(number, question)
        return format(number, "f")
    if kind == QuestionType.DATE:
        return _date(value)
    return _text(value, question)


def _required_missing(question: Question, value: object) -> AnswerError | None:
    if value is None:
        return AnswerError("required", _("Answer this question."))
    if (
        question.type == QuestionType.MATRIX
        and isinstance(value, Mapping)
        and len(value) < len(question.rows)
    ):
        return AnswerError("required", _("Answer every row of this question."))
    return None


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
            errors[str(key)[:_MAX_CODE]] = AnswerError(
                "unknown_question",
                _("This questionnaire has no question “%(code)s”.")
                % {"code": str(key)[:_MAX_CODE]},
            )
    for current in definition.sections:
        check_required = complete or current.code == section
        for question in current.questions:
            value = raw.get(question.code)
            if not _shown(question, cleaned):
                if not _is_empty(value) and question.code not in earlier:
                    errors[question.code] = AnswerError(
                        "hidden_question",
                        _("This question is not asked given your earlier answers; leave it empty."),
                    )
                continue
            shown.add(question.code)
            if not _is_empty(value):
                try:
                    coerced = coerce_answer(question, value)
                except _Refused as refused:
                    if question.code not in earlier:
                        errors[question.code] = refused.error
                    continue
                if not _is_empty(coerced):
                    cleaned[question.code] = coerced
            if check_required and question.required:
                missing = _required_missing(question, cleaned.get(question.code))
                if missing is not None:
                    errors[question.code] = missing
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
