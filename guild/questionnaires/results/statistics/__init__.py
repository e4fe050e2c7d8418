"""Questionnaire statistics with disclosure control: the selectors pages, the API and
exports read results through, computed from the latest results snapshot only (ADR 14) and
cached under it.

Every result is computed in SQL (statistics.counts), suppressed so that no published
figure describes fewer than the questionnaire's threshold and no hidden one can be worked
out from any combination of the others (guild.questionnaires.results.linked), and kept in the
cache under a counter that :func:`results_changed` moves on each submission.

The age and years-of-service questions are never published against each other
(statistics.workforce_pair): the workforce view sums cells of that table.

What linked.py does not model, and why the residual risk is accepted. Each option of a
multiple-choice question is its own chosen / not-chosen variable, the question's n
("answered at least one") is a further binary figure, and "ranked first" and number bands
are one table each whose "no answer" row holds the same people as the question's other
figures. These are suppressed one variable at a time. No *equation* ties them: a person
may choose several options, so the option counts do not add up to n or to anything else
published, and every exact identity (chosen + not chosen = respondents; answered + not
answered = respondents; a table's rows = respondents) lies inside one variable, where
linked.py protects it. What remains are *inequalities*: everyone who answered chose at
least one option, so a hidden option count is at least n minus the published others.
That bound can meet the known ceiling (threshold - 1, since "x" marks a small count) only
when every other answerer chose exactly one published option and the hidden count is
exactly threshold - 1; it cannot single out a count below that, and it gives away no
person's answer (a group of threshold - 1 is still not a single respondent). Modelling the
bounds would need an integer programme per question (the disclosure-audit approach of
statistical agencies), out of proportion to that risk; mean ranks and number means stand
on the n their table already publishes, so they add no new figure.
"""

import time
from dataclasses import replace

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guild.core.disclosure import BREAKDOWN_BASE, too_few_to_break_down
from guild.core.errors import ApplicationError, NotFound
from guild.questionnaires.definition.types import ANSWERED_TYPES, Definition, QuestionType
from guild.questionnaires.models import Questionnaire
from guild.questionnaires.results.selectors import results_definition, results_snapshot
from guild.questionnaires.results.statistics.compute import compute
from guild.questionnaires.results.statistics.counts import answer_facts
from guild.questionnaires.results.statistics.groupings import Grouping, definition_groupings
from guild.questionnaires.results.statistics.published import (
    Column,
    QuestionResult,
    Results,
    Row,
)
from guild.questionnaires.results.statistics.workforce_pair import (
    check_crosstab_allowed,
    withheld_against,
)

__all__ = [
    "Column",
    "QuestionResult",
    "Results",
    "Row",
    "crosstab_results",
    "questionnaire_results",
    "results_changed",
    "results_definition",
    "thin_questions",
]

TIMEOUT = 24 * 60 * 60
BREAKDOWN_TYPES = frozenset({QuestionType.SINGLE, QuestionType.LIKERT})


def _counter_key(questionnaire_id: int) -> str:
    return f"questionnaires:results-counter:{questionnaire_id}"


def _counter(questionnaire_id: int) -> int:
    key = _counter_key(questionnaire_id)
    value = cache.get(key)
    if value is None:
        # Never 0 again after an eviction, so entries cached before it are not reused.
        cache.add(key, time.time_ns(), None)
        value = cache.get(key, 0)
    return int(value)


def results_changed(questionnaire_id: int) -> None:
    """Forget the cached results of a questionnaire (call after a snapshot is taken)."""
    key = _counter_key(questionnaire_id)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns(), None)


def results_cache_key(questionnaire: Questionnaire, version_id: int, what: str) -> str:
    counter = _counter(questionnaire.pk)
    snapshot = results_snapshot(questionnaire)
    return (
        f"questionnaires:results:{questionnaire.pk}:{counter}:"
        f"s{snapshot.number if snapshot else 0}:{version_id}:"
        f"{questionnaire.threshold}:{questionnaire.audience}:{what}"
    )


