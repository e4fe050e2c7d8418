"""Reads of competency data: frameworks rebuilt as plain data, role profiles, a member's
gaps, and the suppressed heat maps and learning needs, aggregated in the database.

Group figures are counted with one `GROUP BY` over the current-level table (ADR 9), only
for members who agreed to be counted (`COUNTED`), and protected together by
`gaps.linked_heat_maps`; learning needs are ranked from the cells of the same protected heat
map, so a figure hidden on one page is hidden on every other.
"""

from guild.competencies.selectors.community_settings import (
    DEFAULT_REMINDER_DAYS,
    competency_settings,
    learning_priorities,
)
from guild.competencies.selectors.frameworks import (
    community_current_version,
    competency_replaced,
    framework_current_version,
    framework_version_content,
    framework_versions,
    frameworks_list,
    scale_choices,
    version_associations,
    version_competencies,
    version_definitions,
    version_families,
)
from guild.competencies.selectors.gap_rows import (
    GapRow,
    MemberGaps,
    MissingLevel,
    ReportSummary,
    assessment_history,
    current_assessments,
    member_gap_rows,
    reports_summary,
    version_level_names,
)
from guild.competencies.selectors.heat_maps import (
    COUNTED,
    GROUP_FIELDS,
    GroupBy,
    HeatMapData,
    competency_labels,
    heat_map_atoms,
    heat_map_data,
    linked_maps,
    role_profile_parents,
)
from guild.competencies.selectors.needs import (
    LearningNeeds,
    learning_needs,
    learning_needs_by_department,
)
from guild.competencies.selectors.profiles import (
    member_role_profile,
    role_profile_targets,
    role_profiles_list,
)
from guild.competencies.selectors.reminders import (
    ReminderDue,
    reminders_due,
)

__all__ = [
    "COUNTED",
    "DEFAULT_REMINDER_DAYS",
    "GROUP_FIELDS",
    "GapRow",
    "GroupBy",
    "HeatMapData",
    "LearningNeeds",
    "MemberGaps",
    "MissingLevel",
    "ReminderDue",
    "ReportSummary",
    "assessment_history",
    "community_current_version",
    "competency_labels",
    "competency_replaced",
    "competency_settings",
    "current_assessments",
    "framework_current_version",
    "framework_version_content",
    "framework_versions",
    "frameworks_list",
    "heat_map_atoms",
    "heat_map_data",
    "learning_needs",
    "learning_needs_by_department",
    "learning_priorities",
    "linked_maps",
    "member_gap_rows",
    "member_role_profile",
    "reminders_due",
    "reports_summary",
    "role_profile_parents",
    "role_profile_targets",
    "role_profiles_list",
    "scale_choices",
    "version_associations",
    "version_competencies",
    "version_definitions",
    "version_families",
    "version_level_names",
]
