"""Results built for reading: one section (or, by a breakdown, one question) per page with a
table of contents, one department picked beside the service, no page over 500 KB."""

import random
import re
from typing import Any

import pytest

from guild.demo.content import members_definition
from guild.questionnaires.answering.answers import answer_rows, breakdown_values
from guild.questionnaires.definition.types import (
    Definition,
    Question,
    QuestionType,
    Section,
    Text,
)
from guild.questionnaires.models import Answer, QuestionnaireVersion, Response
from guild.questionnaires.tests.answering import make_questionnaire
from guild.questionnaires.tests.results_data import (
    SAMPLE_ANSWERS,
    add_responses,
    published_snapshot,
    results_definition,
)

PAGE_LIMIT = 500 * 1024


def _two_sections() -> Definition:
    questions = results_definition().questions
    return Definition(
        results_definition().title,
        sections=(
            Section("who", _text("About you"), None, questions[:5]),
            Section("views", _text("Your views"), None, questions[5:]),
        ),
    )


def _text(en: str) -> Text:
    return Text(en=en, fr=f"{en} (fr)")


@pytest.fixture
def paged(im: Any) -> Any:
    questionnaire = make_questionnaire(im, definition=_two_sections())
    for answer_set, times in SAMPLE_ANSWERS:
        add_responses(questionnaire, [answer_set], times=times)
    return questionnaire


def _url(questionnaire: Any, tail: str = "", language: str = "en") -> str:
    return f"/{language}/questionnaires/{questionnaire.pk}/results/{tail}"


def _contents(html: str) -> list[str]:
    toc = re.findall(r'<nav class="guild-results-toc".*?</nav>', html, re.S)[0]
    return re.findall(r'<a href="\?page=(\d+)"', toc)


def _headings(html: str) -> list[str]:
    return re.findall(r'<h2 id="result-([^"]+)"', html)


@pytest.mark.django_db
def test_the_overview_is_one_section_per_page_with_contents(
    paged: Any, cast: dict[str, Any], login: Any
) -> None:
    client = login(cast["committee"].user)
    first = client.get(_url(paged)).content.decode()
    assert _headings(first) == [
        "department",
        "region",
        "occupational_group",
        "age_band",
        "service_years",
    ]
    assert '<a href="?page=1" aria-current="page">About you</a>' in first
    assert '<a href="?page=2">Your views</a>' in first
    assert "Page 1 of 2: About you" in first
    assert 'rel="next">Next: Your views</a>' in first
    assert 'rel="prev"' not in first
    second = client.get(_url(paged, "?page=2")).content.decode()
    assert _headings(second) == [
        "satisfied",
        "training",
        "skills",
        "priorities",
        "hours",
        "comment",
    ]
    assert 'rel="prev">Previous: About you</a>' in second
    assert 'rel="next"' not in second
    for wrong in ("?page=3", "?page=0", "?page=two", "?page=-1"):
        assert client.get(_url(paged, wrong)).status_code == 404, wrong


@pytest.mark.django_db
def test_a_breakdown_is_one_question_per_page_without_its_own_question(
    paged: Any, cast: dict[str, Any], login: Any
) -> None:
    client = login(cast["admin"].user)
    first = client.get(_url(paged, "by/department/")).content.decode()
    assert _headings(first) == ["region"]
    # Eleven questions less the department itself and the three answered by only some of
    # the 26 respondents, fewer than 50 (training 15, priorities 12, comment 12), which the
    # page names as published service-wide only.
    assert _contents(first) == [str(n) for n in range(1, 8)]
    assert "Page 1 of 7: About you" in first
    assert "Not broken down, because only some respondents, fewer than 50," in first
    assert "<li>Training</li><li>Priorities</li><li>Comment</li>" in first
    assert client.get(_url(paged, "by/department/?page=7")).status_code == 200
    assert client.get(_url(paged, "by/department/?page=8")).status_code == 404
    # A breakdown by age band withholds years of service too: no page for it.
    by_age = client.get(_url(paged, "by/age_band/")).content.decode()
    assert len(_contents(by_age)) == 6


@pytest.mark.django_db
def test_the_question_title_is_printed_once(paged: Any, cast: dict[str, Any], login: Any) -> None:
    client = login(cast["admin"].user)
    for tail in ("?page=2", "department/esdc/?page=2", "by/region/?page=5"):
        html = client.get(_url(paged, tail)).content.decode()
        assert html.count(">Satisfied</h2>") == 1, tail
        captions = re.findall(r'<figcaption class="chart__caption"[^>]*>([^<]*)<', html)
        assert "Satisfied" not in captions, tail
        assert captions[0] in (
            "Percentage of respondents giving each answer",
            "Percentage of each group&#x27;s respondents giving each answer.",
        )


@pytest.mark.django_db
def test_the_reader_picks_one_department_beside_the_service(
    paged: Any, cast: dict[str, Any], login: Any
) -> None:
    admin = login(cast["admin"].user)
    html = admin.get(_url(paged)).content.decode()
    assert (
        re.findall(r'<select id="department-choice".*?</select>', html, re.S)[0].count("<option")
        == 4
    )
    picked = admin.get(_url(paged, "?department=esdc"))
    assert picked.status_code == 302
    assert picked["Location"] == _url(paged, "department/esdc/")
    page = admin.get(picked["Location"]).content.decode()
    assert '<option value="esdc" selected>' in page
    assert "All respondents" in page
    assert admin.get(_url(paged, "?department=../x")).status_code == 404
    coordinator = login(cast["coordinator"].user)
    html = coordinator.get(_url(paged)).content.decode()
    options = re.findall(r'<select id="department-choice".*?</select>', html, re.S)[0]
    assert re.findall(r'<option value="([^"]+)"', options) == ["esdc"]
    assert coordinator.get(_url(paged, "?department=cra")).status_code == 302
    assert coordinator.get(_url(paged, "department/cra/")).status_code == 404


