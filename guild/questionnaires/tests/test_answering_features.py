"""Answering with the fields real XLSForms rely on: notes, `${code}` references in texts,
defaults, read-only questions, constraints and their messages, required messages, choice
filters and calculations, the same through the pages and the API, and what results and
exports make of notes and calculations. Whatever a person cannot type is refused when
sent, whoever sends it."""

import re
from dataclasses import replace
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from guild.accounts.services import token_create
from guild.core.errors import NotFound
from guild.questionnaires.answering.answers import check_answers
from guild.questionnaires.definition.types import (
    Definition,
    Option,
    Question,
    QuestionType,
    Section,
    Text,
)
from guild.questionnaires.exports.source import row_source
from guild.questionnaires.exports.variables import RowBuilder, export_variables
from guild.questionnaires.models import ResponseDraft
from guild.questionnaires.results.statistics import crosstab_results, questionnaire_results
from guild.questionnaires.tests.answering import make_questionnaire
from guild.questionnaires.tests.results_data import (
    SAMPLE_ANSWERS,
    add_responses,
    results_definition,
)

BASE = "/api/v1/questionnaires"


def _t(en: str, fr: str | None = None) -> Text:
    return Text(en, f"{en} (fr)" if fr is None else fr)


PROVINCES = (Option("on", _t("Ontario")), Option("qc", Text("Quebec", "Québec")))
CITIES = (
    Option("ottawa", _t("Ottawa"), properties=(("province", "on"),)),
    Option("toronto", _t("Toronto"), properties=(("province", "on"),)),
    Option("montreal", _t("Montreal"), properties=(("province", "qc"),)),
)
DISTRICTS = (
    Option("glebe", _t("Glebe"), properties=(("city", "ottawa"),)),
    Option("annex", _t("Annex"), properties=(("city", "toronto"),)),
    Option("plateau", _t("Plateau"), properties=(("city", "montreal"),)),
)
AGE_MESSAGE = Text("You must be 16 or older.", "Vous devez avoir 16 ans ou plus.")
REQUIRED_AGE = Text("Tell us your age.", "Dites-nous votre âge.")


def featured() -> Definition:
    return Definition(
        _t("Where you work"),
        sections=(
            Section(
                "where",
                _t("Where"),
                questions=(
                    Question("province", QuestionType.SINGLE, _t("Province"), options=PROVINCES),
                ),
            ),
            Section(
                "details",
                _t("Details"),
                questions=(
                    Question(
                        "welcome",
                        QuestionType.NOTE,
                        Text("You work in ${province}.", "Vous travaillez au ${province}."),
                    ),
                    Question(
                        "city",
                        QuestionType.SINGLE,
                        _t("City"),
                        options=CITIES,
                        choice_filter="province = ${province}",
                    ),
                    Question(
                        "district",
                        QuestionType.SINGLE,
                        _t("District"),
                        options=DISTRICTS,
                        choice_filter="city = ${city}",
                    ),
                    Question(
                        "age",
                        QuestionType.INTEGER,
                        _t("Age"),
                        required=True,
                        constraint=". >= 16",
                        constraint_message=AGE_MESSAGE,
                        required_message=REQUIRED_AGE,
                    ),
                    Question("years", QuestionType.INTEGER, _t("Years"), constraint=". <= ${age}"),
                    Question("unit", QuestionType.TEXT, _t("Unit"), default="IM", read_only=True),
                    Question("team", QuestionType.TEXT, _t("Team"), default="Data"),
                    Question("same_age", QuestionType.CALCULATE, _t("Age"), calculation="${age}"),
                    Question(
                        "senior",
                        QuestionType.TEXT,
                        _t("Senior role"),
                        relevant="${same_age} >= 50",
                    ),
                ),
            ),
        ),
    )


DETAILS = {"city": "ottawa", "district": "glebe", "age": 52, "years": 20, "team": "Data"}


def _check(raw: dict[str, Any], **kwargs: Any) -> tuple[dict[str, object], dict[str, str]]:
    kwargs.setdefault("complete", True)
    checked = check_answers(featured(), raw, **kwargs)
    return checked.answers, {code: error.code for code, error in checked.errors.items()}


# -- the rules, on plain data ---------------------------------------------------------------


