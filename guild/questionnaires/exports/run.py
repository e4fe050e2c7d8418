"""The body of an export job: write the file to a temporary folder, then store it on the
job record. Running it twice is harmless (a finished job is left alone)."""

import tempfile
import zipfile
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _

from guild.core.jobs import job_fail, job_progress, job_succeed_file
from guild.core.models import Job
from guild.questionnaires.exports.aggregate import write_aggregate
from guild.questionnaires.exports.kinds import ExportFormat, ExportKind
from guild.questionnaires.exports.source import RowSource, row_source
from guild.questionnaires.exports.variables import CODEBOOK_HEADER, codebook_rows
from guild.questionnaires.exports.writers import Progress, write_csv, write_table_csv, write_xlsx
from guild.questionnaires.models import Questionnaire


def export_file_name(questionnaire: Questionnaire, kind: str, file_format: str) -> str:
    what = "responses" if kind == ExportKind.ROWS else "aggregate"
    if kind == ExportKind.ROWS and file_format == ExportFormat.CSV and questionnaire.anonymous:
        # The responses, their codebook and what disclosure control did, side by side.
        return f"{questionnaire.slug}-{what}-csv.zip"
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
    if not source.identified:
        return _protected_rows(source, questionnaire, file_format, path, language, progress)
    if file_format == ExportFormat.CSV:
        return write_csv(path, source.variables, source.rows(), progress)
    if file_format == ExportFormat.XLSX:
        return write_xlsx(path, source.variables, source.rows(), progress)
    # numpy, pandas and pyreadstat load only when an SPSS file is asked for.
    from guild.questionnaires.exports.spss import write_sav

    return write_sav(
        path, source.variables, source.rows(), expected=total, language=language, progress=progress
    )


def _protected_rows(
    source: RowSource,
    questionnaire: Questionnaire,
    file_format: str,
    path: Path,
    language: str,
    progress: Progress,
) -> int:
    """An anonymous questionnaire's responses with their quasi-identifiers made
    k-anonymous (exports/protected.py); the file is kept only if the rows written verify."""
    # numpy loads only when a protected export runs.
    from guild.questionnaires.exports.protected import PROTECTION_HEADER, protected_export

    protected = protected_export(source, questionnaire.threshold)
    variables = protected.variables
    codebook = protected.codebook(CODEBOOK_HEADER, codebook_rows(variables))
    if file_format == ExportFormat.CSV:
        folder = path.parent
        written = write_csv(folder / "responses.csv", variables, protected.rows(), progress)
        write_table_csv(folder / "codebook.csv", *codebook)
        write_table_csv(
            folder / "disclosure_control.csv", PROTECTION_HEADER, protected.protection_rows()
        )
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name in ("responses.csv", "codebook.csv", "disclosure_control.csv"):
                archive.write(folder / name, arcname=name)
        return written
    if file_format == ExportFormat.XLSX:
        return write_xlsx(
            path,
            variables,
            protected.rows(),
            progress,
            codebook=codebook,
            sheets=[("disclosure_control", PROTECTION_HEADER, protected.protection_rows())],
        )
    from guild.questionnaires.exports.protected import MISSING_CODES
    from guild.questionnaires.exports.spss import write_sav

    return write_sav(
        path,
        variables,
        protected.rows(),
        expected=source.total,
        language=language,
        progress=progress,
        label_notes={
            column.name: f"{text.get(language)}; {report.suppressed} {_('suppressed')}"
            for column, report, text in protected.reports()
            if report.level.number or report.suppressed
        },
        notes=protected.notes(language),
        missing_codes=MISSING_CODES,
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
