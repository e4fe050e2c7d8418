"""The success measures of a 200-participant intake with 24 sessions:
`python -m benchmarks.success_measures` (in `make bench`).

Generates the intake (`benchmarks.programmes`) in the database the environment names, then
times `guild.programmes.selectors.reports.success_measures(intake)` (what the success
measures page and its PDF read: attendance, published answers, invitations, themes) and,
in the same process, the reference: one raw SQL statement computing the same four
figures (attended and expected at formal events, the launch with them, and at group
meetings; agree and answers to `understanding` and `benefit`). Both must give the same
figures before anything is timed. Warm connection, `--repeat` runs each after two
untimed; prints JSON. The target is p95 < 100 ms.
"""

import argparse
import json
import math
import os
import statistics
import sys
import time
from typing import Any

import django

TARGET_P95_MS = 100.0

# The session's day as stored: sessions sit in the working day, whose UTC date is the
# local one.
DAY = {"sqlite": "date(s.starts_at)", "postgresql": "CAST(s.starts_at AT TIME ZONE 'UTC' AS date)"}

RAW = """
WITH taken AS (
  SELECT s.id, CASE WHEN s.kind = 'group' THEN 'group' ELSE 'event' END AS kind,
         s.group_id, {day} AS day
  FROM programmes_session s
  WHERE s.intake_id = %s
    AND EXISTS (SELECT 1 FROM programmes_attendance a WHERE a.session_id = s.id)
), expected AS (
  SELECT t.kind, t.id AS session_id, p.id AS participant_id
  FROM taken t JOIN programmes_participant p ON p.intake_id = %s
   AND t.day >= p.joined_on AND (p.left_on IS NULL OR t.day <= p.left_on)
   AND (t.kind <> 'group' OR t.group_id = p.group_id)
)
SELECT e.kind,
       SUM(CASE WHEN a.status IN ('present', 'late') THEN 1 ELSE 0 END),
       SUM(CASE WHEN a.status = 'excused' THEN 0 ELSE 1 END),
       NULL, NULL
FROM expected e LEFT JOIN programmes_attendance a
  ON a.session_id = e.session_id AND a.participant_id = e.participant_id
GROUP BY e.kind
UNION ALL
SELECT q.question, SUM(CASE WHEN q.choice IN ('strongly_agree', 'agree') THEN 1 ELSE 0 END),
       COUNT(*), q.questionnaire_id, r.taken_at
FROM questionnaires_answer q
JOIN questionnaires_resultssnapshot r
  ON r.questionnaire_id = q.questionnaire_id AND r.number = q.snapshot
WHERE q.questionnaire_id IN (
    SELECT evaluation_id FROM programmes_session
    WHERE intake_id = %s AND evaluation_id IS NOT NULL)
  AND q.question IN ('understanding', 'benefit') AND q.snapshot > 0 AND NOT q.retired
GROUP BY q.question, q.questionnaire_id, q.snapshot, r.taken_at
"""
ORDER = ("event", "understanding", "group", "benefit")


def raw_figures(intake_id: int) -> list[tuple[int, int]]:
    """(attended, expected) and (agree, answers), in the report's order, by one statement:
    attendance summed by the database, the answers by publication, then taken a batch of
    at least the threshold at a time in the order published, by the report's own pure
    rule (measures.in_batches)."""
    from django.db import connection

    from guild.programmes.measures import Publication, in_batches

    sql = RAW.format(day=DAY[connection.vendor])
    with connection.cursor() as cursor:
        cursor.execute(sql, [intake_id] * 3)
        rows = cursor.fetchall()
    found = {kind: (int(a), int(b)) for kind, a, b, _q, _t in rows if kind in ("event", "group")}
    published = sorted(
        (row for row in rows if row[0] not in ("event", "group")),
        key=lambda row: (str(row[4]), row[3]),
    )
    for question in ("understanding", "benefit"):
        answers = in_batches(
            Publication(int(a), int(n)) for kind, a, n, _q, _t in published if kind == question
        )
        found[question] = (answers.agree, answers.respondents)
    return [found.get(key, (0, 0)) for key in ORDER]


def selector_figures(intake_id: int) -> list[tuple[int, int]]:
    from guild.programmes.models import Intake
    from guild.programmes.selectors.reports import success_measures

    report = success_measures(Intake.objects.get(pk=intake_id))
    return [(measure.part, measure.whole) for measure in report.measures]


def intake_counts(intake_id: int) -> dict[str, int]:
    from guild.programmes.models import Attendance, LearningGroup, Session
    from guild.questionnaires.models import Response

    sessions = Session.objects.filter(intake_id=intake_id)
    return {
        "groups": LearningGroup.objects.filter(intake_id=intake_id).count(),
        "session_rows": sessions.count(),
        "attendance_rows": Attendance.objects.filter(session__intake_id=intake_id).count(),
        "evaluations": sessions.exclude(evaluation=None).count(),
        "published_responses": Response.objects.filter(
            questionnaire__in=sessions.values("evaluation"), snapshot__gt=0
        ).count(),
    }


def _timed(function: Any, argument: int, repeat: int) -> list[float]:
    for _ in range(2):
        function(argument)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function(argument)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _p95(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[max(1, math.ceil(0.95 * len(ordered))) - 1]


def measure(participants: int, sessions: int, repeat: int, seed: int) -> dict[str, Any]:
    started = time.perf_counter()
    from benchmarks.programmes import generate

    intake_id = generate(participants, sessions, seed)
    generated_s = time.perf_counter() - started
    selector, raw = selector_figures(intake_id), raw_figures(intake_id)
    if selector != raw:
        raise RuntimeError(f"The selector {selector} and the raw query {raw} disagree.")
    application = _timed(selector_figures, intake_id, repeat)
    reference = _timed(raw_figures, intake_id, repeat)
    p95 = _p95(application)
    return {
        "participants": participants,
        "sessions": sessions,
        **intake_counts(intake_id),
        "generate_s": round(generated_s, 1),
        "figures": dict(zip(ORDER, selector, strict=True)),
        "repeat": repeat,
        "selector_p50_ms": round(statistics.median(application), 2),
        "selector_p95_ms": round(p95, 2),
        "sql_p50_ms": round(statistics.median(reference), 2),
        "sql_p95_ms": round(_p95(reference), 2),
        "ratio": round(p95 / _p95(reference), 2),
        "target_p95_ms": TARGET_P95_MS,
        "within_target": p95 < TARGET_P95_MS,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2004)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
    result = measure(args.participants, args.sessions, args.repeat, args.seed)
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
