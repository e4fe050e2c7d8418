"""The values of a definition's calculated questions (``QuestionType.CALCULATE``), worked
out by the server from the answers, never typed by a person. No database.

Questions are taken in order, as the respondent meets them: a calculation sees the answers
to the earlier questions that are shown and the values of the earlier calculations, and a
calculation whose ``relevant`` condition is false is hidden, as a question would be.
"""

from collections.abc import Mapping
from decimal import Decimal

from django.utils.translation import get_language

from guild.questionnaires.definition.condition_tree import CHOICE_NAME
from guild.questionnaires.definition.conditions import cached_calculation, cached_condition
from guild.questionnaires.definition.types import CHOICE_TYPES, Definition, QuestionType


def choice_labels(definition: Definition, language: str) -> dict[str, dict[str, str]]:
    """Each choice question's option labels in `language` (for ``jr:choice-name``)."""
    return {
        question.code: {
            option.code: option.label.get(language) or option.label.fr or option.code
            for option in question.options
        }
        for question in definition.questions
        if question.type in CHOICE_TYPES
    }


def calculated(
    definition: Definition, answers: Mapping[str, object], *, language: str | None = None
) -> dict[str, str | int | Decimal]:
    """Each shown calculated question's value, by code in question order; a calculation that
    is hidden, empty or not computable is absent. Answers given to calculated questions are
    ignored. ``jr:choice-name`` gives labels in `language` (the active one by default), as
    ODK gives them in the language the form is filled in."""
    values: dict[str, str | int | Decimal] = {}
    seen: dict[str, object] = {}
    labels = (
        choice_labels(definition, language or get_language() or "en")
        if any(CHOICE_NAME in (q.calculation or "") for q in definition.questions)
        else {}
    )
    for question in definition.questions:
        if question.relevant:
            condition = cached_condition(question.relevant)
            # A stored definition has been validated; an unreadable condition shows the
            # question, as the answering pages do.
            if condition is not None and not condition.evaluate(seen):
                continue
        if question.type == QuestionType.CALCULATE:
            calculation = cached_calculation(question.calculation or "")
            value = None if calculation is None else calculation.value(seen, labels=labels)
            if value is not None:
                values[question.code] = value
                seen[question.code] = value
        elif question.code in answers:
            seen[question.code] = answers[question.code]
    return values
