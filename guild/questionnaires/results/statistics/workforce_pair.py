"""The age and years-of-service questions the workforce view is computed from.

The workforce categories ("eligible within 1, 5, 10 years") are sums of cells of the age by
service table, suppressed as a table of their own. Publishing that table too (as a
cross-tab, or as one question broken down by the other) would give two suppressions of the
same people, and differences between a published category and published cells could show
a hidden one. So results never publish one of the pair against the other: the cross-tab is
refused, and a breakdown by one leaves the other out.
"""

from django.utils.translation import gettext_lazy as _

from guild.core.errors import ApplicationError
from guild.questionnaires.definition.types import Definition

AGE_QUESTIONS = ("age_band", "age")
SERVICE_QUESTIONS = ("service_years", "service_band", "years_of_service")


def first_present(definition: Definition, codes: tuple[str, ...]) -> str | None:
    present = {q.code for q in definition.questions}
    return next((code for code in codes if code in present), None)


def workforce_questions(definition: Definition) -> tuple[str, str] | None:
    """The (age, service) question codes, when the definition has both."""
    age, service = (
        first_present(definition, AGE_QUESTIONS),
        first_present(definition, SERVICE_QUESTIONS),
    )
    return (age, service) if age and service else None


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
