"""The demo community's questionnaires, imported from their XLSForm workbooks through the
import service a manager's upload goes through, and published: the anonymous IM Members
Questionnaire, answered by most demo members, and a small identified event evaluation.

Anonymous responses are written in bulk, as many respondents at once: `Response` and
`Answer` rows with no respondent, no time and random keys, in shuffled order
(ADR 0010). Demo members with a sign-in do not answer, so a visitor can answer the
questionnaire themselves. Seeding twice adds nothing.
"""

import datetime as dt
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from guild.demo.answers import checked_answers, respondent_answers, respondent_of
from guild.demo.content import (
    XLSFORM,
    event_questionnaire_file,
    members_definition,
    members_questionnaire_file,
)
from guild.demo.rows import insert_rows
from guild.members.models import Member
from guild.organizations.models import Community, WorkStream
from guild.questionnaires.answering.answers import answer_rows, breakdown_values
from guild.questionnaires.answering.services import response_submit
from guild.questionnaires.definition.services import questionnaire_import, version_publish
from guild.questionnaires.definition.types import Definition
from guild.questionnaires.models import (
    NOT_COUNTED,
    PENDING,
    Answer,
    Questionnaire,
    RefreshPoint,
    Response,
    SnapshotReason,
    random_id,
)
from guild.questionnaires.results.snapshots import snapshot_take

MEMBERS_SLUG = "im-members-questionnaire"
EVENT_SLUG = "community-event-evaluation"
RESPONSE_SHARE = 0.85
OPEN_DAYS = 60
THRESHOLD = 10
BATCH = 2000

EVENT_ANSWERS: dict[str, dict[str, Any]] = {
    "supervisor": {
        "attended": "in_person",
        "overall": "strongly_agree",
        "sessions": {"keynote": "agree", "panel": "strongly_agree", "workshop": "agree"},
        "topics_next": ["ai", "careers"],
        "rating": 9,
        "suggestions": "More time for questions after the panel.",
    },
    "coordinator": {
        "attended": "online",
        "overall": "agree",
        "sessions": {"keynote": "neutral", "panel": "agree", "workshop": "agree"},
        "topics_next": ["privacy", "tools"],
        "rating": 7,
        "suggestions": "Share the slides before the sessions start.",
    },
    "committee": {
        "attended": "in_person",
        "overall": "agree",
        "sessions": {"keynote": "agree", "panel": "agree", "workshop": "strongly_agree"},
        "topics_next": ["ai"],
        "rating": 8,
    },
    "admin": {
        "attended": "online",
        "overall": "neutral",
        "sessions": {"keynote": "disagree", "panel": "agree", "workshop": "neutral"},
        "topics_next": ["careers", "tools"],
        "rating": 6,
        "suggestions": "Le son de la diffusion en ligne était faible.",
    },
}


ANSWER_COLUMNS = (
    "id",
    "questionnaire_id",
    "response_id",
    "question",
    "item",
    "choice",
    "number",
    "department",
    "region",
    "snapshot",
    "retired",
)


def response_rows(
    questionnaire: Questionnaire,
    version_id: int,
    definition: Definition,
    answer_sets: Iterable[tuple[Mapping[str, Any], bool]],
) -> tuple[list[Response], list[tuple[Any, ...]]]:
    """Anonymous `Response` rows for validated answer sets, each with whether its member
    agreed to be counted in statistics (no respondent, no time, random keys; waiting for
    the next results snapshot), and their `Answer` rows as values in `ANSWER_COLUMNS`
    order."""
    responses: list[Response] = []
    answers: list[tuple[Any, ...]] = []
    for answer_set, counted in answer_sets:
        state = PENDING if counted else NOT_COUNTED
        response = Response(
            questionnaire_id=questionnaire.pk,
            version_id=version_id,
            answers=dict(answer_set),
            snapshot=state,
        )
        responses.append(response)
        department, region = breakdown_values(definition, answer_set)
        # The response's random id exists before its row is written.
        answers.extend(
            (
                random_id(),
                questionnaire.pk,
                response.pk,
                row.question,
                row.item,
                row.choice,
                row.number,
                department,
                region,
                state,
                False,
            )
            for row in answer_rows(definition, answer_set)
        )
    return responses, answers


