from django_tasks import task

from guild.competencies.services import assessment_reminders_send


@task()
def assessment_reminders_task() -> int:
    """Queue daily (cron: `manage.py send_assessment_reminders --enqueue`); idempotent."""
    return assessment_reminders_send()
