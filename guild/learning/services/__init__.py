"""Every write of the learning app: the catalogue (`catalogue`), offerings and enrolments
(`enrolment`), course results (`completion`)."""

from guild.learning.services.catalogue import (
    COURSE_FIELDS,
    COURSE_IMPORT_JOB_KIND,
    PROVIDER_FIELDS,
    ImportResult,
    course_import,
    course_import_run,
    course_save,
    provider_create,
    provider_update,
)
from guild.learning.services.completion import (
    CompletionImport,
    completion_declare,
    completion_import,
    completion_record,
)
from guild.learning.services.enrolment import (
    enrolment_add,
    enrolment_create,
    enrolment_decide,
    enrolment_withdraw,
    offering_save,
)

__all__ = [
    "COURSE_FIELDS",
    "COURSE_IMPORT_JOB_KIND",
    "PROVIDER_FIELDS",
    "CompletionImport",
    "ImportResult",
    "completion_declare",
    "completion_import",
    "completion_record",
    "course_import",
    "course_import_run",
    "course_save",
    "enrolment_add",
    "enrolment_create",
    "enrolment_decide",
    "enrolment_withdraw",
    "offering_save",
    "provider_create",
    "provider_update",
]
