"""Competencies JSON API: frameworks (CASE 1.0 and CSV export and import), role profiles, my
assessments and gaps, supervisors' validations, heat maps and learning needs.

Figures hidden by disclosure control are `{"suppressed": true}` wherever a number would be
(`published`), the same for both reasons so the reason itself leaks nothing.

Each module registers its endpoints on the one `router`: importing them here registers
them all."""

from guild.competencies.api.assessments import (
    AssessmentIn,
    AssessmentOut,
    GapOut,
    GapsOut,
    MissingLevelOut,
    ValidationIn,
    member_gaps,
    member_validate,
    my_assessment_create,
    my_assessments,
    my_gaps,
)
from guild.competencies.api.common import (
    SuppressedOut,
    published,
    router,
)
from guild.competencies.api.figures import (
    Count,
    Figure,
    HeatCellOut,
    HeatMapOut,
    HeatMapQuery,
    LearningNeedsOut,
    NeedOut,
    NeedsQuery,
    heat_map,
    heat_map_out,
    learning_needs_out,
    needs,
)
from guild.competencies.api.framework_imports import (
    FrameworkImportIn,
    FrameworkImportOut,
    ImportProblemOut,
    framework_import,
    framework_import_status,
)
from guild.competencies.api.frameworks import (
    CompetencyOut,
    FrameworkOut,
    IndicatorOut,
    LevelOut,
    VersionDetailOut,
    VersionOut,
    framework_read,
    frameworks,
    version_case,
    version_csv,
    version_read,
)
from guild.competencies.api.profiles import (
    RoleProfileDetailOut,
    RoleProfileOut,
    TargetOut,
    profile_out,
    role_profile_read,
    role_profiles,
)

__all__ = [
    "AssessmentIn",
    "AssessmentOut",
    "CompetencyOut",
    "Count",
    "Figure",
    "FrameworkImportIn",
    "FrameworkImportOut",
    "FrameworkOut",
    "GapOut",
    "GapsOut",
    "HeatCellOut",
    "HeatMapOut",
    "HeatMapQuery",
    "ImportProblemOut",
    "IndicatorOut",
    "LearningNeedsOut",
    "LevelOut",
    "MissingLevelOut",
    "NeedOut",
    "NeedsQuery",
    "RoleProfileDetailOut",
    "RoleProfileOut",
    "SuppressedOut",
    "TargetOut",
    "ValidationIn",
    "VersionDetailOut",
    "VersionOut",
    "framework_import",
    "framework_import_status",
    "framework_read",
    "frameworks",
    "heat_map",
    "heat_map_out",
    "learning_needs_out",
    "member_gaps",
    "member_validate",
    "my_assessment_create",
    "my_assessments",
    "my_gaps",
    "needs",
    "profile_out",
    "published",
    "role_profile_read",
    "role_profiles",
    "router",
    "version_case",
    "version_csv",
    "version_read",
]
