"""Anonymity for real (ADR 0010): with the whole database in hand, an administrator cannot
tie an anonymous answer set to the member who gave it.

Thirty members answer, one after the other, each with a distinct answer to `years`
(100 + their place in the queue), so an answer set says when it was submitted. Then every
table is read raw, every column, SQLite's rowid included."""

import re
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from guild.accounts.tests.factories import UserFactory
from guild.core.models import AuditEvent, Job
from guild.questionnaires.answering.services import (
    Receipt,
    response_save,
    response_start,
    response_submit,
)
from guild.questionnaires.models import Answer, Participation, Response, ResponseDraft
from guild.questionnaires.tests.answering import ABOUT, SKILLS, make_questionnaire, publish

pytestmark = pytest.mark.django_db(transaction=True)

RESPONDENTS = 30
# Far from any other id in the database, so equality means something.
FIRST_USER_ID = 700_001
FIRST_MEMBER_ID = 710_001
FIRST_DRAFT_ID = 720_000


def _tables() -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Every table's columns and rows, straight from the database."""
    found = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            if connection.vendor == "sqlite":
                try:
                    cursor.execute(f"SELECT rowid AS __rowid__, * FROM {quoted}")  # noqa: S608
                except Exception:  # a WITHOUT ROWID table
                    cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608
            else:
                cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            found[table] = (columns, cursor.fetchall())
    return found


def _contains(cell: Any, needle: str) -> bool:
    return needle in str(cell)


def _is_monotonic(sequence: list[int]) -> bool:
    return sequence == sorted(sequence) or sequence == sorted(sequence, reverse=True)


def _start_drafts_at(value: int) -> None:
    """Draft ids count up from `value`, far from other ids, so equality means something."""
    table = ResponseDraft._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, value])
        else:
            cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, value]
            )


def _submit_in_order(survey: Any, make_member: Any) -> dict[str, Any]:
    users, drafts, keys, receipts = [], [], [], []
    _start_drafts_at(FIRST_DRAFT_ID)
    for place in range(RESPONDENTS):
        user = UserFactory.create(
            id=FIRST_USER_ID + place, email=f"respondent{place:02d}.zq@example.gc.ca"
        )
        make_member(user=user, id=FIRST_MEMBER_ID + place)
        draft = response_start(user=user, questionnaire=survey)
        drafts.append(draft.pk)
        response_save(
            user=user, questionnaire=survey, answers={**ABOUT, "years": 100 + place}, section=0
        )
        response_save(user=user, questionnaire=survey, answers=SKILLS, section=1)
        key = f"idem-{place:02d}-zq"
        receipts.append(response_submit(user=user, questionnaire=survey, idempotency_key=key))
        users.append(user)
        keys.append(key)
    return {"users": users, "drafts": drafts, "keys": keys, "receipts": receipts}


