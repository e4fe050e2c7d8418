"""Certification benchmark data: `python -m benchmarks.generate_learning --info F`.

Runs after `benchmarks.generate_competencies` on the same database (the courses are mapped
to its published IM framework, and its current levels are the members' validated levels).
Imports the demo course catalogue and the demo IM Certificate through the demo's own
loaders (`guild.demo.learning`: the catalogue's import service, the rules checked by
`programme_save`), then writes in bulk (`benchmarks.bulk`, no audit rows) every member's
course completions, drawn from a seeded plan: most members have done a few courses or
none, some are part-way through the programme, some have done all of it within the rules'
window, some did it too long ago (outside the window), some took the capstone before the
rest, and a few results are "not completed". Finally, some thousands of the members who
meet the rules get a certificate, signed as the service signs them; some are revoked, and
the oldest have expired. Adds a `learning` entry to the info file, with a mix of the
certificates' verification codes for the `/verify/<code>/` load.
"""

import base64
import datetime as dt
import random
import time
from typing import Any

from benchmarks.generator_cli import generator_main

SHARES = (  # (plan, share of members), in this order; the rest have done no course
    ("few", 0.34),
    ("partway", 0.18),
    ("complete", 0.13),
    ("lapsed", 0.04),
    ("capstone-early", 0.02),
)
NOT_COMPLETED_SHARE = 0.04
RENEWAL_SHARE = 0.3  # of those who completed the programme: a continuing course since
CERTIFICATE_SHARE = 0.03  # of all members, at most the members who meet the rules
REVOKED_SHARE = 0.1
VERIFY_CODES = 500
VERIFY_PATH = "/en/verify/{code}/"


def _plan_of(rng: random.Random) -> str:
    draw = rng.random()
    for plan, share in SHARES:
        if draw < share:
            return plan
        draw -= share
    return "none"


class Planner:
    """One member's completions, as (course code, day, completed?), from their plan."""

    def __init__(self, rules: Any, courses: list[str], today: dt.date, seed: int) -> None:
        self.rules, self.courses, self.today = rules, courses, today
        self.rng = random.Random(seed)  # noqa: S311 - reproducible benchmark data
        self.years = rules.window_years or 5
        self.renewal = rules.renewal.from_courses if rules.renewal else ()

    def _day(self, earliest_days: int, latest_days: int) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(latest_days, earliest_days))

    def _programme(self, first: dt.date, spread: int) -> list[tuple[str, dt.date]]:
        """Every course requirement met, one course after another from `first`, then the
        capstone last."""
        rng = self.rng
        chosen = list(self.rules.required)
        for group in self.rules.electives:
            extra = 1 if rng.random() < 0.2 and len(group.courses) > group.choose else 0
            chosen += rng.sample(list(group.courses), group.choose + extra)
        rng.shuffle(chosen)
        done, day = [], first
        for course in chosen:
            day = min(self.today, day + dt.timedelta(days=rng.randint(0, spread)))
            done.append((course, day))
        if self.rules.capstone is not None:
            day = min(self.today, day + dt.timedelta(days=rng.randint(0, 90)))
            done.append((self.rules.capstone, day))
        return done

    def completions(self) -> tuple[str, list[tuple[str, dt.date, bool]]]:
        rng = self.rng
        plan = _plan_of(rng)
        window = 365 * self.years
        done: list[tuple[str, dt.date]] = []
        if plan == "few":
            for course in rng.sample(self.courses, rng.randint(1, 3)):
                done.append((course, self._day(window + 2 * 365, 0)))
        elif plan == "partway":
            pool = [*self.rules.required, *(c for g in self.rules.electives for c in g.courses)]
            for course in rng.sample(pool, rng.randint(2, len(pool) - 2)):
                done.append((course, self._day(window - 10, 0)))
        elif plan == "complete":
            done = self._programme(self._day(window - 400, 30), 60)
            if self.renewal and rng.random() < RENEWAL_SHARE:
                done.append((rng.choice(self.renewal), self._day(200, 0)))
        elif plan == "lapsed":
            # Done five to eight years ago; one course in three taken again since.
            done = self._programme(self._day(window + 3 * 365, window + 200), 40)
            done += [(c, self._day(window - 30, 0)) for c, _ in done if rng.random() < 0.33]
        elif plan == "capstone-early" and self.rules.capstone is not None:
            done = self._programme(self._day(window - 400, 30), 60)
            capstone = done.pop()
            last = max(day for _, day in done)
            done.append((capstone[0], last - dt.timedelta(days=rng.randint(1, 200))))
        rows = [(course, day, True) for course, day in done]
        if rows and rng.random() < NOT_COMPLETED_SHARE:
            rows.append((rng.choice(self.courses), self._day(window, 0), False))
        # One result per member, course and day (the model's constraint).
        unique = {(course, day): (course, day, ok) for course, day, ok in rows}
        return plan, list(unique.values())


def import_programme(admin: Any) -> Any:
    """The demo catalogue and IM Certificate, through the demo's loaders."""
    from guild.demo.learning import catalogue_file, seed_certificate
    from guild.learning.services import course_import
    from guild.organizations.models import Community

    community = Community.objects.get(code="im")
    course_import(actor=admin, community=community, content=catalogue_file(), file_format="csv")
    return seed_certificate(community=community, actor=admin)


