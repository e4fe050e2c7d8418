"""Competency frameworks in versions, role profiles with target levels, members' assessments.

A framework is a series of versions; each version holds its own copy of the families,
competencies, proficiency levels and behavioural indicators, so a published version never
changes under the role profiles and assessments that point at it (services refuse edits of a
published version). Assessments are an append-only history; `CurrentAssessment` keeps the
latest self and supervisor levels per member and competency, written by the assessment
services in the same transaction (ADR 9).
"""

from guild.competencies.models.assessments import (
    Assessment,
    AssessmentKind,
    AssessmentReminder,
    CompetencySettings,
    CurrentAssessment,
    LearningPriority,
)
from guild.competencies.models.frameworks import (
    LEVEL_MAX,
    LEVEL_MIN,
    NAME_MAX,
    Competency,
    Family,
    Framework,
    FrameworkAssociation,
    FrameworkVersion,
    LevelIndicator,
    ProficiencyLevel,
)
from guild.competencies.models.profiles import (
    MemberRoleProfile,
    RoleProfile,
    RoleProfileTarget,
)

__all__ = [
    "LEVEL_MAX",
    "LEVEL_MIN",
    "NAME_MAX",
    "Assessment",
    "AssessmentKind",
    "AssessmentReminder",
    "Competency",
    "CompetencySettings",
    "CurrentAssessment",
    "Family",
    "Framework",
    "FrameworkAssociation",
    "FrameworkVersion",
    "LearningPriority",
    "LevelIndicator",
    "MemberRoleProfile",
    "ProficiencyLevel",
    "RoleProfile",
    "RoleProfileTarget",
]
