"""Scoring, the optimiser's run, the committee's decision and the waitlist, through the
services: exact totals, every error at once with nothing saved, the conflicting rules
named, the outcomes and history of each nomination, and the e-mails."""

from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from guild.core.errors import ApplicationError, NotFound, ProblemsError
from guild.programmes.models import (
    BalanceRule,
    Consent,
    Intake,
    Nomination,
    NominationEvent,
    NominationStep,
    Score,
    SelectionRun,
)
from guild.programmes.selection import SelectionConflict
from guild.programmes.selectors.selection import (
    intakes_to_review,
    nomination_totals,
    proposal_rows,
)
from guild.programmes.services.selection import score_save, selection_run
from guild.programmes.tests.selection_setup import (
    criteria,
    score,
    score_everyone,
)

pytestmark = pytest.mark.django_db


def test_totals_are_weighted_means_exact_to_four_places(
    people: dict[str, Nomination], cast: dict[str, Any], grant: Any, make_member: Any, im: Any
) -> None:
    third = make_member(given_name="Tia", family_name="Third")
    grant(third.user, "committee_member", im)
    alice, bruno = people["Alice"], people["Bruno"]
    score(cast["committee"].user, alice, 5, 4)
    score(cast["admin"].user, alice, 4, 4)
    for user, values in (
        (cast["committee"].user, (5, 1)),
        (cast["admin"].user, (4, 2)),
        (third.user, (4, 2)),
    ):
        score(user, bruno, *values)
    totals = nomination_totals(alice.intake)
    assert str(totals[alice.pk]) == "21.5"  # 3 * 4.5 + 2 * 4
    assert str(totals[bruno.pk]) == "16.3333"  # 3 * 13/3 + 2 * 5/3
    assert totals[people["Dev"].pk] is None


def test_scoring_again_replaces_the_reviewers_scores_and_history_says_only_scored(
    people: dict[str, Nomination], cast: dict[str, Any]
) -> None:
    alice = people["Alice"]
    user = cast["committee"].user
    score(user, alice, 1, 1)
    score(user, alice, 5, 4)
    assert sorted(Score.objects.filter(nomination=alice).values_list("value", flat=True)) == [4, 5]
    scored = NominationEvent.objects.filter(nomination=alice, step=NominationStep.SCORED)
    assert [(e.actor_id, e.note) for e in scored] == [(None, "")]


@pytest.mark.parametrize("who", ["member", "coordinator", "supervisor", "other"])
def test_only_the_committee_and_administrators_score(
    people: dict[str, Nomination], cast: dict[str, Any], who: str
) -> None:
    first, second = criteria(people["Alice"].intake)
    with pytest.raises(NotFound):
        score_save(
            actor=cast[who].user, nomination=people["Alice"], scores={first.pk: 3, second.pk: 3}
        )
    assert not Score.objects.exists()


def test_bad_scores_are_refused_all_at_once(
    people: dict[str, Nomination], cast: dict[str, Any]
) -> None:
    first, second = criteria(people["Alice"].intake)
    with pytest.raises(ProblemsError) as refused:
        score_save(
            actor=cast["committee"].user,
            nomination=people["Alice"],
            scores={first.pk: 6, 99999: 2},
            comments={second.pk: "x" * 2001},
        )
    assert refused.value.fields == {
        "scores.99999": ["This is not a criterion of the intake."],
        f"scores.{first.pk}": ["The score on Leadership must be a whole number from 0 to 5."],
        f"scores.{second.pk}": ["Score IM experience."],
        f"comments.{second.pk}": ["Keep the comment under 2000 characters."],
    }
    with pytest.raises(ProblemsError) as refused:
        score_save(
            actor=cast["committee"].user,
            nomination=people["Alice"],
            scores={first.pk: -1, second.pk: "four"},
        )
    assert set(refused.value.fields) == {f"scores.{first.pk}", f"scores.{second.pk}"}
    assert not Score.objects.exists()
    assert not NominationEvent.objects.filter(step=NominationStep.SCORED).exists()


