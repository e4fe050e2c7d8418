"""The committee's decision through the services: confirming a proposal with overrides,
each with its reason (every problem at once, nothing changed otherwise), the outcomes,
ranks and history of each nomination, the e-mails, a stale proposal, and a seat freed
by a withdrawal offered to the first on the waitlist."""

from typing import Any

import pytest
from django.core import mail

from guild.core.errors import ApplicationError, NotFound, ProblemsError
from guild.programmes.models import Intake, Nomination, NominationEvent, NominationStep, Outcome
from guild.programmes.selectors.selection import intakes_to_review
from guild.programmes.services.nominations import withdraw
from guild.programmes.services.selection import selection_run
from guild.programmes.services.selection_outcomes import selection_confirm, waitlist_promote
from guild.programmes.tests.selection_setup import (
    score_everyone,
)

pytestmark = pytest.mark.django_db


def test_confirming_with_an_override_selects_waitlists_and_e_mails_everyone(
    people: dict[str, Nomination],
    cast: dict[str, Any],
    intake: Intake,
    django_capture_on_commit_callbacks: Any,
) -> None:
    score_everyone(cast["committee"].user, people)
    run = selection_run(actor=cast["committee"].user, intake=intake)
    # ESDC's two seats: Alice and Bruno; then Dev.
    assert run.selected == [people["Alice"].pk, people["Bruno"].pk, people["Dev"].pk]
    with django_capture_on_commit_callbacks(execute=True):
        selected = selection_confirm(
            actor=cast["committee"].user,
            intake=intake,
            run=run,
            overrides={
                people["Élise"].pk: ("in", "Brings the Atlantic region's view."),
                people["Dev"].pk: ("out", "Takes part in another programme this year."),
            },
        )
    assert {n.member.given_name for n in selected} == {"Alice", "Bruno", "Élise"}
    outcomes = {
        n.member.given_name: (n.outcome, n.waitlist_rank)
        for n in Nomination.objects.filter(intake=intake)
    }
    assert outcomes == {
        "Alice": (Outcome.SELECTED, None),
        "Bruno": (Outcome.SELECTED, None),
        "Élise": (Outcome.SELECTED, None),
        "Dev": (Outcome.NOT_SELECTED, None),
        "Chloé": (Outcome.WAITLISTED, 1),
        "Farid": (Outcome.WAITLISTED, 2),
    }
    steps = list(
        NominationEvent.objects.filter(nomination=people["Dev"]).values_list("step", "note")
    )
    assert steps[-2:] == [
        (NominationStep.OVERRIDDEN, "Takes part in another programme this year."),
        (NominationStep.NOT_SELECTED, ""),
    ]
    run.refresh_from_db()
    assert run.confirmed_by == cast["committee"].user and run.confirmed_at is not None
    assert len(mail.outbox) == 6
    chloe = next(m for m in mail.outbox if "Chloé" in m.subject)
    supervisor = people["Chloé"].member.supervisor
    assert supervisor is not None
    assert set(chloe.to) == {
        people["Chloé"].member.work_email,
        supervisor.work_email,
        cast["coordinator"].user.email,
    }
    assert "Chloé Nominee is on the waitlist, in place 1." in chloe.body
    assert "Chloé Nominee est sur la liste d'attente, au rang 1." in chloe.body
    assert intakes_to_review(cast["committee"].user) == []


