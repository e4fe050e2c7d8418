"""What each role sees first: a home page assembled from the apps' selectors."""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from guild.accounts.scopes import scope_for
from guild.members.selectors import member_counts_by, member_for_user, member_reports
from guild.organizations.models import Community, Department, Region


@dataclass
class CountRow:
    label: str
    count: int | None  # None: suppressed, fewer than the threshold


@dataclass
class Panel:
    community: Community | None = None
    department: Department | None = None
    total: int = 0
    rows: list[CountRow] = field(default_factory=list)


def _rows(
    counts: list[dict[str, Any]], key: str, labels: dict[Any, str], threshold: int
) -> list[CountRow]:
    """Groups below the threshold are pooled as "Other"; if the pool itself is small,
    the next-smallest groups join it, so no count under the threshold is shown and
    none can be recovered by subtracting the shown ones from the total."""
    ordered = sorted(counts, key=lambda row: (-row["n"], labels.get(row[key], "")))
    shown = [row for row in ordered if row["n"] >= threshold]
    pooled = sum(row["n"] for row in ordered if row["n"] < threshold)
    while 0 < pooled < threshold and shown:
        pooled += shown.pop()["n"]
    rows = [CountRow(labels.get(row[key], "—"), row["n"]) for row in shown]
    if pooled:
        rows.append(CountRow(str(_("Other")), pooled if pooled >= threshold else None))
    return rows


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
    # Labels for every row, retired ones included; read only when a panel needs them.
    regions = {r.pk: r.name for r in Region.objects.all()} if scope.coordinated else {}
    for community_id, department_id in sorted(scope.coordinated):
        counts = member_counts_by(
            field="region", department_id=department_id, community_id=community_id
        )
        context["coordinator_panels"].append(
            Panel(
                community=Community.objects.get(pk=community_id),
                department=Department.objects.get(pk=department_id),
                total=sum(row["n"] for row in counts),
                rows=_rows(counts, "region", regions, threshold),
            )
        )
    communities = sorted(scope.admin_communities | scope.committee_communities)
    departments = {d.pk: d.name for d in Department.objects.all()} if communities else {}
    for community_id in communities:
        counts = member_counts_by(field="department", community_id=community_id)
        context["community_panels"].append(
            Panel(
                community=Community.objects.get(pk=community_id),
                total=sum(row["n"] for row in counts),
                rows=_rows(counts, "department", departments, threshold),
            )
        )
    context["can_manage_roles"] = scope.platform_admin or bool(scope.admin_communities)
    return context
