"""Selection JSON API, for the selection committee and administrators (404 for anyone
else): the caller's own scores of a nomination, read and replaced; a run of the optimiser
with everyone's reasons (400 `selection_infeasible` naming the conflicting rules at their
paths in the constraints, or `unscored`); the committee's confirmation with overrides."""

import datetime
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status, codes_4xx

from guild.core.api_errors import ErrorOut
from guild.core.bilingual import localize
from guild.core.errors import NotFound
from guild.programmes import access
from guild.programmes.models import Nomination, Outcome
from guild.programmes.selectors.selection import (
    level_code,
    my_scores,
    proposal_rows,
)
from guild.programmes.services.selection import score_save, selection_run
from guild.programmes.services.selection_outcomes import selection_confirm

router = Router(tags=["programmes"])


class CriterionScoreOut(Schema):
    criterion_id: int
    name: str
    weight: int
    max_score: int
    value: int | None
    """The caller's value, None while not scored."""
    comment: str


class ScoresOut(Schema):
    nomination_id: int
    scored: bool
    """The caller has scored every criterion."""
    criteria: list[CriterionScoreOut]


class CriterionScoreIn(Schema):
    criterion_id: int
    value: int
    comment: str = ""


class ScoresIn(Schema):
    scores: list[CriterionScoreIn]
    """One value for every criterion of the intake, from 0 to its highest score."""


class ReasonOut(Schema):
    code: str
    """in, out, out_score, out_department, out_rule, out_tie, in_rule or in_tie."""
    text: str
    """The reason in the request's language."""


class NomineeOut(Schema):
    nomination_id: int
    name: str
    selected: bool
    score: Decimal
    rank: int
    department: str
    region: str
    first_official_language: str
    level: str
    """The group and level, "?" when the profile has none."""
    reasons: list[ReasonOut]


class RunOut(Schema):
    id: int
    intake_id: int
    run_at: datetime.datetime
    total_score: Decimal
    optimal: bool
    """The solver proved that no cohort keeping the rules has a higher total."""
    selected: list[int]
    nominees: list[NomineeOut]


class OverrideIn(Schema):
    nomination_id: int
    decision: Literal["in", "out"]
    reason: str


class ConfirmIn(Schema):
    run_id: int
    overrides: list[OverrideIn] = []


class PlaceOut(Schema):
    nomination_id: int
    outcome: str
    waitlist_rank: int | None


class ConfirmOut(Schema):
    run_id: int
    confirmed_at: datetime.datetime
    outcomes: list[PlaceOut]


def _nomination(request: HttpRequest, nomination_id: int) -> Nomination:
    nomination = access.access_nomination(request.user, nomination_id)
    if not access.sits_on_committee(request.user, nomination.intake.programme.community_id):
        raise NotFound()
    return nomination


def _scores_out(request: HttpRequest, nomination: Nomination) -> ScoresOut:
    mine = my_scores(request.user, nomination)
    criteria = list(nomination.intake.criteria.all())
    return ScoresOut(
        nomination_id=nomination.pk,
        scored=bool(criteria) and all(c.pk in mine for c in criteria),
        criteria=[
            CriterionScoreOut(
                criterion_id=c.pk,
                name=localize(c, "name").text,
                weight=c.weight,
                max_score=c.max_score,
                value=mine[c.pk].value if c.pk in mine else None,
                comment=mine[c.pk].comment if c.pk in mine else "",
            )
            for c in criteria
        ],
    )


@router.get(
    "/nominations/{nomination_id}/scores",
    response={200: ScoresOut, codes_4xx: ErrorOut},
    operation_id="programmes_scores_mine",
)
def scores_mine(request: HttpRequest, nomination_id: int) -> ScoresOut:
    """The caller's own scores of a nomination, criterion by criterion."""
    return _scores_out(request, _nomination(request, nomination_id))


@router.put(
    "/nominations/{nomination_id}/scores",
    response={200: ScoresOut, codes_4xx: ErrorOut},
    operation_id="programmes_scores_save",
)
def scores_save(request: HttpRequest, nomination_id: int, payload: ScoresIn) -> ScoresOut:
    """Score a complete nomination of an intake in selection on every criterion; replaces
    the caller's earlier scores. 400 `invalid_scores` with every problem at its path
    (`scores.<criterion id>`), nothing saved."""
    nomination = _nomination(request, nomination_id)
    score_save(
        actor=request.user,
        nomination=nomination,
        scores={item.criterion_id: item.value for item in payload.scores},
        comments={item.criterion_id: item.comment for item in payload.scores},
    )
    return _scores_out(request, nomination)


@router.post(
    "/intakes/{intake_id}/selection-runs",
    response={201: RunOut, codes_4xx: ErrorOut},
    operation_id="programmes_selection_run",
)
def run_create(request: HttpRequest, intake_id: int) -> Status[RunOut]:
    """Run the optimiser on the intake's complete, scored nominations. 400
    `selection_infeasible` when the rules conflict (the message and `fields` name them),
    `unscored` while a complete nomination lacks a score; nothing is saved then."""
    intake = access.access_intake_for_committee(request.user, intake_id)
    run = selection_run(actor=request.user, intake=intake)
    rows = proposal_rows(run)
    return Status(
        201,
        RunOut(
            id=run.pk,
            intake_id=intake.pk,
            run_at=run.run_at,
            total_score=run.total_score,
            optimal=run.optimal,
            selected=list(run.selected),
            nominees=[
                NomineeOut(
                    nomination_id=row.nomination.pk,
                    name=row.nomination.member.full_name,
                    selected=row.explanation.selected,
                    score=row.explanation.score,
                    rank=row.explanation.rank,
                    department=row.nomination.department.code,
                    region=row.nomination.member.region.code,
                    first_official_language=row.nomination.member.first_official_language,
                    level=level_code(row.nomination),
                    reasons=[
                        ReasonOut(code=reason.code, text=text)
                        for reason, text in zip(row.explanation.reasons, row.reasons, strict=True)
                    ],
                )
                for row in rows
            ],
        ),
    )


@router.post(
    "/intakes/{intake_id}/selection",
    response={200: ConfirmOut, codes_4xx: ErrorOut},
    operation_id="programmes_selection_confirm",
)
def selection_confirm_api(request: HttpRequest, intake_id: int, payload: ConfirmIn) -> ConfirmOut:
    """Confirm a run's proposal, with overrides (in or out, each with a reason). The rest
    go to the waitlist ranked by score; those taken out are not selected. 400 with every
    problem at its path (`overrides.<nomination id>.reason`), nothing saved."""
    intake = access.access_intake_for_committee(request.user, intake_id)
    run = intake.selection_runs.filter(pk=payload.run_id).first()
    if run is None:
        raise NotFound()
    selection_confirm(
        actor=request.user,
        intake=intake,
        run=run,
        overrides={o.nomination_id: (o.decision, o.reason) for o in payload.overrides},
    )
    run.refresh_from_db()
    decided = (
        Nomination.objects.filter(intake=intake, withdrawn_at__isnull=True)
        .exclude(outcome=Outcome.PENDING)
        .order_by("pk")
    )
    return ConfirmOut(
        run_id=run.pk,
        confirmed_at=run.confirmed_at or run.run_at,
        outcomes=[
            PlaceOut(nomination_id=n.pk, outcome=n.outcome, waitlist_rank=n.waitlist_rank)
            for n in decided
        ],
    )
