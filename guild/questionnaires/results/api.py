"""Statistics endpoints: the same published figures as the results pages (same selectors,
same suppression), hidden values as ``{"suppressed": true}``."""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import codes_4xx

from guild.core.api_errors import ErrorOut
from guild.core.errors import NotFound
from guild.questionnaires.access import access_questionnaire_results
from guild.questionnaires.results.snapshots import snapshots_take_due
from guild.questionnaires.results.statistics import Results, crosstab_results, questionnaire_results
from guild.questionnaires.results.statistics.serialise import figure_json, text_json


class Hidden(Schema):
    suppressed: Literal[True] = Field(True, description="The value is hidden to protect privacy.")


Count = int | Hidden
Figure = float | Hidden | None


class TextOut(Schema):
    en: str
    fr: str


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


class StatisticsQuery(Schema):
    by: str | None = Field(
        None, max_length=64, description="A single-choice question's code (department, region…)."
    )


class CrosstabQuery(Schema):
    rows: str = Field(..., max_length=64)
    columns: str = Field(..., max_length=64)


def results_json(results: Results) -> dict[str, Any]:
    """Results as the API (and exports) publish them."""
    return {
        "questionnaire_id": results.questionnaire_id,
        "threshold": results.threshold,
        "snapshot": results.snapshot_number,
        "published_at": results.published_at,
        "respondents": figure_json(results.respondents),
        "audience": results.audience,
        "response_rate": figure_json(results.response_rate),
        "by": results.by,
        "columns": [
            {"code": c.code, "label": text_json(c.label), "respondents": figure_json(total)}
            for c, total in results.columns_with_totals
        ],
        "questions": [
            {
                "code": q.code,
                "type": str(q.type),
                "label": text_json(q.label),
                "n": figure_json(q.n),
                "mean": figure_json(q.mean),
                "median": figure_json(q.median),
                "mean_ranks": [
                    {"option": code, "label": text_json(label), "mean_rank": figure_json(value)}
                    for code, label, value in q.mean_ranks
                ],
                "blocks": [
                    {
                        "key": block.key,
                        "label": text_json(block.label),
                        "rows": [
                            {
                                "code": row.code,
                                "label": text_json(row.label),
                                "counts": [figure_json(c) for c in row.counts]
                                if results.by
                                else [],
                                "percentages": [figure_json(p) for p in row.percentages]
                                if results.by
                                else [],
                                "overall": figure_json(row.overall),
                                "overall_percentage": figure_json(row.overall_percentage),
                            }
                            for row in block.rows
                        ],
                    }
                    for block in q.blocks
                ],
            }
            for q in results.questions
        ],
        "withheld": list(results.withheld),
    }


def register(router: Router) -> None:
    @router.get(
        "/{questionnaire_id}/statistics",
        response={200: StatisticsOut, codes_4xx: ErrorOut},
        summary="Statistics for every question, suppressed",
    )
    def statistics(
        request: HttpRequest, questionnaire_id: int, query: Query[StatisticsQuery]
    ) -> dict[str, Any]:
        """Frequencies for every question, service-wide or broken down by department,
        region or any single-choice question (`by`). Breakdowns are for programme
        administrators, committee members and platform administrators."""
        questionnaire, rights = access_questionnaire_results(request.user, questionnaire_id)
        snapshots_take_due(questionnaire=questionnaire)
        if query.by and not rights.full:
            raise NotFound()
        return results_json(questionnaire_results(questionnaire, by=query.by or None))

    @router.get(
        "/{questionnaire_id}/statistics/crosstab",
        response={200: StatisticsOut, codes_4xx: ErrorOut},
        summary="A two-way table of two questions, suppressed",
    )
    def crosstab(
        request: HttpRequest, questionnaire_id: int, query: Query[CrosstabQuery]
    ) -> dict[str, Any]:
        """The question `rows` broken down by the single-choice question `columns`. The age
        and years-of-service questions cannot be crossed (400, `workforce_crosstab`)."""
        questionnaire, rights = access_questionnaire_results(request.user, questionnaire_id)
        snapshots_take_due(questionnaire=questionnaire)
        if not rights.full or query.rows == query.columns:
            raise NotFound()
        return results_json(crosstab_results(questionnaire, rows=query.rows, columns=query.columns))
