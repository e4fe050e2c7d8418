"""Every write of questionnaire definitions and settings, by subject (questionnaires.py:
creation, settings and results publication; versions.py: drafts, publishing and
translation; importing.py: files that come in): validated, atomic, audited; import from
here.

An import whose file Guild reads with changes, or with parts it cannot keep, waits for the
person who started it (`questionnaire_import_accept` / `questionnaire_import_cancel`).

`actor` is the person acting; `None` means the system (the demo seeder, commands), which
is not checked against the management rules.
"""

from guild.questionnaires.definition.services.importing import (
    IMPORT_JOB_KIND,
    TRANSLATION_JOB_KIND,
    questionnaire_import,
    questionnaire_import_accept,
    questionnaire_import_cancel,
    questionnaire_import_review,
    questionnaire_import_run,
    translation_import_run,
)
from guild.questionnaires.definition.services.questionnaires import (
    SETTINGS_FIELDS,
    questionnaire_create,
    questionnaire_update_settings,
    results_publish,
    results_unpublish,
)
from guild.questionnaires.definition.services.versions import (
    version_new_draft,
    version_publish,
    version_translate,
    version_update_draft,
)

__all__ = [
    "IMPORT_JOB_KIND",
    "SETTINGS_FIELDS",
    "TRANSLATION_JOB_KIND",
    "questionnaire_create",
    "questionnaire_import",
    "questionnaire_import_accept",
    "questionnaire_import_cancel",
    "questionnaire_import_review",
    "questionnaire_import_run",
    "questionnaire_update_settings",
    "results_publish",
    "results_unpublish",
    "translation_import_run",
    "version_new_draft",
    "version_publish",
    "version_translate",
    "version_update_draft",
]
