"""A raw answer to one question in canonical form (the table in definition/types.py), or
the reason it is refused (`Refused`, holding an `AnswerError`). Pure: no database.
"""

import datetime
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guild.questionnaires.definition.types import Question, QuestionType

_INTEGER = re.compile(r"[+-]?[0-9]{1,15}")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]{1,15}(?:[.,][0-9]{0,10})?|[.,][0-9]{1,10})")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR_RANGE = (1000, 9999)
MAX_CODE = 64


@dataclass(frozen=True)
class AnswerError:
    code: str
    message: str


class Refused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.error = AnswerError(code, message)


def is_empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, Mapping)):
        return len(value) == 0
    return False


def _wrong_type(message: str) -> Refused:
    return Refused("wrong_type", message)


def _code(value: object, question: Question) -> str:
    if not isinstance(value, str):
        raise _wrong_type(_("Choose one of the options."))
    value = value.strip()
    if value not in {option.code for option in question.options}:
        raise Refused(
            "unknown_option",
            _("“%(value)s” is not one of the options.") % {"value": value[:MAX_CODE]},
        )
    return value


def _codes(value: object, question: Question) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise _wrong_type(_("Choose from the options."))
    chosen = {_code(item, question) for item in value if not is_empty(item)}
    return [option.code for option in question.options if option.code in chosen]


def _ranking(value: object, question: Question) -> list[str]:
    ranked = _ranked(value, question)
    limit = ranking_slots(question)
    if len(ranked) > limit:
        raise Refused(
            "too_many_ranked",
            ngettext("Rank at most %(count)d option.", "Rank at most %(count)d options.", limit)
            % {"count": limit},
        )
    return ranked


def ranking_slots(question: Question) -> int:
    """How many options a person may rank: the question's limit, else every option."""
    if question.maximum is not None:
        return min(int(question.maximum), len(question.options))
    return len(question.options)


def _ranked(value: object, question: Question) -> list[str]:
    if isinstance(value, Mapping):
        ranks: list[tuple[int, str]] = []
        for key, rank in value.items():
            if is_empty(rank):
                continue
            code = _code(key, question)
            number = _whole(rank)
            if number < 1 or number > len(question.options):
                raise Refused(
                    "out_of_range",
                    _("Ranks go from 1 to %(count)d.") % {"count": len(question.options)},
                )
            ranks.append((number, code))
        if len({rank for rank, _code_ in ranks}) != len(ranks):
            raise Refused("duplicate_rank", _("Give each rank to one option only."))
        return [code for _rank, code in sorted(ranks)]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise _wrong_type(_("Put the options in order."))
    ranked = [_code(item, question) for item in value]
    if len(set(ranked)) != len(ranked):
        raise Refused("duplicate_option", _("Rank each option at most once."))
    return ranked


def _matrix(value: object, question: Question) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise _wrong_type(_("Answer each row with one of the options."))
    rows = {row.code: row for row in question.rows}
    answered: dict[str, str] = {}
    for key, choice in value.items():
        if not isinstance(key, str) or key not in rows:
            raise Refused(
                "unknown_row",
                _("“%(value)s” is not one of the rows.") % {"value": str(key)[:MAX_CODE]},
            )
        if is_empty(choice):
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
        raise Refused("out_of_range", message % {"minimum": low, "maximum": high})


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
        raise Refused("invalid_characters", _("The text contains characters that are not allowed."))
    if len(text) > question.text_limit:
        raise Refused(
            "too_long",
            _("Enter at most %(limit)d characters (you entered %(count)d).")
            % {"limit": question.text_limit, "count": len(text)},
        )
    return text


def coerce_answer(question: Question, value: object) -> object:
    """`value` in the canonical shape for `question`; raises Refused."""
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
