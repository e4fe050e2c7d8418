"""The demo's course history and certificates: about 150 members of the IM community with
results of the IM Certificate's courses over the last six years, imported as one results
file through the service an administrator's upload goes through, which issues the
certificate of each member who meets the rules; then one result corrected and its
certificate revoked by the programme administrator, so the verification page shows a
revoked certificate too. The demo member account has some progress, not a certificate.

Only members whose validated levels already meet the rules (`seed_competencies` wrote
them) are given the full history; the demo member's levels, one short of the rules, are
recorded through the assessment services, as they and their supervisor would.
Certificates are issued on the day of seeding: the service dates them itself.
Deterministic (one random stream from the seed) and once: nothing is added when the
community has results of the programme's courses.
"""

import csv
import io
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from guild.competencies.models import Competency, CurrentAssessment, MemberRoleProfile
from guild.competencies.selectors.frameworks import community_current_version
from guild.competencies.services.assessments import assessment_self, assessment_supervise
from guild.demo.accounts import ACCOUNT_EMAILS
from guild.demo.defaults import DEFAULT_SEED
from guild.learning.models import (
    Certificate,
    CertificateStatus,
    CertificationProgramme,
    Completion,
)
from guild.learning.rules.definition import RuleSet
from guild.learning.selectors.certificates import programme_rules
from guild.learning.services.certificates import certificate_revoke
from guild.learning.services.completion import completion_import
from guild.members.models import Member
from guild.organizations.models import Community

HISTORY_MEMBERS = 150
# One more than the certificates the demo keeps active: the last one is revoked.
CERTIFIED = 21
LAPSED = 15
NOT_COMPLETED_SHARE = 0.1
COMPLETED, NOT_COMPLETED = "completed", "not-completed"
REVOCATION_REASON = (
    "The capstone result was recorded in error: the member did not complete the course. "
    "The result was corrected."
)
# The demo member: two required courses and one elective, days ago; no capstone.
DEMO_MEMBER_HISTORY = (("i011", 400), ("t171", 250), ("i301", 90))
# ... and their own levels with their supervisor's: two meet the rules, one falls short.
DEMO_MEMBER_LEVELS = (
    ("RIL-01", 2, 2, "Confirmed: you apply the file plan every day."),
    ("RIL-03", 3, 2, "Level 2 for now: you work in GCdocs but do not configure it yet."),
    ("ACP-01", 1, 1, "Confirmed: the ATIP course would be the next step."),
)
DEMO_MEMBER_EVIDENCE = "Day-to-day work in the records office."
# Certificates are issued from these: most within five years, the oldest before the window.
WINDOW_DAYS = 5 * 365
SIX_YEARS = 6 * 365


@dataclass(frozen=True)
class Result:
    email: str
    course: str
    day: date
    result: str = COMPLETED


@dataclass
class CompletionSeed:
    members: int = 0
    results: int = 0
    certificates: list[Certificate] = field(default_factory=list)
    revoked: Certificate | None = None


def _elective_picks(rules: RuleSet, rng: random.Random) -> list[str]:
    picks: list[str] = []
    for group in rules.electives:
        picks.extend(rng.sample(group.courses, group.choose))
    return picks


def _certified(email: str, rules: RuleSet, rng: random.Random, today: date) -> list[Result]:
    """Every course requirement within the window, in order, the capstone last."""
    ago = rng.randint(900, WINDOW_DAYS - 80)
    day = today - timedelta(days=ago)
    results = []
    for course in [*rules.required, *_elective_picks(rules, rng)]:
        results.append(Result(email, course, day))
        day += timedelta(days=rng.randint(20, 120))
    if rules.capstone is not None:
        results.append(Result(email, rules.capstone, day + timedelta(days=rng.randint(10, 150))))
    return results


def _lapsed(email: str, rules: RuleSet, rng: random.Random, today: date) -> list[Result]:
    """Most courses done more than five years ago (they no longer count), the capstone
    never; some took one course again lately."""
    day = today - timedelta(days=rng.randint(WINDOW_DAYS + 40, SIX_YEARS - 20))
    results = []
    courses = [*rules.required, *_elective_picks(rules, rng)]
    for course in courses[: rng.randint(3, len(courses))]:
        results.append(Result(email, course, day))
        day += timedelta(days=rng.randint(5, 30))
    if rng.random() < 0.4:
        again = rng.choice(rules.required)
        results.append(Result(email, again, today - timedelta(days=rng.randint(30, 700))))
    return results


def _in_progress(email: str, rules: RuleSet, rng: random.Random, today: date) -> list[Result]:
    """A few of the courses, never the capstone (so never all the rules), sometimes a
    course not completed."""
    pool = [*rules.required, *(course for group in rules.electives for course in group.courses)]
    chosen = rng.sample(pool, rng.randint(1, 5))
    days = sorted(rng.sample(range(20, WINDOW_DAYS - 20), len(chosen)), reverse=True)
    results = [
        Result(email, course, today - timedelta(days=ago))
        for course, ago in zip(chosen, days, strict=True)
    ]
    if rng.random() < NOT_COMPLETED_SHARE:
        course = rng.choice([c for c in pool if c not in chosen])
        results.append(
            Result(email, course, today - timedelta(days=rng.randint(20, 900)), NOT_COMPLETED)
        )
    return results


