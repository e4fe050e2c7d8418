"""API: my pairs, and what I do with one: accept, decline, check in, complete, end early,
ask for a rematch. Anyone else's pair, or one of an unpublished round, is a 404."""

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status, codes_4xx

from guild.core.api_errors import ErrorOut
from guild.members.access import own_member_id
from guild.mentoring.access import access_own_pair
from guild.mentoring.models import Pair, PoolKind
from guild.mentoring.reasons import pair_reason_sentences
from guild.mentoring.selectors.pairs import my_pairs
from guild.mentoring.services import pairs as service

router = Router(tags=["mentoring"])


class ReasonCriterionOut(Schema):
    criterion: str = Field(description="competencies, goals, region, format or availability")
    codes: list[str]
    points: Decimal


class CheckInOut(Schema):
    id: int
    member_id: int
    at: datetime.datetime
    note: str


class PairOut(Schema):
    id: int
    pool_id: int
    round_id: int
    kind: str
    my_role: str = Field(description="mentee, mentor or buddy")
    partner_id: int
    partner_name: str
    partner_email: str
    status: str = Field(
        description="proposed, active, completed, ended (early), declined or excluded"
    )
    score: Decimal
    reasons: list[ReasonCriterionOut]
    reason_sentences: list[str] = Field(description="The reasons in the request's language.")
    i_accepted: bool
    partner_accepted: bool
    active_since: datetime.datetime | None
    ended_at: datetime.datetime | None
    end_reason: str
    check_ins: list[CheckInOut]


class ReasonIn(Schema):
    reason: str = Field("", max_length=500)


class CheckInIn(Schema):
    at: datetime.datetime | None = None
    note: str = Field("", max_length=2000)


def pair_out(pair: Pair, me: int | None) -> PairOut:
    mine_first = pair.first.member_id == me
    partner = pair.second if mine_first else pair.first
    role = "buddy" if pair.kind == PoolKind.BUDDY else "mentee" if mine_first else "mentor"
    mine_at, theirs_at = (
        (pair.first_accepted_at, pair.second_accepted_at)
        if mine_first
        else (pair.second_accepted_at, pair.first_accepted_at)
    )
    return PairOut(
        id=pair.pk,
        pool_id=pair.pool_id,
        round_id=pair.round_id,
        kind=pair.kind,
        my_role=role,
        partner_id=partner.member_id,
        partner_name=partner.member.full_name,
        partner_email=partner.member.work_email,
        status=pair.status,
        score=pair.score,
        reasons=[ReasonCriterionOut(**r) for r in pair.reasons],
        reason_sentences=pair_reason_sentences(
            pair.first.member_id, pair.second.member_id, pair.score, pair.reasons
        ),
        i_accepted=mine_at is not None,
        partner_accepted=theirs_at is not None,
        active_since=pair.active_since,
        ended_at=pair.ended_at,
        end_reason=pair.end_reason,
        check_ins=[
            CheckInOut(id=c.pk, member_id=c.member_id, at=c.at, note=c.note)
            for c in pair.check_ins.all()
        ],
    )


def _fresh(request: HttpRequest, pair_id: Any) -> PairOut:
    return pair_out(my_pairs(request.user).get(pk=pair_id), own_member_id(request.user))


@router.get(
    "/pairs", response={200: list[PairOut], codes_4xx: ErrorOut}, operation_id="mentoring_my_pairs"
)
def pairs(request: HttpRequest) -> list[PairOut]:
    """My pairs of published rounds, the newest first."""
    me = own_member_id(request.user)
    return [pair_out(p, me) for p in my_pairs(request.user)]


@router.get(
    "/pairs/{pair_id}", response={200: PairOut, codes_4xx: ErrorOut}, operation_id="mentoring_pair"
)
def pair(request: HttpRequest, pair_id: int) -> PairOut:
    """One of my pairs; 404 for anyone else's."""
    return _fresh(request, access_own_pair(request.user, pair_id).pk)


@router.post(
    "/pairs/{pair_id}/accept",
    response={200: PairOut, codes_4xx: ErrorOut},
    operation_id="mentoring_pair_accept",
)
def accept(request: HttpRequest, pair_id: int) -> PairOut:
    """Accept my proposed pair; it is active once we both have."""
    found = access_own_pair(request.user, pair_id)
    service.pair_accept(actor=request.user, pair=found)
    return _fresh(request, found.pk)


@router.post(
    "/pairs/{pair_id}/decline",
    response={200: PairOut, codes_4xx: ErrorOut},
    operation_id="mentoring_pair_decline",
)
def decline(request: HttpRequest, pair_id: int, payload: ReasonIn) -> PairOut:
    """Decline my proposed pair; we both stay in the pool for the next round."""
    found = access_own_pair(request.user, pair_id)
    service.pair_decline(actor=request.user, pair=found, reason=payload.reason)
    return _fresh(request, found.pk)


@router.post(
    "/pairs/{pair_id}/check-ins",
    response={201: CheckInOut, codes_4xx: ErrorOut},
    operation_id="mentoring_pair_check_in",
)
def check_in(request: HttpRequest, pair_id: int, payload: CheckInIn) -> Status[CheckInOut]:
    """Record that we met (an active pair), with a note."""
    found = access_own_pair(request.user, pair_id)
    entry = service.check_in(actor=request.user, pair=found, note=payload.note, at=payload.at)
    return Status(
        201, CheckInOut(id=entry.pk, member_id=entry.member_id, at=entry.at, note=entry.note)
    )


@router.post(
    "/pairs/{pair_id}/complete",
    response={200: PairOut, codes_4xx: ErrorOut},
    operation_id="mentoring_pair_complete",
)
def complete(request: HttpRequest, pair_id: int) -> PairOut:
    """Close my active pair as completed."""
    found = access_own_pair(request.user, pair_id)
    service.pair_complete(actor=request.user, pair=found)
    return _fresh(request, found.pk)


@router.post(
    "/pairs/{pair_id}/end",
    response={200: PairOut, codes_4xx: ErrorOut},
    operation_id="mentoring_pair_end_early",
)
def end_early(request: HttpRequest, pair_id: int, payload: ReasonIn) -> PairOut:
    """End my active pair early; the reason is required."""
    found = access_own_pair(request.user, pair_id)
    service.pair_end_early(actor=request.user, pair=found, reason=payload.reason)
    return _fresh(request, found.pk)


@router.post(
    "/pairs/{pair_id}/rematch",
    response={200: PairOut, codes_4xx: ErrorOut},
    operation_id="mentoring_pair_rematch",
)
def rematch(request: HttpRequest, pair_id: int, payload: ReasonIn) -> PairOut:
    """Ask for another partner: this pair ends, and I stay in the pool for the next round."""
    found = access_own_pair(request.user, pair_id)
    service.rematch_request(actor=request.user, pair=found, reason=payload.reason)
    return _fresh(request, found.pk)
