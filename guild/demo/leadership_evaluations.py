"""The evaluations of the demo's 2003-2004 leadership intake, through the questionnaire
engine: an anonymous questionnaire per session (the programme's evaluation forms) for the
participants who attended it, their answers submitted with `response_submit` as each
participant would, then published by a snapshot when the questionnaire closed — group
meetings where fewer than five answered stay withheld, as the engine's threshold wants;
the supervisors' feedback questionnaire by link; and the administrator's tagging of the
published comments with the themes of the feedback."""

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from guild.accounts.models import User
from guild.demo.leadership_comments import EVENT_COMMENTS, GROUP_COMMENTS, SUPERVISOR_COMMENTS
from guild.demo.leadership_plan import IntakePlan, SessionPlan
from guild.demo.leadership_texts import PARTICIPANT_THEMES, RECOMMENDATIONS, SUPERVISOR_THEMES
from guild.members.models import Member
from guild.programmes.evaluation_forms import BENEFIT, COMMENTS, OBSERVED, UNDERSTANDING
from guild.programmes.models import Intake, Programme, Recommendation, Session, Theme, ThemeSource
from guild.programmes.services.evaluations import (
    OPEN_FOR,
    SUPERVISORS_OPEN_FOR,
    evaluation_open,
    supervisor_feedback_open,
)
from guild.programmes.services.themes import comment_tag, evaluations_of, theme_save
from guild.questionnaires.answering.services import response_submit
from guild.questionnaires.models import Questionnaire, Response, SnapshotReason
from guild.questionnaires.results.snapshots import snapshot_take

Comment = tuple[str, str, str]  # theme, English, French


def _comment(comment: Comment, member: Member) -> str:
    return comment[2] if member.first_official_language == "fr" else comment[1]


def _answer_and_close(
    questionnaire: Questionnaire,
    answers: Sequence[tuple[User, dict[str, str]]],
    opens_at: datetime,
    open_for: timedelta,
) -> None:
    """Each answer submitted through the engine as its respondent would, then the snapshot
    taken when the questionnaire closed (it publishes only from the threshold), then the
    questionnaire dated as it was: the engine takes answers only while a questionnaire is
    open, so the historical dates are set once the answers are in."""
    for n, (user, given) in enumerate(answers):
        response_submit(
            user=user, questionnaire=questionnaire, answers=given, idempotency_key=f"imli-{n}"
        )
    closes_at = opens_at + open_for
    snapshot_take(questionnaire=questionnaire, reason=SnapshotReason.CLOSING, now=closes_at)
    Questionnaire.objects.filter(pk=questionnaire.pk).update(
        opens_at=opens_at, closes_at=closes_at, results_published=True
    )


def _session_answers(
    planned: SessionPlan,
    code: str,
    bank: Sequence[Comment],
    people: Sequence[Member],
    users: Mapping[int, User],
) -> list[tuple[User, dict[str, str]]]:
    answers = []
    for answered in planned.answers:
        member = people[answered.participant]
        given = {code: answered.choice}
        if answered.comment is not None:
            given[COMMENTS] = _comment(bank[answered.comment], member)
        answers.append((users[member.pk], given))
    return answers


def _themes(intake: Intake, admin: Any) -> dict[str, Theme]:
    """The administrator's themes, by the text of each comment they tag."""
    by_text: dict[str, Theme] = {}
    for source, named, banks in (
        (ThemeSource.PARTICIPANTS, PARTICIPANT_THEMES, EVENT_COMMENTS + GROUP_COMMENTS),
        (ThemeSource.SUPERVISORS, SUPERVISOR_THEMES, SUPERVISOR_COMMENTS),
    ):
        themes = {
            key: theme_save(actor=admin, intake=intake, source=source, name_en=en, name_fr=fr)
            for key, (en, fr) in named.items()
        }
        for key, en, fr in banks:
            by_text[en] = by_text[fr] = themes[key]
    return by_text


def _tag(intake: Intake, admin: Any, by_text: Mapping[str, Theme]) -> int:
    """The administrator reads each published comment and tags it with its theme."""
    tagged = 0
    for source, question in (
        (ThemeSource.PARTICIPANTS, COMMENTS),
        (ThemeSource.SUPERVISORS, OBSERVED),
    ):
        published = Response.objects.filter(evaluations_of(intake, source), snapshot__gt=0)
        for response in published.order_by("id"):
            theme = by_text.get(response.answers.get(question, ""))
            if theme is not None:
                comment_tag(actor=admin, theme=theme, response_id=response.pk, question=question)
                tagged += 1
    return tagged


def seed_evaluations(
    *,
    programme: Programme,
    intake: Intake,
    plan: IntakePlan,
    sessions: tuple[Sequence[Session], Sequence[Session]],
    people: Sequence[Member],
    supervisors: Sequence[Member],
    users: Mapping[int, User],
    admin: Any,
) -> int:
    """Every evaluation opened by the administrator with its answers, the themes and
    tags; the responses submitted."""
    submitted = 0
    events, meetings = sessions
    kinds = (
        (events, plan.events, UNDERSTANDING, EVENT_COMMENTS),
        (meetings, plan.meetings, BENEFIT, GROUP_COMMENTS),
    )
    for made, planned, code, bank in kinds:
        for session, planned_session in zip(made, planned, strict=True):
            questionnaire = evaluation_open(actor=admin, session=session)
            answers = _session_answers(planned_session, code, bank, people, users)
            _answer_and_close(questionnaire, answers, session.ends_at, OPEN_FOR)
            submitted += len(answers)

    # Only the answers of those who agreed to be counted in statistics are ever published.
    counted = [m for m in supervisors if m.consent_statistics]
    answering = counted[: len(plan.supervisor_comments)]
    feedback = [
        (users[member.pk], {OBSERVED: _comment(SUPERVISOR_COMMENTS[index], member)})
        for member, index in zip(answering, plan.supervisor_comments, strict=False)
    ]
    questionnaire = supervisor_feedback_open(actor=admin, intake=intake)
    intake.refresh_from_db()
    last_event = timezone.make_aware(datetime.combine(date(2004, 6, 16), time(17)))
    _answer_and_close(questionnaire, feedback, last_event, SUPERVISORS_OPEN_FOR)
    submitted += len(feedback)

    _tag(intake, admin, _themes(intake, admin))
    Recommendation.objects.bulk_create(
        Recommendation(
            programme=programme,
            intake=intake,
            text_en=en,
            text_fr=fr,
            created_by=admin,
            created_at=timezone.make_aware(datetime.combine(date(2004, 11, 25), time(10))),
        )
        for en, fr in RECOMMENDATIONS
    )
    return submitted