def _meeting_levels(members: Sequence[Member], rules: RuleSet) -> tuple[list[int], list[int]]:
    """The members whose validated levels meet the rules: (those whose supervisor
    validated every one, those who assessed themselves only for some), by id, in the
    order of `members`."""
    needed = dict(rules.levels)
    held: dict[int, dict[str, tuple[int, int | None]]] = {}
    for member_id, code, level, supervisor in CurrentAssessment.objects.filter(
        member_id__in=[m.pk for m in members],
        competency__code__in=needed,
        validated_level__isnull=False,
    ).values_list("member_id", "competency__code", "validated_level", "supervisor_level"):
        held.setdefault(member_id, {})[code] = (level or 0, supervisor)
    supervised, own = [], []
    for member in members:
        levels = held.get(member.pk, {})
        if set(levels) != set(needed) or any(levels[c][0] < n for c, n in needed.items()):
            continue
        if all(supervisor is not None for _level, supervisor in levels.values()):
            supervised.append(member.pk)
        else:
            own.append(member.pk)
    return supervised, own


def _file(results: Sequence[Result]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("email", "course", "date", "result"))
    for row in results:
        writer.writerow((row.email, row.course, row.day.isoformat(), row.result))
    return out.getvalue().encode("utf-8")


def plan_results(
    members: Sequence[Member],
    rules: RuleSet,
    *,
    seed: int,
    today: date,
    demo_member: Member | None,
) -> tuple[list[Result], list[str]]:
    """The results to import, and the work e-mails of the members planned to meet the
    rules, in the order drawn."""
    rng = random.Random(f"{seed}:completions")
    by_id = {member.pk: member for member in members}
    supervised, own = _meeting_levels(members, rules)
    rng.shuffle(supervised)
    rng.shuffle(own)
    certified = [by_id[pk] for pk in (supervised + own)[:CERTIFIED]]
    chosen = {member.pk for member in certified}
    rest = [member for member in members if member.pk not in chosen]
    others = rng.sample(rest, min(len(rest), HISTORY_MEMBERS - len(certified)))
    results: list[Result] = []
    for member in certified:
        results.extend(_certified(member.work_email, rules, rng, today))
    for index, member in enumerate(others):
        plan = _lapsed if index < LAPSED else _in_progress
        results.extend(plan(member.work_email, rules, rng, today))
    if demo_member is not None:
        results.extend(
            Result(demo_member.work_email, course, today - timedelta(days=ago))
            for course, ago in DEMO_MEMBER_HISTORY
        )
    return results, [member.work_email for member in certified]


def seed_completions(
    *,
    community: Community,
    programme: CertificationProgramme,
    actor: Any,
    seed: int = DEFAULT_SEED,
) -> CompletionSeed:
    """The programme's course history and certificates (see the module), unless the
    community has results of the programme's courses; `actor` administers the programme."""
    done = CompletionSeed()
    rules = programme_rules(programme)
    if Completion.objects.filter(
        course__provider__community=community, course__code__in=rules.courses
    ).exists():
        return done
    accounts = set(ACCOUNT_EMAILS.values())
    # Sorted here, not in SQL: the same order on any database's collation.
    members = sorted(
        (
            member
            for member in Member.objects.filter(communities=community, is_active=True)
            if member.work_email not in accounts
        ),
        key=lambda member: member.work_email,
    )
    demo_member = Member.objects.filter(
        communities=community, work_email=ACCOUNT_EMAILS["member"]
    ).first()
    if demo_member is not None:
        _demo_member_levels(community, demo_member)
    today = timezone.localdate()
    results, certified = plan_results(
        members, rules, seed=seed, today=today, demo_member=demo_member
    )
    if not results:
        return done
    completion_import(actor=actor, community=community, content=_file(results))
    done.results = len(results)
    done.members = len({row.email for row in results})
    done.certificates = list(
        Certificate.objects.filter(programme=programme, status=CertificateStatus.ACTIVE)
        .select_related("member")
        .order_by("member__work_email")
    )
    done.revoked = _revoke_one(community, programme, actor, certified, results)
    return done


def _revoke_one(
    community: Community,
    programme: CertificationProgramme,
    actor: Any,
    certified: Sequence[str],
    results: Sequence[Result],
) -> Certificate | None:
    """The last certified member's capstone was recorded in error: the administrator
    corrects the result, then revokes the certificate it gave, with the reason."""
    if not certified or programme_rules(programme).capstone is None:
        return None
    email = certified[-1]
    capstone = programme_rules(programme).capstone
    certificate = Certificate.objects.filter(
        programme=programme, member__work_email=email, status=CertificateStatus.ACTIVE
    ).first()
    wrong = next((r for r in results if r.email == email and r.course == capstone), None)
    if certificate is None or wrong is None:
        return None
    completion_import(
        actor=actor,
        community=community,
        content=_file([Result(email, wrong.course, wrong.day, NOT_COMPLETED)]),
    )
    return certificate_revoke(actor=actor, certificate=certificate, reason=REVOCATION_REASON)


def _demo_member_levels(community: Community, member: Member) -> None:
    """The demo member assesses themself on the rules' competencies and their supervisor
    validates, through the assessment services; not when either has no sign-in, the member
    has no role profile in the framework, or already holds a level on one of them."""
    supervisor = member.supervisor
    version = community_current_version(community)
    if member.user is None or supervisor is None or supervisor.user is None or version is None:
        return
    codes = [code for code, *_levels in DEMO_MEMBER_LEVELS]
    if CurrentAssessment.objects.filter(member=member, competency__code__in=codes).exists():
        return
    if not MemberRoleProfile.objects.filter(member=member, profile__version=version).exists():
        return
    competencies = {c.code: c for c in Competency.objects.filter(version=version, code__in=codes)}
    for code, own, validated, comment in DEMO_MEMBER_LEVELS:
        competency = competencies.get(code)
        if competency is None:
            continue
        assessment_self(
            actor=member.user,
            member=member,
            competency=competency,
            level=own,
            evidence=DEMO_MEMBER_EVIDENCE,
        )
        assessment_supervise(
            actor=supervisor.user,
            member=member,
            competency=competency,
            level=validated,
            comment=comment,
        )
