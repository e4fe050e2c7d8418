"""How a single-choice question's raw answers map onto published categories: for the
department and region questions, groups below the threshold are pooled into "Other"."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from guild.core.disclosure import pool_small_groups
from guild.questionnaires.definition.types import (
    Breakdown,
    Definition,
    Question,
    QuestionType,
    Text,
)
from guild.questionnaires.results.statistics import counts
from guild.questionnaires.results.statistics.variables import (
    OTHER,
    Category,
    Kind,
    Variable,
    bilingual,
    question_variables,
)


@dataclass(frozen=True)
class Grouping:
    """A single-choice question's published categories and where each raw answer goes."""

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
