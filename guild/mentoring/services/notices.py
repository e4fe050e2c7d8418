"""The e-mails of a published round, in English then French, sent once the publication is
saved (`on_commit`): each member of a pair is told who their partner is and that both must
accept; each unmatched person why, in words that name nobody else, and that they stay in
the pool for the next round."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from guild.core.bilingual import localize
from guild.mentoring.models import Pair, PairStatus, PoolKind, Round, Unmatched
from guild.mentoring.reasons import member_sentence

SEPARATOR = "\n\n----------\n\n"


def _site() -> str:
    return str(getattr(settings, "GUILD_PUBLIC_URL", "http://localhost:8000")).rstrip("/")


def _pair_message(pair: Pair, mine: int, language: str) -> tuple[str, str]:
    pool = localize(pair.pool, "name", language).text
    partner = pair.second if pair.first.member_id == mine else pair.first
    if pair.kind == PoolKind.BUDDY:
        role = _("your buddy")
    elif partner is pair.second:
        role = _("your mentor")
    else:
        role = _("your mentee")
    subject = _("%(pool)s: a pair is proposed") % {"pool": pool}
    body = _(
        "Hello,\n\nThe coordinators of %(pool)s propose %(name)s as %(role)s. The pair starts "
        "once you both accept it; you may also decline. Sign in to Guild to answer:\n%(url)s"
        "\n\nGuild"
    ) % {"pool": pool, "name": partner.member.full_name, "role": role, "url": _site() + "/"}
    return subject, body


def _unmatched_message(unmatched: Unmatched, language: str) -> tuple[str, str]:
    pool = localize(unmatched.round.pool, "name", language).text
    why = "\n".join(f"- {member_sentence(reason)}" for reason in unmatched.reasons)
    subject = _("%(pool)s: no partner this round") % {"pool": pool}
    body = _(
        "Hello,\n\nThis round of %(pool)s found no partner for you:\n%(why)s\n\nYou stay in "
        "the pool with your preferences for the next round.\n\nGuild"
    ) % {"pool": pool, "why": why}
    return subject, body


def _send(parts: list[tuple[str, str]], address: str) -> None:
    if address:
        subject = " / ".join(subject for subject, _body in parts)
        send_mail(subject, SEPARATOR.join(body for _subject, body in parts), None, [address])


def round_notify(round_: Round) -> None:
    """E-mail every member of the round once the transaction commits."""
    round_id = round_.pk

    def send() -> None:
        pairs = (
            Pair.objects.filter(round_id=round_id)
            .exclude(status=PairStatus.EXCLUDED)
            .select_related("pool", "first__member", "second__member")
            .order_by("pk")
        )
        for pair in pairs:
            for membership in (pair.first, pair.second):
                parts = []
                for language in ("en", "fr"):
                    with translation.override(language):
                        parts.append(_pair_message(pair, membership.member_id, language))
                _send(parts, membership.member.work_email)
        unmatched = (
            Unmatched.objects.filter(round_id=round_id)
            .select_related("round__pool", "membership__member")
            .order_by("pk")
        )
        for person in unmatched:
            parts = []
            for language in ("en", "fr"):
                with translation.override(language):
                    parts.append(_unmatched_message(person, language))
            _send(parts, person.membership.member.work_email)

    transaction.on_commit(send)
