"""What each role sees first: a home page assembled from the apps' selectors.

Member counts are figures about people: only active members who agreed to be counted are
counted, and `core.disclosure` decides what is shown (`pool_with_room`, `pool_breakdown`).
A coordinator's panel of their department is the department's line of the community's
panel broken down by region, so it shows nothing where the community's panel does not show
the department on its own (its total would give away the groups pooled with it).
"""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from guild.accounts.scopes import scope_for
from guild.core.disclosure import PooledCounts, pool_breakdown, pool_with_room, shown
from guild.members.selectors import member_counts_by, member_for_user, member_reports
from guild.organizations.models import Community, Department, Region

OTHER = "\x00other"  # the pool's key: no group is called this


@dataclass
class CountRow:
    label: str
    count: int | None  # None: suppressed, fewer than the threshold


@dataclass
class Panel:
    community: Community | None = None
    department: Department | None = None
    total: int | None = 0  # None: hidden
    rows: list[CountRow] = field(default_factory=list)


def _pooled(counts: list[dict[str, Any]], key: str, threshold: int) -> PooledCounts:
    return pool_with_room({str(row[key]): row["n"] for row in counts}, threshold, OTHER)


def _rows(pooled: PooledCounts, labels: dict[Any, str]) -> list[CountRow]:
    """The groups in the order `core.disclosure` lists them, labelled; "Other" for the pool."""
    return [
        CountRow(str(_("Other")) if key == OTHER else labels.get(key, "—"), shown(value))
        for key, value in pooled.largest_first(OTHER, lambda key: labels.get(key, ""))
    ]


def home_context(user: Any) -> dict[str, Any]:
    scope = scope_for(user)
    threshold = settings.GUILD_DISCLOSURE_THRESHOLD
    member = member_for_user(user)
    context: dict[str, Any] = {
        "member": member,
        "reports": list(member_reports(member=member)[:50]) if member else [],
        "threshold": threshold,
        "coordinator_panels": [],
        "community_panels": [],
        "is_platform_admin": scope.platform_admin,
    }
    communities = sorted(scope.admin_communities | scope.committee_communities)
    by_department: dict[int, PooledCounts] = {}
    for community_id in sorted({c for c, _d in scope.coordinated} | set(communities)):
        counts = member_counts_by(field="department", community_id=community_id)
        by_department[community_id] = _pooled(counts, "department", threshold)
    # Labels for every row, retired ones included; read only when a panel needs them.
    regions = {str(r.pk): r.name for r in Region.objects.all()} if scope.coordinated else {}
    for community_id, department_id in sorted(scope.coordinated):
        panel = Panel(
            community=Community.objects.get(pk=community_id),
            department=Department.objects.get(pk=department_id),
            total=None,
        )
        counts = member_counts_by(
            field="region", department_id=department_id, community_id=community_id
        )
        breakdown = pool_breakdown(
            by_department[community_id],
            str(department_id),
            {str(row["region"]): row["n"] for row in counts},
            threshold,
            OTHER,
        )
        if breakdown is not None:
            panel.total = shown(by_department[community_id].counts[str(department_id)])
            panel.rows = _rows(breakdown, regions)
        context["coordinator_panels"].append(panel)
    departments = {str(d.pk): d.name for d in Department.objects.all()} if communities else {}
    for community_id in communities:
        pooled = by_department[community_id]
        context["community_panels"].append(
            Panel(
                community=Community.objects.get(pk=community_id),
                total=shown(pooled.total),
                rows=_rows(pooled, departments),
            )
        )
    context["can_manage_roles"] = scope.platform_admin or bool(scope.admin_communities)
    return context
