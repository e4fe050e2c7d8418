"""A questionnaire's results as published: every count, percentage, mean and median already
through disclosure control (see linked.py for why the tables cannot be played against each
other). Plain frozen data, the same for pages, the API and exports; labels carry both
languages.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from guild.core.disclosure import (
    SMALL,
    Cell,
    Percentage,
    Suppressed,
    SuppressedTable,
    check_threshold,
    percent,
    pool_small_groups,
)
from guild.members.models import Member
from guild.questionnaires.definition.types import (
    Breakdown,
    Definition,
    Question,
    QuestionType,
    Text,
)
from guild.questionnaires.models import Audience, Questionnaire
from guild.questionnaires.results.linked import margin_cells, margin_hidden, suppress_linked
from guild.questionnaires.results.statistics import counts
from guild.questionnaires.results.statistics.variables import (
    OTHER,
    Category,
    Kind,
    Variable,
    bilingual,
    question_variables,
)

Figure = float | Suppressed | None


@dataclass(frozen=True)
class Column:
    code: str
    label: Text


@dataclass(frozen=True)
class Row:
    """One category: its count and percentage in each column, and service-wide."""

    code: str
    label: Text
    counts: tuple[Cell, ...]
    percentages: tuple[Percentage, ...]
    overall: Cell
    overall_percentage: Percentage


@dataclass(frozen=True)
class Block:
    """One table of a question: the whole question, or one matrix row."""

    key: str
    label: Text | None
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class QuestionResult:
    code: str
    type: QuestionType
    label: Text
    n: Cell | None
    blocks: tuple[Block, ...] = ()
    mean: Figure = None
    median: Figure = None
    mean_ranks: tuple[tuple[str, Text, Figure], ...] = ()


@dataclass(frozen=True)
class Results:
    questionnaire_id: int
    threshold: int
    respondents: Cell
    audience: int | None
    response_rate: Figure
    by: str | None = None
    by_label: Text | None = None
    columns: tuple[Column, ...] = ()
    column_totals: tuple[Cell, ...] = ()
    questions: tuple[QuestionResult, ...] = field(default_factory=tuple)
    # Questions left out of this breakdown (see statistics.workforce_pair).
    withheld: tuple[str, ...] = ()
    # The results snapshot the figures come from (ADR 14).
    snapshot_number: int | None = None
    published_at: datetime | None = None

    @property
    def enough(self) -> bool:
        return not isinstance(self.respondents, Suppressed)

    @property
    def columns_with_totals(self) -> list[tuple[Column, Cell]]:
        return list(zip(self.columns, self.column_totals, strict=True))

    def question(self, code: str) -> QuestionResult:
        for question in self.questions:
            if question.code == code:
                return question
        raise KeyError(code)


# --- groups --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grouping:
    """How a single-choice question's raw answers map onto published categories: groups
    below the threshold pooled for the department and region questions."""

    variable: Variable
    index: dict[str, int]  # raw code -> category index; anything else is "no answer"

    def position(self, raw: str) -> int:
        return self.index.get(raw, len(self.variable.categories) - 1)


def _other_label(question: Question) -> Text:
    if question.breakdown == Breakdown.DEPARTMENT:
        return bilingual(_("Other organizations"))
    if question.breakdown == Breakdown.REGION:
        return bilingual(_("Other regions"))
    return bilingual(_("Other"))


def grouping(question: Question, raw_counts: dict[str, int], threshold: int) -> Grouping:
    (variable,) = question_variables(question)
    options = variable.categories[:-1]
    if question.breakdown not in (Breakdown.DEPARTMENT, Breakdown.REGION):
        index = {category.code: i for i, category in enumerate(options)}
        return Grouping(variable, index)
    known = [category.code for category in options]
    groups = {code: raw_counts.get(code, 0) for code in known}
    groups.update({code: n for code, n in raw_counts.items() if code and code not in groups})
    pooled = pool_small_groups(groups, threshold, OTHER)
    kept = [category for category in options if category.code in pooled]
    categories = list(kept)
    if pooled.get(OTHER):
        categories.append(Category(OTHER, _other_label(question)))
    categories.append(variable.categories[-1])
    position = {category.code: i for i, category in enumerate(categories)}
    index = {code: position[code] for code in groups if code in position}
    if OTHER in position:
        index.update({code: position[OTHER] for code in groups if code not in position})
    return Grouping(
        Variable(variable.key, variable.question, Kind.CHOICE, variable.label, tuple(categories)),
        index,
    )


# --- assembling ----------------------------------------------------------------------------


def _is_later(question: Question, variable: Variable, dimension: Question | None) -> bool:
    """Whether this table is the transpose of one published the other way round: the same
    two single-choice questions crossed with ``by`` the other one. Such a pair is
    suppressed once, in the order of the questions' codes, whichever page asks."""
    return (
        dimension is not None
        and question.type in (QuestionType.SINGLE, QuestionType.LIKERT)
        and variable.kind == Kind.CHOICE
        and variable.key == question.code
        and question.code > dimension.code
    )


