"""The background work of definitions: an uploaded file read into a draft, and a
translator's workbook read into a draft's French (each idempotent)."""

from django_tasks import task

from guild.questionnaires.definition.services import (
    questionnaire_import_run,
    translation_import_run,
)


@task()
def questionnaire_import_task(job_id: str) -> None:
    questionnaire_import_run(job_id=job_id)


@task()
def translation_import_task(job_id: str) -> None:
    translation_import_run(job_id=job_id)
