"""The people of the demo's 2003-2004 leadership intake: 23 participants from 17
departments at EX-minus-1 and EX-minus-2 equivalent levels, each with a supervisor, drawn
from the demo's members and, where a department has too few (a small demo), generated
with the demo's own name generator. Participants and the supervisors who answer the
feedback questionnaire get a sign-in (the demo password), because evaluations are
answered through the questionnaire engine by signed-in people."""

from collections.abc import Sequence
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db.models import F, Q

from guild.accounts.models import User
from guild.demo.defaults import COMMUNITY
from guild.demo.distribution import DEPARTMENT_WEIGHTS, HOME_REGIONS
from guild.demo.learning import LEADERSHIP_STREAM
from guild.demo.members import References, _links, _row
from guild.demo.people import PlannedMember, _Picker
from guild.demo.positions import MANAGER
from guild.members.models import Member
from guild.organizations.models import Community

# EX-minus-1 and EX-minus-2: the levels one and two below the executive group, in the
# groups the demo's IM positions are classified in (CS, the 2003 computer systems group,
# is now IT and inactive; IT-03 and IT-04 stand for it).
EX_MINUS_1 = ("AS-07", "EC-07", "IS-06", "IT-04", "LS-05", "PE-06", "PM-06")
EX_MINUS_2 = ("AS-06", "EC-06", "IS-05", "IT-03", "LS-04", "PE-05", "PM-05")
ELIGIBLE_LEVELS = EX_MINUS_1 + EX_MINUS_2
DEPARTMENTS = 17
TWO_FROM = 6  # the largest six departments sent two participants each
SEED = 2003


def intake_departments() -> list[tuple[str, int]]:
    """(department code, participants): the demo's seventeen largest IM departments."""
    largest = sorted(DEPARTMENT_WEIGHTS, key=lambda code: (-DEPARTMENT_WEIGHTS[code], code))
    return [(code, 2 if n < TWO_FROM else 1) for n, code in enumerate(largest[:DEPARTMENTS])]


@dataclass
class Cohort:
    participants: list[Member]  # ordered by department, then e-mail
    created: int  # members generated because a department had too few


def _candidates(community: Community, department: str) -> list[Member]:
    return list(
        Member.objects.filter(
            communities=community,
            department__code=department,
            level__code__in=ELIGIBLE_LEVELS,
            is_active=True,
            consent_statistics=True,
            user__isnull=True,
            supervisor__isnull=False,
        )
        .select_related("department", "supervisor")
        .order_by("work_email")
    )


def _head(community: Community, department: str) -> Member | None:
    """Who generated members report to: the department's executive in the community."""
    return (
        Member.objects.filter(communities=community, department__code=department)
        .filter(Q(supervisor__isnull=True) | Q(level__code__startswith="EX"))
        .order_by(F("supervisor_id").asc(nulls_first=True), "work_email")
        .first()
    )


def _generate(
    picker: _Picker, refs: References, department: str, boss: Member | None, count: int
) -> list[Member]:
    taken = set(Member.objects.values_list("work_email", flat=True))
    planned: list[PlannedMember] = []
    while len(planned) < count:
        person = picker.member(
            department=department,
            region=HOME_REGIONS.get(department, "ncr"),
            tier=MANAGER,
            supervisor=None,
        )
        if person.work_email in taken:
            continue
        person.consent_statistics = True
        person.communities = (COMMUNITY,)
        # Not in the IM leadership stream: the demo's course pilot enrolled that stream's
        # members before these existed.
        streams = tuple(s for s in person.work_streams if s == (COMMUNITY, s[1]))
        person.work_streams = tuple(s for s in streams if s[1] != LEADERSHIP_STREAM) or (
            (COMMUNITY, "policy-development"),
        )
        planned.append(person)
    rows = [_row(p, refs, None, boss.pk if boss else None) for p in planned]
    Member.objects.bulk_create(rows)
    _links(planned, rows, refs)
    return rows


def choose_cohort(community: Community) -> Cohort:
    refs = References.load()
    picker = _Picker(SEED)
    participants: list[Member] = []
    created = 0
    for department, wanted in intake_departments():
        found = _candidates(community, department)[:wanted]
        if len(found) < wanted:
            boss = _head(community, department)
            created += wanted - len(found)
            found += _generate(picker, refs, department, boss, wanted - len(found))
        participants.extend(found)
    return Cohort(participants=participants, created=created)


def sign_ins(members: Sequence[Member], password: str) -> dict[int, User]:
    """A sign-in for each member that has none, with the demo password; member pk ->
    user."""
    users: dict[int, User] = {}
    missing: list[Member] = []
    for member in {m.pk: m for m in members}.values():
        if member.user_id is not None:
            users[member.pk] = User.objects.get(pk=member.user_id)
        else:
            missing.append(member)
    new = [
        User(
            email=m.work_email,
            first_name=m.given_name,
            last_name=m.family_name,
            preferred_language=m.first_official_language,
            password=password,
        )
        for m in missing
    ]
    User.objects.bulk_create(new)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in new]
    )
    for member, user in zip(missing, new, strict=True):
        Member.objects.filter(pk=member.pk).update(user=user)
        member.user = user
        users[member.pk] = user
    return users
