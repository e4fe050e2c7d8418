"""A questionnaire's results as published: every count, percentage, mean and median already
through disclosure control (see linked.py for why the tables cannot be played against each
other). Plain frozen data, the same for pages, the API and exports; labels carry both
languages. Computed by statistics.compute.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeAlias

from guild.core.disclosure import Cell, Percentage, Suppressed
from guild.questionnaires.definition.types import QuestionType, Text

Figure: TypeAlias = float | Suppressed | None
MeanRank: TypeAlias = tuple[str, Text, Figure]  # option code, label, mean rank


@dataclass(frozen=True)
class Column:
    code: str
    label: Text


@dataclass(frozen=True)
class Row:
    """One category: its count and percentage in each column, and service-wide."""

    code: str
    label: Text
    counts: tuple[Cell, ...]
    percentages: tuple[Percentage, ...]
    overall: Cell
    overall_percentage: Percentage


@dataclass(frozen=True)
class Block:
    """One table of a question: the whole question, or one matrix row."""

    key: str
    label: Text | None
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class QuestionResult:
    code: str
    type: QuestionType
    label: Text
    n: Cell | None
    blocks: tuple[Block, ...] = ()
    mean: Figure = None
    median: Figure = None
    mean_ranks: tuple[MeanRank, ...] = ()


@dataclass(frozen=True)
class Results:
    questionnaire_id: int
    threshold: int
    respondents: Cell
    audience: int | None
    response_rate: Figure
    by: str | None = None
    by_label: Text | None = None
    columns: tuple[Column, ...] = ()
    column_totals: tuple[Cell, ...] = ()
    questions: tuple[QuestionResult, ...] = field(default_factory=tuple)
    # Questions left out of this breakdown (see statistics.workforce_pair).
    withheld: tuple[str, ...] = ()
    # Questions answered too thinly to be broken down (statistics.thin_questions).
    thin: tuple[str, ...] = ()
    # The results snapshot the figures come from (ADR 14).
    snapshot_number: int | None = None
    published_at: datetime | None = None

    @property
    def enough(self) -> bool:
        return not isinstance(self.respondents, Suppressed)

    @property
    def columns_with_totals(self) -> list[tuple[Column, Cell]]:
        return list(zip(self.columns, self.column_totals, strict=True))

    def question(self, code: str) -> QuestionResult:
        for question in self.questions:
            if question.code == code:
                return question
        raise KeyError(code)
