"""The certification benchmark compares like with like: on a small population generated as
`benchmarks.generate_learning` generates it (the demo catalogue and IM Certificate, the
seeded completions), its raw SQL query and the application's evaluation find the same members
meeting the rules, on several days (so that completions enter and leave the window)."""

import datetime
import random
from typing import Any

import pytest
from django.utils import timezone

from benchmarks.certification import check_same_members
from benchmarks.generate_competencies import bench_admin
from benchmarks.generate_learning import import_programme, write_certificates, write_completions
from guild.competencies.models import CurrentAssessment, FrameworkVersion
from guild.competencies.services import framework_load_published
from guild.demo.content import im_framework
from guild.learning.models import Certificate, CertificateStatus, Completion, Course
from guild.learning.rules.evaluation import window_start
from guild.learning.selectors.certificates import programme_evaluations
from guild.members.models import Member
from guild.organizations.models import Community

pytestmark = pytest.mark.django_db

LEVELS = ("RIL-01", "RIL-03", "ACP-01")  # the demo rules' minimum levels, and one other
OTHER = "RIL-02"


@pytest.fixture
def version(im: Community) -> FrameworkVersion:
    return framework_load_published(community=im, content=im_framework(), code="im-competencies")


def test_the_raw_query_and_the_application_agree_on_who_meets_the_demo_rules(
    version: FrameworkVersion, make_member: Any
) -> None:
    rng = random.Random(12)
    members = [make_member(account=False) for _ in range(150)]
    make_member(account=False, is_active=False)
    competencies = {c.code: c for c in version.competencies.filter(code__in=[*LEVELS, OTHER])}
    CurrentAssessment.objects.bulk_create(
        CurrentAssessment(
            member=member,
            competency=competencies[code],
            self_level=level,
            validated_level=level,
            updated_at=timezone.now(),
        )
        for member in members
        for code in (*LEVELS, OTHER)
        # Most have every level the rules ask for, so that the courses decide.
        if (level := rng.choice((0, 1, 2, 2, 3, 3, 4, 4, 4, 4)))
    )
    programme = import_programme(bench_admin())
    written = write_completions(programme, seed=7)
    assert written["completions"] == Completion.objects.count() > 300
    today = timezone.localdate()
    edges = _edge_cases(make_member, competencies, today)
    members += list(edges)

    found = dict(programme_evaluations(programme, on=today))
    assert {edge: found[member.pk].met for member, edge in edges.items()} == {
        edge: edge.startswith("met") for edge in edges.values()
    }
    seen_met = []
    for day in (today, today - datetime.timedelta(days=700), today + datetime.timedelta(days=900)):
        counts = check_same_members(programme, day)  # SystemExit when they differ
        assert counts["members"] == len(members)
        seen_met.append(counts["met"])
    assert seen_met[0] > 5 and len(set(seen_met)) > 1

    certificates = write_certificates(programme, seed=7)
    assert certificates["certificates"] == Certificate.objects.count() > 0
    assert certificates["members_meeting_rules"] == seen_met[0]
    assert set(certificates["verify_codes"]) == set(
        Certificate.objects.values_list("code", flat=True)
    )
    assert Certificate.objects.filter(status=CertificateStatus.ACTIVE).exists()


REQUIRED = ("i011", "t171", "i303")
PROGRAMME = {**dict.fromkeys(REQUIRED, 100), "i301": 100, "i302": 90, "t172": 80, "i400": 50}


def _edge_cases(make_member: Any, competencies: dict[str, Any], today: Any) -> dict[Member, str]:
    """Members at the edges of the demo rules, each with every level at 3 but where said;
    named "met…" when they meet the rules today. Days are days ago."""
    start = (today - window_start(today, 5)).days  # the oldest day that still counts
    cases: dict[str, dict[str, Any]] = {
        "met": PROGRAMME,
        "met, capstone the day the rest was met": {**PROGRAMME, "i400": 80},
        "capstone the day before the rest was met": {**PROGRAMME, "i400": 81},
        "met, capstone again after": {**PROGRAMME, "i400": [200, 10]},
        "one records elective short": {**PROGRAMME, "i302": None},
        # Met when the second-earliest records elective counts, not the latest.
        "met, the 2nd records elective": {
            **PROGRAMME,
            **dict.fromkeys(REQUIRED, 300),
            "t172": 300,
            "i301": 300,
            "i302": 30,
            "vital-records": 200,
            "i400": 100,
        },
        "a required course only before the window": {**PROGRAMME, "i011": start + 1},
        "met, a required course on the window's first day": {**PROGRAMME, "i011": start},
        "met, a required course before the window and again": {
            **PROGRAMME,
            "i011": [start + 400, 120],
        },
        "a required course not completed": {**PROGRAMME, "t171": "not-completed"},
        "a level short": {**PROGRAMME, "RIL-03": 1},
    }
    courses = {c.code: c for c in Course.objects.all()}
    made: dict[Member, str] = {}
    for name, plan in cases.items():
        member = make_member(account=False)
        for code, level in competencies.items():
            wanted = plan.get(code, 3)
            CurrentAssessment.objects.create(
                member=member,
                competency=level,
                self_level=wanted,
                validated_level=wanted,
                updated_at=timezone.now(),
            )
        for code, days in plan.items():
            if code not in courses or days is None:
                continue
            result = "completed"
            if days == "not-completed":
                result, days = "not-completed", 20
            for ago in days if isinstance(days, list) else [days]:
                Completion.objects.create(
                    member=member,
                    course=courses[code],
                    completed_on=today - datetime.timedelta(days=ago),
                    result=result,
                    source="import",
                )
        made[member] = name
    return made
