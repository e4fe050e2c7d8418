"""The workforce view: from the answers to the questions a questionnaire declares as the
age band and the years-of-service band (declaration.py), how many respondents may retire
with an unreduced pension within 1, 5 and 10 years (retirement.py, the pension rules kept
as data), by department, region and the declared occupational group, suppressed like
every other result.

Each table counts every respondent once: rows are the groups (pooled as on the other
results pages, "not stated" included), columns the exclusive categories by the certain
bound (retirement.CATEGORIES) and "age or service not given", so its margins are the
group's published counts and the workforce categories' own one-way counts (see linked.py).
"Within N years" is the sum of published exclusive cells, hidden when any of them is.

The age by service cross-tab itself is never published (results.statistics.workforce_pair
reads the same declaration): the categories are sums of its cells, so publishing both
would suppress the same people twice.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guild.core.disclosure import Cell, Suppressed
from guild.questionnaires.definition.types import Breakdown, Definition, Text
from guild.questionnaires.models import Answer, Questionnaire
from guild.questionnaires.results.linked import margin_cells, margin_hidden, suppress_linked
from guild.questionnaires.results.selectors import results_definition
from guild.questionnaires.results.statistics import TIMEOUT as CACHE_TIMEOUT
from guild.questionnaires.results.statistics import counts, results_cache_key
from guild.questionnaires.results.statistics.groupings import (
    Grouping,
    definition_groupings,
    grouping,
)
from guild.questionnaires.results.statistics.variables import bilingual
from guild.workforce.declaration import Declaration, workforce_declaration
from guild.workforce.retirement import (
    CATEGORIES,
    Category,
    PensionRules,
    eligibility_horizon,
    load_rules,
)

__all__ = ["Workforce", "questionnaire_workforce", "workforce_results"]

HORIZON_LABELS = (
    (0, _("Already eligible")),
    (1, _("Within 1 year")),
    (5, _("Within 5 years")),
    (10, _("Within 10 years")),
)
# The department and region are copied onto every Answer row; other groups are joined.
_COLUMNS = {Breakdown.DEPARTMENT: "department", Breakdown.REGION: "region"}
CategoryOf = Callable[[str, str], Category | None]


@dataclass(frozen=True)
class WorkforceRow:
    code: str
    label: Text
    cells: tuple[Cell, ...]  # per exclusive category, then "not given"
    within: tuple[Cell, ...]  # cumulative, per HORIZON_LABELS
    total: Cell


@dataclass(frozen=True)
class WorkforceTable:
    by: str  # question code
    label: Text
    rows: tuple[WorkforceRow, ...]
    overall: WorkforceRow


@dataclass(frozen=True)
class Workforce:
    reference_year: int
    plan: Text  # the pension plan's name, in French where the rules give it
    tables: tuple[WorkforceTable, ...]

    @property
    def horizon_labels(self) -> tuple[Text, ...]:
        return tuple(bilingual(label) for _years, label in HORIZON_LABELS)


def _within(cells: tuple[Cell, ...]) -> tuple[Cell, ...]:
    """Cumulative counts as sums of published exclusive cells (hidden if any part is)."""
    result: list[Cell] = []
    for index in range(len(HORIZON_LABELS)):
        parts = cells[: index + 1]
        hidden = next((part for part in parts if isinstance(part, Suppressed)), None)
        result.append(hidden if hidden is not None else sum(parts))  # type: ignore[arg-type]
    return tuple(result)


def _rows(
    questionnaire_id: int, age: str, service: str, dimension: str, column: str | None
) -> list[tuple[str, str, str, int]]:
    """(age code, service code, group, count) for respondents who gave both bands."""
    answer = connection.ops.quote_name(Answer._meta.db_table)
    join, params = "", [service]
    if column is not None:
        group_sql = f"a.{column}"
    else:
        group_sql = "COALESCE(g.choice, '')"
        join = (
            f"LEFT JOIN {answer} g ON g.response_id = a.response_id "
            "AND g.question = %s AND g.item = ''"
        )
        params.append(dimension)
    sql = (
        f"SELECT a.choice, s.choice, {group_sql}, COUNT(*) FROM {answer} a "  # noqa: S608
        f"JOIN {answer} s ON s.response_id = a.response_id AND s.question = %s "
        f"{join} WHERE a.questionnaire_id = %s AND a.snapshot > 0 AND a.question = %s "
        "GROUP BY 1, 2, 3"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, questionnaire_id, age])
        return [(a, s, g or "", int(n)) for a, s, g, n in cursor.fetchall()]


def workforce_results(
    questionnaire: Questionnaire,
    definition: Definition,
    *,
    groupings: dict[str, Grouping],
    group_totals: dict[str, list[int]],
    reference_year: int | None = None,
    rules: PensionRules | None = None,
) -> Workforce | None:
    """The workforce tables, or None if the definition does not declare the age and
    service bands.

    ``groupings`` and ``group_totals`` give, for each breakdown question, its published
    categories and their counts (the same as on the breakdown pages).
    """
    declared = workforce_declaration(definition)
    if declared is None:
        return None
    rules = rules or load_rules()
    year = reference_year or timezone.localdate().year
    horizons: dict[tuple[str, str], Category | None] = {}

    def category(age_code: str, service_code: str) -> Category | None:
        key = (age_code, service_code)
        if key not in horizons:
            age_band = declared.ages.get(age_code)
            service_band = declared.services.get(service_code)
            horizons[key] = (
                None
                if age_band is None or service_band is None
                else eligibility_horizon(age_band, service_band, rules, reference_year=year).certain
            )
        return horizons[key]

    tables = tuple(
        _table(questionnaire, definition, declared, code, grouped, group_totals[code], category)
        for code, grouped in groupings.items()
    )
    return Workforce(year, Text(rules.plan, rules.plan_fr or rules.plan), tables)


def _table(
    questionnaire: Questionnaire,
    definition: Definition,
    declared: Declaration,
    code: str,
    grouped: Grouping,
    totals: list[int],
    category: CategoryOf,
) -> WorkforceTable:
    threshold = questionnaire.threshold
    question = definition.question(code)
    column = _COLUMNS.get(question.breakdown) if question.breakdown else None
    columns = len(CATEGORIES) + 1
    table = [[0] * columns for _ in range(len(grouped.variable.categories))]
    found = _rows(questionnaire.pk, declared.age.code, declared.service.code, code, column)
    for age_code, service_code, group, n in found:
        found_category = category(age_code, service_code)
        if found_category is not None:
            table[grouped.position(group)][CATEGORIES.index(found_category)] += n
    for i, row in enumerate(table):
        row[-1] = max(0, totals[i] - sum(row[:-1]))
    column_margin = [sum(row[j] for row in table) for j in range(columns)]
    linked = suppress_linked(
        table,
        threshold,
        row_hidden=margin_hidden(totals, threshold),
        column_hidden=margin_hidden(column_margin, threshold),
    )
    rows = tuple(
        WorkforceRow(c.code, c.label, cells, _within(cells), linked.row_totals[i])
        for i, (c, cells) in enumerate(zip(grouped.variable.categories, linked.cells, strict=True))
    )
    overall_cells = margin_cells(column_margin, margin_hidden(column_margin, threshold), threshold)
    overall = WorkforceRow(
        "",
        bilingual(_("All respondents")),
        overall_cells,
        _within(overall_cells),
        linked.grand_total,
    )
    return WorkforceTable(code, question.label, rows, overall)


def workforce_groupings(
    definition: Definition, groupings: dict[str, Grouping], threshold: int
) -> dict[str, Grouping]:
    """The department and region questions, then the declared occupational group, as
    published groups."""
    result = dict(groupings)
    declared = workforce_declaration(definition)
    group = declared.group if declared else None
    if group is not None and group.code not in result:
        result[group.code] = grouping(group, {}, threshold)
    return result


def questionnaire_workforce(
    questionnaire: Questionnaire, *, reference_year: int | None = None
) -> Workforce | None:
    """The cached workforce view of a questionnaire's results (None without the declared
    age and service bands, or with fewer respondents than the threshold)."""
    definition, version_id = results_definition(questionnaire)
    year = reference_year or timezone.localdate().year
    key = results_cache_key(questionnaire, version_id, f"workforce:{year}")
    cached = cache.get(key)
    if cached is not None:
        return cached or None
    total = counts.respondents(questionnaire.pk)
    result: Workforce | None = None
    if total >= questionnaire.threshold and workforce_declaration(definition):
        facts = counts.answer_facts(questionnaire.pk, group_by=None, bands={})
        groupings = workforce_groupings(
            definition,
            definition_groupings(definition, facts, questionnaire.threshold),
            questionnaire.threshold,
        )
        group_totals: dict[str, list[int]] = {}
        for code, grouped in groupings.items():
            totals = [0] * len(grouped.variable.categories)
            for fact in facts:
                if fact.question == code and not fact.item:
                    totals[grouped.position(fact.choice)] += fact.rows
            totals[-1] = total - sum(totals[:-1])
            group_totals[code] = totals
        result = workforce_results(
            questionnaire,
            definition,
            groupings=groupings,
            group_totals=group_totals,
            reference_year=year,
        )
    cache.set(key, result or False, CACHE_TIMEOUT)
    return result
