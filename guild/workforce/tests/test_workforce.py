"""The workforce view: exact figures with disclosure control, the same figures whatever
codes the declared questions have, the page with and without declared roles, and the
age by service cross-tab refused only when the roles are declared."""

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import pytest

from guild.core.disclosure import COMPLEMENTARY, SMALL
from guild.core.errors import ApplicationError
from guild.organizations.models import Community
from guild.questionnaires.answering.answers import answer_rows, breakdown_values
from guild.questionnaires.definition.types import BANDED_ROLES, Definition, Question, Text
from guild.questionnaires.models import Answer, Questionnaire, QuestionnaireVersion, Response
from guild.questionnaires.results.statistics import crosstab_results
from guild.questionnaires.tests.answering import make_questionnaire
from guild.questionnaires.tests.results_data import (
    SAMPLE_ANSWERS,
    published_snapshot,
    results_definition,
)
from guild.workforce.selectors import Workforce, questionnaire_workforce

YEAR = 2025
RENAMED = {"age_band": "how_old", "service_years": "tenure", "occupational_group": "classification"}


def _renamed_question(question: Question) -> Question:
    if question.code not in RENAMED:
        return question
    options = question.options
    if question.workforce in BANDED_ROLES:
        options = tuple(replace(option, code=f"x{option.code}") for option in options)
    return replace(question, code=RENAMED[question.code], options=options)


def renamed_definition() -> Definition:
    """The results survey with its age, service and group questions (and the band options)
    under codes of their own."""
    base = results_definition()
    section = base.sections[0]
    questions = tuple(_renamed_question(q) for q in section.questions)
    return replace(base, sections=(replace(section, questions=questions),))


def without_roles() -> Definition:
    base = results_definition()
    section = base.sections[0]
    questions = tuple(
        replace(q, workforce=None, options=tuple(replace(o, band=None) for o in q.options))
        for q in section.questions
    )
    return replace(base, sections=(replace(section, questions=questions),))


def _renamed_answers(answers: Mapping[str, object]) -> dict[str, object]:
    renamed: dict[str, object] = {}
    for code, value in answers.items():
        if code in ("age_band", "service_years"):
            value = f"x{value}"
        renamed[RENAMED.get(code, code)] = value
    return renamed


def store(
    questionnaire: Questionnaire,
    definition: Definition,
    answer_sets: Sequence[tuple[Mapping[str, object], int]],
) -> None:
    """Responses and their Answer rows as the submit service writes them, published."""
    number = published_snapshot(questionnaire).number
    version = QuestionnaireVersion.objects.get(questionnaire=questionnaire, number=1)
    for answers, times in answer_sets:
        department, region = breakdown_values(definition, answers)
        for _ in range(times):
            response = Response.objects.create(
                questionnaire=questionnaire, version=version, answers=dict(answers), snapshot=number
            )
            Answer.objects.bulk_create(
                Answer(
                    questionnaire=questionnaire,
                    response=response,
                    question=row.question,
                    item=row.item,
                    choice=row.choice,
                    number=row.number,
                    department=department,
                    region=region,
                    snapshot=number,
                )
                for row in answer_rows(definition, answers)
            )


def survey(community: Community, definition: Definition, *, renamed: bool = False) -> Any:
    questionnaire = make_questionnaire(community, definition=definition)
    answer_sets = [
        (_renamed_answers(answers) if renamed else answers, times)
        for answers, times in SAMPLE_ANSWERS
    ]
    store(questionnaire, definition, answer_sets)
    return questionnaire


def _figures(workforce: Workforce) -> list[tuple[Any, ...]]:
    """Everything published, without the codes of the questions."""
    return [
        (
            table.label,
            [(row.code, row.label, row.cells, row.within, row.total) for row in table.rows],
            table.overall,
        )
        for table in workforce.tables
    ]


