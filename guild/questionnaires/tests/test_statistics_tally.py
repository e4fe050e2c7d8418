"""The answer tally counts exactly what the answer rows count: every fact, service-wide, by
department and by region, and every published figure, after a first and a second
snapshot, for identified questionnaires whose answers change and for anonymous ones; and
statistics fall back to the rows whenever the tally is not the latest snapshot's."""

import random
from collections import Counter
from importlib import import_module
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection

from guild.questionnaires.answering.services import response_submit
from guild.questionnaires.definition.types import Definition
from guild.questionnaires.models import Answer, AnswerTallyState, Questionnaire, Response
from guild.questionnaires.results.statistics import questionnaire_results, results_definition
from guild.questionnaires.results.statistics.counts import (
    GroupBy,
    answer_facts,
    answered_counts,
    median,
    row_facts,
    text_answered_counts,
)
from guild.questionnaires.results.statistics.tally import tally_current, tally_rows
from guild.questionnaires.results.statistics.variables import Kind, question_variables
from guild.questionnaires.tests.answering import make_questionnaire, publish
from guild.questionnaires.tests.results_data import add_responses

pytestmark = pytest.mark.django_db

GROUPINGS: tuple[GroupBy, ...] = (None, "department", "region")


def _answers(rng: random.Random) -> dict[str, object]:
    role = rng.choice(["manager", "analyst"])
    answers: dict[str, object] = {
        "department": rng.choice(["esdc", "cra"]),
        "region": rng.choice(["ncr", "quebec"]),
        "role": role,
        "years": rng.choice([0, 1, 3, 7, 12, 30]),
        "tools": rng.sample(["excel", "python", "sql"], rng.randint(0, 3)),
        "levels": {"reading": rng.choice("abc"), "writing": rng.choice("abc")},
        "priorities": rng.sample(["training", "tools", "pay"], rng.randint(1, 3)),
        "satisfaction": rng.choice(["disagree", "neutral", "agree"]),
        "start_year": rng.choice([1990, 2005, 2010, 2024]),
        "hours": rng.choice(["0", "2.5", "12.25", "40", "99.5"]),
        "comments": "Fine.",
    }
    if role == "manager":
        answers["team_size"] = rng.choice([1, 4, 9])
    return answers


def _bands(definition: Definition) -> dict[str, tuple[float, ...]]:
    found = {q.code: question_variables(q) for q in definition.questions}
    return {
        code: tuple(variables[0].edges)
        for code, variables in found.items()
        if variables and variables[0].kind == Kind.BAND
    }


def _submit(survey: Questionnaire, make_member: Any, rng: random.Random, count: int) -> list[Any]:
    users = [make_member().user for _ in range(count)]
    for index, user in enumerate(users):
        response_submit(
            user=user, questionnaire=survey, answers=_answers(rng), idempotency_key=f"k{index}"
        )
    return users


def _row_counts(survey: Questionnaire) -> Counter[tuple[Any, ...]]:
    found: Counter[tuple[Any, ...]] = Counter()
    for row in Answer.objects.filter(questionnaire=survey, snapshot__gt=0):
        values = (row.question, row.item, row.choice, row.number)
        found[("", "", *values)] += 1
        found[("department", row.department, *values)] += 1
        found[("region", row.region, *values)] += 1
    return found


def _assert_same_as_rows(survey: Questionnaire) -> None:
    assert tally_current(survey.pk)
    assert tally_rows(survey.pk) == _row_counts(survey)
    definition, _version = results_definition(Questionnaire.objects.get(pk=survey.pk))
    for bands in ({}, _bands(definition), {"years": (3.0, 12.0), "hours": (2.5, 40.0)}):
        for group_by in GROUPINGS:
            tallied = answer_facts(survey.pk, group_by=group_by, bands=bands)
            counted = row_facts(survey.pk, group_by=group_by, bands=bands)
            assert len(tallied) == len(counted)
            assert set(tallied) == set(counted)
    for code in ("years", "hours", "start_year", "team_size"):
        for count in range(1, 30):
            assert median(survey.pk, code, count) == _row_median(survey, code, count)


def _row_median(survey: Questionnaire, code: str, count: int) -> float | None:
    AnswerTallyState.objects.filter(questionnaire=survey).update(snapshot=-1)
    try:
        return median(survey.pk, code, count)
    finally:
        AnswerTallyState.objects.filter(questionnaire=survey).update(
            snapshot=survey.snapshots.order_by("-number").values_list("number", flat=True)[0]
        )


def _every_results(survey: Questionnaire) -> list[Any]:
    fresh = Questionnaire.objects.get(pk=survey.pk)
    return [questionnaire_results(fresh, by=by) for by in (None, "department", "region", "role")]


def _assert_results_as_from_rows(survey: Questionnaire) -> None:
    cache.clear()
    tallied = _every_results(survey)
    state = AnswerTallyState.objects.get(questionnaire=survey)
    AnswerTallyState.objects.filter(questionnaire=survey).delete()
    assert not tally_current(survey.pk)
    cache.clear()
    counted = _every_results(survey)
    state.save()
    assert tallied == counted
    assert (
        tallied[0].respondents
        == Response.objects.filter(questionnaire=survey, snapshot__gt=0).count()
    )


