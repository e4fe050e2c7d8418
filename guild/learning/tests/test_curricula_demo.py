"""The demo's IM Certificate curriculum: version 1 approved with the programme's courses,
version 2 open with members' statements in English and French and departments' own, the
demo member still to speak; seeding twice changes nothing."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from guild.demo.curricula import DEPARTMENTS, ENDORSERS, NEW_CORE_COURSE, STATEMENTS
from guild.learning.models import CertificationProgramme, Curriculum, Endorsement
from guild.learning.selectors.curricula import versions_to_endorse
from guild.members.models import Member


@pytest.mark.django_db
def test_the_demo_curriculum_has_an_approved_and_an_open_version() -> None:
    call_command("seed_demo", members=300, stdout=StringIO())
    curriculum = Curriculum.objects.get(code="im-certificate")
    programme = CertificationProgramme.objects.get(code="im-certificate")
    assert curriculum.programme_id == programme.pk
    versions = {v.number: v for v in curriculum.versions.all()}
    assert {n: v.status for n, v in versions.items()} == {1: "approved", 2: "open"}
    # Version 1 is the programme's rules; version 2 adds one core course.
    rules = programme.rules
    assert versions[1].structure == {k: rules[k] for k in ("required", "electives", "capstone")}
    assert versions[2].structure["required"] == [*rules["required"], NEW_CORE_COURSE]
    assert programme.rules_version == 1
    assert versions[2].notes_en and versions[2].notes_fr and versions[2].closes_on

    said = Endorsement.objects.filter(version=versions[2])
    own = said.filter(department__isnull=True)
    assert own.count() == ENDORSERS
    texts = set(own.exclude(text="").values_list("text", flat=True))
    english = {en for _stance, en, _fr in STATEMENTS if en}
    french = {fr for _stance, _en, fr in STATEMENTS if fr}
    assert texts & english and texts & french
    assert Counter(own.values_list("stance", flat=True))["comment"] > 0
    # Each member's statement is in their first official language, and marked so.
    assert all(e.language == e.member.first_official_language for e in own)
    # Only a coordinator of a department speaks for it: the demo's, for ESDC.
    spoken = said.exclude(department=None)
    assert list(spoken.values_list("department__code", "member__work_email")) == [
        ("esdc", "coordinator@demo.guild.test")
    ]
    assert spoken.get().text == DEPARTMENTS[0][1]
    member = Member.objects.get(work_email="member@demo.guild.test")
    assert not said.filter(member=member).exists()
    assert [v.pk for v in versions_to_endorse(member_id=member.pk)] == [versions[2].pk]

    call_command("seed_demo", members=300, stdout=StringIO())
    assert Curriculum.objects.count() == 1
    assert Endorsement.objects.count() == said.count()
