"""The selection pages through the HTTP stack: review, score, run, confirm with an override,
the waitlist; every other role gets 404; bad input shows every error and saves nothing."""

from typing import Any

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from guild.programmes.models import (
    BalanceRule,
    Intake,
    Nomination,
    Outcome,
    Score,
    SelectionRun,
)
from guild.programmes.services.nominations import withdraw
from guild.programmes.tests.selection_setup import criteria, score, score_everyone

pytestmark = pytest.mark.django_db


def tree(response: Any) -> Any:
    return lxml.html.fromstring(response.content.decode())


def words(element: Any) -> str:
    return " ".join(element.text_content().split())


def text(response: Any, identifier: str) -> str:
    return words(tree(response).get_element_by_id(identifier))


def link(response: Any, name: str) -> Any:
    return tree(response).xpath(f'//a[normalize-space()="{name}"]')[0]


def test_a_committee_member_reviews_and_scores(
    people: dict[str, Nomination], cast: dict[str, Any], login: Any, intake: Intake
) -> None:
    client = login(cast["committee"].user)
    page = client.get(reverse("programmes:review", args=[intake.pk]))
    assert page.status_code == 200
    assert text(page, "to-score") == "You have 6 nominations to score."
    alice = people["Alice"]
    href = link(page, "Alice Nominee").get("href")
    assert href == reverse("programmes:score", args=[alice.pk])
    form = client.get(href)
    assert "Alice leads well." in text(form, "rationale")
    first, second = criteria(intake)
    refused = client.post(href, {f"score_{first.pk}": "9", f"comment_{second.pk}": "x"})
    assert refused.status_code == 400
    assert text(refused, f"id_score_{first.pk}_error") == (
        "Error: The score on Leadership must be a whole number from 0 to 5."
    )
    assert text(refused, f"id_score_{second.pk}_error") == "Error: Score IM experience."
    assert not Score.objects.exists()
    saved = client.post(
        href, {f"score_{first.pk}": "4", f"score_{second.pk}": "3", f"comment_{first.pk}": "Clear."}
    )
    assert saved.status_code == 302 and saved["Location"] == reverse(
        "programmes:review", args=[intake.pk]
    )
    assert sorted(Score.objects.values_list("value", "comment")) == [(3, ""), (4, "Clear.")]
    page = client.get(reverse("programmes:review", args=[intake.pk]))
    assert text(page, "to-score") == "You have 5 nominations to score."
    row = link(page, "Alice Nominee").getparent().getparent()
    assert [words(td) for td in row.xpath("td")] == ["ESDC", "Scored", "1", "18"]


@pytest.mark.parametrize("who", ["member", "coordinator", "supervisor", "other"])
def test_other_roles_get_404_everywhere(
    people: dict[str, Nomination], cast: dict[str, Any], login: Any, intake: Intake, who: str
) -> None:
    client = login(cast[who].user)
    first, second = criteria(intake)
    for name, pk in (
        ("review", intake.pk),
        ("selection", intake.pk),
        ("waitlist", intake.pk),
        ("score", people["Alice"].pk),
    ):
        assert client.get(reverse(f"programmes:{name}", args=[pk])).status_code == 404
    posted = client.post(
        reverse("programmes:score", args=[people["Alice"].pk]),
        {f"score_{first.pk}": "4", f"score_{second.pk}": "3"},
    )
    assert posted.status_code == 404
    assert (
        client.post(
            reverse("programmes:selection", args=[intake.pk]), {"action": "run"}
        ).status_code
        == 404
    )
    assert not Score.objects.exists() and not SelectionRun.objects.exists()


def test_tampered_ids_get_404(
    people: dict[str, Nomination], cast: dict[str, Any], login: Any, intake: Intake
) -> None:
    client = login(cast["committee"].user)
    assert client.get(reverse("programmes:score", args=[999999])).status_code == 404
    assert client.get(reverse("programmes:review", args=[999999])).status_code == 404
    Nomination.objects.filter(pk=people["Farid"].pk).update(consent="pending")
    assert client.get(reverse("programmes:score", args=[people["Farid"].pk])).status_code == 404


