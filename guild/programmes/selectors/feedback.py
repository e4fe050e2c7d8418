"""Reads for the evaluations page and the themes page: each session's evaluation with what
the questionnaire engine publishes of it, and the published free-text comments to tag.

A comment is shown with the kind of evaluation it came from (an event, a group meeting,
a supervisor), never the session: a group meeting has five to seven people, and the
administrator who tags knows who attended (ADR 19). Comments come in the order of their
random keys, which says nothing of when they were written."""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, Subquery

from guild.programmes.evaluation_forms import COMMENTS, OBSERVED
from guild.programmes.models import CommentTag, Intake, Session, SessionKind, Theme, ThemeSource
from guild.questionnaires.models import Questionnaire, Response, ResultsSnapshot

EVALUATED = (SessionKind.EVENT, SessionKind.GROUP)
TEXT_QUESTIONS = {
    ThemeSource.PARTICIPANTS: frozenset({COMMENTS}),
    ThemeSource.SUPERVISORS: frozenset({OBSERVED, COMMENTS}),
}


def evaluations_of(intake: Intake, source: str) -> Q:
    """The questionnaires whose comments feed `source`'s themes, as a filter on
    `Response`: the intake's session evaluations, or its supervisors' feedback."""
    if source == ThemeSource.SUPERVISORS:
        return (
            Q(questionnaire_id=intake.supervisor_feedback_id)
            if intake.supervisor_feedback_id
            else Q(pk__in=[])
        )
    return Q(
        questionnaire_id__in=Session.objects.filter(intake=intake, evaluation__isnull=False).values(
            "evaluation_id"
        )
    )


@dataclass(frozen=True)
class SessionEvaluation:
    session: Session
    # The responses the latest results snapshot published (None: none published yet).
    published: int | None


def session_evaluations(intake: Intake) -> list[SessionEvaluation]:
    """The intake's events and group meetings with their evaluations, in one query."""
    latest = ResultsSnapshot.objects.filter(questionnaire_id=OuterRef("evaluation_id")).order_by(
        "-number"
    )
    sessions = (
        Session.objects.filter(intake=intake, kind__in=EVALUATED)
        .select_related("group", "evaluation")
        .annotate(published=Subquery(latest.values("respondents")[:1]))
        .order_by("starts_at", "pk")
    )
    return [SessionEvaluation(s, s.published) for s in sessions]


def supervisor_feedback_state(intake: Intake) -> tuple[Questionnaire | None, int | None]:
    questionnaire = intake.supervisor_feedback
    if questionnaire is None:
        return None, None
    latest = ResultsSnapshot.objects.filter(questionnaire=questionnaire).order_by("-number").first()
    return questionnaire, latest.respondents if latest else None


@dataclass
class Comment:
    response_id: int
    question: str
    text: str
    source: str
    kind: str  # "event", "group" or "supervisor"
    tagged: set[int] = field(default_factory=set)

    @property
    def key(self) -> str:
        return f"{self.response_id}-{self.question}"


def published_comments(intake: Intake) -> list[Comment]:
    """Every published comment of the intake's evaluations, with the themes it is tagged
    with: three queries."""
    kinds = dict(
        Session.objects.filter(intake=intake, evaluation__isnull=False).values_list(
            "evaluation_id", "kind"
        )
    )
    comments: dict[str, Comment] = {}
    for source in (ThemeSource.PARTICIPANTS, ThemeSource.SUPERVISORS):
        responses = (
            Response.objects.filter(evaluations_of(intake, source), snapshot__gt=0)
            .order_by("pk")
            .values_list("pk", "questionnaire_id", "answers")
        )
        for pk, questionnaire_id, answers in responses:
            for question in (OBSERVED, COMMENTS):
                text = answers.get(question)
                if question not in TEXT_QUESTIONS[source] or not isinstance(text, str):
                    continue
                if not text.strip():
                    continue
                kind = (
                    "supervisor" if source == ThemeSource.SUPERVISORS else kinds[questionnaire_id]
                )
                comment = Comment(pk, question, text.strip(), source, kind)
                comments[comment.key] = comment
    tags = CommentTag.objects.filter(theme__intake=intake).values_list(
        "response_id", "question", "theme_id"
    )
    for response_id, question, theme_id in tags:
        found = comments.get(f"{response_id}-{question}")
        if found is not None:
            found.tagged.add(theme_id)
    return list(comments.values())


def intake_themes(intake: Intake) -> dict[str, list[Theme]]:
    found: dict[str, list[Theme]] = {source: [] for source in ThemeSource.values}
    for theme in Theme.objects.filter(intake=intake):
        found[theme.source].append(theme)
    return found
