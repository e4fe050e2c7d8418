"""The committee's decision on a proposal, and seats freed later.

Confirming: the committee takes the proposal as it is, or overrides people (in or out of
the cohort), each with a reason. The cohort is SELECTED; every other complete nomination
goes to the waitlist, ranked by total score (then the earlier nomination), except those
the committee took out of the proposal, who are NOT_SELECTED with the committee's reason,
so that no one the committee set aside is offered a seat by rank. The reason goes in the
nomination's history, which its parties read. Everyone (nominee, nominator, supervisor)
is e-mailed once the decision is saved.

Refused, nothing saved: an override without a reason, about someone not in the run or
already where it would put them, a cohort over capacity (all at once); a proposal whose
nominations or totals changed since it ran (run it again); a cohort already confirmed.

Promoting: when a selected nomination is withdrawn, the first on the waitlist is offered
the seat (PROMOTED, then SELECTED) and the waitlist moves up."""

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guild.accounts.models import AnyUser, User
from guild.core.audit import audit_record
from guild.core.errors import ApplicationError, Problem, ProblemsError
from guild.programmes.models import (
    Intake,
    IntakeStage,
    Nomination,
    NominationStep,
    Outcome,
    SelectionRun,
)
from guild.programmes.reasons import explanations_from
from guild.programmes.selectors.selection import (
    complete_nominations,
    confirmed_run,
    nomination_totals,
    selected_count,
    waitlist,
)
from guild.programmes.services.selection import committee_only, history, still_selecting
from guild.programmes.services.selection_notices import outcome_notify

REASON_MAX = 2000
IN, OUT = "in", "out"
Overrides = Mapping[int, tuple[str, str]]


def _override_problems(
    run: SelectionRun, overrides: Overrides, proposed: set[int]
) -> list[Problem]:
    in_run = {e.nominee for e in explanations_from(run.explanations)}
    problems = []
    for pk, (direction, reason) in overrides.items():
        path = f"overrides.{pk}"
        if pk not in in_run:
            problems.append(Problem(path, _("This nomination is not in the proposal.")))
            continue
        if direction not in (IN, OUT):
            problems.append(Problem(path, _('Say "in" or "out".')))
        elif (direction == IN) == (pk in proposed):
            problems.append(
                Problem(
                    path,
                    _("This person is already in the proposed cohort.")
                    if direction == IN
                    else _("This person is already out of the proposed cohort."),
                )
            )
        reason = (reason or "").strip()
        if not reason:
            problems.append(
                Problem(f"{path}.reason", _("Give the reason for the committee's decision."))
            )
        elif len(reason) > REASON_MAX:
            problems.append(
                Problem(
                    f"{path}.reason",
                    _("Keep the reason under %(max)d characters.") % {"max": REASON_MAX},
                )
            )
    return problems


def _stale(run: SelectionRun, intake: Intake) -> bool:
    """The nominations or their totals changed since the run."""
    kept = {e.nominee: e.score for e in explanations_from(run.explanations)}
    return kept != nomination_totals(intake)


def _decide(
    actor: User, nomination: Nomination, outcome: str, rank: int | None, reason: str
) -> None:
    before = nomination.outcome
    nomination.outcome = outcome
    nomination.waitlist_rank = rank
    nomination.decision_reason = reason
    nomination.save(update_fields=["outcome", "waitlist_rank", "decision_reason"])
    if reason:
        history(nomination, NominationStep.OVERRIDDEN, actor, reason)
    step = {
        Outcome.SELECTED: NominationStep.SELECTED,
        Outcome.WAITLISTED: NominationStep.WAITLISTED,
        Outcome.NOT_SELECTED: NominationStep.NOT_SELECTED,
    }[Outcome(outcome)]
    history(nomination, step, actor)
    audit_record(
        actor=actor,
        action="programmes.nomination_outcome",
        obj=nomination,
        changes={"outcome": [before, outcome], "waitlist_rank": rank, "reason": reason},
    )


