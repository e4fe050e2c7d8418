"""The workforce tables as the page shows them: per table, a grouped bar chart of the
respondents eligible to retire at each horizon by group, and its data table, both built
from the same published cells so that a hidden figure is hidden in both."""

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from guild.core.charts import (
    DataTable,
    GroupedBarChart,
    Series,
    TableRow,
    grouped_bar_chart,
)
from guild.workforce.selectors import Workforce, WorkforceTable


@dataclass(frozen=True)
class WorkforceFigure:
    chart: SafeString
    table: DataTable


def workforce_chart(table: WorkforceTable, horizons: list[str], language: str) -> GroupedBarChart:
    """One series per horizon, one category per row of the table (groups, then all
    respondents), each bar the table's published cell."""
    rows = (*table.rows, table.overall)
    label = table.label.get(language)
    return GroupedBarChart(
        id=f"workforce-{table.by}-chart",
        title=_("Eligibility to retire by “%(label)s”") % {"label": label},
        categories=[row.label.get(language) for row in rows],
        series=[
            Series(horizon, [row.within[index] for row in rows])
            for index, horizon in enumerate(horizons)
        ],
        unit="count",
    )


def workforce_figures(workforce: Workforce, language: str) -> list[WorkforceFigure]:
    """A chart and its table per workforce table; the table keeps the respondents column,
    which the chart leaves out so the horizons are drawn on a scale of their own."""
    horizons = [label.get(language) for label in workforce.horizon_labels]
    figures = []
    for table in workforce.tables:
        chart = workforce_chart(table, horizons, language)
        data = DataTable(
            id=f"workforce-{table.by}",
            caption=chart.title,
            headers=(_("Group"), *horizons, _("Respondents")),
            rows=tuple(
                TableRow(row.label.get(language), (*row.within, row.total))
                for row in (*table.rows, table.overall)
            ),
        )
        figures.append(WorkforceFigure(grouped_bar_chart(chart), data))
    return figures
