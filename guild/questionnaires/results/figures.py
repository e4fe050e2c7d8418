"""The charts and tables of each question on a results page, from its published figures."""

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from guild.core.charts import (
    Bar,
    BarChart,
    DataTable,
    GroupedBarChart,
    HeatMapChart,
    Series,
    bar_chart,
    chart_table_for_bars,
    chart_table_for_grouped_bars,
    chart_table_for_heat_map,
    grouped_bar_chart,
    heat_map,
)
from guild.core.disclosure import Suppressed
from guild.questionnaires.results.statistics import QuestionResult, Results


@dataclass(frozen=True)
class Figure:
    title: str
    chart: SafeString
    table: DataTable
    caption: str


def _caption(block_label: str | None) -> str:
    # The question's label is the section heading above: a caption repeating it would print
    # every title twice.
    return block_label or _("Percentage of respondents giving each answer")


def _fraction(value: float | Suppressed) -> float | Suppressed:
    return value if isinstance(value, Suppressed) else value / 100


def figures_overall(question: QuestionResult, language: str) -> list[Figure]:
    figures = []
    for index, block in enumerate(question.blocks):
        title = question.label.get(language)
        if block.label is not None:
            title = f"{title} — {block.label.get(language)}"
        chart = BarChart(
            id=f"q-{question.code}-{index}",
            title=title,
            bars=[
                Bar(row.label.get(language), row.overall_percentage, row.overall)
                for row in block.rows
            ],
        )
        table = chart_table_for_bars(chart, category_header=_("Answer"))
        caption = _caption(block.label.get(language) if block.label else None)
        figures.append(Figure(title, bar_chart(chart), table, caption))
    return figures


def figures_side_by_side(
    question: QuestionResult, column: int, group_label: str, language: str
) -> list[Figure]:
    figures = []
    for index, block in enumerate(question.blocks):
        title = question.label.get(language)
        if block.label is not None:
            title = f"{title} — {block.label.get(language)}"
        chart = GroupedBarChart(
            id=f"q-{question.code}-{index}",
            title=title,
            categories=[row.label.get(language) for row in block.rows],
            series=[
                Series(
                    group_label,
                    [row.percentages[column] for row in block.rows],
                    [row.counts[column] for row in block.rows],
                ),
                Series(
                    _("All respondents"),
                    [row.overall_percentage for row in block.rows],
                    [row.overall for row in block.rows],
                ),
            ],
        )
        table = chart_table_for_grouped_bars(chart, category_header=_("Answer"))
        caption = _caption(block.label.get(language) if block.label else None)
        figures.append(Figure(title, grouped_bar_chart(chart), table, caption))
    return figures


HEAT_MAP_MAX_GROUPS = 12
"""Beyond this many groups a heat map's labels are unreadable and its SVG outweighs the page:
the table, which scrolls with its first column fixed, is then the figure."""


def figures_breakdown(question: QuestionResult, results: Results, language: str) -> list[Figure]:
    figures = []
    drawn = len(results.columns) <= HEAT_MAP_MAX_GROUPS
    columns = [column.label.get(language) for column in results.columns]
    for index, block in enumerate(question.blocks):
        title = question.label.get(language)
        if block.label is not None:
            title = f"{title} — {block.label.get(language)}"
        chart = HeatMapChart(
            id=f"q-{question.code}-{index}",
            title=title,
            rows=[row.label.get(language) for row in block.rows],
            columns=[*columns, _("All respondents")],
            values=[
                [
                    *(_fraction(p) for p in row.percentages),
                    _fraction(row.overall_percentage),
                ]
                for row in block.rows
            ],
            description=_("Percentage of each group's respondents giving each answer."),
        )
        table = chart_table_for_heat_map(chart, row_header=_("Answer"))
        caption = block.label.get(language) if block.label else chart.description
        figures.append(Figure(title, heat_map(chart) if drawn else SafeString(""), table, caption))
    return figures
