"""Competency aggregations, cold, against one raw SQL query:
`python -m benchmarks.competencies --info F [--repeat N]`.

For the community heat map (competencies x departments) and the learning-needs ranking,
times the real selectors (`heat_map_data`, `learning_needs`) from a fresh database
connection with the cache cleared, then the same aggregation written as one raw SQL
query (run and fetched, from a fresh connection too). The query is written two ways,
from the members' profiles (a LEFT JOIN to the current levels, which also counts who is
not assessed) and from the current levels (inner joins); the faster one is the
reference, so the ratio never flatters the selector with a slow query. Both count what the
selector counts: members who agreed to be counted and are active, by department, region and
role profile, since every heat map is protected together from those counts. Before timing,
checks that all give the same numbers: the raw rows, fed to the same pure linked protection
(`linked_heat_maps`) and ranking, give exactly the selector's heat map by every grouping
and its ranking. Prints JSON.
"""

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Members counted in statistics (the selectors' `COUNTED`).
COUNTED_SQL = "m.consent_statistics = TRUE AND m.is_active = TRUE"

# Every counted member on a profile, every target of that profile, and the member's current
# validated level on it when there is one: cells by department, region, role profile and
# competency (the atoms every heat map is protected from).
HEAT_MAP_SQL = f"""
SELECT COALESCE(d.code, ''), COALESCE(r.code, ''), p.id, c.code,
       COUNT(ca.validated_level),
       COALESCE(SUM(CASE WHEN ca.validated_level < t.target THEN 1 ELSE 0 END), 0),
       COALESCE(SUM(CASE WHEN ca.validated_level < t.target
                         THEN t.target - ca.validated_level ELSE 0 END), 0)
FROM competencies_memberroleprofile mrp
JOIN competencies_roleprofile p ON p.id = mrp.profile_id
JOIN members_member m ON m.id = mrp.member_id
LEFT JOIN organizations_department d ON d.id = m.department_id
LEFT JOIN organizations_region r ON r.id = m.region_id
JOIN competencies_roleprofiletarget t ON t.profile_id = mrp.profile_id
JOIN competencies_competency c ON c.id = t.competency_id
LEFT JOIN competencies_currentassessment ca
       ON ca.member_id = mrp.member_id AND ca.competency_id = t.competency_id
WHERE p.community_id = %s AND {COUNTED_SQL}
GROUP BY d.code, r.code, p.id, c.code
"""  # noqa: S608 - fixed SQL; values are parameters

# The same, per competency only: the community-wide learning needs.
LEARNING_NEEDS_SQL = f"""
SELECT c.code,
       COALESCE(SUM(CASE WHEN ca.validated_level < t.target
                         THEN t.target - ca.validated_level ELSE 0 END), 0),
       COALESCE(SUM(CASE WHEN ca.validated_level < t.target THEN 1 ELSE 0 END), 0),
       COUNT(ca.validated_level),
       COUNT(*) - COUNT(ca.validated_level)
FROM competencies_memberroleprofile mrp
JOIN competencies_roleprofile p ON p.id = mrp.profile_id
JOIN members_member m ON m.id = mrp.member_id
JOIN competencies_roleprofiletarget t ON t.profile_id = mrp.profile_id
JOIN competencies_competency c ON c.id = t.competency_id
LEFT JOIN competencies_currentassessment ca
       ON ca.member_id = mrp.member_id AND ca.competency_id = t.competency_id
WHERE p.community_id = %s AND {COUNTED_SQL}
GROUP BY c.code
"""  # noqa: S608 - fixed SQL; values are parameters


# The same two aggregations driven from the current levels: assessed pairs only.
HEAT_MAP_ASSESSED_SQL = f"""
SELECT COALESCE(d.code, ''), COALESCE(r.code, ''), p.id, c.code, COUNT(*),
       SUM(CASE WHEN ca.validated_level < t.target THEN 1 ELSE 0 END),
       SUM(CASE WHEN ca.validated_level < t.target
                THEN t.target - ca.validated_level ELSE 0 END)
FROM competencies_currentassessment ca
JOIN competencies_memberroleprofile mrp ON mrp.member_id = ca.member_id
JOIN competencies_roleprofile p ON p.id = mrp.profile_id
JOIN competencies_roleprofiletarget t
     ON t.profile_id = mrp.profile_id AND t.competency_id = ca.competency_id
JOIN members_member m ON m.id = ca.member_id
LEFT JOIN organizations_department d ON d.id = m.department_id
LEFT JOIN organizations_region r ON r.id = m.region_id
JOIN competencies_competency c ON c.id = ca.competency_id
WHERE p.community_id = %s AND ca.validated_level IS NOT NULL AND {COUNTED_SQL}
GROUP BY d.code, r.code, p.id, c.code
"""  # noqa: S608 - fixed SQL; values are parameters

LEARNING_NEEDS_ASSESSED_SQL = f"""
SELECT c.code,
       SUM(CASE WHEN ca.validated_level < t.target
                THEN t.target - ca.validated_level ELSE 0 END),
       SUM(CASE WHEN ca.validated_level < t.target THEN 1 ELSE 0 END),
       COUNT(*)
FROM competencies_currentassessment ca
JOIN competencies_memberroleprofile mrp ON mrp.member_id = ca.member_id
JOIN competencies_roleprofile p ON p.id = mrp.profile_id
JOIN competencies_roleprofiletarget t
     ON t.profile_id = mrp.profile_id AND t.competency_id = ca.competency_id
JOIN members_member m ON m.id = ca.member_id
JOIN competencies_competency c ON c.id = ca.competency_id
WHERE p.community_id = %s AND ca.validated_level IS NOT NULL AND {COUNTED_SQL}
GROUP BY c.code
"""  # noqa: S608 - fixed SQL; values are parameters


def _raw(sql: str, community_id: int) -> list[tuple[Any, ...]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, [community_id])
        return [
            tuple(
                int(v) if isinstance(v, int | float) and not isinstance(v, bool) else v for v in row
            )
            for row in cursor.fetchall()
        ]


def _figures(
    selector: Callable[[], Any], queries: dict[str, Callable[[], Any]], repeat: int
) -> dict[str, Any]:
    from benchmarks.questionnaires import timed_runs

    ours = timed_runs(selector, repeat, fresh=True)
    raw = {name: timed_runs(query, repeat, fresh=True) for name, query in queries.items()}
    fastest = min(raw, key=lambda name: raw[name]["ms"])
    return {
        "selector_ms": ours["ms"],
        "selector_sql_ms": ours["sql_ms"],
        "selector_queries": ours["queries"],
        "selector_runs_ms": ours["runs_ms"],
        "sql_ms": raw[fastest]["ms"],
        "sql_runs_ms": raw[fastest]["runs_ms"],
        "sql_query": fastest,
        "sql_variants_ms": {name: figures["ms"] for name, figures in raw.items()},
        "ratio": round(ours["ms"] / raw[fastest]["ms"], 2),
    }


def check_same_numbers(community: Any) -> None:
    """Raise `SystemExit` unless the raw queries, fed to the same pure linked protection
    and ranking, give exactly the selectors' heat maps (every grouping, community-wide)
    and learning needs for `community`."""
    from guild.competencies.gaps import Atom, linked_heat_maps
    from guild.competencies.learning_needs import rank_from_tallies
    from guild.competencies.selectors import (
        GroupBy,
        competency_settings,
        heat_map_data,
        learning_needs,
        learning_priorities,
        role_profile_parents,
    )

    groupings: tuple[GroupBy, ...] = (
        "department",
        "region",
        "work_stream",
        "role_profile",
        "level",
    )
    threshold = competency_settings(community).disclosure_threshold
    raw_cells = _raw(HEAT_MAP_SQL, community.pk)
    atoms = [
        Atom(code, department, region, str(profile), n, below, total_gap)
        for department, region, profile, code, n, below, total_gap in raw_cells
    ]
    from_sql = linked_heat_maps(atoms, threshold, role_profile_parents(community))
    for grouping in groupings:
        selected = heat_map_data(community=community, group_by=grouping)
        if from_sql.heat_map(grouping) != selected.heat_map:
            raise SystemExit(f"heat map by {grouping}: the selector and the raw SQL disagree")

    needs = learning_needs(community=community)
    raw_needs = _raw(LEARNING_NEEDS_SQL, community.pk)
    ranked = rank_from_tallies(
        [(code, gap, below, assessed, 0) for code, gap, below, assessed, _ in raw_needs],
        learning_priorities(community),
    )
    if needs.hidden:
        raise SystemExit(
            f"learning needs: {needs.hidden} hidden community-wide, nothing to compare"
        )
    if ranked != needs.needs:
        raise SystemExit("learning needs: the selector and the raw SQL disagree")
    if {code: missing for code, *_, missing in raw_needs} != needs.not_assessed:
        raise SystemExit("learning needs: members not assessed disagree")
    assessed_cells = {row[:4]: row[4:] for row in _raw(HEAT_MAP_ASSESSED_SQL, community.pk)}
    if assessed_cells != {row[:4]: row[4:] for row in raw_cells if row[4]}:
        raise SystemExit("heat map: the two raw queries disagree")
    assessed_needs = {row[0]: row[1:] for row in _raw(LEARNING_NEEDS_ASSESSED_SQL, community.pk)}
    if assessed_needs != {row[0]: row[1:4] for row in raw_needs if row[3]}:
        raise SystemExit("learning needs: the two raw queries disagree")


def run(repeat: int) -> dict[str, Any]:
    from guild.competencies.models import CurrentAssessment
    from guild.competencies.selectors import heat_map_data, learning_needs
    from guild.organizations.models import Community

    community = Community.objects.get(code="im")

    check_same_numbers(community)  # same numbers first
    selected = heat_map_data(community=community, group_by="department")
    hidden = sum(1 for cell in selected.heat_map.cells.values() if cell.suppressed)
    needs = learning_needs(community=community)

    heat = _figures(
        lambda: heat_map_data(community=community, group_by="department"),
        {
            "from profiles": lambda: _raw(HEAT_MAP_SQL, community.pk),
            "from current levels": lambda: _raw(HEAT_MAP_ASSESSED_SQL, community.pk),
        },
        repeat,
    )
    heat.update(
        groups=len(selected.heat_map.groups),
        competencies=len(selected.heat_map.competencies),
        cells=len(selected.heat_map.cells),
        hidden=hidden,
    )
    learning = _figures(
        lambda: learning_needs(community=community),
        {
            "from profiles": lambda: _raw(LEARNING_NEEDS_SQL, community.pk),
            "from current levels": lambda: _raw(LEARNING_NEEDS_ASSESSED_SQL, community.pk),
        },
        repeat,
    )
    learning.update(ranked=len(needs.needs), top=needs.needs[0].code if needs.needs else "")
    return {
        "current_levels": CurrentAssessment.objects.count(),
        "heat_map": heat,
        "learning_needs": learning,
        "repeat": repeat,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--info", type=Path, required=True, help="the generators' JSON")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        sys.exit("Set DJANGO_SETTINGS_MODULE (and DATABASE_URL) first.")

    import django

    django.setup()
    print(json.dumps(run(args.repeat), indent=2))


if __name__ == "__main__":
    main()
