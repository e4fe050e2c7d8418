"""Opening evaluations, tagging comments with themes and recording recommendations: the
services' rules and the pages' doors."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from guild.core.errors import ApplicationError, NotFound
from guild.programmes.models import CommentTag, Recommendation, Session, SessionKind, Theme
from guild.programmes.services.evaluations import evaluation_open, supervisor_feedback_open
from guild.programmes.services.recommendations import recommendation_add
from guild.programmes.services.themes import comment_tag, comment_untag, theme_save
from guild.programmes.tests.reports_data import (
    COMMENTS,
    answered,
    built,
    evaluate,
    session,
)
from guild.questionnaires.models import Audience, Questionnaire, Response, VersionStatus

__all__ = ["built"]

pytestmark = pytest.mark.django_db


def test_an_event_evaluation_goes_to_those_who_attended(built: dict[str, Any]) -> None:
    event1 = built["sessions"][0]
    before = timezone.now()
    questionnaire = evaluation_open(actor=built["admin"], session=event1)
    event1.refresh_from_db()
    assert event1.evaluation_id == questionnaire.pk
    crew = built["crew"]
    # Ten present and one late; the excused participant is not asked.
    assert set(questionnaire.audience_members.all()) == {p.member for p in crew.participants[:11]}
    assert (questionnaire.audience, questionnaire.anonymous, questionnaire.threshold) == (
        Audience.MEMBERS,
        True,
        10,
    )
    assert questionnaire.opens_at is not None and questionnaire.opens_at >= before
    assert questionnaire.closes_at == questionnaire.opens_at + datetime.timedelta(days=14)
    assert questionnaire.versions.get().status == VersionStatus.PUBLISHED
    assert questionnaire.title_en == "Formal learning event evaluation"
    meeting = evaluation_open(actor=built["admin"], session=built["sessions"][2])
    assert meeting.threshold == 5
    assert meeting.title_en == "Action learning group evaluation"


def test_refusals_save_nothing(built: dict[str, Any], cast: dict[str, Any]) -> None:
    event1, event2 = built["sessions"][:2]
    intake = built["crew"].intake
    evaluation_open(actor=built["admin"], session=event1)
    count = Questionnaire.objects.count()
    with pytest.raises(ApplicationError) as again:
        evaluation_open(actor=built["admin"], session=event1)
    assert again.value.code == "evaluation_exists"
    launch = session(intake, SessionKind.LAUNCH, intake.starts_on)
    with pytest.raises(ApplicationError) as launched:
        evaluation_open(actor=built["admin"], session=launch)
    assert launched.value.code == "not_evaluated"
    untaken = session(intake, SessionKind.EVENT, intake.starts_on + datetime.timedelta(days=90))
    with pytest.raises(ApplicationError) as empty:
        evaluation_open(actor=built["admin"], session=untaken)
    assert empty.value.code == "no_attendance"
    for user in (cast["committee"].user, cast["coordinator"].user, cast["member"].user):
        with pytest.raises(NotFound):
            evaluation_open(actor=user, session=event2)
        with pytest.raises(NotFound):
            supervisor_feedback_open(actor=user, intake=intake)
    assert Questionnaire.objects.count() == count
    event2.refresh_from_db()
    assert event2.evaluation_id is None


def test_the_supervisors_answer_by_link_shown_on_the_evaluations_page(
    built: dict[str, Any], login: Any, cast: dict[str, Any]
) -> None:
    intake = built["crew"].intake
    client = login(cast["admin"].user)
    url = f"/en/programmes/intakes/{intake.pk}/evaluations/"
    assert "Open the supervisors' feedback" in client.get(url).content.decode()
    response = client.post(url, {"open": "supervisors"}, follow=True)
    intake.refresh_from_db()
    feedback = intake.supervisor_feedback
    assert feedback is not None
    assert (feedback.audience, feedback.anonymous) == (Audience.LINK, True)
    html = response.content.decode()
    assert f"/en/questionnaires/{feedback.pk}/?key={feedback.link_token}" in html
    with pytest.raises(ApplicationError):
        supervisor_feedback_open(actor=cast["admin"].user, intake=intake)
    # A supervisor opens the link and answers, anonymously.
    supervisor = login(cast["supervisor"].user)
    assert (
        supervisor.get(f"/en/questionnaires/{feedback.pk}/?key={feedback.link_token}").status_code
        == 200
    )


def test_the_evaluations_page_opens_a_session_and_refuses_tampered_ids(
    built: dict[str, Any], login: Any, cast: dict[str, Any], intake: Any
) -> None:
    crew = built["crew"]
    client = login(cast["admin"].user)
    url = f"/en/programmes/intakes/{crew.intake.pk}/evaluations/"
    event1 = built["sessions"][0]
    response = client.post(url, {"session": event1.pk}, follow=True)
    assert "The evaluation is open to those who attended." in response.content.decode()
    event1.refresh_from_db()
    assert event1.evaluation_id is not None
    again = client.post(url, {"session": event1.pk}, follow=True)
    assert "already open" in again.content.decode()
    for tampered in ("999999", "x", ""):
        assert client.post(url, {"session": tampered}).status_code == 404
    assert (
        login(cast["coordinator"].user).post(url, {"session": built["sessions"][1].pk}).status_code
        == 404
    )
    built["sessions"][1].refresh_from_db()
    assert built["sessions"][1].evaluation_id is None


def test_a_theme_needs_both_names_and_a_source_all_said_at_once(built: dict[str, Any]) -> None:
    intake = built["crew"].intake
    with pytest.raises(ValidationError) as refused:
        theme_save(actor=built["admin"], intake=intake, source="everyone", name_en=" ", name_fr="")
    assert set(refused.value.message_dict) == {"source", "name_en", "name_fr"}
    theme_save(
        actor=built["admin"], intake=intake, source="participants", name_en="Time", name_fr="Temps"
    )
    with pytest.raises(ValidationError) as duplicate:
        theme_save(
            actor=built["admin"],
            intake=intake,
            source="participants",
            name_en="time",
            name_fr="Temps",
        )
    assert set(duplicate.value.message_dict) == {"name_en"}
    assert Theme.objects.count() == 1


def test_only_published_comments_of_the_intake_can_be_tagged(
    built: dict[str, Any], programme: Any
) -> None:
    admin = built["admin"]
    crew = built["crew"]
    published = answered(built)["event"]
    # Event 2's answers are never published (9, under its threshold of 10).
    pending = evaluate(
        admin,
        built["sessions"][1],
        crew.participants[:9],
        ["agree"] * 9,
        question="understanding",
        comments=["Pending comment"],
    )
    theme = theme_save(
        actor=admin, intake=crew.intake, source="participants", name_en="Time", name_fr="Temps"
    )
    supervisors = theme_save(
        actor=admin,
        intake=crew.intake,
        source="supervisors",
        name_en="Growth",
        name_fr="Croissance",
    )
    with_comment = next(
        r for r in Response.objects.filter(questionnaire=published) if r.answers.get("comments")
    )
    without = next(
        r for r in Response.objects.filter(questionnaire=published) if not r.answers.get("comments")
    )
    waiting = Response.objects.get(questionnaire=pending, answers__comments="Pending comment")
    for response_id, question, chosen in (
        (waiting.pk, "comments", theme),  # not published
        (with_comment.pk, "understanding", theme),  # not a comment question
        (with_comment.pk, "comments", supervisors),  # a participant's comment, a supervisors' theme
        (999999, "comments", theme),
    ):
        with pytest.raises(NotFound):
            comment_tag(actor=admin, theme=chosen, response_id=response_id, question=question)
    with pytest.raises(ApplicationError) as empty:
        comment_tag(actor=admin, theme=theme, response_id=without.pk, question="comments")
    assert empty.value.code == "no_comment"
    assert CommentTag.objects.count() == 0
    comment_tag(actor=admin, theme=theme, response_id=with_comment.pk, question="comments")
    comment_tag(actor=admin, theme=theme, response_id=with_comment.pk, question="comments")
    assert CommentTag.objects.count() == 1
    comment_untag(actor=admin, theme=theme, response_id=with_comment.pk, question="comments")
    assert CommentTag.objects.count() == 0


def test_the_themes_page_shows_published_comments_and_tags_them(
    built: dict[str, Any], login: Any, cast: dict[str, Any]
) -> None:
    crew = built["crew"]
    answered(built)
    evaluate(
        built["admin"],
        built["sessions"][1],
        crew.participants[:9],
        ["agree"] * 9,
        question="understanding",
        comments=["Pending comment"],
    )
    client = login(cast["admin"].user)
    url = f"/en/programmes/intakes/{crew.intake.pk}/themes/"
    html = client.get(url).content.decode()
    for text in COMMENTS:
        assert text in html
    assert "Pending comment" not in html
    assert "Event 1" not in html  # comments are shown without their session
    refused = client.post(url, {"action": "theme", "source": "", "name_en": "", "name_fr": ""})
    assert refused.status_code == 400
    assert Theme.objects.count() == 0
    client.post(
        url, {"action": "theme", "source": "participants", "name_en": "Time", "name_fr": "Temps"}
    )
    theme = Theme.objects.get()
    response = Response.objects.get(answers__comments=COMMENTS[1])
    key = f"{response.pk}-comments"
    done = client.post(url, {"comment": key, "themes": [str(theme.pk)]}, follow=True)
    assert "The comment&#x27;s themes are saved." in done.content.decode()
    assert CommentTag.objects.filter(theme=theme, response=response).count() == 1
    assert f'id="tag-{key}-{theme.pk}" checked' in done.content.decode()
    client.post(url, {"comment": key})
    assert CommentTag.objects.count() == 0
    assert client.post(url, {"comment": "1-comments"}).status_code == 404
    assert (
        login(cast["committee"].user)
        .post(url, {"comment": key, "themes": [str(theme.pk)]})
        .status_code
        == 404
    )
    assert CommentTag.objects.count() == 0


def test_recommendations_are_recorded_by_administrators_and_read_by_report_readers(
    built: dict[str, Any], login: Any, cast: dict[str, Any]
) -> None:
    crew = built["crew"]
    programme = crew.intake.programme
    url = f"/en/programmes/{programme.pk}/evaluation-report/"
    admin = login(cast["admin"].user)
    refused = admin.post(url, {"intake": "", "text_en": "", "text_fr": ""})
    assert refused.status_code == 400
    # Each field's error in the summary and at the field.
    assert refused.content.decode().count("Write the recommendation in English and in French.") == 4
    assert Recommendation.objects.count() == 0
    admin.post(
        url,
        {
            "intake": crew.intake.pk,
            "text_en": "Shorter events.",
            "text_fr": "Des activités plus courtes.",
        },
    )
    recommendation = Recommendation.objects.get()
    assert recommendation.intake_id == crew.intake.pk
    coordinator = login(cast["coordinator"].user)
    html = coordinator.get(url).content.decode()
    assert "Shorter events." in html
    assert "recommendation-form" not in html
    assert coordinator.post(url, {"text_en": "x", "text_fr": "y"}).status_code == 404
    assert Recommendation.objects.count() == 1
    with pytest.raises(NotFound):
        recommendation_add(
            actor=cast["committee"].user, programme=programme, text_en="a", text_fr="b"
        )
    # The comparison shows each reported intake's measures.
    assert 'id="compare"' in html
    assert "Intake 1" in html


def test_an_evaluation_let_go_of_is_opened_again_under_another_short_name(
    built: dict[str, Any],
) -> None:
    event1 = built["sessions"][0]
    first = evaluation_open(actor=built["admin"], session=event1)
    Session.objects.filter(pk=event1.pk).update(evaluation=None)
    event1.refresh_from_db()
    second = evaluation_open(actor=built["admin"], session=event1)
    assert second.pk != first.pk
    assert second.slug == f"{first.slug}-2"
