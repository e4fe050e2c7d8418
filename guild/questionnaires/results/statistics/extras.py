"""What only the service-wide results publish beyond the tables: n for multiple-choice and
text questions, means and medians of numbers, mean ranks."""

from typing import TypedDict

from guild.core.disclosure import SMALL, Cell, Suppressed
from guild.questionnaires.definition.types import Question, QuestionType
from guild.questionnaires.results.linked import margin_cells, margin_hidden
from guild.questionnaires.results.statistics import counts
from guild.questionnaires.results.statistics.published import Figure, MeanRank


class Extra(TypedDict, total=False):
    """A question's service-wide figures; `n`, when present, replaces its table's n."""

    n: Cell
    mean: Figure
    median: Figure
    mean_ranks: tuple[MeanRank, ...]


def _binary(count: int, total: int, threshold: int) -> Cell:
    cells = margin_cells(
        [count, total - count], margin_hidden([count, total - count], threshold), threshold
    )
    return cells[0]


def _figure(total: float, count: Cell, threshold: int) -> Figure:
    if isinstance(count, Suppressed):
        return count
    if count < threshold:
        return SMALL if count else None
    return total / count


def _answered(
    questionnaire_id: int, questions: list[Question], total: int, threshold: int
) -> dict[str, Extra]:
    """n of the multiple-choice and text questions: who answered, as a count of its own."""
    extras: dict[str, Extra] = {}
    multiple = [q.code for q in questions if q.type == QuestionType.MULTIPLE]
    for code, count in counts.answered_counts(questionnaire_id, multiple).items():
        extras[code] = {"n": _binary(count, total, threshold)}
    for code in multiple:
        extras.setdefault(code, {"n": 0})
    texts = [q.code for q in questions if q.type in (QuestionType.TEXT, QuestionType.LONG_TEXT)]
    for code, count in counts.text_answered_counts(questionnaire_id, texts).items():
        extras[code] = {"n": _binary(count, total, threshold)}
    return extras


def _number(
    questionnaire_id: int, question: Question, facts: list[counts.Fact], n: Cell, threshold: int
) -> Extra:
    rows = [f for f in facts if f.question == question.code and f.band >= 0]
    mean = _figure(sum(f.total for f in rows), n, threshold)
    median: Figure = mean
    if not isinstance(mean, Suppressed) and mean is not None and isinstance(n, int):
        median = counts.median(questionnaire_id, question.code, n)
    return {"mean": mean, "median": median}


def _ranking(question: Question, facts: list[counts.Fact], n: Cell, threshold: int) -> Extra:
    ranks: list[MeanRank] = []
    for option in question.options:
        rows = [f for f in facts if f.question == question.code and f.item == option.code]
        ranked = sum(f.rows for f in rows)
        figure = _figure(sum(f.total for f in rows), n, threshold)
        if not isinstance(figure, Suppressed) and figure is not None:
            figure = sum(f.total for f in rows) / ranked if ranked >= threshold else SMALL
            if not ranked:
                figure = None
        ranks.append((option.code, option.label, figure))
    return {"mean_ranks": tuple(ranks)}


def service_extras(
    questionnaire_id: int,
    questions: list[Question],
    facts: list[counts.Fact],
    total: int,
    threshold: int,
    ns: dict[str, Cell | None],
) -> dict[str, Extra]:
    """Each question's service-wide figures, by code.

    A mean stands on the n its question already publishes (``ns``: everyone less the "no
    answer" count of its table), never on a count of its own: a second count of the same
    people, suppressed on its own, could give away the hidden "no answer".
    """
    extras = _answered(questionnaire_id, questions, total, threshold)
    for question in questions:
        n = ns.get(question.code)
        if n is None:
            continue
        if question.type in (QuestionType.INTEGER, QuestionType.DECIMAL, QuestionType.YEAR):
            extras[question.code] = _number(questionnaire_id, question, facts, n, threshold)
        elif question.type == QuestionType.RANKING:
            extras[question.code] = _ranking(question, facts, n, threshold)
    return extras
