"""What a section page shows of a question revealed after the page was first shown: its
default, whenever it is shown with no saved answer and the person has not emptied it on a
saved page; and `${code}` references to a question of the same page, marked for the
script that follows what the person types. Also what tells apart two questionnaires with
the same title in the lists a person reads."""

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from guild.questionnaires.answering.page import declined_defaults, page_defaults
from guild.questionnaires.answering.services import response_save, response_start, response_submit
from guild.questionnaires.definition.types import (
    Definition,
    Option,
    Question,
    QuestionType,
    Section,
    Text,
)
from guild.questionnaires.models import ResponseDraft
from guild.questionnaires.tests.answering import make_questionnaire

YES_NO = (Option("yes", Text("Yes", "Oui")), Option("no", Text("No", "Non")))
UNITS = (
    Option("records", Text("Records", "Documents")),
    Option("data", Text("Data & analytics", "Données et analytique")),
)


def live_definition() -> Definition:
    """Page 1: a name that a note, a label and a hint show as it is typed; a team name with
    a default, asked when the person leads a team (a question of the same page); a unit
    that a note shows by its label. Page 2: a mentor with a default, asked of those who
    lead no team (a question of page 1)."""
    return Definition(
        Text("Team survey", "Sondage des équipes"),
        sections=(
            Section(
                "about",
                Text("About you", "À propos de vous"),
                questions=(
                    Question("name", QuestionType.TEXT, Text("Your first name", "Votre prénom")),
                    Question(
                        "greeting",
                        QuestionType.NOTE,
                        Text("Welcome, ${name}.", "Bienvenue, ${name}."),
                    ),
                    Question(
                        "has_team",
                        QuestionType.SINGLE,
                        Text("Do you lead a team?", "Dirigez-vous une équipe?"),
                        options=YES_NO,
                    ),
                    Question(
                        "team",
                        QuestionType.TEXT,
                        Text(
                            "Name of the team ${name} leads",
                            "Nom de l’équipe de ${name}",  # noqa: RUF001
                        ),
                        help=Text(
                            "Change it if ${name}'s team has another name.",
                            "Changez-le si l’équipe de ${name} porte un autre nom.",  # noqa: RUF001
                        ),
                        relevant="${has_team} = 'yes'",
                        default="Data",
                    ),
                    Question(
                        "unit",
                        QuestionType.SINGLE,
                        Text("Your unit", "Votre unité"),
                        options=UNITS,
                    ),
                    Question(
                        "unit_note",
                        QuestionType.NOTE,
                        Text("Your unit: ${unit}.", "Votre unité : ${unit}."),
                    ),
                ),
            ),
            Section(
                "more",
                Text("More", "Plus"),
                questions=(
                    Question(
                        "mentor",
                        QuestionType.TEXT,
                        Text("Your mentor", "Votre mentor"),
                        relevant="${has_team} = 'no'",
                        default="Alex",
                    ),
                    Question(
                        "comments",
                        QuestionType.LONG_TEXT,
                        Text("Comments", "Commentaires"),
                    ),
                ),
            ),
        ),
    )


def _question(code: str) -> Question:
    return live_definition().question(code)


# -- the rules, on plain data ---------------------------------------------------------------


def test_a_shown_question_with_no_answer_starts_from_its_default() -> None:
    questions = [_question("name"), _question("team")]
    assert page_defaults(questions, {}) == {"team": "Data"}
    assert page_defaults(questions, {"name": "Mimi"}) == {"team": "Data"}


def test_an_answer_or_a_declined_default_is_never_replaced_by_the_default() -> None:
    questions = [_question("team")]
    assert page_defaults(questions, {"team": "Ops"}) == {}
    assert page_defaults(questions, {}, declined={"team"}) == {}


