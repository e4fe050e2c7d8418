"""Journey: a selection committee member starts at their home page, follows the intake to
review from their worklist, scores the last nomination (a wrong score first, refused with
its message), runs the optimiser, reads the proposal and a person's reasons, confirms the
cohort with two overrides (each with its reason) and reads the waitlist. Only what the
pages show is clicked (tests/browser/test_role_journeys.py); English and French; every
page axe-clean and without overflow at 390 px."""

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone

from guild.organizations.models import Community
from guild.programmes.models import Criterion, Intake, IntakeStage, Nomination, Outcome, Programme
from guild.programmes.tests.selection_setup import nominate_people, score
from tests.browser.test_role_journeys import LANGUAGES, Journey, t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# Leadership (weight 3) and IM experience (weight 2); Farid is scored in the browser.
SCORES = {"Alice": (5, 5), "Bruno": (5, 4), "Chloé": (5, 3), "Dev": (4, 4), "Élise": (2, 2)}


def selecting_intake(cast: dict[str, Any], make_member: Any) -> dict[str, Nomination]:
    today = timezone.localdate()
    programme = Programme.objects.create(
        community=Community.objects.get(code="im"),
        code="imli",
        name_en="IM Leadership Initiative",
        name_fr="Initiative de leadership en GI",
    )
    intake = Intake.objects.create(
        programme=programme,
        name_en="Intake 1",
        name_fr="Cohorte 1",
        stage=IntakeStage.SELECTING,
        nominations_open_on=today - datetime.timedelta(days=30),
        nominations_close_on=today - datetime.timedelta(days=1),
        starts_on=today + datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=330),
        capacity=3,
        max_per_department=2,
    )
    Criterion.objects.create(
        intake=intake, name_en="Leadership", name_fr="Leadership", weight=3, order=1
    )
    Criterion.objects.create(
        intake=intake, name_en="IM experience", name_fr="Expérience en GI", weight=2, order=2
    )
    people = {
        n.member.given_name: n
        for n in nominate_people(intake, make_member, coordinator=cast["coordinator"].user)
    }
    for name, values in SCORES.items():
        score(cast["committee"].user, people[name], *values)
    return people


@pytest.mark.parametrize("language", LANGUAGES)
def test_committee_member_scores_runs_the_optimiser_and_confirms_with_an_override(
    language: str, page: Any, live_server: Any, cast: Any, make_member: Any, axe_source: str
) -> None:
    people = selecting_intake(cast, make_member)
    journey = Journey(page, axe_source, language, "selection")
    journey.start(live_server, cast["committee"].user.email)
    worklist = page.locator("#intakes-to-review")
    journey.click(
        worklist.get_by_role("link", name={"en": "Intake 1", "fr": "Cohorte 1"}[language])
    )
    assert page.locator("h1").inner_text() == t(language, "Review and score the nominations")
    to_score = {"en": "You have 1 nomination to score.", "fr": "Vous avez 1 candidature à noter."}
    assert page.locator("#to-score").inner_text() == to_score[language]

    # Score the last nomination: a wrong score first, refused with its message.
    journey.click(page.get_by_role("link", name="Farid Nominee"))
    assert "Farid leads well." in page.locator("#rationale").inner_text()
    experience = {"en": "IM experience", "fr": "Expérience en GI"}[language]
    page.get_by_role("spinbutton", name=re.compile("^Leadership")).fill("9")
    page.get_by_role("spinbutton", name=re.compile(f"^{experience}")).fill("1")
    journey.submit_refused(page.get_by_role("button", name=t(language, "Save my scores")))
    wrong = {
        "en": "The score on Leadership must be a whole number from 0 to 5.",
        "fr": "La note du critère « Leadership » doit être un nombre entier de 0 à 5.",
    }[language]
    assert wrong in page.locator(".gcds-error-message").first.inner_text()
    page.get_by_role("spinbutton", name=re.compile("^Leadership")).fill("1")
    journey.click(page.get_by_role("button", name=t(language, "Save my scores")))
    assert (
        page.locator("#to-score").inner_text()
        == {
            "en": "You have 0 nominations to score.",
            "fr": "Vous avez 0 candidature à noter.",
        }[language]
    )

    # Run the optimiser and read the proposal and its reasons.
    journey.click(page.get_by_role("link", name=t(language, "Selection: the proposed cohort")))
    journey.click(page.get_by_role("button", name=t(language, "Run the optimiser")))
    assert (
        page.locator("#optimality")
        .inner_text()
        .startswith({"en": "Proved optimal", "fr": "Optimalité démontrée"}[language])
    )
    assert page.locator("#total-score").inner_text() == "68"
    chloe = page.locator(f"#nominee-{people['Chloé'].pk}")
    full = {
        "en": "Department ESDC already has its maximum of 2 selected",
        "fr": "EDSC",
    }[language]
    assert full in chloe.inner_text()

    # Confirm with two overrides, each with its reason.
    elise, dev = people["Élise"], people["Dev"]
    decision = t(language, "Committee decision for %(name)s")
    reason = t(language, "Reason for %(name)s")
    page.get_by_label(decision % {"name": "Élise Nominee"}).select_option("in")
    page.get_by_label(reason % {"name": "Élise Nominee"}).fill("Atlantic view.")
    page.get_by_label(decision % {"name": "Dev Nominee"}).select_option("out")
    journey.submit_refused(page.get_by_role("button", name=t(language, "Confirm the cohort")))
    assert (
        t(language, "Give the reason for the committee's decision.")
        in page.locator(f"#id_reason_{dev.pk}_error").inner_text()
    )
    page.get_by_label(reason % {"name": "Dev Nominee"}).fill("Busy this year.")
    journey.click(page.get_by_role("button", name=t(language, "Confirm the cohort")))
    assert page.locator("h2#proposal-heading").inner_text() == t(language, "The confirmed cohort")
    assert t(language, "Not selected") in page.locator(f"#nominee-{dev.pk}").inner_text()
    outcomes = dict(Nomination.objects.values_list("member__given_name", "outcome"))
    assert outcomes["Élise"] == Outcome.SELECTED and outcomes["Dev"] == Outcome.NOT_SELECTED
    assert elise.pk

    # The waitlist, ranked.
    journey.click(page.locator("main").get_by_role("link", name=t(language, "Waitlist")))
    rows = page.locator("#waitlist tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).locator("th").inner_text() == "Chloé Nominee"
    journey.finish()
