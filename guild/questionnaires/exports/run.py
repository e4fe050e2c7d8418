"""The body of an export job: write the file to a temporary folder, then store it on the
job record. Running it twice is harmless (a finished job is left alone)."""

import tempfile
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _

from guild.core.jobs import job_fail, job_progress, job_succeed_file
from guild.core.models import Job
from guild.questionnaires.exports.aggregate import write_aggregate
from guild.questionnaires.exports.kinds import ExportFormat, ExportKind
from guild.questionnaires.exports.source import row_source
from guild.questionnaires.exports.writers import write_csv, write_xlsx
from guild.questionnaires.models import Questionnaire


def export_file_name(questionnaire: Questionnaire, kind: str, file_format: str) -> str:
    what = "responses" if kind == ExportKind.ROWS else "aggregate"
    return f"{questionnaire.slug}-{what}.{file_format}"


def _rows(
    job_id: str, questionnaire: Questionnaire, file_format: str, path: Path, language: str
) -> int:
    source = row_source(questionnaire)
    total = source.total

    def progress(done: int) -> None:
        job_progress(
            job_id=job_id,
            percent=int(done * 100 / max(total, 1)) if done < total else 99,
            message=_("%(done)s of %(total)s responses") % {"done": done, "total": total},
        )

    job_progress(
        job_id=job_id, percent=0, message=_("%(total)s responses to export") % {"total": total}
    )
    if file_format == ExportFormat.CSV:
        return write_csv(path, source.variables, source.rows(), progress)
    if file_format == ExportFormat.XLSX:
        return write_xlsx(path, source.variables, source.rows(), progress)
    # numpy, pandas and pyreadstat load only when an SPSS file is asked for.
    from guild.questionnaires.exports.spss import write_sav

    return write_sav(
        path, source.variables, source.rows(), expected=total, language=language, progress=progress
    )


def questionnaire_export_run(*, job_id: str) -> None:
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.is_done:
        return
    params = job.params
    language = params.get("language", "en")
    with translation.override(language):
        try:
            questionnaire = Questionnaire.objects.get(pk=params["questionnaire_id"])
            kind, file_format = params["kind"], params["format"]
            name = export_file_name(questionnaire, kind, file_format)
            with tempfile.TemporaryDirectory(prefix="guild-export-") as folder:
                path = Path(folder) / name
                if kind == ExportKind.ROWS:
                    count = _rows(job_id, questionnaire, file_format, path, language)
                    message = _("%(count)s responses exported") % {"count": count}
                else:
                    write_aggregate(questionnaire, file_format, path)
                    message = _("Frequencies exported")
                job_succeed_file(job_id=job_id, path=path, file_name=name, message=message)
        except Exception as error:  # the job page must say it failed rather than hang
            job_fail(job_id=job_id, message=_("The export failed: %(error)s") % {"error": error})
            raise
