"""Reading a questionnaire's responses for a row-level export, in chunks.

Anonymous questionnaires come out in a random order drawn by the database for each export,
so a file's row order never follows the keys (random as they are, a stable order would
let two exports be matched row by row) nor anything else about when a response came in.
Identified questionnaires come out in order of submission, with the respondent's member
number, name and e-mail.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, QuerySet

from guild.questionnaires.definition.json_codec import definition_from_json
from guild.questionnaires.definition.types import TEXT_TYPES, Definition, Question, QuestionType
from guild.questionnaires.exports.variables import (
    RowBuilder,
    Variable,
    export_variables,
    merged_questions,
)
from guild.questionnaires.models import (
    Questionnaire,
    QuestionnaireVersion,
    Response,
    ResultsSnapshot,
    VersionStatus,
)

CHUNK_SIZE = 2000


def questionnaire_definitions(questionnaire: Questionnaire) -> list[Definition]:
    """The published definitions, newest first (the draft when nothing is published yet)."""
    versions = list(
        QuestionnaireVersion.objects.filter(questionnaire=questionnaire)
        .order_by("-number")
        .values_list("status", "definition")
    )
    published = [data for status, data in versions if status == VersionStatus.PUBLISHED]
    return [definition_from_json(data) for data in published or [d for _, d in versions]]


@dataclass
class RowSource:
    questionnaire: Questionnaire
    variables: list[Variable]
    identified: bool
    questions: list[Question] = field(default_factory=list)
    # Anonymous: the latest snapshot when the export started, so that every pass over
    # the responses (protected exports make two) reads the same ones.
    snapshot: int = 0

    def responses(self) -> QuerySet[Response]:
        """Anonymous: the responses the latest results snapshot publishes, so two exports
        differ by a group of at least the threshold, never by one person."""
        responses = Response.objects.filter(questionnaire=self.questionnaire)
        if self.identified:
            return responses
        return responses.filter(snapshot__gt=0, snapshot__lte=self.snapshot)

    @property
    def total(self) -> int:
        return self.responses().count()

    def rows(self) -> Iterator[list[Any]]:
        builder = RowBuilder(self.variables)
        numbers = dict(
            QuestionnaireVersion.objects.filter(questionnaire=self.questionnaire).values_list(
                "id", "number"
            )
        )
        responses = self.responses()
        if not self.identified:
            for version_id, answers in (
                responses.order_by("?")
                .values_list("version_id", "answers")
                .iterator(chunk_size=CHUNK_SIZE)
            ):
                yield builder.values(answers or {}, (numbers.get(version_id),))
            return
        member = "respondent__member__"
        for version_id, answers, member_id, given, family, work_email, email in (
            responses.order_by("submitted_at", "id")
            .values_list(
                "version_id",
                "answers",
                f"{member}id",
                f"{member}given_name",
                f"{member}family_name",
                f"{member}work_email",
                "respondent__email",
            )
            .iterator(chunk_size=CHUNK_SIZE)
        ):
            name = " ".join(part for part in (given, family) if part) or None
            leading = (member_id, name, work_email or email, numbers.get(version_id))
            yield builder.values(answers or {}, leading)


def row_source(questionnaire: Questionnaire) -> RowSource:
    identified = not questionnaire.anonymous
    questions = merged_questions(questionnaire_definitions(questionnaire))
    if not identified:
        # A calculation can copy a quasi-identifier past its generalisation, and free text
        # can name or describe its writer whatever the generalisation (ADR 10): anonymous
        # row exports leave both out.
        questions = [
            q for q in questions if q.type != QuestionType.CALCULATE and q.type not in TEXT_TYPES
        ]
    latest = ResultsSnapshot.objects.filter(questionnaire=questionnaire).aggregate(
        number=Max("number")
    )["number"]
    return RowSource(
        questionnaire=questionnaire,
        variables=export_variables(questions, identified=identified),
        identified=identified,
        questions=questions,
        snapshot=latest or 0,
    )
