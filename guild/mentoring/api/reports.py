"""API: a pool's report, every figure through `core.disclosure` (hidden ones as
`{"suppressed": true}`)."""

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import codes_4xx

from guild.core.api_errors import ErrorOut
from guild.core.api_schemas import Count, Figure, hidden_json
from guild.core.disclosure import DEFAULT_THRESHOLD
from guild.mentoring.access import access_pool_reports
from guild.mentoring.report import pool_report
from guild.mentoring.selectors.reports import pool_raw_counts

router = Router(tags=["mentoring"])


class PlaceRowOut(Schema):
    department: str
    regions: dict[str, Count]
    total: Count


class ReportOut(Schema):
    pool_id: int
    threshold: int
    people_in_pairs: Count = Field(
        description="Members in at least one pair of a published round (who agreed to be "
        "counted in statistics)."
    )
    by_department: list[PlaceRowOut] = Field(description="Departments by regions.")
    by_region: dict[str, Count]
    accepted: Count
    declined: Count
    acceptance_rate: Figure = Field(description="Accepted ÷ decided, in percent.")
    completed: Count
    ended_early: Count
    completion_rate: Figure = Field(description="Completed ÷ ended, in percent.")


@router.get(
    "/pools/{pool_id}/report",
    response={200: ReportOut, codes_4xx: ErrorOut},
    operation_id="mentoring_pool_report",
)
def report(request: HttpRequest, pool_id: int) -> ReportOut:
    """People in pairs by department and region, acceptance and completion, with every
    figure about fewer than the threshold hidden (the community's administrators,
    committee and department coordinators)."""
    pool = access_pool_reports(request.user, pool_id)
    raw = pool_raw_counts(pool)
    published = pool_report(
        raw.by_place,
        accepted=raw.accepted,
        declined=raw.declined,
        completed=raw.completed,
        ended=raw.ended,
        threshold=DEFAULT_THRESHOLD,
    )
    rate = published.acceptance.percentages["accepted"]
    done = published.completion.percentages["completed"]
    return ReportOut(
        pool_id=pool.pk,
        threshold=published.threshold,
        people_in_pairs=hidden_json(published.people),
        by_department=[
            PlaceRowOut(
                department=department,
                regions={
                    region: hidden_json(published.cells[i][j])
                    for j, region in enumerate(published.regions)
                },
                total=hidden_json(published.by_department[i]),
            )
            for i, department in enumerate(published.departments)
        ],
        by_region={
            region: hidden_json(published.by_region[j])
            for j, region in enumerate(published.regions)
        },
        accepted=hidden_json(published.acceptance.counts["accepted"]),
        declined=hidden_json(published.acceptance.counts["declined"]),
        acceptance_rate=None if published.acceptance.n == 0 else hidden_json(rate),
        completed=hidden_json(published.completion.counts["completed"]),
        ended_early=hidden_json(published.completion.counts["ended"]),
        completion_rate=None if published.completion.n == 0 else hidden_json(done),
    )
