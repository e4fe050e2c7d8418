"""Competency benchmark data: `python -m benchmarks.generate_competencies --info F`.

Runs after `benchmarks.generate` on the same database. Imports the demo IM competency
framework through the framework services and publishes it, then writes synthetic data
in bulk (`benchmarks.bulk`; no audit rows, as for the generated members): role profiles
for each IM work stream at three bands of seniority, one profile for every member, a
self-assessment of each of the profile's 25 competencies by every member, a supervisor's
assessment of every competency for one member in ten, and the current-level table
(`CurrentAssessment`) those assessments leave. Adds a `competencies` entry to the info
file.
"""

import datetime as dt
import random
import time
from collections.abc import Iterator
from typing import Any

from benchmarks.generator_cli import generator_main

BANDS = ("working", "senior", "lead")
BAND_LEVELS = {"working": "IS-03", "senior": "IS-05", "lead": "IS-06"}
BAND_BASE = {"working": 2, "senior": 3, "lead": 3}
SUPERVISED_SHARE = 0.1
ADMIN_EMAIL = "bench.admin@bench.guild.test"
GAPS_PATH = "/en/competencies/me/"


def band_of(level_code: str | None) -> str:
    """Working, senior or lead level from a group-level code such as IS-04 or EX-01."""
    if not level_code:
        return "working"
    group, _, number = level_code.partition("-")
    if group == "EX":
        return "lead"
    level = int(number or 0)
    if level >= 6 or (group == "AS" and level >= 7):
        return "lead"
    return "senior" if level >= 4 else "working"


def bench_admin() -> Any:
    """A platform administrator (superuser) to act through the services."""
    from guild.accounts.models import User

    user = User.objects.filter(email=ADMIN_EMAIL).first()
    if user is None:
        user = User.objects.create_user(ADMIN_EMAIL, None, is_staff=True, is_superuser=True)
    return user


def _self_level(rng: random.Random, target: int) -> int:
    draw = rng.random()
    delta = (
        0 if draw < 0.38 else 1 if draw < 0.52 else -1 if draw < 0.82 else -2 if draw < 0.96 else -3
    )
    return min(4, max(1, target + delta))


def _supervisor_level(rng: random.Random, self_level: int) -> int:
    draw = rng.random()
    delta = 0 if draw < 0.7 else -1 if draw < 0.9 else 1
    return min(4, max(1, self_level + delta))


