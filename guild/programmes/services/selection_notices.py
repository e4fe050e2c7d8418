"""The e-mail each party to a nomination receives when the committee decides (selected, on
the waitlist and at which place, not selected) or offers a seat from the waitlist: to the
nominee, the nominator and the supervisor, in English then French. Sent once the decision
is saved (`on_commit`), so a refused or rolled-back decision e-mails no one."""

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from guild.core.bilingual import localize
from guild.programmes.models import Nomination, Outcome

SEPARATOR = "\n\n----------\n\n"


def _site() -> str:
    return str(getattr(settings, "GUILD_PUBLIC_URL", "http://localhost:8000")).rstrip("/")


def _decision(nomination: Nomination, promoted: bool) -> str:
    who = {"name": nomination.member.full_name}
    if promoted:
        return _("A seat became free and is offered to %(name)s, first on the waitlist.") % who
    if nomination.outcome == Outcome.SELECTED:
        return _("%(name)s is selected for the cohort.") % who
    if nomination.outcome == Outcome.WAITLISTED:
        return _("%(name)s is on the waitlist, in place %(rank)d.") % {
            **who,
            "rank": nomination.waitlist_rank or 0,
        }
    return _("%(name)s is not selected for this intake.") % who


def _message(nomination: Nomination, language: str, promoted: bool) -> tuple[str, str]:
    intake = localize(nomination.intake, "name", language).text
    programme = localize(nomination.intake.programme, "name", language).text
    page = _site() + reverse("programmes:nomination", args=[nomination.pk])
    subject = _("Selection for %(programme)s: %(name)s") % {
        "programme": programme,
        "name": nomination.member.full_name,
    }
    body = _(
        "Hello,\n\nThe selection committee of %(programme)s decided on the nominations to "
        "%(intake)s.\n\n%(decision)s\n\nThe nomination, with its history:\n%(url)s\n\nGuild"
    ) % {
        "programme": programme,
        "intake": intake,
        "decision": _decision(nomination, promoted),
        "url": page,
    }
    return subject, body


def _recipients(nomination: Nomination) -> list[str]:
    found = [nomination.member.work_email]
    if nomination.supervisor is not None:
        found.append(nomination.supervisor.work_email)
    if nomination.nominated_by is not None:
        found.append(nomination.nominated_by.email)
    return list(dict.fromkeys(address for address in found if address))


def outcome_notify(nominations: Sequence[Nomination], *, promoted: bool = False) -> None:
    """E-mail each nomination's parties its outcome once the transaction commits."""
    ids = [n.pk for n in nominations]

    def send() -> None:
        fresh = Nomination.objects.filter(pk__in=ids).select_related(
            "intake", "intake__programme", "member", "supervisor", "nominated_by"
        )
        for nomination in fresh.order_by("pk"):
            to = _recipients(nomination)
            if not to:
                continue
            parts = []
            for language in ("en", "fr"):
                with translation.override(language):
                    parts.append(_message(nomination, language, promoted))
            subject = " / ".join(subject for subject, _body in parts)
            send_mail(subject, SEPARATOR.join(body for _subject, body in parts), None, to)

    transaction.on_commit(send)