def _suppress_pair(
    table: list[list[int]],
    threshold: int,
    *,
    row_hidden: frozenset[int],
    column_hidden: frozenset[int],
    swap: bool,
) -> SuppressedTable:
    """One suppression decision per unordered pair of variables: the table is suppressed
    in the pair's canonical orientation and turned back if needed."""
    if not swap:
        return suppress_linked(table, threshold, row_hidden=row_hidden, column_hidden=column_hidden)
    transposed = [list(column) for column in zip(*table, strict=True)] if table else []
    return suppress_linked(
        transposed, threshold, row_hidden=column_hidden, column_hidden=row_hidden
    ).transposed()


def _cell_minus(total: int, part: Cell, threshold: int) -> Cell:
    if isinstance(part, Suppressed):
        return part
    value = total - part
    return SMALL if 0 < value < threshold else value


def _figure(total: float, count: Cell, threshold: int) -> Figure:
    if isinstance(count, Suppressed):
        return count
    if count < threshold:
        return SMALL if count else None
    return total / count


class _Tables:
    """Counts per variable, category and column, from the facts of one query."""

    def __init__(self, columns: int) -> None:
        self.columns = columns
        self.cells: dict[str, dict[tuple[int, int], int]] = defaultdict(lambda: defaultdict(int))

    def add(self, key: str, category: int, column: int, n: int) -> None:
        self.cells[key][(category, column)] += n

    def table(self, variable: Variable, column_totals: list[int]) -> list[list[int]]:
        found = self.cells.get(variable.key, {})
        rest = len(variable.categories) - 1
        rows = [[found.get((i, j), 0) for j in range(self.columns)] for i in range(rest)]
        residual = [
            max(0, column_totals[j] - sum(row[j] for row in rows)) for j in range(self.columns)
        ]
        return [*rows, residual]


def _place(
    fact: counts.Fact, variables: dict[str, tuple[Variable, ...]]
) -> tuple[str, str, int] | None:
    """The variable key, category code and count a fact adds to, if any."""
    found = variables.get(fact.question)
    if not found:
        return None
    kind = found[0].kind
    if kind == Kind.CHOICE and fact.item == "" and fact.band < 0:
        return found[0].key, fact.choice, fact.rows
    if kind == Kind.CHOICE and fact.item:
        return f"{fact.question}:{fact.item}", fact.choice, fact.rows
    if kind == Kind.CHOSEN and fact.choice:
        return f"{fact.question}={fact.choice}", "chosen", fact.rows
    if kind == Kind.FIRST and fact.item:
        return found[0].key, fact.item, fact.firsts
    if kind == Kind.BAND and fact.band >= 0:
        return found[0].key, f"b{fact.band}", fact.rows
    return None


def definition_groupings(
    definition: Definition, service_facts: list[counts.Fact], threshold: int
) -> dict[str, Grouping]:
    """The pooled department and region questions, from the service-wide counts."""
    result: dict[str, Grouping] = {}
    for kind, question in definition.breakdowns().items():
        if kind in (Breakdown.DEPARTMENT, Breakdown.REGION) and question.type in (
            QuestionType.SINGLE,
            QuestionType.LIKERT,
        ):
            raw: dict[str, int] = defaultdict(int)
            for fact in service_facts:
                if fact.question == question.code and not fact.item:
                    raw[fact.choice] += fact.rows
            result[question.code] = grouping(question, dict(raw), threshold)
    return result


