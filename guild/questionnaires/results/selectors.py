"""Reads for questionnaire pages that are not results: what a manager sees of publication."""

from dataclasses import dataclass

from guild.questionnaires.models import (
    PENDING,
    Questionnaire,
    RefreshPoint,
    Response,
    ResultsSnapshot,
)


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
