from django_tasks import task

from guild.learning.services import course_import_run


@task()
def course_import_task(job_id: str) -> None:
    """Read an uploaded course file into the catalogue, all rows or none; idempotent."""
    course_import_run(job_id=job_id)