def compute(
    questionnaire: Questionnaire,
    definition: Definition,
    *,
    by: str | None = None,
    only: tuple[str, ...] | None = None,
    groupings: dict[str, Grouping] | None = None,
) -> Results:
    """Published results, service-wide or broken down by the single-choice question ``by``.

    ``groupings`` are the pooled department and region questions (from the service-wide
    counts, :func:`definition_groupings`); computed here when not given.
    """
    threshold = check_threshold(questionnaire.threshold)
    total = counts.respondents(questionnaire.pk)
    audience = audience_size(questionnaire)
    if total < threshold:
        return Results(
            questionnaire.pk, threshold, SMALL if total else 0, audience, SMALL if total else None
        )
    rate = 100 * total / audience if audience else None
    questions = [q for q in definition.questions if only is None or q.code in only]
    variables = {q.code: question_variables(q) for q in definition.questions}
    bands = {
        code: found[0].edges
        for code, found in variables.items()
        if found and found[0].kind == Kind.BAND
    }
    dimension = definition.question(by) if by else None
    if dimension is not None:
        group_by: counts.GroupBy = (
            "department"
            if dimension.breakdown == Breakdown.DEPARTMENT
            else "region"
            if dimension.breakdown == Breakdown.REGION
            else ("question", dimension.code)
        )
    else:
        group_by = None
    facts = counts.answer_facts(questionnaire.pk, group_by=group_by, bands=bands)
    if groupings is None:
        service = (
            facts
            if group_by is None
            else counts.answer_facts(questionnaire.pk, group_by=None, bands={})
        )
        groupings = definition_groupings(definition, service, threshold)
    for code, found in groupings.items():
        variables[code] = (found.variable,)

    if dimension is not None:
        dim = groupings.get(dimension.code) or grouping(dimension, {}, threshold)
        width = len(dim.variable.categories)
        column_of = dim.position
        columns = tuple(Column(c.code, c.label) for c in dim.variable.categories)
    else:
        dim, width, columns = None, 1, ()

        def column_of(raw: str) -> int:
            return 0

    tables = _Tables(width)
    positions: dict[str, dict[str, int]] = {}
    for fact in facts:
        placed = _place(fact, variables)
        if placed is None:
            continue
        key, code, rows_counted = placed
        if key not in positions:
            variable = next((v for v in variables[fact.question] if v.key == key), None)
            if variable is None:
                continue
            grouped = groupings.get(fact.question)
            positions[key] = grouped.index if grouped else variable.index()
        position = positions[key].get(code)
        if position is None:
            continue  # an option no longer offered counts as no answer
        tables.add(key, position, column_of(fact.group), rows_counted)

    if dim is not None:
        dim_table = tables.table(dim.variable, [total] * width)
        group_totals = [dim_table[j][j] if j < len(dim_table) else 0 for j in range(width)]
        group_totals[-1] = total - sum(group_totals[:-1])
    else:
        group_totals = [total]
    group_hidden = margin_hidden(group_totals, threshold) if dim is not None else frozenset()
    group_cells = margin_cells(group_totals, group_hidden, threshold)

    results = []
    service_wide = dimension is None
    ns: dict[str, Cell | None] = {}
    drafts: list[tuple[Question, Cell | None, tuple[Block, ...]]] = []
    for question in questions:
        blocks: list[Block] = []
        n: Cell | None = None
        for variable in variables[question.code]:
            table = tables.table(variable, group_totals)
            margin = [sum(row) for row in table]
            hidden = margin_hidden(margin, threshold)
            if dim is None:
                cells = margin_cells(margin, hidden, threshold)
                published = [[cell] for cell in cells]
                row_cells = list(cells)
            else:
                linked = _suppress_pair(
                    table,
                    threshold,
                    row_hidden=hidden,
                    column_hidden=group_hidden,
                    swap=_is_later(question, variable, dimension),
                )
                published = [list(row) for row in linked.cells]
                row_cells = list(linked.row_totals)
            if (
                variable.kind in (Kind.CHOICE, Kind.BAND, Kind.FIRST)
                and question.type != QuestionType.MATRIX
            ):
                n = _cell_minus(total, row_cells[-1], threshold)
            rows = tuple(
                Row(
                    category.code,
                    category.label,
                    tuple(published[i]),
                    tuple(percent(c, group_cells[j]) for j, c in enumerate(published[i])),
                    row_cells[i],
                    percent(row_cells[i], total),
                )
                for i, category in enumerate(variable.categories)
            )
            if variable.kind == Kind.CHOSEN:
                rows = (replace(rows[0], code=variable.item, label=variable.label),)
            blocks.append(
                Block(
                    variable.key,
                    variable.label if question.type == QuestionType.MATRIX else None,
                    rows,
                )
            )
        if question.type == QuestionType.MULTIPLE:
            blocks = [Block(question.code, None, tuple(r for b in blocks for r in b.rows))]
        ns[question.code] = n
        drafts.append((question, n, tuple(blocks)))
    extra = (
        _service_extras(questionnaire.pk, questions, facts, total, threshold, ns)
        if service_wide
        else {}
    )
    for question, n, question_blocks in drafts:
        details = extra.get(question.code, {})
        results.append(
            QuestionResult(
                question.code,
                question.type,
                question.label,
                details.get("n", n),  # type: ignore[arg-type]
                question_blocks,
                details.get("mean"),  # type: ignore[arg-type]
                details.get("median"),  # type: ignore[arg-type]
                details.get("mean_ranks", ()),  # type: ignore[arg-type]
            )
        )
    return Results(
        questionnaire.pk,
        threshold,
        total,
        audience,
        rate,
        by=dimension.code if dimension else None,
        by_label=dimension.label if dimension else None,
        columns=columns,
        column_totals=group_cells if dimension else (),
        questions=tuple(results),
    )


