"""A community's competency settings and learning priorities."""

from guild.competencies.models import (
    CompetencySettings,
    LearningPriority,
)
from guild.core.disclosure import DEFAULT_THRESHOLD
from guild.organizations.models import Community

DEFAULT_REMINDER_DAYS = 365


def competency_settings(community: Community) -> CompetencySettings:
    """The community's settings, or the defaults (unsaved) when it has none."""
    found = CompetencySettings.objects.filter(community=community).first()
    return found or CompetencySettings(
        community=community,
        assessment_reminder_days=DEFAULT_REMINDER_DAYS,
        disclosure_threshold=DEFAULT_THRESHOLD,
    )


def learning_priorities(community: Community) -> dict[str, float]:
    return dict(
        LearningPriority.objects.filter(community=community)
        .order_by("competency_code")
        .values_list("competency_code", "weight")
    )
