"""Matching rounds by the pool's coordinators: run (the engine on the pool's members, every
proposed pair stored with its reasons and every unmatched person with theirs), approve,
swap two people between pairs (re-checked against the hard rules), exclude a pair, and
publish (once; the members are e-mailed in English and French).

Approving takes the pair's places (`places.take_places`, ADR 20); publishing approves the
pairs still waiting. Either lists every pair it could not approve and changes nothing."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guild.accounts.models import AnyUser, signed_in
from guild.core.audit import audit_record
from guild.core.errors import ApplicationError, NotFound, Problem, ProblemsError
from guild.mentoring.access import coordinates
from guild.mentoring.matching import Pair as EnginePair
from guild.mentoring.matching import Round as EngineRound
from guild.mentoring.matching import buddy_round, mentoring_round
from guild.mentoring.matching.explain import RULE_NAMES
from guild.mentoring.models import (
    Pair,
    PairStatus,
    Pool,
    PoolKind,
    PoolMembership,
    Round,
    RoundStatus,
    Unmatched,
)
from guild.mentoring.reasons import EXCLUDED, criteria_json, reasons_json
from guild.mentoring.selectors.rounds import matching_inputs, pool_rules, pool_weights
from guild.mentoring.services.notices import round_notify
from guild.mentoring.services.places import release_places, take_places


class RoundError(ProblemsError):
    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(
            gettext_lazy("Some pairs cannot be approved; nothing was changed."),
            code="pairs_unavailable",
            problems=problems,
        )


def _coordinator(actor: AnyUser, pool: Pool) -> None:
    if not coordinates(actor, pool.community_id):
        raise NotFound()


def _lock_round(round_: Round) -> Round:
    return Round.objects.select_for_update(of=("self",)).select_related("pool").get(pk=round_.pk)


def _editable(round_: Round) -> None:
    if round_.status == RoundStatus.PUBLISHED:
        raise ApplicationError(_("This round is already published."), code="already_published")


@transaction.atomic
def round_run(*, actor: AnyUser, pool: Pool) -> Round:
    """Run a round on the pool's active members with places left, and keep its proposal
    (status proposed). Raises `MatchingError` (every problem) when the engine refuses."""
    _coordinator(actor, pool)
    Pool.objects.select_for_update().filter(pk=pool.pk).first()  # numbers one at a time
    number = (Round.objects.filter(pool=pool).aggregate(n=Max("number"))["n"] or 0) + 1
    inputs = matching_inputs(pool)
    result: EngineRound
    if pool.kind == PoolKind.MENTORING:
        result = mentoring_round(
            inputs.people,
            inputs.mentors,
            weights=pool_weights(pool),
            rules=pool_rules(pool),
            past=inputs.past,
        )
    else:
        result = buddy_round(
            inputs.people, weights=pool_weights(pool), rules=pool_rules(pool), past=inputs.past
        )
    round_ = Round.objects.create(
        pool=pool,
        number=number,
        status=RoundStatus.PROPOSED,
        created_by=signed_in(actor),
        people=len(inputs.people) + len(inputs.mentors),
        pairs_count=len(result.pairs),
        unmatched_count=len(result.unmatched),
        total_score=result.total,
        candidates=result.candidates,
        optimal=result.optimal,
    )
    by_member = inputs.memberships
    pairs = []
    for pair in result.pairs:
        first, second = by_member[pair.first], by_member[pair.second]
        if pool.kind == PoolKind.BUDDY and second.pk < first.pk:
            first, second = second, first
        pairs.append(
            Pair(
                pool=pool,
                round=round_,
                kind=pool.kind,
                first=first,
                second=second,
                score=pair.score,
                reasons=criteria_json(pair.criteria),
            )
        )
    Pair.objects.bulk_create(pairs)
    Unmatched.objects.bulk_create(
        Unmatched(round=round_, membership=by_member[u.member], reasons=reasons_json(u.reasons))
        for u in result.unmatched
    )
    audit_record(
        actor=actor,
        action="mentoring.round_run",
        obj=round_,
        changes={"pairs": len(pairs), "unmatched": len(result.unmatched)},
    )
    return round_


def _round_pairs(round_: Round, pair_ids: Sequence[Any]) -> list[Pair]:
    """The pairs of `round_` named, locked in id order; a tampered id is NotFound."""
    try:
        wanted = sorted({int(i) for i in pair_ids})
    except (TypeError, ValueError):
        raise NotFound() from None
    found = list(
        Pair.objects.select_for_update()
        .filter(round=round_, pk__in=[i for i in wanted if 0 < i < 2**63])
        .order_by("pk")
    )
    if len(found) != len(wanted):
        raise NotFound()
    return found


def _approve(actor: AnyUser, pairs: Sequence[Pair]) -> list[Pair]:
    problems: list[Problem] = []
    approved = []
    # Every membership involved, locked at once in id order: two approvals of several
    # pairs each never wait on each other's rows in opposite orders (ADR 20).
    ids = sorted({i for p in pairs for i in (p.first_id, p.second_id)})
    list(PoolMembership.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    for pair in pairs:
        if pair.status != PairStatus.PROPOSED or pair.approved_at is not None:
            continue
        problem = take_places(pair, actor=actor)
        if problem is None:
            approved.append(pair)
        else:
            problems.append(problem)
    if problems:
        raise RoundError(problems)
    return approved


@transaction.atomic
def round_approve(*, actor: AnyUser, round_: Round, pair_ids: Sequence[Any]) -> list[Pair]:
    """Approve pairs of a proposed round, taking their places. Every pair that cannot be
    approved (a person full meanwhile, or the same two people approved already) is named
    and nothing is changed."""
    _coordinator(actor, round_.pool)
    round_ = _lock_round(round_)
    _editable(round_)
    pairs = _round_pairs(round_, pair_ids)
    if any(p.status == PairStatus.EXCLUDED for p in pairs):
        raise ApplicationError(_("An excluded pair cannot be approved."), code="pair_excluded")
    approved = _approve(actor, pairs)
    for pair in approved:
        audit_record(actor=actor, action="mentoring.pair_approve", obj=pair)
    return approved


@transaction.atomic
def round_exclude(*, actor: AnyUser, round_: Round, pair_id: Any) -> Pair:
    """Set a pair of an unpublished round aside (its places, if approved, given back); its
    two people are told so when the round is published, and kept for the next round."""
    _coordinator(actor, round_.pool)
    round_ = _lock_round(round_)
    _editable(round_)
    (pair,) = _round_pairs(round_, [pair_id])
    if pair.status == PairStatus.EXCLUDED:
        return pair
    release_places(pair, PairStatus.EXCLUDED)
    pair.approved_at = None
    pair.approved_by = None
    pair.save(update_fields=["status", "holds_places", "approved_at", "approved_by", "updated_at"])
    still_paired = set(
        round_.pairs.exclude(status=PairStatus.EXCLUDED).values_list("first_id", "second_id")
    )
    for membership_id in (pair.first_id, pair.second_id):
        if any(membership_id in ids for ids in still_paired):
            continue  # a mentor with another mentee in this round
        Unmatched.objects.get_or_create(
            round=round_, membership_id=membership_id, defaults={"reasons": [{"code": EXCLUDED}]}
        )
    Round.objects.filter(pk=round_.pk).update(
        pairs_count=round_.pairs.exclude(status=PairStatus.EXCLUDED).count(),
        unmatched_count=round_.unmatched.count(),
    )
    audit_record(actor=actor, action="mentoring.pair_exclude", obj=pair)
    return pair


def _recheck(
    pool: Pool, first: PoolMembership, second: PoolMembership
) -> tuple[EnginePair | None, Problem | None]:
    """The engine on the two alone: the pair it proposes (with its score and reasons), or
    why the hard rules refuse them."""
    a, b = first.member_id, second.member_id
    inputs = matching_inputs(pool, only={a, b})
    people = {p.id: p for p in inputs.people}
    mentors = {p.id: p for p in inputs.mentors}
    at = f"{first.member} + {second.member}"
    if pool.kind == PoolKind.MENTORING:
        if a not in people or b not in mentors:
            return None, Problem(at, _("One of them has no place left in this pool."))
        result = mentoring_round(
            [people[a]],
            [mentors[b]],
            weights=pool_weights(pool),
            rules=pool_rules(pool),
            past=inputs.past,
        )
    else:
        if a not in people or b not in people:
            return None, Problem(at, _("One of them has no place left in this pool."))
        result = buddy_round(
            [people[a], people[b]],
            weights=pool_weights(pool),
            rules=pool_rules(pool),
            past=inputs.past,
        )
    if result.pairs:
        return result.pairs[0], None
    reasons = result.unmatched[0].reasons if result.unmatched else ()
    rule = str(reasons[0].params.get("rule", "")) if reasons else ""
    return None, Problem(
        at,
        _("The hard rules do not allow this pair: “%(rule)s”.")
        % {"rule": RULE_NAMES.get(rule, rule)},
    )


def _with(
    pair: Pair, leaving: int, arriving: PoolMembership
) -> tuple[PoolMembership, PoolMembership]:
    first, second = pair.first, pair.second
    if first.member_id == leaving:
        first = arriving
    else:
        second = arriving
    if pair.kind == PoolKind.BUDDY and second.pk < first.pk:
        first, second = second, first
    return first, second


@transaction.atomic
def round_swap(
    *, actor: AnyUser, round_: Round, pair_ids: Sequence[Any], member_ids: Sequence[Any]
) -> list[Pair]:
    """Swap two people between two pairs of an unpublished round: `member_ids[0]` (of the
    first pair) takes the place of `member_ids[1]` (of the second) and the other way round.
    In mentoring both are mentees or both mentors. Each new pair is checked against the
    hard rules by the engine and rescored; when either fails, both problems are named and
    nothing changes."""
    _coordinator(actor, round_.pool)
    round_ = _lock_round(round_)
    _editable(round_)
    if len(pair_ids) != 2 or len(member_ids) != 2:
        raise ApplicationError(_("Name two pairs and one person of each."), code="invalid_swap")
    pairs = {p.pk: p for p in _round_pairs(round_, pair_ids)}
    try:
        one, two = pairs[int(pair_ids[0])], pairs[int(pair_ids[1])]
        leaving, arriving = int(member_ids[0]), int(member_ids[1])
    except (KeyError, TypeError, ValueError):
        raise NotFound() from None
    one_member = one.membership_of(leaving)
    two_member = two.membership_of(arriving)
    if one_member is None or two_member is None:
        raise NotFound()
    problems: list[Problem] = []
    for pair in (one, two):
        if pair.status != PairStatus.PROPOSED or pair.approved_at is not None:
            problems.append(
                Problem(
                    f"pairs.{pair.pk}", _("Only pairs not yet approved or excluded are swapped.")
                )
            )
    if one_member.side != two_member.side:
        problems.append(Problem("member_ids", _("Swap two mentees, or two mentors.")))
    if one_member.pk == two_member.pk:
        problems.append(Problem("member_ids", _("Name two different people.")))
    if problems:
        raise ProblemsError(_("This swap cannot be made."), code="invalid_swap", problems=problems)
    new = {one.pk: _with(one, leaving, two_member), two.pk: _with(two, arriving, one_member)}
    checked: dict[int, EnginePair] = {}
    for pk, (first, second) in new.items():
        found, problem = _recheck(round_.pool, first, second)
        if found is None:
            problems.append(problem or Problem("member_ids", _("This swap cannot be made.")))
        else:
            checked[pk] = found
    if problems:
        raise ProblemsError(_("This swap cannot be made."), code="invalid_swap", problems=problems)
    for pair in (one, two):
        engine = checked[pair.pk]
        before = [pair.first.member_id, pair.second.member_id]
        pair.first, pair.second = new[pair.pk]
        pair.score = engine.score
        pair.reasons = criteria_json(engine.criteria)
        pair.save(update_fields=["first", "second", "score", "reasons", "updated_at"])
        audit_record(
            actor=actor,
            action="mentoring.pair_swap",
            obj=pair,
            changes={"members": [before, [pair.first.member_id, pair.second.member_id]]},
        )
    Round.objects.filter(pk=round_.pk).update(
        total_score=sum(
            (p.score for p in round_.pairs.exclude(status=PairStatus.EXCLUDED)), start=Decimal(0)
        )
    )
    return [one, two]


@transaction.atomic
def round_publish(*, actor: AnyUser, round_: Round) -> Round:
    """Publish a proposed round: the pairs still waiting are approved (their places taken;
    every one that cannot be is named and nothing changes), the round is published once,
    and every member is e-mailed their pair or why they are unmatched."""
    _coordinator(actor, round_.pool)
    round_ = _lock_round(round_)
    _editable(round_)
    waiting = list(
        Pair.objects.select_for_update()
        .filter(round=round_, status=PairStatus.PROPOSED, approved_at__isnull=True)
        .order_by("pk")
    )
    approved = _approve(actor, waiting)
    round_.status = RoundStatus.PUBLISHED
    round_.published_at = timezone.now()
    round_.published_by = signed_in(actor)
    round_.save(update_fields=["status", "published_at", "published_by"])
    audit_record(
        actor=actor,
        action="mentoring.round_publish",
        obj=round_,
        changes={"approved_now": len(approved)},
    )
    round_notify(round_)
    return round_
