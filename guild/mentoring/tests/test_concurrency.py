"""Capacity and "never the same pair twice" hold under concurrency (ADR 20): real threads,
each with its own database connection, released together by a barrier.

On PostgreSQL the second writer of a membership row waits for the first to commit and the
`taken <= capacity` check then refuses it; on SQLite one transaction writes at a time
(`BEGIN IMMEDIATE`). The test database of SQLite is in memory with a shared cache, which
refuses a second writer at once ("database table is locked") instead of waiting: the loser
tries again, as a person would, and must then find the place taken. Run on PostgreSQL:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/pytest --create-db -q \
        -n 0 -p no:cacheprovider guild/mentoring/tests/test_concurrency.py
"""

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.db import IntegrityError, OperationalError, connection, connections, transaction
from django.db.models import F

from guild.accounts.models import Role
from guild.core.errors import ApplicationError
from guild.mentoring.models import Pair, PairStatus, Pool, PoolMembership, Round, RoundStatus
from guild.mentoring.services.pairs import pair_accept, pair_decline
from guild.mentoring.services.pools import pool_opt_out
from guild.mentoring.services.rounds import round_approve, round_publish, round_run
from guild.mentoring.tests.pools_setup import join, load_framework, make_pool, person
from guild.organizations.models import Community

pytestmark = pytest.mark.django_db(transaction=True)


def race(*calls: Callable[[], Any]) -> list[Any]:
    """Run `calls` at once, one thread each; each result, or the exception it raised."""
    start = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            start.wait()
            for _attempt in range(100):
                try:
                    results[index] = call()
                    return
                except OperationalError as error:
                    if "locked" not in str(error):
                        raise
                    time.sleep(0.05)
            raise AssertionError("still locked after 100 attempts")
        except BaseException as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def setting(cast: dict[str, Any], im: Community, make_member: Any, grant: Any) -> dict[str, Any]:
    load_framework(im)
    second_admin = person(make_member, "esdc", given_name="Second")
    grant(second_admin.user, Role.PROGRAMME_ADMINISTRATOR, im)
    pool = make_pool(cast["admin"].user, im)
    mentor = person(make_member, "cra", "IS-06", given_name="Max")
    ann = person(make_member, "esdc", given_name="Ann")
    bob = person(make_member, "esdc", given_name="Bob")
    return {
        "pool": pool,
        "admins": (cast["admin"].user, second_admin.user),
        "max": mentor,
        "ann": ann,
        "bob": bob,
        "m_max": join(mentor, pool, "mentor", capacity=1),
    }


def _pairs_of(round_: Round) -> list[Pair]:
    return list(Pair.objects.filter(round=round_).order_by("pk"))


def _consistent(pool: Pool) -> None:
    """Every membership's places are those its live approved pairs hold, within capacity."""
    for membership in PoolMembership.objects.filter(pool=pool):
        holding = (
            Pair.objects.filter(holds_places=True).filter(first=membership).count()
            + Pair.objects.filter(holds_places=True).filter(second=membership).count()
        )
        assert membership.taken == holding <= membership.capacity


def _outcomes(results: list[Any]) -> list[str]:
    return sorted(r.code if isinstance(r, ApplicationError) else type(r).__name__ for r in results)


def test_two_coordinators_approving_at_once_never_over_fill_a_mentor(
    setting: dict[str, Any],
) -> None:
    pool, (one, two) = setting["pool"], setting["admins"]
    m_ann = join(setting["ann"], pool, "mentee")
    first = round_run(actor=one, pool=pool)  # Max and Ann
    pool_opt_out(actor=setting["ann"].user, membership=m_ann)
    join(setting["bob"], pool, "mentee")
    second = round_run(actor=two, pool=pool)  # Max and Bob
    join(setting["ann"], pool, "mentee")
    (ann_max,), (bob_max,) = _pairs_of(first), _pairs_of(second)
    assert ann_max.second_id == bob_max.second_id == setting["m_max"].pk
    results = race(
        lambda: round_approve(actor=one, round_=first, pair_ids=[ann_max.pk]),
        lambda: round_approve(actor=two, round_=second, pair_ids=[bob_max.pk]),
    )
    assert _outcomes(results) == ["list", "pairs_unavailable"]
    assert PoolMembership.objects.get(pk=setting["m_max"].pk).taken == 1
    assert Pair.objects.filter(approved_at__isnull=False).count() == 1
    _consistent(pool)


def test_the_same_two_people_approved_in_two_rounds_at_once_are_matched_once(
    setting: dict[str, Any],
) -> None:
    pool, (one, two) = setting["pool"], setting["admins"]
    join(setting["ann"], pool, "mentee")
    first, second = round_run(actor=one, pool=pool), round_run(actor=two, pool=pool)
    (a,), (b,) = _pairs_of(first), _pairs_of(second)
    assert (a.first_id, a.second_id) == (b.first_id, b.second_id)
    results = race(
        lambda: round_approve(actor=one, round_=first, pair_ids=[a.pk]),
        lambda: round_approve(actor=two, round_=second, pair_ids=[b.pk]),
    )
    assert _outcomes(results) == ["list", "pairs_unavailable"]
    assert Pair.objects.filter(approved_at__isnull=False).count() == 1
    _consistent(pool)
    # Declined, the pair gives its places back, and still is never approved again.
    (won,) = Pair.objects.filter(approved_at__isnull=False)
    lost = b if won.pk == a.pk else a
    won_round = first if won.pk == a.pk else second
    round_publish(actor=one, round_=won_round)
    pair_decline(actor=setting["ann"].user, pair=won)
    with pytest.raises(ApplicationError) as refused:
        round_approve(actor=one, round_=lost.round, pair_ids=[lost.pk])
    assert refused.value.fields == {
        f"pairs.{lost.pk}": ["These two people have already been matched in this pool."]
    }
    _consistent(pool)