def test_a_saved_page_declines_the_defaults_it_showed_and_left_empty() -> None:
    page = live_definition().sections[0].questions
    # Shown and left empty: declined. Not shown (revealed by the save): not declined.
    assert declined_defaults([], ["name", "has_team", "team"], page, {"has_team": "yes"}) == [
        "team"
    ]
    assert declined_defaults([], ["name", "has_team"], page, {"has_team": "yes"}) == []
    # Answered now: no longer declined; other pages' declined defaults stay.
    assert declined_defaults(["mentor", "team"], ["team"], page, {"team": "Ops"}) == ["mentor"]


# -- the pages ------------------------------------------------------------------------------


@pytest.fixture
def person(make_member, esdc, login) -> tuple[Any, Client]:
    member = make_member(department=esdc)
    return member.user, login(member.user)


def _value(html: str, name: str) -> str | None:
    match = re.search(rf'<input type="text" name="{name}"([^>]*)>', html)
    assert match, name
    value = re.search(r'value="([^"]*)"', match[1])
    return value[1] if value else None


def _begin(client: Client, survey: Any, language: str = "en") -> str:
    base = f"/{language}/questionnaires/{survey.pk}"
    assert client.post(f"{base}/").status_code == 302
    return base


@pytest.mark.django_db
def test_a_question_revealed_on_its_own_page_comes_back_with_its_default(person, im) -> None:
    user, client = person
    survey = make_questionnaire(im, definition=live_definition())
    base = _begin(client, survey)
    first = client.get(f"{base}/s/1/").content.decode()
    assert 'name="team"' not in first
    saved = client.post(f"{base}/s/1/", {"name": "Mimi", "has_team": "yes", "action": "next"})
    assert saved.status_code == 302 and saved["Location"] == f"{base}/s/1/"
    # Shown with its default, which is not an answer until the page is saved.
    again = client.get(f"{base}/s/1/").content.decode()
    assert _value(again, "team") == "Data"
    assert ResponseDraft.objects.get(user=user).answers == {"name": "Mimi", "has_team": "yes"}
    client.post(f"{base}/s/1/", {"name": "Mimi", "has_team": "yes", "team": "Data"})
    assert ResponseDraft.objects.get(user=user).answers["team"] == "Data"


@pytest.mark.django_db
def test_a_default_emptied_on_a_saved_page_stays_empty(person, im) -> None:
    user, client = person
    survey = make_questionnaire(im, definition=live_definition())
    base = _begin(client, survey)
    client.post(f"{base}/s/1/", {"name": "Mimi", "has_team": "yes", "action": "next"})
    client.post(f"{base}/s/1/", {"name": "Mimi", "has_team": "yes", "team": "", "action": "next"})
    assert _value(client.get(f"{base}/s/1/").content.decode(), "team") is None
    assert ResponseDraft.objects.get(user=user).declined == ["team"]
    # Hidden, then shown again: still as the person left it.
    client.post(f"{base}/s/1/", {"name": "Mimi", "has_team": "no", "action": "next"})
    client.post(f"{base}/s/1/", {"name": "Mimi", "has_team": "yes", "action": "next"})
    assert _value(client.get(f"{base}/s/1/").content.decode(), "team") is None


@pytest.mark.django_db
def test_a_question_revealed_on_a_page_already_saved_shows_its_default(person, im) -> None:
    user, client = person
    survey = make_questionnaire(im, definition=live_definition())
    base = _begin(client, survey)
    client.post(f"{base}/s/1/", {"name": "Mimi", "has_team": "yes", "team": "Ops"})
    page_two = client.get(f"{base}/s/2/").content.decode()
    assert 'name="mentor"' not in page_two
    client.post(f"{base}/s/2/", {"comments": "Fine.", "action": "next"})
    # Back to page 1: no team now, so page 2 asks for a mentor, which it never showed.
    client.post(f"{base}/s/1/", {"name": "Mimi", "has_team": "no", "action": "next"})
    assert _value(client.get(f"{base}/s/2/").content.decode(), "mentor") == "Alex"
    assert "mentor" not in ResponseDraft.objects.get(user=user).answers


