"""Reading the answers to a text question of an identified questionnaire, one by one.

Free text can name its writer, so the answers to a text question (`text`, `long_text`)
of an anonymous questionnaire are never shown per person: the door below refuses them as
not found, and only responses that name their respondent are ever read, whatever the
questionnaire says now. The answers of an identified questionnaire are read by those who
manage it (`access.access_questionnaire_for_manage`), and every read and download is
audited (`open_text_read_record`, `open_text_export_record`).
"""

import csv
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import F
from django.db.models.fields.json import KeyTextTransform

from guild.accounts.models import User
from guild.core.audit import audit_record
from guild.core.errors import NotFound
from guild.core.pagination import PageOf, paginate
from guild.core.spreadsheet_safety import csv_row
from guild.questionnaires.access import (
    access_questionnaire_for_manage,
    can_manage_community,
)
from guild.questionnaires.definition.types import TEXT_TYPES, Question
from guild.questionnaires.models import Questionnaire, Response
from guild.questionnaires.results.selectors import results_definition

PER_PAGE = 50
SEARCH_LIMIT = 200


@dataclass(frozen=True)
class OpenTextQuestion:
    questionnaire: Questionnaire
    question: Question


@dataclass(frozen=True)
class OpenTextAnswer:
    text: str
    respondent: str  # the member's name, else the account's e-mail
    answered_at: datetime | None


def open_text_codes(user: User | AnonymousUser, questionnaire: Questionnaire) -> frozenset[str]:
    """The codes of the text questions whose answers `user` may read: none for an anonymous
    questionnaire, one not published yet, or someone who does not manage it."""
    if questionnaire.anonymous or not can_manage_community(user, questionnaire.community_id):
        return frozenset()
    try:
        definition, _version = results_definition(questionnaire)
    except NotFound:
        return frozenset()
    return frozenset(q.code for q in definition.questions if q.type in TEXT_TYPES)


def access_open_text(
    user: User | AnonymousUser, questionnaire_id: Any, code: Any
) -> OpenTextQuestion:
    """The text question `code` of the latest published version of an identified
    questionnaire that `user` manages; NotFound for anything else."""
    questionnaire = access_questionnaire_for_manage(user, questionnaire_id)
    if questionnaire.anonymous or not isinstance(code, str):
        raise NotFound()
    definition, _version = results_definition(questionnaire)
    question = next((q for q in definition.questions if q.code == code), None)
    if question is None or question.type not in TEXT_TYPES:
        raise NotFound()
    return OpenTextQuestion(questionnaire=questionnaire, question=question)


def open_text_search(raw: Any) -> str:
    """The filter as typed, trimmed and bounded (a longer one matches nothing more); NUL
    characters go, as PostgreSQL's JSON (the audit record's changes) cannot hold them."""
    return raw.replace("\x00", "").strip()[:SEARCH_LIMIT] if isinstance(raw, str) else ""


def open_text_answers(target: OpenTextQuestion, *, search: str = "") -> list[OpenTextAnswer]:
    """Every non-empty answer to the question, newest first (last changed), those whose
    text contains `search` whatever the case."""
    questionnaire = target.questionnaire
    if questionnaire.anonymous:
        raise NotFound()
    member = "respondent__member__"
    rows = (
        Response.objects.filter(
            questionnaire=questionnaire,
            respondent__isnull=False,
            answers__has_key=target.question.code,
        )
        .annotate(text=KeyTextTransform(target.question.code, "answers"))
        .order_by(F("updated_at").desc(nulls_last=True), "-id")
        .values_list(
            "text",
            "updated_at",
            f"{member}given_name",
            f"{member}family_name",
            "respondent__email",
        )
    )
    # Case is folded in Python: SQLite's LIKE folds ASCII only, and "É" must find "é".
    needle = search.casefold()
    return [
        OpenTextAnswer(
            text=text,
            respondent=" ".join(part for part in (given, family) if part) or email,
            answered_at=answered_at,
        )
        for text, answered_at, given, family, email in rows
        if text and needle in text.casefold()
    ]


def open_text_page(answers: list[OpenTextAnswer], raw_page: Any) -> PageOf:
    """The page of 50 asked for; as on every paged list, a page that is not a number shows
    the first, one past the end the last."""
    return paginate(answers, raw_page, PER_PAGE, count=len(answers))


def open_text_csv(answers: list[OpenTextAnswer], *, headers: list[str]) -> str:
    """The answers as CSV text, every cell formula-neutralised; dates in UTC, ISO 8601."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_row(headers))
    for answer in answers:
        answered_at = (
            answer.answered_at.astimezone(UTC).isoformat(timespec="seconds")
            if answer.answered_at
            else ""
        )
        writer.writerow(csv_row([answer.respondent, answered_at, answer.text]))
    return buffer.getvalue()


def open_text_read_record(*, actor: User, target: OpenTextQuestion, page: int, search: str) -> None:
    """Audit a page of answers read: which question, which page, which filter."""
    audit_record(
        actor=actor,
        action="questionnaire.open_text_read",
        obj=target.questionnaire,
        changes={"question": target.question.code, "page": page, "filter": search},
    )


def open_text_export_record(
    *, actor: User, target: OpenTextQuestion, search: str, rows: int
) -> None:
    """Audit a download of the answers: which question, which filter, how many rows."""
    audit_record(
        actor=actor,
        action="questionnaire.open_text_export",
        obj=target.questionnaire,
        changes={"question": target.question.code, "filter": search, "rows": rows},
    )
