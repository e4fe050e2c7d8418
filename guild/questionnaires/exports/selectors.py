"""Reads of export jobs."""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser

from guild.accounts.models import User
from guild.core.errors import NotFound
from guild.core.models import Job
from guild.questionnaires.exports.kinds import JOB_KIND


def my_export_job(*, user: User | AnonymousUser, job_id: UUID) -> Job:
    """One of the user's own questionnaire export jobs; NotFound for anyone else's."""
    job = Job.objects.filter(pk=job_id, owner_id=user.pk, kind=JOB_KIND).first()
    if job is None:
        raise NotFound()
    return job
