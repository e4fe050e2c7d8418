"""The demo's course catalogue: providers and courses from the course scan, mapped to the
IM framework, read from `data/learning-catalogue.csv` through the catalogue's own import
service, as an administrator's upload would be; then a few offerings of its courses,
among them the pilot offering of the IM Leadership Course with the leadership
programme's participants (the members of the IM leadership work stream) enrolled."""

import datetime
import json
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from guild.demo.completions import seed_completions
from guild.demo.content import DATA
from guild.demo.curricula import seed_curriculum
from guild.learning.models import CertificationProgramme, Course, Offering
from guild.learning.services import course_import, enrolment_add, offering_save
from guild.learning.services.certificates import programme_save
from guild.members.models import Member
from guild.organizations.models import Community

CATALOGUE_FILE = DATA / "learning-catalogue.csv"
PILOT_COURSE = "iml100"
LEADERSHIP_STREAM = "im-leadership"
PILOT_PLACES = 12
# Leaves the pilot one place short, so that the demo shows a waitlist.
PILOT_PARTICIPANTS = PILOT_PLACES + 2


@dataclass(frozen=True)
class PlannedOffering:
    course: str
    starts_in_days: int
    days: int
    language: str
    capacity: int
    needs_approval: bool = False


OFFERINGS = (
    PlannedOffering(PILOT_COURSE, 45, 5, "en-fr", PILOT_PLACES),
    PlannedOffering("i301", 30, 2, "en", 20),
    PlannedOffering("i301", 75, 2, "fr", 20, needs_approval=True),
    PlannedOffering("t171", 21, 1, "en-fr", 40),
    PlannedOffering("i400", 60, 2, "en-fr", 16, needs_approval=True),
)


def catalogue_file() -> bytes:
    return CATALOGUE_FILE.read_bytes()


def seed_learning(*, community: Community, actor: Any) -> int:
    """Import the demo catalogue unless the community has courses, then its offerings
    unless it has some (`seed_offerings`); the courses imported."""
    imported = 0
    if not Course.objects.filter(provider__community=community).exists():
        result = course_import(
            actor=actor, community=community, content=catalogue_file(), file_format="csv"
        )
        imported = result.courses_created + result.courses_updated
    seed_offerings(community=community, actor=actor)
    programme = seed_certificate(community=community, actor=actor)
    seed_completions(community=community, programme=programme, actor=actor)
    seed_curriculum(community=community, actor=actor)
    return imported


RULES_FILE = DATA / "im-certificate-rules.json"


def seed_certificate(*, community: Community, actor: Any) -> CertificationProgramme:
    """The IM Certificate, its rules read from the data file through the same check as an
    administrator's (every course and competency must exist); once."""
    rules = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    found = CertificationProgramme.objects.filter(community=community, code=rules["code"]).first()
    if found is not None:
        return found
    return programme_save(
        actor=actor,
        community=community,
        code=rules["code"],
        name_en=rules["name_en"],
        name_fr=rules["name_fr"],
        rules=rules,
    )


def leadership_participants(community: Community) -> list[Member]:
    """The leadership programme's participants: the community's active members of the IM
    leadership work stream, by name."""
    return list(
        Member.objects.filter(
            communities=community, is_active=True, work_streams__code=LEADERSHIP_STREAM
        )
        .distinct()
        .order_by("family_name", "given_name", "pk")[:PILOT_PARTICIPANTS]
    )


def seed_offerings(*, community: Community, actor: Any, today: datetime.date | None = None) -> int:
    """Offer a few courses (unless the community has offerings) and enrol the leadership
    programme's participants in the pilot; the offerings made."""
    if Offering.objects.filter(course__provider__community=community).exists():
        return 0
    start = today or timezone.localdate()
    courses = {c.code: c for c in Course.objects.filter(provider__community=community)}
    made = []
    for planned in OFFERINGS:
        course = courses.get(planned.course)
        if course is None:
            continue
        starts_on = start + datetime.timedelta(days=planned.starts_in_days)
        made.append(
            offering_save(
                actor=actor,
                course=course,
                starts_on=starts_on,
                ends_on=starts_on + datetime.timedelta(days=planned.days - 1),
                language=planned.language,
                capacity=planned.capacity,
                needs_approval=planned.needs_approval,
            )
        )
    pilot = next((o for o in made if o.course.code == PILOT_COURSE), None)
    if pilot is not None:
        for member in leadership_participants(community):
            enrolment_add(actor=actor, offering=pilot, member=member)
    return len(made)
