"""What a section page shows beyond its fields, worked out from the definition and the
answers given so far (pure; no database): answers as text (for the review page and for
`${code}` references in texts), the defaults a page's fields start with (`page_defaults`
says when), and the options a choice filter offers.

A choice filter that refers only to earlier sections is applied here: the page offers
only the options it allows. One that refers to a question of the same page cannot be
applied before the person answers it: every option is rendered, and when the filter
depends on one single-choice question of the page, each option carries the values of that
question for which it is offered (`OptionFilter`), so a small script can hide the others.
Whatever the browser does, the service checks the choice on submission.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from guild.questionnaires.answering.answers import default_answer, offered
from guild.questionnaires.definition.conditions import ConditionError, parse_condition
from guild.questionnaires.definition.types import (
    CHOICE_TYPES,
    Definition,
    Option,
    Question,
    QuestionType,
)


@dataclass(frozen=True)
class OptionFilter:
    """A choice filter that depends on the single-choice question `controller` of the same
    page: the values of the controller for which each option is offered, and the options
    offered while it is unanswered."""

    controller: str
    offered_for: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    unanswered: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PageOptions:
    """The options each filtered question of a page offers, and the filters left to the
    browser."""

    offered: dict[str, tuple[Option, ...]]
    filters: dict[str, OptionFilter]


def display_answer(question: Question, value: Any, language: str) -> list[str]:
    """An answer as lines of text in the page's language."""
    labels = {option.code: option.label.get(language) for option in question.options}
    if value is None:
        return []
    if question.type in (QuestionType.SINGLE, QuestionType.LIKERT):
        return [labels.get(value, str(value))]
    if question.type in (QuestionType.MULTIPLE, QuestionType.RANKING):
        lines = [labels.get(code, str(code)) for code in value]
        if question.type == QuestionType.RANKING:
            return [f"{position}. {line}" for position, line in enumerate(lines, start=1)]
        return lines
    if question.type == QuestionType.MATRIX:
        rows = {row.code: row.label.get(language) for row in question.rows}
        return [
            f"{rows.get(row, row)}: {labels.get(choice, choice)}" for row, choice in value.items()
        ]
    return [str(value)]


def reference_values(
    definition: Definition, answers: Mapping[str, Any], language: str
) -> dict[str, str]:
    """Each answered question's answer as text in `language` (options by their label),
    for the `${code}` references of the texts shown."""
    values: dict[str, str] = {}
    for question in definition.questions:
        if question.code in answers:
            lines = display_answer(question, answers[question.code], language)
            values[question.code] = ", ".join(lines)
    return values


def page_defaults(
    questions: Sequence[Question],
    answers: Mapping[str, Any],
    declined: Collection[str] = frozenset(),
) -> dict[str, object]:
    """The defaults a page's fields start with.

    The rule: a question shown with no saved answer starts from its default, whenever it is
    shown — on a page seen for the first time, when an answer on the same page reveals it
    (the page comes back with it), or when an answer on another page reveals it on a page
    already saved — unless the person was shown it on a page they saved and left it empty
    (`declined`, kept on the draft by the answering service): an answer emptied on purpose
    stays empty. A default is only ever on show in a field; it becomes an answer when the
    person saves the page that shows it, never before."""
    found: dict[str, object] = {}
    for question in questions:
        if question.code in answers or question.code in declined:
            continue
        value = default_answer(question)
        if value is not None:
            found[question.code] = value
    return found


def declined_defaults(
    previous: Collection[str],
    shown: Collection[str],
    questions: Sequence[Question],
    answers: Mapping[str, Any],
) -> list[str]:
    """`previous` declined defaults after a page that showed `shown` is saved with
    `answers`: its questions with a default left empty join them, those answered leave."""
    with_default = {q.code for q in questions if q.default is not None and not q.read_only}
    left_empty = {code for code in shown if code in with_default and code not in answers}
    answered = {code for code in with_default if code in answers}
    return sorted((set(previous) - answered) | left_empty)


def _references(source: str) -> frozenset[str]:
    try:
        return parse_condition(source, allow_names=True).references
    except ConditionError:
        return frozenset()


def page_options(
    definition: Definition, questions: Sequence[Question], answers: Mapping[str, Any]
) -> PageOptions:
    """What the choice filters of a page's `questions` offer, given the `answers` saved."""
    on_page = {q.code: q for q in questions}
    offered_now: dict[str, tuple[Option, ...]] = {}
    filters: dict[str, OptionFilter] = {}
    for question in questions:
        if not question.choice_filter or question.type not in CHOICE_TYPES:
            continue
        same_page = _references(question.choice_filter) & set(on_page)
        if not same_page:
            offered_now[question.code] = tuple(
                option for option in question.options if offered(question, option, answers)
            )
            continue
        controller = on_page[next(iter(same_page))]
        if len(same_page) != 1 or controller.type not in (
            QuestionType.SINGLE,
            QuestionType.LIKERT,
        ):
            continue
        base = {code: value for code, value in answers.items() if code != controller.code}
        filters[question.code] = OptionFilter(
            controller=controller.code,
            offered_for={
                option.code: tuple(
                    choice.code
                    for choice in controller.options
                    if offered(question, option, {**base, controller.code: choice.code})
                )
                for option in question.options
            },
            unanswered=frozenset(
                option.code for option in question.options if offered(question, option, base)
            ),
        )
    return PageOptions(offered_now, filters)
