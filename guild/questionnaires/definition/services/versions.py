"""Versions: a questionnaire has at most one draft version; publishing freezes it. A
published version never changes again: to change a published questionnaire, start a new
draft (a copy of the latest published version), edit it, and publish it as the next
version.

A draft may lack translations (a form written in one language comes in as a draft to
translate); publishing requires English and French for every text."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guild.accounts.models import User
from guild.core.audit import audit_record, diff, snapshot
from guild.core.errors import ApplicationError
from guild.questionnaires.definition.formats import untranslated_texts
from guild.questionnaires.definition.json_codec import definition_from_json
from guild.questionnaires.definition.problems import DefinitionError
from guild.questionnaires.definition.selectors import draft_version, latest_published_version
from guild.questionnaires.definition.services.checks import check_manager, draft_json, locked
from guild.questionnaires.definition.translation import with_texts
from guild.questionnaires.definition.types import Definition
from guild.questionnaires.definition.validate import validate_definition
from guild.questionnaires.models import Questionnaire, QuestionnaireVersion, VersionStatus


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
def version_update_draft(
    *, actor: User | AnonymousUser | None, questionnaire: Questionnaire, definition: Definition
) -> QuestionnaireVersion:
    """Replace the draft's definition, starting a draft after the last version if there is
    none. Published versions are never touched."""
    check_manager(actor, questionnaire.community)
    data = draft_json(definition)
    questionnaire = locked(questionnaire)
    return _write_draft(actor, questionnaire, data, "questionnaire_version.update_draft")


@transaction.atomic
def version_new_draft(
    *, actor: User | AnonymousUser | None, questionnaire: Questionnaire
) -> QuestionnaireVersion:
    """Start the next version as a copy of the latest published one (editing a published
    questionnaire); the existing draft if there is one already."""
    check_manager(actor, questionnaire.community)
    questionnaire = locked(questionnaire)
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
    check_manager(actor, questionnaire.community)
    questionnaire = locked(questionnaire)
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


def draft_or_refuse(questionnaire: Questionnaire) -> QuestionnaireVersion:
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
    check_manager(actor, questionnaire.community)
    questionnaire = locked(questionnaire)
    draft = draft_or_refuse(questionnaire)
    before = definition_from_json(draft.definition)
    after = with_texts(before, texts)
    data = draft_json(after)
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