def test_a_complete_response_keeps_what_the_server_decides() -> None:
    answers, errors = _check({"province": "on", **DETAILS, "senior": "Yes"})
    assert errors == {}
    assert answers == {
        "province": "on",
        "city": "ottawa",
        "district": "glebe",
        "age": 52,
        "years": 20,
        "unit": "IM",
        "team": "Data",
        "same_age": 52,
        "senior": "Yes",
    }


def test_a_relevance_on_a_calculation_hides_with_it() -> None:
    answers, errors = _check({"province": "on", **DETAILS, "age": 30, "senior": "Yes"})
    assert errors == {"senior": "hidden_question"}
    assert answers["same_age"] == 30


def test_what_nobody_types_is_refused_when_sent_with_another_value() -> None:
    raw = {"province": "on", **DETAILS, "welcome": "hi", "unit": "XX", "same_age": 99}
    checked = check_answers(featured(), raw, complete=True)
    assert {code: error.message for code, error in checked.errors.items()} == {
        "welcome": "This is a note to read; it takes no answer.",
        "unit": "This answer is set for you and cannot be changed.",
        "same_age": "This value is worked out from your other answers; leave it out.",
    }
    # The values the server keeps may be sent back (a draft read and sent again).
    again = {"province": "on", **DETAILS, "unit": "IM", "same_age": 52}
    assert _check(again)[1] == {}


def test_constraint_and_required_messages_in_the_page_language() -> None:
    with translation.override("en"):
        checked = check_answers(featured(), {"province": "on", "age": 12}, complete=True)
        assert checked.errors["age"].message == "You must be 16 or older."
        missing = check_answers(featured(), {"province": "on"}, complete=True)
        assert missing.errors["age"].message == "Tell us your age."
    with translation.override("fr"):
        checked = check_answers(featured(), {"province": "on", "age": 12}, complete=True)
        assert checked.errors["age"].message == "Vous devez avoir 16 ans ou plus."


def test_a_constraint_without_a_message_says_so_generically_and_sees_its_section() -> None:
    checked = check_answers(featured(), {"province": "on", "age": 30, "years": 40}, complete=True)
    assert {code: e.message for code, e in checked.errors.items()} == {
        "years": "This answer is not accepted."
    }


def test_an_option_the_filter_leaves_out_is_refused() -> None:
    checked = check_answers(
        featured(), {"province": "on", **DETAILS, "city": "montreal"}, complete=True
    )
    assert {code: e.message for code, e in checked.errors.items()} == {
        "city": "“montreal” is not offered given your earlier answers."
    }
    # The district depends on the refused city: only the city's error is said.
    assert ("city" in checked.answers, checked.answers["district"]) == (False, "glebe")


def test_every_error_is_reported_at_once() -> None:
    raw = {"province": "on", "city": "montreal", "age": 12, "unit": "XX", "welcome": "x"}
    assert _check(raw)[1] == {
        "welcome": "note",
        "city": "filtered_option",
        "unit": "read_only",
        "age": "constraint",
    }


# -- the API ----------------------------------------------------------------------------


@pytest.fixture
def caller(make_member, esdc) -> tuple[Any, Client]:
    member = make_member(department=esdc)
    _token, raw = token_create(user=member.user, name="tests")
    return member.user, Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _put(client: Client, survey: Any, section: str, answers: dict[str, Any]) -> Any:
    return client.put(
        f"{BASE}/{survey.pk}/response",
        {"section": section, "answers": answers},
        content_type="application/json",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sent", "field", "message"),
    [
        ({"welcome": "hi"}, "welcome", "This is a note to read; it takes no answer."),
        ({"unit": "Hacked"}, "unit", "This answer is set for you and cannot be changed."),
        (
            {"same_age": 99},
            "same_age",
            "This value is worked out from your other answers; leave it out.",
        ),
        ({"city": "montreal"}, "city", "“montreal” is not offered given your earlier answers."),
        ({"age": 12, "years": 3}, "age", "You must be 16 or older."),
    ],
)
def test_the_api_refuses_what_an_attacker_sends(caller, im, sent, field, message) -> None:
    user, client = caller
    survey = make_questionnaire(im, definition=featured())
    assert _put(client, survey, "where", {"province": "on"}).status_code == 200
    before = ResponseDraft.objects.get(user=user).answers
    refused = _put(client, survey, "details", {**DETAILS, **sent})
    assert refused.status_code == 400
    assert refused.json()["fields"] == {field: [message]}
    # A read-only answer is the definition's: it is kept from the first save on.
    assert (
        ResponseDraft.objects.get(user=user).answers == before == {"province": "on", "unit": "IM"}
    )
    submitted = client.post(
        f"{BASE}/{survey.pk}/response/submit",
        {"answers": {"province": "on", **DETAILS, **sent}},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k1",
    )
    assert submitted.status_code == 400
    assert submitted.json()["fields"] == {field: [message]}


