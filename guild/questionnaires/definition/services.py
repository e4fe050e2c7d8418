"""Every write of questionnaire definitions and settings: validated, atomic, audited.

Versions: a questionnaire has at most one draft version; publishing freezes it. A
published version never changes again: to change a published questionnaire, start a new
draft (a copy of the latest published version), edit it, and publish it as the next
version.

A draft may lack translations (a form written in one language comes in as a draft to
translate); publishing requires English and French for every text.

An import whose file Guild reads with changes, or with parts it cannot keep, waits for the
person who started it (`questionnaire_import_accept` / `questionnaire_import_cancel`).

`actor` is the person acting; `None` means the system (the demo seeder, commands), which
is not checked against the management rules.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guild.accounts.models import User
from guild.core.audit import audit_record, diff, snapshot
from guild.core.disclosure import MINIMUM_THRESHOLD
from guild.core.errors import ApplicationError, NotFound
from guild.core.jobs import (
    Refusal,
    Review,
    ReviewNeeded,
    job_for_decision,
    job_import_run,
    job_refusal,
    job_review_accepted,
    job_review_cancelled,
)
from guild.core.models import Job
from guild.members.models import Member
from guild.organizations.models import Community, Department
from guild.questionnaires.access import can_manage_community
from guild.questionnaires.definition.formats import (
    definition_read,
    untranslated_texts,
)
from guild.questionnaires.definition.json_codec import definition_from_json, definition_to_json
from guild.questionnaires.definition.problems import DefinitionError, Problem
from guild.questionnaires.definition.review import Reading, ReviewRequired
from guild.questionnaires.definition.selectors import draft_version, latest_published_version
from guild.questionnaires.definition.translation import translation_read, with_texts
from guild.questionnaires.definition.types import Definition
from guild.questionnaires.definition.validate import validate_definition
from guild.questionnaires.models import (
    Audience,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    VersionStatus,
)

SETTINGS_FIELDS = [
    "slug",
    "audience",
    "audience_departments",
    "audience_members",
    "opens_at",
    "closes_at",
    "anonymous",
    "threshold",
]


def _check_manager(actor: User | AnonymousUser | None, community: Community) -> None:
    if actor is not None and not can_manage_community(actor, community.pk):
        raise NotFound()


def _checked(definition: Definition) -> dict[str, Any]:
    """The definition as JSON for a draft: everything checked but translations."""
    problems = validate_definition(definition, translated=False)
    if problems:
        raise DefinitionError(problems)
    return definition_to_json(definition)


def _validate_settings(
    questionnaire: Questionnaire,
    departments: list[Department],
    members: list[Member],
) -> None:
    errors: dict[str, list[str]] = {}
    if questionnaire.threshold is None or questionnaire.threshold < MINIMUM_THRESHOLD:
        errors["threshold"] = [
            _("The smallest group shown must be at least %(minimum)d.")
            % {"minimum": MINIMUM_THRESHOLD}
        ]
    if (
        questionnaire.opens_at
        and questionnaire.closes_at
        and questionnaire.closes_at <= questionnaire.opens_at
    ):
        errors["closes_at"] = [_("The closing date must come after the opening date.")]
    if questionnaire.audience == Audience.DEPARTMENTS and not departments:
        errors["audience_departments"] = [_("Choose at least one department.")]
    if questionnaire.audience == Audience.MEMBERS and not members:
        errors["audience_members"] = [_("Choose at least one member.")]
    duplicate = Questionnaire.objects.filter(
        community_id=questionnaire.community_id, slug=questionnaire.slug
    ).exclude(pk=questionnaire.pk)
    if questionnaire.slug and duplicate.exists():
        errors["slug"] = [_("Another questionnaire of this community uses this short name.")]
    try:
        questionnaire.full_clean(validate_constraints=False, exclude=["link_token"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(m for m in messages if m not in errors[name])
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def questionnaire_create(
    *,
    actor: User | AnonymousUser | None,
    community: Community,
    slug: str,
    definition: Definition,
    anonymous: bool = True,
    audience: str = Audience.COMMUNITY,
    audience_departments: Iterable[Department] = (),
    audience_members: Iterable[Member] = (),
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    threshold: int | None = None,
) -> Questionnaire:
    """A questionnaire with `definition` as its draft version 1."""
    _check_manager(actor, community)
    data = _checked(definition)
    departments, members = list(audience_departments), list(audience_members)
    questionnaire = Questionnaire(
        community=community,
        slug=slug,
        # A draft may still lack one language; publishing sets both from the definition.
        title_en=(definition.title.en or definition.title.fr)[:200],
        title_fr=(definition.title.fr or definition.title.en)[:200],
        audience=audience,
        opens_at=opens_at,
        closes_at=closes_at,
        anonymous=anonymous,
        created_by=actor if isinstance(actor, User) and actor.is_authenticated else None,
    )
    if threshold is not None:
        questionnaire.threshold = threshold
    _validate_settings(questionnaire, departments, members)
    questionnaire.save()
    questionnaire.audience_departments.set(departments)
    questionnaire.audience_members.set(members)
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire, number=1, definition=data
    )
    audit_record(
        actor=actor,
        action="questionnaire.create",
        obj=questionnaire,
        changes={**diff({}, snapshot(questionnaire, SETTINGS_FIELDS)), "version": [None, 1]},
    )
    audit_record(actor=actor, action="questionnaire_version.create", obj=version)
    return questionnaire


def _locked(questionnaire: Questionnaire) -> Questionnaire:
    return Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)


def _write_draft(
    actor: User | AnonymousUser | None,
    questionnaire: Questionnaire,
    data: dict[str, Any],
    action: str,
) -> QuestionnaireVersion:
    draft = draft_version(questionnaire)
    if draft is not None:
        draft.definition = data
        draft.save(update_fields=["definition"])
    else:
        number = (questionnaire.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        draft = QuestionnaireVersion.objects.create(
            questionnaire=questionnaire, number=number, definition=data
        )
    audit_record(actor=actor, action=action, obj=draft, changes={"number": draft.number})
    return draft


@transaction.atomic
def questionnaire_import(
    *,
    actor: User | AnonymousUser | None,
    content: bytes,
    format: str,
    questionnaire: Questionnaire | None = None,
    community: Community | None = None,
    slug: str = "",
    reviewed: bool = False,
    **settings: Any,
) -> QuestionnaireVersion:
    """Read a definition file (`format` "xlsform" or "json") into the questionnaire's
    draft (replacing it, or starting the next version). Without a questionnaire, creates
    one in `community` with `slug` and `settings`. A file with problems is refused with
    all of them (`DefinitionError`) and nothing is saved. A file read with changes or with
    parts left out is refused with them (`ReviewRequired`) unless `reviewed` says the caller
    accepts what the review shows (ADR 16): nothing is imported silently."""
    reading = definition_read(content, format)
    if reading.needs_review and not reviewed:
        raise ReviewRequired(reading)
    return _import_definition(
        actor=actor,
        definition=reading.definition,
        questionnaire=questionnaire,
        community=community,
        slug=slug,
        **settings,
    )


def _import_definition(
    *,
    actor: User | AnonymousUser | None,
    definition: Definition,
    questionnaire: Questionnaire | None,
    community: Community | None,
    slug: str = "",
    **settings: Any,
) -> QuestionnaireVersion:
    if questionnaire is None:
        if community is None:
            raise ApplicationError(_("Choose a community."), code="invalid")
        created = questionnaire_create(
            actor=actor, community=community, slug=slug, definition=definition, **settings
        )
        return created.versions.get(status=VersionStatus.DRAFT)
    return version_update_draft(actor=actor, questionnaire=questionnaire, definition=definition)


IMPORT_JOB_KIND = "questionnaires.definition_import"
TRANSLATION_JOB_KIND = "questionnaires.translation_import"


def _job_target(job: Job) -> tuple[Questionnaire | None, Community | None]:
    """The questionnaire whose draft an import job replaces, or the community where it
    creates one; `NotFound` when the questionnaire is gone."""
    params = job.params
    if params.get("questionnaire_id"):
        questionnaire = (
            Questionnaire.objects.select_related("community")
            .filter(pk=params["questionnaire_id"])
            .first()
        )
        if questionnaire is None:
            raise NotFound()
        return questionnaire, questionnaire.community
    return None, Community.objects.filter(pk=params.get("community_id")).first()


def _import_into_target(job: Job, definition: Definition) -> QuestionnaireVersion:
    questionnaire, community = _job_target(job)
    if questionnaire is not None:
        return _import_definition(
            actor=job.owner, definition=definition, questionnaire=questionnaire, community=None
        )
    return _import_definition(
        actor=job.owner,
        definition=definition,
        questionnaire=None,
        community=community,
        slug=job.params["slug"],
        anonymous=job.params["anonymous"],
    )


def _review_summary(reading: Reading) -> dict[str, Any]:
    definition = reading.definition
    return {
        "sections": len(definition.sections),
        "questions": len(definition.questions),
        "languages": list(reading.languages),
        "untranslated": reading.untranslated,
        "changed": len(reading.changed),
        "dropped": len(reading.dropped),
    }


def _import_from_job(job: Job, content: bytes) -> QuestionnaireVersion:
    reading = definition_read(
        content, job.params["format"], file_name=str(job.params.get("file_name") or "")
    )
    if reading.needs_review:
        # Checked now, so a file that could never be saved is refused, not reviewed.
        _checked(reading.definition)
        raise ReviewNeeded(
            Review(
                candidate=definition_to_json(reading.definition),
                summary=_review_summary(reading),
                changed=[_problem_row(p) for p in reading.changed],
                dropped=[_problem_row(p) for p in reading.dropped],
                link=(
                    reverse("questionnaires:manage_import_review", args=[job.pk]),
                    _("Review what the file brings in, and decide"),
                ),
            )
        )
    return _import_into_target(job, reading.definition)


def _problem_row(problem: Problem) -> dict[str, Any]:
    column = problem.column
    if column and problem.column_letter:
        column = f"{column} ({problem.column_letter})"
    return {
        "location": problem.location,
        "sheet": problem.sheet,
        "row": problem.row,
        "column": column,
        "message": problem.message,
    }


def _import_refusal(error: Exception) -> Refusal | None:
    if isinstance(error, DefinitionError):
        return Refusal(str(error.message), [_problem_row(p) for p in error.problems])
    return job_refusal(error)


def _import_link(version: QuestionnaireVersion) -> tuple[str, str]:
    return (
        reverse("questionnaires:manage_detail", args=[version.questionnaire_id]),
        _("Open the draft of version %(number)d") % {"number": version.number},
    )


def questionnaire_import_run(*, job_id: str) -> None:
    """The body of a definition import job (`questionnaire_import_start`): read the stored
    file into the draft, or keep every problem found, located, in both languages. A file
    read with changes or with parts left out waits for its owner's review instead, with
    nothing saved. A finished job is left alone."""
    job_import_run(job_id=job_id, run=_import_from_job, refused=_import_refusal, link=_import_link)


def _decided_job(actor: User | AnonymousUser, job_id: Any) -> Job:
    job = job_for_decision(owner=actor, job_id=job_id, kind=IMPORT_JOB_KIND)
    _questionnaire, community = _job_target(job)
    if community is None:
        raise NotFound()
    _check_manager(actor, community)
    return job


def questionnaire_import_review(*, actor: User | AnonymousUser, job_id: Any) -> Job:
    """The import job `actor` started, for its review page: `NotFound` for anyone else,
    or once the actor no longer manages the community."""
    with transaction.atomic():
        return _decided_job(actor, job_id)


@transaction.atomic
def questionnaire_import_accept(*, actor: User | AnonymousUser, job_id: Any) -> Job:
    """Import the definition of a job waiting for review, exactly as an import that needed
    none (the draft replaced, or the questionnaire created; audited). A job already
    decided is left as it is."""
    job = _decided_job(actor, job_id)
    if job.status != Job.Status.REVIEW:
        return job
    definition = definition_from_json(job.outcome["review"]["candidate"])
    version = _import_into_target(job, definition)
    return job_review_accepted(job, version, _import_link)


@transaction.atomic
def questionnaire_import_cancel(*, actor: User | AnonymousUser, job_id: Any) -> Job:
    """Drop a job waiting for review: nothing is saved. A job already decided is left as
    it is."""
    job = _decided_job(actor, job_id)
    if job.status != Job.Status.REVIEW:
        return job
    return job_review_cancelled(job)


@transaction.atomic
def version_update_draft(
    *, actor: User | AnonymousUser | None, questionnaire: Questionnaire, definition: Definition
) -> QuestionnaireVersion:
    """Replace the draft's definition, starting a draft after the last version if there is
    none. Published versions are never touched."""
    _check_manager(actor, questionnaire.community)
    data = _checked(definition)
    questionnaire = _locked(questionnaire)
    return _write_draft(actor, questionnaire, data, "questionnaire_version.update_draft")


@transaction.atomic
def version_new_draft(
    *, actor: User | AnonymousUser | None, questionnaire: Questionnaire
) -> QuestionnaireVersion:
    """Start the next version as a copy of the latest published one (editing a published
    questionnaire); the existing draft if there is one already."""
    _check_manager(actor, questionnaire.community)
    questionnaire = _locked(questionnaire)
    draft = draft_version(questionnaire)
    if draft is not None:
        return draft
    published = latest_published_version(questionnaire)
    if published is None:
        raise ApplicationError(_("This questionnaire has no version to copy."), code="no_version")
    return _write_draft(
        actor, questionnaire, dict(published.definition), "questionnaire_version.new_draft"
    )


@transaction.atomic
def version_publish(
    *,
    actor: User | AnonymousUser | None,
    questionnaire: Questionnaire,
    version: QuestionnaireVersion | None = None,
) -> QuestionnaireVersion:
    """Freeze the draft version (checked again) and make its title the questionnaire's."""
    _check_manager(actor, questionnaire.community)
    questionnaire = _locked(questionnaire)
    draft = draft_version(questionnaire)
    if draft is None or (version is not None and version.pk != draft.pk):
        raise ApplicationError(
            _("Only a draft version can be published; this one is already published."),
            code="not_a_draft",
        )
    definition = definition_from_json(draft.definition)
    problems = validate_definition(definition, translated=True)
    if problems:
        missing = untranslated_texts(definition)
        if missing:
            raise ApplicationError(
                ngettext(
                    "%(count)d text has no translation yet: give every text in English "
                    "and in French before publishing.",
                    "%(count)d texts have no translation yet: give every text in English "
                    "and in French before publishing.",
                    missing,
                )
                % {"count": missing},
                code="untranslated",
            )
        raise DefinitionError(problems)
    draft.status = VersionStatus.PUBLISHED
    draft.published_at = timezone.now()
    draft.save(update_fields=["status", "published_at"])
    before = snapshot(questionnaire, ["title_en", "title_fr"])
    questionnaire.title_en = definition.title.en[:200]
    questionnaire.title_fr = definition.title.fr[:200]
    questionnaire.save(update_fields=["title_en", "title_fr", "updated_at"])
    audit_record(
        actor=actor,
        action="questionnaire_version.publish",
        obj=draft,
        changes={
            "number": draft.number,
            **diff(before, snapshot(questionnaire, ["title_en", "title_fr"])),
        },
    )
    return draft


