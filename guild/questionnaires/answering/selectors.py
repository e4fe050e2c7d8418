"""What a person has to answer and what they have answered: reads only."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef
from django.utils import timezone

from guild.accounts.models import User
from guild.questionnaires.access import answerable_questionnaires_q
from guild.questionnaires.answering.receipts import Receipt, receipt_of
from guild.questionnaires.models import Participation, Questionnaire, Response, ResponseDraft


@dataclass(frozen=True)
class OpenQuestionnaire:
    questionnaire: Questionnaire
    started: bool
    closes_at: datetime | None


@dataclass(frozen=True)
class MyQuestionnaires:
    open: list[OpenQuestionnaire]
    receipts: list[Receipt]


@dataclass(frozen=True)
class MyResponse:
    """A receipt and, for an identified questionnaire, the answers it recorded."""

    receipt: Receipt
    answers: dict[str, Any] | None


def my_receipts(*, user: User | AnonymousUser) -> list[Receipt]:
    """The user's receipts, newest questionnaires first. Anonymous ones carry no date."""
    if not isinstance(user, User):
        return []
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
    return [
        receipt_of(
            participation.questionnaire,
            participation,
            identified.get(participation.questionnaire_id),
            now=now,
        )
        for participation in participations
    ]


def my_receipts_with_answers(*, user: User | AnonymousUser) -> list[MyResponse]:
    """My receipts with the answers of my identified responses."""
    if not isinstance(user, User):
        return []
    answers = dict(
        Response.objects.filter(respondent_id=user.pk).values_list("questionnaire_id", "answers")
    )
    return [
        MyResponse(receipt, None if receipt.anonymous else answers.get(receipt.questionnaire_id))
        for receipt in my_receipts(user=user)
    ]


def my_receipt(*, user: User, questionnaire: Questionnaire) -> Receipt | None:
    """The user's receipt for this questionnaire, if they took part."""
    participation = Participation.objects.filter(questionnaire=questionnaire, user=user).first()
    if participation is None:
        return None
    response = (
        None
        if questionnaire.anonymous
        else Response.objects.filter(questionnaire=questionnaire, respondent=user).first()
    )
    return receipt_of(questionnaire, participation, response)


def my_draft(*, user: User, questionnaire: Questionnaire) -> ResponseDraft | None:
    """The user's saved draft of this questionnaire, with its version."""
    return (
        ResponseDraft.objects.select_related("version")
        .filter(questionnaire=questionnaire, user=user)
        .first()
    )


def my_open_questionnaires(*, user: User | AnonymousUser) -> list[OpenQuestionnaire]:
    """Published questionnaires addressed to the user, open now, not yet answered."""
    if not isinstance(user, User):
        return []
    now = timezone.now()
    questionnaires = (
        Questionnaire.objects.filter(answerable_questionnaires_q(user))
        .select_related("community")
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


def my_questionnaires(*, user: User | AnonymousUser) -> MyQuestionnaires:
    return MyQuestionnaires(my_open_questionnaires(user=user), my_receipts(user=user))
