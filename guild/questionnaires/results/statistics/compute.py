"""Published results computed in named steps: count the answers in one query (optionally
grouped by a breakdown question), tally them per variable and column, suppress each table
against its margins (linked.py) and add what only the service-wide page publishes
(extras.py). Every step takes and gives typed data."""

from collections import defaultdict
from dataclasses import dataclass, replace

from guild.core.disclosure import SMALL, Cell, Suppressed, SuppressedTable, check_threshold, percent
from guild.questionnaires.definition.types import (
    ANSWERED_TYPES,
    Breakdown,
    Definition,
    Question,
    QuestionType,
)
from guild.questionnaires.models import Questionnaire
from guild.questionnaires.results.linked import margin_cells, margin_hidden, suppress_linked
from guild.questionnaires.results.selectors import audience_size
from guild.questionnaires.results.statistics import counts
from guild.questionnaires.results.statistics.extras import Extra, service_extras
from guild.questionnaires.results.statistics.groupings import (
    Grouping,
    definition_groupings,
    grouping,
)
from guild.questionnaires.results.statistics.published import (
    Block,
    Column,
    QuestionResult,
    Results,
    Row,
)
from guild.questionnaires.results.statistics.variables import Kind, Variable, question_variables

Variables = dict[str, tuple[Variable, ...]]


@dataclass(frozen=True)
class _Columns:
    """The columns of a breakdown by `question` (its pooled `grouping`); one column
    service-wide."""

    question: Question | None
    grouping: Grouping | None

    @property
    def width(self) -> int:
        return len(self.grouping.variable.categories) if self.grouping else 1

    def of(self, raw: str) -> int:
        return self.grouping.position(raw) if self.grouping else 0

    def published(self) -> tuple[Column, ...]:
        if self.grouping is None:
            return ()
        return tuple(Column(c.code, c.label) for c in self.grouping.variable.categories)


@dataclass(frozen=True)
class _Margins:
    """The respondents per column, which of those are hidden, and as published."""

    totals: list[int]
    hidden: frozenset[int]
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class _Draft:
    """A question's tables and the n they give, before the service-wide extras."""

    question: Question
    n: Cell | None
    blocks: tuple[Block, ...]


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


# --- counting ------------------------------------------------------------------------------


def _group_by(dimension: Question | None) -> counts.GroupBy:
    """How the one query groups its counts: by the column copied onto each answer row for
    the department and region questions, else by the answers to `dimension`."""
    if dimension is None:
        return None
    if dimension.breakdown == Breakdown.DEPARTMENT:
        return "department"
    if dimension.breakdown == Breakdown.REGION:
        return "region"
    return ("question", dimension.code)


def _bands(variables: Variables) -> dict[str, tuple[float, ...]]:
    return {
        code: found[0].edges
        for code, found in variables.items()
        if found and found[0].kind == Kind.BAND
    }


def _service_groupings(
    questionnaire_id: int,
    definition: Definition,
    facts: list[counts.Fact],
    group_by: counts.GroupBy,
    threshold: int,
) -> dict[str, Grouping]:
    service = (
        facts
        if group_by is None
        else counts.answer_facts(questionnaire_id, group_by=None, bands={})
    )
    return definition_groupings(definition, service, threshold)


def _place(fact: counts.Fact, variables: Variables) -> tuple[str, str, int] | None:
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


def _tally(
    facts: list[counts.Fact],
    variables: Variables,
    groupings: dict[str, Grouping],
    columns: _Columns,
) -> _Tables:
    tables = _Tables(columns.width)
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
        tables.add(key, position, columns.of(fact.group), rows_counted)
    return tables


def _margins(tables: _Tables, columns: _Columns, total: int, threshold: int) -> _Margins:
    if columns.grouping is None:
        totals = [total]
        return _Margins(totals, frozenset(), margin_cells(totals, frozenset(), threshold))
    width = columns.width
    # The breakdown question crossed with itself: its diagonal is each column's total.
    own = tables.table(columns.grouping.variable, [total] * width)
    totals = [own[j][j] if j < len(own) else 0 for j in range(width)]
    totals[-1] = total - sum(totals[:-1])
    hidden = margin_hidden(totals, threshold)
    return _Margins(totals, hidden, margin_cells(totals, hidden, threshold))


# --- suppressing ---------------------------------------------------------------------------


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


