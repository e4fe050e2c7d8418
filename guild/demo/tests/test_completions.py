"""The demo's course history and certificates: members with results over six years, the
certified among them issued their certificate by the service, one revoked with its reason,
and the demo member part of the way, told what they still need."""

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from guild.competencies.models import Assessment, CurrentAssessment
from guild.core.models import AuditEvent
from guild.demo.completions import DEMO_MEMBER_HISTORY, REVOCATION_REASON
from guild.learning.models import Certificate, CertificationProgramme, Completion
from guild.learning.rules.evaluation import evaluate, window_start
from guild.learning.selectors.certificates import member_facts, member_progress, programme_rules
from guild.members.models import Member

SIZE = 120
# At --members 120 --seed 2026: the members whose validated levels meet the rules, less
# one whose certificate is revoked. A change here means the demo certifies others.
ACTIVE = [
    "brian.hall@cirnac.demo.guild.test",
    "david.wong@aafc.demo.guild.test",
    "ethan.morrison@cra.demo.guild.test",
    "fatima.obrien@csc.demo.guild.test",
    "guillaume.martel@ised.demo.guild.test",
    "isabelle.fournier@pspc.demo.guild.test",
    "mei.despres@ssc.demo.guild.test",
    "noah.murray@cfia.demo.guild.test",
    "patrick.beaulieu@vac.demo.guild.test",
    "rachel.cardinal@fin.demo.guild.test",
    "robert.murray@pco.demo.guild.test",
    "scott.roy@psc.demo.guild.test",
    "simon.wright@ised.demo.guild.test",
    "siobhan.hall@lac.demo.guild.test",
    "valerie.st-pierre@statcan.demo.guild.test",
]
REVOKED = "eric.smith@pc.demo.guild.test"


def _seed() -> None:
    call_command("seed_demo", members=SIZE, stdout=StringIO())


