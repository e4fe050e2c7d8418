"""Results pages and statistics API: who sees what, and that every page renders."""

import re
from typing import Any

import pytest
from django.test import Client

from guild.core.errors import ApplicationError
from guild.questionnaires.definition.services import results_publish
from guild.questionnaires.exports.aggregate import frequency_rows
from guild.questionnaires.results.statistics import questionnaire_results
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
    assert Client().get(f"/en/results/{survey.results_token}/").status_code == 404


@pytest.mark.django_db
def test_published_results_are_public(survey: Any) -> None:
    survey.results_published = True
    survey.save()
    page = Client().get(f"/en/results/{survey.results_token}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "26" in html
    assert "guild-suppressed" in html
    assert Client().get("/en/results/not-the-token/").status_code == 404
    assert Client().get(f"/fr/results/{survey.results_token}/").status_code == 200


@pytest.mark.django_db
def test_the_results_token_and_the_answering_token_open_only_their_own_page(
    survey: Any, make_member: Any, login: Any
) -> None:
    survey.audience = "link"
    survey.results_published = True
    survey.save()
    assert survey.results_token != survey.link_token
    assert Client().get(f"/en/results/{survey.link_token}/").status_code == 404
    assert Client().get(f"/en/results/{survey.results_token}/").status_code == 200
    # The results token does not let anyone answer.
    stranger = login(make_member().user)
    answering = f"/en/questionnaires/{survey.pk}/?key="
    assert stranger.get(answering + survey.results_token).status_code == 404
    assert stranger.get(answering + survey.link_token).status_code in (200, 302)


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


@pytest.mark.django_db
def test_age_and_service_are_never_published_against_each_other(
    survey: Any, cast: dict[str, Any], login: Any
) -> None:
    """The workforce categories sum cells of the age by service table: that table itself
    is refused, either way round, on the page and in the API."""
    admin = login(cast["admin"].user)
    api = f"/api/v1/questionnaires/{survey.pk}/statistics"
    for rows, columns in (("service_years", "age_band"), ("age_band", "service_years")):
        refused = admin.get(f"{api}/crosstab?rows={rows}&columns={columns}")
        assert refused.status_code == 400
        assert refused.json()["code"] == "workforce_crosstab"
        assert "years of service" in refused.json()["message"]
        page = admin.get(_url(survey, f"crosstab/?rows={rows}&columns={columns}"))
        assert page.status_code == 200
        assert "cannot be cross-tabulated with years of service" in page.content.decode()
        assert "<svg" not in page.content.decode()
    french = admin.get(
        f"/fr/questionnaires/{survey.pk}/results/crosstab/?rows=age_band&columns=service_years"
    )
    assert french.status_code == 200
    # Breaking the results down by one leaves the other out, and says so.
    by_age = admin.get(f"{api}?by=age_band").json()
    assert by_age["withheld"] == ["service_years"]
    assert "service_years" not in [q["code"] for q in by_age["questions"]]
    assert "age_band" in [q["code"] for q in by_age["questions"]]
    by_service = admin.get(f"{api}?by=service_years").json()
    assert by_service["withheld"] == ["age_band"]
    assert "age_band" not in [q["code"] for q in by_service["questions"]]
    page = admin.get(_url(survey, "by/age_band/")).content.decode()
    assert 'id="result-service_years"' not in page
    assert "is not shown by this question" in page
    # Other pairs are untouched.
    assert admin.get(f"{api}?by=region").json()["withheld"] == []
    assert admin.get(f"{api}/crosstab?rows=age_band&columns=region").status_code == 200


@pytest.mark.django_db
def test_a_cached_results_page_needs_few_queries(
    survey: Any, cast: dict[str, Any], login: Any, django_assert_max_num_queries: Any
) -> None:
    """Session, user, questionnaire, roles, (community membership), results version, the
    refreshes due and the current snapshot, and the menu's two (the person's member profile,
    whether anyone reports to them): the figures and the rendered blocks come from the
    cache."""
    for who, most in (("admin", 9), ("member", 10)):
        client = login(cast[who].user)
        assert client.get(_url(survey)).status_code == 200
        with django_assert_max_num_queries(most):
            assert client.get(_url(survey)).status_code == 200


@pytest.mark.django_db
def test_a_thinly_answered_question_is_refused_as_a_breakdown_on_pages_and_api(
    im: Any, cast: dict[str, Any], login: Any
) -> None:
    survey = results_questionnaire(im, slug="thin")
    add_responses(survey, [ESDC], times=30)
    # 20 more answer everything but "Satisfied": 30 of 50 answered it.
    add_responses(survey, [{key: v for key, v in ESDC.items() if key != "satisfied"}], times=20)
    admin = login(cast["admin"].user)
    api = f"/api/v1/questionnaires/{survey.pk}/statistics"
    refused = admin.get(f"{api}?by=satisfied")
    assert refused.status_code == 400
    assert refused.json()["code"] == "too_few_to_break_down"
    assert refused.json()["message"] == (
        "“Satisfied” is published as a whole only: it was answered by only some respondents, "
        "fewer than 50, too few for its figures to stay protected in a breakdown."
    )
    crosstab = admin.get(f"{api}/crosstab?rows=satisfied&columns=region")
    assert crosstab.json()["code"] == "too_few_to_break_down"
    assert admin.get(f"{api}?by=region").json()["thin"] == ["satisfied"]
    page = admin.get(_url(survey, "by/satisfied/"))
    assert page.status_code == 400
    assert "published as a whole only" in page.content.decode()
    french = admin.get(f"/fr/questionnaires/{survey.pk}/results/by/satisfied/")
    assert "publiée dans son ensemble seulement" in french.content.decode()
    overview = admin.get(_url(survey)).content.decode()
    offered = re.search(r'<select id="by" name="by".*?</select>', overview, re.S)
    assert offered is not None
    assert re.findall(r'<option value="([^"]+)">', offered.group()) == [
        "department",
        "region",
        "occupational_group",
        "age_band",
        "service_years",
    ]
    by_region = admin.get(_url(survey, "by/region/")).content.decode()
    assert "Not broken down, because only some respondents, fewer than 50," in by_region
    # The frequency export by department keeps its service-wide figures, for all respondents
    # only, in the questionnaire's order.
    by_department = questionnaire_results(survey, by="department")
    rows = list(frequency_rows(by_department, questionnaire_results(survey)))
    assert [(r[7], r[10], r[13]) for r in rows if r[0] == "satisfied"] == [
        ("yes", "", 30),
        ("no", "", 0),
        ("__none__", "", 20),
    ]
    assert [r[0] for r in rows].index("satisfied") > [r[0] for r in rows].index("service_years")


@pytest.mark.django_db
@pytest.mark.parametrize("tail", PAGES)
def test_results_for_managers_are_read_by_the_programme_administrators_alone(
    survey: Any, cast: dict[str, Any], login: Any, tail: str
) -> None:
    survey.results_for_managers = True
    survey.save(update_fields=["results_for_managers"])
    assert login(cast["admin"].user).get(_url(survey, tail)).status_code == 200
    assert login(cast["platform"]).get(_url(survey, tail)).status_code == 200
    for who in ("committee", "coordinator", "member"):
        client = login(cast[who].user)
        assert client.get(_url(survey, tail)).status_code == 404, who
        statistics = client.get(f"/api/v1/questionnaires/{survey.pk}/statistics")
        assert statistics.status_code == 404, who
    with pytest.raises(ApplicationError, match="only for those who manage it"):
        results_publish(actor=cast["admin"].user, questionnaire=survey)
