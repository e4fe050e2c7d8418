"""Job records: what a page polls to draw a progress bar for background work.

An import job keeps the uploaded file (its size checked first) and reads it in the worker,
so no web request ever parses an upload. What it made, or why it refused the file, is kept
in every language of the site (`Job.outcome`), so the job page and the API answer in the
reader's language, whichever language started the job.

An import whose file needs a person's decision (parts changed or left out on the way in)
raises `ReviewNeeded` from its `run`: nothing is saved, the job waits in the "review" state
with what accepting would import and the review notes in every language, and its owner
then accepts (`job_review_accepted`) or cancels (`job_review_cancelled`)."""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from uuid import UUID

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from guild.core.bilingual import current_language
from guild.core.errors import ApplicationError, NotFound
from guild.core.models import Job
from guild.core.uploads import DEFAULT_LIMITS, UploadLimits, check_size

logger = logging.getLogger(__name__)

T = TypeVar("T")


def job_create(
    *,
    owner: Any,
    kind: str,
    params: dict[str, Any] | None = None,
    upload: File | None = None,
    limits: UploadLimits = DEFAULT_LIMITS,
) -> Job:
    """A queued job; with `upload`, the file it will read, refused (`UploadTooLarge`)
    before anything is stored when it is over the size limit."""
    if upload is not None:
        check_size(upload.size or 0, limits)
    job = Job(owner=owner, kind=kind, params=params or {})
    if upload is not None:
        name = Path(upload.name or "upload").name[-80:]
        job.input_file.save(f"{job.id}-{name}", upload, save=False)
    job.save()
    return job


def job_progress(*, job_id: UUID | str, percent: int, message: str = "") -> None:
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.RUNNING, percent=max(0, min(100, percent)), message=message[:255]
    )


@transaction.atomic
def job_succeed(*, job_id: UUID | str, content: bytes, file_name: str, message: str = "") -> Job:
    job = Job.objects.select_for_update().get(pk=job_id)
    job.result_file.save(f"{job.id}-{file_name}", ContentFile(content), save=False)
    job.result_name = file_name
    job.status = Job.Status.SUCCEEDED
    job.percent = 100
    job.message = message[:255]
    job.finished_at = timezone.now()
    job.save()
    return job


@transaction.atomic
def job_succeed_file(
    *, job_id: UUID | str, path: str | Path, file_name: str, message: str = ""
) -> Job:
    """Like `job_succeed`, for a result already written to a file: the storage copies it
    in chunks, so a large export is never read into memory."""
    job = Job.objects.select_for_update().get(pk=job_id)
    with Path(path).open("rb") as handle:
        job.result_file.save(f"{job.id}-{file_name}", File(handle), save=False)
    job.result_name = file_name
    job.status = Job.Status.SUCCEEDED
    job.percent = 100
    job.message = message[:255]
    job.finished_at = timezone.now()
    job.save()
    return job


def job_fail(*, job_id: UUID | str, message: str) -> None:
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.FAILED, message=message[:255], finished_at=timezone.now()
    )


def job_for_owner(*, owner: Any, job_id: UUID | str) -> Job | None:
    return Job.objects.filter(pk=job_id, owner=owner).first()


@dataclass(frozen=True)
class Refusal:
    """Why an import refused its file, in the active language: a summary, and every
    problem with its place (`location`: a JSON path, a CSV line, a cell; and for a
    workbook `sheet`, `row`, `column`)."""

    summary: str
    problems: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"summary": self.summary, "problems": self.problems}


def job_refusal(error: Exception) -> Refusal | None:
    """The refusal a service's error stands for: its message, and each field error as a
    problem located by the field's name or path. None for any other exception."""
    if isinstance(error, ApplicationError):
        return Refusal(
            str(error.message),
            [
                {"location": path, "message": str(message)}
                for path, messages in error.fields.items()
                for message in messages
            ],
        )
    if isinstance(error, ValidationError):
        items = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        return Refusal(
            _("The file was read, but what it describes cannot be saved."),
            [
                {"location": "" if path == NON_FIELD_ERRORS else path, "message": str(message)}
                for path, messages in items.items()
                for message in messages
            ],
        )
    return None


@dataclass(frozen=True)
class Review:
    """What an import would save, waiting for its owner's decision: `candidate` (JSON
    data) is what accepting imports, `summary` language-free counts, `changed` and
    `dropped` located notes in the active language (like a refusal's problems), `link`
    the URL and label of the page where the owner decides, in the active language."""

    candidate: dict[str, Any]
    summary: dict[str, Any]
    changed: list[dict[str, Any]]
    dropped: list[dict[str, Any]]
    link: tuple[str, str]

    def notes(self) -> dict[str, Any]:
        return {"changed": self.changed, "dropped": self.dropped}


class ReviewNeeded(Exception):
    """Raised by an import's `run` when its owner must decide before anything is saved."""

    def __init__(self, review: Review) -> None:
        super().__init__("review needed")
        self.review = review


class _RolledBack(Exception):
    pass


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _refusal_in_other_language(
    job: Job, content: bytes, run: Callable[[Job, bytes], Any], refused: Callable[[Exception], Any]
) -> Refusal | None:
    """The same refusal in the active language. Messages are translated when a problem
    is found, so the file is read again; whatever this run might write is rolled back."""
    try:
        with transaction.atomic():
            run(job, content)
            raise _RolledBack
    except _RolledBack:
        return None
    except Exception as error:  # only a refusal is kept, see `refused`
        refusal: Refusal | None = refused(error)
        return refusal


def _review_in_other_language(
    job: Job, content: bytes, run: Callable[[Job, bytes], Any]
) -> Review | None:
    """The same review in the active language, the file read again (nothing written)."""
    try:
        with transaction.atomic():
            run(job, content)
            raise _RolledBack
    except ReviewNeeded as needed:
        return needed.review
    except Exception:  # the first reading asked for a review; keep its notes
        return None


