"""The learning priorities a community's programme administrators set. Checked, atomic and
audited."""

import math

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser
from guild.competencies.access import can_set_priorities
from guild.competencies.models import (
    Competency,
    LearningPriority,
)
from guild.core.audit import audit_record, diff, snapshot
from guild.core.errors import PermissionDenied
from guild.organizations.models import Community

MAX_WEIGHT = 100.0


@transaction.atomic
def priority_set(
    *, actor: AnyUser, community: Community, competency_code: str, weight: float
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
