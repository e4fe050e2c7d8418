"""Who sees and changes the course catalogue. Missing and forbidden look the same (NotFound).

* The catalogue is not personal data: every signed-in person reads the courses on offer
  (active ones); courses no longer offered, and every change, are for those who manage the
  community's catalogue (its programme administrators and platform administrators).
* The coverage report sets the catalogue beside the community's learning needs, figures
  about people: it follows the learning needs' own door (community-wide figures only).
"""

from typing import Any

from guild.accounts.models import AnyUser
from guild.accounts.scopes import scope_for
from guild.competencies.access import access_heat_map
from guild.core.errors import NotFound
from guild.learning.models import Course, Provider
from guild.members.access import approved_memberships, own_member_id
from guild.organizations.models import Community


def _pk(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFound() from None


def can_manage_catalogue(user: AnyUser, community_id: int) -> bool:
    return scope_for(user).administers(community_id)


def managed_communities(user: AnyUser) -> list[Community]:
    """The communities whose catalogue `user` manages, by name."""
    scope = scope_for(user)
    return [c for c in Community.objects.active().order_by("code") if scope.administers(c.pk)]


def own_community_ids(user: AnyUser) -> set[int]:
    """The communities a person has a role in or belongs to: where their pages open first."""
    scope = scope_for(user)
    ids = set(scope.admin_communities) | set(scope.committee_communities)
    ids |= {community for community, _department in scope.coordinated}
    member_id = own_member_id(user)
    if member_id is not None:
        ids |= set(
            approved_memberships()
            .filter(member_id=member_id)
            .values_list("community_id", flat=True)
        )
    return ids


def access_provider(user: AnyUser, provider_id: Any, *, to_change: bool = False) -> Provider:
    if not scope_for(user).is_authenticated:
        raise NotFound()
    provider = Provider.objects.select_related("community").filter(pk=_pk(provider_id)).first()
    if provider is None:
        raise NotFound()
    if to_change and not can_manage_catalogue(user, provider.community_id):
        raise NotFound()
    return provider


def access_course(user: AnyUser, course_id: Any, *, to_change: bool = False) -> Course:
    if not scope_for(user).is_authenticated:
        raise NotFound()
    course = Course.objects.select_related("provider__community").filter(pk=_pk(course_id)).first()
    if course is None:
        raise NotFound()
    manages = can_manage_catalogue(user, course.provider.community_id)
    if (to_change or not course.active) and not manages:
        raise NotFound()
    return course


def access_coverage(user: AnyUser, community: Community) -> None:
    """Raise NotFound unless `user` may read the community-wide learning needs."""
    access_heat_map(user, community.pk, None)
