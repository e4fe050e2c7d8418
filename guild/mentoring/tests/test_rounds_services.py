"""Rounds and pairs through the services: the engine's inputs read from the database
(reporting lines, past pairs), proposals with reasons, approve / swap / exclude, publishing
once with its e-mails, and each pair's life with the places it holds."""

from typing import Any

import pytest
from django.core import mail

from guild.core.errors import ApplicationError, NotFound, ProblemsError
from guild.mentoring.models import (
    CheckIn,
    Pair,
    PairStatus,
    Pool,
    PoolMembership,
    Round,
    RoundStatus,
    Unmatched,
)
from guild.mentoring.services.pairs import (
    check_in,
    pair_accept,
    pair_complete,
    pair_decline,
    pair_end_early,
    rematch_request,
)
from guild.mentoring.services.rounds import (
    RoundError,
    round_approve,
    round_exclude,
    round_publish,
    round_run,
    round_swap,
)
from guild.mentoring.tests.pools_setup import join, person

pytestmark = pytest.mark.django_db


def _taken(*memberships: PoolMembership) -> list[int]:
    return [PoolMembership.objects.get(pk=m.pk).taken for m in memberships]


@pytest.fixture
def people(make_member: Any, pool: Pool) -> dict[str, Any]:
    """Two mentors (CRA, IS-06) and two mentees (ESDC, IS-04) who want what one offers."""
    found: dict[str, Any] = {
        "ann": person(make_member, "esdc", given_name="Ann"),
        "bob": person(make_member, "esdc", given_name="Bob"),
        "max": person(make_member, "cra", "IS-06", given_name="Max"),
        "mo": person(make_member, "cra", "IS-06", given_name="Mo"),
    }
    found["m_ann"] = join(found["ann"], pool, "mentee", wants=["DATA-1"], goals=["career"])
    found["m_bob"] = join(found["bob"], pool, "mentee", wants=["SEC-1"])
    found["m_max"] = join(found["max"], pool, "mentor", offers=["DATA-1"], goals=["career"])
    found["m_mo"] = join(found["mo"], pool, "mentor", offers=["SEC-1"])
    return found


def _by_mentee(round_: Round) -> dict[str, Pair]:
    return {
        p.first.member.given_name: p
        for p in Pair.objects.filter(round=round_).select_related("first__member")
    }


def test_a_round_proposes_the_best_pairs_with_their_reasons(
    cast: dict[str, Any], pool: Pool, people: dict[str, Any]
) -> None:
    round_ = round_run(actor=cast["admin"].user, pool=pool)
    assert (round_.number, round_.status, round_.pairs_count, round_.unmatched_count) == (
        1,
        RoundStatus.PROPOSED,
        2,
        0,
    )
    assert round_.optimal is True
    pairs = _by_mentee(round_)
    assert pairs["Ann"].second_id == people["m_max"].pk
    assert pairs["Ann"].reasons == [
        {"criterion": "competencies", "codes": ["DATA-1"], "points": "3"},
        {"criterion": "goals", "codes": ["career"], "points": "2"},
        {"criterion": "region", "codes": [], "points": "1"},
    ]
    assert str(pairs["Ann"].score) == "6.0000"
    assert pairs["Bob"].second_id == people["m_mo"].pk
    assert _taken(people["m_ann"], people["m_max"]) == [0, 0]  # nothing held before approval


def test_a_reporting_line_and_people_to_avoid_are_never_paired(
    cast: dict[str, Any], pool: Pool, make_member: Any
) -> None:
    boss = person(make_member, "cra", "IS-06", given_name="Boss")
    middle = person(make_member, "aafc", "IS-05", given_name="Mid", supervisor=boss)
    mentee = person(make_member, "esdc", given_name="Low", supervisor=middle)
    join(boss, pool, "mentor")
    join(mentee, pool, "mentee")
    round_ = round_run(actor=cast["admin"].user, pool=pool)
    assert round_.pairs_count == 0
    (unmatched,) = Unmatched.objects.filter(round=round_, membership__member=mentee)
    assert unmatched.reasons[0]["code"] == "no_candidate"
    assert unmatched.reasons[0]["params"]["rule"] == "reporting_line"