@pytest.mark.django_db
def test_changing_a_response_keeps_its_emptied_defaults_empty(person, im) -> None:
    user, client = person
    survey = make_questionnaire(im, definition=live_definition(), anonymous=False)
    response_submit(
        user=user,
        questionnaire=survey,
        answers={"name": "Mimi", "has_team": "yes", "comments": "Fine."},
        idempotency_key="first",
    )
    draft = response_start(user=user, questionnaire=survey)
    assert (draft.answers.get("team"), draft.declined) == (None, ["team"])
    base = f"/en/questionnaires/{survey.pk}"
    assert _value(client.get(f"{base}/s/1/").content.decode(), "team") is None


@pytest.mark.django_db
def test_the_api_saves_no_default_and_declines_none(person, im) -> None:
    user, _client = person
    survey = make_questionnaire(im, definition=live_definition())
    saved = response_save(
        user=user, questionnaire=survey, answers={"has_team": "yes"}, section="about"
    )
    assert (saved.draft.answers, saved.draft.declined) == ({"has_team": "yes"}, [])


@pytest.mark.django_db
def test_references_to_the_same_page_are_marked_for_the_script(person, im) -> None:
    user, client = person
    survey = make_questionnaire(im, definition=live_definition())
    response_start(user=user, questionnaire=survey)
    response_save(
        user=user,
        questionnaire=survey,
        answers={"name": "<b>Mimi</b>", "has_team": "yes", "unit": "data"},
        section=0,
    )
    html = client.get(f"/fr/questionnaires/{survey.pk}/s/1/").content.decode()
    assert '<p>Bienvenue, <span data-guild-ref="name">&lt;b&gt;Mimi&lt;/b&gt;</span>.</p>' in html
    name = '<span data-guild-ref="name">&lt;b&gt;Mimi&lt;/b&gt;</span>'
    assert f"Nom de l’équipe de {name}" in html  # noqa: RUF001
    assert (
        '<div class="gcds-hint" id="id_team_helptext">Changez-le si l’équipe de '  # noqa: RUF001
        '<span data-guild-ref="name">&lt;b&gt;Mimi&lt;/b&gt;</span> porte un autre nom.</div>'
        in html
    )
    # A choice by its label in the page's language.
    assert '<p>Votre unité : <span data-guild-ref="unit">Données et analytique</span>.</p>' in html
    assert html.count("js/answer-references.js") == 1


@pytest.mark.django_db
def test_a_page_without_same_page_references_loads_no_script(person, im) -> None:
    user, client = person
    survey = make_questionnaire(im, definition=live_definition())
    response_start(user=user, questionnaire=survey)
    html = client.get(f"/en/questionnaires/{survey.pk}/s/2/").content.decode()
    assert "js/answer-references.js" not in html
    assert "data-guild-ref" not in html


# -- lists ----------------------------------------------------------------------------------


def _at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 12, tzinfo=UTC)


@pytest.mark.django_db
def test_two_editions_with_the_same_title_are_told_apart_on_home_and_lists(person, im) -> None:
    _user, client = person
    now = timezone.now()
    closes = now + timedelta(days=10)
    for slug, closes_at in (("y1", closes), ("y2", None)):
        make_questionnaire(im, slug=slug, opens_at=_at(now.year - 1, 3, 1), closes_at=closes_at)
    opened = date_format(_at(now.year - 1, 3, 1), "DATE_FORMAT")
    until = date_format(timezone.localtime(closes), "DATE_FORMAT")
    expected = [
        f"Information Management community · from {opened}",
        f"Information Management community · {opened} to {until}",
    ]
    # Home lists each twice: once to answer, once among the results the member may read.
    for page, times in (("/en/", 2), ("/en/questionnaires/", 1)):
        html = client.get(page).content.decode()
        editions = re.findall(r'<span class="guild-muted guild-edition">(.*?)</span>', html)
        assert sorted(editions) == sorted(expected * times), (page, editions)
