"""A community's competency settings and the learning priorities its programme
administrators set. Checked, atomic and audited."""

import math
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guild.competencies.access import can_set_priorities
from guild.competencies.models import (
    Competency,
    CompetencySettings,
    LearningPriority,
)
from guild.core.audit import audit_record, diff, snapshot
from guild.core.disclosure import MINIMUM_THRESHOLD
from guild.core.errors import PermissionDenied
from guild.organizations.models import Community

MAX_WEIGHT = 100.0
MAX_REMINDER_DAYS = 3650


@transaction.atomic
def priority_set(
    *, actor: Any, community: Community, competency_code: str, weight: float
) -> LearningPriority:
    """The weight (0 to 100; 1 when none is set) of a competency in the community's
    learning-needs ranking. Programme administrators only."""
    if not can_set_priorities(actor, community.pk):
        raise PermissionDenied()
    errors: dict[str, list[str]] = {}
    if not Competency.objects.filter(
        version__framework__community=community, code=competency_code
    ).exists():
        errors["competency_code"] = [_("Not a competency of this community's frameworks.")]
    if (
        isinstance(weight, bool)
        or not isinstance(weight, int | float)
        or not math.isfinite(weight)
        or not 0 <= weight <= MAX_WEIGHT
    ):
        errors["weight"] = [_("Give a weight from 0 to %(max)d.") % {"max": int(MAX_WEIGHT)}]
    if errors:
        raise ValidationError(errors)
    priority = (
        LearningPriority.objects.select_for_update()
        .filter(community=community, competency_code=competency_code)
        .first()
    )
    before = snapshot(priority, ["weight"]) if priority else {}
    if priority is None:
        priority = LearningPriority(community=community, competency_code=competency_code)
    priority.weight = float(weight)
    priority.save()
    changes = diff(before, snapshot(priority, ["competency_code", "weight"]))
    audit_record(actor=actor, action="learning_priority.set", obj=priority, changes=changes)
    return priority


@transaction.atomic
def competency_settings_update(
    *,
    actor: Any,
    community: Community,
    assessment_reminder_days: int | None = None,
    disclosure_threshold: int | None = None,
) -> CompetencySettings:
    """The reminder period (days) and the smallest group a heat map shows (at least 5)."""
    if not can_set_priorities(actor, community.pk):
        raise PermissionDenied()
    settings, _created = CompetencySettings.objects.select_for_update().get_or_create(
        community=community
    )
    fields = ["assessment_reminder_days", "disclosure_threshold"]
    before = snapshot(settings, fields)
    errors: dict[str, list[str]] = {}
    if assessment_reminder_days is not None:
        if not 1 <= assessment_reminder_days <= MAX_REMINDER_DAYS:
            errors["assessment_reminder_days"] = [
                _("Give a number of days from 1 to %(max)d.") % {"max": MAX_REMINDER_DAYS}
            ]
        settings.assessment_reminder_days = assessment_reminder_days
    if disclosure_threshold is not None:
        if not MINIMUM_THRESHOLD <= disclosure_threshold <= 100:
            errors["disclosure_threshold"] = [
                _("Give a group size from %(min)d to 100.") % {"min": MINIMUM_THRESHOLD}
            ]
        settings.disclosure_threshold = disclosure_threshold
    if errors:
        raise ValidationError(errors)
    settings.save()
    changes = diff(before, snapshot(settings, fields))
    if changes:
        audit_record(
            actor=actor, action="competency_settings.update", obj=settings, changes=changes
        )
    return settings
