"""Set-up for the mentoring tests: pools made and joined through the services."""

from collections.abc import Callable
from typing import Any

from guild.accounts.models import User
from guild.competencies.models import FrameworkVersion
from guild.competencies.services import framework_load_published
from guild.competencies.tests.builders import small
from guild.members.models import Member
from guild.mentoring.models import Pool, PoolMembership
from guild.mentoring.services.pools import Preferences, pool_opt_in, pool_save
from guild.organizations.models import Community, Department, OccupationalLevel

# The small framework's competencies.
CODES = ("DATA-1", "DATA-2", "SEC-1")


def load_framework(community: Community) -> FrameworkVersion:
    return framework_load_published(community=community, content=small(), code="digital")


def make_pool(actor: User, community: Community, *, kind: str = "mentoring", **fields: Any) -> Pool:
    return pool_save(
        actor=actor,
        community=community,
        kind=kind,
        name_en=f"{kind.title()} pool",
        name_fr=f"Bassin {kind}",
        **fields,
    )


def join(member: Member, pool: Pool, side: str, **preferences: Any) -> PoolMembership:
    return pool_opt_in(
        actor=member.user, pool=pool, preferences=Preferences(side=side, **preferences)
    )


def person(
    make_member: Callable[..., Member], department: str, level: str = "IS-04", **fields: Any
) -> Member:
    return make_member(
        department=Department.objects.get(code=department),
        level=OccupationalLevel.objects.get(code=level),
        **fields,
    )
