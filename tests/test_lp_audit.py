"""The linear-programming attack of issue 8, on the demo data and on generated data: every
figure a committee member can see for a questionnaire (the service-wide page and the public
page, every breakdown, hence every cross-tab both ways and every department's column), and
every competency heat map (by every grouping, community-wide and within every department),
as equations; each hidden value's feasible range computed exactly
(guild/questionnaires/tests/lp_auditor.py, HiGHS).

The criterion (ADR 14): every hidden value keeps a feasible range at least the threshold
wide, for a reader who knows that counts are whole numbers and that a hidden one is at
least 1 because zeros are published (at least 0 where zeros are hidden too), and the
published figures never contradict each other.
"""

import random
from typing import Any

import pytest

from guild.demo.seeding import seed_demo
from guild.organizations.models import Community
from guild.questionnaires.models import Questionnaire
from guild.questionnaires.results.statistics import (
    BREAKDOWN_TYPES,
    questionnaire_results,
    results_definition,
)
from guild.questionnaires.tests.lp_auditor import (
    Model,
    Range,
    add_results,
    feasible_ranges,
)
from guild.questionnaires.tests.results_data import add_responses, results_questionnaire

NARROW_ON_THE_DEMO = 70
"""Hidden values of the demo questionnaire still narrower than the threshold (64 measured)."""


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
    return [found for found in ranges if found.width < width - 1e-6]


@pytest.fixture
def demo(db: Any) -> Community:
    # The demo generator at 600 members: the same plan, departments and questionnaires as
    # `make demo` (5,000), small enough for the exact LP to run in CI. More members mean
    # fewer small cells, so this is the harder case for the rule.
    seed_demo(members=600)
    return Community.objects.get(code="im")


@pytest.mark.django_db
def test_every_hidden_figure_of_the_demo_questionnaire_keeps_a_wide_range(
    demo: Community,
) -> None:
    questionnaire = Questionnaire.objects.get(anonymous=True, community=demo)
    model = _everything_published(questionnaire)
    assert len(model.hidden) > 1_000  # the attack has something to work on
    narrow = _narrow(model, questionnaire.threshold)
    # Measured, not wished (ADR 14, "what remains"): none is narrower than half the
    # threshold (62 were before protection levels), and the few still narrower than the
    # threshold lie in tables whose small cells leave no room within them. If the
    # suppression gets better, lower this.
    assert [found for found in narrow if found.width < questionnaire.threshold / 2] == []
    assert len(narrow) <= NARROW_ON_THE_DEMO


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2])
def test_every_hidden_figure_of_generated_answers_keeps_a_wide_range(im: Any, seed: int) -> None:
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
    assert _narrow(model, survey.threshold) == []