def test_running_confirming_with_an_override_and_the_waitlist(
    people: dict[str, Nomination], cast: dict[str, Any], login: Any, intake: Intake
) -> None:
    client = login(cast["committee"].user)
    url = reverse("programmes:selection", args=[intake.pk])
    score(cast["committee"].user, people["Alice"], 5, 5)
    refused = client.post(url, {"action": "run"})
    assert refused.status_code == 400
    assert "5 nominations have no score yet" in refused.content.decode()
    score_everyone(cast["committee"].user, people)
    assert client.post(url, {"action": "run"}).status_code == 302
    run = SelectionRun.objects.get()
    page = client.get(url)
    assert text(page, "optimality").startswith("Proved optimal")
    assert text(page, "total-score") == "68"
    assert [words(li) for li in tree(page).xpath('//*[@id="rules"]/li')] == [
        "Fill all 3 seats.",
        "At most 2 people per department.",
        "People from at least 1 department.",
    ]
    chloe, elise, dev = people["Chloé"].pk, people["Élise"].pk, people["Dev"].pk
    assert text(page, f"nominee-{chloe}").startswith(
        "Out Chloé Nominee 21 ESDC Quebec French EX-01"
    )
    assert "Department ESDC already has its maximum of 2 selected" in text(page, f"nominee-{chloe}")
    refused = client.post(
        url,
        {
            "action": "confirm",
            "run": run.pk,
            f"decision_{elise}": "in",
            f"decision_{dev}": "out",
            f"reason_{dev}": "Busy.",
        },
    )
    assert refused.status_code == 400
    assert (
        text(refused, f"id_reason_{elise}_error") == "Give the reason for the committee's decision."
    )
    assert set(Nomination.objects.values_list("outcome", flat=True)) == {Outcome.PENDING}
    done = client.post(
        url,
        {
            "action": "confirm",
            "run": run.pk,
            f"decision_{elise}": "in",
            f"reason_{elise}": "Atlantic view.",
            f"decision_{dev}": "out",
            f"reason_{dev}": "Busy.",
        },
    )
    assert done.status_code == 302
    outcomes = dict(Nomination.objects.values_list("member__given_name", "outcome"))
    assert outcomes == {
        "Alice": "selected",
        "Bruno": "selected",
        "Élise": "selected",
        "Dev": "not-selected",
        "Chloé": "waitlisted",
        "Farid": "waitlisted",
    }
    withdraw(actor=cast["admin"].user, nomination=people["Bruno"], reason="New job.")
    review = client.get(reverse("programmes:review", args=[intake.pk]))
    assert text(review, "seat-free").startswith("A seat in the confirmed cohort is free.")
    waitlist_url = reverse("programmes:waitlist", args=[intake.pk])
    page = client.get(waitlist_url)
    assert [
        " ".join(words(cell) for cell in tr)
        for tr in tree(page).xpath('//*[@id="waitlist"]/tbody/tr')
    ] == [
        "1 Chloé Nominee ESDC Quebec EX-01",
        "2 Farid Nominee HC Ontario EX-02",
    ]
    assert client.post(waitlist_url).status_code == 302
    assert Nomination.objects.get(pk=chloe).outcome == Outcome.SELECTED


def test_conflicting_rules_are_shown_by_name_in_french(
    people: dict[str, Nomination], cast: dict[str, Any], login: Any, intake: Intake
) -> None:
    BalanceRule.objects.create(intake=intake, attribute="language", value="fr", at_least=3)
    BalanceRule.objects.create(intake=intake, attribute="region", value="quebec", at_most=1)
    score_everyone(cast["committee"].user, people)
    client: Client = login(cast["committee"].user)
    with translation.override("fr"):
        url = reverse("programmes:selection", args=[intake.pk])
    refused = client.post(url, {"action": "run"})
    assert refused.status_code == 400
    rules = [words(li) for li in tree(refused).xpath('//*[@id="conflicting-rules"]/li')]
    assert rules == [
        "Au moins 3 personnes dont la première langue officielle est le français.",
        "Au plus 1 personne dont la région est Québec.",
    ]
    assert not SelectionRun.objects.exists()


def test_a_committee_member_of_another_community_gets_404(
    people: dict[str, Nomination],
    intake: Intake,
    make_member: Any,
    grant: Any,
    it_community: Any,
    login: Any,
) -> None:
    elsewhere = make_member(given_name="Ivo", family_name="Elsewhere")
    grant(elsewhere.user, "committee_member", it_community)
    client = login(elsewhere.user)
    assert client.get(reverse("programmes:review", args=[intake.pk])).status_code == 404
    assert client.get(reverse("programmes:score", args=[people["Alice"].pk])).status_code == 404


def test_rules_the_optimiser_cannot_read_are_listed(
    people: dict[str, Nomination], cast: dict[str, Any], login: Any, intake: Intake
) -> None:
    BalanceRule.objects.create(intake=intake, attribute="language", value="french", at_least=1)
    score_everyone(cast["committee"].user, people)
    refused = login(cast["admin"].user).post(
        reverse("programmes:selection", args=[intake.pk]), {"action": "run"}
    )
    assert refused.status_code == 400
    listed = [words(li) for li in tree(refused).xpath('//*[@id="input-problems"]//li')]
    assert listed == ['The first official language must be "en" or "fr".']
    assert not SelectionRun.objects.exists()


def test_the_nominee_reads_that_a_reviewer_scored_but_not_who_or_how_much(
    people: dict[str, Nomination], cast: dict[str, Any], login: Any, intake: Intake
) -> None:
    alice = people["Alice"]
    first, second = criteria(intake)
    client = login(cast["committee"].user)
    client.post(
        reverse("programmes:score", args=[alice.pk]),
        {f"score_{first.pk}": "4", f"score_{second.pk}": "3", f"comment_{first.pk}": "Shy."},
    )
    assert Score.objects.filter(nomination=alice).count() == 2
    for viewer in (alice.member.user, cast["coordinator"].user):
        page = login(viewer).get(reverse("programmes:nomination", args=[alice.pk]))
        assert page.status_code == 200
        body = page.content.decode()
        assert "Scored by a reviewer" in body
        assert "Shy." not in body and cast["committee"].user.email not in body
        assert "Cam Committee" not in body
        assert (
            login(viewer).get(f"/api/v1/programmes/nominations/{alice.pk}/scores").status_code
            == 404
        )
