"""Answering through the API: the definition, start / save / submit a response with an
idempotency key, and my receipts. The door decides who may answer, the answering services
what is recorded, the same as for the pages."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Header, Query, Router, Schema, Status
from ninja.responses import codes_4xx
from pydantic import ConfigDict, field_validator

from guild.core.api_errors import ErrorOut
from guild.core.errors import NotFound
from guild.questionnaires.access import access_questionnaire_for_answering
from guild.questionnaires.answering.receipts import Receipt
from guild.questionnaires.answering.selectors import (
    my_open_questionnaires,
    my_receipts_with_answers,
)
from guild.questionnaires.answering.services import (
    MAX_KEY_LENGTH,
    response_save,
    response_start,
    response_submit,
)
from guild.questionnaires.definition.json_codec import definition_to_json
from guild.questionnaires.definition.selectors import latest_published_version, version_definition
from guild.questionnaires.models import ResponseDraft
from guild.questionnaires.schemas import TextOut, text_out

MAX_ANSWERS = 500  # far more questions than any questionnaire has

router = Router(tags=["questionnaires"])


class QuestionnaireSummaryOut(Schema):
    id: int
    title: TextOut
    anonymous: bool
    opens_at: datetime | None
    closes_at: datetime | None
    started: bool = Field(description="A draft is saved: answering can resume.")


class QuestionnaireOut(Schema):
    id: int
    title: TextOut
    anonymous: bool
    opens_at: datetime | None
    closes_at: datetime | None
    is_open: bool
    version: int = Field(description="The published version every new response is given.")
    definition: dict[str, Any] = Field(
        description="The definition in both languages (the JSON shape of definitions/json_codec)."
    )


class DraftOut(Schema):
    questionnaire_id: int
    version: int
    next_section: str | None = Field(
        description="The code of the section to answer next; null when all were saved."
    )
    answers: dict[str, Any]


class ReceiptOut(Schema):
    receipt: str
    questionnaire_id: int
    title: TextOut
    anonymous: bool
    submitted_at: datetime | None = Field(description="Null for anonymous questionnaires.")
    updated_at: datetime | None
    editable_until: datetime | None = Field(
        description="Identified responses can be changed (submit again) until this time."
    )
    replayed: bool = Field(description="True when this key had already been submitted.")


class MyResponseOut(ReceiptOut):
    answers: dict[str, Any] | None = Field(
        None, description="Identified responses only; anonymous ones show only the receipt."
    )


def _answers_size(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is not None and len(value) > MAX_ANSWERS:
        raise ValueError(f"At most {MAX_ANSWERS} answers.")
    return value


class SaveIn(Schema):
    model_config = ConfigDict(extra="forbid")

    section: str = Field(max_length=64, description="The code of the section these answers fill.")
    answers: dict[str, Any] = Field(description="Question code → answer (see definition.py).")
    finish_later: bool = Field(
        False, description="Keep the answers without requiring the section's required ones."
    )

    _size = field_validator("answers")(_answers_size)


class SubmitIn(Schema):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, Any] | None = Field(
        None, description="The complete answers; leave out to submit the saved draft."
    )
    idempotency_key: str | None = Field(
        None, max_length=MAX_KEY_LENGTH, description="Or send the Idempotency-Key header."
    )

    _size = field_validator("answers")(_answers_size)


class LinkQuery(Schema):
    key: str | None = Field(
        None, max_length=64, description="The token of a questionnaire addressed by link."
    )


def _receipt_out(receipt: Receipt) -> ReceiptOut:
    return ReceiptOut(
        receipt=receipt.code,
        questionnaire_id=receipt.questionnaire_id,
        title=text_out(receipt.title_en, receipt.title_fr),
        anonymous=receipt.anonymous,
        submitted_at=receipt.submitted_at,
        updated_at=receipt.updated_at,
        editable_until=receipt.editable_until,
        replayed=receipt.replayed,
    )


def _draft_out(draft: ResponseDraft) -> DraftOut:
    sections = version_definition(draft.version).sections
    return DraftOut(
        questionnaire_id=draft.questionnaire_id,
        version=draft.version.number,
        next_section=sections[draft.section].code if draft.section < len(sections) else None,
        answers=draft.answers,
    )


@router.get(
    "/me/responses",
    response={200: list[MyResponseOut], codes_4xx: ErrorOut},
    operation_id="questionnaire_my_responses",
)
def my_responses(request: HttpRequest) -> list[MyResponseOut]:
    return [
        MyResponseOut(**dict(_receipt_out(mine.receipt)), answers=mine.answers)
        for mine in my_receipts_with_answers(user=request.user)
    ]


@router.get(
    "",
    response={200: list[QuestionnaireSummaryOut], codes_4xx: ErrorOut},
    operation_id="questionnaire_open_list",
)
def questionnaire_open_list(request: HttpRequest) -> list[QuestionnaireSummaryOut]:
    """The published questionnaires open now that are addressed to me and not yet answered."""
    return [
        QuestionnaireSummaryOut(
            id=item.questionnaire.pk,
            title=text_out(item.questionnaire.title_en, item.questionnaire.title_fr),
            anonymous=item.questionnaire.anonymous,
            opens_at=item.questionnaire.opens_at,
            closes_at=item.questionnaire.closes_at,
            started=item.started,
        )
        for item in my_open_questionnaires(user=request.user)
    ]


@router.get(
    "/{questionnaire_id}",
    response={200: QuestionnaireOut, codes_4xx: ErrorOut},
    operation_id="questionnaire_definition",
)
def questionnaire_definition(
    request: HttpRequest, questionnaire_id: int, link: Query[LinkQuery]
) -> QuestionnaireOut:
    questionnaire = access_questionnaire_for_answering(
        request.user, questionnaire_id, token=link.key
    ).questionnaire
    version = latest_published_version(questionnaire)
    if version is None:
        raise NotFound()
    return QuestionnaireOut(
        id=questionnaire.pk,
        title=text_out(questionnaire.title_en, questionnaire.title_fr),
        anonymous=questionnaire.anonymous,
        opens_at=questionnaire.opens_at,
        closes_at=questionnaire.closes_at,
        is_open=questionnaire.is_open(),
        version=version.number,
        definition=definition_to_json(version_definition(version)),
    )


@router.post(
    "/{questionnaire_id}/response",
    response={200: DraftOut, codes_4xx: ErrorOut},
    operation_id="questionnaire_response_start",
)
def questionnaire_response_start(
    request: HttpRequest, questionnaire_id: int, link: Query[LinkQuery]
) -> DraftOut:
    """Start answering, or resume the saved draft (on any device)."""
    respondent = access_questionnaire_for_answering(
        request.user, questionnaire_id, token=link.key, to_answer=True
    )
    return _draft_out(response_start(user=respondent.user, questionnaire=respondent.questionnaire))


@router.put(
    "/{questionnaire_id}/response",
    response={200: DraftOut, codes_4xx: ErrorOut},
    operation_id="questionnaire_response_save",
)
def questionnaire_response_save(
    request: HttpRequest, questionnaire_id: int, payload: SaveIn
) -> DraftOut:
    """Save one section's answers in the draft. Errors are per question code (`fields`)."""
    respondent = access_questionnaire_for_answering(request.user, questionnaire_id, to_answer=True)
    saved = response_save(
        user=respondent.user,
        questionnaire=respondent.questionnaire,
        answers=payload.answers,
        section=payload.section,
        check_required=not payload.finish_later,
    )
    return _draft_out(saved.draft)


@router.post(
    "/{questionnaire_id}/response/submit",
    response={200: ReceiptOut, 201: ReceiptOut, codes_4xx: ErrorOut},
    operation_id="questionnaire_response_submit",
)
def questionnaire_response_submit(
    request: HttpRequest,
    questionnaire_id: int,
    payload: SubmitIn | None = None,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=MAX_KEY_LENGTH),
) -> Status[ReceiptOut]:
    """Submit the complete answers (or the saved draft). Send the same `Idempotency-Key`
    when retrying: it returns the first receipt (200) instead of recording twice (201).
    The same key with different answers is refused (409 `idempotency_conflict`)."""
    respondent = access_questionnaire_for_answering(request.user, questionnaire_id, to_answer=True)
    key = idempotency_key or (payload.idempotency_key if payload else None) or ""
    receipt = response_submit(
        user=respondent.user,
        questionnaire=respondent.questionnaire,
        answers=payload.answers if payload else None,
        idempotency_key=key,
    )
    return Status(200 if receipt.replayed else 201, _receipt_out(receipt))
