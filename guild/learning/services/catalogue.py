"""Every write to the course catalogue: providers, courses and their competency mappings,
one at a time or from a CSV/XLSX file (all rows or none), each audited."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from guild.accounts.models import AnyUser
from guild.competencies.models import Competency
from guild.core.audit import audit_record, diff, snapshot
from guild.core.errors import ApplicationError, NotFound
from guild.core.jobs import Refusal, job_import_run, job_refusal
from guild.core.models import Job
from guild.learning.access import can_manage_catalogue
from guild.learning.course_file import (
    CourseFileError,
    CourseRow,
    Problem,
    ProviderRow,
    read_course_file,
)
from guild.learning.models import Course, CourseCompetency, Provider
from guild.learning.selectors import import_catalogue
from guild.organizations.models import Community

PROVIDER_FIELDS = ("code", "name_en", "name_fr", "kind", "url")
COURSE_FIELDS = (
    "code",
    "title_en",
    "title_fr",
    "summary_en",
    "summary_fr",
    "languages",
    "format",
    "duration_hours",
    "cost",
    "url",
    "active",
)
COURSE_IMPORT_JOB_KIND = "learning.course_import"


def _check_manager(actor: AnyUser, community_id: int) -> None:
    if not can_manage_catalogue(actor, community_id):
        raise NotFound()


@transaction.atomic
def provider_create(*, actor: AnyUser, community: Community, **fields: str) -> Provider:
    """A provider of the community; every field error at once (`ValidationError`)."""
    _check_manager(actor, community.pk)
    provider = Provider(community=community)
    for name in PROVIDER_FIELDS:
        setattr(provider, name, (fields.get(name) or "").strip())
    provider.code = provider.code.lower()
    provider.full_clean()
    provider.save()
    audit_record(
        actor=actor,
        action="learning.provider_create",
        obj=provider,
        changes=snapshot(provider, PROVIDER_FIELDS),
    )
    return provider


@transaction.atomic
def provider_update(*, actor: AnyUser, provider: Provider, **fields: str) -> Provider:
    _check_manager(actor, provider.community_id)
    before = snapshot(provider, PROVIDER_FIELDS)
    for name in PROVIDER_FIELDS:
        if name in fields:
            setattr(provider, name, (fields[name] or "").strip())
    provider.code = provider.code.lower()
    provider.full_clean()
    provider.save()
    changes = diff(before, snapshot(provider, PROVIDER_FIELDS))
    if changes:
        audit_record(actor=actor, action="learning.provider_update", obj=provider, changes=changes)
    return provider


def _resolved(community: Community, competencies: Mapping[str, int]) -> dict[Competency, int]:
    """The community's current framework competencies named by code, with their levels;
    ValidationError naming every unknown code and level off the scale."""
    catalogue, by_code = import_catalogue(community)
    errors = []
    if competencies and not by_code:
        raise ValidationError(
            {"competencies": [_("The community has no published competency framework.")]}
        )
    for code, level in competencies.items():
        if code not in by_code:
            errors.append(
                _("“%(code)s” is not a competency of the community's published framework.")
                % {"code": code}
            )
        elif level not in catalogue.levels:
            errors.append(
                _(
                    "Level %(level)d of %(code)s is not on the framework's scale "
                    "(%(low)d to %(high)d)."
                )
                % {
                    "level": level,
                    "code": code,
                    "low": min(catalogue.levels),
                    "high": max(catalogue.levels),
                }
            )
    if errors:
        raise ValidationError({"competencies": errors})
    return {by_code[code]: level for code, level in competencies.items()}


def _mapping_text(course: Course) -> list[str]:
    return sorted(
        f"{code}:{level}"
        for code, level in course.mappings.values_list("competency__code", "level")
    )


def _set_mappings(course: Course, competencies: Mapping[Competency, int]) -> None:
    course.mappings.all().delete()
    CourseCompetency.objects.bulk_create(
        CourseCompetency(course=course, competency=competency, level=level)
        for competency, level in competencies.items()
    )


@transaction.atomic
def course_save(
    *,
    actor: AnyUser,
    provider: Provider,
    course: Course | None = None,
    competencies: Mapping[str, int],
    **fields: Any,
) -> Course:
    """Create (`course` None) or change a course of `provider` and set the competencies it
    develops (code: level on the scale of the community's published framework), replacing
    those it had. Every field error at once (`ValidationError`), nothing saved."""
    _check_manager(actor, provider.community_id)
    creating = course is None
    if course is None:
        course = Course(provider=provider)
    elif course.provider.community_id != provider.community_id:
        raise NotFound()
    before = (
        {}
        if creating
        else {**snapshot(course, COURSE_FIELDS), "competencies": _mapping_text(course)}
    )
    course.provider = provider
    for name in COURSE_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(course, name, value.strip() if isinstance(value, str) else value)
    course.code = (course.code or "").lower()
    errors: dict[str, list[str]] = {}
    try:
        course.full_clean()
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        resolved = _resolved(provider.community, competencies)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    course.save()
    _set_mappings(course, resolved)
    after = {**snapshot(course, COURSE_FIELDS), "competencies": _mapping_text(course)}
    action = "learning.course_create" if creating else "learning.course_update"
    changes = after if creating else diff(before, after)
    if changes:
        audit_record(actor=actor, action=action, obj=course, changes=changes)
    return course


@dataclass(frozen=True)
class ImportResult:
    community: Community
    providers_created: int
    courses_created: int
    courses_updated: int


# Where a model field's error goes in the file.
_COURSE_COLUMNS = {"code": "course", "provider": "provider", NON_FIELD_ERRORS: None}
_PROVIDER_COLUMNS = {"code": "provider", NON_FIELD_ERRORS: None}


def _located(
    error: ValidationError, row: int, columns: Mapping[str, str | None], prefix: str = ""
) -> list[Problem]:
    return [
        Problem(None, row, columns.get(name, f"{prefix}{name}"), str(message))
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def _import_provider(
    community: Community,
    row: ProviderRow,
    existing: dict[str, Provider],
    problems: list[Problem],
    touched: list[tuple[Provider, bool]],
) -> bool:
    provider = existing.get(row.code) or Provider(community=community, code=row.code)
    created = provider.pk is None
    provider.name_en, provider.name_fr, provider.kind, provider.url = (
        row.name_en,
        row.name_fr,
        row.kind,
        row.url,
    )
    try:
        provider.full_clean()
    except ValidationError as error:
        problems.extend(_located(error, row.row, _PROVIDER_COLUMNS, "provider_"))
        return False
    provider.save()
    existing[row.code] = provider
    touched.append((provider, created))
    return created


def _import_course(
    providers: dict[str, Provider],
    row: CourseRow,
    by_code: Mapping[str, Competency],
    problems: list[Problem],
) -> Course | None:
    provider = providers.get(row.provider)
    if provider is None or provider.pk is None:
        return None  # its provider's row is already a problem
    course = Course.objects.filter(provider=provider, code=row.code).first() or Course(
        provider=provider, code=row.code
    )
    for name in COURSE_FIELDS:
        if name != "code":
            setattr(course, name, getattr(row, name))
    try:
        course.full_clean()
    except ValidationError as error:
        problems.extend(_located(error, row.row, _COURSE_COLUMNS))
        return None
    course.save()
    _set_mappings(course, {by_code[code]: level for code, level in row.competencies.items()})
    return course


def _with_sheet(problems: list[Problem], sheet: str | None) -> list[Problem]:
    return [Problem(sheet, p.row, p.column, p.message) for p in problems]


@transaction.atomic
def course_import(
    *, actor: AnyUser, community: Community, content: bytes, file_format: str
) -> ImportResult:
    """Import the providers and courses of a CSV or XLSX file (`course_file`): courses are
    keyed by provider and code, so a course imported again is replaced, mappings included.
    Any wrong row refuses the whole file (`CourseFileError`, every problem located)."""
    _check_manager(actor, community.pk)
    catalogue, by_code = import_catalogue(community)
    if not catalogue.competencies:
        raise ApplicationError(
            _(
                "The community has no published competency framework: publish one before "
                "importing courses, so that they can be mapped to its competencies."
            ),
            code="no_framework",
        )
    reading = read_course_file(content, file_format=file_format, catalogue=catalogue)
    sheet = "Courses" if file_format == "xlsx" else None
    problems: list[Problem] = []
    existing = {p.code: p for p in Provider.objects.filter(community=community)}
    touched: list[tuple[Provider, bool]] = []
    created_providers = sum(
        _import_provider(community, row, existing, problems, touched) for row in reading.providers
    )
    known = {c.pk for c in Course.objects.filter(provider__community=community)}
    made: list[Course] = []
    for row in reading.courses:
        course = _import_course(existing, row, by_code, problems)
        if course is not None:
            made.append(course)
    if problems:
        # Rolled back with the transaction: nothing of the file is kept.
        raise CourseFileError(_with_sheet(problems, sheet))
    for provider, created in touched:
        audit_record(
            actor=actor,
            action="learning.provider_create" if created else "learning.provider_update",
            obj=provider,
            changes=snapshot(provider, PROVIDER_FIELDS),
        )
    for course in made:
        audit_record(
            actor=actor,
            action="learning.course_update" if course.pk in known else "learning.course_create",
            obj=course,
            changes={**snapshot(course, COURSE_FIELDS), "competencies": _mapping_text(course)},
        )
    updated = sum(1 for course in made if course.pk in known)
    return ImportResult(community, created_providers, len(made) - updated, updated)


def _import_from_job(job: Job, content: bytes) -> ImportResult:
    community = Community.objects.filter(pk=job.params.get("community_id")).first()
    if community is None:
        raise NotFound()
    return course_import(
        actor=job.owner,
        community=community,
        content=content,
        file_format=str(job.params.get("file_format", "")),
    )


def _import_refused(error: Exception) -> Refusal | None:
    if isinstance(error, CourseFileError):
        return Refusal(str(error.message), [p.as_dict() for p in error.problems])
    return job_refusal(error)


def _import_link(result: ImportResult) -> tuple[str, str]:
    url = reverse("learning:catalogue")
    return (
        f"{url}?community={result.community.pk}",
        _(
            "Imported. New courses: %(created)d; updated: %(updated)d; new providers: "
            "%(providers)d. Open the catalogue."
        )
        % {
            "created": result.courses_created,
            "updated": result.courses_updated,
            "providers": result.providers_created,
        },
    )


def course_import_run(*, job_id: str) -> None:
    """The body of a course import job (`imports.course_import_start`): the stored file's
    courses are saved, or the job keeps every problem with its place, in both languages."""
    job_import_run(job_id=job_id, run=_import_from_job, refused=_import_refused, link=_import_link)
