"""API for a pool's coordinators: run a round, read its proposed pairs with their reasons
and the unmatched with theirs, approve, swap two people, exclude a pair, publish."""

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status, codes_4xx

from guild.core.api_errors import ErrorOut
from guild.mentoring.access import access_pool, access_round
from guild.mentoring.api.pairs import ReasonCriterionOut
from guild.mentoring.models import Round
from guild.mentoring.reasons import pair_reason_sentences, unmatched_reason_sentences
from guild.mentoring.selectors.rounds import pool_rounds, round_pairs, round_unmatched
from guild.mentoring.services import rounds as service

router = Router(tags=["mentoring"])


class RoundOut(Schema):
    id: int
    pool_id: int
    number: int
    status: str = Field(description="draft, proposed or published")
    created_at: datetime.datetime
    published_at: datetime.datetime | None
    people: int
    pairs_count: int
    unmatched_count: int
    total_score: Decimal
    candidates: int
    optimal: bool


class PersonOut(Schema):
    member_id: int
    name: str
    department: str


class ProposedPairOut(Schema):
    id: int
    first: PersonOut = Field(description="The mentee, or a buddy.")
    second: PersonOut = Field(description="The mentor, or the other buddy.")
    status: str
    approved: bool
    score: Decimal
    reasons: list[ReasonCriterionOut]
    reason_sentences: list[str]


class MentoringReasonOut(Schema):
    code: str = Field(description="empty, no_candidate, full, taken or excluded")
    params: dict[str, Any]


class UnmatchedOut(Schema):
    person: PersonOut
    side: str
    reasons: list[MentoringReasonOut]
    reason_sentences: list[str]


class RoundDetailOut(RoundOut):
    pairs: list[ProposedPairOut]
    unmatched: list[UnmatchedOut]


class ApproveIn(Schema):
    pair_ids: list[int] = Field(max_length=100_000)


class SwapIn(Schema):
    pair_ids: list[int] = Field(min_length=2, max_length=2)
    member_ids: list[int] = Field(
        min_length=2,
        max_length=2,
        description="One person of each pair, in the same order: they trade places.",
    )


class ExcludeIn(Schema):
    pair_id: int


def round_out(found: Round) -> RoundOut:
    return RoundOut(
        id=found.pk,
        pool_id=found.pool_id,
        number=found.number,
        status=found.status,
        created_at=found.created_at,
        published_at=found.published_at,
        people=found.people,
        pairs_count=found.pairs_count,
        unmatched_count=found.unmatched_count,
        total_score=found.total_score,
        candidates=found.candidates,
        optimal=found.optimal,
    )


def _person(membership: Any) -> PersonOut:
    member = membership.member
    return PersonOut(member_id=member.pk, name=member.full_name, department=member.department.code)


def round_detail_out(found: Round) -> RoundDetailOut:
    pairs = list(round_pairs(found))
    unmatched = list(round_unmatched(found))
    names = {m.member_id: m.member.full_name for p in pairs for m in (p.first, p.second)}
    return RoundDetailOut(
        **round_out(found).dict(),
        pairs=[
            ProposedPairOut(
                id=p.pk,
                first=_person(p.first),
                second=_person(p.second),
                status=p.status,
                approved=p.approved_at is not None,
                score=p.score,
                reasons=[ReasonCriterionOut(**r) for r in p.reasons],
                reason_sentences=pair_reason_sentences(
                    p.first.member_id, p.second.member_id, p.score, p.reasons
                ),
            )
            for p in pairs
        ],
        unmatched=[
            UnmatchedOut(
                person=PersonOut(
                    member_id=u.membership.member_id,
                    name=u.membership.member.full_name,
                    department=u.membership.member.department.code,
                ),
                side=u.membership.side,
                reasons=[
                    MentoringReasonOut(code=r["code"], params=r.get("params") or {})
                    for r in u.reasons
                ],
                reason_sentences=unmatched_reason_sentences(
                    u.membership.member_id, u.membership.side, u.reasons, names=names
                ),
            )
            for u in unmatched
        ],
    )


def _detail(request: HttpRequest, round_id: int) -> RoundDetailOut:
    return round_detail_out(access_round(request.user, round_id))


@router.get(
    "/pools/{pool_id}/rounds",
    response={200: list[RoundOut], codes_4xx: ErrorOut},
    operation_id="mentoring_rounds",
)
def rounds(request: HttpRequest, pool_id: int) -> list[RoundOut]:
    """A pool's rounds, the latest first (its coordinators)."""
    pool = access_pool(request.user, pool_id, to_coordinate=True)
    return [round_out(r) for r in pool_rounds(pool)]


@router.post(
    "/pools/{pool_id}/rounds",
    response={201: RoundDetailOut, codes_4xx: ErrorOut},
    operation_id="mentoring_round_run",
)
def run(request: HttpRequest, pool_id: int) -> Status[RoundDetailOut]:
    """Run a round on the pool's members with places left: the optimal pairs under the hard
    rules, each with its reasons, and why each unmatched person is."""
    pool = access_pool(request.user, pool_id, to_coordinate=True)
    found = service.round_run(actor=request.user, pool=pool)
    return Status(201, round_detail_out(found))


@router.get(
    "/rounds/{round_id}",
    response={200: RoundDetailOut, codes_4xx: ErrorOut},
    operation_id="mentoring_round",
)
def round_detail(request: HttpRequest, round_id: int) -> RoundDetailOut:
    """A round with its pairs and the unmatched, with their reasons (its coordinators)."""
    return _detail(request, round_id)


@router.post(
    "/rounds/{round_id}/approve",
    response={200: RoundDetailOut, codes_4xx: ErrorOut},
    operation_id="mentoring_round_approve",
)
def approve(request: HttpRequest, round_id: int, payload: ApproveIn) -> RoundDetailOut:
    """Approve pairs, taking their places; 400 naming each that cannot be, nothing changed."""
    found = access_round(request.user, round_id)
    service.round_approve(actor=request.user, round_=found, pair_ids=payload.pair_ids)
    return _detail(request, round_id)


@router.post(
    "/rounds/{round_id}/swap",
    response={200: RoundDetailOut, codes_4xx: ErrorOut},
    operation_id="mentoring_round_swap",
)
def swap(request: HttpRequest, round_id: int, payload: SwapIn) -> RoundDetailOut:
    """Swap two people between two pairs not yet approved, re-checked against the hard rules."""
    found = access_round(request.user, round_id)
    service.round_swap(
        actor=request.user, round_=found, pair_ids=payload.pair_ids, member_ids=payload.member_ids
    )
    return _detail(request, round_id)


@router.post(
    "/rounds/{round_id}/exclude",
    response={200: RoundDetailOut, codes_4xx: ErrorOut},
    operation_id="mentoring_round_exclude",
)
def exclude(request: HttpRequest, round_id: int, payload: ExcludeIn) -> RoundDetailOut:
    """Set a pair aside; its two people are told so and kept for the next round."""
    found = access_round(request.user, round_id)
    service.round_exclude(actor=request.user, round_=found, pair_id=payload.pair_id)
    return _detail(request, round_id)


@router.post(
    "/rounds/{round_id}/publish",
    response={200: RoundDetailOut, codes_4xx: ErrorOut},
    operation_id="mentoring_round_publish",
)
def publish(request: HttpRequest, round_id: int) -> RoundDetailOut:
    """Publish the round once (the pairs still waiting approved) and e-mail its members;
    400 `already_published` the second time."""
    found = access_round(request.user, round_id)
    service.round_publish(actor=request.user, round_=found)
    return _detail(request, round_id)
