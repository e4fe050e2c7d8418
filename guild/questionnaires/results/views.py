"""Results pages: service-wide, one department beside the service, a breakdown by any
single-choice question, a cross-tab, and the public published page; other apps' results
pages (guild.workforce) go through `results_full_access` and `results_frame`.

Every figure comes from the statistics selectors, already suppressed. The bulk of each page
(charts and tables) is rendered once per language and kept in the cache under the same
counter as the figures, so a cached page only checks access and fills the frame.

Results are paged so that no page is too heavy to read: one section per page, or one question
per page for a breakdown (its tables have a column per group), with a table of contents.
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
from guild.core.disclosure import BREAKDOWN_BASE
from guild.core.errors import ApplicationError, NotFound
from guild.questionnaires.access import (
    ResultsRights,
    access_published_results,
    access_questionnaire_results,
    can_export_aggregate,
    can_export_rows,
)
from guild.questionnaires.definition.types import (
    ANSWERED_TYPES,
    Breakdown,
    Definition,
    QuestionType,
)
from guild.questionnaires.models import Questionnaire
from guild.questionnaires.results.figures import (
    figures_breakdown,
    figures_overall,
    figures_side_by_side,
)
from guild.questionnaires.results.open_text import open_text_codes
from guild.questionnaires.results.selectors import department_page_codes
from guild.questionnaires.results.snapshots import snapshots_take_due
from guild.questionnaires.results.statistics import (
    BREAKDOWN_TYPES,
    Results,
    crosstab_results,
    questionnaire_results,
    results_cache_key,
    results_definition,
    results_snapshot,
    thin_questions,
)


@dataclass(frozen=True)
class ResultsPage:
    number: int
    title: str
    section: str  # the section's title; the same as ``title`` on a page per section
    codes: frozenset[str]


def _pages(
    definition: Definition, *, per_question: bool, shown: frozenset[str] | None = None
) -> list[ResultsPage]:
    """The results pages; a page per question has only the questions ``shown`` (a breakdown
    leaves out its own question, only a diagonal, and those it withholds or cannot table)."""
    language = current_language()
    pages: list[ResultsPage] = []
    for section in definition.sections:
        title = section.title.get(language)
        # Notes and calculations have no results: a section of only those has no page.
        answered = [q for q in section.questions if q.type in ANSWERED_TYPES]
        if not per_question:
            if answered:
                codes = frozenset(q.code for q in answered)
                pages.append(ResultsPage(len(pages) + 1, title, title, codes))
            continue
        for question in answered:
            if shown is not None and question.code not in shown:
                continue
            pages.append(
                ResultsPage(
                    len(pages) + 1, question.label.get(language), title, frozenset({question.code})
                )
            )
    return pages


def _page(request: HttpRequest, pages: list[ResultsPage]) -> ResultsPage | None:
    """The page asked for by ``?page=``, the first by default; NotFound if there is none."""
    if not pages:
        return None
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= len(pages):
        raise NotFound()
    return pages[int(raw) - 1]


def _paging(pages: list[ResultsPage], page: ResultsPage | None) -> dict[str, Any]:
    if page is None:
        return {}
    index = page.number - 1
    return {
        "pages": pages,
        "page": page,
        "previous_page": pages[index - 1] if index > 0 else None,
        "next_page": pages[index + 1] if index + 1 < len(pages) else None,
    }


def _cached_html(key: str, template: str, build: Any) -> SafeString:
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, build())
        cache.set(key, html, 24 * 60 * 60)
    return mark_safe(html)  # noqa: S308 - rendered by our own template, escaped there


def _questions(
    results: Results, figures: Any, page: ResultsPage | None = None
) -> list[dict[str, Any]]:
    language = current_language()
    return [
        {
            "result": question,
            "label": question.label.get(language),
            "figures": figures(question, language),
        }
        for question in results.questions
        if page is None or question.code in page.codes
    ]


def _page_key(page: ResultsPage | None) -> str:
    return f"page{page.number}" if page else "all"


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
    thin = thin_questions(questionnaire)
    breakdowns = [
        q for q in definition.questions if q.type in BREAKDOWN_TYPES and q.code not in thin
    ]
    department_question = definition.breakdowns().get(Breakdown.DEPARTMENT)
    department_choices = (
        [o for o in department_question.options if rights.department(o.code)]
        if department_question is not None and rights is not None
        else []
    )
    context = {
        "questionnaire": questionnaire,
        "rights": rights,
        "title": title,
        "body": body,
        "results": results,
        "breakdowns": breakdowns,
        "department_question": department_question,
        "department_choices": department_choices,
        # The coordinator's own department pages, where the definition has one.
        "department_pages": [
            code
            for code in (rights.departments if rights is not None else ())
            if code in department_page_codes(questionnaire)
        ],
        "snapshot": results_snapshot(questionnaire),
        "may_export": rights is not None
        and (
            can_export_aggregate(request.user, questionnaire)
            or can_export_rows(request.user, questionnaire)
        ),
        **(extra or {}),
    }
    return render(request, "questionnaires/results/page.html", context)


def _overview_body(
    questionnaire: Questionnaire,
    version_id: int,
    results: Results,
    page: ResultsPage | None,
    readable: frozenset[str] = frozenset(),
) -> SafeString:
    """``readable``: the text questions whose answers the reader may read one by one
    (results/open_text.py); their links, and an anonymous questionnaire's notice, make a
    page of their own in the cache."""
    reader = ":text" if readable else ":anonymous" if questionnaire.anonymous else ""
    key = results_cache_key(
        questionnaire, version_id, f"html:overview:{_page_key(page)}:{current_language()}{reader}"
    )
    return _cached_html(
        key,
        "questionnaires/results/overview_body.html",
        lambda: {
            "results": results,
            "questions": _questions(results, figures_overall, page),
            "questionnaire": questionnaire,
            "readable": readable,
        },
    )


@login_required
def results_overview(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire, rights = access_questionnaire_results(request.user, questionnaire_id)
    department = request.GET.get("department")
    if department is not None:
        # The "one department beside the service" form.
        if not re.fullmatch(r"[-a-zA-Z0-9_]{1,64}", department):
            raise NotFound()
        return redirect(
            "questionnaires:results_department", questionnaire_id=questionnaire.pk, code=department
        )
    snapshots_take_due(questionnaire=questionnaire)
    definition, version_id = results_definition(questionnaire)
    pages = _pages(definition, per_question=False)
    page = _page(request, pages)
    results = questionnaire_results(questionnaire)
    readable = open_text_codes(request.user, questionnaire)
    body = _overview_body(questionnaire, version_id, results, page, readable)
    return _frame(
        request,
        questionnaire,
        rights,
        title=_("Results"),
        body=body,
        results=results,
        extra=_paging(pages, page),
    )


def published_results(request: HttpRequest, token: str) -> HttpResponse:
    questionnaire = access_published_results(token)
    snapshots_take_due(questionnaire=questionnaire)
    definition, version_id = results_definition(questionnaire)
    pages = _pages(definition, per_question=False)
    page = _page(request, pages)
    results = questionnaire_results(questionnaire)
    body = _overview_body(questionnaire, version_id, results, page)
    return _frame(
        request,
        questionnaire,
        None,
        title=_("Published results"),
        body=body,
        results=results,
        extra=_paging(pages, page),
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
    pages = _pages(definition, per_question=False)
    page = _page(request, pages)
    body = SafeString("")
    if results.enough and column >= 0:
        key = results_cache_key(
            questionnaire,
            version_id,
            f"html:department:{code}:{_page_key(page)}:{language}",
        )
        body = _cached_html(
            key,
            "questionnaires/results/department_body.html",
            lambda: {
                "results": results,
                "group_total": results.column_totals[column],
                "pooled": pooled,
                "group_label": group_label,
                "thin": _thin_labels(definition, results, language),
                "questions": _questions(
                    results,
                    lambda q, lang: figures_side_by_side(q, column, group_label, lang),
                    page,
                ),
            },
        )
    title = _("Results for %(department)s") % {"department": option.label.get(language)}
    return _frame(
        request,
        questionnaire,
        rights,
        title=title,
        body=body,
        results=results,
        extra={**_paging(pages, page), "department": code},
    )


def _thin_labels(definition: Definition, results: Results, language: str) -> dict[str, Any]:
    """The questions a breakdown leaves out for being answered too thinly, for the note."""
    return {
        "labels": [definition.question(code).label.get(language) for code in results.thin],
        "base": BREAKDOWN_BASE * results.threshold,
    }


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
    shown = frozenset(q.code for q in results.questions if q.code != question_code)
    pages = _pages(definition, per_question=True, shown=shown)
    page = _page(request, pages)
    language = current_language()
    key = results_cache_key(
        questionnaire, version_id, f"html:by:{question_code}:{_page_key(page)}:{language}"
    )
    body = _cached_html(
        key,
        "questionnaires/results/breakdown_body.html",
        lambda: {
            "results": results,
            "questions": _questions(
                results, lambda q, lang: figures_breakdown(q, results, lang), page
            ),
            "withheld": [
                definition.question(code).label.get(language) for code in results.withheld
            ],
            "thin": _thin_labels(definition, results, language),
        },
    )
    label = results.by_label.get(language) if results.by_label else question_code
    title = _("Results by “%(question)s”") % {"question": label}
    return _frame(
        request,
        questionnaire,
        rights,
        title=title,
        body=body,
        results=results,
        extra=_paging(pages, page),
    )


@login_required
def results_crosstab(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire, rights = _full(request, questionnaire_id)
    definition, version_id = results_definition(questionnaire)
    rows, columns = request.GET.get("rows", ""), request.GET.get("columns", "")
    row_choices = [
        q
        for q in definition.questions
        if q.type in ANSWERED_TYPES and q.type not in (QuestionType.TEXT, QuestionType.LONG_TEXT)
    ]
    thin = thin_questions(questionnaire)
    row_choices = [q for q in row_choices if q.code not in thin]
    column_choices = [
        q for q in definition.questions if q.type in BREAKDOWN_TYPES and q.code not in thin
    ]
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
                        results, lambda q, lang: figures_breakdown(q, results, lang)
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


def results_full_access(
    request: HttpRequest, questionnaire_id: int
) -> tuple[Questionnaire, ResultsRights]:
    """The access door of a results page that needs full rights, for other apps' pages
    (the workforce view): missing and forbidden both raise NotFound."""
    return _full(request, questionnaire_id)


def results_frame(
    request: HttpRequest,
    questionnaire: Questionnaire,
    rights: ResultsRights,
    *,
    title: str,
    body: SafeString,
) -> HttpResponse:
    """Another app's results page body inside the results pages' frame (navigation,
    snapshot, the note on hidden figures)."""
    return _frame(request, questionnaire, rights, title=title, body=body)


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