@transaction.atomic
def selection_confirm(
    *, actor: AnyUser, intake: Intake, run: SelectionRun, overrides: Overrides | None = None
) -> list[Nomination]:
    """Confirm the run's proposal with the committee's overrides ({nomination id: ("in" or
    "out", reason)}); returns the selected nominations."""
    user = committee_only(actor, intake)
    intake = (
        Intake.objects.select_for_update(of=("self",)).select_related("programme").get(pk=intake.pk)
    )
    if run.intake_id != intake.pk:
        raise ApplicationError(_("This proposal is not for this intake."), code="wrong_run")
    still_selecting(intake)
    overrides = dict(overrides or {})
    proposed = set(run.selected)
    problems = _override_problems(run, overrides, proposed)
    in_run = {e.nominee for e in explanations_from(run.explanations)}
    moved = {pk: d for pk, (d, _r) in overrides.items() if pk in in_run}
    cohort = (proposed | {pk for pk, d in moved.items() if d == IN}) - {
        pk for pk, d in moved.items() if d == OUT
    }
    if len(cohort) > intake.capacity:
        problems.append(
            Problem(
                "overrides",
                _("The cohort would have %(count)d people for %(capacity)d seats.")
                % {"count": len(cohort), "capacity": intake.capacity},
            )
        )
    if problems:
        raise ProblemsError(
            gettext_lazy("The cohort cannot be confirmed."),
            code="invalid_confirmation",
            problems=problems,
        )
    if _stale(run, intake):
        raise ApplicationError(
            _(
                "The nominations or their scores changed since this proposal: run the "
                "optimiser again."
            ),
            code="stale_run",
        )
    totals = nomination_totals(intake)
    nominations = list(complete_nominations(intake).select_for_update(of=("self",)))
    taken_out = {pk for pk, d in moved.items() if d == OUT}
    ranked = sorted(
        (n for n in nominations if n.pk not in cohort and n.pk not in taken_out),
        key=lambda n: (-(totals[n.pk] or 0), n.pk),
    )
    for nomination in nominations:
        reason = overrides[nomination.pk][1].strip() if nomination.pk in overrides else ""
        if nomination.pk in cohort:
            _decide(user, nomination, Outcome.SELECTED, None, reason)
        elif nomination.pk in taken_out:
            _decide(user, nomination, Outcome.NOT_SELECTED, None, reason)
    for rank, nomination in enumerate(ranked, start=1):
        _decide(user, nomination, Outcome.WAITLISTED, rank, "")
    run.confirmed_at = timezone.now()
    run.confirmed_by = user
    run.save(update_fields=["confirmed_at", "confirmed_by"])
    outcome_notify(nominations)
    return [n for n in nominations if n.pk in cohort]


@transaction.atomic
def waitlist_promote(*, actor: AnyUser, intake: Intake) -> Nomination:
    """Offer a free seat (a selected nomination withdrawn) to the first on the waitlist."""
    user = committee_only(actor, intake)
    intake = (
        Intake.objects.select_for_update(of=("self",)).select_related("programme").get(pk=intake.pk)
    )
    if intake.stage != IntakeStage.SELECTING or confirmed_run(intake) is None:
        raise ApplicationError(
            _(
                "Seats are offered from the waitlist once the cohort is confirmed, before "
                "it starts."
            ),
            code="no_waitlist",
        )
    if selected_count(intake) >= intake.capacity:
        raise ApplicationError(_("No seat is free in the cohort."), code="no_free_seat")
    waiting = waitlist(intake)
    if not waiting:
        raise ApplicationError(_("No one is on the waitlist."), code="waitlist_empty")
    first, rest = waiting[0], waiting[1:]
    before = first.waitlist_rank
    history(first, NominationStep.PROMOTED, user)
    first.outcome = Outcome.SELECTED
    first.waitlist_rank = None
    first.save(update_fields=["outcome", "waitlist_rank"])
    history(first, NominationStep.SELECTED, user)
    for rank, nomination in enumerate(rest, start=1):
        if nomination.waitlist_rank != rank:
            nomination.waitlist_rank = rank
            nomination.save(update_fields=["waitlist_rank"])
    audit_record(
        actor=actor,
        action="programmes.waitlist_promote",
        obj=first,
        changes={
            "outcome": [Outcome.WAITLISTED, Outcome.SELECTED],
            "waitlist_rank": [before, None],
        },
    )
    outcome_notify([first], promoted=True)
    return first