def test_only_coordinators_run_and_edit_rounds(
    cast: dict[str, Any], pool: Pool, people: dict[str, Any]
) -> None:
    for who in ("coordinator", "committee", "member"):
        with pytest.raises(NotFound):
            round_run(actor=cast[who].user, pool=pool)
    assert not Round.objects.exists()
    round_ = round_run(actor=cast["admin"].user, pool=pool)
    pair = Pair.objects.filter(round=round_).get(first=people["m_ann"])
    with pytest.raises(NotFound):
        round_approve(actor=cast["coordinator"].user, round_=round_, pair_ids=[pair.pk])
    with pytest.raises(NotFound):
        round_publish(actor=cast["member"].user, round_=round_)


def test_approving_takes_places_and_a_pair_of_another_round_is_not_found(
    cast: dict[str, Any], pool: Pool, people: dict[str, Any]
) -> None:
    admin = cast["admin"].user
    first = round_run(actor=admin, pool=pool)
    second = round_run(actor=admin, pool=pool)
    ann = _by_mentee(first)["Ann"]
    with pytest.raises(NotFound):
        round_approve(actor=admin, round_=second, pair_ids=[ann.pk])
    with pytest.raises(NotFound):
        round_approve(actor=admin, round_=first, pair_ids=["x"])
    round_approve(actor=admin, round_=first, pair_ids=[ann.pk])
    assert _taken(people["m_ann"], people["m_max"]) == [1, 1]
    # The second round proposed the same two: approving them again is refused, by name.
    again = _by_mentee(second)["Ann"]
    with pytest.raises(RoundError) as refused:
        round_approve(actor=admin, round_=second, pair_ids=[again.pk, _by_mentee(second)["Bob"].pk])
    assert list(refused.value.fields) == [f"pairs.{again.pk}"]
    assert _taken(people["m_bob"], people["m_mo"]) == [0, 0]  # nothing of it kept


def test_a_swap_is_rechecked_against_the_hard_rules(
    cast: dict[str, Any], pool: Pool, people: dict[str, Any], make_member: Any
) -> None:
    admin = cast["admin"].user
    round_ = round_run(actor=admin, pool=pool)
    pairs = _by_mentee(round_)
    ann, bob = pairs["Ann"], pairs["Bob"]
    swapped = round_swap(
        actor=admin,
        round_=round_,
        pair_ids=[ann.pk, bob.pk],
        member_ids=[people["ann"].pk, people["bob"].pk],
    )
    assert [(p.first_id, p.second_id) for p in swapped] == [
        (people["m_bob"].pk, people["m_max"].pk),
        (people["m_ann"].pk, people["m_mo"].pk),
    ]
    assert [p.reasons for p in swapped] == [
        [{"criterion": "region", "codes": [], "points": "1"}],
        [{"criterion": "region", "codes": [], "points": "1"}],
    ]
    # Swapping mentors with a mentor of the mentee's own department breaks a hard rule.
    PoolMembership.objects.filter(pk=people["m_mo"].pk).update(is_active=True)
    people["mo"].department = people["ann"].department
    people["mo"].save()
    with pytest.raises(ProblemsError) as refused:
        round_swap(
            actor=admin,
            round_=round_,
            pair_ids=[ann.pk, bob.pk],
            member_ids=[people["bob"].pk, people["ann"].pk],
        )
    assert refused.value.code == "invalid_swap"
    assert "different departments" in str(refused.value)
    ann.refresh_from_db()
    assert ann.first_id == people["m_bob"].pk  # unchanged


def test_excluding_a_pair_tells_its_people_and_keeps_them_for_the_next_round(
    cast: dict[str, Any], pool: Pool, people: dict[str, Any]
) -> None:
    admin = cast["admin"].user
    round_ = round_run(actor=admin, pool=pool)
    ann = _by_mentee(round_)["Ann"]
    round_approve(actor=admin, round_=round_, pair_ids=[ann.pk])
    round_exclude(actor=admin, round_=round_, pair_id=ann.pk)
    ann.refresh_from_db()
    assert (ann.status, ann.approved_at, ann.holds_places) == (PairStatus.EXCLUDED, None, False)
    assert _taken(people["m_ann"], people["m_max"]) == [0, 0]
    assert sorted(
        Unmatched.objects.filter(round=round_).values_list("membership_id", flat=True)
    ) == sorted([people["m_ann"].pk, people["m_max"].pk])
    with pytest.raises(ApplicationError):
        round_approve(actor=admin, round_=round_, pair_ids=[ann.pk])
    # Excluded is not "matched": the next round may propose them again.
    mail.outbox.clear()
    round_publish(actor=admin, round_=round_)
    nxt = round_run(actor=admin, pool=pool)
    assert _by_mentee(nxt)["Ann"].second_id == people["m_max"].pk


