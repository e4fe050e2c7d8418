"""Certification progress of every member, cold, against one raw SQL query:
`python -m benchmarks.certification --info F [--repeat N]`.

Times the application's evaluation of every active member of the IM community against the
IM Certificate's rules, as the daily check does it (`programme_evaluations`: the facts of
500 members at a time read by `members_facts`, each evaluated by the pure rules engine),
read-only, from a fresh database connection with the cache cleared, median of 3. Against
it, one raw SQL query deciding for every member whether the rules are met over the same
rows (each required course completed within the window, the `choose` courses of each
elective group, the capstone on or after the day the other course requirements were met,
and the minimum validated levels), run and fetched from a fresh connection, median of 3.
Before timing, checks that both find the same members meeting the rules, and the same
number of members. When the application misses a target, profiles one cold run
(cProfile) and reports where the time goes. Prints JSON.
"""

import argparse
import cProfile
import datetime as dt
import json
import os
import pstats
import sys
from pathlib import Path
from typing import Any

TOTAL_LIMIT_S = 10.0
RATIO_LIMIT = 2.0

# Members counted: the active members of the programme's community (`programme_evaluations`).
MEMBERS_SQL = """
FROM members_member_communities mc
JOIN members_member m ON m.id = mc.member_id
WHERE mc.community_id = %s AND m.is_active = TRUE
"""

COMPLETED_SQL = """
FROM learning_completion c
JOIN learning_course co ON co.id = c.course_id
JOIN learning_provider p ON p.id = co.provider_id
WHERE c.result = 'completed' AND p.community_id = %s
  AND c.completed_on >= %s AND c.completed_on <= %s
"""


def _in(values: tuple[Any, ...]) -> str:
    return "(" + ", ".join("%s" for _ in values) + ")"


def raw_query(rules: Any, community_id: int, version_id: int | None, on: dt.date) -> Any:
    """The SQL and parameters deciding, for every counted member, (member id, 1 when the
    rules are met on `on` else 0); written once for SQLite and PostgreSQL."""
    from guild.learning.rules.evaluation import window_start

    start = window_start(on, rules.window_years) if rules.window_years else dt.date.min
    ctes: list[str] = []
    params: list[Any] = []
    conditions: list[str] = []
    course_parts = len(rules.required) + len(rules.electives)
    elective_courses = tuple(c for g in rules.electives for c in g.courses)
    if course_parts:
        grp = "CASE " + " ".join(
            f"WHEN d.code IN {_in(g.courses)} THEN {i}" for i, g in enumerate(rules.electives)
        )
        grp = f"{grp} ELSE -1 END" if rules.electives else "-1"
        choose = "CASE grp " + " ".join(
            f"WHEN {i} THEN {g.choose}" for i, g in enumerate(rules.electives)
        )
        choose = f"{choose} ELSE 0 END" if rules.electives else "0"
        ctes.append(
            # The earliest completion in the window of each course of the rules but the
            # capstone, placed in its elective group (-1: a required course).
            f"""done AS (
  SELECT d.member_id, d.day, {grp} AS grp FROM (
    SELECT c.member_id, co.code, MIN(c.completed_on) AS day {COMPLETED_SQL}
      AND co.code IN {_in(rules.required + elective_courses)}
    GROUP BY c.member_id, co.code) d
),
ranked AS (
  SELECT member_id, day, {choose} AS choose,
         ROW_NUMBER() OVER (PARTITION BY member_id, grp ORDER BY day) AS n
  FROM done WHERE grp >= 0
),
courses_met AS (
  SELECT member_id, MAX(day) AS day FROM (
    SELECT member_id, day FROM done WHERE grp = -1
    UNION ALL
    SELECT member_id, day FROM ranked WHERE n = choose
  ) parts GROUP BY member_id HAVING COUNT(*) = {course_parts}
)"""  # noqa: S608 - built from the rules' shape; every value is a parameter
        )
        params += [*[c for g in rules.electives for c in g.courses], community_id, start, on]
        params += [*rules.required, *elective_courses]
        conditions.append("cm.member_id IS NOT NULL")
    if rules.levels:
        if version_id is None:
            conditions.append("1 = 0")
        else:
            each = " OR ".join("(k.code = %s AND ca.validated_level >= %s)" for _ in rules.levels)
            ctes.append(
                f"""levels_met AS (
  SELECT ca.member_id FROM competencies_currentassessment ca
  JOIN competencies_competency k ON k.id = ca.competency_id
  WHERE k.version_id = %s AND ({each})
  GROUP BY ca.member_id HAVING COUNT(*) = {len(rules.levels)}
)"""  # noqa: S608 - built from the rules' shape; every value is a parameter
            )
            params += [version_id, *[value for pair in rules.levels for value in pair]]
            conditions.append("lm.member_id IS NOT NULL")
    capstone_params: list[Any] = []
    if rules.capstone is not None:
        after = "AND c.completed_on >= cm.day" if course_parts else ""
        conditions.append(
            f"EXISTS (SELECT 1 {COMPLETED_SQL} AND c.member_id = mc.member_id "
            f"AND co.code = %s {after})"
        )
        capstone_params = [community_id, start, on, rules.capstone]
    joins = ""
    if course_parts:
        joins += "LEFT JOIN courses_met cm ON cm.member_id = mc.member_id\n"
    if rules.levels and version_id is not None:
        joins += "LEFT JOIN levels_met lm ON lm.member_id = mc.member_id\n"
    members = MEMBERS_SQL.replace("WHERE", joins + "WHERE", 1)
    sql = (
        ("WITH " + ",\n".join(ctes) + "\n" if ctes else "")
        + "SELECT mc.member_id, CASE WHEN "
        + " AND ".join(conditions or ["1 = 1"])
        + " THEN 1 ELSE 0 END\n"
        + members
    )
    return sql, [*params, *capstone_params, community_id]


