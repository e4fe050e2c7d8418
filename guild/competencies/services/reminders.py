"""Reminders to members whose self-assessment is older than their community's period."""

from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from guild.competencies.models import AssessmentReminder
from guild.competencies.selectors import reminders_due
from guild.members.models import Member


def _language(member: Member) -> str:
    if member.user is not None and member.user.preferred_language:
        return str(member.user.preferred_language)
    return member.first_official_language or settings.LANGUAGE_CODE


def _send(member: Member) -> None:
    with translation.override(_language(member)):
        subject = _("Time to update your competency self-assessment")
        body = _(
            "Hello %(name)s,\n\n"
            "Your competency self-assessment in Guild has not been updated for a while. "
            "Please review your levels and evidence, so that your supervisor can validate "
            "them and your learning needs stay current.\n\n"
            "Guild"
        ) % {"name": member.given_name}
    send_mail(subject, body, None, [member.work_email])


def assessment_reminders_send(*, now: datetime | None = None) -> int:
    """E-mail every member due a reminder (`selectors.reminders_due`) once per stale
    period, in their language; returns how many were sent. Running it again sends nothing
    new: a reminder is recorded with the e-mail, and a failed e-mail records nothing."""
    moment = now or timezone.now()
    sent = 0
    due = reminders_due(now=moment)
    recorded = set(
        AssessmentReminder.objects.filter(member_id__in=[d.member_id for d in due]).values_list(
            "member_id", "basis"
        )
    )
    members = Member.objects.select_related("user").in_bulk([d.member_id for d in due])
    for item in due:
        if (item.member_id, item.basis) in recorded:
            continue
        try:
            with transaction.atomic():
                AssessmentReminder.objects.create(member_id=item.member_id, basis=item.basis)
                _send(members[item.member_id])
        except IntegrityError:  # another worker reminded them first
            continue
        sent += 1
    return sent
