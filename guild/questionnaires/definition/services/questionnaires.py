"""Questionnaires: creating one with its first draft, its settings (audience, dates,
anonymity, threshold, short name) and the publication of its results."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guild.accounts.models import User
from guild.core.audit import audit_record, diff, snapshot
from guild.core.disclosure import MINIMUM_THRESHOLD
from guild.core.errors import ApplicationError
from guild.members.models import Member
from guild.organizations.models import Community, Department
from guild.questionnaires.definition.selectors import latest_published_version
from guild.questionnaires.definition.services.checks import check_manager, draft_json, locked
from guild.questionnaires.definition.types import Definition
from guild.questionnaires.models import Audience, Questionnaire, QuestionnaireVersion, Response

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
    results_for_managers: bool = False,
) -> Questionnaire:
    """A questionnaire with `definition` as its draft version 1."""
    check_manager(actor, community)
    data = draft_json(definition)
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
        results_for_managers=results_for_managers,
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
    check_manager(actor, questionnaire.community)
    questionnaire = locked(questionnaire)
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
    check_manager(actor, questionnaire.community)
    questionnaire = locked(questionnaire)
    if questionnaire.results_published == value:
        return questionnaire
    if value and questionnaire.results_for_managers:
        raise ApplicationError(
            _("The results of this questionnaire are only for those who manage it."),
            code="results_for_managers",
        )
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
