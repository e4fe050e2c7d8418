"""Statistics on a small hand-built data set: exact figures, suppression where groups are
small, pooling, breakdowns consistent with the service-wide figures, and the cache."""

from typing import Any

import pytest

from guild.core.disclosure import COMPLEMENTARY, SMALL, Suppressed
from guild.core.errors import ApplicationError
from guild.questionnaires.models import Questionnaire, SnapshotReason
from guild.questionnaires.results.snapshots import snapshot_take
from guild.questionnaires.results.statistics import (
    crosstab_results,
    questionnaire_results,
    thin_questions,
)
from guild.questionnaires.tests.results_data import add_responses, results_questionnaire
from guild.questionnaires.tests.test_results_pages import CRA, ESDC, SSC

X = Suppressed


@pytest.fixture
def survey(im: Any) -> Any:
    questionnaire = results_questionnaire(im)
    add_responses(questionnaire, [ESDC], times=12)
    add_responses(questionnaire, [CRA], times=3)
    add_responses(questionnaire, [SSC], times=11)
    return questionnaire


def _overall(results: Any, code: str, block: int = 0) -> list[tuple[str, Any]]:
    return [(row.code, row.overall) for row in results.question(code).blocks[block].rows]


@pytest.mark.django_db
def test_service_wide_figures(survey: Any) -> None:
    results = questionnaire_results(survey)
    assert results.respondents == 26
    # Nobody in the fixture's community is an active member any more, but the 26 who
    # answered were addressed: the audience is never smaller than its respondents.
    assert results.audience == 26
    assert results.response_rate == 100.0
    assert _overall(results, "satisfied") == [("yes", 12), ("no", 14), ("__none__", 0)]
    satisfied = results.question("satisfied")
    assert satisfied.n == 26
    percentages = [row.overall_percentage for row in satisfied.blocks[0].rows]
    assert percentages == [pytest.approx(46.15, abs=0.01), pytest.approx(53.85, abs=0.01), 0.0]
    # CRA (3) is below the threshold: pooled with the next-smallest, SSC (11).
    assert _overall(results, "department") == [("esdc", 12), ("__other__", 14), ("__none__", 0)]
    # CR (3) is small; IS, the smallest other non-zero count, is hidden with it.
    assert _overall(results, "occupational_group") == [
        ("IS", COMPLEMENTARY),
        ("CR", SMALL),
        ("AS", 0),
        ("__none__", 0),
    ]
    assert _overall(results, "training") == [("a", 12), ("b", 12), ("c", SMALL)]
    assert results.question("training").n == 15
    assert _overall(results, "skills", 0) == [("low", 12), ("high", 0), ("__none__", 14)]
    assert _overall(results, "skills", 1) == [("low", 0), ("high", 12), ("__none__", 14)]
    priorities = results.question("priorities")
    assert _overall(results, "priorities") == [("x", 12), ("y", 0), ("__none__", 14)]
    assert priorities.n == 12
    assert [(code, value) for code, _label, value in priorities.mean_ranks] == [
        ("x", 1.0),
        ("y", 2.0),
    ]
    # Hours: 12 answered 12, 3 answered 40 (small), so "no answer" (11) is hidden too, and
    # with it n, the mean and the median.
    hours = results.question("hours")
    assert _overall(results, "hours") == [
        ("b0", 0),
        ("b1", 12),
        ("b2", 0),
        ("b3", 0),
        ("b4", SMALL),
        ("__none__", COMPLEMENTARY),
    ]
    assert isinstance(hours.n, X) and isinstance(hours.mean, X) and isinstance(hours.median, X)
    assert results.question("comment").n == 12
    assert results.question("comment").blocks == ()


@pytest.mark.django_db
def test_means_and_medians_when_enough_people_answered(im: Any) -> None:
    survey = results_questionnaire(im)
    add_responses(survey, [{"hours": 10}], times=10)
    add_responses(survey, [{"hours": 20}], times=11)
    hours = questionnaire_results(survey).question("hours")
    assert hours.n == 21
    assert hours.mean == pytest.approx((100 + 220) / 21)
    assert hours.median == 20.0


