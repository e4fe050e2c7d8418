"""Frequency exports: the published results, exactly as the results pages and the API
publish them (statistics.questionnaire_results), as a long table that spreadsheets and
statistics packages read directly.

`frequencies` (CSV, and the first XLSX sheet): one row per category of each question, for
all respondents (`group` empty) and for each department group of the department question
(small departments pooled as the pages pool them). The figures come from one suppressed
table per question, so the service-wide and department figures cannot be played against
each other. A hidden count or percentage is written as the mark the pages print
(`charts.SUPPRESSED_MARK`); the XLSX `notes` sheet explains it. The XLSX `summary` sheet
holds what the service-wide page adds: n, mean and median per question.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from guild.core.charts import SUPPRESSED_MARK
from guild.core.disclosure import Suppressed
from guild.questionnaires.definition.types import Breakdown, Text
from guild.questionnaires.exports.writers import open_workbook, write_sheet, write_table_csv
from guild.questionnaires.models import Questionnaire
from guild.questionnaires.results.statistics import (
    Column,
    QuestionResult,
    Results,
    questionnaire_results,
    results_definition,
)

FREQUENCY_HEADER = (
    "question",
    "type",
    "question_en",
    "question_fr",
    "table",
    "table_en",
    "table_fr",
    "category",
    "category_en",
    "category_fr",
    "group",
    "group_en",
    "group_fr",
    "count",
    "percent",
)
SUMMARY_HEADER = ("question", "type", "question_en", "question_fr", "n", "mean", "median")
ALL_RESPONDENTS = Text("All respondents", "Toutes les personnes répondantes")


def figure(value: Any, digits: int | None = None) -> Any:
    """A published figure as a cell: the number, the hidden mark, or empty."""
    if isinstance(value, Suppressed):
        return SUPPRESSED_MARK
    if value is None:
        return ""
    if digits is not None and isinstance(value, float):
        return round(value, digits)
    return value


def frequency_rows(results: Results, service: Results | None = None) -> Iterator[tuple[Any, ...]]:
    """The rows of ``results``; with ``service`` (the service-wide results of a breakdown),
    the questions the breakdown leaves out (answered too thinly) come from it, for all
    respondents only, in the questionnaire's order."""
    broken_down = {question.code: question for question in results.questions}
    questions = (
        [(broken_down.get(q.code), q) for q in service.questions]
        if service is not None
        else [(q, q) for q in results.questions]
    )
    for found, whole in questions:
        yield from (
            _question_rows(whole, ()) if found is None else _question_rows(found, results.columns)
        )


def _question_rows(
    question: QuestionResult, columns: tuple[Column, ...]
) -> Iterator[tuple[Any, ...]]:
    head = (question.code, str(question.type), question.label.en, question.label.fr)
    for block in question.blocks:
        label = block.label or Text("", "")
        table = (block.key, label.en, label.fr)
        for row in block.rows:
            category = (row.code, row.label.en, row.label.fr)
            yield (
                *head,
                *table,
                *category,
                "",
                ALL_RESPONDENTS.en,
                ALL_RESPONDENTS.fr,
                figure(row.overall),
                figure(row.overall_percentage, 1),
            )
            for j, column in enumerate(columns):
                yield (
                    *head,
                    *table,
                    *category,
                    column.code,
                    column.label.en,
                    column.label.fr,
                    figure(row.counts[j]),
                    figure(row.percentages[j], 1),
                )


def summary_rows(results: Results) -> Iterator[tuple[Any, ...]]:
    for question in results.questions:
        yield (
            question.code,
            str(question.type),
            question.label.en,
            question.label.fr,
            figure(question.n),
            figure(question.mean, 2),
            figure(question.median, 2),
        )


def _both(message: str, **values: Any) -> tuple[str, str]:
    texts = []
    for language in ("en", "fr"):
        with translation.override(language):
            texts.append(_(message) % values)
    return texts[0], texts[1]


def notes_rows(questionnaire: Questionnaire, service: Results) -> list[tuple[Any, ...]]:
    return [
        ("questionnaire", questionnaire.title_en, questionnaire.title_fr),
        ("threshold", service.threshold, service.threshold),
        ("respondents", figure(service.respondents), figure(service.respondents)),
        ("audience", figure(service.audience), figure(service.audience)),
        ("response_rate", figure(service.response_rate, 1), figure(service.response_rate, 1)),
        (
            SUPPRESSED_MARK,
            *_both(
                "Hidden to protect privacy: the figure describes fewer than %(threshold)s "
                "people, or would let such a figure be worked out from the others.",
                threshold=service.threshold,
            ),
        ),
    ]


def _by_department(questionnaire: Questionnaire) -> Results:
    definition, _version = results_definition(questionnaire)
    department = definition.breakdowns().get(Breakdown.DEPARTMENT)
    return questionnaire_results(questionnaire, by=department.code if department else None)


def write_aggregate(questionnaire: Questionnaire, file_format: str, path: Path) -> None:
    results = _by_department(questionnaire)
    service = questionnaire_results(questionnaire) if results.by else results
    rows = frequency_rows(results, service if results.by else None)
    if file_format == "csv":
        write_table_csv(path, FREQUENCY_HEADER, rows)
        return
    workbook = open_workbook()
    write_sheet(workbook, "frequencies", FREQUENCY_HEADER, rows)
    write_sheet(workbook, "summary", SUMMARY_HEADER, summary_rows(service))
    write_sheet(workbook, "notes", ("item", "en", "fr"), notes_rows(questionnaire, service))
    workbook.save(path)