@pytest.mark.django_db
def test_the_api_stores_the_calculation_and_the_read_only_default(caller, im) -> None:
    _user, client = caller
    survey = make_questionnaire(im, definition=featured(), anonymous=False)
    _put(client, survey, "where", {"province": "on"})
    saved = _put(client, survey, "details", DETAILS)
    assert saved.status_code == 200
    assert saved.json()["answers"] == {
        "province": "on",
        **DETAILS,
        "unit": "IM",
        "same_age": 52,
    }
    # Changing an answer works the calculation out again.
    again = _put(client, survey, "details", {**DETAILS, "age": 60})
    assert again.json()["answers"]["same_age"] == 60
    receipt = client.post(
        f"{BASE}/{survey.pk}/response/submit", {}, content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k2",
    )  # fmt: skip
    assert receipt.status_code == 201
    mine = client.get(f"{BASE}/me/responses").json()
    assert (mine[0]["answers"]["same_age"], mine[0]["answers"]["unit"]) == (60, "IM")


# -- the pages ---------------------------------------------------------------------------


@pytest.fixture
def person(make_member, esdc, login) -> tuple[Any, Any]:
    member = make_member(department=esdc)
    return member.user, login(member.user)


def _start(client: Any, survey: Any, language: str = "en") -> str:
    base = f"/{language}/questionnaires/{survey.pk}"
    client.post(f"{base}/")
    assert client.post(f"{base}/s/1/", {"province": "on", "action": "next"}).status_code == 302
    return base


def _inputs(html: str, name: str) -> list[str]:
    return re.findall(rf'<input type="radio" name="{name}" value="([^"]+)"', html)


@pytest.mark.django_db
def test_the_page_shows_notes_defaults_and_read_only_answers(person, im) -> None:
    _user, client = person
    survey = make_questionnaire(im, definition=featured())
    base = _start(client, survey, "fr")
    html = client.get(f"{base}/s/2/").content.decode()
    assert "<p>Vous travaillez au Ontario (fr).</p>" in html
    assert 'name="welcome"' not in html
    assert 'name="same_age"' not in html  # worked out, never shown
    assert re.search(r'<input type="text" name="team" value="Data"', html)
    assert re.search(r'<input type="text" name="unit" value="IM"[^>]* disabled', html)
    # Filtered by an earlier section: only Ontario's cities are offered.
    assert _inputs(html, "city") == ["ottawa", "toronto"]
    # Filtered by a question of this page: every district, with what the script needs.
    assert _inputs(html, "district") == ["glebe", "annex", "plateau"]
    assert (
        '<input type="radio" name="district" value="glebe" id="id_district_0" '
        'data-filter-by="city" data-offered-for="ottawa" data-offered-unanswered="false">' in html
    )
    assert "js/choice-filter.js" in html


@pytest.mark.django_db
def test_a_saved_page_is_not_filled_with_defaults_again(person, im) -> None:
    _user, client = person
    survey = make_questionnaire(im, definition=featured())
    base = _start(client, survey)
    form = {"city": "ottawa", "age": "52", "action": "next"}
    assert client.post(f"{base}/s/2/", form).status_code == 302
    html = client.get(f"{base}/s/2/").content.decode()
    assert re.search(r'<input type="text" name="team" maxlength="200" id="id_team"', html)


