"""The linear-programming attack of issue 8, finding 3, on the demo questionnaire and on
generated data: every figure a committee member can see (the service-wide page and the
public page, every breakdown, hence every cross-tab both ways and every department's
column) as equations, and each hidden value's feasible range computed exactly
(guild/questionnaires/tests/lp_auditor.py).

What holds and is asserted: no hidden value is recovered exactly or to within one person
(each has a feasible range at least 2 wide), and the published figures never contradict
each other. The issue's stronger aim, ranges at least the threshold wide, is not met yet:
the demo test measures the gap (ADR 14).
"""

import random
from typing import Any

import pytest

from guild.questionnaires.models import Questionnaire
from guild.questionnaires.results.statistics import (
    BREAKDOWN_TYPES,
    questionnaire_results,
    results_definition,
)
from guild.questionnaires.tests.lp_auditor import Model, Range, add_results, feasible_ranges
from guild.questionnaires.tests.results_data import add_responses, results_questionnaire
from guild.reports.demo.seeding import seed_demo

NOT_WITHIN_ONE = 2


def _everything_published(questionnaire: Questionnaire) -> Model:
    definition, _version = results_definition(questionnaire)
    model = Model()
    add_results(model, questionnaire_results(questionnaire))
    for question in definition.questions:
        if question.type in BREAKDOWN_TYPES:
            add_results(model, questionnaire_results(questionnaire, by=question.code))
    assert model.conflicts == []
    return model


def _narrow(model: Model, width: float) -> list[Range]:
    ranges = feasible_ranges(model, wide_enough=width)
    assert len(ranges) == len(model.hidden)
    assert model.conflicts == []
    return [found for found in ranges if found.width < width]


@pytest.fixture
def demo_questionnaire(db: Any) -> Questionnaire:
    seed_demo()
    return Questionnaire.objects.get(anonymous=True, community__code="im")


@pytest.mark.django_db
def test_no_hidden_figure_of_the_demo_questionnaire_is_recovered(
    demo_questionnaire: Questionnaire,
) -> None:
    model = _everything_published(demo_questionnaire)
    assert len(model.hidden) > 10_000  # the attack has something to work on
    assert _narrow(model, NOT_WITHIN_ONE) == []
    # Measured, not wished: hidden values whose range is narrower than 5 (the threshold
    # is 10). ADR 14 says why they remain; if the suppression gets better, lower this.
    assert len(_narrow(model, 5)) <= 80


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2])
def test_no_hidden_figure_of_generated_answers_is_recovered(im: Any, seed: int) -> None:
    rng = random.Random(seed)
    survey = results_questionnaire(im, slug=f"generated-{seed}")
    people = []
    for _ in range(240):
        person = {
            "department": rng.choice(["esdc", "esdc", "cra", "ssc", "tbs", "lac", ""]),
            "region": rng.choice(["ncr", "ncr", "ontario", "quebec", ""]),
            "occupational_group": rng.choice(["IS", "IS", "CR", "AS", ""]),
            "satisfied": rng.choice(["yes", "yes", "no", ""]),
            "age_band": rng.choice(["30_34", "60_64", "30_34", ""]),
            "service_years": rng.choice(["5_9", "30_34", ""]),
        }
        people.append({code: value for code, value in person.items() if value})
    add_responses(survey, people)
    model = _everything_published(survey)
    assert model.hidden
    assert _narrow(model, NOT_WITHIN_ONE) == []
