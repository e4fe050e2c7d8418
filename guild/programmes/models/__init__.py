"""The programmes app's tables: programmes, phases and intakes with their rules
(`programme`), nominations, scores and selection runs (`nominations`), the cohort with its
groups, sessions and attendance (`cohort`), and what evaluations teach (`evaluation`)."""

from guild.programmes.models.cohort import (
    ATTENDED,
    Attendance,
    AttendanceStatus,
    LearningGroup,
    Participant,
    Session,
    SessionKind,
)
from guild.programmes.models.evaluation import (
    CommentTag,
    Recommendation,
    Theme,
    ThemeSource,
)
from guild.programmes.models.nominations import (
    Consent,
    Endorsement,
    Nomination,
    NominationEvent,
    NominationStep,
    Outcome,
    Score,
    SelectionRun,
)
from guild.programmes.models.programme import (
    BalanceAttribute,
    BalanceRule,
    Criterion,
    Intake,
    IntakeStage,
    Phase,
    Programme,
)

__all__ = [
    "ATTENDED",
    "Attendance",
    "AttendanceStatus",
    "BalanceAttribute",
    "BalanceRule",
    "CommentTag",
    "Consent",
    "Criterion",
    "Endorsement",
    "Intake",
    "IntakeStage",
    "LearningGroup",
    "Nomination",
    "NominationEvent",
    "NominationStep",
    "Outcome",
    "Participant",
    "Phase",
    "Programme",
    "Recommendation",
    "Score",
    "SelectionRun",
    "Session",
    "SessionKind",
    "Theme",
    "ThemeSource",
]
