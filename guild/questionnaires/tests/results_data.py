"""Hand-built response data for the statistics tests: responses and their `Answer` rows
written directly with bulk_create (answering itself is tested elsewhere)."""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.utils import timezone

from guild.demo.answers import AGE_BANDS, SERVICE_BANDS
from guild.organizations.models import Community
from guild.questionnaires.answering.answers import answer_rows, breakdown_values
from guild.questionnaires.definition.types import (
    Breakdown,
    Definition,
    Option,
    Question,
    QuestionType,
    Section,
    Text,
    WorkforceRole,
    YearBand,
)
from guild.questionnaires.models import (
    PENDING,
    Answer,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    ResultsSnapshot,
    SnapshotReason,
)
from guild.questionnaires.tests.answering import make_questionnaire


def _t(en: str) -> Text:
    return Text(en, f"{en} (fr)")


def _options(*codes: str) -> tuple[Option, ...]:
    return tuple(Option(code, _t(code.upper())) for code in codes)


def results_definition() -> Definition:
    """Department, region, group, age and service bands, and one question of each kind."""
    questions = (
        Question(
            "department",
            QuestionType.SINGLE,
            _t("Department"),
            options=_options("esdc", "cra", "ssc", "tbs"),
            breakdown=Breakdown.DEPARTMENT,
        ),
        Question(
            "region",
            QuestionType.SINGLE,
            _t("Region"),
            options=_options("ncr", "ontario", "quebec"),
            breakdown=Breakdown.REGION,
        ),
        Question(
            "occupational_group",
            QuestionType.SINGLE,
            _t("Group"),
            options=_options("IS", "CR", "AS"),
            breakdown=Breakdown.OTHER,
            workforce=WorkforceRole.GROUP,
        ),
        Question(
            "age_band",
            QuestionType.SINGLE,
            _t("Age"),
            options=tuple(
                Option(code, _t(code), YearBand(low, high)) for code, low, high in AGE_BANDS
            ),
            breakdown=Breakdown.OTHER,
            workforce=WorkforceRole.AGE,
        ),
        Question(
            "service_years",
            QuestionType.SINGLE,
            _t("Service"),
            options=tuple(
                Option(code, _t(code), YearBand(low, high)) for code, low, high in SERVICE_BANDS
            ),
            breakdown=Breakdown.OTHER,
            workforce=WorkforceRole.SERVICE,
        ),
        Question("satisfied", QuestionType.LIKERT, _t("Satisfied"), options=_options("yes", "no")),
        Question(
            "training", QuestionType.MULTIPLE, _t("Training"), options=_options("a", "b", "c")
        ),
        Question(
            "skills",
            QuestionType.MATRIX,
            _t("Skills"),
            options=_options("low", "high"),
            rows=_options("r1", "r2"),
        ),
        Question("priorities", QuestionType.RANKING, _t("Priorities"), options=_options("x", "y")),
        Question(
            "hours",
            QuestionType.INTEGER,
            _t("Hours"),
            minimum=Decimal(0),
            maximum=Decimal(50),
        ),
        Question("comment", QuestionType.TEXT, _t("Comment")),
    )
    return Definition(_t("Results survey"), sections=(Section("all", _t("All"), None, questions),))


def results_questionnaire(community: Community, **fields: Any) -> Questionnaire:
    return make_questionnaire(community, definition=results_definition(), **fields)


def add_responses(
    questionnaire: Questionnaire,
    answer_sets: Iterable[Mapping[str, object]],
    *,
    times: int = 1,
    published: bool = True,
) -> None:
    """Store each answer set ``times`` times, as the submit service would, and (unless
    ``published`` is false) as part of the questionnaire's current results snapshot."""
    number = published_snapshot(questionnaire).number if published else PENDING
    version = QuestionnaireVersion.objects.get(questionnaire=questionnaire, number=1)
    definition = results_definition()
    responses: list[Response] = []
    answers: list[Answer] = []
    for answer_set in answer_sets:
        for _ in range(times):
            response = Response(
                questionnaire=questionnaire,
                version=version,
                answers=dict(answer_set),
                snapshot=number,
            )
            responses.append(response)
            department, region = breakdown_values(definition, answer_set)
            answers.extend(
                Answer(
                    questionnaire=questionnaire,
                    response=response,
                    question=row.question,
                    item=row.item,
                    choice=row.choice,
                    number=row.number,
                    department=department,
                    region=region,
                    snapshot=number,
                )
                for row in answer_rows(definition, answer_set)
            )
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(answers)
    if published:
        # As snapshot_take records it: every response published so far.
        ResultsSnapshot.objects.filter(questionnaire=questionnaire, number=number).update(
            respondents=Response.objects.filter(questionnaire=questionnaire, snapshot__gt=0).count()
        )


def published_snapshot(questionnaire: Questionnaire) -> ResultsSnapshot:
    """The questionnaire's first snapshot, made if missing (tests of figures that do not
    care when they were published)."""
    snapshot, _ = ResultsSnapshot.objects.get_or_create(
        questionnaire=questionnaire,
        number=1,
        defaults={
            "taken_at": timezone.now(),
            "respondents": 0,
            "added": 0,
            "reason": SnapshotReason.SCHEDULED,
        },
    )
    return snapshot


SAMPLE_ANSWERS: tuple[tuple[dict[str, object], int], ...] = (
    (
        {
            "department": "esdc",
            "region": "ncr",
            "occupational_group": "IS",
            "age_band": "60_64",
            "service_years": "30_34",
            "satisfied": "yes",
            "training": ["a", "b"],
            "skills": {"r1": "low", "r2": "high"},
            "priorities": ["x", "y"],
            "hours": 12,
            "comment": "Fine",
        },
        12,
    ),
    (
        {
            "department": "cra",
            "region": "quebec",
            "occupational_group": "CR",
            "age_band": "30_34",
            "service_years": "5_9",
            "satisfied": "no",
            "training": ["c"],
            "hours": 40,
        },
        3,
    ),
    (
        {"department": "ssc", "region": "ontario", "occupational_group": "IS", "satisfied": "no"},
        11,
    ),
)


def sample_results_questionnaire(community: Community, **fields: Any) -> Questionnaire:
    """26 responses: some groups large enough to show, CRA's 3 pooled or hidden."""
    questionnaire = results_questionnaire(community, **fields)
    for answer_set, times in SAMPLE_ANSWERS:
        add_responses(questionnaire, [answer_set], times=times)
    return questionnaire