def _published_pair(setting: dict[str, Any]) -> Pair:
    pool, (one, _two) = setting["pool"], setting["admins"]
    join(setting["ann"], pool, "mentee")
    round_ = round_run(actor=one, pool=pool)
    round_publish(actor=one, round_=round_)
    (pair,) = _pairs_of(round_)
    return pair


def test_two_accepts_racing_make_the_pair_active_once(setting: dict[str, Any]) -> None:
    pair = _published_pair(setting)
    results = race(
        lambda: pair_accept(actor=setting["ann"].user, pair=pair),
        lambda: pair_accept(actor=setting["max"].user, pair=pair),
    )
    assert all(isinstance(r, Pair) for r in results), results
    pair.refresh_from_db()
    assert pair.status == PairStatus.ACTIVE
    assert pair.first_accepted_at is not None and pair.second_accepted_at is not None
    assert pair.active_since == max(pair.first_accepted_at, pair.second_accepted_at)
    _consistent(setting["pool"])


def test_an_accept_racing_a_decline_ends_declined_with_its_places_back(
    setting: dict[str, Any],
) -> None:
    pair = _published_pair(setting)
    race(
        lambda: pair_accept(actor=setting["ann"].user, pair=pair),
        lambda: pair_decline(actor=setting["max"].user, pair=pair),
    )
    pair.refresh_from_db()
    assert (pair.status, pair.holds_places, pair.active_since) == (
        PairStatus.DECLINED,
        False,
        None,
    )
    assert PoolMembership.objects.get(pk=setting["m_max"].pk).taken == 0
    _consistent(setting["pool"])


def test_two_coordinators_publishing_at_once_publish_once(setting: dict[str, Any]) -> None:
    pool, (one, two) = setting["pool"], setting["admins"]
    join(setting["ann"], pool, "mentee")
    round_ = round_run(actor=one, pool=pool)
    mail.outbox.clear()
    results = race(
        lambda: round_publish(actor=one, round_=round_),
        lambda: round_publish(actor=two, round_=round_),
    )
    assert _outcomes(results) == ["Round", "already_published"]
    round_.refresh_from_db()
    assert round_.status == RoundStatus.PUBLISHED
    assert len(mail.outbox) == 2  # Ann and Max, once each
    _consistent(pool)


def test_the_database_itself_refuses_more_places_than_the_capacity(
    setting: dict[str, Any],
) -> None:
    membership = setting["m_max"]
    PoolMembership.objects.filter(pk=membership.pk).update(taken=F("taken") + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        PoolMembership.objects.filter(pk=membership.pk).update(taken=F("taken") + 1)
    assert PoolMembership.objects.get(pk=membership.pk).taken == 1
    assert connection.vendor in {"postgresql", "sqlite"}


def test_two_approvals_crossing_the_same_mentors_both_succeed_without_deadlock(
    setting: dict[str, Any], make_member: Any
) -> None:
    pool, (one, two) = setting["pool"], setting["admins"]
    x = person(make_member, "cra", "IS-06", given_name="Xavier")
    y = person(make_member, "aafc", "IS-06", given_name="Yan")
    m_x = join(x, pool, "mentor", capacity=2, offers=["DATA-1"])
    m_y = join(y, pool, "mentor", capacity=2, offers=["SEC-1"])
    pool_opt_out(actor=setting["max"].user, membership=setting["m_max"])
    a = join(setting["ann"], pool, "mentee", wants=["DATA-1"])
    b = join(setting["bob"], pool, "mentee", wants=["SEC-1"])
    first = round_run(actor=one, pool=pool)  # Ann with Xavier, Bob with Yan
    for membership, who in ((a, setting["ann"]), (b, setting["bob"])):
        pool_opt_out(actor=who.user, membership=membership)
    cy = join(person(make_member, "esdc", given_name="Cy"), pool, "mentee", wants=["SEC-1"])
    di = join(person(make_member, "esdc", given_name="Di"), pool, "mentee", wants=["DATA-1"])
    second = round_run(actor=two, pool=pool)  # Cy with Yan, Di with Xavier
    assert {(p.first_id, p.second_id) for p in _pairs_of(first)} == {
        (a.pk, m_x.pk),
        (b.pk, m_y.pk),
    }
    assert {(p.first_id, p.second_id) for p in _pairs_of(second)} == {
        (cy.pk, m_y.pk),
        (di.pk, m_x.pk),
    }
    for who in ("ann", "bob"):
        join(setting[who], pool, "mentee")
    results = race(
        lambda: round_approve(actor=one, round_=first, pair_ids=[p.pk for p in _pairs_of(first)]),
        lambda: round_approve(actor=two, round_=second, pair_ids=[p.pk for p in _pairs_of(second)]),
    )
    assert _outcomes(results) == ["list", "list"], results
    assert [PoolMembership.objects.get(pk=m.pk).taken for m in (m_x, m_y)] == [2, 2]
    _consistent(pool)
