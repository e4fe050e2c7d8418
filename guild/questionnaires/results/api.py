"""Statistics endpoints: the same published figures as the results pages (same selectors,
same suppression), hidden values as ``{"suppressed": true}``.

The operation ids are the ones these endpoints had before they had a package of their
own: clients generated from the OpenAPI document name them so."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import codes_4xx

from guild.core.api_errors import ErrorOut
from guild.core.api_schemas import Count, Figure, Hidden
from guild.core.disclosure import Suppressed
from guild.core.errors import NotFound
from guild.questionnaires.access import access_questionnaire_results
from guild.questionnaires.definition.types import Text
from guild.questionnaires.results.snapshots import snapshots_take_due
from guild.questionnaires.results.statistics import crosstab_results, questionnaire_results
from guild.questionnaires.results.statistics.published import Block, QuestionResult, Results, Row
from guild.questionnaires.schemas import TextOut, text_of

router = Router()


class ColumnOut(Schema):
    code: str
    label: TextOut
    respondents: Count


class RowOut(Schema):
    code: str
    label: TextOut
    counts: list[Count] = Field(description="Per column (empty service-wide).")
    percentages: list[float | Hidden]
    overall: Count = Field(description="Service-wide count.")
    overall_percentage: float | Hidden


class BlockOut(Schema):
    key: str
    label: TextOut | None
    rows: list[RowOut]


class MeanRankOut(Schema):
    option: str
    label: TextOut
    mean_rank: Figure


class QuestionOut(Schema):
    code: str
    type: str
    label: TextOut
    n: Count | None = Field(None, description="Respondents who answered.")
    mean: Figure = None
    median: Figure = None
    mean_ranks: list[MeanRankOut] = []
    blocks: list[BlockOut]


class StatisticsOut(Schema):
    questionnaire_id: int
    threshold: int
    snapshot: int | None = Field(
        None,
        description="The results snapshot every figure comes from; null before the first. "
        "Figures change only when a new snapshot is published.",
    )
    published_at: datetime | None = Field(None, description="When that snapshot was taken.")
    respondents: Count
    audience: int | None = Field(None, description="Audience size; null for a link audience.")
    response_rate: Figure = Field(None, description="Percentage of the audience.")
    by: str | None
    columns: list[ColumnOut]
    questions: list[QuestionOut]
    withheld: list[str] = Field(
        [],
        description="Questions left out of this breakdown: the age and years-of-service "
        "questions are never published one against the other (the workforce view sums "
        "that table).",
    )
    thin: list[str] = Field(
        [],
        description="Questions left out of this breakdown because fewer than five times the "
        "threshold answered them: they are published service-wide only, and are refused "
        "as a breakdown (error code too_few_to_break_down).",
    )


class StatisticsQuery(Schema):
    by: str | None = Field(
        None, max_length=64, description="A single-choice question's code (department, region…)."
    )


class CrosstabQuery(Schema):
    rows: str = Field(..., max_length=64)
    columns: str = Field(..., max_length=64)


def _count(value: int | Suppressed) -> int | Hidden:
    return Hidden(suppressed=True) if isinstance(value, Suppressed) else value


def _figure(value: float | Suppressed | None) -> float | Hidden | None:
    return Hidden(suppressed=True) if isinstance(value, Suppressed) else value


def _percentage(value: float | Suppressed) -> float | Hidden:
    return Hidden(suppressed=True) if isinstance(value, Suppressed) else value


def _label(value: Text | None) -> TextOut | None:
    return None if value is None else text_of(value)


def _row_out(row: Row, by: str | None) -> RowOut:
    return RowOut(
        code=row.code,
        label=text_of(row.label),
        counts=[_count(c) for c in row.counts] if by else [],
        percentages=[_percentage(p) for p in row.percentages] if by else [],
        overall=_count(row.overall),
        overall_percentage=_percentage(row.overall_percentage),
    )


def _block_out(block: Block, by: str | None) -> BlockOut:
    return BlockOut(
        key=block.key, label=_label(block.label), rows=[_row_out(row, by) for row in block.rows]
    )


def _question_out(question: QuestionResult, by: str | None) -> QuestionOut:
    return QuestionOut(
        code=question.code,
        type=str(question.type),
        label=text_of(question.label),
        n=None if question.n is None else _count(question.n),
        mean=_figure(question.mean),
        median=_figure(question.median),
        mean_ranks=[
            MeanRankOut(option=code, label=text_of(label), mean_rank=_figure(value))
            for code, label, value in question.mean_ranks
        ],
        blocks=[_block_out(block, by) for block in question.blocks],
    )


def statistics_out(results: Results) -> StatisticsOut:
    """Results as the API publishes them."""
    return StatisticsOut(
        questionnaire_id=results.questionnaire_id,
        threshold=results.threshold,
        snapshot=results.snapshot_number,
        published_at=results.published_at,
        respondents=_count(results.respondents),
        audience=results.audience,
        response_rate=_figure(results.response_rate),
        by=results.by,
        columns=[
            ColumnOut(code=c.code, label=text_of(c.label), respondents=_count(total))
            for c, total in results.columns_with_totals
        ],
        questions=[_question_out(q, results.by) for q in results.questions],
        withheld=list(results.withheld),
        thin=list(results.thin),
    )


@router.get(
    "/{questionnaire_id}/statistics",
    response={200: StatisticsOut, codes_4xx: ErrorOut},
    summary="Statistics for every question, suppressed",
    operation_id="guild_questionnaires_api_statistics_statistics",
)
def questionnaire_statistics(
    request: HttpRequest, questionnaire_id: int, query: Query[StatisticsQuery]
) -> StatisticsOut:
    """Frequencies for every question, service-wide or broken down by department,
    region or any single-choice question (`by`). Breakdowns are for programme
    administrators, committee members and platform administrators."""
    questionnaire, rights = access_questionnaire_results(request.user, questionnaire_id)
    snapshots_take_due(questionnaire=questionnaire)
    if query.by and not rights.full:
        raise NotFound()
    return statistics_out(questionnaire_results(questionnaire, by=query.by or None))


@router.get(
    "/{questionnaire_id}/statistics/crosstab",
    response={200: StatisticsOut, codes_4xx: ErrorOut},
    summary="A two-way table of two questions, suppressed",
    operation_id="guild_questionnaires_api_statistics_crosstab",
)
def questionnaire_crosstab(
    request: HttpRequest, questionnaire_id: int, query: Query[CrosstabQuery]
) -> StatisticsOut:
    """The question `rows` broken down by the single-choice question `columns`. The age
    and years-of-service questions cannot be crossed (400, `workforce_crosstab`)."""
    questionnaire, rights = access_questionnaire_results(request.user, questionnaire_id)
    snapshots_take_due(questionnaire=questionnaire)
    if not rights.full or query.rows == query.columns:
        raise NotFound()
    return statistics_out(crosstab_results(questionnaire, rows=query.rows, columns=query.columns))
