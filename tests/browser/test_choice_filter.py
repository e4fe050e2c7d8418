"""A choice filter that depends on an answer of the same page (static/js/choice-filter.js):
in a real browser, the options not offered are hidden as the person answers, and the page
stays accessible."""

from typing import Any

import pytest

from guild.organizations.models import Community
from guild.questionnaires.answering.services import response_save, response_start
from guild.questionnaires.models import ResponseDraft
from guild.questionnaires.tests.answering import make_questionnaire
from guild.questionnaires.tests.test_answering_features import featured
from tests.browser.conftest import PASSWORD, axe_violations, describe_violations, login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _shown(page: Any, name: str) -> list[str]:
    return page.eval_on_selector_all(
        f"input[name='{name}']",
        "inputs => inputs.filter(i => !i.closest('label').parentElement.hidden).map(i => i.value)",
    )


def test_the_district_follows_the_city_chosen_on_the_same_page(
    page: Any, live_server: Any, make_user: Any, cast: Any, axe_source: str
) -> None:
    user = make_user("member")
    survey = make_questionnaire(
        Community.objects.get(code="im"), definition=featured(), slug="filtered"
    )
    response_start(user=user, questionnaire=survey)
    response_save(user=user, questionnaire=survey, answers={"province": "on"}, section=0)
    path = f"/en/questionnaires/{survey.pk}/s/2/"
    login(page, live_server, user.email, PASSWORD, next=path)
    assert _shown(page, "city") == ["ottawa", "toronto"]
    assert _shown(page, "district") == []
    page.check("#id_city_1")  # Toronto
    assert _shown(page, "district") == ["annex"]
    page.check("#id_district_1")
    page.check("#id_city_0")  # Ottawa: Annex is no longer offered, nor chosen
    assert _shown(page, "district") == ["glebe"]
    assert page.is_checked("#id_district_1") is False
    violations = axe_violations(page, axe_source)
    assert not violations, describe_violations(violations)
    page.check("#id_district_0")
    page.fill("#id_age", "40")
    with page.expect_navigation():
        page.click("button[value=next]")
    answers = ResponseDraft.objects.get(user=user, questionnaire=survey).answers
    assert (answers["city"], answers["district"], answers["same_age"]) == ("ottawa", "glebe", 40)
