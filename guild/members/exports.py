"""The member directory export, built in batches with progress on its job record."""

import csv
import io

from django.utils.translation import gettext as _

from guild.core.jobs import job_fail, job_progress, job_succeed
from guild.core.models import Job
from guild.core.spreadsheet_safety import csv_row
from guild.members.selectors import MemberFilters, member_directory

EXPORT_COLUMNS = [
    "id",
    "given_name",
    "family_name",
    "work_email",
    "department",
    "region",
    "position_title",
    "group_level",
]
EXPORT_BATCH = 500


def member_export_run(*, job_id: str) -> None:
    """Build the CSV in batches, reporting progress; running it twice is harmless."""
    job = Job.objects.select_related("owner").filter(pk=job_id).first()
    if job is None or job.is_done:
        return
    try:
        members = member_directory(user=job.owner, filters=MemberFilters(**job.params))
        total = members.count()
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(EXPORT_COLUMNS)
        done = 0
        for start in range(0, total, EXPORT_BATCH):
            for m in members[start : start + EXPORT_BATCH]:
                writer.writerow(
                    csv_row(
                        [
                            m.pk,
                            m.given_name,
                            m.family_name,
                            m.work_email,
                            m.department.acronym,
                            m.region.name,
                            m.position_title,
                            m.level.code if m.level else "",
                        ]
                    )
                )
                done += 1
            job_progress(
                job_id=job_id,
                percent=int(done * 100 / max(total, 1)),
                message=_("%(done)s of %(total)s members") % {"done": done, "total": total},
            )
        job_succeed(
            job_id=job_id,
            content=buffer.getvalue().encode("utf-8-sig"),
            file_name="members.csv",
            message=_("%(total)s members exported") % {"total": total},
        )
    except Exception as error:  # a failed job must say so on its page, not hang at 40 %
        job_fail(job_id=job_id, message=_("The export failed: %(error)s") % {"error": error})
        raise