def test_incomplete_nominations_and_intakes_out_of_selection_are_not_scored(
    people: dict[str, Nomination], cast: dict[str, Any], intake: Intake
) -> None:
    alice = people["Alice"]
    Nomination.objects.filter(pk=alice.pk).update(consent=Consent.PENDING)
    alice.refresh_from_db()
    with pytest.raises(ApplicationError) as refused:
        score(cast["committee"].user, alice, 3, 3)
    assert refused.value.code == "not_complete"
    intake.stage = "nominating"
    intake.save(update_fields=["stage"])
    bruno = Nomination.objects.get(pk=people["Bruno"].pk)
    with pytest.raises(ApplicationError) as refused:
        score(cast["committee"].user, bruno, 3, 3)
    assert refused.value.code == "not_selecting"
    assert not Score.objects.exists()


def test_the_optimiser_does_not_run_while_nominations_are_unscored(
    people: dict[str, Nomination], cast: dict[str, Any], intake: Intake
) -> None:
    score(cast["committee"].user, people["Alice"], 3, 3)
    with pytest.raises(ApplicationError) as refused:
        selection_run(actor=cast["committee"].user, intake=intake)
    assert str(refused.value.message).startswith("5 nominations have no score yet")
    assert not SelectionRun.objects.exists()


def test_the_run_proposes_the_best_cohort_and_explains_it(
    people: dict[str, Nomination], cast: dict[str, Any], intake: Intake
) -> None:
    BalanceRule.objects.create(intake=intake, attribute="region", value="ncr", at_most=1)
    score_everyone(cast["committee"].user, people)
    run = selection_run(actor=cast["committee"].user, intake=intake)
    # Alice (25) and Dev (20) are both in the NCR: Bruno, Chloé and Dev (64) beat any
    # cohort with Alice (at most 58), since ESDC's two seats then go to Bruno and Alice.
    assert run.selected == [people["Bruno"].pk, people["Chloé"].pk, people["Dev"].pk]
    assert run.total_score == Decimal("64") and run.optimal
    rows = {row.nomination.member.given_name: row for row in proposal_rows(run)}
    assert rows["Alice"].reasons[0] == "Not selected: score 25, rank 1 of 6."
    assert any(
        "At most 1 person whose region is National Capital Region." in reason
        for reason in rows["Alice"].reasons
    )
    with translation.override("fr"):
        french = {row.nomination.member.given_name: row for row in proposal_rows(run)}
    assert french["Alice"].reasons[0] == "Candidature non retenue : note 25, rang 1 sur 6."


def test_conflicting_rules_are_named_and_nothing_is_saved(
    people: dict[str, Nomination], cast: dict[str, Any], intake: Intake
) -> None:
    BalanceRule.objects.create(intake=intake, attribute="language", value="fr", at_least=3)
    BalanceRule.objects.create(intake=intake, attribute="region", value="quebec", at_most=1)
    score_everyone(cast["committee"].user, people)
    with pytest.raises(SelectionConflict) as refused:
        selection_run(actor=cast["committee"].user, intake=intake)
    assert refused.value.fields == {
        "constraints.balance[0].at_least": [
            "At least 3 people whose first official language is French."
        ],
        "constraints.balance[1].at_most": ["At most 1 person whose region is Quebec."],
    }
    assert str(refused.value.message).startswith(
        "No cohort meets all of these rules together: At least 3 people whose first "
        "official language is French. At most 1 person whose region is Quebec."
    )
    assert not SelectionRun.objects.exists()


def test_the_worklist_lists_intakes_to_score_and_confirm(
    people: dict[str, Nomination], cast: dict[str, Any], intake: Intake
) -> None:
    waiting = intakes_to_review(cast["committee"].user)
    assert waiting == [intake] and waiting[0].to_score == 6  # type: ignore[attr-defined]
    score_everyone(cast["committee"].user, people)
    waiting = intakes_to_review(cast["committee"].user)
    assert waiting == [intake] and waiting[0].to_score == 0  # type: ignore[attr-defined]
    assert intakes_to_review(cast["admin"].user)[0].to_score == 6  # type: ignore[attr-defined]
    for who in ("member", "coordinator", "supervisor"):
        assert intakes_to_review(cast[who].user) == []
