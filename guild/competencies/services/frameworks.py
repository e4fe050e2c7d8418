"""Frameworks: create from plain data or an import (CASE JSON, CSV), new versions, publish.
A published version is frozen; every write is checked, atomic and audited."""

import uuid
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guild.accounts.models import AnyUser
from guild.competencies import framework as pure
from guild.competencies.access import can_manage_frameworks
from guild.competencies.case import (
    CaseImportError,
    FrameworkError,
    carry_translations,
    framework_from_case,
    framework_from_csv,
)
from guild.competencies.models import Competency, Framework, FrameworkVersion
from guild.competencies.selectors import framework_version_content
from guild.competencies.services.framework_rows import framework_version_write
from guild.core.audit import audit_record, diff, snapshot
from guild.core.errors import ApplicationError, NotFound, PermissionDenied
from guild.core.jobs import job_import_run, job_refusal
from guild.core.json_input import json_loads_bounded
from guild.core.models import Job
from guild.organizations.models import Community

# The scale a CASE item without a rubric, or a CSV file, gets when the importer names none:
# four common proficiency levels. The competencies app's own, not any demo framework's.
DEFAULT_LEVELS_SCALE = (
    pure.ScaleLevel(level=1, name_en="Awareness", name_fr="Sensibilisation"),
    pure.ScaleLevel(level=2, name_en="Working", name_fr="Pratique"),
    pure.ScaleLevel(level=3, name_en="Proficient", name_fr="Maîtrise"),
    pure.ScaleLevel(level=4, name_en="Expert", name_fr="Expertise"),
)


def _check_manager(actor: AnyUser, community_id: int) -> None:
    if not can_manage_frameworks(actor, community_id):
        raise PermissionDenied()


def framework_problems_error(problems: Sequence[pure.Problem]) -> ApplicationError:
    """The error of a refused framework: every problem, each under its path."""
    fields: dict[str, list[str]] = {}
    for problem in problems:
        fields.setdefault(problem.path, []).append(problem.message)
    return ApplicationError(
        ngettext(
            "The framework has %(count)d problem; nothing was saved.",
            "The framework has %(count)d problems; nothing was saved.",
            len(problems),
        )
        % {"count": len(problems)},
        code="invalid_framework",
        fields=fields,
    )


def _checked(
    content: pure.Framework, framework: Framework | None = None, *, translated: bool = False
) -> pure.Framework:
    """The framework with its identifiers filled in, or the error listing every problem
    (with `framework`, also the replacements that name no competency of its versions).
    A draft may still lack text in one language (`translated` False); publishing checks."""
    complete = pure.with_identifiers(content)
    problems = pure.validate_framework(complete, translated=translated)
    if framework is not None and not problems:
        problems += _replacement_problems(framework, complete)
    if FrameworkVersion.objects.filter(identifier=complete.identifier).exists():
        problems.append(
            pure.Problem("identifier", _("A framework version with this identifier exists."))
        )
    if problems:
        raise framework_problems_error(problems)
    return complete


def framework_load_published(
    *, community: Community, content: pure.Framework, code: str
) -> FrameworkVersion:
    """Write a framework as a published first version without an actor or audit record:
    for loading reference data (the demo), not for people's edits."""
    complete = _checked(content, translated=True)
    framework = Framework.objects.create(
        community=community, code=code, name_en=complete.title_en, name_fr=complete.title_fr
    )
    version = framework_version_write(framework=framework, number=1, content=complete)
    version.status = FrameworkVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    return version


def _version_changes(version: FrameworkVersion, content: pure.Framework) -> dict[str, Any]:
    return {
        "identifier": [None, content.identifier],
        "number": [None, version.number],
        "families": [None, len(content.families)],
        "competencies": [None, sum(len(f.competencies) for f in content.families)],
    }


@transaction.atomic
def framework_create(
    *, actor: AnyUser, community: Community, content: pure.Framework, code: str = ""
) -> FrameworkVersion:
    """A new framework of the community with `content` as its first version, a draft."""
    _check_manager(actor, community.pk)
    complete = _checked(content)
    code = slugify(code or complete.title_en)[:40] or "framework"
    if Framework.objects.filter(community=community, code=code).exists():
        raise ValidationError(
            {"code": [_("The community already has a framework with this code.")]}
        )
    framework = Framework.objects.create(
        community=community, code=code, name_en=complete.title_en, name_fr=complete.title_fr
    )
    version = framework_version_write(framework=framework, number=1, content=complete)
    audit_record(
        actor=actor,
        action="competency_framework.create",
        obj=version,
        changes={"code": [None, code], **_version_changes(version, complete)},
    )
    return version


