"""Bulk benchmark data: `python -m benchmarks.generate --members 100000 [--seed S]`.

The caller sets DJANGO_SETTINGS_MODULE (and DATABASE_URL, SECRET_KEY) and points it at
a freshly migrated, empty database. The members are drawn from the demo community's
pools (guild.demo) and written with bulk_create, 5,000 rows a batch, members
and their many-to-many rows alike.

Also creates the benchmark reader: an account with an ordinary member profile (no
role, nobody reporting to it), so the directory and the API apply the visibility
rules as they do for most people. Its personal access token, a signed-in session and
the id of the department to list go to a JSON file for the runner.
"""

import argparse
import json
import os
import secrets
import sys
import time
from collections.abc import Iterator, Sequence
from importlib import import_module
from pathlib import Path
from typing import Any, TypeVar

BATCH = 5000
TARGET_DEPARTMENT = "esdc"  # the largest department: the worst case for counting
READER_EMAIL = "bench.reader@bench.guild.test"

T = TypeVar("T")


def _batches(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def generate_members(size: int, seed: int) -> dict[str, float]:
    """Write `size` planned members; returns seconds per phase."""
    from django.db import connection, transaction

    from guild.demo.members import References
    from guild.demo.people import plan_community
    from guild.demo.positions import DEPTH
    from guild.members.models import Member

    timings: dict[str, float] = {}
    started = time.monotonic()
    plan = plan_community(size, seed)
    timings["plan"] = time.monotonic() - started
    refs = References.load()
    if not connection.features.can_return_rows_from_bulk_insert:
        raise SystemExit("This database cannot return ids from bulk inserts.")
    if Member.objects.exists():
        raise SystemExit("Generate benchmark data into an empty, freshly migrated database.")

    started = time.monotonic()
    pks: list[int | None] = [None] * len(plan)
    # No audit record per row: this is synthetic load, not anybody's personal data, and
    # member_create's per-row validation and audit would take an hour at this size.
    # The demo community (seed_demo) goes through the services instead.
    with transaction.atomic():
        for depth in sorted(set(DEPTH.values())):
            # Supervisors are one level up, so their ids exist before their reports.
            indexes = [i for i, p in enumerate(plan) if DEPTH[p.tier] == depth]
            for batch in _batches(indexes):
                rows = []
                for i in batch:
                    p = plan[i]
                    rows.append(
                        Member(
                            given_name=p.given_name,
                            family_name=p.family_name,
                            work_email=p.work_email,
                            department=refs.departments[p.department],
                            region=refs.regions[p.region],
                            position_title=p.position_title,
                            level=refs.levels[p.level],
                            first_official_language=p.first_official_language,
                            second_language_reading=p.second_language_reading,
                            second_language_writing=p.second_language_writing,
                            second_language_oral=p.second_language_oral,
                            years_in_community=p.years_in_community,
                            supervisor_id=None if p.supervisor is None else pks[p.supervisor],
                            consent_directory=p.consent_directory,
                            consent_statistics=p.consent_statistics,
                        )
                    )
                Member.objects.bulk_create(rows, batch_size=BATCH)
                for i, row in zip(batch, rows, strict=True):
                    pks[i] = row.pk
        timings["members"] = time.monotonic() - started

        started = time.monotonic()
        Communities = Member.communities.through
        Streams = Member.work_streams.through
        community_rows = [
            Communities(member_id=pks[i], community_id=refs.communities[code].pk)
            for i, p in enumerate(plan)
            for code in p.communities
        ]
        for links in _batches(community_rows):
            Communities.objects.bulk_create(links, batch_size=BATCH)
        stream_rows = [
            Streams(member_id=pks[i], workstream_id=refs.streams[key].pk)
            for i, p in enumerate(plan)
            for key in p.work_streams
        ]
        for stream_links in _batches(stream_rows):
            Streams.objects.bulk_create(stream_links, batch_size=BATCH)
        timings["links"] = time.monotonic() - started
    return timings


def create_reader() -> dict[str, Any]:
    """The benchmark reader, its token, and a signed-in session."""
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from guild.accounts.models import User
    from guild.accounts.services import token_create
    from guild.members.services import member_create
    from guild.organizations.models import (
        Community,
        Department,
        OccupationalLevel,
        Region,
        WorkStream,
    )

    im = Community.objects.get(code="im")
    department = Department.objects.get(code=TARGET_DEPARTMENT)
    user = User.objects.create_user(READER_EMAIL, secrets.token_urlsafe(24))
    EmailAddress.objects.create(user=user, email=READER_EMAIL, verified=True, primary=True)
    member_create(
        actor=None,
        user=user,
        communities=[im],
        work_streams=[WorkStream.objects.get(community=im, code="records-management")],
        given_name="Bench",
        family_name="Reader",
        work_email=READER_EMAIL,
        department=department,
        region=Region.objects.get(code="ncr"),
        position_title="Records Management Officer",
        level=OccupationalLevel.objects.get(code="IS-03"),
        consent_directory=True,
        consent_statistics=True,
    )
    _, raw_token = token_create(user=user, name="benchmark")

    # A session as django.contrib.auth.login() would leave it. Signed with SECRET_KEY,
    # so the server must run with the same one.
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return {
        "token": raw_token,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "session_key": store.session_key,
        "department_id": department.pk,
        "department_code": department.code,
        "reader_email": READER_EMAIL,
    }


def refresh_statistics() -> None:
    """PostgreSQL: VACUUM ANALYZE, the state autovacuum reaches soon after a bulk load.
    Without it the planner believes the freshly filled tables are nearly empty and picks
    plans that are 10 to 50 times slower (a sort of the whole department instead of
    walking the directory index). SQLite gathers no statistics unless told to, and a
    deployed SQLite database would have none, so it is left as it is."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=Path("var/bench/bench.json"))
    args = parser.parse_args(argv)
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        sys.exit("Set DJANGO_SETTINGS_MODULE (and DATABASE_URL) first.")

    import django

    django.setup()
    from guild.members.models import Member

    started = time.monotonic()
    timings = generate_members(args.members, args.seed)
    info = create_reader()
    refresh_statistics()
    timings["total"] = time.monotonic() - started
    department_members = Member.objects.filter(department_id=info["department_id"])
    info.update(
        members=Member.objects.count(),
        department_members=department_members.count(),
        department_visible=department_members.filter(consent_directory=True).count(),
        community_links=Member.communities.through.objects.count(),
        stream_links=Member.work_streams.through.objects.count(),
        seed=args.seed,
        timings={name: round(seconds, 2) for name, seconds in timings.items()},
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(info, indent=2))
    print(
        f"Generated {info['members']:,} members in {timings['total']:.1f} s "
        f"({', '.join(f'{k} {v:.1f} s' for k, v in timings.items() if k != 'total')})."
    )


if __name__ == "__main__":
    main()
