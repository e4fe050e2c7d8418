"""The e-mails a nomination sends, each in English then French: to the nominee (to accept
or decline) and to the supervisor (to endorse, with the signed link that works without
signing in for 30 days). Sent once the nomination is saved (`on_commit`), so a refused or
rolled-back nomination e-mails no one."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from guild.core.bilingual import localize
from guild.members.models import Member
from guild.programmes.models import Nomination
from guild.programmes.selectors.nominations import endorse_link_token

SEPARATOR = "\n\n----------\n\n"


def _site() -> str:
    return str(getattr(settings, "GUILD_PUBLIC_URL", "http://localhost:8000")).rstrip("/")


class _Message:
    subject: str
    body: str

    def __init__(self, nomination: Nomination, language: str) -> None:
        self.intake = localize(nomination.intake, "name", language).text
        self.programme = localize(nomination.intake.programme, "name", language).text
        self.nominee = nomination.member.full_name
        self.close_on = nomination.intake.nominations_close_on.isoformat()
        self.page = _site() + reverse("programmes:nomination", args=[nomination.pk])


def _in_both(write: type[_Message], nomination: Nomination) -> tuple[str, str]:
    parts = []
    for language in ("en", "fr"):
        with translation.override(language):
            parts.append(write(nomination, language))
    subjects = [part.subject for part in parts]
    return " / ".join(subjects), SEPARATOR.join(part.body for part in parts)


class _ToNominee(_Message):
    def __init__(self, nomination: Nomination, language: str) -> None:
        super().__init__(nomination, language)
        self.subject = _("You are nominated to %(programme)s") % {"programme": self.programme}
        self.body = _(
            "Hello %(name)s,\n\n"
            "You were nominated to the programme %(programme)s (%(intake)s). Please accept "
            "or decline "
            "the nomination in Guild before %(date)s:\n%(url)s\n\nGuild"
        ) % {
            "name": nomination.member.given_name,
            "intake": self.intake,
            "programme": self.programme,
            "date": self.close_on,
            "url": self.page,
        }


class _ToSupervisor(_Message):
    def __init__(self, nomination: Nomination, language: str) -> None:
        super().__init__(nomination, language)
        token = endorse_link_token(nomination)
        link = _site() + reverse("programmes:endorse-link", args=[token])
        self.subject = _("Please endorse the nomination of %(name)s") % {"name": self.nominee}
        self.body = _(
            "Hello,\n\n"
            "%(name)s was nominated to the programme %(programme)s (%(intake)s) and names "
            "you as supervisor. Please say whether you endorse the nomination, through this link "
            "(it works for 30 days, without signing in):\n%(link)s\n\n"
            "or signed in to Guild:\n%(url)s\n\nGuild"
        ) % {
            "name": self.nominee,
            "intake": self.intake,
            "programme": self.programme,
            "link": link,
            "url": self.page,
        }


def _recipient(member: Member | None) -> list[str]:
    return [member.work_email] if member is not None and member.work_email else []


def _send(write: type[_Message], nomination: Nomination, to: list[str]) -> None:
    if to:
        subject, body = _in_both(write, nomination)
        send_mail(subject, body, None, to)


def nomination_notify(nomination: Nomination) -> None:
    """E-mail the nominee and the supervisor once the transaction commits."""
    nominee, supervisor = _recipient(nomination.member), _recipient(nomination.supervisor)

    def send() -> None:
        _send(_ToNominee, nomination, nominee)
        _send(_ToSupervisor, nomination, supervisor)

    transaction.on_commit(send)
