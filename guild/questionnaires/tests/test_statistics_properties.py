"""Hypothesis searches generated answers for a hidden figure that the published results
give away: the service-wide page, the breakdowns by department, region and occupational
group and a cross-tab, all read together through the selectors the pages and API use."""

import secrets
from collections import Counter
from typing import Any

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guild.core.errors import ApplicationError
from guild.questionnaires.models import Answer, Response
from guild.questionnaires.results.statistics import (
    Results,
    crosstab_results,
    questionnaire_results,
    thin_questions,
)
from guild.questionnaires.tests.disclosure_check import Equations
from guild.questionnaires.tests.results_data import add_responses, results_questionnaire

VALUES = {
    "department": ["esdc", "cra", "ssc", "tbs", ""],
    "region": ["ncr", "ontario", "quebec", ""],
    "occupational_group": ["IS", "CR", "AS", ""],
    "satisfied": ["yes", "no", ""],
}
CODES = list(VALUES)
BREAKDOWNS = ["department", "region", "occupational_group"]

person = st.tuples(*(st.sampled_from(values) for values in VALUES.values()))


def _category(results_codes: list[str], raw: str) -> int:
    if raw in results_codes:
        return results_codes.index(raw)
    if raw == "" or "__other__" not in results_codes:
        return results_codes.index("__none__")
    return results_codes.index("__other__")


def _codes(results: Results, question: str) -> list[str]:
    return [row.code for row in results.question(question).blocks[0].rows]


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(population=st.lists(person, min_size=10, max_size=70), threshold=st.sampled_from([5, 10]))
def test_no_published_figure_gives_a_hidden_one_away(
    im: Any, population: list[tuple[str, ...]], threshold: int
) -> None:
    cache.clear()
    Answer.objects.all().delete()
    Response.objects.all().delete()
    survey = results_questionnaire(im, threshold=threshold, slug=f"p-{secrets.token_hex(6)}")
    answer_sets = [
        {code: value for code, value in zip(CODES, p, strict=True) if value} for p in population
    ]
    add_responses(survey, answer_sets)
    overall = questionnaire_results(survey)
    system = Equations(len(population))
    codes = {code: _codes(overall, code) for code in CODES}
    people = [
        {code: _category(codes[code], value) for code, value in zip(CODES, p, strict=True)}
        for p in population
    ]
    for code in CODES:
        margin = Counter(person[code] for person in people)
        rows = overall.question(code).blocks[0].rows
        system.margin(code, [margin[i] for i in range(len(rows))], [row.overall for row in rows])
    thin = thin_questions(survey)
    published = []
    for by in BREAKDOWNS:
        if by in thin:  # answered by too few of the respondents: refused (core.disclosure)
            with pytest.raises(ApplicationError):
                questionnaire_results(survey, by=by)
            continue
        published.append((by, questionnaire_results(survey, by=by)))
    if not {"satisfied", "region"} & thin:
        published.append(("region", crosstab_results(survey, rows="satisfied", columns="region")))
    for by, results in published:
        assert [c.code for c in results.columns] == codes[by]
        for question in results.questions:
            if question.code == by or question.code not in CODES:
                continue
            rows = question.blocks[0].rows
            counts = Counter((person[question.code], person[by]) for person in people)
            values = [[counts[(i, j)] for j in range(len(codes[by]))] for i in range(len(rows))]
            system.table(
                question.code,
                by,
                values,
                [row.counts for row in rows],
                [row.overall for row in rows],
                results.column_totals,
            )
    system.check(threshold)