def import_published(
    *,
    actor: Any,
    community: Community,
    slug: str,
    content: bytes,
    anonymous: bool,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
) -> tuple[Questionnaire, int]:
    """A questionnaire from an XLSForm workbook through the import service, published;
    with its version id."""
    draft = questionnaire_import(
        actor=actor,
        content=content,
        format=XLSFORM,
        community=community,
        slug=slug,
        anonymous=anonymous,
        threshold=THRESHOLD,
        opens_at=opens_at,
        closes_at=closes_at,
    )
    version = version_publish(actor=actor, questionnaire=draft.questionnaire)
    return draft.questionnaire, version.pk


@dataclass
class QuestionnaireSeed:
    questionnaires_created: int = 0
    responses_created: int = 0


def _members_questionnaire(
    community: Community,
    members: Sequence[Member],
    rng: random.Random,
    actor: Any,
    now: dt.datetime,
) -> int:
    questionnaire, version_id = import_published(
        actor=actor,
        community=community,
        slug=MEMBERS_SLUG,
        content=members_questionnaire_file(),
        anonymous=True,
        opens_at=now - timedelta(days=14),
        closes_at=now + timedelta(days=OPEN_DAYS),
    )
    definition = members_definition()
    ids = [member.pk for member in members]
    supervisors = set(
        Member.objects.filter(supervisor_id__in=ids).values_list("supervisor_id", flat=True)
    )
    people = (
        Member.objects.filter(pk__in=ids, user__isnull=True, is_active=True)
        .select_related("department", "region", "level__group")
        .prefetch_related(
            Prefetch("work_streams", queryset=WorkStream.objects.filter(community=community))
        )
        .order_by("pk")
    )
    answering = [person for person in people if rng.random() < RESPONSE_SHARE]
    answer_sets = [
        (
            checked_answers(
                definition, respondent_answers(definition, respondent_of(m, supervisors), rng)
            ),
            m.consent_statistics,
        )
        for m in answering
    ]
    # Nothing about the order of rows may follow the order of members.
    rng.shuffle(answer_sets)
    responses, answers = response_rows(questionnaire, version_id, definition, answer_sets)
    Response.objects.bulk_create(responses, batch_size=BATCH)
    insert_rows(Answer, ANSWER_COLUMNS, answers)
    snapshot_take(questionnaire=questionnaire, reason=SnapshotReason.SCHEDULED)
    for days in (7, 14):
        RefreshPoint.objects.create(
            questionnaire=questionnaire, due_at=now + timedelta(days=days), created_by=actor
        )
    questionnaire.results_published = True
    questionnaire.save(update_fields=["results_published"])
    return len(responses)


@transaction.atomic
def seed_questionnaires(
    community: Community,
    members: Sequence[Member],
    rng: random.Random,
    *,
    actor: Any,
    accounts: Mapping[str, Any] | None = None,
) -> QuestionnaireSeed:
    """The IM Members Questionnaire with answers from about 85 % of `members` (those
    without a sign-in), and the identified event evaluation answered by a few of the demo
    `accounts` (key -> user) through the response service. `actor` manages the
    community's questionnaires."""
    result = QuestionnaireSeed()
    now = timezone.now()
    if not Questionnaire.objects.filter(community=community, slug=MEMBERS_SLUG).exists():
        result.responses_created += _members_questionnaire(community, members, rng, actor, now)
        result.questionnaires_created += 1

    if not Questionnaire.objects.filter(community=community, slug=EVENT_SLUG).exists():
        event, _ = import_published(
            actor=actor,
            community=community,
            slug=EVENT_SLUG,
            content=event_questionnaire_file(),
            anonymous=False,
            opens_at=now - timedelta(days=7),
            closes_at=now + timedelta(days=21),
        )
        result.questionnaires_created += 1
        for key, answers_given in EVENT_ANSWERS.items():
            user = (accounts or {}).get(key)
            if user is None:
                continue
            response_submit(
                user=user,
                questionnaire=event,
                answers=answers_given,
                idempotency_key=f"demo-{key}",
            )
            result.responses_created += 1
    return result