def _hold_for_review(
    job: Job, language: str, content: bytes, run: Callable[[Job, bytes], Any], first: Review
) -> None:
    notes = {language: first.notes()}
    links = {language: {"url": first.link[0], "label": first.link[1]}}
    for other in _languages():
        if other != language:
            with translation.override(other):
                again = _review_in_other_language(job, content, run) or first
            notes[other] = again.notes()
            links[other] = {"url": again.link[0], "label": again.link[1]}
    review = {"candidate": first.candidate, "summary": first.summary, "notes": notes}
    _finish(job.pk, Job.Status.REVIEW, {"review": {**review, "link": links}})


def _finish(job_id: UUID | str, status: str, outcome: dict[str, Any]) -> None:
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        job.status = status
        done = status in {Job.Status.SUCCEEDED, Job.Status.REVIEW}
        job.percent = 100 if done else job.percent
        job.message = ""
        job.outcome = outcome
        job.finished_at = timezone.now()
        job.save()
    if job.input_file:
        # The upload was only needed to be read; a refused file is not kept either.
        job.input_file.delete(save=True)


def job_import_run(
    *,
    job_id: UUID | str,
    run: Callable[[Job, bytes], T],
    refused: Callable[[Exception], Refusal | None],
    link: Callable[[T], tuple[str, str]],
) -> None:
    """Run an import job once (a finished job is left alone). `run` reads the stored file
    and saves what it describes, atomically; `refused` turns its exception into a
    `Refusal` in the active language (None: not a refusal of the file); `link` gives the
    URL and label of what was made, in the active language. `run` raising `ReviewNeeded`
    leaves the job waiting for its owner's decision, nothing saved."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.is_done:
        return
    language = str(job.params.get("language") or settings.LANGUAGE_CODE)
    try:
        with translation.override(language):
            job_progress(job_id=job.pk, percent=10, message=_("Reading the file"))
            with job.input_file.open("rb") as handle:
                content = handle.read()
            with transaction.atomic():
                made = run(job, content)
    except ReviewNeeded as needed:
        _hold_for_review(job, language, content, run, needed.review)
        return
    except Exception as error:  # the job page must say it failed, not hang
        with translation.override(language):
            first = refused(error)
        if first is None:
            logger.exception("Import job %s failed", job.pk)
            with translation.override(language):
                job_fail(
                    job_id=job.pk,
                    message=_(
                        "The file could not be imported because of an error in Guild; "
                        "nothing was saved."
                    ),
                )
            job.input_file.delete(save=True)
            return
        refusals = {language: first.as_dict()}
        for other in _languages():
            if other != language:
                with translation.override(other):
                    again = _refusal_in_other_language(job, content, run, refused)
                refusals[other] = (again or first).as_dict()
        _finish(job.pk, Job.Status.FAILED, {"refusal": refusals})
        return
    _finish(job.pk, Job.Status.SUCCEEDED, _made_outcome(made, link))


def _made_outcome(made: T, link: Callable[[T], tuple[str, str]]) -> dict[str, Any]:
    links = {}
    for code in _languages():
        with translation.override(code):
            url, label = link(made)
        links[code] = {"url": url, "label": label}
    return {"link": links, "id": getattr(made, "pk", None)}


def job_for_decision(*, owner: Any, job_id: UUID | str, kind: str) -> Job:
    """The job of `kind` that `owner` started, locked until the end of the transaction;
    `NotFound` for anyone else's job or an id that names none, whatever its state."""
    job = Job.objects.select_for_update().filter(pk=job_id, owner=owner, kind=kind).first()
    if job is None:
        raise NotFound()
    return job


def job_review_accepted(job: Job, made: T, link: Callable[[T], tuple[str, str]]) -> Job:
    """Mark a job under review (from `job_for_decision`) as done: what accepting made is
    linked from its page, as for an import that needed no review."""
    job.status = Job.Status.SUCCEEDED
    job.outcome = {**_made_outcome(made, link), "reviewed": True}
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "outcome", "finished_at"])
    return job


def job_review_cancelled(job: Job) -> Job:
    """Mark a job under review (from `job_for_decision`) as cancelled: nothing saved."""
    job.status = Job.Status.CANCELLED
    job.outcome = {"cancelled": True}
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "outcome", "finished_at"])
    return job


def job_outcome(job: Job, language: str | None = None) -> dict[str, Any]:
    """The outcome in `language` (the active one by default): {"link": {"url", "label"},
    "id": the id of what was made} or {"refusal": {"summary", "problems"}} or, waiting for
    a decision, {"review": {"summary", "link", "changed", "dropped", "in_sheets"}}, or {}
    while the job runs."""
    language = language or current_language()
    result: dict[str, Any] = {}
    if (job.outcome or {}).get("id") is not None:
        result["id"] = job.outcome["id"]
    for key in ("link", "refusal"):
        by_language = (job.outcome or {}).get(key)
        if by_language:
            result[key] = dict(by_language.get(language) or next(iter(by_language.values())))
    if "refusal" in result:
        # A workbook's problems are shown by sheet, row and column.
        result["refusal"]["in_sheets"] = any(p.get("sheet") for p in result["refusal"]["problems"])
    review = (job.outcome or {}).get("review")
    if review:
        notes = review["notes"].get(language) or next(iter(review["notes"].values()))
        result["review"] = {
            "summary": review["summary"],
            "link": review["link"].get(language) or next(iter(review["link"].values())),
            **notes,
            "in_sheets": any(n.get("sheet") for n in notes["changed"] + notes["dropped"]),
        }
    return result
