"""Recommendations for the programme's final design, recorded by its administrators."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guild.accounts.models import User
from guild.core.audit import audit_record
from guild.core.errors import NotFound
from guild.programmes.access import administers
from guild.programmes.models import Intake, Programme, Recommendation
from guild.programmes.services.evaluations import Actor


@transaction.atomic
def recommendation_add(
    *,
    actor: Actor,
    programme: Programme,
    text_en: str,
    text_fr: str,
    intake: Intake | None = None,
) -> Recommendation:
    """Record a recommendation in both languages, drawn from one intake or the programme."""
    if actor is not None and not administers(actor, programme.community_id):
        raise NotFound()
    if intake is not None and intake.programme_id != programme.pk:
        raise NotFound()
    text_en, text_fr = text_en.strip(), text_fr.strip()
    errors: dict[str, list[str]] = {}
    for field, value in (("text_en", text_en), ("text_fr", text_fr)):
        if not value:
            errors[field] = [_("Write the recommendation in English and in French.")]
    if errors:
        raise ValidationError(errors)
    recommendation = Recommendation(
        programme=programme,
        intake=intake,
        text_en=text_en,
        text_fr=text_fr,
        created_by=actor if isinstance(actor, User) else None,
    )
    recommendation.full_clean()
    recommendation.save()
    audit_record(actor=actor, action="programmes.recommendation_add", obj=recommendation)
    return recommendation
