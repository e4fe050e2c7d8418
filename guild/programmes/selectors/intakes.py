"""Reads of programmes and their intakes: the programmes a person may see with their
intakes, one programme with its phases, and one intake with its rules, pre-joined."""

from django.db.models import Count, Prefetch, Q, QuerySet

from guild.accounts.models import AnyUser
from guild.accounts.scopes import scope_for
from guild.members.access import approved_memberships, own_member_id
from guild.programmes.models import Intake, Programme


def readable_community_ids(user: AnyUser) -> set[int] | None:
    """The communities whose programmes `user` may read; None means all (platform)."""
    scope = scope_for(user)
    if not scope.is_authenticated:
        return set()
    if scope.platform_admin:
        return None
    communities = set(scope.admin_communities) | set(scope.committee_communities)
    communities |= {community for community, _department in scope.coordinated}
    member_id = own_member_id(user)
    if member_id is not None:
        communities |= set(
            approved_memberships()
            .filter(member_id=member_id, member__is_active=True)
            .values_list("community_id", flat=True)
        )
    return communities


def _intakes_with_counts() -> QuerySet[Intake]:
    open_nominations = Q(nominations__withdrawn_at__isnull=True)
    return Intake.objects.select_related("phase").annotate(
        nomination_count=Count("nominations", filter=open_nominations)
    )


def programmes_visible(user: AnyUser) -> list[Programme]:
    """The programmes `user` may read, each with its intakes (newest first) prefetched."""
    communities = readable_community_ids(user)
    programmes = Programme.objects.select_related("community")
    if communities is not None:
        programmes = programmes.filter(community_id__in=communities)
    return list(programmes.prefetch_related(Prefetch("intakes", queryset=_intakes_with_counts())))


def intakes_visible(user: AnyUser, *, programme_id: int | None = None) -> QuerySet[Intake]:
    communities = readable_community_ids(user)
    intakes = Intake.objects.select_related("programme", "phase").prefetch_related(
        "criteria", "balance_rules", "eligible_levels"
    )
    if communities is not None:
        intakes = intakes.filter(programme__community_id__in=communities)
    if programme_id is not None:
        intakes = intakes.filter(programme_id=programme_id)
    return intakes.order_by("-starts_on", "pk")


def programme_detail(programme: Programme) -> Programme:
    """The programme with its phases and intakes (with their open nominations counted)."""
    return (
        Programme.objects.select_related("community")
        .prefetch_related("phases", Prefetch("intakes", queryset=_intakes_with_counts()))
        .get(pk=programme.pk)
    )


def intake_detail(intake: Intake) -> Intake:
    """The intake with its criteria, balance rules and eligible levels."""
    return (
        _intakes_with_counts()
        .select_related("programme", "programme__community")
        .prefetch_related("criteria", "balance_rules", "eligible_levels")
        .get(pk=intake.pk)
    )
