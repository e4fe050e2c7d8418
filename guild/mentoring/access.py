"""Who sees and does what in buddy and mentoring pools. Missing and forbidden look the same
(NotFound), so a tampered id learns nothing.

* A pool is seen by the members of its community (who opt in and out of it) and by its
  coordinators. Members of another community never see it.
* The **coordinators** of a pool are its community's programme administrators (and platform
  administrators): they set the pool's rules, run rounds, approve, swap, exclude and publish.
  Department coordinators are not: a round pairs people across departments, and its
  proposals and reasons name people of every department, which a department coordinator
  does not otherwise see. They read the pool's reports, whose figures are suppressed,
  as the committee does.
* A membership is its member's own (their preferences; opting out).
* A pair is seen by its two members once its round is published, and by the pool's
  coordinators; only its members accept, decline, check in or ask for a rematch.
"""

from typing import Any

from django.db.models import Q, QuerySet

from guild.accounts.models import AnyUser
from guild.accounts.scopes import scope_for
from guild.core.errors import NotFound
from guild.members.access import is_community_member, own_member_id
from guild.mentoring.models import Pair, Pool, PoolMembership, Round, RoundStatus


def _pk(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise NotFound() from None
    if not 0 < number < 2**63:
        raise NotFound()
    return number


def coordinates(user: AnyUser, community_id: int) -> bool:
    return scope_for(user).administers(community_id)


def reads_reports(user: AnyUser, community_id: int) -> bool:
    scope = scope_for(user)
    return (
        scope.administers(community_id)
        or community_id in scope.committee_communities
        or any(c == community_id for c, _d in scope.coordinated)
    )


def visible_pools_q(user: AnyUser) -> Q:
    scope = scope_for(user)
    if not scope.is_authenticated:
        return Q(pk__in=[])
    if scope.platform_admin:
        return Q()
    q = Q(community_id__in=scope.admin_communities)
    own = own_member_id(user)
    if own is not None:
        q |= Q(
            community__members__pk=own,
            community__members__is_active=True,
        )
    return q


def visible_pools(user: AnyUser) -> QuerySet[Pool]:
    return Pool.objects.filter(pk__in=Pool.objects.filter(visible_pools_q(user)).values("pk"))


def access_pool(user: AnyUser, pool_id: Any, *, to_coordinate: bool = False) -> Pool:
    pool = Pool.objects.select_related("community").filter(pk=_pk(pool_id)).first()
    if pool is None:
        raise NotFound()
    allowed = coordinates(user, pool.community_id) or (
        not to_coordinate and is_community_member(user, pool.community_id)
    )
    if not allowed:
        raise NotFound()
    return pool


def access_pool_reports(user: AnyUser, pool_id: Any) -> Pool:
    pool = Pool.objects.select_related("community").filter(pk=_pk(pool_id)).first()
    if pool is None or not reads_reports(user, pool.community_id):
        raise NotFound()
    return pool


def access_own_membership(user: AnyUser, membership_id: Any) -> PoolMembership:
    own = own_member_id(user)
    membership = (
        PoolMembership.objects.select_related("pool", "pool__community", "member")
        .filter(pk=_pk(membership_id))
        .first()
    )
    if membership is None or own is None or membership.member_id != own:
        raise NotFound()
    return membership


def access_round(user: AnyUser, round_id: Any) -> Round:
    found = Round.objects.select_related("pool", "pool__community").filter(pk=_pk(round_id)).first()
    if found is None or not coordinates(user, found.pool.community_id):
        raise NotFound()
    return found


def my_pairs_q(user: AnyUser) -> Q:
    """The pairs `user` is in and may see: those of published rounds."""
    own = own_member_id(user)
    if own is None:
        return Q(pk__in=[])
    return Q(round__status=RoundStatus.PUBLISHED) & (
        Q(first__member_id=own) | Q(second__member_id=own)
    )


def access_own_pair(user: AnyUser, pair_id: Any) -> Pair:
    """A pair of a published round that `user` is in; anyone else's is NotFound, the
    pool's coordinators' included (they act on pairs through the round)."""
    pair = (
        Pair.objects.filter(my_pairs_q(user))
        .select_related("pool", "round", "first__member", "second__member")
        .filter(pk=_pk(pair_id))
        .first()
    )
    if pair is None:
        raise NotFound()
    return pair
