"""Members whose self-assessment is older than their community's reminder period."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max

from guild.competencies.models import (
    CompetencySettings,
    MemberRoleProfile,
)
from guild.competencies.selectors.community_settings import DEFAULT_REMINDER_DAYS


@dataclass(frozen=True)
class ReminderDue:
    member_id: int
    basis: datetime


def reminders_due(*, now: datetime) -> list[ReminderDue]:
    """Members with a role profile whose latest self-assessment (or, never assessed, whose
    profile's assignment) is older than their community's reminder period."""
    days = {s.community_id: s.assessment_reminder_days for s in CompetencySettings.objects.all()}
    rows = (
        MemberRoleProfile.objects.filter(member__is_active=True)
        .annotate(last_self=Max("member__current_assessments__self_at"))
        .values_list("member_id", "profile__community_id", "last_self", "assigned_at")
        .order_by("member_id")
    )
    due = []
    for member_id, community_id, last_self, assigned_at in rows:
        basis = last_self or assigned_at
        period = days.get(community_id, DEFAULT_REMINDER_DAYS)
        if (now - basis).total_seconds() >= period * 86400:
            due.append(ReminderDue(member_id, basis))
    return due