def test_an_administrator_with_full_database_access_cannot_tie_an_answer_set_to_a_member(
    im: Any, make_member: Any
) -> None:
    survey = make_questionnaire(im)
    given = _submit_in_order(survey, make_member)
    publish(survey)
    users = given["users"]
    members = [user.member for user in users]
    participations = list(Participation.objects.filter(questionnaire=survey))
    responses = list(Response.objects.filter(questionnaire=survey))
    assert len(responses) == len(participations) == RESPONDENTS
    assert ResponseDraft.objects.count() == 0
    assert min(given["drafts"]) > FIRST_DRAFT_ID
    response_ids = {response.pk for response in responses}
    answer_ids = set(Answer.objects.values_list("pk", flat=True))
    what_ids = response_ids | answer_ids

    # Who: anything that names a person or their participation.
    who_numbers = (
        {user.pk for user in users}
        | {member.pk for member in members}
        | {participation.pk for participation in participations}
        | set(given["drafts"])
    )
    who_texts = (
        [user.email for user in users]
        + [receipt.code for receipt in given["receipts"]]
        + given["keys"]
    )
    who_words = re.compile(r"\b(" + "|".join(str(n) for n in who_numbers) + r")\b")

    tables = _tables()
    what_tables = {Response._meta.db_table, Answer._meta.db_table}
    for table, (columns, rows) in tables.items():
        for row in rows:
            for column, cell in zip(columns, row, strict=True):
                if cell is None:
                    continue
                where = f"{table}.{column} = {cell!r}"
                if table in what_tables:
                    # What was answered holds nothing about who answered.
                    assert not (isinstance(cell, int) and cell in who_numbers), where
                    if isinstance(cell, str):
                        assert not who_words.search(cell), where
                        assert not any(_contains(cell, text) for text in who_texts), where
                else:
                    # Nothing about who (participations, audit, jobs, sessions…) names
                    # a response or one of its answers.
                    assert not (isinstance(cell, int) and cell in what_ids), where
                    if isinstance(cell, (str, bytes, memoryview)):
                        text = bytes(cell).decode("latin-1") if not isinstance(cell, str) else cell
                        assert not any(str(pk) in text for pk in what_ids), where

    # No time: the anonymous response rows carry none.
    for response in Response.objects.filter(questionnaire=survey).values():
        assert response["respondent_id"] is None
        assert response["submitted_at"] is None and response["updated_at"] is None
    assert [f.name for f in Participation._meta.concrete_fields] == [
        "id",
        "questionnaire",
        "user",
        "receipt",
        "idempotency_key",
        # Which publication of at least the threshold of responses theirs joined: the
        # participation's only tie to time (ADR 14).
        "snapshot",
    ]

    # No order: read back by key (and by rowid), answer sets do not come out in the order
    # they were submitted. Accidental success has a chance of 2 in 30!.
    submitted_at_place = {response.pk: response.answers["years"] - 100 for response in responses}
    by_id = [submitted_at_place[pk] for pk in sorted(submitted_at_place)]
    assert sorted(by_id) == list(range(RESPONDENTS))
    assert not _is_monotonic(by_id)
    columns, rows = tables[Response._meta.db_table]
    if connection.vendor == "sqlite":
        rowids = {row[columns.index("id")]: row[columns.index("__rowid__")] for row in rows}
        assert all(rowid == pk for pk, rowid in rowids.items())  # the rowid is the random key
    participation_order = sorted(participations, key=lambda p: p.pk)
    place_of_user = {user.pk: place for place, user in enumerate(users)}
    assert not _is_monotonic([place_of_user[p.user_id] for p in participation_order])

    # The audit log says who took part, never which response is theirs.
    events = list(AuditEvent.objects.filter(action__startswith="questionnaire."))
    assert {event.action for event in events} == {"questionnaire.participate"}
    assert len(events) == RESPONDENTS
    # All stamped with the snapshot's time, written in no order of arrival.
    assert len({event.at for event in events}) == 1
    event_order = [place_of_user[event.actor_id] for event in sorted(events, key=lambda e: e.pk)]
    assert not _is_monotonic(event_order)
    for event in events:
        assert (event.object_type, event.object_id, event.changes) == (
            "questionnaires.questionnaire",
            str(survey.pk),
            {},
        )

    # Receipts, jobs and e-mail hold no response id.
    for receipt in given["receipts"]:
        assert isinstance(receipt, Receipt)
        assert not any(str(pk) in repr(receipt) for pk in what_ids)
    assert Job.objects.count() == 0
    for message in mail.outbox:
        assert not any(str(pk) in message.body for pk in what_ids)


def test_scrambling_storage_leaves_no_arrival_order(im: Any, make_member: Any) -> None:
    survey = make_questionnaire(im)
    given = _submit_in_order(survey, make_member)
    call_command("questionnaire_scramble_storage", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Response.objects.count() == RESPONDENTS
    place = {r.pk: r.answers["years"] - 100 for r in Response.objects.all()}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Physical order (ctid) follows the random key; every row shares one xmin, so
            # neither says when a row arrived nor which participation it came with.
            cursor.execute("SELECT id FROM questionnaires_response ORDER BY ctid")
            physical = [place[row[0]] for row in cursor.fetchall()]
            assert not _is_monotonic(physical)
            for table in ("questionnaires_response", "questionnaires_participation"):
                cursor.execute(f"SELECT count(DISTINCT xmin::text) FROM {table}")  # noqa: S608
                assert cursor.fetchone()[0] == 1
            cursor.execute(
                "SELECT count(*) FROM questionnaires_response r "
                "JOIN questionnaires_participation p ON p.xmin = r.xmin"
            )
            # Shared by all rows: the join gives every pair, not the true ones.
            assert cursor.fetchone()[0] == RESPONDENTS * RESPONDENTS
        else:
            cursor.execute("SELECT id FROM questionnaires_response ORDER BY rowid")
            physical = [place[row[0]] for row in cursor.fetchall()]
            assert not _is_monotonic(physical)
    assert len(given["receipts"]) == RESPONDENTS
