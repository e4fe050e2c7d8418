"""Writing the planned members in bulk, like a fixture: a few thousand rows in seconds,
supervisors before their reports, without a per-row audit record (the seeding is one
command run by whoever set the demo up, not anybody's edit of a profile). Members whose
work e-mail exists are left as they are, so a second run adds nothing."""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.db import transaction
from django.db.models.functions import Lower

from guild.accounts.models import User
from guild.demo.people import PlannedMember
from guild.demo.positions import DEPTH
from guild.demo.rows import insert_rows
from guild.members.models import Member
from guild.members.selectors import members_changed
from guild.members.services import member_link_account
from guild.organizations.models import (
    Community,
    Department,
    OccupationalLevel,
    Region,
    WorkStream,
)

BATCH = 2000
T = TypeVar("T")


@dataclass
class References:
    """Reference rows by natural code, loaded once."""

    communities: dict[str, Community]
    departments: dict[str, Department]
    regions: dict[str, Region]
    levels: dict[str, OccupationalLevel]
    streams: dict[tuple[str, str], WorkStream]

    @classmethod
    def load(cls) -> "References":
        return cls(
            communities={c.code: c for c in Community.objects.all()},
            departments={d.code: d for d in Department.objects.all()},
            regions={r.code: r for r in Region.objects.all()},
            levels={lv.code: lv for lv in OccupationalLevel.objects.all()},
            streams={
                (s.community.code, s.code): s
                for s in WorkStream.objects.select_related("community")
            },
        )


@dataclass
class MembersWritten:
    created: int = 0
    existing: int = 0


def _batches(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _row(planned: PlannedMember, refs: References, user: User | None, boss: int | None) -> Member:
    return Member(
        user=user,
        given_name=planned.given_name,
        family_name=planned.family_name,
        work_email=planned.work_email,
        department=refs.departments[planned.department],
        region=refs.regions[planned.region],
        position_title=planned.position_title,
        level=refs.levels[planned.level],
        first_official_language=planned.first_official_language,
        second_language_reading=planned.second_language_reading,
        second_language_writing=planned.second_language_writing,
        second_language_oral=planned.second_language_oral,
        years_in_community=planned.years_in_community,
        supervisor_id=boss,
        consent_directory=planned.consent_directory,
        consent_statistics=planned.consent_statistics,
    )


@transaction.atomic
def members_write(
    plan: Sequence[PlannedMember], refs: References, users: Mapping[str, User]
) -> MembersWritten:
    """The plan's members that do not exist yet, with their communities and work streams;
    `users` (work e-mail -> account) own their member. An existing member without an
    account is linked to its account through the member service."""
    result = MembersWritten()
    emails = [p.work_email for p in plan]
    pks: dict[str, int] = dict(
        Member.objects.annotate(email_lower=Lower("work_email"))
        .filter(email_lower__in=emails)
        .values_list("email_lower", "pk")
    )
    unlinked = set(
        Member.objects.filter(pk__in=pks.values(), user__isnull=True).values_list("pk", flat=True)
    )
    for email, pk in pks.items():
        if email in users and pk in unlinked:
            member_link_account(user=users[email])
    result.existing = len(pks)
    # Supervisors sit one level up, so their ids exist before their reports are written.
    for depth in sorted(set(DEPTH.values())):
        todo = [p for p in plan if DEPTH[p.tier] == depth and p.work_email not in pks]
        for batch in _batches(todo):
            rows = [
                _row(
                    p,
                    refs,
                    users.get(p.work_email),
                    None if p.supervisor is None else pks[plan[p.supervisor].work_email],
                )
                for p in batch
            ]
            Member.objects.bulk_create(rows, batch_size=BATCH)
            pks.update((row.work_email, row.pk) for row in rows)
            _links(batch, rows, refs)
            result.created += len(rows)
    transaction.on_commit(members_changed)
    return result


def _links(batch: Sequence[PlannedMember], rows: Sequence[Member], refs: References) -> None:
    insert_rows(
        Member.communities.through,
        ("member_id", "community_id"),
        (
            (row.pk, refs.communities[code].pk)
            for planned, row in zip(batch, rows, strict=True)
            for code in planned.communities
        ),
    )
    insert_rows(
        Member.work_streams.through,
        ("member_id", "workstream_id"),
        (
            (row.pk, refs.streams[key].pk)
            for planned, row in zip(batch, rows, strict=True)
            for key in planned.work_streams
        ),
    )