def test_a_refused_confirmation_names_every_problem_and_changes_nothing(
    people: dict[str, Nomination], cast: dict[str, Any], intake: Intake
) -> None:
    score_everyone(cast["committee"].user, people)
    run = selection_run(actor=cast["committee"].user, intake=intake)
    alice, farid = people["Alice"].pk, people["Farid"].pk
    with pytest.raises(ProblemsError) as refused:
        selection_confirm(
            actor=cast["committee"].user,
            intake=intake,
            run=run,
            overrides={farid: ("in", "  "), alice: ("out", ""), 424242: ("in", "x")},
        )
    assert refused.value.fields == {
        f"overrides.{farid}.reason": ["Give the reason for the committee's decision."],
        f"overrides.{alice}.reason": ["Give the reason for the committee's decision."],
        "overrides.424242": ["This nomination is not in the proposal."],
    }
    with pytest.raises(ProblemsError) as refused:
        selection_confirm(
            actor=cast["committee"].user,
            intake=intake,
            run=run,
            overrides={farid: ("in", "Strong record."), alice: ("in", "Sure.")},
        )
    assert refused.value.fields == {
        f"overrides.{alice}": ["This person is already in the proposed cohort."],
        "overrides": ["The cohort would have 4 people for 3 seats."],
    }
    assert set(Nomination.objects.values_list("outcome", flat=True)) == {Outcome.PENDING}
    run.refresh_from_db()
    assert run.confirmed_at is None
    with pytest.raises(NotFound):
        selection_confirm(actor=cast["coordinator"].user, intake=intake, run=run)


def test_a_proposal_run_before_a_withdrawal_must_run_again(
    people: dict[str, Nomination], cast: dict[str, Any], intake: Intake
) -> None:
    score_everyone(cast["committee"].user, people)
    run = selection_run(actor=cast["committee"].user, intake=intake)
    withdraw(actor=cast["admin"].user, nomination=people["Farid"], reason="Moved on.")
    with pytest.raises(ApplicationError) as refused:
        selection_confirm(actor=cast["committee"].user, intake=intake, run=run)
    assert refused.value.code == "stale_run"


def test_a_withdrawn_seat_goes_to_the_first_on_the_waitlist(
    people: dict[str, Nomination],
    cast: dict[str, Any],
    intake: Intake,
    django_capture_on_commit_callbacks: Any,
) -> None:
    score_everyone(cast["committee"].user, people)
    run = selection_run(actor=cast["committee"].user, intake=intake)
    selection_confirm(actor=cast["committee"].user, intake=intake, run=run)
    with pytest.raises(ApplicationError) as refused:
        waitlist_promote(actor=cast["committee"].user, intake=intake)
    assert refused.value.code == "no_free_seat"
    withdraw(actor=cast["admin"].user, nomination=people["Bruno"], reason="New job.")
    with django_capture_on_commit_callbacks(execute=True):
        promoted = waitlist_promote(actor=cast["committee"].user, intake=intake)
    assert promoted.member.given_name == "Chloé"
    ranks = dict(
        Nomination.objects.filter(outcome=Outcome.WAITLISTED).values_list(
            "member__given_name", "waitlist_rank"
        )
    )
    assert ranks == {"Élise": 1, "Farid": 2}
    assert list(NominationEvent.objects.filter(nomination=promoted).values_list("step", flat=True))[
        -2:
    ] == [NominationStep.PROMOTED, NominationStep.SELECTED]
    assert len(mail.outbox) == 1 and "first on the waitlist" in mail.outbox[0].body


def test_a_free_seat_puts_the_intake_back_on_the_worklist(
    people: dict[str, Nomination], cast: dict[str, Any], intake: Intake
) -> None:
    score_everyone(cast["committee"].user, people)
    run = selection_run(actor=cast["committee"].user, intake=intake)
    selection_confirm(actor=cast["committee"].user, intake=intake, run=run)
    assert intakes_to_review(cast["committee"].user) == []
    assert intakes_to_review(cast["admin"].user) == []  # never scored, but nothing to score now
    withdraw(actor=cast["admin"].user, nomination=people["Bruno"], reason="New job.")
    waiting = intakes_to_review(cast["committee"].user)
    assert waiting == [intake] and waiting[0].seat_free  # type: ignore[attr-defined]
    waitlist_promote(actor=cast["committee"].user, intake=intake)
    assert intakes_to_review(cast["committee"].user) == []
