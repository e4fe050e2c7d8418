"""What results count: each question of a definition as one or more categorical variables,
every person in exactly one category of each (no answer included). Pure: no database.

| question type          | variables                                                       |
|------------------------|-----------------------------------------------------------------|
| single, likert         | one: its options, then "no answer"                              |
| multiple               | one per option: "chosen", "not chosen" (no answer counts there) |
| matrix                 | one per row: the scale, then "no answer"                        |
| ranking                | one: the option ranked first, then "no answer"                  |
| integer, decimal, year, date | one: bands of the value (a date by its year), then "no answer" |
| text, long text        | none: only how many answered is published                       |

Bands are fixed by the definition (its range) or by fixed rules, never by the data, so that
they never give away the smallest or largest answer.
"""

import math
from dataclasses import dataclass
from enum import StrEnum

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from guild.questionnaires.definition.types import (
    NUMBER_TYPES,
    Option,
    Question,
    QuestionType,
    Text,
)

NO_ANSWER = "__none__"
OTHER = "__other__"
CHOSEN = "chosen"
NOT_CHOSEN = "not_chosen"
BAND_COUNT = 5
DECADES = (1960, 2030)
OPEN_BANDS = (0.0, 10.0, 100.0, 1000.0)


class Kind(StrEnum):
    CHOICE = "choice"
    CHOSEN = "chosen"
    FIRST = "first"
    BAND = "band"


@dataclass(frozen=True)
class Category:
    code: str
    label: Text


@dataclass(frozen=True)
class Variable:
    """``key`` is unique within the definition; ``item`` is the matrix row, or the option
    of a multiple-choice question, it counts (empty otherwise)."""

    key: str
    question: str
    kind: Kind
    label: Text
    categories: tuple[Category, ...]
    item: str = ""
    edges: tuple[float, ...] = ()  # bands: the lower edge of every band but the first

    def index(self) -> dict[str, int]:
        return {category.code: i for i, category in enumerate(self.categories)}


def bilingual(value: object) -> Text:
    """A translated string as a bilingual label."""
    with translation.override("en"):
        en = str(value)
    with translation.override("fr"):
        fr = str(value)
    return Text(en, fr)


def no_answer() -> Category:
    return Category(NO_ANSWER, bilingual(_("No answer")))


def _options(options: tuple[Option, ...]) -> tuple[Category, ...]:
    return tuple(Category(option.code, option.label) for option in options)


def _number(value: float) -> str:
    return f"{value:g}" if not value.is_integer() else str(int(value))


def band_edges(question: Question) -> tuple[float, ...]:
    """Lower edges of the second and later bands of a number question."""
    if question.type == QuestionType.DATE or (
        question.type == QuestionType.YEAR
        and (question.minimum is None or question.maximum is None)
    ):
        return tuple(float(year) for year in range(DECADES[0], DECADES[1] + 1, 10))
    if question.minimum is None or question.maximum is None:
        return OPEN_BANDS
    low, high = float(question.minimum), float(question.maximum)
    if high <= low:
        return ()
    whole = question.type in (QuestionType.INTEGER, QuestionType.YEAR)
    step = (high - low) / BAND_COUNT
    if whole:
        step = max(1.0, float(math.ceil(step)))
    edges: list[float] = []
    edge = low + step
    while edge <= high and len(edges) < BAND_COUNT - 1:
        edges.append(edge)
        edge += step
    return tuple(edges)


def _band_labels(edges: tuple[float, ...], whole: bool) -> tuple[Category, ...]:
    categories = []
    bounds = [None, *edges, None]
    for index in range(len(edges) + 1):
        low, high = bounds[index], bounds[index + 1]
        code = f"b{index}"
        if low is None and high is None:
            label = bilingual(_("Any value"))
        elif low is None:
            label = Text(f"Less than {_number(high)}", f"Moins de {_number(high)}")  # type: ignore[arg-type]
        elif high is None:
            label = Text(f"{_number(low)} or more", f"{_number(low)} ou plus")
        elif whole:
            label = Text(
                f"{_number(low)} to {_number(high - 1)}", f"De {_number(low)} à {_number(high - 1)}"
            )
        else:
            label = Text(
                f"{_number(low)} to less than {_number(high)}",
                f"De {_number(low)} à moins de {_number(high)}",
            )
        categories.append(Category(code, label))
    return tuple(categories)


def question_variables(question: Question) -> tuple[Variable, ...]:
    kind = question.type
    code = question.code
    if kind in (QuestionType.SINGLE, QuestionType.LIKERT):
        categories = (*_options(question.options), no_answer())
        return (Variable(code, code, Kind.CHOICE, question.label, categories),)
    if kind == QuestionType.MULTIPLE:
        binary = (
            Category(CHOSEN, bilingual(_("Chosen"))),
            Category(NOT_CHOSEN, bilingual(_("Not chosen, or no answer"))),
        )
        return tuple(
            Variable(f"{code}={option.code}", code, Kind.CHOSEN, option.label, binary, option.code)
            for option in question.options
        )
    if kind == QuestionType.MATRIX:
        categories = (*_options(question.options), no_answer())
        return tuple(
            Variable(f"{code}:{row.code}", code, Kind.CHOICE, row.label, categories, row.code)
            for row in question.rows
        )
    if kind == QuestionType.RANKING:
        categories = (*_options(question.options), no_answer())
        label = bilingual(_("Ranked first"))
        return (Variable(f"{code}#first", code, Kind.FIRST, label, categories),)
    if kind in NUMBER_TYPES or kind == QuestionType.DATE:
        edges = band_edges(question)
        whole = kind != QuestionType.DECIMAL
        categories = (*_band_labels(edges, whole), no_answer())
        return (Variable(code, code, Kind.BAND, question.label, categories, edges=edges),)
    return ()
