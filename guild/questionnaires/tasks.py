from django_tasks import task

from guild.questionnaires.definition.services import (
    questionnaire_import_run,
    translation_import_run,
)


@task()
def questionnaire_export_task(job_id: str) -> None:
    # The writers (openpyxl, numpy, pandas) load in the worker that runs the export, not
    # in every web process that enqueues one.
    from guild.questionnaires.exports.run import questionnaire_export_run

    questionnaire_export_run(job_id=job_id)


@task()
def questionnaire_import_task(job_id: str) -> None:
    """Read an uploaded definition file into a draft; idempotent."""
    questionnaire_import_run(job_id=job_id)


@task()
def translation_import_task(job_id: str) -> None:
    """Read a translator's workbook into a draft's French texts; idempotent."""
    translation_import_run(job_id=job_id)
