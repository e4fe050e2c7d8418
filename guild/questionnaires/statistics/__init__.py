"""Questionnaire statistics with disclosure control: the selectors pages, the API and
exports read results through, cached until the next submission.

Every result is computed in SQL (statistics.counts), suppressed so that no published
figure describes fewer than the questionnaire's threshold and no hidden one can be worked
out from any combination of the others (guild.questionnaires.linked), and kept in the
cache under a counter that :func:`results_changed` moves on each submission.
"""

import time

from django.core.cache import cache

from guild.core.errors import NotFound
from guild.questionnaires.definition import Definition, QuestionType
from guild.questionnaires.definitions.json_codec import definition_from_json
from guild.questionnaires.models import Questionnaire, QuestionnaireVersion, VersionStatus
from guild.questionnaires.statistics.counts import answer_facts
from guild.questionnaires.statistics.published import (
    Column,
    Grouping,
    QuestionResult,
    Results,
    Row,
    compute,
    definition_groupings,
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
]

TIMEOUT = 24 * 60 * 60
BREAKDOWN_TYPES = frozenset({QuestionType.SINGLE, QuestionType.LIKERT})
_DEFINITIONS: dict[int, Definition] = {}


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
    """Forget the cached results of a questionnaire (call after a submission commits)."""
    key = _counter_key(questionnaire_id)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns(), None)


def results_version(questionnaire: Questionnaire) -> QuestionnaireVersion | None:
    """The version whose questions results are shown for: the latest published one."""
    versions = QuestionnaireVersion.objects.filter(questionnaire=questionnaire).order_by("-number")
    return versions.filter(status=VersionStatus.PUBLISHED).first() or versions.first()


def results_definition(questionnaire: Questionnaire) -> tuple[Definition, int]:
    """The definition results are shown for, and its version's id; NotFound without one."""
    version = results_version(questionnaire)
    if version is None:
        raise NotFound()
    if version.status != VersionStatus.PUBLISHED:
        return definition_from_json(version.definition), version.pk
    found = _DEFINITIONS.get(version.pk)
    if found is None:
        found = _DEFINITIONS[version.pk] = definition_from_json(version.definition)
    return found, version.pk


def results_cache_key(questionnaire: Questionnaire, version_id: int, what: str) -> str:
    counter = _counter(questionnaire.pk)
    return (
        f"questionnaires:results:{questionnaire.pk}:{counter}:{version_id}:"
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


def breakdown_code(definition: Definition, code: str) -> str:
    """``code`` if results can be broken down by that question; else NotFound."""
    try:
        question = definition.question(code)
    except KeyError:
        raise NotFound() from None
    if question.type not in BREAKDOWN_TYPES:
        raise NotFound()
    return code


def questionnaire_results(questionnaire: Questionnaire, *, by: str | None = None) -> Results:
    """Every question's published results, service-wide or broken down by the answers to
    the single-choice question ``by`` (the department or region question, or any other)."""
    definition, version_id = results_definition(questionnaire)
    if by is not None:
        breakdown_code(definition, by)
    key = results_cache_key(questionnaire, version_id, f"by={by or ''}")
    found = cache.get(key)
    if found is None:
        groupings = _groupings(questionnaire, definition, version_id)
        found = compute(questionnaire, definition, by=by, groupings=groupings)
        cache.set(key, found, TIMEOUT)
    return found


def crosstab_results(questionnaire: Questionnaire, *, rows: str, columns: str) -> Results:
    """The question ``rows`` broken down by the single-choice question ``columns``."""
    definition, version_id = results_definition(questionnaire)
    breakdown_code(definition, columns)
    try:
        definition.question(rows)
    except KeyError:
        raise NotFound() from None
    key = results_cache_key(questionnaire, version_id, f"crosstab={rows}:{columns}")
    found = cache.get(key)
    if found is None:
        groupings = _groupings(questionnaire, definition, version_id)
        found = compute(questionnaire, definition, by=columns, only=(rows,), groupings=groupings)
        cache.set(key, found, TIMEOUT)
    return found
