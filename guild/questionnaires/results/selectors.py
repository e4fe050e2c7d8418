"""Reads of results: the definition and snapshot results are shown for, the audience a
response rate is of, and what a manager sees of publication."""

from dataclasses import dataclass

from guild.core.errors import NotFound
from guild.members.models import Member
from guild.questionnaires.definition.selectors import latest_published_version, version_definition
from guild.questionnaires.definition.types import Breakdown, Definition
from guild.questionnaires.models import (
    PENDING,
    Audience,
    Questionnaire,
    QuestionnaireVersion,
    RefreshPoint,
    Response,
    ResultsSnapshot,
)


def results_version(questionnaire: Questionnaire) -> QuestionnaireVersion | None:
    """The version whose questions results are shown for: the latest published one. A
    draft's questions are never shown on a results page (they are not public yet)."""
    return latest_published_version(questionnaire)


def results_definition(questionnaire: Questionnaire) -> tuple[Definition, int]:
    """The definition results are shown for, and its version's id; NotFound without one.
    Looked up once per questionnaire object (a page asks several times)."""
    memo = vars(questionnaire)
    found: tuple[Definition, int] | None = memo.get("_results_definition")
    if found is None:
        version = results_version(questionnaire)
        if version is None:
            raise NotFound()
        found = memo["_results_definition"] = (version_definition(version), version.pk)
    return found


def department_page_codes(questionnaire: Questionnaire) -> frozenset[str]:
    """The department codes that have their own results page: the options of the question
    the definition declares as the department breakdown (none without one)."""
    definition, _version = results_definition(questionnaire)
    question = definition.breakdowns().get(Breakdown.DEPARTMENT)
    return frozenset(option.code for option in question.options) if question else frozenset()


def results_snapshot(questionnaire: Questionnaire) -> ResultsSnapshot | None:
    """The snapshot every figure of the questionnaire is read from (the latest), if any.
    Looked up once per questionnaire object."""
    memo = vars(questionnaire)
    if "_results_snapshot" not in memo:
        memo["_results_snapshot"] = (
            ResultsSnapshot.objects.filter(questionnaire=questionnaire).order_by("-number").first()
        )
    found: ResultsSnapshot | None = memo["_results_snapshot"]
    return found


def audience_size(questionnaire: Questionnaire) -> int | None:
    """How many people the questionnaire is addressed to; ``None`` for a link."""
    if questionnaire.audience == Audience.LINK:
        return None
    if questionnaire.audience == Audience.MEMBERS:
        return questionnaire.audience_members.count()
    members = Member.objects.filter(communities=questionnaire.community_id, is_active=True)
    if questionnaire.audience == Audience.DEPARTMENTS:
        members = members.filter(department__in=questionnaire.audience_departments.all())
    return members.count()


@dataclass(frozen=True)
class Publication:
    snapshots: list[ResultsSnapshot]
    refresh_points: list[RefreshPoint]
    # Whether the next refresh would publish: at least the threshold of new responses. The
    # exact number is not shown, so watching it tells nobody when someone answered.
    enough_waiting: bool


def publication_state(questionnaire: Questionnaire) -> Publication:
    waiting = Response.objects.filter(questionnaire=questionnaire, snapshot=PENDING)[
        : questionnaire.threshold
    ].count()
    return Publication(
        snapshots=list(ResultsSnapshot.objects.filter(questionnaire=questionnaire)),
        refresh_points=list(RefreshPoint.objects.filter(questionnaire=questionnaire)),
        enough_waiting=waiting >= questionnaire.threshold,
    )