def _replacement_problems(framework: Framework, content: pure.Framework) -> list[pure.Problem]:
    rows = Competency.objects.filter(version__framework=framework)
    earlier = {str(identifier) for identifier in rows.values_list("identifier", flat=True)}
    # What an earlier version already replaced may stay replaced (an export brought back).
    earlier.update(
        replaced for replaces in rows.values_list("replaces", flat=True) for replaced in replaces
    )
    present = {c.identifier for f in content.families for c in f.competencies}
    problems = []
    for f, family in enumerate(content.families):
        for c, competency in enumerate(family.competencies):
            for r, replaced in enumerate(competency.replaces):
                path = f"families[{f}].competencies[{c}].replaces[{r}]"
                if replaced not in earlier:
                    problems.append(pure.Problem(path, _("not a competency of an earlier version")))
                elif replaced in present:
                    problems.append(
                        pure.Problem(path, _("a replaced competency cannot stay in the version"))
                    )
    return problems


@transaction.atomic
def framework_new_version(
    *, actor: AnyUser, framework: Framework, content: pure.Framework | None = None
) -> FrameworkVersion:
    """A new draft version of the framework: `content` (an edited or imported framework,
    whose `replaces` name competencies of earlier versions), or a copy of the latest
    version with a new identifier. A framework has at most one draft at a time."""
    _check_manager(actor, framework.community_id)
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    versions = framework.versions.order_by("-number")
    if versions.filter(status=FrameworkVersion.Status.DRAFT).exists():
        raise ApplicationError(
            _("This framework already has a draft version: publish it first."),
            code="draft_exists",
        )
    latest = versions.first()
    number = latest.number + 1 if latest else 1
    if content is None:
        if latest is None:
            raise ApplicationError(_("There is no version to copy."), code="no_version")
        copied = framework_version_content(latest)
        copied.identifier = str(uuid.uuid5(latest.identifier, f"version:{number}"))
        for family in copied.families:
            for competency in family.competencies:
                competency.replaces = []
        complete = _checked(copied)
    else:
        complete = _checked(content, framework)
    version = framework_version_write(framework=framework, number=number, content=complete)
    audit_record(
        actor=actor,
        action="competency_framework.new_version",
        obj=version,
        changes=_version_changes(version, complete),
    )
    return version


def _as_next_version(
    community: Community, content: pure.Framework, framework: Framework | None
) -> tuple[pure.Framework, Framework | None]:
    """A package whose CFDocument is already a version here (an edited export brought back)
    becomes the next version of that version's framework, under a new identifier, keeping
    the other language's text of what did not change."""
    existing = (
        FrameworkVersion.objects.select_related("framework")
        .filter(identifier=content.identifier)
        .first()
    )
    if existing is None:
        return content, framework
    if existing.framework.community_id != community.pk or (
        framework is not None and framework.pk != existing.framework_id
    ):
        raise framework_problems_error(
            [
                pure.Problem(
                    "$.CFDocument.identifier",
                    _(
                        "This package is version %(number)d of the framework “%(framework)s”: "
                        "import it as a new version of that framework."
                    )
                    % {"number": existing.number, "framework": existing.framework.name_en},
                )
            ]
        )
    target = existing.framework
    latest = target.versions.order_by("-number").first() or existing
    number = latest.number + 1
    renamed = replace(content, identifier=str(uuid.uuid5(existing.identifier, f"version:{number}")))
    return carry_translations(framework_version_content(latest), renamed), target


@transaction.atomic
def framework_import_case(
    *,
    actor: AnyUser,
    community: Community,
    data: object,
    framework: Framework | None = None,
    code: str = "",
    levels_scale: Sequence[pure.ScaleLevel] | None = None,
) -> FrameworkVersion:
    """A draft version from a CASE 1.0 or 1.1 package (parsed JSON): a new framework, or a
    new version of `framework` (or of the framework whose version the package already is).
    Items without a rubric take `levels_scale` (default: `DEFAULT_LEVELS_SCALE`). Refused with
    every problem and its JSON path, nothing saved."""
    _check_manager(actor, community.pk)
    if framework is not None and framework.community_id != community.pk:
        raise PermissionDenied()
    try:
        content = framework_from_case(data, levels_scale=list(levels_scale or DEFAULT_LEVELS_SCALE))
    except CaseImportError as error:
        raise framework_problems_error(error.problems) from None
    content, framework = _as_next_version(community, content, framework)
    if framework is not None:
        return framework_new_version(actor=actor, framework=framework, content=content)
    return framework_create(actor=actor, community=community, content=content, code=code)


