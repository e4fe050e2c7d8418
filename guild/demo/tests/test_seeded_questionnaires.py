"""The demo community's questionnaires, seeded with everything else by `seed_demo`."""

from collections import Counter

import pytest

from guild.demo import questionnaires as demo
from guild.demo.seeding import seed_demo
from guild.questionnaires.models import Answer, Participation, Questionnaire, Response


@pytest.mark.django_db
def test_seed_demo_answers_anonymously_once() -> None:
    seed_demo(members=150)
    survey = Questionnaire.objects.get(slug=demo.MEMBERS_SLUG)
    event = Questionnaire.objects.get(slug=demo.EVENT_SLUG)
    assert survey.anonymous and survey.results_published and survey.threshold == 10
    assert survey.is_open() and not event.anonymous

    responses = Response.objects.filter(questionnaire=survey)
    count = responses.count()
    assert 0.75 * 144 < count < 144  # about 85 % of the members without a sign-in
    assert not responses.filter(respondent__isnull=False).exists()
    assert not responses.filter(submitted_at__isnull=False).exists()
    assert not responses.filter(updated_at__isnull=False).exists()
    assert not Participation.objects.filter(questionnaire=survey).exists()
    # Every response counted by department; some departments below the threshold.
    departments = Counter(
        Answer.objects.filter(questionnaire=survey, question="department").values_list(
            "choice", flat=True
        )
    )
    assert sum(departments.values()) == count
    assert any(n < survey.threshold for n in departments.values())

    identified = Response.objects.filter(questionnaire=event)
    assert identified.count() == 4
    assert not identified.filter(respondent__isnull=True).exists()
    assert Participation.objects.filter(questionnaire=event).count() == 4

    seed_demo(members=150)
    assert Questionnaire.objects.filter(slug__in=[demo.MEMBERS_SLUG, demo.EVENT_SLUG]).count() == 2
    assert Response.objects.filter(questionnaire=survey).count() == count
    assert Response.objects.filter(questionnaire=event).count() == 4
