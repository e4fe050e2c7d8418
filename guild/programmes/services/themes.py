"""Feedback themes: an administrator names themes and tags the published free-text comments
of the intake's evaluations with them. A tag names a comment, never who wrote it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guild.accounts.models import User
from guild.core.audit import audit_record
from guild.core.errors import ApplicationError, NotFound
from guild.programmes.models import CommentTag, Intake, Theme, ThemeSource
from guild.programmes.selectors.feedback import TEXT_QUESTIONS, evaluations_of
from guild.programmes.services.evaluations import Actor, check_administrator
from guild.questionnaires.models import Response

NAME_LENGTH = 200


@transaction.atomic
def theme_save(
    *,
    actor: Actor,
    intake: Intake,
    source: str,
    name_en: str,
    name_fr: str,
    theme: Theme | None = None,
) -> Theme:
    """Create a theme, or rename `theme`; every problem of the input is reported at once."""
    check_administrator(actor, intake)
    if theme is not None and theme.intake_id != intake.pk:
        raise NotFound()
    name_en, name_fr = name_en.strip(), name_fr.strip()
    errors: dict[str, list[str]] = {}
    if source not in ThemeSource.values:
        errors["source"] = [_("Choose whose feedback the theme is about.")]
    for field, value in (("name_en", name_en), ("name_fr", name_fr)):
        if not value:
            errors[field] = [_("Give the theme's name in English and in French.")]
        elif len(value) > NAME_LENGTH:
            errors[field] = [_("Keep the name under 200 characters.")]
    if "source" not in errors and name_en:
        taken = Theme.objects.filter(intake=intake, source=source, name_en__iexact=name_en)
        if theme is not None:
            taken = taken.exclude(pk=theme.pk)
        if taken.exists():
            errors["name_en"] = [_("This intake already has a theme of that name.")]
    if errors:
        raise ValidationError(errors)
    before = {"name_en": theme.name_en, "name_fr": theme.name_fr} if theme else {}
    theme = theme or Theme(intake=intake, source=source)
    theme.source, theme.name_en, theme.name_fr = source, name_en, name_fr
    theme.full_clean()
    theme.save()
    audit_record(
        actor=actor,
        action="programmes.theme_save",
        obj=theme,
        changes={
            key: [before.get(key), value]
            for key, value in (("name_en", name_en), ("name_fr", name_fr))
        },
    )
    return theme


def _taggable(theme: Theme, response_id: int, question: str) -> Response:
    """The published response whose answer to `question` is a comment of the theme's kind."""
    response = (
        Response.objects.filter(evaluations_of(theme.intake, theme.source))
        .filter(pk=response_id, snapshot__gt=0)
        .first()
    )
    if response is None or question not in TEXT_QUESTIONS[ThemeSource(theme.source)]:
        raise NotFound()
    text = response.answers.get(question)
    if not isinstance(text, str) or not text.strip():
        raise ApplicationError(_("That answer has no comment to tag."), code="no_comment")
    return response


@transaction.atomic
def comment_tag(*, actor: Actor, theme: Theme, response_id: int, question: str) -> CommentTag:
    """Tag a published comment with a theme (again: nothing changes)."""
    theme = Theme.objects.select_related("intake__programme").get(pk=theme.pk)
    check_administrator(actor, theme.intake)
    response = _taggable(theme, response_id, question)
    tag, created = CommentTag.objects.get_or_create(
        theme=theme,
        response=response,
        question=question,
        defaults={"tagged_by": actor if isinstance(actor, User) else None},
    )
    if created:
        audit_record(actor=actor, action="programmes.comment_tag", obj=theme)
    return tag


@transaction.atomic
def comment_untag(*, actor: Actor, theme: Theme, response_id: int, question: str) -> None:
    theme = Theme.objects.select_related("intake__programme").get(pk=theme.pk)
    check_administrator(actor, theme.intake)
    deleted, _rows = CommentTag.objects.filter(
        theme=theme, response_id=response_id, question=question
    ).delete()
    if deleted:
        audit_record(actor=actor, action="programmes.comment_untag", obj=theme)