def _groupings(
    questionnaire: Questionnaire, definition: Definition, version_id: int
) -> dict[str, Grouping]:
    key = results_cache_key(questionnaire, version_id, "groupings")
    found = cache.get(key)
    if found is None:
        facts = answer_facts(questionnaire.pk, group_by=None, bands={})
        found = definition_groupings(definition, facts, questionnaire.threshold)
        cache.set(key, found, TIMEOUT)
    return found


def _stamped(questionnaire: Questionnaire, results: Results) -> Results:
    snapshot = results_snapshot(questionnaire)
    if snapshot is None:
        return results
    return replace(results, snapshot_number=snapshot.number, published_at=snapshot.taken_at)


def breakdown_code(definition: Definition, code: str) -> str:
    """``code`` if results can be broken down by that question; else NotFound."""
    try:
        question = definition.question(code)
    except KeyError:
        raise NotFound() from None
    if question.type not in BREAKDOWN_TYPES:
        raise NotFound()
    return code


def thin_questions(questionnaire: Questionnaire) -> frozenset[str]:
    """The questions too thinly answered to be broken down, or to break others down
    (:func:`guild.core.disclosure.too_few_to_break_down`, read off the published
    service-wide n of the same snapshot)."""
    service = questionnaire_results(questionnaire)
    return frozenset(
        question.code
        for question in service.questions
        if too_few_to_break_down(question.n, service.respondents, service.threshold)
    )


def _refuse_thin(questionnaire: Questionnaire, definition: Definition, code: str) -> None:
    if code in thin_questions(questionnaire):
        raise ApplicationError(
            _(
                "“%(question)s” is published as a whole only: it was answered by only some "
                "respondents, fewer than %(base)s, too few for its figures to stay protected "
                "in a breakdown."
            )
            % {
                "question": definition.question(code).label.get(get_language() or "en"),
                "base": BREAKDOWN_BASE * questionnaire.threshold,
            },
            code="too_few_to_break_down",
        )


def questionnaire_results(questionnaire: Questionnaire, *, by: str | None = None) -> Results:
    """Every question's published results, service-wide or broken down by the answers to
    the single-choice question ``by`` (the department or region question, or any other).
    A breakdown leaves out the thin questions (:func:`thin_questions`) and refuses to be
    one by them."""
    definition, version_id = results_definition(questionnaire)
    if by is not None:
        breakdown_code(definition, by)
        _refuse_thin(questionnaire, definition, by)
    key = results_cache_key(questionnaire, version_id, f"by={by or ''}")
    found = cache.get(key)
    if found is None:
        groupings = _groupings(questionnaire, definition, version_id)
        withheld = withheld_against(definition, by)
        thin = thin_questions(questionnaire) if by is not None else frozenset()
        left_out = thin | ({withheld} if withheld else set())
        only = (
            tuple(q.code for q in definition.questions if q.code not in left_out)
            if left_out
            else None
        )
        found = compute(questionnaire, definition, by=by, only=only, groupings=groupings)
        if withheld or thin:
            found = replace(
                found,
                withheld=(withheld,) if withheld else (),
                thin=tuple(q.code for q in definition.questions if q.code in thin),
            )
        found = _stamped(questionnaire, found)
        cache.set(key, found, TIMEOUT)
    return found


def crosstab_results(questionnaire: Questionnaire, *, rows: str, columns: str) -> Results:
    """The question ``rows`` broken down by the single-choice question ``columns``."""
    definition, version_id = results_definition(questionnaire)
    breakdown_code(definition, columns)
    try:
        if definition.question(rows).type not in ANSWERED_TYPES:
            raise NotFound()
    except KeyError:
        raise NotFound() from None
    check_crosstab_allowed(definition, rows, columns)
    _refuse_thin(questionnaire, definition, columns)
    _refuse_thin(questionnaire, definition, rows)
    key = results_cache_key(questionnaire, version_id, f"crosstab={rows}:{columns}")
    found = cache.get(key)
    if found is None:
        groupings = _groupings(questionnaire, definition, version_id)
        found = compute(questionnaire, definition, by=columns, only=(rows,), groupings=groupings)
        found = _stamped(questionnaire, found)
        cache.set(key, found, TIMEOUT)
    return found