def framework_import_csv(
    *,
    actor: AnyUser,
    community: Community,
    text: str,
    title_en: str,
    title_fr: str,
    levels_scale: list[pure.ScaleLevel] | None = None,
    identifier: str = "",
    version_label: str = "",
    framework: Framework | None = None,
    code: str = "",
) -> FrameworkVersion:
    """A draft version from the CSV layout (`case.CSV_COLUMNS`); the framework's own fields
    come from the arguments (the level names default to `DEFAULT_LEVELS_SCALE`)."""
    _check_manager(actor, community.pk)
    try:
        content = framework_from_csv(
            text,
            identifier=identifier or str(uuid.uuid4()),
            title_en=title_en,
            title_fr=title_fr,
            levels_scale=levels_scale or list(DEFAULT_LEVELS_SCALE),
            version=version_label,
        )
    except FrameworkError as error:
        raise framework_problems_error(error.problems) from None
    if framework is not None:
        if framework.community_id != community.pk:
            raise PermissionDenied()
        return framework_new_version(actor=actor, framework=framework, content=content)
    return framework_create(actor=actor, community=community, content=content, code=code)


FRAMEWORK_IMPORT_JOB_KIND = "competencies.framework_import"
FORMAT_CASE, FORMAT_CSV = "case", "csv"


def _import_from_job(job: Job, content: bytes) -> FrameworkVersion:
    params = job.params
    community = Community.objects.filter(pk=params.get("community_id")).first()
    if community is None:
        raise NotFound()
    framework = None
    if params.get("framework_id"):
        framework = Framework.objects.filter(pk=params["framework_id"], community=community).first()
        if framework is None:
            raise NotFound()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApplicationError(_("The file is not UTF-8 text."), code="not_utf8") from None
    scale = [pure.ScaleLevel(**level) for level in params.get("levels_scale") or []] or None
    if params.get("file_format") == FORMAT_CSV:
        return framework_import_csv(
            actor=job.owner,
            community=community,
            text=text,
            title_en=params.get("title_en", ""),
            title_fr=params.get("title_fr", ""),
            framework=framework,
            levels_scale=scale,
        )
    return framework_import_case(
        actor=job.owner,
        community=community,
        data=json_loads_bounded(text),
        framework=framework,
        levels_scale=scale,
    )


def _import_link(version: FrameworkVersion) -> tuple[str, str]:
    url = reverse("competencies:framework_detail", args=[version.framework_id])
    return (
        f"{url}?version={version.number}",
        _("Version %(number)d was imported as a draft; check it, then publish it.")
        % {"number": version.number},
    )


def framework_import_run(*, job_id: str) -> None:
    """The body of a framework import job (`framework_imports.framework_import_start`):
    the stored CASE JSON or CSV file becomes a draft version, or the job keeps every
    problem with its JSON path or CSV line, in both languages. A finished job is left
    alone."""
    job_import_run(job_id=job_id, run=_import_from_job, refused=job_refusal, link=_import_link)


@transaction.atomic
def framework_publish(*, actor: AnyUser, version: FrameworkVersion) -> FrameworkVersion:
    """Publish a draft: from now on it is frozen."""
    _check_manager(actor, version.framework.community_id)
    version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_published:
        raise ApplicationError(_("This version is already published."), code="published")
    problems = pure.validate_framework(framework_version_content(version))
    if problems:
        raise framework_problems_error(problems)
    version.status = FrameworkVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    audit_record(
        actor=actor,
        action="competency_framework.publish",
        obj=version,
        changes={"status": ["draft", "published"]},
    )
    return version


COMPETENCY_TEXT_FIELDS = ("name_en", "name_fr", "description_en", "description_fr")


@transaction.atomic
def competency_update(*, actor: AnyUser, competency: Competency, **fields: str) -> Competency:
    """Change a competency's names or descriptions in a draft version."""
    unknown = set(fields) - set(COMPETENCY_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown competency fields: {sorted(unknown)}")
    competency = Competency.objects.select_related("version__framework").get(pk=competency.pk)
    _check_manager(actor, competency.version.framework.community_id)
    if competency.version.is_published:
        raise ApplicationError(
            _("A published version is frozen: create a new version to change it."),
            code="frozen",
        )
    before = snapshot(competency, COMPETENCY_TEXT_FIELDS)
    for name, value in fields.items():
        setattr(competency, name, value)
    errors = {
        name: [_("This field cannot be blank.")]
        for name in ("name_en", "name_fr")
        if not str(getattr(competency, name)).strip()
    }
    if errors:
        raise ValidationError(errors)
    competency.full_clean(validate_constraints=False)
    competency.save()
    changes = diff(before, snapshot(competency, COMPETENCY_TEXT_FIELDS))
    if changes:
        audit_record(actor=actor, action="competency.update", obj=competency, changes=changes)
    return competency
