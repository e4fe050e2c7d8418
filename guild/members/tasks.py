from django_tasks import task

from guild.members.exports import member_export_run


@task()
def member_export_task(job_id: str) -> None:
    member_export_run(job_id=job_id)
