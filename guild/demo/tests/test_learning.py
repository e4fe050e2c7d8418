"""The demo's learning: the catalogue with the IM Leadership Course, a few offerings, and
the pilot offering filled by the leadership programme's participants, with a waitlist."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from guild.demo.learning import PILOT_COURSE, PILOT_PLACES, leadership_participants
from guild.learning.models import CertificationProgramme, Enrolment, Offering
from guild.members.models import Member
from guild.organizations.models import Community


@pytest.mark.django_db
def test_the_pilot_offering_of_the_im_leadership_course_has_the_programmes_participants():
    call_command("seed_demo", members=120, stdout=StringIO())
    im = Community.objects.get(code="im")
    offerings = Offering.objects.filter(course__provider__community=im)
    assert sorted(o.course.code for o in offerings) == [
        "i301",
        "i301",
        "i400",
        PILOT_COURSE,
        "t171",
    ]
    pilot = offerings.get(course__code=PILOT_COURSE)
    assert pilot.course.title_en == "IM Leadership Course"
    assert pilot.course.title_fr == "Cours de leadership en GI"
    participants = leadership_participants(im)
    assert participants and all(
        m.work_streams.filter(code="im-leadership").exists() for m in participants
    )
    enrolled = Enrolment.objects.filter(offering=pilot).order_by("pk")
    assert [e.member_id for e in enrolled] == [m.pk for m in participants]
    statuses = Counter(enrolled.values_list("status", flat=True))
    assert statuses["enrolled"] == min(len(participants), PILOT_PLACES)
    assert statuses["waitlisted"] == max(len(participants) - PILOT_PLACES, 0)

    call_command("seed_demo", members=120, stdout=StringIO())
    assert Offering.objects.count() == 5
    assert Enrolment.objects.count() == len(participants)


@pytest.mark.django_db
def test_the_demo_has_the_im_certificate_and_a_member_sees_what_it_needs() -> None:
    call_command("seed_demo", members=120, stdout=StringIO())
    im = Community.objects.get(code="im")
    programme = CertificationProgramme.objects.get(community=im)
    assert (programme.code, programme.name_en, programme.name_fr) == (
        "im-certificate",
        "Information Management Certificate",
        "Certificat en gestion de l'information",
    )
    assert programme.rules["required"] == ["i011", "t171", "i303"]
    member = Member.objects.get(work_email="member@demo.guild.test")
    client = Client()
    assert member.user is not None
    client.force_login(member.user)
    page = client.get("/en/learning/certification/")
    assert page.status_code == 200
    assert "Information Management Certificate" in page.content.decode()
    call_command("seed_demo", members=120, stdout=StringIO())
    assert CertificationProgramme.objects.filter(community=im).count() == 1