def _state() -> tuple[int, ...]:
    return (
        Completion.objects.count(),
        Certificate.objects.count(),
        Assessment.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.django_db
def test_the_members_who_meet_the_rules_are_certified_and_one_is_revoked_once() -> None:
    _seed()
    programme = CertificationProgramme.objects.get(code="im-certificate")
    certificates = Certificate.objects.filter(programme=programme).select_related("member")
    held = sorted((c.member.work_email, c.status) for c in certificates)
    assert held == sorted([(email, "active") for email in ACTIVE] + [(REVOKED, "revoked")])
    rules = programme_rules(programme)
    today = timezone.localdate()
    for certificate in certificates:
        # Issued by the automatic check, the day of seeding, from what was met.
        assert certificate.issued_by is None and certificate.issue_reason == ""
        assert timezone.localdate(certificate.issued_at) == today
        assert certificate.snapshot["met"] is True
        assert len(certificate.snapshot["courses"]) == 7
        met = evaluate(rules, member_facts(certificate.member, programme), today).met
        assert met is (certificate.status == "active")
    revoked = certificates.get(status="revoked")
    assert revoked.revocation_reason == REVOCATION_REASON
    (revocation,) = AuditEvent.objects.filter(action="learning.certificate_revoke")
    assert revocation.actor is not None
    assert revocation.actor.email == "admin@demo.guild.test"
    # The wrong capstone result was corrected before the revocation.
    capstone = Completion.objects.get(member=revoked.member, course__code="i400")
    assert capstone.result == "not-completed"

    actions = Counter(AuditEvent.objects.values_list("action", flat=True))
    assert actions["learning.certificate_issue"] == len(ACTIVE) + 1
    assert actions["learning.completion_create"] == Completion.objects.count() == 439
    assert actions["learning.completion_update"] == 1

    before = _state()
    _seed()
    assert _state() == before


@pytest.mark.django_db
def test_the_history_spans_six_years_imported_from_a_file() -> None:
    _seed()
    today = timezone.localdate()
    completions = Completion.objects.filter(course__provider__community__code="im")
    assert set(completions.values_list("source", flat=True)) == {"import"}
    assert all(c.enrolment_id is None for c in completions)
    days = list(completions.values_list("completed_on", flat=True))
    assert max(days) < today
    assert today - timedelta(days=6 * 366) < min(days)
    # Some results are older than the five-year window: they no longer count.
    assert 40 <= sum(day < window_start(today, 5) for day in days) <= 120
    members = completions.values("member").distinct().count()
    # Every member but the role accounts at this size; 150 at the default size.
    assert members == 115
    assert Counter(completions.values_list("result", flat=True))["not-completed"] == 10


@pytest.mark.django_db
def test_the_demo_member_is_told_what_they_still_need() -> None:
    _seed()
    member = Member.objects.get(work_email="member@demo.guild.test")
    programme = CertificationProgramme.objects.get(code="im-certificate")
    assert not Certificate.objects.filter(member=member).exists()
    assert not member.enrolments.exists()
    today = timezone.localdate()
    done = {
        course: (today - timedelta(days=ago)).isoformat() for course, ago in DEMO_MEMBER_HISTORY
    }
    assert member_progress(member, programme, "en").sentences == [
        f"Required course Records management fundamentals: done on {done['i011']}.",
        f"Required course Access to information and privacy fundamentals: done on {done['t171']}.",
        "Required course Recordkeeping in GCdocs: not done yet.",
        "Records practice: 1 of 2 electives done.",
        "Records practice: choose 1 more from Retention and disposition authorities, "
        "Identifying and protecting vital records, Digital preservation basics.",
        "Access and privacy: 0 of 1 elective done.",
        "Access and privacy: choose 1 more from Processing access to information requests, "
        "Privacy impact assessments, Writing information sharing agreements, "
        "Open government guidebook.",
        "Capstone Leading information management in your organization: not done yet; it is "
        "taken after the other courses.",
        "ATIP request processing at level 2 needed, you have 1.",
        "Classification and file plans at level 2: met (you have 2).",
        "Recordkeeping in digital systems at level 2: met (you have 2).",
    ]
    # Their levels went through the assessment services: their own, then their supervisor's.
    levels = CurrentAssessment.objects.filter(member=member).select_related("competency")
    assert sorted(
        (c.competency.code, c.self_level, c.supervisor_level, c.validated_level) for c in levels
    ) == [("ACP-01", 1, 1, 1), ("RIL-01", 2, 2, 2), ("RIL-03", 3, 2, 2)]
    assert Counter(
        AuditEvent.objects.filter(action__startswith="assessment.").values_list(
            "action", "actor__email"
        )
    ) == {
        ("assessment.self", "member@demo.guild.test"): 3,
        ("assessment.supervisor", "supervisor@demo.guild.test"): 3,
    }

    client = Client()
    assert member.user is not None
    client.force_login(member.user)
    page = client.get("/en/learning/certification/").content.decode()
    assert "Required course Recordkeeping in GCdocs: not done yet." in page


@pytest.mark.django_db
def test_the_administrator_sees_the_certified_and_anyone_verifies() -> None:
    _seed()
    programme = CertificationProgramme.objects.get(code="im-certificate")
    admin = Member.objects.get(work_email="admin@demo.guild.test").user
    assert admin is not None
    client = Client()
    client.force_login(admin)
    page = client.get(f"/en/learning/certification/{programme.pk}/", {"status": "certified"})
    assert page.status_code == 200
    listed = page.content.decode()
    for email in ACTIVE:
        assert escape(Member.objects.get(work_email=email).full_name) in listed
    assert escape(Member.objects.get(work_email=REVOKED).full_name) not in listed
    assert listed.count('<th scope="row">') == len(ACTIVE)
    active = Certificate.objects.filter(status="active").order_by("pk").first()
    assert active is not None
    pdf = client.get(f"/en/learning/certificates/{active.pk}/certificate.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")

    anyone = Client()
    valid = anyone.get(f"/en/verify/{active.code}/").content.decode()
    assert "This certificate is valid." in valid
    revoked = Certificate.objects.get(status="revoked")
    text = anyone.get(f"/en/verify/{revoked.code}/").content.decode()
    assert "This certificate was revoked on" in text
    assert REVOCATION_REASON not in text