def raw_met(rules: Any, community_id: int, version_id: int | None, on: dt.date) -> dict[int, bool]:
    from django.db import connection

    sql, params = raw_query(rules, community_id, version_id, on)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {int(member_id): bool(met) for member_id, met in cursor.fetchall()}


def application_met(programme: Any, on: dt.date) -> dict[int, bool]:
    from guild.learning.selectors.certificates import programme_evaluations

    return {pk: evaluation.met for pk, evaluation in programme_evaluations(programme, on=on)}


def check_same_members(programme: Any, on: dt.date) -> dict[str, int]:
    """Raise `SystemExit` unless the application and the raw query find the same members,
    and the same ones among them meeting the rules."""
    from guild.competencies.selectors.frameworks import community_current_version
    from guild.learning.selectors.certificates import programme_rules

    version = community_current_version(programme.community)
    ours = application_met(programme, on)
    raw = raw_met(
        programme_rules(programme), programme.community_id, version.pk if version else None, on
    )
    if set(ours) != set(raw):
        raise SystemExit(f"members: the application counts {len(ours)}, the raw query {len(raw)}")
    differ = sorted(pk for pk in ours if ours[pk] != raw[pk])
    if differ:
        raise SystemExit(
            f"{len(differ)} members differ (application met: "
            f"{sum(ours.values())}, raw query met: {sum(raw.values())}), e.g. "
            + ", ".join(f"{pk} (application {ours[pk]})" for pk in differ[:5])
        )
    return {"members": len(ours), "met": sum(ours.values())}


def profile(call: Any, top: int = 14) -> list[dict[str, Any]]:
    """The functions where one cold run spends its own time, most first."""
    from benchmarks.questionnaires import _fresh

    _fresh()
    profiler = cProfile.Profile()
    profiler.runcall(call)
    stats = pstats.Stats(profiler)
    rows = []
    for (filename, line, name), (_cc, calls, own, cumulative, _callers) in getattr(
        stats, "stats", {}
    ).items():
        short = filename.split("/site-packages/")[-1].split("/main/")[-1]
        rows.append(
            {
                "function": f"{short}:{line}({name})",
                "calls": calls,
                "own_ms": round(own * 1000, 1),
                "cumulative_ms": round(cumulative * 1000, 1),
            }
        )
    rows.sort(key=lambda row: row["own_ms"], reverse=True)
    return rows[:top]


