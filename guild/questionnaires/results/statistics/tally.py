"""The answer tally: a questionnaire's published `Answer` rows counted once, when a results
snapshot is taken, so that statistics read a few thousand sums instead of millions of rows.

Published figures change only when a snapshot is taken (ADR 14), so the counts they are
made of can be taken then too. The tally holds, for each (question, item, choice, number),
how many published answer rows have those values service-wide, in each department and in
each region. Every fact `counts.answer_facts` computes service-wide, by department or by
region is a sum over it: the number is kept (not its band), so bands, ranks of 1 and sums
come out exactly as from the rows, whatever band edges the published version has.

A snapshot adds the rows it publishes and takes away the retired rows it deletes, then
folds the result into one row per key (``tally_snapshot``). `AnswerTallyState` says which
snapshot, and how many published responses, the tally was counted for; statistics read it
only when both still hold (``tally_current``), and fall back to the rows otherwise, so a
tally that is missing or out of date can make results slower, never different.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import connection

from guild.questionnaires.models import (
    PENDING,
    Answer,
    AnswerTally,
    AnswerTallyState,
    Response,
    ResultsSnapshot,
)

# The answer rows' own key, and the tally's: each row is counted service-wide (breakdown
# ""), by its department and by its region.
ROW_KEY = "question, item, choice, number, department, region"
KEY = "question, item, choice, number, breakdown, category"
BREAKDOWNS = (("", "''"), ("department", "department"), ("region", "region"))


def _table(model: Any) -> str:
    return str(connection.ops.quote_name(model._meta.db_table))


def count_sql(answer: str, tally: str, *, incremental: bool) -> str:
    """INSERT the tally of snapshot %s of questionnaire %s: the published rows counted
    afresh, or (``incremental``) the pending rows added to and the retired rows taken from
    the tally as it stands. Parameters: the questionnaire's id once (twice when
    incremental), the snapshot number and the id, then the id again when incremental."""
    if incremental:
        rows = (
            f"SELECT {ROW_KEY}, COUNT(*) AS c FROM {answer} WHERE questionnaire_id = %s "  # noqa: S608
            f"AND snapshot = {PENDING} GROUP BY {ROW_KEY} "
            f"UNION ALL SELECT {ROW_KEY}, -COUNT(*) AS c FROM {answer} "
            f"WHERE questionnaire_id = %s AND snapshot > 0 AND retired GROUP BY {ROW_KEY}"
        )
        kept = f" UNION ALL SELECT {KEY}, n AS c FROM {tally} WHERE questionnaire_id = %s"  # noqa: S608
    else:
        rows = (
            f"SELECT {ROW_KEY}, COUNT(*) AS c FROM {answer} WHERE questionnaire_id = %s "  # noqa: S608
            f"AND (snapshot = {PENDING} OR (snapshot > 0 AND NOT retired)) GROUP BY {ROW_KEY}"
        )
        kept = ""
    spread = " UNION ALL ".join(
        f"SELECT question, item, choice, number, '{name}' AS breakdown, "  # noqa: S608
        f"{column} AS category, c FROM r"
        for name, column in BREAKDOWNS
    )
    return (
        f"WITH r AS ({rows}) INSERT INTO {tally} (snapshot, questionnaire_id, {KEY}, n) "  # noqa: S608
        f"SELECT %s, %s, {KEY}, SUM(c) FROM ({spread}{kept}) s "
        f"GROUP BY {KEY} HAVING SUM(c) <> 0"
    )


def tally_current(questionnaire_id: int) -> bool:
    """Whether the tally counts exactly the published rows: taken at the latest snapshot,
    over as many published responses as there are now."""
    state = AnswerTallyState.objects.filter(questionnaire_id=questionnaire_id).first()
    if state is None:
        return False
    latest = (
        ResultsSnapshot.objects.filter(questionnaire_id=questionnaire_id)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return latest == state.snapshot and state.responses == (
        Response.objects.filter(questionnaire_id=questionnaire_id, snapshot__gt=0).count()
    )


def tally_snapshot(
    *,
    questionnaire_id: int,
    number: int,
    previous: int | None,
    multiple: Sequence[str] = (),
    texts: Sequence[str] = (),
) -> None:
    """Count what snapshot ``number`` publishes into the tally. Call inside the snapshot's
    transaction, before its pending rows are marked and its retired rows deleted.

    When the tally was counted for the ``previous`` snapshot and its responses, only the
    change is counted (the pending rows in, the retired rows out); otherwise every row the
    snapshot leaves published is counted afresh. How many responses answer each of the
    ``multiple`` (choice) and ``texts`` questions is counted too (``answered_snapshot``).
    """
    tally, answer = _table(AnswerTally), _table(Answer)
    published = Response.objects.filter(questionnaire_id=questionnaire_id, snapshot__gt=0).count()
    pending = Response.objects.filter(questionnaire_id=questionnaire_id, snapshot=PENDING).count()
    state = AnswerTallyState.objects.filter(questionnaire_id=questionnaire_id).first()
    incremental = (
        state is not None
        and previous is not None
        and state.snapshot == previous
        and state.responses == published
    )
    params = [questionnaire_id] * (2 if incremental else 1) + [number, questionnaire_id]
    params += [questionnaire_id] if incremental else []
    with connection.cursor() as cursor:
        cursor.execute(count_sql(answer, tally, incremental=incremental), params)
        cursor.execute(
            f"DELETE FROM {tally} WHERE questionnaire_id = %s AND snapshot <> %s",  # noqa: S608
            [questionnaire_id, number],
        )
    answered = answered_snapshot(
        questionnaire_id,
        multiple=multiple,
        texts=texts,
        previous=state.answered.get("rows", {}) if incremental and state else None,
    )
    AnswerTallyState.objects.update_or_create(
        questionnaire_id=questionnaire_id,
        defaults={"snapshot": number, "responses": published + pending, "answered": answered},
    )


def _distinct_responses(where: str, questionnaire_id: int, codes: Sequence[str]) -> dict[str, int]:
    marks = ", ".join(["%s"] * len(codes))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT question, COUNT(DISTINCT response_id) FROM {_table(Answer)} "  # noqa: S608
            f"WHERE questionnaire_id = %s AND ({where}) AND question IN ({marks}) "
            "GROUP BY question",
            [questionnaire_id, *codes],
        )
        return {code: int(n) for code, n in cursor.fetchall()}


def answered_snapshot(
    questionnaire_id: int,
    *,
    multiple: Sequence[str],
    texts: Sequence[str],
    previous: Mapping[str, int] | None,
) -> dict[str, dict[str, int]]:
    """How many responses the snapshot leaves published with answer rows for each of the
    ``multiple`` questions, and with each of the ``texts`` questions in their answers.

    Counted at the snapshot so that these n, like every other figure, change only when a
    snapshot is taken: a published response changed since keeps its published rows, but its
    answers already hold the change. A changed response retires all its published rows and
    writes all its new ones as pending, so the ``previous`` counts move by the responses
    pending and retired for each question; a question without a previous count is counted
    afresh.
    """
    rows: dict[str, int] = {}
    known = [code for code in multiple if previous is not None and code in previous]
    if known and previous is not None:
        added = _distinct_responses(f"snapshot = {PENDING}", questionnaire_id, known)
        retired = _distinct_responses("snapshot > 0 AND retired", questionnaire_id, known)
        for code in known:
            rows[code] = previous[code] + added.get(code, 0) - retired.get(code, 0)
    fresh = [code for code in multiple if code not in rows]
    if fresh:
        counted = _distinct_responses(
            f"snapshot = {PENDING} OR (snapshot > 0 AND NOT retired)", questionnaire_id, fresh
        )
        rows.update({code: counted.get(code, 0) for code in fresh})
    published = Response.objects.filter(questionnaire_id=questionnaire_id, snapshot__gte=PENDING)
    keys = {code: published.filter(answers__has_key=code).count() for code in texts}
    return {"rows": rows, "keys": keys}


def tally_answered(questionnaire_id: int) -> Mapping[str, Mapping[str, int]] | None:
    """The answered counts of the latest snapshot, while the tally is current."""
    if not tally_current(questionnaire_id):
        return None
    state = AnswerTallyState.objects.filter(questionnaire_id=questionnaire_id).first()
    return state.answered if state is not None else None


def tally_facts(band_sql: str) -> str:
    """The SQL of ``counts.answer_facts`` over the tally (``a`` is a tally row), grouped by
    category. Parameters: the band's, then the questionnaire's id and the breakdown ("",
    "department" or "region")."""
    return (
        f"SELECT a.question, a.item, a.choice, {band_sql}, a.category, SUM(a.n), "  # noqa: S608
        "SUM(CASE WHEN a.number = 1 THEN a.n ELSE 0 END), "
        "COALESCE(SUM(a.number * a.n), 0) "
        f"FROM {_table(AnswerTally)} a WHERE a.questionnaire_id = %s AND a.breakdown = %s "
        "GROUP BY 1, 2, 3, 4, 5"
    )


def tally_median(questionnaire_id: int, question: str, count: int) -> float | None:
    """The median of ``count`` answers of a number question, read from the tally: the
    same middle rows the row path takes, found by walking the counts of each value."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT number, SUM(n) FROM {_table(AnswerTally)} WHERE questionnaire_id = %s "  # noqa: S608
            "AND breakdown = '' AND question = %s AND item = '' AND choice = '' "
            "AND number IS NOT NULL GROUP BY number ORDER BY number",
            [questionnaire_id, question],
        )
        found = cursor.fetchall()
    return _middle([(float(value), int(n)) for value, n in found], count)


def _middle(values: Sequence[tuple[float, int]], count: int) -> float | None:
    wanted = range((count - 1) // 2, count // 2 + 1)
    picked: list[float] = []
    seen = 0
    for value, n in values:
        picked.extend(value for position in wanted if seen <= position < seen + n)
        seen += n
    if not picked:
        return None
    return sum(picked) / len(picked)


def tally_rows(questionnaire_id: int) -> Mapping[tuple[Any, ...], int]:
    """Every tally row of a questionnaire, by breakdown, category and the answer's values
    (for tests and the benchmark)."""
    return {
        (row.breakdown, row.category, row.question, row.item, row.choice, row.number): row.n
        for row in AnswerTally.objects.filter(questionnaire_id=questionnaire_id)
    }
