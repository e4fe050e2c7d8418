"""Management pages for programme and platform administrators, by subject
(questionnaires.py: questionnaires of their communities, their versions and settings,
definition files in and out; import_review.py: the review of an import that needs a
decision; translation.py: the translation of a draft); import from here."""

from guild.questionnaires.definition.views.import_review import (
    manage_import_accept,
    manage_import_cancel,
    manage_import_review,
)
from guild.questionnaires.definition.views.questionnaires import (
    manage_create,
    manage_detail,
    manage_download,
    manage_list,
    manage_new_draft,
    manage_publish,
    manage_results,
    manage_upload,
)
from guild.questionnaires.definition.views.translation import (
    manage_translate,
    manage_translation_download,
    manage_translation_upload,
)

__all__ = [
    "manage_create",
    "manage_detail",
    "manage_download",
    "manage_import_accept",
    "manage_import_cancel",
    "manage_import_review",
    "manage_list",
    "manage_new_draft",
    "manage_publish",
    "manage_results",
    "manage_translate",
    "manage_translation_download",
    "manage_translation_upload",
    "manage_upload",
]