def test_publishing_approves_what_waits_emails_everyone_and_is_refused_twice(
    cast: dict[str, Any],
    pool: Pool,
    people: dict[str, Any],
    make_member: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    admin = cast["admin"].user
    lonely = person(make_member, "esdc", given_name="Lone")
    join(lonely, pool, "mentee", languages=["fr"])
    round_ = round_run(actor=admin, pool=pool)
    with django_capture_on_commit_callbacks(execute=True):
        round_publish(actor=admin, round_=round_)
    round_.refresh_from_db()
    assert round_.status == RoundStatus.PUBLISHED
    assert _taken(people["m_ann"], people["m_max"], people["m_bob"], people["m_mo"]) == [1] * 4
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        p.work_email for p in (people["ann"], people["bob"], people["max"], people["mo"], lonely)
    )
    to_ann = next(m for m in mail.outbox if m.to == [people["ann"].work_email])
    assert (
        to_ann.subject
        == "Mentoring pool: a pair is proposed / Bassin mentoring : un jumelage est proposé"
    )
    assert people["max"].full_name in to_ann.body
    assert "votre mentor" in to_ann.body
    to_lone = next(m for m in mail.outbox if m.to == [lonely.work_email])
    assert "a shared official language" in to_lone.body
    assert "une langue officielle commune" in to_lone.body
    assert "next round" in to_lone.body and "prochaine ronde" in to_lone.body
    count = len(mail.outbox)
    with pytest.raises(ApplicationError) as refused:
        round_publish(actor=admin, round_=round_)
    assert refused.value.code == "already_published"
    with pytest.raises(ApplicationError):
        round_exclude(actor=admin, round_=round_, pair_id=_by_mentee(round_)["Ann"].pk)
    assert len(mail.outbox) == count


def _published(cast: dict[str, Any], pool: Pool) -> dict[str, Pair]:
    round_ = round_run(actor=cast["admin"].user, pool=pool)
    round_publish(actor=cast["admin"].user, round_=round_)
    return _by_mentee(round_)


def test_a_pair_is_active_once_both_accept_and_only_its_members_act(
    cast: dict[str, Any], pool: Pool, people: dict[str, Any]
) -> None:
    pair = _published(cast, pool)["Ann"]
    with pytest.raises(NotFound):
        pair_accept(actor=people["bob"].user, pair=pair)
    with pytest.raises(NotFound):
        pair_accept(actor=cast["admin"].user, pair=pair)
    pair = pair_accept(actor=people["ann"].user, pair=pair)
    assert (pair.status, pair.first_accepted_at is not None, pair.second_accepted_at) == (
        PairStatus.PROPOSED,
        True,
        None,
    )
    with pytest.raises(ApplicationError):
        check_in(actor=people["ann"].user, pair=pair, note="too soon")
    pair = pair_accept(actor=people["max"].user, pair=pair)
    assert pair.status == PairStatus.ACTIVE and pair.active_since is not None
    entry = check_in(actor=people["max"].user, pair=pair, note="First coffee")
    assert (entry.member_id, entry.note) == (people["max"].pk, "First coffee")
    with pytest.raises(NotFound):
        check_in(actor=people["bob"].user, pair=pair, note="not mine")
    assert CheckIn.objects.count() == 1
    with pytest.raises(ApplicationError) as no_reason:
        pair_end_early(actor=people["ann"].user, pair=pair, reason="  ")
    assert list(no_reason.value.fields) == ["reason"]
    done = pair_complete(actor=people["ann"].user, pair=pair)
    assert (done.status, done.holds_places) == (PairStatus.COMPLETED, False)
    assert _taken(people["m_ann"], people["m_max"]) == [0, 0]
    with pytest.raises(ApplicationError):
        pair_accept(actor=people["ann"].user, pair=pair)


