"""The workforce view: from the answers to the age band and years-of-service band
questions, how many respondents may retire with an unreduced pension within 1, 5 and 10
years (retirement.py, the pension rules kept as data), by department, region and
occupational group, suppressed like every other result.

Each table counts every respondent once: rows are the groups (pooled as on the other
results pages, "not stated" included), columns the exclusive categories by the certain
bound (retirement.CATEGORIES) and "age or service not given", so its margins are the
group's published counts and the workforce categories' own one-way counts (see linked.py).
"Within N years" is the sum of published exclusive cells, hidden when any of them is.

The age by service cross-tab itself is never published (statistics.workforce_pair): the
categories are sums of its cells, so publishing both would suppress the same people twice.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db import connection
from django.utils.translation import gettext_lazy as _

from guild.core.disclosure import Cell, Suppressed
from guild.questionnaires.definition.types import Definition, Text
from guild.questionnaires.demo_definition import AGE_BANDS, SERVICE_BANDS
from guild.questionnaires.models import Answer, Questionnaire
from guild.questionnaires.results.linked import margin_cells, margin_hidden, suppress_linked
from guild.questionnaires.results.statistics import TIMEOUT as CACHE_TIMEOUT
from guild.questionnaires.results.statistics import counts, results_cache_key, results_definition
from guild.questionnaires.results.statistics.published import (
    Grouping,
    definition_groupings,
    grouping,
)
from guild.questionnaires.results.statistics.variables import bilingual
from guild.questionnaires.results.statistics.workforce_pair import (
    AGE_QUESTIONS,
    SERVICE_QUESTIONS,
    first_present,
    workforce_questions,
)
from guild.questionnaires.retirement import (
    CATEGORIES,
    Band,
    Category,
    PensionRules,
    eligibility_horizon,
    load_rules,
)

__all__ = ["AGE_QUESTIONS", "SERVICE_QUESTIONS", "questionnaire_workforce", "workforce_questions"]

GROUP_QUESTIONS = ("occupational_group", "group")
HORIZON_LABELS = (
    (0, _("Already eligible")),
    (1, _("Within 1 year")),
    (5, _("Within 5 years")),
    (10, _("Within 10 years")),
)
_UNDER = re.compile(r"(?:under|lt)_(\d+)\Z")
_RANGE = re.compile(r"(\d+)_(\d+)\Z")
_PLUS = re.compile(r"(\d+)_plus\Z")
_KNOWN = {code: Band(code, low, high) for code, low, high in (*AGE_BANDS, *SERVICE_BANDS)}


def band_from_code(code: str) -> Band | None:
    """A band from an option code such as ``under_25``, ``25_29``, ``65_plus``."""
    if code in _KNOWN:
        return _KNOWN[code]
    if match := _UNDER.match(code):
        return Band(code, 0, int(match[1]) - 1)
    if match := _RANGE.match(code):
        low, high = int(match[1]), int(match[2])
        return Band(code, low, high) if low <= high else None
    if match := _PLUS.match(code):
        return Band(code, int(match[1]), None)
    return None


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
    plan: str
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
        f"SELECT a.choice, s.choice, {group_sql}, COUNT(*) FROM {answer} a "
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
    """The workforce tables, or None if the definition has no age and service questions.

    ``groupings`` and ``group_totals`` give, for each breakdown question, its published
    categories and their counts (the same as on the breakdown pages).
    """
    found = workforce_questions(definition)
    if found is None:
        return None
    age, service = found
    rules = rules or load_rules()
    year = reference_year or date.today().year
    threshold = questionnaire.threshold
    horizons: dict[tuple[str, str], Category | None] = {}

    def category(age_code: str, service_code: str) -> Category | None:
        key = (age_code, service_code)
        if key not in horizons:
            age_band, service_band = band_from_code(age_code), band_from_code(service_code)
            horizons[key] = (
                None
                if age_band is None or service_band is None
                else eligibility_horizon(age_band, service_band, rules, reference_year=year).certain
            )
        return horizons[key]

    columns = len(CATEGORIES) + 1
    tables = []
    for code, grouped in groupings.items():
        question = definition.question(code)
        column = (
            "department"
            if question.breakdown == "department"
            else "region"
            if question.breakdown == "region"
            else None
        )
        totals = group_totals[code]
        width = len(grouped.variable.categories)
        table = [[0] * columns for _ in range(width)]
        for age_code, service_code, group, n in _rows(questionnaire.pk, age, service, code, column):
            found_category = category(age_code, service_code)
            if found_category is None:
                continue
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
            for i, (c, cells) in enumerate(
                zip(grouped.variable.categories, linked.cells, strict=True)
            )
        )
        overall_cells = margin_cells(
            column_margin, margin_hidden(column_margin, threshold), threshold
        )
        overall = WorkforceRow(
            "",
            bilingual(_("All respondents")),
            overall_cells,
            _within(overall_cells),
            linked.grand_total,
        )
        tables.append(WorkforceTable(code, question.label, rows, overall))
    return Workforce(year, rules.plan, tuple(tables))


def workforce_groupings(
    definition: Definition, groupings: dict[str, Grouping], threshold: int
) -> dict[str, Grouping]:
    """The department, region and occupational group questions as published groups."""
    result = {code: found for code, found in groupings.items()}
    group = first_present(definition, GROUP_QUESTIONS)
    if group and group not in result:
        result[group] = grouping(definition.question(group), {}, threshold)
    return result


def questionnaire_workforce(
    questionnaire: Questionnaire, *, reference_year: int | None = None
) -> Workforce | None:
    """The cached workforce view of a questionnaire's results (None without the questions,
    or with fewer respondents than the threshold)."""
    definition, version_id = results_definition(questionnaire)
    year = reference_year or date.today().year
    key = results_cache_key(questionnaire, version_id, f"workforce:{year}")
    cached = cache.get(key)
    if cached is not None:
        return cached or None
    total = counts.respondents(questionnaire.pk)
    result: Workforce | None = None
    if total >= questionnaire.threshold and workforce_questions(definition):
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
