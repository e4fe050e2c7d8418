from django_tasks import task

from guild.questionnaires.exports.run import questionnaire_export_run


@task()
def questionnaire_export_task(job_id: str) -> None:
    questionnaire_export_run(job_id=job_id)