def _binary(count: int, total: int, threshold: int) -> Cell:
    cells = margin_cells(
        [count, total - count], margin_hidden([count, total - count], threshold), threshold
    )
    return cells[0]


def _service_extras(
    questionnaire_id: int,
    questions: list[Question],
    facts: list[counts.Fact],
    total: int,
    threshold: int,
    ns: dict[str, Cell | None],
) -> dict[str, dict[str, object]]:
    """What only the service-wide page publishes: n for multiple-choice and text questions,
    means and medians of numbers, mean ranks.

    A mean stands on the n its question already publishes (``ns``: everyone less the "no
    answer" count of its table), never on a count of its own: a second count of the same
    people, suppressed on its own, could give away the hidden "no answer".
    """
    extras: dict[str, dict[str, object]] = {}
    multiple = [q.code for q in questions if q.type == QuestionType.MULTIPLE]
    for code, count in counts.answered_counts(questionnaire_id, multiple).items():
        extras[code] = {"n": _binary(count, total, threshold)}
    for code in multiple:
        extras.setdefault(code, {"n": 0})
    texts = [q.code for q in questions if q.type in (QuestionType.TEXT, QuestionType.LONG_TEXT)]
    for code, count in counts.text_answered_counts(questionnaire_id, texts).items():
        extras[code] = {"n": _binary(count, total, threshold)}
    for question in questions:
        n = ns.get(question.code)
        if n is None:
            continue
        if question.type in (QuestionType.INTEGER, QuestionType.DECIMAL, QuestionType.YEAR):
            rows = [f for f in facts if f.question == question.code and f.band >= 0]
            mean = _figure(sum(f.total for f in rows), n, threshold)
            median: Figure = mean
            if not isinstance(mean, Suppressed) and mean is not None and isinstance(n, int):
                median = counts.median(questionnaire_id, question.code, n)
            extras[question.code] = {"mean": mean, "median": median}
        elif question.type == QuestionType.RANKING:
            ranks = []
            for option in question.options:
                rows = [f for f in facts if f.question == question.code and f.item == option.code]
                ranked = sum(f.rows for f in rows)
                figure = _figure(sum(f.total for f in rows), n, threshold)
                if not isinstance(figure, Suppressed) and figure is not None:
                    figure = sum(f.total for f in rows) / ranked if ranked >= threshold else SMALL
                    if not ranked:
                        figure = None
                ranks.append((option.code, option.label, figure))
            extras[question.code] = {"mean_ranks": tuple(ranks)}
    return extras


def audience_size(questionnaire: Questionnaire) -> int | None:
    """How many people the questionnaire is addressed to; ``None`` for a link."""
    if questionnaire.audience == Audience.LINK:
        return None
    if questionnaire.audience == Audience.MEMBERS:
        return questionnaire.audience_members.count()
    members = Member.objects.filter(communities=questionnaire.community_id, is_active=True)
    if questionnaire.audience == Audience.DEPARTMENTS:
        members = members.filter(department__in=questionnaire.audience_departments.all())
    return members.count()