@pytest.mark.django_db
def test_the_pages_are_in_french(paged: Any, cast: dict[str, Any], login: Any) -> None:
    client = login(cast["admin"].user)
    for tail in ("", "?page=2", "by/department/?page=3", "department/esdc/?page=2"):
        response = client.get(_url(paged, tail, "fr"))
        assert response.status_code == 200, tail
        assert response.headers["Content-Language"] == "fr"


def _answer(question: Question, rng: random.Random, departments: list[str]) -> Any:
    codes = [option.code for option in question.options]
    if question.code == "department":
        return rng.choice(departments)
    if question.type in (QuestionType.SINGLE, QuestionType.LIKERT):
        return rng.choice(codes)
    if question.type == QuestionType.MULTIPLE:
        return rng.sample(codes, min(2, len(codes)))
    if question.type == QuestionType.MATRIX:
        return {row.code: rng.choice(codes) for row in question.rows}
    if question.type == QuestionType.RANKING:
        return rng.sample(codes, min(3, len(codes)))
    if question.type in (QuestionType.INTEGER, QuestionType.YEAR, QuestionType.DECIMAL):
        low = int(question.minimum) if question.minimum is not None else 0
        high = int(question.maximum) if question.maximum is not None else low + 40
        return rng.randint(low, high)
    return None


@pytest.mark.django_db
def test_no_results_page_is_over_500_kb_at_the_demo_size(
    im: Any, cast: dict[str, Any], login: Any
) -> None:
    """The demo's members questionnaire, 2,000 respondents across every department: before
    paging, the page by department was 6 MB."""
    definition = members_definition()
    questionnaire = make_questionnaire(im, definition=definition)
    version = QuestionnaireVersion.objects.get(questionnaire=questionnaire, number=1)
    number = published_snapshot(questionnaire).number
    rng = random.Random(10)
    department = next(q for q in definition.questions if q.code == "department")
    departments = [option.code for option in department.options]
    responses: list[Response] = []
    answers: list[Answer] = []
    for _ in range(2000):
        raw = {q.code: _answer(q, rng, departments) for q in definition.questions}
        raw = {code: value for code, value in raw.items() if value is not None}
        response = Response(
            questionnaire=questionnaire, version=version, answers=raw, snapshot=number
        )
        responses.append(response)
        dept, region = breakdown_values(definition, raw)
        answers.extend(
            Answer(
                questionnaire=questionnaire,
                response=response,
                question=row.question,
                item=row.item,
                choice=row.choice,
                number=row.number,
                department=dept,
                region=region,
                snapshot=number,
            )
            for row in answer_rows(definition, raw)
        )
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(answers, batch_size=2000)
    client = login(cast["admin"].user)
    sizes: dict[str, int] = {}
    # French labels are longer: the heaviest pages, by department, are weighed in both.
    views = [(tail, "en") for tail in ("", f"department/{departments[0]}/")]
    for tail, language in [*views, ("by/department/", "en"), ("by/department/", "fr")]:
        number_of_pages = 0
        while True:
            response = client.get(
                _url(questionnaire, f"{tail}?page={number_of_pages + 1}", language)
            )
            if response.status_code == 404:
                break
            assert response.status_code == 200
            number_of_pages += 1
            sizes[f"{language}:{tail}?page={number_of_pages}"] = len(response.content)
        assert number_of_pages >= len(definition.sections), tail
    assert max(sizes.values()) < PAGE_LIMIT, max(sizes.items(), key=lambda item: item[1])


@pytest.mark.django_db
def test_a_number_question_shows_its_mean_and_median(
    im: Any, cast: dict[str, Any], login: Any
) -> None:
    """Hours: 12 people said 12, 11 said 30 and 3 said 40."""
    questionnaire = make_questionnaire(im, definition=_two_sections())
    (esdc, _), (cra, _), (ssc, _) = SAMPLE_ANSWERS
    add_responses(questionnaire, [esdc], times=12)
    add_responses(questionnaire, [cra], times=3)
    add_responses(questionnaire, [{**ssc, "hours": 30}], times=11)
    html = login(cast["member"].user).get(_url(questionnaire, "?page=2")).content.decode()
    section = html[html.index('id="result-hours"') : html.index('id="result-comment"')]
    assert "Answered this question: 26 of the 26 respondents" in section
    assert "Mean: 22.8 · Median: 30.0" in section


@pytest.mark.django_db
def test_the_progress_bar_is_not_clipped(paged: Any, cast: dict[str, Any], login: Any) -> None:
    client = login(cast["member"].user)
    client.post(f"/en/questionnaires/{paged.pk}/")
    html = client.get(f"/en/questionnaires/{paged.pk}/s/1/").content.decode()
    # The fixed-height box is the <progress> itself, not a wrapper holding the text too.
    assert '<div class="guild-progress-block">' in html
    assert '<progress class="guild-progress" max="2" value="1"' in html
    assert '<div class="guild-progress">' not in html