def test_identified_answers_changed_between_two_snapshots(im: Any, make_member: Any) -> None:
    rng = random.Random(7)
    survey = make_questionnaire(im, anonymous=False)
    users = _submit(survey, make_member, rng, 14)
    assert not tally_current(survey.pk)
    assert publish(survey).number == 1
    _assert_same_as_rows(survey)
    _assert_results_as_from_rows(survey)

    # Changed answers stay published until the next snapshot retires the old rows.
    for index, user in enumerate(users[:4]):
        response_submit(
            user=user, questionnaire=survey, answers=_answers(rng), idempotency_key=f"c{index}"
        )
    assert Answer.objects.filter(questionnaire=survey, retired=True).exists()
    _assert_same_as_rows(survey)
    _submit(survey, make_member, rng, 10)
    before = tally_rows(survey.pk)
    assert publish(survey).number == 2
    assert not Answer.objects.filter(questionnaire=survey, retired=True).exists()
    assert tally_rows(survey.pk) != before
    assert AnswerTallyState.objects.get(questionnaire=survey).responses == 24
    _assert_same_as_rows(survey)
    _assert_results_as_from_rows(survey)


def test_anonymous_questionnaire_over_two_snapshots(im: Any, make_member: Any) -> None:
    rng = random.Random(11)
    survey = make_questionnaire(im, anonymous=True)
    _submit(survey, make_member, rng, 12)
    publish(survey)
    _assert_same_as_rows(survey)
    _submit(survey, make_member, rng, 11)
    publish(survey)
    _assert_same_as_rows(survey)
    _assert_results_as_from_rows(survey)
    assert set(Answer.objects.filter(questionnaire=survey).values_list("snapshot", flat=True)) == {
        1,
        2,
    }


def test_rows_published_outside_a_snapshot_are_counted_from_the_rows(
    im: Any, make_member: Any
) -> None:
    rng = random.Random(3)
    survey = make_questionnaire(im)
    _submit(survey, make_member, rng, 10)
    publish(survey)
    assert tally_current(survey.pk)
    answers = [_answers(rng) for _ in range(5)]
    for answer_set in answers:
        answer_set.pop("team_size", None)
        answer_set["role"] = "analyst"
    # Not how answers are published, but a tally behind its rows must not be read.
    add_responses(survey, answers)
    assert not tally_current(survey.pk)
    assert questionnaire_results(Questionnaire.objects.get(pk=survey.pk)).respondents == 15
    # The next snapshot counts everything afresh.
    _submit(survey, make_member, rng, 10)
    publish(survey)
    _assert_same_as_rows(survey)


def test_the_migration_counts_what_earlier_snapshots_published(im: Any, make_member: Any) -> None:
    rng = random.Random(5)
    survey = make_questionnaire(im)
    _submit(survey, make_member, rng, 10)
    publish(survey)
    expected = tally_rows(survey.pk)
    migration = import_module("guild.questionnaires.migrations.0004_answer_tally")
    apps.get_model("questionnaires", "AnswerTally").objects.all().delete()
    AnswerTallyState.objects.all().delete()
    migration.count_published(apps, SimpleNamespace(connection=connection))
    assert tally_current(survey.pk)
    assert tally_rows(survey.pk) == expected == _row_counts(survey)


def _counted_now(survey: Questionnaire) -> tuple[dict[str, int], dict[str, int]]:
    """The answered counts as the published rows and answers hold them at this moment."""
    published = Answer.objects.filter(questionnaire=survey, snapshot__gt=0)
    rows = {
        code: published.filter(question=code).values("response_id").distinct().count()
        for code in ("tools",)
    }
    responses = Response.objects.filter(questionnaire=survey, snapshot__gt=0)
    keys = {
        code: responses.filter(answers__has_key=code).count() for code in ("nickname", "comments")
    }
    return rows, keys


def test_answered_counts_are_taken_at_the_snapshot_and_hold_until_the_next(
    im: Any, make_member: Any
) -> None:
    rng = random.Random(13)
    survey = make_questionnaire(im, anonymous=False)
    users = _submit(survey, make_member, rng, 12)
    publish(survey)
    rows, keys = _counted_now(survey)
    state = AnswerTallyState.objects.get(questionnaire=survey)
    assert state.answered == {"rows": rows, "keys": keys}
    assert keys == {"nickname": 0, "comments": 12}
    assert answered_counts(survey.pk, ["tools"]) == {k: v for k, v in rows.items() if v}
    assert text_answered_counts(survey.pk, ["comments"]) == {"comments": 12}

    # Three respondents take their comment back and their tools away: the answers change
    # at once, but what is published (and so every n) waits for the next snapshot, or a
    # reader comparing the n before and after would learn who changed what.
    for index, user in enumerate(users[:3]):
        answers = _answers(rng)
        answers.pop("comments")
        answers["tools"] = []
        response_submit(
            user=user, questionnaire=survey, answers=answers, idempotency_key=f"d{index}"
        )
    assert Response.objects.filter(questionnaire=survey, answers__has_key="comments").count() == 9
    assert text_answered_counts(survey.pk, ["comments"]) == {"comments": 12}
    assert answered_counts(survey.pk, ["tools"]) == {k: v for k, v in rows.items() if v}

    _submit(survey, make_member, rng, 10)
    publish(survey)
    rows_after, keys_after = _counted_now(survey)
    assert keys_after == {"nickname": 0, "comments": 19}
    # Counted from the change (pending in, retired out), the same as counted afresh.
    assert AnswerTallyState.objects.get(questionnaire=survey).answered == {
        "rows": rows_after,
        "keys": keys_after,
    }
    assert text_answered_counts(survey.pk, ["comments"]) == {"comments": 19}
    assert answered_counts(survey.pk, ["tools"]) == {k: v for k, v in rows_after.items() if v}
    _assert_results_as_from_rows(survey)
