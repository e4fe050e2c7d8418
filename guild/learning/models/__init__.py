"""The learning app's tables: the course scan (`catalogue`), and the offerings of its
courses with their enrolments and completions (`enrolment`), certification (`certificates`)
and curricula with their endorsements (`curricula`)."""

from guild.learning.models.catalogue import (
    CODE_MAX,
    Course,
    CourseCompetency,
    CourseFormat,
    CourseLanguages,
    Provider,
    ProviderKind,
)
from guild.learning.models.certificates import (
    Certificate,
    CertificateStatus,
    CertificationProgramme,
)
from guild.learning.models.curricula import (
    Curriculum,
    CurriculumStatus,
    CurriculumVersion,
    Endorsement,
    EndorsementStance,
)
from guild.learning.models.enrolment import (
    Completion,
    CompletionResult,
    CompletionSource,
    Enrolment,
    EnrolmentStatus,
    Offering,
    OfferingStatus,
)

__all__ = [
    "CODE_MAX",
    "Certificate",
    "CertificateStatus",
    "CertificationProgramme",
    "Completion",
    "CompletionResult",
    "CompletionSource",
    "Course",
    "CourseCompetency",
    "CourseFormat",
    "CourseLanguages",
    "Curriculum",
    "CurriculumStatus",
    "CurriculumVersion",
    "Endorsement",
    "EndorsementStance",
    "Enrolment",
    "EnrolmentStatus",
    "Offering",
    "OfferingStatus",
    "Provider",
    "ProviderKind",
]
