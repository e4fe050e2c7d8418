"""Results pages: service-wide, one department beside the service, a breakdown by any
single-choice question, a cross-tab, the workforce view, and the public published page.

Every figure comes from the statistics selectors, already suppressed. The bulk of each page
(charts and tables) is rendered once per language and kept in the cache under the same
counter as the figures, so a cached page only checks access and fills the frame.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from guild.core.bilingual import current_language
from guild.core.charts import (
    Bar,
    BarChart,
    DataTable,
    GroupedBarChart,
    HeatMapChart,
    Series,
    bar_chart,
    chart_table_for_bars,
    chart_table_for_grouped_bars,
    chart_table_for_heat_map,
    grouped_bar_chart,
    heat_map,
)
from guild.core.disclosure import Suppressed
from guild.core.errors import ApplicationError, NotFound
from guild.questionnaires.access import (
    ResultsRights,
    access_published_results,
    access_questionnaire_results,
)
from guild.questionnaires.definition.types import Breakdown, QuestionType
from guild.questionnaires.models import Questionnaire
from guild.questionnaires.results.snapshots import snapshots_take_due
from guild.questionnaires.results.statistics import (
    BREAKDOWN_TYPES,
    QuestionResult,
    Results,
    crosstab_results,
    questionnaire_results,
    results_cache_key,
    results_definition,
    results_snapshot,
)
from guild.questionnaires.workforce import questionnaire_workforce


@dataclass(frozen=True)
class Figure:
    title: str
    chart: SafeString
    table: DataTable


def _fraction(value: float | Suppressed) -> float | Suppressed:
    return value if isinstance(value, Suppressed) else value / 100


def _figures_overall(question: QuestionResult, language: str) -> list[Figure]:
    figures = []
    for index, block in enumerate(question.blocks):
        title = question.label.get(language)
        if block.label is not None:
            title = f"{title} — {block.label.get(language)}"
        chart = BarChart(
            id=f"q-{question.code}-{index}",
            title=title,
            bars=[
                Bar(row.label.get(language), row.overall_percentage, row.overall)
                for row in block.rows
            ],
        )
        table = chart_table_for_bars(chart, category_header=_("Answer"))
        figures.append(Figure(title, bar_chart(chart), table))
    return figures


def _figures_side_by_side(
    question: QuestionResult, column: int, group_label: str, language: str
) -> list[Figure]:
    figures = []
    for index, block in enumerate(question.blocks):
        title = question.label.get(language)
        if block.label is not None:
            title = f"{title} — {block.label.get(language)}"
        chart = GroupedBarChart(
            id=f"q-{question.code}-{index}",
            title=title,
            categories=[row.label.get(language) for row in block.rows],
            series=[
                Series(
                    group_label,
                    [row.percentages[column] for row in block.rows],
                    [row.counts[column] for row in block.rows],
                ),
                Series(
                    _("All respondents"),
                    [row.overall_percentage for row in block.rows],
                    [row.overall for row in block.rows],
                ),
            ],
        )
        table = chart_table_for_grouped_bars(chart, category_header=_("Answer"))
        figures.append(Figure(title, grouped_bar_chart(chart), table))
    return figures


def _figures_breakdown(question: QuestionResult, results: Results, language: str) -> list[Figure]:
    figures = []
    columns = [column.label.get(language) for column in results.columns]
    for index, block in enumerate(question.blocks):
        title = question.label.get(language)
        if block.label is not None:
            title = f"{title} — {block.label.get(language)}"
        chart = HeatMapChart(
            id=f"q-{question.code}-{index}",
            title=title,
            rows=[row.label.get(language) for row in block.rows],
            columns=[*columns, _("All respondents")],
            values=[
                [
                    *(_fraction(p) for p in row.percentages),
                    _fraction(row.overall_percentage),
                ]
                for row in block.rows
            ],
            description=_("Percentage of each group's respondents giving each answer."),
        )
        table = chart_table_for_heat_map(chart, row_header=_("Answer"))
        figures.append(Figure(title, heat_map(chart), table))
    return figures


def _cached_html(key: str, template: str, build: Any) -> SafeString:
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, build())
        cache.set(key, html, 24 * 60 * 60)
    return mark_safe(html)  # rendered by our own template, escaped there


def _questions(results: Results, figures: Any) -> list[dict[str, Any]]:
    language = current_language()
    return [
        {
            "result": question,
            "label": question.label.get(language),
            "figures": figures(question, language),
        }
        for question in results.questions
    ]


def _frame(
    request: HttpRequest,
    questionnaire: Questionnaire,
    rights: ResultsRights | None,
    *,
    title: str,
    body: SafeString,
    results: Results | None = None,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    definition, _version = results_definition(questionnaire)
    breakdowns = [q for q in definition.questions if q.type in BREAKDOWN_TYPES]
    context = {
        "questionnaire": questionnaire,
        "rights": rights,
        "title": title,
        "body": body,
        "results": results,
        "breakdowns": breakdowns,
        "department_question": definition.breakdowns().get(Breakdown.DEPARTMENT),
        "snapshot": results_snapshot(questionnaire),
        **(extra or {}),
    }
    return render(request, "questionnaires/results/page.html", context)


def _overview_body(questionnaire: Questionnaire, version_id: int, results: Results) -> SafeString:
    key = results_cache_key(questionnaire, version_id, f"html:overview:{current_language()}")
    return _cached_html(
        key,
        "questionnaires/results/overview_body.html",
        lambda: {"results": results, "questions": _questions(results, _figures_overall)},
    )


@login_required
def results_overview(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire, rights = access_questionnaire_results(request.user, questionnaire_id)
    snapshots_take_due(questionnaire=questionnaire)
    _definition, version_id = results_definition(questionnaire)
    results = questionnaire_results(questionnaire)
    body = _overview_body(questionnaire, version_id, results)
    return _frame(request, questionnaire, rights, title=_("Results"), body=body, results=results)


def published_results(request: HttpRequest, token: str) -> HttpResponse:
    questionnaire = access_published_results(token)
    snapshots_take_due(questionnaire=questionnaire)
    _definition, version_id = results_definition(questionnaire)
    results = questionnaire_results(questionnaire)
    body = _overview_body(questionnaire, version_id, results)
    return _frame(
        request, questionnaire, None, title=_("Published results"), body=body, results=results
    )


@login_required
def results_department(request: HttpRequest, questionnaire_id: int, code: str) -> HttpResponse:
    questionnaire, rights = access_questionnaire_results(request.user, questionnaire_id)
    snapshots_take_due(questionnaire=questionnaire)
    if not rights.department(code):
        raise NotFound()
    definition, version_id = results_definition(questionnaire)
    question = definition.breakdowns().get(Breakdown.DEPARTMENT)
    if question is None or code not in {option.code for option in question.options}:
        raise NotFound()
    results = questionnaire_results(questionnaire, by=question.code)
    codes = [column.code for column in results.columns]
    pooled = code not in codes
    column = (
        codes.index(code)
        if not pooled
        else codes.index("__other__")
        if "__other__" in codes
        else -1
    )
    language = current_language()
    option = next(o for o in question.options if o.code == code)
    group_label = (
        results.columns[column].label.get(language) if column >= 0 else option.label.get(language)
    )
    body = SafeString("")
    if results.enough and column >= 0:
        key = results_cache_key(questionnaire, version_id, f"html:department:{code}:{language}")
        body = _cached_html(
            key,
            "questionnaires/results/department_body.html",
            lambda: {
                "results": results,
                "group_total": results.column_totals[column],
                "pooled": pooled,
                "group_label": group_label,
                "questions": _questions(
                    results,
                    lambda q, lang: _figures_side_by_side(q, column, group_label, lang),
                ),
            },
        )
    title = _("Results for %(department)s") % {"department": option.label.get(language)}
    return _frame(request, questionnaire, rights, title=title, body=body, results=results)


def _full(request: HttpRequest, questionnaire_id: int) -> tuple[Questionnaire, ResultsRights]:
    questionnaire, rights = access_questionnaire_results(request.user, questionnaire_id)
    snapshots_take_due(questionnaire=questionnaire)
    if not rights.full:
        raise NotFound()
    return questionnaire, rights


@login_required
def results_by(request: HttpRequest, questionnaire_id: int, question_code: str) -> HttpResponse:
    questionnaire, rights = _full(request, questionnaire_id)
    definition, version_id = results_definition(questionnaire)
    results = questionnaire_results(questionnaire, by=question_code)
    language = current_language()
    key = results_cache_key(questionnaire, version_id, f"html:by:{question_code}:{language}")
    body = _cached_html(
        key,
        "questionnaires/results/breakdown_body.html",
        lambda: {
            "results": results,
            "questions": _questions(results, lambda q, lang: _figures_breakdown(q, results, lang)),
            "withheld": [
                definition.question(code).label.get(language) for code in results.withheld
            ],
        },
    )
    label = results.by_label.get(language) if results.by_label else question_code
    title = _("Results by “%(question)s”") % {"question": label}
    return _frame(request, questionnaire, rights, title=title, body=body, results=results)


@login_required
def results_crosstab(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire, rights = _full(request, questionnaire_id)
    definition, version_id = results_definition(questionnaire)
    rows, columns = request.GET.get("rows", ""), request.GET.get("columns", "")
    row_choices = [
        q for q in definition.questions if q.type not in (QuestionType.TEXT, QuestionType.LONG_TEXT)
    ]
    column_choices = [q for q in definition.questions if q.type in BREAKDOWN_TYPES]
    body = SafeString("")
    results = None
    error = ""
    if rows and columns:
        if rows == columns:
            error = _("Choose two different questions.")
        else:
            try:
                results = crosstab_results(questionnaire, rows=rows, columns=columns)
            except NotFound:
                raise
            except ApplicationError as refused:
                error = str(refused.message)
        if results is not None:
            language = current_language()
            key = results_cache_key(
                questionnaire, version_id, f"html:crosstab:{rows}:{columns}:{language}"
            )
            body = _cached_html(
                key,
                "questionnaires/results/breakdown_body.html",
                lambda: {
                    "results": results,
                    "questions": _questions(
                        results, lambda q, lang: _figures_breakdown(q, results, lang)
                    ),
                },
            )
    extra = {
        "row_choices": row_choices,
        "column_choices": column_choices,
        "rows": rows,
        "columns": columns,
        "crosstab": True,
        "error": error,
    }
    return _frame(
        request,
        questionnaire,
        rights,
        title=_("Cross-tabulation"),
        body=body,
        results=results,
        extra=extra,
    )


@login_required
def results_workforce(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire, rights = _full(request, questionnaire_id)
    workforce = questionnaire_workforce(questionnaire)
    language = current_language()
    tables = []
    if workforce is not None:
        horizons = [label.get(language) for label in workforce.horizon_labels]
        for table in workforce.tables:
            rows = [
                (row.label.get(language), [*row.within, row.total])
                for row in (*table.rows, table.overall)
            ]
            tables.append({"label": table.label.get(language), "rows": rows, "code": table.by})
        extra = {"workforce": workforce, "tables": tables, "horizons": horizons}
    else:
        extra = {"workforce": None, "tables": [], "horizons": []}
    body = SafeString(
        render_to_string("questionnaires/results/workforce_body.html", extra, request)
    )
    return _frame(
        request, questionnaire, rights, title=_("Workforce: eligibility to retire"), body=body
    )


@login_required
def results_by_select(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    """The "show results by" form: on to the chosen question's page."""
    _full(request, questionnaire_id)
    code = request.GET.get("by", "")
    if not re.fullmatch(r"[-a-zA-Z0-9_]{1,64}", code):
        raise NotFound()
    return redirect(
        "questionnaires:results_by", questionnaire_id=questionnaire_id, question_code=code
    )
