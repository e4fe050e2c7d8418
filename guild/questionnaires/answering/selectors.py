"""What a person has to answer and what they have answered: reads only."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import timezone

from guild.questionnaires.access import answerable_questionnaires_q
from guild.questionnaires.answering.services import Receipt
from guild.questionnaires.models import Participation, Questionnaire, Response, ResponseDraft


@dataclass(frozen=True)
class OpenQuestionnaire:
    questionnaire: Questionnaire
    started: bool
    closes_at: datetime | None


def my_receipts(*, user: Any) -> list[Receipt]:
    """The user's receipts, newest questionnaires first. Anonymous ones carry no date."""
    participations = list(
        Participation.objects.filter(user_id=user.pk)
        .select_related("questionnaire")
        .order_by("-questionnaire__created_at", "questionnaire_id")
    )
    identified = {
        response.questionnaire_id: response
        for response in Response.objects.filter(respondent_id=user.pk).only(
            "questionnaire_id", "submitted_at", "updated_at"
        )
    }
    now = timezone.now()
    receipts = []
    for participation in participations:
        questionnaire = participation.questionnaire
        response = None if questionnaire.anonymous else identified.get(questionnaire.pk)
        editable = response is not None and questionnaire.is_open(now)
        receipts.append(
            Receipt(
                code=participation.receipt,
                questionnaire_id=questionnaire.pk,
                title_en=questionnaire.title_en,
                title_fr=questionnaire.title_fr,
                anonymous=questionnaire.anonymous,
                submitted_at=response.submitted_at if response else None,
                updated_at=response.updated_at if response else None,
                editable_until=questionnaire.closes_at if editable else None,
            )
        )
    return receipts


def my_open_questionnaires(*, user: Any) -> list[OpenQuestionnaire]:
    """Published questionnaires addressed to the user, open now, not yet answered."""
    now = timezone.now()
    questionnaires = (
        Questionnaire.objects.filter(answerable_questionnaires_q(user))
        .exclude(opens_at__gt=now)
        .exclude(closes_at__lte=now)
        .exclude(
            Exists(Participation.objects.filter(questionnaire_id=OuterRef("pk"), user_id=user.pk))
        )
        .annotate(
            started=Exists(
                ResponseDraft.objects.filter(questionnaire_id=OuterRef("pk"), user_id=user.pk)
            )
        )
        .order_by("closes_at", "title_en")
    )
    return [
        OpenQuestionnaire(q, bool(getattr(q, "started", False)), q.closes_at)
        for q in questionnaires
    ]


def my_questionnaires(*, user: Any) -> dict[str, Any]:
    return {"open": my_open_questionnaires(user=user), "receipts": my_receipts(user=user)}
