"""Scoring and selection, each write in a transaction with its history entry and audit
record: a reviewer (the committee, administrators) scores a complete nomination, the
optimiser proposes a cohort (`SelectionRun`); confirming it is `selection_outcomes`.

Refused with every problem at once (`ProblemsError`), nothing saved: scores out of range
or missing, for a nomination not complete or an intake not in selection. A run with
conflicting rules raises the optimiser's `SelectionConflict`, which names them; nothing
is saved either."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from guild.accounts.models import AnyUser, User
from guild.core.audit import audit_record
from guild.core.errors import ApplicationError, NotFound, Problem, ProblemsError
from guild.programmes.access import sits_on_committee
from guild.programmes.models import (
    Criterion,
    Intake,
    IntakeStage,
    Nomination,
    NominationEvent,
    NominationStep,
    Score,
    SelectionRun,
)
from guild.programmes.reasons import selection_json
from guild.programmes.selection import Balance, Constraints, select_cohort
from guild.programmes.selectors.selection import (
    complete_nominations,
    confirmed_run,
    labels,
    nomination_totals,
    nominees,
)

COMMENT_MAX = 2000


def committee_only(actor: AnyUser, intake: Intake) -> User:
    """The actor, who sits on the intake's selection committee or administers it."""
    if not isinstance(actor, User) or not sits_on_committee(actor, intake.programme.community_id):
        raise NotFound()
    return actor


def still_selecting(intake: Intake) -> None:
    if intake.stage != IntakeStage.SELECTING:
        raise ApplicationError(
            _("This intake is not in selection: its stage is %(stage)s.")
            % {"stage": intake.get_stage_display()},
            code="not_selecting",
        )
    if confirmed_run(intake) is not None:
        raise ApplicationError(
            _("The cohort of this intake is already confirmed."), code="already_confirmed"
        )


def history(nomination: Nomination, step: str, actor: User | None, note: str = "") -> None:
    NominationEvent.objects.create(nomination=nomination, step=step, actor=actor, note=note)


def _score_problems(
    intake: Intake, scores: Mapping[Any, Any], comments: Mapping[Any, Any]
) -> tuple[dict[int, Criterion], dict[int, int], list[Problem]]:
    """The intake's criteria, the values that are right, and every problem of the rest."""
    criteria = {c.pk: c for c in intake.criteria.all()}
    problems: list[Problem] = []
    values: dict[int, int] = {}
    for key in list(scores) + [k for k in comments if k not in scores]:
        if _as_int(key) not in criteria:
            problems.append(Problem(f"scores.{key}", _("This is not a criterion of the intake.")))
    for pk, criterion in criteria.items():
        raw = scores.get(pk, scores.get(str(pk)))
        value = _as_int(raw)
        name = {"criterion": criterion.name, "max": criterion.max_score}
        if raw is None or raw == "":
            problems.append(Problem(f"scores.{pk}", _("Score %(criterion)s.") % name))
        elif value is None or not 0 <= value <= criterion.max_score:
            problems.append(
                Problem(
                    f"scores.{pk}",
                    _("The score on %(criterion)s must be a whole number from 0 to %(max)d.")
                    % name,
                )
            )
        else:
            values[pk] = value
        comment = str(comments.get(pk, comments.get(str(pk), "")) or "")
        if len(comment) > COMMENT_MAX:
            problems.append(
                Problem(
                    f"comments.{pk}",
                    _("Keep the comment under %(max)d characters.") % {"max": COMMENT_MAX},
                )
            )
    return criteria, values, problems


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


@transaction.atomic
def score_save(
    *,
    actor: AnyUser,
    nomination: Nomination,
    scores: Mapping[Any, Any],
    comments: Mapping[Any, Any] | None = None,
) -> list[Score]:
    """The reviewer's scores of a complete nomination, one value from 0 to the criterion's
    highest score on every criterion of the intake, with an optional comment on each;
    saved again replaces the reviewer's earlier scores."""
    intake = nomination.intake
    reviewer = committee_only(actor, intake)
    comments = comments or {}
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if not nomination.is_complete:
        raise ApplicationError(
            _(
                "Only nominations accepted by the nominee and endorsed by the supervisor "
                "are scored."
            ),
            code="not_complete",
        )
    still_selecting(intake)
    criteria, values, problems = _score_problems(intake, scores, comments)
    if not criteria:
        problems.append(Problem("scores", _("This intake has no selection criterion to score.")))
    if problems:
        raise ProblemsError(
            gettext_lazy("The scores cannot be saved."), code="invalid_scores", problems=problems
        )
    first = not Score.objects.filter(nomination=nomination, reviewer=reviewer).exists()
    saved = []
    for pk, value in values.items():
        comment = str(comments.get(pk, comments.get(str(pk), "")) or "").strip()
        score, _created = Score.objects.update_or_create(
            nomination=nomination,
            criterion=criteria[pk],
            reviewer=reviewer,
            defaults={"value": value, "comment": comment},
        )
        saved.append(score)
    if first:
        # Seen by every party to the nomination: neither the reviewer nor the values.
        history(nomination, NominationStep.SCORED, None)
    audit_record(
        actor=actor,
        action="programmes.score_save",
        obj=nomination,
        changes={"scores": {str(pk): v for pk, v in values.items()}},
    )
    return saved


def constraints_for(intake: Intake) -> Constraints:
    return Constraints(
        capacity=intake.capacity,
        max_per_department=intake.max_per_department,
        min_departments=intake.min_departments,
        balance=tuple(
            Balance(rule.attribute, rule.value, rule.at_least, rule.at_most, rule.percent)
            for rule in intake.balance_rules.all()
        ),
    )


@transaction.atomic
def selection_run(*, actor: AnyUser, intake: Intake) -> SelectionRun:
    """Run the optimiser on the intake's complete, scored nominations and keep its
    proposal. Refused while any complete nomination has no score."""
    user = committee_only(actor, intake)
    intake = (
        Intake.objects.select_for_update(of=("self",)).select_related("programme").get(pk=intake.pk)
    )
    still_selecting(intake)
    totals = nomination_totals(intake)
    if not totals:
        raise ApplicationError(
            _("There are no complete nominations to select from."), code="no_nominations"
        )
    unscored = sum(total is None for total in totals.values())
    if unscored:
        raise ApplicationError(
            ngettext(
                "%(count)d nomination has no score yet: every criterion of every complete "
                "nomination needs a score before the optimiser runs.",
                "%(count)d nominations have no score yet: every criterion of every complete "
                "nomination needs a score before the optimiser runs.",
                unscored,
            )
            % {"count": unscored},
            code="unscored",
        )
    words = labels(list(complete_nominations(intake)))
    selection = select_cohort(nominees(intake, totals), constraints_for(intake), labels=words)
    run = SelectionRun.objects.create(
        intake=intake,
        run_by=user,
        selected=list(selection.selected),
        explanations=selection_json(selection),
        total_score=selection.total,
        optimal=selection.optimal,
    )
    audit_record(
        actor=actor,
        action="programmes.selection_run",
        obj=run,
        changes={"selected": list(selection.selected), "total": str(selection.total)},
    )
    return run