def verify_in_process(info: dict[str, Any], requests: int = 200) -> dict[str, Any]:
    """The verification page without HTTP (Django's test client, same settings and
    database), over the generated codes in turn: its own time, apart from any queueing."""
    import time

    from django.db import connection
    from django.test import Client

    from benchmarks.questionnaires import SqlTimer
    from benchmarks.targets import verify_paths

    client = Client(HTTP_HOST="127.0.0.1")
    for path in verify_paths(info, 20):
        client.get(path)
    runs = []
    for path in verify_paths(info, requests, 20):
        timer = SqlTimer()
        with connection.execute_wrapper(timer):
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
        runs.append((elapsed, timer.ms, timer.queries))
    runs.sort()
    median = runs[len(runs) // 2]
    return {
        "requests": requests,
        "p50_ms": round(median[0], 2),
        "p95_ms": round(runs[max(0, -(-len(runs) * 95 // 100) - 1)][0], 2),
        "sql_ms": round(median[1], 2),
        "queries": median[2],
    }


def run(repeat: int, on: dt.date | None = None) -> dict[str, Any]:
    from django.utils import timezone

    from benchmarks.questionnaires import timed_runs
    from guild.competencies.selectors.frameworks import community_current_version
    from guild.learning.models import CertificationProgramme
    from guild.learning.selectors.certificates import programme_rules

    day = on or timezone.localdate()
    programme = CertificationProgramme.objects.select_related("community").get(
        community__code="im", code="im-certificate"
    )
    counts = check_same_members(programme, day)  # same members first

    def ours() -> None:
        found = CertificationProgramme.objects.get(pk=programme.pk)
        application_met(found, day)

    def raw() -> None:
        # What the query needs besides the rows is read first, as the selector reads it.
        found = CertificationProgramme.objects.select_related("community").get(pk=programme.pk)
        version = community_current_version(found.community)
        version_id = version.pk if version else None
        raw_met(programme_rules(found), found.community_id, version_id, day)

    application = timed_runs(ours, repeat, fresh=True)
    query = timed_runs(raw, repeat, fresh=True)
    ratio = round(application["ms"] / query["ms"], 2)
    result = {
        **counts,
        "on": day.isoformat(),
        "application_ms": application["ms"],
        "application_sql_ms": application["sql_ms"],
        "application_queries": application["queries"],
        "application_runs_ms": application["runs_ms"],
        "per_member_us": round(application["ms"] * 1000 / max(1, counts["members"]), 1),
        "sql_ms": query["ms"],
        "sql_runs_ms": query["runs_ms"],
        "ratio": ratio,
        "total_limit_s": TOTAL_LIMIT_S,
        "ratio_limit": RATIO_LIMIT,
        "repeat": repeat,
    }
    if application["ms"] > TOTAL_LIMIT_S * 1000 or ratio > RATIO_LIMIT:
        result["profile"] = profile(ours)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--info", type=Path, required=True, help="the generators' JSON")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="profile one cold run anyway")
    args = parser.parse_args(argv)
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        sys.exit("Set DJANGO_SETTINGS_MODULE (and DATABASE_URL) first.")

    import django

    django.setup()
    result = run(args.repeat)
    info = json.loads(args.info.read_text())
    if (info.get("learning") or {}).get("verify_codes"):
        result["verify_in_process"] = verify_in_process(info)
    if args.profile and "profile" not in result:
        from guild.learning.models import CertificationProgramme

        programme = CertificationProgramme.objects.get(code="im-certificate")
        day = dt.date.fromisoformat(result["on"])
        result["profile"] = profile(lambda: application_met(programme, day))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
