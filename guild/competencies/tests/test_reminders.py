"""Reminders: once per stale period, in the member's language, nothing twice."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from guild.competencies.models import AssessmentReminder, CompetencySettings, MemberRoleProfile
from guild.competencies.services import assessment_reminders_send, assessment_self
from guild.competencies.tasks import assessment_reminders_task


@pytest.mark.django_db
def test_reminders_are_sent_once_per_period_in_the_members_language(
    cast: dict[str, Any],
    im: Any,
    on_profile: Callable[..., Any],
    competency: Callable[[str], Any],
) -> None:
    CompetencySettings.objects.create(community=im, assessment_reminder_days=30)
    mia = on_profile(cast["member"])
    pat = on_profile(cast["private"])
    pat.user.preferred_language = "fr"
    pat.user.save()
    assessment_self(actor=mia.user, member=mia, competency=competency("RIL-01"), level=2)
    now = timezone.now()
    assert assessment_reminders_send(now=now + timedelta(days=29)) == 0
    assert assessment_reminders_send(now=now + timedelta(days=31)) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([mia.work_email, pat.work_email])
    french = next(m for m in mail.outbox if m.to == [pat.work_email])
    english = next(m for m in mail.outbox if m.to == [mia.work_email])
    assert english.subject == "Time to update your competency self-assessment"
    assert english.body.startswith(f"Hello {mia.given_name},")
    assert french.subject  # translated once the French catalogue has it
    assert assessment_reminders_send(now=now + timedelta(days=45)) == 0
    assert len(mail.outbox) == 2
    assert AssessmentReminder.objects.count() == 2
    # A new self-assessment starts a new period: one more reminder when it goes stale.
    later = assessment_self(actor=mia.user, member=mia, competency=competency("RIL-02"), level=1)
    assert assessment_reminders_send(now=later.created_at + timedelta(days=31)) == 1
    assert mail.outbox[-1].to == [mia.work_email]


@pytest.mark.django_db
def test_task_and_command_are_idempotent(
    cast: dict[str, Any], on_profile: Callable[..., Any]
) -> None:
    mia = on_profile(cast["member"])
    MemberRoleProfile.objects.filter(member=mia).update(
        assigned_at=timezone.now() - timedelta(days=400)
    )
    assessment_reminders_task.enqueue()
    call_command("send_assessment_reminders", stdout=None)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [mia.work_email]
