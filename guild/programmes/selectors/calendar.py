"""A participant's calendar feed: their sessions in their language, through
`calendar_feed` (the pure writer)."""

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from guild.core.bilingual import localize
from guild.programmes.calendar_feed import Entry, calendar_bytes, session_uid
from guild.programmes.models import Participant
from guild.programmes.selectors.cohort import calendar_sessions

CONTENT_TYPE = "text/calendar; charset=utf-8"


def participant_language(participant: Participant) -> str:
    member = participant.member
    if member.user is not None and member.user.preferred_language:
        return str(member.user.preferred_language)
    return member.first_official_language or settings.LANGUAGE_CODE


def calendar_for(participants: Iterable[Participant], language: str) -> bytes:
    """The feed of every session the participants are expected at, titled in `language`."""
    chosen = list(participants)
    with translation.override(language):
        if len(chosen) == 1:
            name = localize(chosen[0].intake, "name", language).text
        else:
            name = _("Leadership programme")
        entries = [
            Entry(
                uid=session_uid(session.uid),
                summary=localize(session, "name", language).text,
                starts_at=session.starts_at,
                ends_at=session.ends_at,
                location=session.location,
                description=str(session.get_kind_display()),
                updated_at=session.updated_at,
            )
            for _participant, session in calendar_sessions(chosen)
        ]
    return calendar_bytes(name=name, entries=entries, stamp=timezone.now(), language=language)