@pytest.mark.django_db
def test_the_form_never_takes_what_nobody_types(person, im) -> None:
    user, client = person
    survey = make_questionnaire(im, definition=featured())
    base = _start(client, survey)
    form = {
        "city": "ottawa",
        "district": "glebe",
        "age": "52",
        "unit": "Hacked",
        "same_age": "99",
        "welcome": "hi",
        "action": "next",
    }
    assert client.post(f"{base}/s/2/", form).status_code == 302
    assert ResponseDraft.objects.get(user=user).answers == {
        "province": "on",
        "city": "ottawa",
        "district": "glebe",
        "age": 52,
        "unit": "IM",
        "same_age": 52,
    }


@pytest.mark.django_db
def test_the_form_shows_every_error_at_its_field(person, im) -> None:
    user, client = person
    survey = make_questionnaire(im, definition=featured())
    base = _start(client, survey)
    form = {"city": "ottawa", "district": "plateau", "age": "12", "years": "3", "action": "next"}
    refused = client.post(f"{base}/s/2/", form)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "You must be 16 or older." in html
    assert "“plateau” is not offered given your earlier answers." in html
    assert ResponseDraft.objects.get(user=user).answers == {"province": "on", "unit": "IM"}
    # An option left out by a filter on an earlier section is not even a choice.
    montreal = client.post(f"{base}/s/2/", {**form, "district": "", "city": "montreal"})
    assert montreal.status_code == 400
    assert "montreal" in montreal.content.decode()
    assert ResponseDraft.objects.get(user=user).answers == {"province": "on", "unit": "IM"}


@pytest.mark.django_db
def test_the_required_message_is_shown_on_the_page(person, im) -> None:
    _user, client = person
    survey = make_questionnaire(im, definition=featured())
    base = _start(client, survey)
    refused = client.post(f"{base}/s/2/", {"city": "ottawa", "action": "next"})
    assert refused.status_code == 400
    assert "Tell us your age." in refused.content.decode()


@pytest.mark.django_db
def test_the_review_page_leaves_out_notes_and_calculations(person, im) -> None:
    _user, client = person
    survey = make_questionnaire(im, definition=featured())
    base = _start(client, survey)
    client.post(f"{base}/s/2/", {"city": "ottawa", "age": "52", "action": "next"})
    html = client.get(f"{base}/review/").content.decode()
    labels = re.findall(r"<dt>([^<]*)</dt>", html)
    assert labels == [
        "Province", "City", "District", "Age", "Years", "Unit", "Team", "Senior role",
    ]  # fmt: skip


# -- results and exports -------------------------------------------------------------------


def _with_note_and_calculation(definition: Definition) -> Definition:
    extra = Section(
        "extra",
        _t("Extra"),
        questions=(
            Question("thanks", QuestionType.NOTE, _t("Thank you")),
            Question("double", QuestionType.CALCULATE, _t("Double"), calculation="${hours}"),
        ),
    )
    return replace(definition, sections=(*definition.sections, extra))


@pytest.mark.django_db
def test_results_leave_out_notes_and_calculations(im) -> None:
    survey = make_questionnaire(im, definition=_with_note_and_calculation(results_definition()))
    for answer_set, times in SAMPLE_ANSWERS:
        add_responses(survey, [answer_set], times=times)
    results = questionnaire_results(survey)
    assert [q.code for q in results.questions] == [q.code for q in results_definition().questions]
    with pytest.raises(NotFound):
        crosstab_results(survey, rows="thanks", columns="department")


def test_export_columns_leave_out_notes_and_keep_calculations_as_text() -> None:
    questions = _with_note_and_calculation(results_definition()).questions[-3:]
    variables = export_variables(questions, identified=False)
    assert [v.name for v in variables] == ["version", "comment", "double"]
    assert RowBuilder(variables).values({"comment": "Fine", "double": 12}, (1,)) == [
        1,
        "Fine",
        "12",
    ]


@pytest.mark.django_db
def test_anonymous_exports_leave_calculations_and_free_text_out(im) -> None:
    definition = _with_note_and_calculation(results_definition())
    anonymous = row_source(make_questionnaire(im, definition=definition))
    identified = row_source(make_questionnaire(im, definition=definition, anonymous=False))
    names = [v.name for v in anonymous.variables]
    # free text can name its writer, whatever the generalisation of the other answers
    assert "double" not in names and "comment" not in names
    assert [v.name for v in identified.variables][-2:] == ["comment", "double"]
