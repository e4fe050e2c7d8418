"""Pools and opting in: who may, what preferences are accepted (every problem at once,
unknown competencies named), and that a refused change changes nothing."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from guild.core.errors import ApplicationError, NotFound
from guild.core.models import AuditEvent
from guild.mentoring.models import Pool, PoolMembership
from guild.mentoring.services.pools import (
    Preferences,
    PreferencesError,
    membership_update,
    pool_opt_in,
    pool_opt_out,
    pool_save,
)
from guild.mentoring.tests.pools_setup import join, make_pool
from guild.organizations.models import Community

pytestmark = pytest.mark.django_db


def test_a_member_opts_in_with_preferences_and_it_is_audited(
    cast: dict[str, Any], pool: Pool
) -> None:
    membership = join(
        cast["member"],
        pool,
        "mentee",
        wants=["SEC-1", "DATA-1"],
        goals=["leadership"],
        languages=["fr", "en"],
        formats=["virtual"],
        availability=["tue-am"],
        avoid=[cast["other"].pk],
    )
    membership.refresh_from_db()
    assert (membership.side, membership.capacity, membership.taken) == ("mentee", 1, 0)
    assert membership.wants == ["DATA-1", "SEC-1"]
    assert membership.languages == ["en", "fr"]
    assert [m.pk for m in membership.avoid.all()] == [cast["other"].pk]
    assert (
        AuditEvent.objects.filter(action="mentoring.opt_in", object_id=str(membership.pk)).count()
        == 1
    )


def test_unknown_competencies_are_refused_with_their_codes_and_every_problem(
    cast: dict[str, Any], pool: Pool
) -> None:
    with pytest.raises(PreferencesError) as refused:
        join(
            cast["member"],
            pool,
            "mentor",
            capacity=4,
            wants=["DATA-1", "NOPE-9"],
            offers=["ZZZ"],
            goals=["fame"],
            languages=[],
            formats=["telepathy"],
            availability=["sun-am"],
            avoid=[cast["member"].pk],
        )
    fields = refused.value.fields
    assert fields["wants"] == ["Not competencies of the community's current framework: NOPE-9."]
    assert fields["offers"] == ["Not competencies of the community's current framework: ZZZ."]
    assert set(fields) == {
        "capacity",
        "wants",
        "offers",
        "goals",
        "languages",
        "formats",
        "availability",
        "avoid",
    }
    assert not PoolMembership.objects.exists()


def test_a_community_without_a_framework_accepts_no_competency(
    cast: dict[str, Any], im: Community
) -> None:
    pool = make_pool(cast["admin"].user, im)
    with pytest.raises(PreferencesError) as refused:
        join(cast["member"], pool, "mentee", wants=["DATA-1"])
    assert list(refused.value.fields) == ["wants"]


def test_another_communitys_pool_is_not_found_and_nothing_is_saved(
    cast: dict[str, Any], it_community: Community, grant: Any
) -> None:
    other_admin = cast["platform"]
    pool = make_pool(other_admin, it_community)
    with pytest.raises(NotFound):
        join(cast["member"], pool, "mentee")
    assert not PoolMembership.objects.exists()


def test_the_side_must_fit_the_pool(cast: dict[str, Any], pool: Pool, buddy_pool: Pool) -> None:
    with pytest.raises(PreferencesError) as refused:
        join(cast["member"], buddy_pool, "mentor")
    assert list(refused.value.fields) == ["side"]
    with pytest.raises(PreferencesError):
        join(cast["member"], pool, "buddy")


def test_joining_twice_is_refused_and_rejoining_after_opting_out_works(
    cast: dict[str, Any], pool: Pool
) -> None:
    membership = join(cast["member"], pool, "mentee")
    with pytest.raises(ApplicationError) as refused:
        join(cast["member"], pool, "mentee")
    assert refused.value.code == "already_in_pool"
    pool_opt_out(actor=cast["member"].user, membership=membership)
    membership.refresh_from_db()
    assert membership.is_active is False
    again = join(cast["member"], pool, "mentor", capacity=2)
    assert (again.pk, again.side, again.capacity, again.is_active) == (
        membership.pk,
        "mentor",
        2,
        True,
    )


def test_a_closed_pool_refuses_opt_in(cast: dict[str, Any], pool: Pool) -> None:
    pool_save(actor=cast["admin"].user, community=pool.community, pool=pool, is_open=False)
    with pytest.raises(ApplicationError) as refused:
        join(cast["member"], pool, "mentee")
    assert refused.value.code == "pool_closed"


def test_only_the_member_changes_or_leaves_their_membership(
    cast: dict[str, Any], pool: Pool
) -> None:
    membership = join(cast["member"], pool, "mentee", goals=["career"])
    with pytest.raises(NotFound):
        membership_update(
            actor=cast["other"].user,
            membership=membership,
            preferences=Preferences(side="mentee", goals=["network"]),
        )
    with pytest.raises(NotFound):
        pool_opt_out(actor=cast["admin"].user, membership=membership)
    membership.refresh_from_db()
    assert (membership.goals, membership.is_active) == (["career"], True)
    updated = membership_update(
        actor=cast["member"].user,
        membership=membership,
        preferences=Preferences(side="mentee", goals=["network"], wants=["SEC-1"]),
    )
    assert (updated.goals, updated.wants) == (["network"], ["SEC-1"])


def test_pools_are_saved_by_the_communitys_administrators_only(
    cast: dict[str, Any], im: Community
) -> None:
    for who in ("coordinator", "committee", "member"):
        with pytest.raises(NotFound):
            make_pool(cast[who].user, im)
    with pytest.raises(ValidationError) as refused:
        make_pool(cast["admin"].user, im, min_gap=3, max_gap=2, weight_goals=-1)
    assert {"max_gap", "weight_goals"} <= set(refused.value.message_dict)
    assert not Pool.objects.exists()


def test_a_mentor_cannot_lower_their_capacity_below_their_mentees(
    cast: dict[str, Any], pool: Pool
) -> None:
    membership = join(cast["member"], pool, "mentor", capacity=2)
    PoolMembership.objects.filter(pk=membership.pk).update(taken=2)
    with pytest.raises(PreferencesError) as refused:
        membership_update(
            actor=cast["member"].user,
            membership=membership,
            preferences=Preferences(side="mentor", capacity=1),
        )
    assert list(refused.value.fields) == ["capacity"]
    with pytest.raises(ApplicationError) as moved:
        membership_update(
            actor=cast["member"].user, membership=membership, preferences=Preferences(side="mentee")
        )
    assert moved.value.code == "side_in_use"


def test_opt_in_needs_a_member_profile(cast: dict[str, Any], pool: Pool) -> None:
    with pytest.raises(NotFound):
        pool_opt_in(actor=cast["platform"], pool=pool, preferences=Preferences(side="mentee"))
