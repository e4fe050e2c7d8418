from django_tasks import task

from guild.competencies.services import assessment_reminders_send
from guild.competencies.services.frameworks import framework_import_run


@task()
def assessment_reminders_task() -> int:
    """Queue daily (cron: `manage.py send_assessment_reminders --enqueue`); idempotent."""
    return assessment_reminders_send()


@task()
def framework_import_task(job_id: str) -> None:
    """Read an uploaded CASE package or CSV file into a draft version; idempotent."""
    framework_import_run(job_id=job_id)