@pytest.mark.django_db
def test_workforce_figures_are_suppressed_like_every_result(im: Community) -> None:
    workforce = questionnaire_workforce(survey(im, results_definition()), reference_year=YEAR)
    assert workforce is not None
    assert workforce.reference_year == YEAR
    assert workforce.plan == Text(
        "Public Service Pension Plan (Public Service Superannuation Act)",
        "Régime de retraite de la fonction publique (Loi sur la pension de la fonction publique)",
    )
    by = {table.by: table for table in workforce.tables}
    assert list(by) == ["department", "region", "occupational_group"]
    department = by["department"]
    assert [(row.code, row.within, row.total) for row in department.rows] == [
        ("esdc", (12, 12, 12, 12), 12),
        ("__other__", (0, 0, 0, 0), 14),
        ("__none__", (0, 0, 0, 0), 0),
    ]
    # The 3 not yet eligible are small; the 11 who gave no bands are hidden with them.
    assert department.rows[1].cells == (0, 0, 0, 0, SMALL, COMPLEMENTARY)
    assert department.overall.within == (12, 12, 12, 12)
    assert department.overall.total == 26
    # IS (12 eligible, 11 without bands) and CR (3 later) cross the same columns: hiding
    # CR's small cells hides IS's beside them, so only the zeros are left.
    group = by["occupational_group"]
    x = COMPLEMENTARY
    assert [(row.code, row.cells, row.within, row.total) for row in group.rows] == [
        ("IS", (x, 0, 0, 0, x, x), (x, x, x, x), x),
        ("CR", (x, 0, 0, 0, SMALL, x), (x, x, x, x), SMALL),
        ("AS", (0, 0, 0, 0, 0, 0), (0, 0, 0, 0), 0),
        ("__none__", (0, 0, 0, 0, 0, 0), (0, 0, 0, 0), 0),
    ]
    assert group.overall.within == (12, 12, 12, 12)


@pytest.mark.django_db
def test_roles_under_other_codes_give_the_same_figures(im: Community) -> None:
    usual = questionnaire_workforce(survey(im, results_definition()), reference_year=YEAR)
    other = questionnaire_workforce(
        survey(im, renamed_definition(), renamed=True), reference_year=YEAR
    )
    assert usual is not None and other is not None
    assert [table.by for table in other.tables] == ["department", "region", "classification"]
    assert _figures(other) == _figures(usual)


@pytest.mark.django_db
def test_without_declared_roles_there_is_no_workforce_view(im: Community) -> None:
    questionnaire = survey(im, without_roles())
    assert questionnaire_workforce(questionnaire, reference_year=YEAR) is None
    # Nothing published from age and service, so their cross-tab is no longer refused.
    crossed = crosstab_results(questionnaire, rows="age_band", columns="service_years")
    assert crossed.respondents == 26


@pytest.mark.django_db
def test_the_age_by_service_crosstab_is_refused_under_any_codes(im: Community) -> None:
    questionnaire = survey(im, renamed_definition(), renamed=True)
    for rows, columns in (("how_old", "tenure"), ("tenure", "how_old")):
        with pytest.raises(ApplicationError) as refused:
            crosstab_results(questionnaire, rows=rows, columns=columns)
        assert refused.value.code == "workforce_crosstab"


def _page(questionnaire: Questionnaire) -> str:
    return f"/en/questionnaires/{questionnaire.pk}/results/workforce/"


@pytest.mark.django_db
def test_the_page_shows_the_tables(im: Community, cast: dict[str, Any], login: Any) -> None:
    questionnaire = survey(im, renamed_definition(), renamed=True)
    client = login(cast["admin"].user)
    overview = client.get(f"/en/questionnaires/{questionnaire.pk}/results/").content.decode()
    assert f'href="{_page(questionnaire)}"' in overview
    page = client.get(_page(questionnaire))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="workforce-department"' in html
    assert 'id="workforce-classification"' in html
    assert "Eligibility to retire by “Group”" in html
    assert "workforce-not-declared" not in html


@pytest.mark.django_db
def test_the_page_explains_a_questionnaire_without_roles(
    im: Community, cast: dict[str, Any], login: Any
) -> None:
    questionnaire = survey(im, without_roles())
    page = login(cast["admin"].user).get(_page(questionnaire))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="workforce-not-declared"' in html
    assert "guild_workforce" in html
    assert "<table" not in html


@pytest.mark.django_db
def test_the_page_says_when_too_few_have_responded(
    im: Community, cast: dict[str, Any], login: Any
) -> None:
    questionnaire = make_questionnaire(im, definition=results_definition())
    store(questionnaire, results_definition(), [(SAMPLE_ANSWERS[0][0], 3)])
    page = login(cast["admin"].user).get(_page(questionnaire))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="workforce-too-few"' in html
    assert "<table" not in html


@pytest.mark.django_db
def test_a_member_cannot_see_the_page(im: Community, cast: dict[str, Any], login: Any) -> None:
    questionnaire = survey(im, results_definition())
    assert login(cast["member"].user).get(_page(questionnaire)).status_code == 404
