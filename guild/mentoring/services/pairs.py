"""A pair's life, by its two members: each accepts (the pair is active once both have) or
declines; check-ins while active; completed, or ended early with a reason; a rematch asked
for. Each locks the pair's row first, so two members acting at once are applied one after
the other (two accepts make the pair active exactly once; an accept racing a decline ends
declined, its places given back)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser
from guild.core.audit import audit_record
from guild.core.errors import ApplicationError, NotFound
from guild.members.access import own_member_id
from guild.mentoring.models import CheckIn, Pair, PairStatus, PoolMembership
from guild.mentoring.services.places import release_places

NOTE_MAX = 2000
REASON_MAX = 500


def _locked(actor: AnyUser, pair: Pair) -> tuple[Pair, PoolMembership]:
    """The pair's row, locked and fresh, with the actor's membership in it (NotFound when
    the actor is not one of its two members)."""
    own = own_member_id(actor)
    locked = (
        Pair.objects.select_for_update(of=("self",))
        .select_related("pool", "round", "first__member", "second__member")
        .filter(pk=pair.pk)
        .first()
    )
    mine = locked.membership_of(own) if locked is not None else None
    if locked is None or mine is None or locked.round.status != "published":
        raise NotFound()
    return locked, mine


def _refuse(pair: Pair) -> ApplicationError:
    return ApplicationError(
        _("This pair is %(status)s: that cannot be done now.")
        % {"status": pair.get_status_display().lower()},
        code="pair_status",
    )


@transaction.atomic
def pair_accept(*, actor: AnyUser, pair: Pair) -> Pair:
    """The actor accepts their proposed pair; once both have, it is active. Accepting
    twice changes nothing."""
    locked, mine = _locked(actor, pair)
    if locked.status != PairStatus.PROPOSED:
        if locked.status == PairStatus.ACTIVE:
            return locked
        raise _refuse(locked)
    now = timezone.now()
    field = "first_accepted_at" if mine.pk == locked.first_id else "second_accepted_at"
    if getattr(locked, field) is not None:
        return locked
    setattr(locked, field, now)
    fields = [field, "updated_at"]
    if locked.first_accepted_at and locked.second_accepted_at:
        locked.status = PairStatus.ACTIVE
        locked.active_since = now
        fields += ["status", "active_since"]
    locked.save(update_fields=fields)
    audit_record(actor=actor, action="mentoring.pair_accept", obj=locked)
    return locked


@transaction.atomic
def pair_decline(*, actor: AnyUser, pair: Pair, reason: str = "") -> Pair:
    """The actor declines their proposed pair (even after accepting it): its places are
    given back and both stay in the pool for the next round."""
    locked, mine = _locked(actor, pair)
    if locked.status != PairStatus.PROPOSED:
        raise _refuse(locked)
    release_places(locked, PairStatus.DECLINED)
    locked.declined_by_id = mine.member_id
    locked.ended_at = timezone.now()
    locked.end_reason = (reason or "").strip()[:REASON_MAX]
    locked.save(
        update_fields=[
            "status",
            "holds_places",
            "declined_by",
            "ended_at",
            "end_reason",
            "updated_at",
        ]
    )
    audit_record(actor=actor, action="mentoring.pair_decline", obj=locked)
    return locked


@transaction.atomic
def check_in(
    *, actor: AnyUser, pair: Pair, note: str = "", at: datetime.datetime | None = None
) -> CheckIn:
    """A member of an active pair records that they met (when, and a note)."""
    locked, mine = _locked(actor, pair)
    if locked.status != PairStatus.ACTIVE:
        raise _refuse(locked)
    now = timezone.now()
    when = at or now
    if timezone.is_naive(when):
        raise ApplicationError(
            _("Give the time with its time zone."),
            code="invalid",
            fields={"at": [_("Give the time with its time zone.")]},
        )
    if when > now + datetime.timedelta(minutes=5) or (
        locked.active_since and when < locked.active_since - datetime.timedelta(days=1)
    ):
        raise ApplicationError(
            _("A check-in is dated between the pair's start and now."),
            code="invalid",
            fields={"at": [_("A check-in is dated between the pair's start and now.")]},
        )
    if len(note or "") > NOTE_MAX:
        raise ApplicationError(
            _("A note is at most %(max)d characters.") % {"max": NOTE_MAX},
            code="invalid",
            fields={"note": [_("A note is at most %(max)d characters.") % {"max": NOTE_MAX}]},
        )
    entry = CheckIn.objects.create(pair=locked, member_id=mine.member_id, at=when, note=note or "")
    audit_record(actor=actor, action="mentoring.check_in", obj=locked)
    return entry


def _end(actor: AnyUser, pair: Pair, status: PairStatus, reason: str, action: str) -> Pair:
    locked, _mine = _locked(actor, pair)
    if locked.status != PairStatus.ACTIVE:
        raise _refuse(locked)
    release_places(locked, status)
    locked.ended_at = timezone.now()
    locked.end_reason = reason
    locked.save(update_fields=["status", "holds_places", "ended_at", "end_reason", "updated_at"])
    audit_record(actor=actor, action=action, obj=locked, changes={"reason": reason})
    return locked


def _reason(reason: str) -> str:
    text = (reason or "").strip()
    if not text or len(text) > REASON_MAX:
        message = _("Give a reason of at most %(max)d characters.") % {"max": REASON_MAX}
        raise ApplicationError(message, code="invalid", fields={"reason": [message]})
    return text


@transaction.atomic
def pair_complete(*, actor: AnyUser, pair: Pair) -> Pair:
    """Either member closes their active pair as completed; its places are given back."""
    return _end(actor, pair, PairStatus.COMPLETED, "", "mentoring.pair_complete")


@transaction.atomic
def pair_end_early(*, actor: AnyUser, pair: Pair, reason: str) -> Pair:
    """Either member ends their active pair early, saying why."""
    return _end(actor, pair, PairStatus.ENDED, _reason(reason), "mentoring.pair_end_early")


@transaction.atomic
def rematch_request(*, actor: AnyUser, pair: Pair, reason: str) -> Pair:
    """The actor asks for another partner: their pair ends (declined if not yet active,
    ended early otherwise), and their membership is marked for the coordinators; the same
    two are never proposed again."""
    text = _reason(reason)
    locked, mine = _locked(actor, pair)
    if locked.status == PairStatus.PROPOSED:
        locked = pair_decline(actor=actor, pair=locked, reason=text)
    elif locked.status == PairStatus.ACTIVE:
        locked = _end(actor, locked, PairStatus.ENDED, text, "mentoring.pair_end_early")
    else:
        raise _refuse(locked)
    PoolMembership.objects.filter(pk=mine.pk).update(
        rematch_requested_at=timezone.now(), is_active=True
    )
    audit_record(
        actor=actor, action="mentoring.rematch_request", obj=locked, changes={"reason": text}
    )
    return locked