def _draft_or_refuse(questionnaire: Questionnaire) -> QuestionnaireVersion:
    draft = draft_version(questionnaire)
    if draft is None:
        raise ApplicationError(
            _("This questionnaire has no draft to translate: start a new version first."),
            code="no_draft",
        )
    return draft


@transaction.atomic
def version_translate(
    *,
    actor: User | AnonymousUser | None,
    questionnaire: Questionnaire,
    texts: dict[str, tuple[str, str]],
) -> QuestionnaireVersion:
    """Set texts of the draft by key (`translation.py`) to (English, French), all or none:
    `DefinitionError` with every problem when the result cannot be a draft. Audited with
    the keys that changed; nothing is written when none did."""
    _check_manager(actor, questionnaire.community)
    questionnaire = _locked(questionnaire)
    draft = _draft_or_refuse(questionnaire)
    before = definition_from_json(draft.definition)
    after = with_texts(before, texts)
    data = _checked(after)
    if after == before:
        return draft
    changed = sorted(key for key in texts if with_texts(before, {key: texts[key]}) != before)
    draft.definition = data
    draft.save(update_fields=["definition"])
    audit_record(
        actor=actor,
        action="questionnaire_version.translate",
        obj=draft,
        changes={
            "number": draft.number,
            "texts": changed,
            "untranslated": untranslated_texts(after),
        },
    )
    return draft