def test_a_pair_of_an_unpublished_round_is_not_its_members_yet(
    cast: dict[str, Any], pool: Pool, people: dict[str, Any]
) -> None:
    round_ = round_run(actor=cast["admin"].user, pool=pool)
    with pytest.raises(NotFound):
        pair_accept(actor=people["ann"].user, pair=_by_mentee(round_)["Ann"])


def test_declining_gives_the_places_back_and_the_pair_is_never_proposed_again(
    cast: dict[str, Any], pool: Pool, people: dict[str, Any]
) -> None:
    pair = _published(cast, pool)["Ann"]
    pair_accept(actor=people["ann"].user, pair=pair)
    declined = pair_decline(actor=people["max"].user, pair=pair, reason="No time")
    assert (declined.status, declined.declined_by_id, declined.end_reason) == (
        PairStatus.DECLINED,
        people["max"].pk,
        "No time",
    )
    assert _taken(people["m_ann"], people["m_max"]) == [0, 0]
    nxt = round_run(actor=cast["admin"].user, pool=pool)
    assert "Ann" not in _by_mentee(nxt) or _by_mentee(nxt)["Ann"].second_id != people["m_max"].pk


def test_ending_early_and_a_rematch(
    cast: dict[str, Any], pool: Pool, people: dict[str, Any]
) -> None:
    pairs = _published(cast, pool)
    ann, bob = pairs["Ann"], pairs["Bob"]
    for pair, members in ((ann, ("ann", "max")), (bob, ("bob", "mo"))):
        for who in members:
            pair_accept(actor=people[who].user, pair=pair)
    ended = pair_end_early(actor=people["max"].user, pair=ann, reason="Moved to another job")
    assert (ended.status, ended.end_reason) == (PairStatus.ENDED, "Moved to another job")
    again = rematch_request(actor=people["bob"].user, pair=bob, reason="Different goals")
    assert again.status == PairStatus.ENDED
    membership = PoolMembership.objects.get(pk=people["m_bob"].pk)
    assert membership.rematch_requested_at is not None and membership.taken == 0


def test_a_buddy_round_pairs_peers_in_one_order_and_a_swap_keeps_it(
    cast: dict[str, Any], buddy_pool: Pool, make_member: Any
) -> None:
    admin = cast["admin"].user
    names = ("Ava", "Ben", "Cy", "Di")
    departments = ("esdc", "cra", "aafc", "cbsa")
    memberships = {
        name: join(
            person(make_member, department, "EX-01", given_name=name),
            buddy_pool,
            "buddy",
            goals=["network"] if name in ("Ava", "Ben") else ["leadership"],
        )
        for name, department in zip(names, departments, strict=True)
    }
    round_ = round_run(actor=admin, pool=buddy_pool)
    pairs = list(Pair.objects.filter(round=round_).order_by("pk"))
    assert len(pairs) == 2
    assert all(p.first_id < p.second_id and p.kind == "buddy" for p in pairs)
    together = {frozenset((p.first_id, p.second_id)) for p in pairs}
    ids = {name: m.pk for name, m in memberships.items()}
    assert together == {frozenset((ids["Ava"], ids["Ben"])), frozenset((ids["Cy"], ids["Di"]))}
    ava_ben = next(p for p in pairs if ids["Ava"] in (p.first_id, p.second_id))
    cy_di = next(p for p in pairs if p is not ava_ben)
    swapped = round_swap(
        actor=admin,
        round_=round_,
        pair_ids=[ava_ben.pk, cy_di.pk],
        member_ids=[memberships["Ava"].member_id, memberships["Di"].member_id],
    )
    assert {frozenset((p.first_id, p.second_id)) for p in swapped} == {
        frozenset((ids["Di"], ids["Ben"])),
        frozenset((ids["Cy"], ids["Ava"])),
    }
    assert all(p.first_id < p.second_id for p in Pair.objects.filter(round=round_))
    round_publish(actor=admin, round_=round_)
    assert _taken(*memberships.values()) == [1, 1, 1, 1]
