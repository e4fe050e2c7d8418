"""Every write of competency data, by subject; import from here."""

from guild.competencies.services.assessments import (
    Validation,
    assessment_self,
    assessment_supervise,
    assessments_supervise_many,
)
from guild.competencies.services.community import priority_set
from guild.competencies.services.frameworks import (
    competency_update,
    framework_create,
    framework_import_case,
    framework_import_csv,
    framework_load_published,
    framework_new_version,
    framework_problems_error,
    framework_publish,
)
from guild.competencies.services.profiles import (
    member_role_profile_set,
    role_profile_adapt_for_department,
    role_profile_create,
    role_profile_members_set,
    role_profile_update,
)
from guild.competencies.services.reminders import assessment_reminders_send

__all__ = [
    "Validation",
    "assessment_reminders_send",
    "assessment_self",
    "assessment_supervise",
    "assessments_supervise_many",
    "competency_update",
    "framework_create",
    "framework_import_case",
    "framework_import_csv",
    "framework_load_published",
    "framework_new_version",
    "framework_problems_error",
    "framework_publish",
    "member_role_profile_set",
    "priority_set",
    "role_profile_adapt_for_department",
    "role_profile_create",
    "role_profile_members_set",
    "role_profile_update",
]
