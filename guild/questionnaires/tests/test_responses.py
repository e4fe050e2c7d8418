"""Answering services: audience and dates, save and resume, submit, idempotency, edits."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from guild.accounts.models import User
from guild.core.errors import ApplicationError
from guild.core.models import AuditEvent
from guild.questionnaires.access import access_questionnaire_for_answering
from guild.questionnaires.answering.answers import validate_answers
from guild.questionnaires.answering.services import (
    response_save,
    response_start,
    response_submit,
)
from guild.questionnaires.definition.selectors import latest_published_version, version_definition
from guild.questionnaires.models import (
    Answer,
    Audience,
    Participation,
    Questionnaire,
    Response,
    ResponseDraft,
)
from guild.questionnaires.tests.answering import (
    ABOUT,
    CANONICAL,
    COMPLETE,
    SKILLS,
    make_questionnaire,
)

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return (
        Participation.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
        ResponseDraft.objects.count(),
    )


def _error_code(call: Any) -> str:
    with pytest.raises(ApplicationError) as raised:
        call()
    return raised.value.code


def _start_through_the_door(
    user: User, questionnaire: Questionnaire, token: str | None = None
) -> ResponseDraft:
    """As the pages and the API do: the door decides who may answer, then the service."""
    respondent = access_questionnaire_for_answering(
        user, questionnaire.pk, token=token, to_answer=True
    )
    return response_start(user=respondent.user, questionnaire=respondent.questionnaire)


@pytest.fixture
def survey(im):
    return make_questionnaire(im)


@pytest.fixture
def person(make_member, esdc):
    return make_member(department=esdc).user


def test_start_refuses_outside_audience_before_opening_after_closing(
    im, it_community, make_member, person
) -> None:
    outsider = make_member(communities=[it_community]).user
    survey = make_questionnaire(im)
    assert _error_code(lambda: _start_through_the_door(outsider, survey)) == "not_found"
    soon = make_questionnaire(im, opens_at=timezone.now() + timedelta(days=2))
    assert _error_code(lambda: response_start(user=person, questionnaire=soon)) == "not_open_yet"
    closed = make_questionnaire(
        im,
        opens_at=timezone.now() - timedelta(days=9),
        closes_at=timezone.now() - timedelta(days=1),
    )
    assert _error_code(lambda: response_start(user=person, questionnaire=closed)) == "closed"
    unpublished = make_questionnaire(im, published=False)
    assert _error_code(lambda: response_start(user=person, questionnaire=unpublished)) == (
        "not_published"
    )
    assert _counts() == (0, 0, 0, 0)


def test_audiences_departments_members_and_link(im, make_member, esdc, cra) -> None:
    esdc_user = make_member(department=esdc).user
    cra_member = make_member(department=cra)
    by_department = make_questionnaire(im, audience=Audience.DEPARTMENTS)
    by_department.audience_departments.set([cra])
    assert _start_through_the_door(cra_member.user, by_department)
    assert _error_code(lambda: _start_through_the_door(esdc_user, by_department)) == "not_found"
    listed = make_questionnaire(im, audience=Audience.MEMBERS)
    listed.audience_members.set([cra_member])
    assert _start_through_the_door(cra_member.user, listed)
    assert _error_code(lambda: _start_through_the_door(esdc_user, listed)) == "not_found"
    link = make_questionnaire(im, audience=Audience.LINK)
    assert _error_code(lambda: _start_through_the_door(esdc_user, link, "wrong")) == "not_found"
    assert _start_through_the_door(esdc_user, link, link.link_token)
    # Once started, the draft is proof enough of the link.
    assert _start_through_the_door(esdc_user, link)


def test_who_left_the_audience_reads_the_receipt_but_records_nothing(
    im, make_member, esdc, cra
) -> None:
    member = make_member(department=cra)
    by_department = make_questionnaire(im, audience=Audience.DEPARTMENTS, anonymous=False)
    by_department.audience_departments.set([cra])
    response_submit(
        user=member.user, questionnaire=by_department, answers=COMPLETE, idempotency_key="a"
    )
    member.department = esdc
    member.save()
    member.user.refresh_from_db()
    seen = access_questionnaire_for_answering(member.user, by_department.pk)
    assert (seen.questionnaire, seen.may_answer) == (by_department, False)
    assert _error_code(lambda: _start_through_the_door(member.user, by_department)) == (
        "not_in_audience"
    )
    assert _counts() == (1, 1, 14, 0)


def test_save_and_resume_keeps_each_section(survey, person) -> None:
    response_start(user=person, questionnaire=survey)
    draft = response_save(user=person, questionnaire=survey, answers=ABOUT, section=0).draft
    assert draft.answers == ABOUT
    assert draft.section == 1
    # Resuming elsewhere gives the same draft back.
    resumed = response_start(user=person, questionnaire=survey)
    assert (resumed.pk, resumed.answers, resumed.section) == (draft.pk, ABOUT, 1)
    # Form input (text) is stored in canonical shapes.
    draft = response_save(
        user=person,
        questionnaire=survey,
        answers={**{k: str(v) for k, v in ABOUT.items()}, "years": " 8 "},
        section=0,
    ).draft
    assert draft.answers["years"] == 8


def test_save_refuses_bad_section_answers_and_keeps_the_draft(survey, person) -> None:
    response_start(user=person, questionnaire=survey)
    response_save(user=person, questionnaire=survey, answers=ABOUT, section=0)
    bad = {
        "department": "nasa",
        "region": 3,
        "role": "analyst",
        "years": 1001,
        "team_size": 4,
    }
    with pytest.raises(ValidationError) as raised:
        response_save(user=person, questionnaire=survey, answers=bad, section=0)
    assert set(raised.value.message_dict) == {"department", "region", "years", "team_size"}
    assert ResponseDraft.objects.get().answers == ABOUT
    with pytest.raises(ValidationError) as raised:
        response_save(user=person, questionnaire=survey, answers={"role": "analyst"}, section=0)
    assert set(raised.value.message_dict) == {"department", "region", "years"}
    # Finishing later does not require the required ones yet.
    draft = response_save(
        user=person,
        questionnaire=survey,
        answers={"role": "analyst"},
        section=0,
        check_required=False,
    ).draft
    assert draft.answers == {"role": "analyst"}
    with pytest.raises(ValidationError) as raised:
        response_save(user=person, questionnaire=survey, answers={"nickname": "x"}, section=0)
    assert list(raised.value.message_dict) == ["nickname"]
    assert _error_code(
        lambda: response_save(user=person, questionnaire=survey, answers={}, section=2)
    ) == ("unknown_section")


def test_changing_an_earlier_answer_drops_answers_it_hides(survey, person) -> None:
    response_start(user=person, questionnaire=survey)
    manager = {**ABOUT, "role": "manager", "team_size": 12}
    response_save(user=person, questionnaire=survey, answers=manager, section=0)
    response_save(user=person, questionnaire=survey, answers=SKILLS, section=1)
    saved = response_save(user=person, questionnaire=survey, answers=ABOUT, section=0)
    assert "team_size" not in saved.draft.answers
    assert saved.draft.answers["nickname"] == "Sam"
    assert "team_size" not in saved.shown


def test_an_answer_to_a_question_the_same_answers_hide_is_refused(survey, person) -> None:
    response_start(user=person, questionnaire=survey)
    manager = {**ABOUT, "role": "manager", "team_size": 12}
    response_save(user=person, questionnaire=survey, answers=manager, section=0)
    # The page still shows the team size: the answer that hides it comes with it.
    with pytest.raises(ValidationError) as raised:
        response_save(
            user=person, questionnaire=survey, answers={**ABOUT, "team_size": 12}, section=0
        )
    assert raised.value.message_dict == {
        "team_size": ["This question is not asked given your earlier answers; leave it empty."]
    }
    assert ResponseDraft.objects.get().answers == manager


def test_submit_records_response_rows_and_receipt_then_deletes_the_draft(survey, person) -> None:
    response_start(user=person, questionnaire=survey)
    response_save(user=person, questionnaire=survey, answers=ABOUT, section=0)
    response_save(user=person, questionnaire=survey, answers=SKILLS, section=1)
    receipt = response_submit(user=person, questionnaire=survey, idempotency_key="k1")
    assert len(receipt.code) == 12
    assert (receipt.anonymous, receipt.submitted_at, receipt.replayed) == (True, None, False)
    response = Response.objects.get()
    assert response.answers == CANONICAL
    assert (response.respondent_id, response.submitted_at, response.updated_at) == (
        None,
        None,
        None,
    )
    rows = sorted(
        Answer.objects.values_list("question", "item", "choice", "number", "department", "region")
    )
    # Breakdowns come from the answers (CRA, Quebec), not from the profile (ESDC, NCR).
    assert rows == [
        ("department", "", "cra", None, "cra", "quebec"),
        ("hours", "", "", 12.5, "cra", "quebec"),
        ("joined", "", "", 2010.0, "cra", "quebec"),
        ("levels", "reading", "b", None, "cra", "quebec"),
        ("levels", "writing", "c", None, "cra", "quebec"),
        ("priorities", "pay", "", 1.0, "cra", "quebec"),
        ("priorities", "training", "", 2.0, "cra", "quebec"),
        ("region", "", "quebec", None, "cra", "quebec"),
        ("role", "", "analyst", None, "cra", "quebec"),
        ("satisfaction", "", "agree", None, "cra", "quebec"),
        ("start_year", "", "", 2010.0, "cra", "quebec"),
        ("tools", "", "excel", None, "cra", "quebec"),
        ("tools", "", "python", None, "cra", "quebec"),
        ("years", "", "", 7.0, "cra", "quebec"),
    ]
    participation = Participation.objects.get()
    assert (participation.user_id, participation.receipt, participation.idempotency_key) == (
        person.pk,
        receipt.code,
        "k1",
    )
    assert ResponseDraft.objects.count() == 0
    # Who took part is audited when a snapshot publishes the response (test_snapshots).
    assert not AuditEvent.objects.filter(action="questionnaire.participate").exists()
    assert (participation.snapshot, Response.objects.get().snapshot) == (0, 0)


def test_submit_refuses_incomplete_answers_and_saves_nothing(survey, person) -> None:
    with pytest.raises(ValidationError) as raised:
        response_submit(user=person, questionnaire=survey, answers=ABOUT, idempotency_key="k")
    assert set(raised.value.message_dict) == {"levels"}
    assert _error_code(
        lambda: response_submit(user=person, questionnaire=survey, idempotency_key="k")
    ) == ("nothing_to_submit")
    for key in ("", " ", "x" * 101):
        assert _error_code(
            lambda key=key: response_submit(
                user=person, questionnaire=survey, answers=COMPLETE, idempotency_key=key
            )
        ) == ("invalid_idempotency_key")
    assert _counts() == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ({**COMPLETE, "years": "seven"}, "wrong_type"),
        ({**COMPLETE, "years": 1001}, "out_of_range"),
        ({**COMPLETE, "hours": "-1"}, "out_of_range"),
        ({**COMPLETE, "start_year": 1900}, "out_of_range"),
        ({**COMPLETE, "joined": "2010-02-30"}, "wrong_type"),
        ({**COMPLETE, "tools": "hammer"}, "unknown_option"),
        ({**COMPLETE, "levels": {"reading": "b", "speaking": "a"}}, "unknown_row"),
        ({**COMPLETE, "priorities": ["pay", "pay"]}, "duplicate_option"),
        ({**COMPLETE, "nickname": "x" * 21}, "too_long"),
        ({**COMPLETE, "comments": "x" * 5001}, "too_long"),
        ({**COMPLETE, "team_size": 3}, "hidden_question"),
        ({**COMPLETE, "favourite_colour": "blue"}, "unknown_question"),
        ({**COMPLETE, "role": ["analyst"]}, "wrong_type"),
    ],
)
def test_bad_answers_are_refused_per_question(survey, person, answers, code) -> None:
    version = latest_published_version(survey)
    assert version is not None
    definition = version_definition(version)
    _clean, errors = validate_answers(definition, answers, complete=True)
    assert [error.code for error in errors.values()] == [code]
    with pytest.raises(ValidationError) as raised:
        response_submit(user=person, questionnaire=survey, answers=answers, idempotency_key="k")
    assert set(raised.value.message_dict) == set(errors)
    assert _counts() == (0, 0, 0, 0)


def test_anonymous_replay_returns_the_first_receipt_and_another_key_is_refused(
    survey, person
) -> None:
    first = response_submit(
        user=person, questionnaire=survey, answers=COMPLETE, idempotency_key="same"
    )
    again = response_submit(
        user=person, questionnaire=survey, answers=COMPLETE, idempotency_key="same"
    )
    assert (again.code, again.replayed) == (first.code, True)
    # An anonymous replay cannot be compared without linking: the key alone decides.
    other_content = response_submit(
        user=person, questionnaire=survey, answers={**COMPLETE, "years": 9}, idempotency_key="same"
    )
    assert other_content.code == first.code
    assert _error_code(
        lambda: response_submit(
            user=person, questionnaire=survey, answers=COMPLETE, idempotency_key="other"
        )
    ) == ("already_responded")
    assert _error_code(lambda: response_start(user=person, questionnaire=survey)) == (
        "already_responded"
    )
    assert _counts() == (1, 1, 14, 0)
    assert Response.objects.get().answers["years"] == 7


def test_identified_replay_same_key_same_answers_is_one_response(im, person) -> None:
    survey = make_questionnaire(im, anonymous=False)
    first = response_submit(
        user=person, questionnaire=survey, answers=COMPLETE, idempotency_key="a"
    )
    assert first.submitted_at is not None
    assert first.editable_until == survey.closes_at
    again = response_submit(
        user=person, questionnaire=survey, answers=COMPLETE, idempotency_key="a"
    )
    assert (again.code, again.replayed) == (first.code, True)
    # Pages submit the draft: after the first submission the draft is gone.
    assert response_submit(user=person, questionnaire=survey, idempotency_key="a").replayed
    with pytest.raises(ApplicationError) as raised:
        response_submit(
            user=person, questionnaire=survey, answers={**COMPLETE, "years": 9}, idempotency_key="a"
        )
    assert (raised.value.code, raised.value.status) == ("idempotency_conflict", 409)
    assert _error_code(
        lambda: response_submit(user=person, questionnaire=survey, idempotency_key="b")
    ) == ("already_responded")
    response = Response.objects.get()
    assert (response.respondent_id, response.answers) == (person.pk, CANONICAL)
    assert _counts() == (1, 1, 14, 0)


def test_identified_response_changes_until_closing_with_an_audited_diff(im, person) -> None:
    survey = make_questionnaire(im, anonymous=False)
    response_submit(user=person, questionnaire=survey, answers=COMPLETE, idempotency_key="a")
    # Changing through the pages: a draft from the given answers, then submit it.
    draft = response_start(user=person, questionnaire=survey)
    assert draft.answers == CANONICAL
    response_save(
        user=person,
        questionnaire=survey,
        answers={**ABOUT, "role": "manager", "team_size": 4},
        section=0,
    )
    receipt = response_submit(user=person, questionnaire=survey, idempotency_key="b")
    response = Response.objects.get()
    assert response.answers["team_size"] == 4
    assert response.updated_at and response.submitted_at
    assert response.updated_at > response.submitted_at
    assert receipt.replayed is False
    assert sorted(
        Answer.objects.filter(question__in=["role", "team_size"]).values_list(
            "question", "choice", "number"
        )
    ) == [("role", "manager", None), ("team_size", "", 4.0)]
    event = AuditEvent.objects.get(action="questionnaire.response_update")
    assert event.changes == {"role": ["analyst", "manager"], "team_size": [None, 4]}
    assert event.object_id == str(response.pk)
    # The API sends the answers with a new key.
    response_submit(
        user=person, questionnaire=survey, answers={**COMPLETE, "years": 8}, idempotency_key="c"
    )
    assert Response.objects.get().answers["years"] == 8
    survey.closes_at = timezone.now() - timedelta(seconds=1)
    survey.opens_at = timezone.now() - timedelta(days=3)
    survey.save()
    assert _error_code(
        lambda: response_submit(
            user=person, questionnaire=survey, answers=COMPLETE, idempotency_key="d"
        )
    ) == ("closed")
    assert Response.objects.get().answers["years"] == 8
    assert _counts() == (1, 1, 14, 0)


def test_submit_after_closing_is_refused(im, person) -> None:
    survey = make_questionnaire(
        im,
        opens_at=timezone.now() - timedelta(days=3),
        closes_at=timezone.now() - timedelta(seconds=1),
    )
    assert _error_code(
        lambda: response_submit(
            user=person, questionnaire=survey, answers=COMPLETE, idempotency_key="k"
        )
    ) == ("closed")
    assert _counts() == (0, 0, 0, 0)