def write_completions(programme: Any, seed: int) -> dict[str, Any]:
    from django.utils import timezone

    from benchmarks.bulk import insert_rows
    from guild.learning.models import Completion, Course
    from guild.learning.selectors.certificates import programme_rules
    from guild.members.models import Member

    courses = dict(
        Course.objects.filter(provider__community_id=programme.community_id).values_list(
            "code", "pk"
        )
    )
    rules = programme_rules(programme)
    planner = Planner(rules, sorted(courses), timezone.localdate(), seed)
    now = timezone.now()
    plans: dict[str, int] = {}
    members = list(Member.objects.order_by("pk").values_list("pk", flat=True))

    def rows() -> Any:
        for member_id in members:
            plan, done = planner.completions()
            plans[plan] = plans.get(plan, 0) + 1
            for course, day, ok in done:
                result = "completed" if ok else "not-completed"
                yield (member_id, courses[course], None, day, result, "import", "", "", None, now)

    written = insert_rows(
        Completion,
        [
            "member_id",
            "course_id",
            "enrolment_id",
            "completed_on",
            "result",
            "source",
            "proof_note",
            "proof_url",
            "recorded_by_id",
            "recorded_at",
        ],
        rows(),
    )
    return {"completions": written, "plans": dict(sorted(plans.items()))}


def write_certificates(programme: Any, seed: int) -> dict[str, Any]:
    """Certificates for some of the members who meet the rules, as the service writes them
    (its snapshot and signed credential), issued a few days after they met them."""
    from django.utils import timezone

    from benchmarks.bulk import insert_rows
    from guild.learning.models import Certificate, CertificateStatus
    from guild.learning.rules.evaluation import anniversary
    from guild.learning.selectors.certificates import programme_evaluations, programme_rules

    # The service's own snapshot and credential, so that the rows are what it would write.
    from guild.learning.services.certificates import _credential, _moment, _snapshot
    from guild.members.models import Member

    rng = random.Random(seed + 12)  # noqa: S311 - reproducible benchmark data
    now = timezone.now()
    today = timezone.localdate()
    validity = programme_rules(programme).validity_years
    met = [(pk, e) for pk, e in programme_evaluations(programme, on=today) if e.met]
    wanted = min(len(met), round(CERTIFICATE_SHARE * Member.objects.count()))
    chosen = sorted(rng.sample(met, wanted), key=lambda pair: pair[0])
    members = Member.objects.in_bulk([pk for pk, _ in chosen])
    certificates = []
    for pk, evaluation in chosen:
        member = members[pk]
        assert evaluation.met_on is not None  # noqa: S101 - met
        issued_on = min(today, evaluation.met_on + dt.timedelta(days=rng.randint(0, 14)))
        issued_at = _moment(issued_on) + dt.timedelta(hours=2)
        certificate = Certificate(
            programme=programme,
            member=member,
            code=base64.urlsafe_b64encode(rng.randbytes(20)).decode().rstrip("="),
            status=CertificateStatus.ACTIVE,
            language="fr" if member.first_official_language == "fr" else "en",
            issued_at=issued_at,
            valid_until=_moment(anniversary(issued_on, validity)) if validity else None,
            snapshot=_snapshot(member, programme, evaluation),
        )
        certificate.token = _credential(certificate, member)
        if rng.random() < REVOKED_SHARE:
            certificate.status = CertificateStatus.REVOKED
            certificate.revoked_at = min(now, issued_at + dt.timedelta(days=rng.randint(1, 60)))
            certificate.revocation_reason = "Issued on a completion recorded in error."
        certificates.append(certificate)
    columns = [
        "programme_id",
        "member_id",
        "code",
        "status",
        "language",
        "issued_at",
        "valid_until",
        "revoked_at",
        "revocation_reason",
        "superseded_by_id",
        "snapshot",
        "token",
        "issued_by_id",
        "issue_reason",
    ]
    insert_rows(
        Certificate,
        columns,
        ([getattr(c, column) for column in columns] for c in certificates),
    )
    codes = [c.code for c in certificates]
    rng.shuffle(codes)
    return {
        "members_meeting_rules": len(met),
        "certificates": len(certificates),
        "revoked": sum(1 for c in certificates if c.status == CertificateStatus.REVOKED),
        "expired": sum(
            1
            for c in certificates
            if c.status == CertificateStatus.ACTIVE and c.valid_until and c.valid_until <= now
        ),
        "verify_codes": codes[:VERIFY_CODES],
    }


def generate(seed: int) -> dict[str, Any]:
    from django.db import transaction

    from benchmarks.generate_competencies import bench_admin
    from guild.learning.models import Course

    timings: dict[str, float] = {}
    started = time.monotonic()
    with transaction.atomic():
        programme = import_programme(bench_admin())
    timings["catalogue"] = time.monotonic() - started
    started = time.monotonic()
    with transaction.atomic():
        completions = write_completions(programme, seed)
    timings["completions"] = time.monotonic() - started
    started = time.monotonic()
    with transaction.atomic():
        certificates = write_certificates(programme, seed)
    timings["certificates"] = time.monotonic() - started
    return {
        "programme_id": programme.pk,
        "programme_code": programme.code,
        "courses": Course.objects.filter(provider__community_id=programme.community_id).count(),
        **completions,
        **certificates,
        "verify_path": VERIFY_PATH,
        "timings": {name: round(seconds, 2) for name, seconds in timings.items()},
    }


def main(argv: list[str] | None = None) -> None:
    generator_main(
        argv,
        description=__doc__.split("\n\n")[0],
        key="learning",
        generate=generate,
        summary=lambda r: (
            f"Generated {r['completions']:,} completions and {r['certificates']:,} "
            f"certificates ({r['revoked']:,} revoked) in {r['timings']['total']:.1f} s "
            f"({r['timings']})."
        ),
    )


if __name__ == "__main__":
    main()