@pytest.mark.django_db
def test_breakdown_by_department_agrees_with_service_wide(survey: Any) -> None:
    overall = questionnaire_results(survey)
    by = questionnaire_results(survey, by="department")
    assert [c.code for c in by.columns] == ["esdc", "__other__", "__none__"]
    assert by.column_totals == (12, 14, 0)
    satisfied = by.question("satisfied").blocks[0].rows
    assert [row.counts for row in satisfied] == [(12, 0, 0), (0, 14, 0), (0, 0, 0)]
    assert [row.percentages[0] for row in satisfied] == [100.0, 0.0, 0.0]
    for question in by.questions:
        for block, same in zip(
            question.blocks, overall.question(question.code).blocks, strict=True
        ):
            assert [row.overall for row in block.rows] == [row.overall for row in same.rows]
    group = by.question("occupational_group").blocks[0].rows
    assert [row.counts for row in group] == [
        (12, X("complementary"), 0),
        (0, SMALL, 0),
        (0, 0, 0),
        (0, 0, 0),
    ]


@pytest.mark.django_db
def test_crosstab(survey: Any) -> None:
    results = crosstab_results(survey, rows="satisfied", columns="region")
    # Quebec (3) is pooled with the next-smallest region, Ontario (11).
    assert [c.code for c in results.columns] == ["ncr", "__other__", "__none__"]
    assert [(row.code, row.counts) for row in results.question("satisfied").blocks[0].rows] == [
        ("yes", (12, 0, 0)),
        ("no", (0, 14, 0)),
        ("__none__", (0, 0, 0)),
    ]


@pytest.mark.django_db
def test_a_question_answered_by_few_of_the_respondents_is_never_broken_down(
    survey: Any,
) -> None:
    # Training: 15 of 26 answered, fewer than 5 x 10. Either way round, refused; left out of
    # every breakdown, and said.
    assert thin_questions(survey) == {"training", "priorities", "comment"}
    for rows, columns in (("training", "satisfied"), ("priorities", "region")):
        with pytest.raises(ApplicationError) as refused:
            crosstab_results(survey, rows=rows, columns=columns)
        assert refused.value.code == "too_few_to_break_down"
    by_region = questionnaire_results(survey, by="region")
    assert by_region.thin == ("training", "priorities", "comment")
    assert "training" not in {q.code for q in by_region.questions}
    assert "training" in {q.code for q in questionnaire_results(survey).questions}


@pytest.mark.django_db
def test_too_few_respondents_publish_nothing(im: Any) -> None:
    survey = results_questionnaire(im)
    add_responses(survey, [ESDC], times=9)
    results = questionnaire_results(survey)
    assert results.respondents == SMALL
    assert not results.enough
    assert results.questions == ()


@pytest.mark.django_db
def test_figures_change_only_when_a_snapshot_publishes_enough_new_responses(
    survey: Any,
) -> None:
    assert questionnaire_results(survey).respondents == 26
    add_responses(survey, [SSC], times=9, published=False)
    assert questionnaire_results(survey).respondents == 26
    # Nine new responses are fewer than the threshold: nothing is published.
    assert snapshot_take(questionnaire=survey, reason=SnapshotReason.SCHEDULED) is None
    assert questionnaire_results(Questionnaire.objects.get(pk=survey.pk)).respondents == 26
    add_responses(survey, [SSC], published=False)
    snapshot = snapshot_take(questionnaire=survey, reason=SnapshotReason.SCHEDULED)
    assert snapshot is not None
    assert (snapshot.number, snapshot.added, snapshot.respondents) == (2, 10, 36)
    results = questionnaire_results(Questionnaire.objects.get(pk=survey.pk))
    assert (results.respondents, results.snapshot_number) == (36, 2)
