"""The background work of exports: one file written for a job."""

from django_tasks import task


@task()
def questionnaire_export_task(job_id: str) -> None:
    # The writers (openpyxl, numpy, pandas) load in the worker that runs the export, not
    # in every web process that enqueues one.
    from guild.questionnaires.exports.run import questionnaire_export_run

    questionnaire_export_run(job_id=job_id)
