"""Places on memberships, the capacity guarantee of ADR 20.

A pair takes one place on each of its two memberships when it is approved, and gives them
back when it ends (declined, excluded, completed, ended early). Both moves are one
`UPDATE … SET taken = taken ± 1` inside the caller's transaction; the database's
`taken <= capacity` check refuses the one that would over-fill, however the transactions
interleave (PostgreSQL makes a second writer of the row wait for the first to commit, then
checks the new value; SQLite runs one writing transaction at a time). Rows are locked in
one order everywhere: pairs by id, then memberships by id. Approving the same
two people twice breaks the partial unique index `mentoring_never_the_same_pair_twice`."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser, signed_in
from guild.core.errors import Problem
from guild.mentoring.models import Pair, PairStatus, PoolMembership


def _problem(pair: Pair) -> Problem:
    """Why approving `pair` failed, read after the failed statement was rolled back."""
    at = f"pairs.{pair.pk}"
    if (
        Pair.objects.filter(
            pool_id=pair.pool_id,
            first_id=pair.first_id,
            second_id=pair.second_id,
            approved_at__isnull=False,
        )
        .exclude(pk=pair.pk)
        .exists()
    ):
        return Problem(at, _("These two people have already been matched in this pool."))
    full = [
        str(m.member)
        for m in PoolMembership.objects.filter(pk__in=[pair.first_id, pair.second_id])
        .select_related("member")
        .order_by("pk")
        if m.taken >= m.capacity
    ]
    return Problem(
        at,
        _("No place is left with %(names)s: a partner was approved for them meanwhile.")
        % {"names": ", ".join(full) or "?"},
    )


def take_places(pair: Pair, *, actor: AnyUser) -> Problem | None:
    """Approve `pair` and take its places, or say why the database refused (nothing of it
    kept then). Call inside a transaction, with the pair's row locked."""
    if pair.approved_at is not None:
        return None
    inactive = PoolMembership.objects.filter(
        pk__in=[pair.first_id, pair.second_id], is_active=False
    ).select_related("member")
    if inactive:
        return Problem(
            f"pairs.{pair.pk}",
            _("%(names)s left the pool since the round was run.")
            % {"names": ", ".join(str(m.member) for m in inactive)},
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            Pair.objects.filter(pk=pair.pk).update(
                approved_at=now, approved_by=signed_in(actor), holds_places=True
            )
            # One row at a time, in id order: two transactions never wait on each other's
            # rows in opposite orders (a deadlock).
            for membership_id in sorted((pair.first_id, pair.second_id)):
                PoolMembership.objects.filter(pk=membership_id).update(taken=F("taken") + 1)
    except IntegrityError:
        return _problem(pair)
    pair.approved_at, pair.holds_places = now, True
    pair.approved_by = signed_in(actor)
    return None


def release_places(pair: Pair, status: PairStatus) -> None:
    """End `pair` with `status`, giving its places back if it held them."""
    if pair.holds_places:
        for membership_id in sorted((pair.first_id, pair.second_id)):
            PoolMembership.objects.filter(pk=membership_id).update(taken=F("taken") - 1)
    pair.holds_places = False
    pair.status = status