def _translation_from_job(job: Job, content: bytes) -> QuestionnaireVersion:
    questionnaire = Questionnaire.objects.filter(pk=job.params["questionnaire_id"]).first()
    if questionnaire is None:
        raise NotFound()
    draft = _draft_or_refuse(questionnaire)
    texts = translation_read(content, definition_from_json(draft.definition))
    return version_translate(actor=job.owner, questionnaire=questionnaire, texts=texts)


def _translation_link(version: QuestionnaireVersion) -> tuple[str, str]:
    return (
        reverse("questionnaires:manage_translate", args=[version.questionnaire_id]),
        _("Open the translation page"),
    )


def translation_import_run(*, job_id: str) -> None:
    """The body of a translation workbook import (`translation_import_start`): the French
    texts into the draft, all or none, or every problem located in both languages."""
    job_import_run(
        job_id=job_id, run=_translation_from_job, refused=_import_refusal, link=_translation_link
    )


@transaction.atomic
def questionnaire_update_settings(
    *,
    actor: User | AnonymousUser | None,
    questionnaire: Questionnaire,
    audience_departments: Iterable[Department] | None = None,
    audience_members: Iterable[Member] | None = None,
    **fields: Any,
) -> Questionnaire:
    """Change the audience, dates, anonymity, threshold or short name. Anonymity cannot
    change once a version is published and responses exist."""
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"Unknown questionnaire settings: {sorted(unknown)}")
    _check_manager(actor, questionnaire.community)
    questionnaire = _locked(questionnaire)
    before = snapshot(questionnaire, SETTINGS_FIELDS)
    if "anonymous" in fields and fields["anonymous"] != questionnaire.anonymous:
        published = latest_published_version(questionnaire) is not None
        if published and Response.objects.filter(questionnaire=questionnaire).exists():
            raise ValidationError(
                {
                    "anonymous": [
                        _(
                            "Anonymity cannot change: the questionnaire is published and "
                            "has responses."
                        )
                    ]
                }
            )
    for name, value in fields.items():
        setattr(questionnaire, name, value)
    departments = (
        list(audience_departments)
        if audience_departments is not None
        else list(questionnaire.audience_departments.all())
    )
    members = (
        list(audience_members)
        if audience_members is not None
        else list(questionnaire.audience_members.all())
    )
    _validate_settings(questionnaire, departments, members)
    questionnaire.save()
    questionnaire.audience_departments.set(departments)
    questionnaire.audience_members.set(members)
    changes = diff(before, snapshot(questionnaire, SETTINGS_FIELDS))
    if changes:
        audit_record(
            actor=actor, action="questionnaire.update_settings", obj=questionnaire, changes=changes
        )
    return questionnaire


def _set_results_published(
    actor: User | AnonymousUser | None, questionnaire: Questionnaire, value: bool
) -> Questionnaire:
    _check_manager(actor, questionnaire.community)
    questionnaire = _locked(questionnaire)
    if questionnaire.results_published == value:
        return questionnaire
    if value and latest_published_version(questionnaire) is None:
        raise ApplicationError(
            _("Publish the questionnaire before publishing its results."), code="not_published"
        )
    questionnaire.results_published = value
    questionnaire.save(update_fields=["results_published", "updated_at"])
    audit_record(
        actor=actor,
        action="questionnaire.results_publish" if value else "questionnaire.results_unpublish",
        obj=questionnaire,
        changes={"results_published": [not value, value]},
    )
    return questionnaire


@transaction.atomic
def results_publish(
    *, actor: User | AnonymousUser | None, questionnaire: Questionnaire
) -> Questionnaire:
    """Let anyone, signed in or not, read the aggregate results page."""
    return _set_results_published(actor, questionnaire, True)


@transaction.atomic
def results_unpublish(
    *, actor: User | AnonymousUser | None, questionnaire: Questionnaire
) -> Questionnaire:
    return _set_results_published(actor, questionnaire, False)