def _published_table(
    question: Question,
    variable: Variable,
    tables: _Tables,
    margins: _Margins,
    columns: _Columns,
    threshold: int,
) -> tuple[list[list[Cell]], list[Cell]]:
    """A variable's cells per category and column, and per category service-wide."""
    table = tables.table(variable, margins.totals)
    margin = [sum(row) for row in table]
    hidden = margin_hidden(margin, threshold)
    if columns.grouping is None:
        cells = margin_cells(margin, hidden, threshold)
        return [[cell] for cell in cells], list(cells)
    linked = _suppress_pair(
        table,
        threshold,
        row_hidden=hidden,
        column_hidden=margins.hidden,
        swap=_is_later(question, variable, columns.question),
    )
    return [list(row) for row in linked.cells], list(linked.row_totals)


def _cell_minus(total: int, part: Cell, threshold: int) -> Cell:
    if isinstance(part, Suppressed):
        return part
    value = total - part
    return SMALL if 0 < value < threshold else value


def _gives_n(question: Question, variable: Variable) -> bool:
    """Whether everyone less this table's "no answer" row is the question's n."""
    return (
        variable.kind in (Kind.CHOICE, Kind.BAND, Kind.FIRST)
        and question.type != QuestionType.MATRIX
    )


def _block(
    question: Question,
    variable: Variable,
    published: list[list[Cell]],
    row_cells: list[Cell],
    margins: _Margins,
    total: int,
) -> Block:
    rows = tuple(
        Row(
            category.code,
            category.label,
            tuple(published[i]),
            tuple(percent(c, margins.cells[j]) for j, c in enumerate(published[i])),
            row_cells[i],
            percent(row_cells[i], total),
        )
        for i, category in enumerate(variable.categories)
    )
    if variable.kind == Kind.CHOSEN:
        rows = (replace(rows[0], code=variable.item, label=variable.label),)
    label = variable.label if question.type == QuestionType.MATRIX else None
    return Block(variable.key, label, rows)


def _draft(
    question: Question,
    variables: tuple[Variable, ...],
    tables: _Tables,
    margins: _Margins,
    columns: _Columns,
    total: int,
    threshold: int,
) -> _Draft:
    blocks: list[Block] = []
    n: Cell | None = None
    for variable in variables:
        published, row_cells = _published_table(
            question, variable, tables, margins, columns, threshold
        )
        if _gives_n(question, variable):
            n = _cell_minus(total, row_cells[-1], threshold)
        blocks.append(_block(question, variable, published, row_cells, margins, total))
    if question.type == QuestionType.MULTIPLE:
        blocks = [Block(question.code, None, tuple(r for b in blocks for r in b.rows))]
    return _Draft(question, n, tuple(blocks))


def _result(draft: _Draft, extra: Extra) -> QuestionResult:
    question = draft.question
    return QuestionResult(
        question.code,
        question.type,
        question.label,
        extra.get("n", draft.n),
        draft.blocks,
        extra.get("mean"),
        extra.get("median"),
        extra.get("mean_ranks", ()),
    )


# --- the whole -----------------------------------------------------------------------------


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
    if audience is not None:
        # Those who answered were addressed, even if they have left the audience since: a
        # response rate over 100 % would say otherwise. (Only once the total is published:
        # below the threshold this would give it away.)
        audience = max(audience, total)
    variables: Variables = {q.code: question_variables(q) for q in definition.questions}
    dimension = definition.question(by) if by else None
    group_by = _group_by(dimension)
    facts = counts.answer_facts(questionnaire.pk, group_by=group_by, bands=_bands(variables))
    if groupings is None:
        groupings = _service_groupings(questionnaire.pk, definition, facts, group_by, threshold)
    variables.update({code: (found.variable,) for code, found in groupings.items()})
    columns = _Columns(
        dimension,
        None
        if dimension is None
        else groupings.get(dimension.code) or grouping(dimension, {}, threshold),
    )
    tables = _tally(facts, variables, groupings, columns)
    margins = _margins(tables, columns, total, threshold)
    # Notes hold no answer; calculations are kept in row-level exports, not tabulated.
    questions = [
        q
        for q in definition.questions
        if q.type in ANSWERED_TYPES and (only is None or q.code in only)
    ]
    drafts = [
        _draft(q, variables[q.code], tables, margins, columns, total, threshold) for q in questions
    ]
    extras = (
        service_extras(
            questionnaire.pk,
            questions,
            facts,
            total,
            threshold,
            {d.question.code: d.n for d in drafts},
        )
        if dimension is None
        else {}
    )
    return Results(
        questionnaire.pk,
        threshold,
        total,
        audience,
        100 * total / audience if audience else None,
        by=dimension.code if dimension else None,
        by_label=dimension.label if dimension else None,
        columns=columns.published(),
        column_totals=margins.cells if dimension else (),
        questions=tuple(_result(d, extras.get(d.question.code, {})) for d in drafts),
    )
