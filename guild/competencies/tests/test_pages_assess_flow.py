"""Assessing one competency after another ("3 of 25", skip, save and next) and what the
member's page says before anything is assessed, through the real HTTP stack."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from guild.competencies.models import Assessment, Competency, CurrentAssessment
from guild.competencies.services import assessment_self, assessment_supervise
from guild.members.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(cast: dict[str, Any], on_profile: Callable[[Member], Member]) -> Member:
    return on_profile(cast["member"])


def _messages(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_assessing_in_a_row_counts_steps_skips_and_ends_with_a_summary(
    member: Member, login: Any, competency: Callable[[str], Competency]
) -> None:
    ril01, ril02, acp01 = competency("RIL-01"), competency("RIL-02"), competency("ACP-01")
    client: Client = login(member.user)

    start = client.get("/en/competencies/me/assess/")
    assert start["Location"] == f"/en/competencies/me/assess/{ril01.pk}/?run=1"

    first = client.get(start["Location"])
    html = first.content.decode()
    assert (first.context["step"], first.context["steps"]) == (1, 3)
    assert '<p class="guild-step" id="assess-step">1 of 3</p>' in html
    assert 'name="action" value="save">Save and next</button>' in html
    assert 'name="action" value="skip">Skip</button>' in html

    saved = client.post(start["Location"], {"level": "2", "evidence": "Filed", "action": "save"})
    assert saved["Location"] == f"/en/competencies/me/assess/{ril02.pk}/?run=1"
    assert client.get(saved["Location"]).context["step"] == 2

    # Skipping checks nothing and saves nothing, even with a wrong level in the form.
    skipped = client.post(saved["Location"], {"level": "9", "action": "skip"})
    assert skipped["Location"] == f"/en/competencies/me/assess/{acp01.pk}/?run=1"
    third = client.get(skipped["Location"])
    assert "3 of 3" in third.content.decode()

    # A wrong level on a step shows the error and stays on the step.
    wrong = client.post(skipped["Location"], {"level": "7", "action": "save"})
    assert wrong.status_code == 400
    assert wrong.context["form"].errors["level"] == ["Choose a level from 1 to 4."]
    assert wrong.context["step"] == 3

    done = client.post(skipped["Location"], {"level": "3", "action": "save"}, follow=True)
    assert done.redirect_chain == [("/en/competencies/me/", 302)]
    assert _messages(done) == [
        "You assessed 2 competencies. You skipped 1: it is still waiting for you."
    ]
    assert sorted(
        Assessment.objects.filter(member=member).values_list("competency__code", "kind", "level")
    ) == [("ACP-01", "self", 3), ("RIL-01", "self", 2)]
    assert client.session.get("competencies_assess_run") is None

    # The skipped one is what the next run offers, alone.
    again = client.get("/en/competencies/me/assess/")
    assert again["Location"] == f"/en/competencies/me/assess/{ril02.pk}/?run=1"
    assert client.get(again["Location"]).context["steps"] == 1


def test_assessing_one_competency_outside_a_run_returns_to_my_competencies(
    member: Member, login: Any, competency: Callable[[str], Competency]
) -> None:
    client = login(member.user)
    path = f"/en/competencies/me/assess/{competency('RIL-02').pk}/"
    page = client.get(path)
    assert page.context["step"] is None
    assert "Save and next" not in page.content.decode()
    response = client.post(path, {"level": "2", "action": "skip"})
    assert response["Location"] == "/en/competencies/me/"
    assert CurrentAssessment.objects.get(member=member).self_level == 2


def test_nothing_left_to_assess_says_so(
    member: Member, login: Any, competency: Callable[[str], Competency]
) -> None:
    for code in ("RIL-01", "RIL-02", "ACP-01"):
        assessment_self(actor=member.user, member=member, competency=competency(code), level=4)
    response = login(member.user).get("/en/competencies/me/assess/", follow=True)
    assert response.redirect_chain == [("/en/competencies/me/", 302)]
    assert _messages(response) == ["Every competency of your role profile is assessed."]
    assert 'id="missing-nothing">Nothing: you reach every target' in response.content.decode()


def test_what_is_missing_says_what_to_do_when_nothing_is_assessed(
    member: Member, login: Any
) -> None:
    html = login(member.user).get("/en/competencies/me/").content.decode()
    assert "What is missing to reach your targets</h2>" in html
    assert (
        "Nothing can be said yet: none of your competencies is assessed. Assess your level on "
        "each one; what you still need to learn to reach each target then shows here."
    ) in html
    assert "Start assessing</a>" in html


def test_what_is_missing_when_the_assessed_ones_reach_their_targets(
    member: Member, login: Any, competency: Callable[[str], Competency], cast: dict[str, Any]
) -> None:
    ril01 = competency("RIL-01")
    assessment_self(actor=member.user, member=member, competency=ril01, level=3)
    assessment_supervise(actor=cast["supervisor"].user, member=member, competency=ril01, level=3)
    html = login(member.user).get("/en/competencies/me/").content.decode()
    assert 'id="missing-nothing">Nothing among the competencies assessed' in html
