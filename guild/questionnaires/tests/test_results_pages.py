"""Results pages and statistics API: who sees what, and that every page renders."""

from typing import Any

import pytest
from django.test import Client

from guild.questionnaires.tests.results_data import add_responses, results_questionnaire

ESDC = {
    "department": "esdc",
    "region": "ncr",
    "occupational_group": "IS",
    "age_band": "60_64",
    "service_years": "30_34",
    "satisfied": "yes",
    "training": ["a", "b"],
    "skills": {"r1": "low", "r2": "high"},
    "priorities": ["x", "y"],
    "hours": 12,
    "comment": "Fine",
}
CRA = {
    "department": "cra",
    "region": "quebec",
    "occupational_group": "CR",
    "age_band": "30_34",
    "service_years": "5_9",
    "satisfied": "no",
    "training": ["c"],
    "hours": 40,
}
SSC = {"department": "ssc", "region": "ontario", "occupational_group": "IS", "satisfied": "no"}


@pytest.fixture
def survey(im: Any) -> Any:
    questionnaire = results_questionnaire(im)
    add_responses(questionnaire, [ESDC], times=12)
    add_responses(questionnaire, [CRA], times=3)
    add_responses(questionnaire, [SSC], times=11)
    return questionnaire


def _url(survey: Any, tail: str = "") -> str:
    return f"/en/questionnaires/{survey.pk}/results/{tail}"


PAGES = [
    "",
    "department/esdc/",
    "by/region/",
    "by/occupational_group/",
    "crosstab/?rows=satisfied&columns=region",
    "workforce/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("tail", PAGES)
def test_administrators_and_committee_see_every_page(
    survey: Any, cast: dict[str, Any], login: Any, tail: str
) -> None:
    for who in ("admin", "committee"):
        response = login(cast[who].user).get(_url(survey, tail))
        assert response.status_code == 200, (who, tail)
    response = login(cast["platform"]).get(_url(survey, tail))
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_member_sees_the_service_wide_page_only(
    survey: Any, cast: dict[str, Any], login: Any
) -> None:
    client = login(cast["member"].user)
    page = client.get(_url(survey))
    assert page.status_code == 200
    assert "Respondents" in page.content.decode()
    for tail in PAGES[1:]:
        assert client.get(_url(survey, tail)).status_code == 404, tail


@pytest.mark.django_db
def test_a_coordinator_sees_their_department_not_another(
    survey: Any, cast: dict[str, Any], login: Any
) -> None:
    client = login(cast["coordinator"].user)
    assert client.get(_url(survey)).status_code == 200
    page = client.get(_url(survey, "department/esdc/"))
    assert page.status_code == 200
    assert "ESDC" in page.content.decode()
    assert client.get(_url(survey, "department/cra/")).status_code == 404
    assert client.get(_url(survey, "by/region/")).status_code == 404


@pytest.mark.django_db
def test_signed_out_and_outsiders_get_not_found(
    survey: Any, make_member: Any, it_community: Any, login: Any
) -> None:
    assert Client().get(_url(survey)).status_code in (302, 404)
    outsider = make_member(communities=[it_community])
    assert login(outsider.user).get(_url(survey)).status_code == 404
    assert (
        login(outsider.user).get(f"/api/v1/questionnaires/{survey.pk}/statistics").status_code
        == 404
    )
    assert Client().get(f"/en/results/{survey.link_token}/").status_code == 404


@pytest.mark.django_db
def test_published_results_are_public(survey: Any) -> None:
    survey.results_published = True
    survey.save()
    page = Client().get(f"/en/results/{survey.link_token}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "26" in html
    assert "guild-suppressed" in html
    assert Client().get("/en/results/not-the-token/").status_code == 404
    assert Client().get(f"/fr/results/{survey.link_token}/").status_code == 200


@pytest.mark.django_db
def test_a_pooled_department_page_says_so(survey: Any, cast: dict[str, Any], login: Any) -> None:
    page = login(cast["admin"].user).get(_url(survey, "department/cra/"))
    assert page.status_code == 200
    assert "Other organizations" in page.content.decode()


@pytest.mark.django_db
def test_unknown_breakdowns_are_not_found(survey: Any, cast: dict[str, Any], login: Any) -> None:
    client = login(cast["admin"].user)
    assert client.get(_url(survey, "by/nope/")).status_code == 404
    assert client.get(_url(survey, "by/comment/")).status_code == 404
    assert client.get(_url(survey, "department/zzz/")).status_code == 404
    assert client.get(_url(survey, "crosstab/?rows=nope&columns=region")).status_code == 404


@pytest.mark.django_db
def test_statistics_api(survey: Any, cast: dict[str, Any], login: Any) -> None:
    admin = login(cast["admin"].user)
    body = admin.get(f"/api/v1/questionnaires/{survey.pk}/statistics").json()
    assert body["respondents"] == 26
    satisfied = next(q for q in body["questions"] if q["code"] == "satisfied")
    assert satisfied["n"] == 26
    assert [(r["code"], r["overall"]) for r in satisfied["blocks"][0]["rows"]] == [
        ("yes", 12),
        ("no", 14),
        ("__none__", 0),
    ]
    training = next(q for q in body["questions"] if q["code"] == "training")
    assert [r["overall"] for r in training["blocks"][0]["rows"]] == [12, 12, {"suppressed": True}]
    by = admin.get(f"/api/v1/questionnaires/{survey.pk}/statistics?by=department").json()
    assert [c["code"] for c in by["columns"]] == ["esdc", "__other__", "__none__"]
    member = login(cast["member"].user)
    assert member.get(f"/api/v1/questionnaires/{survey.pk}/statistics").status_code == 200
    assert member.get(f"/api/v1/questionnaires/{survey.pk}/statistics?by=region").status_code == 404
    cross = admin.get(
        f"/api/v1/questionnaires/{survey.pk}/statistics/crosstab?rows=satisfied&columns=region"
    ).json()
    rows = cross["questions"][0]["blocks"][0]["rows"]
    # Quebec (3) is pooled with the next-smallest region, Ontario (11).
    assert [c["code"] for c in cross["columns"]] == ["ncr", "__other__", "__none__"]
    assert [r["counts"] for r in rows] == [[12, 0, 0], [0, 14, 0], [0, 0, 0]]
