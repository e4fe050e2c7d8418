"""The questions the workforce view is computed from: those the definition declares as the
age band and the years-of-service band (`definition.WorkforceRole`), whatever their codes.

The workforce categories ("eligible within 1, 5, 10 years") are sums of cells of the age by
service table, suppressed as a table of their own. Publishing that table too (as a
cross-tab, or as one question broken down by the other) would give two suppressions of the
same people, and differences between a published category and published cells could show
a hidden one. So results never publish one of the pair against the other: the cross-tab is
refused, and a breakdown by one leaves the other out.
"""

from django.utils.translation import gettext_lazy as _

from guild.core.errors import ApplicationError
from guild.questionnaires.definition.types import Definition, WorkforceRole


def workforce_questions(definition: Definition) -> tuple[str, str] | None:
    """The (age, service) question codes, when the definition declares both."""
    roles = definition.workforce_roles()
    age, service = roles.get(WorkforceRole.AGE), roles.get(WorkforceRole.SERVICE)
    return (age.code, service.code) if age and service else None


def withheld_against(definition: Definition, by: str | None) -> str | None:
    """The question not published broken down by ``by``: the other one of the pair."""
    pair = workforce_questions(definition)
    if pair is None or by not in pair:
        return None
    return pair[1] if by == pair[0] else pair[0]


def check_crosstab_allowed(definition: Definition, rows: str, columns: str) -> None:
    """Refuse a cross-tab of the age question by the service one (either way round)."""
    if withheld_against(definition, columns) == rows:
        raise ApplicationError(
            _(
                "Age cannot be cross-tabulated with years of service: the workforce view "
                "already publishes totals from that table, and together they could reveal "
                "hidden figures."
            ),
            code="workforce_crosstab",
        )