def generate(seed: int) -> dict[str, Any]:
    from django.db import transaction
    from django.utils import timezone

    from benchmarks.bulk import insert_rows, next_id, reset_sequence
    from guild.competencies.models import (
        Assessment,
        Competency,
        CurrentAssessment,
        MemberRoleProfile,
        RoleProfile,
        RoleProfileTarget,
    )
    from guild.competencies.services.frameworks import framework_create, framework_publish
    from guild.demo.content import im_framework
    from guild.members.models import Member
    from guild.organizations.models import Community, OccupationalLevel, WorkStream

    timings: dict[str, float] = {}
    rng = random.Random(seed)  # noqa: S311 - reproducible benchmark data
    now = timezone.now()
    started = time.monotonic()
    community = Community.objects.get(code="im")
    admin = bench_admin()
    version = framework_create(actor=admin, community=community, content=im_framework(), code="im")
    version = framework_publish(actor=admin, version=version)
    competencies = list(
        Competency.objects.filter(version=version).order_by("family__order", "order")
    )
    timings["framework"] = time.monotonic() - started

    started = time.monotonic()
    streams = list(WorkStream.objects.filter(community=community).order_by("order", "code"))
    levels = {lv.code: lv for lv in OccupationalLevel.objects.filter(code__in=BAND_LEVELS.values())}
    profiles: dict[tuple[int, str], RoleProfile] = {}
    targets: dict[int, list[int]] = {}  # profile id -> target per competency, in order
    with transaction.atomic():
        for stream in streams:
            for band in BANDS:
                profile = RoleProfile.objects.create(
                    community=community,
                    version=version,
                    name_en=f"{stream.name_en}, {band} level ({BAND_LEVELS[band]})",
                    name_fr=f"{stream.name_fr}, niveau {band} ({BAND_LEVELS[band]})",
                    work_stream=stream,
                    level=levels[BAND_LEVELS[band]],
                )
                wanted = []
                for competency in competencies:
                    base = BAND_BASE[band] + (
                        1 if band == "lead" and competency.code.startswith("LDS") else 0
                    )
                    wanted.append(min(4, max(1, base + rng.choice((-1, 0, 0, 0, 1)))))
                RoleProfileTarget.objects.bulk_create(
                    RoleProfileTarget(profile=profile, competency=competency, target=target)
                    for competency, target in zip(competencies, wanted, strict=True)
                )
                profiles[(stream.pk, band)] = profile
                targets[profile.pk] = wanted

        # Each member's first IM work stream and band decide their profile.
        first_stream: dict[int, int] = {}
        Streams = Member.work_streams.through
        for member_id, stream_id in (
            Streams.objects.filter(workstream__community=community)
            .order_by("member_id", "workstream__order", "workstream_id")
            .values_list("member_id", "workstream_id")
        ):
            first_stream.setdefault(member_id, stream_id)
        members = list(
            Member.objects.order_by("pk").values_list("pk", "level__code", "supervisor_id")
        )
        fallback = streams[0].pk
        assignment = [
            (pk, profiles[(first_stream.get(pk, fallback), band_of(level))].pk)
            for pk, level, _ in members
        ]
        insert_rows(
            MemberRoleProfile,
            ["member_id", "profile_id", "assigned_at"],
            ((pk, profile_id, now) for pk, profile_id in assignment),
        )
        timings["profiles"] = time.monotonic() - started

        # Levels drawn once, then written table by table from these compact arrays.
        started = time.monotonic()
        count = len(competencies)
        self_levels = bytearray(len(assignment) * count)
        supervisor_levels = bytearray(len(assignment) * count)  # 0: none
        self_days = [0] * len(assignment)
        for i, (_, profile_id) in enumerate(assignment):
            wanted = targets[profile_id]
            supervised = rng.random() < SUPERVISED_SHARE
            self_days[i] = rng.randint(30, 720)
            for j in range(count):
                level = _self_level(rng, wanted[j])
                self_levels[i * count + j] = level
                if supervised:
                    supervisor_levels[i * count + j] = _supervisor_level(rng, level)
        timings["draw"] = time.monotonic() - started

        started = time.monotonic()
        first_id = next_id(Assessment)
        competency_ids = [c.pk for c in competencies]
        supervisor_ids: dict[int, int] = {}  # flat index -> assessment id

        def assessment_rows() -> Iterator[tuple[Any, ...]]:
            next_pk = first_id
            for i, (member_id, _) in enumerate(assignment):
                at = now - dt.timedelta(days=self_days[i])
                for j in range(count):
                    yield (
                        next_pk,
                        member_id,
                        competency_ids[j],
                        "self",
                        self_levels[i * count + j],
                        "",
                        [],
                        "",
                        None,
                        at,
                    )
                    next_pk += 1
            for i, (member_id, _) in enumerate(assignment):
                if not supervisor_levels[i * count]:
                    continue
                at = now - dt.timedelta(days=self_days[i] - 14)
                for j in range(count):
                    supervisor_ids[i * count + j] = next_pk
                    yield (
                        next_pk,
                        member_id,
                        competency_ids[j],
                        "supervisor",
                        supervisor_levels[i * count + j],
                        "",
                        [],
                        "",
                        None,
                        at,
                    )
                    next_pk += 1

        assessments = insert_rows(
            Assessment,
            [
                "id",
                "member_id",
                "competency_id",
                "kind",
                "level",
                "evidence",
                "links",
                "comment",
                "author_id",
                "created_at",
            ],
            assessment_rows(),
        )
        reset_sequence(Assessment)
        timings["assessments"] = time.monotonic() - started

        started = time.monotonic()

        def current_rows() -> Iterator[tuple[Any, ...]]:
            for i, (member_id, _) in enumerate(assignment):
                at = now - dt.timedelta(days=self_days[i])
                for j in range(count):
                    flat = i * count + j
                    self_level = self_levels[flat]
                    supervisor_level = supervisor_levels[flat] or None
                    yield (
                        member_id,
                        competency_ids[j],
                        first_id + flat,
                        supervisor_ids.get(flat),
                        self_level,
                        supervisor_level,
                        supervisor_level or self_level,
                        at,
                        at,
                    )

        current = insert_rows(
            CurrentAssessment,
            [
                "member_id",
                "competency_id",
                "self_assessment_id",
                "supervisor_assessment_id",
                "self_level",
                "supervisor_level",
                "validated_level",
                "self_at",
                "updated_at",
            ],
            current_rows(),
        )
        timings["current"] = time.monotonic() - started
    return {
        "version_id": version.pk,
        "competencies": count,
        "profiles": len(profiles),
        "members_with_profile": len(assignment),
        "assessments": assessments,
        "supervisor_assessments": len(supervisor_ids),
        "current": current,
        "gaps_path": GAPS_PATH,
        "timings": {name: round(seconds, 2) for name, seconds in timings.items()},
    }


def main(argv: list[str] | None = None) -> None:
    generator_main(
        argv,
        description=__doc__.split("\n\n")[0],
        key="competencies",
        generate=generate,
        summary=lambda r: (
            f"Generated {r['assessments']:,} assessments and {r['current']:,} current "
            f"levels for {r['members_with_profile']:,} members in "
            f"{r['timings']['total']:.1f} s ({r['timings']})."
        ),
    )


if __name__ == "__main__":
    main()
