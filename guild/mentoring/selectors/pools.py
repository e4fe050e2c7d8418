"""Pools a person may see, their own memberships, and the competency codes a pool accepts."""

from django.db.models import QuerySet

from guild.accounts.models import AnyUser
from guild.competencies.models import Competency
from guild.competencies.selectors.frameworks import community_current_version
from guild.members.access import own_member_id
from guild.mentoring.access import visible_pools
from guild.mentoring.models import Pool, PoolMembership
from guild.organizations.models import Community


def pools_visible(user: AnyUser) -> QuerySet[Pool]:
    return (
        visible_pools(user).select_related("community").order_by("community__code", "name_en", "pk")
    )


def my_memberships(user: AnyUser) -> QuerySet[PoolMembership]:
    own = own_member_id(user)
    if own is None:
        return PoolMembership.objects.none()
    return (
        PoolMembership.objects.filter(member_id=own)
        .select_related("pool", "pool__community")
        .prefetch_related("avoid")
        .order_by("pool__name_en", "pk")
    )


def competency_codes(community: Community) -> set[str]:
    """The codes of the community's current competency framework (none without one)."""
    version = community_current_version(community)
    if version is None:
        return set()
    return set(Competency.objects.filter(version=version).values_list("code", flat=True))
