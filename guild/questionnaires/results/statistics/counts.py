"""Counting answers in SQL: one GROUP BY over the `Answer` rows of a questionnaire, never
a loop over responses. The same portable SQL runs on SQLite and PostgreSQL.

A *fact* is one group of answer rows: (question, item, choice, band, group) with how many
rows, how many of them are a rank of 1, and the sum of their numbers. ``band`` is the band
index of a number (-1 for other rows); ``group`` is what the rows are broken down by: the
response's department or region as copied on every row, the response's answer to another
single-choice question ("" when not answered), or "" for the service-wide count.

Only published rows count: those of the latest results snapshot (``snapshot > 0``, see
models.PENDING), so figures never move between snapshots and the answers of members who
chose not to be counted never enter them. Service-wide, department and region facts and
medians are read from the tally counted at that snapshot (statistics.tally) while it is
current, the same sums over far fewer rows; other breakdowns group the rows themselves.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

from django.db import connection
from django.db.models import QuerySet

from guild.questionnaires.models import Answer, Response
from guild.questionnaires.results.statistics.tally import (
    tally_answered,
    tally_current,
    tally_facts,
    tally_median,
)

GroupBy: TypeAlias = Literal["department", "region"] | tuple[Literal["question"], str] | None


@dataclass(frozen=True, slots=True)
class Fact:
    question: str
    item: str
    choice: str
    band: int
    group: str
    rows: int
    firsts: int
    total: float


def _band_sql(bands: Mapping[str, Sequence[float]]) -> tuple[str, list[object]]:
    if not bands:
        return "-1", []
    params: list[object] = []
    whens = []
    for question, edges in bands.items():
        inner = " ".join(f"WHEN a.number < %s THEN {index}" for index in range(len(edges)))
        body = f"CASE {inner} ELSE {len(edges)} END" if edges else "0"
        whens.append(f"WHEN a.question = %s THEN {body}")
        params.extend([question, *edges])
    sql = (
        "CASE WHEN a.number IS NULL OR a.item <> '' OR a.choice <> '' THEN -1 "
        + " ".join(whens)
        + " ELSE -1 END"
    )
    return sql, params


def answer_facts(
    questionnaire_id: int, *, group_by: GroupBy, bands: Mapping[str, Sequence[float]]
) -> list[Fact]:
    """Every fact of the questionnaire's answers, grouped as ``group_by`` says."""
    band_sql, band_params = _band_sql(bands)
    if group_by in (None, "department", "region") and tally_current(questionnaire_id):
        breakdown = group_by if isinstance(group_by, str) else ""
        return _facts(tally_facts(band_sql), [*band_params, questionnaire_id, breakdown])
    return row_facts(questionnaire_id, group_by=group_by, bands=bands)


def row_facts(
    questionnaire_id: int, *, group_by: GroupBy, bands: Mapping[str, Sequence[float]]
) -> list[Fact]:
    """:func:`answer_facts` grouped from the answer rows themselves."""
    answer = connection.ops.quote_name(Answer._meta.db_table)
    band_sql, band_params = _band_sql(bands)
    join = ""
    join_params: list[object] = []
    if group_by is None:
        group_sql = "''"
    elif group_by == "department":
        group_sql = "a.department"
    elif group_by == "region":
        group_sql = "a.region"
    else:
        group_sql = "COALESCE(d.choice, '')"
        join = (
            f"LEFT JOIN {answer} d ON d.response_id = a.response_id "
            "AND d.question = %s AND d.item = ''"
        )
        join_params = [group_by[1]]
    sql = (
        f"SELECT a.question, a.item, a.choice, {band_sql}, {group_sql}, COUNT(*), "  # noqa: S608
        "SUM(CASE WHEN a.number = 1 THEN 1 ELSE 0 END), COALESCE(SUM(a.number), 0) "
        f"FROM {answer} a {join} WHERE a.questionnaire_id = %s AND a.snapshot > 0 "
        "GROUP BY 1, 2, 3, 4, 5"
    )
    return _facts(sql, [*band_params, *join_params, questionnaire_id])


def _facts(sql: str, params: list[Any]) -> list[Fact]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            Fact(q, item, choice, int(band), group or "", int(n), int(firsts or 0), float(total))
            for q, item, choice, band, group, n, firsts, total in cursor.fetchall()
        ]


def published_responses(questionnaire_id: int) -> QuerySet[Response]:
    """The responses the latest snapshot publishes."""
    return Response.objects.filter(questionnaire_id=questionnaire_id, snapshot__gt=0)


def respondents(questionnaire_id: int) -> int:
    return published_responses(questionnaire_id).count()


def _at_snapshot(
    questionnaire_id: int, codes: Sequence[str], kind: str
) -> tuple[dict[str, int], list[str]]:
    """The counts the latest snapshot took of ``kind`` ("rows" or "keys"), and the codes it
    did not count."""
    taken = (tally_answered(questionnaire_id) or {}).get(kind, {}) if codes else {}
    return {c: int(taken[c]) for c in codes if c in taken}, [c for c in codes if c not in taken]


def answered_counts(questionnaire_id: int, codes: Sequence[str]) -> dict[str, int]:
    """How many responses have at least one answer row for each question."""
    found, codes = _at_snapshot(questionnaire_id, codes, "rows")
    if not codes:
        return {code: n for code, n in found.items() if n}
    answer = connection.ops.quote_name(Answer._meta.db_table)
    marks = ", ".join(["%s"] * len(codes))
    sql = (
        f"SELECT question, COUNT(DISTINCT response_id) FROM {answer} "  # noqa: S608
        f"WHERE questionnaire_id = %s AND snapshot > 0 AND question IN ({marks}) "
        "GROUP BY question"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [questionnaire_id, *codes])
        found.update({code: int(n) for code, n in cursor.fetchall()})
    return {code: n for code, n in found.items() if n}


def text_answered_counts(questionnaire_id: int, codes: Sequence[str]) -> dict[str, int]:
    """How many responses answered each free-text question (text is not in `Answer`)."""
    found, codes = _at_snapshot(questionnaire_id, codes, "keys")
    responses = published_responses(questionnaire_id)
    found.update({code: responses.filter(answers__has_key=code).count() for code in codes})
    return found


def median(questionnaire_id: int, question: str, count: int) -> float | None:
    """The median of a number question's ``count`` answers (two middle values averaged)."""
    if count <= 0:
        return None
    if tally_current(questionnaire_id):
        return tally_median(questionnaire_id, question, count)
    found = (
        Answer.objects.filter(
            questionnaire_id=questionnaire_id,
            snapshot__gt=0,
            question=question,
            item="",
            choice="",
            number__isnull=False,
        )
        .order_by("number")
        .values_list("number", flat=True)[(count - 1) // 2 : count // 2 + 1]
    )
    values = [value for value in found if value is not None]
    if not values:
        return None
    return sum(values) / len(values)
