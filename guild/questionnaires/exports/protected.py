"""Row-level exports of anonymous questionnaires as protected microdata.

The questions the definition declares quasi-identifiers are made k-anonymous with
k = the questionnaire's threshold (`k_anonymity.py`): a first pass reads only their
answers, a second pass writes every row with them generalised or suppressed. The columns
that changed become categories (codes and value labels of the bands and pools kept, plus
``suppressed`` and ``*``), and the codebook says, for each quasi-identifier, what was done
and how many values were suppressed.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from guild.questionnaires.definition.types import (
    Option,
    QuasiIdentifier,
    Question,
    QuestionType,
    Text,
)
from guild.questionnaires.exports.k_anonymity import (
    OTHER,
    SUPPRESSED,
    WITHHELD,
    Attribute,
    AttributeReport,
    Level,
    Protection,
    Scale,
    protect,
)
from guild.questionnaires.exports.source import CHUNK_SIZE, RowSource
from guild.questionnaires.exports.variables import Kind, ValueLabel, Variable

SUPPRESSED_VALUE = ValueLabel(SUPPRESSED, Text("Suppressed", "Supprimé"), -1)
WITHHELD_VALUE = ValueLabel(WITHHELD, Text("Withheld", "Non diffusé"), -2)
MISSING_CODES = (-1, -2)  # SPSS user-missing codes of the two markers

PROTECTION_HEADER = (
    "code",
    "question",
    "generalisation_en",
    "generalisation_fr",
    "suppressed",
    "threshold",
)


@dataclass(frozen=True)
class Column:
    """A quasi-identifier column of the export and the question it comes from."""

    name: str
    question: Question
    item: str = ""  # the matrix row

    def value(self, answers: dict[str, Any]) -> Any:
        answer = answers.get(self.question.code)
        if self.item:
            return answer.get(self.item) if isinstance(answer, dict) else None
        return answer if isinstance(answer, (str, int)) and not isinstance(answer, bool) else None


def _scale(question: Question) -> Scale:
    kind = question.type
    if kind in (QuestionType.INTEGER, QuestionType.YEAR):
        return Scale.INTEGER
    if kind == QuestionType.DECIMAL:
        return Scale.DECIMAL
    if kind == QuestionType.DATE:
        return Scale.DATE
    return Scale.OPTIONS if question.quasi_identifier == QuasiIdentifier.ORDERED else Scale.NOMINAL


def quasi_identifier_columns(questions: Sequence[Question]) -> list[Column]:
    columns = []
    for question in questions:
        if question.quasi_identifier is None:
            continue
        if question.type == QuestionType.MATRIX:
            columns += [
                Column(f"{question.code}__{row.code}", question, row.code) for row in question.rows
            ]
        else:
            columns.append(Column(question.code, question))
    return columns


@dataclass
class ProtectedExport:
    """The variables and rows of a protected export, and what the protection did."""

    source: RowSource
    columns: list[Column]
    protection: Protection
    variables: list[Variable]
    positions: list[int]  # where each quasi-identifier column sits in a row

    def rows(self) -> Iterator[list[Any]]:
        apply = self.protection.apply
        positions = self.positions
        for row in self.source.rows():
            values = apply([row[i] for i in positions])
            for i, value in zip(positions, values, strict=True):
                row[i] = value
            yield row
        self.protection.verify()

    def reports(self) -> list[tuple[Column, AttributeReport, Text]]:
        return [
            (column, report, describe(report.level, column.question))
            for column, report in zip(self.columns, self.protection.reports(), strict=True)
        ]

    def protection_rows(self) -> list[tuple[Any, ...]]:
        return [
            (
                column.name,
                column.question.code,
                text.en,
                text.fr,
                report.suppressed,
                self.protection.k,
            )
            for column, report, text in self.reports()
        ]

    def codebook(self, header: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> tuple:
        """The codebook with, on each row of a quasi-identifier, what was done to it."""
        done = {column.name: (text, report.suppressed) for column, report, text in self.reports()}
        extended = []
        for row in rows:
            text, count = done.get(row[0], (None, None))
            extended.append((*row, text.en if text else "", text.fr if text else "", count))
        return (*header, "generalisation_en", "generalisation_fr", "suppressed"), extended

    def notes(self, language: str) -> list[str]:
        lines = [
            (
                "Quasi-identifiers generalised and suppressed until every combination is "
                "shared by at least %(k)d responses."
                if not language.startswith("fr")
                else "Quasi-identifiants généralisés et supprimés jusqu'à ce que chaque "
                "combinaison soit partagée par au moins %(k)d réponses."
            )
            % {"k": self.protection.k}
        ]
        for column, report, text in self.reports():
            lines.append(f"{column.name}: {text.get(language)}; {SUPPRESSED}: {report.suppressed}")
        return lines


def protected_export(source: RowSource, threshold: int) -> ProtectedExport:
    """Read the quasi-identifiers of `source`'s responses (one pass, only those answers
    kept, as distinct combinations) and decide their protection."""
    columns = quasi_identifier_columns(source.questions)
    attributes = [
        Attribute(
            column.name,
            _scale(column.question),
            tuple(option.code for option in column.question.options),
        )
        for column in columns
    ]
    answers = source.responses().values_list("answers", flat=True).iterator(chunk_size=CHUNK_SIZE)
    protection = protect(
        attributes, ([c.value(a or {}) for c in columns] for a in answers), threshold
    )
    names = [v.name for v in source.variables]
    positions = [names.index(column.name) for column in columns]
    variables = list(source.variables)
    for column, hierarchy, level, suppressed, position in zip(
        columns,
        protection.hierarchies,
        protection.levels,
        protection.suppressed,
        positions,
        strict=True,
    ):
        if level == 0 and not suppressed:
            continue
        variables[position] = _categories(
            variables[position], column.question, hierarchy.levels[level], bool(suppressed)
        )
    return ProtectedExport(source, columns, protection, variables, positions)


def _categories(variable: Variable, question: Question, level: Level, suppressed: bool) -> Variable:
    """The variable as categories: the labels of its level, then the markers."""
    options = {option.code: option for option in question.options}
    values = [
        ValueLabel(str(label), _label_text(label, level, options), index)
        for index, label in enumerate(
            (label for label in level.labels if label != WITHHELD), start=1
        )
    ]
    if suppressed:
        values.append(SUPPRESSED_VALUE)
    if level.step == "withheld":
        values.append(WITHHELD_VALUE)
    fields = {name: getattr(variable, name) for name in variable.__dataclass_fields__}
    fields.update(kind=Kind.CHOICE, values=tuple(values))
    return Variable(**fields)


def _label_text(label: Any, level: Level, options: dict[str, Option]) -> Text:
    text = str(label)
    if text in options:
        return options[text].label
    if level.step == "pool" and text.startswith(OTHER):
        return Text("Other (pooled)", "Autre (regroupé)")
    if ".." in text:
        first, _dots, last = text.partition("..")
        if last.startswith("<"):
            return Text(f"{first} to less than {last[1:]}", f"{first} à moins de {last[1:]}")
        if first in options and last in options:
            a, b = options[first].label, options[last].label
            return Text(f"{a.en} to {b.en}", f"{a.fr} à {b.fr}")
        return Text(f"{first} to {last}", f"{first} à {last}")
    return Text(text, text)


def describe(level: Level, question: Question) -> Text:
    """What a level does, in both languages, for the codebook."""
    step, width = level.step, level.width
    if step == "none":
        return Text("Unchanged", "Inchangé")
    if step == "withheld":
        return Text(
            "Withheld: every value replaced by *", "Non diffusé : chaque valeur remplacée par *"
        )
    if step == "pool":
        pooled = ", ".join(level.pooled)
        count = len(level.pooled)
        return Text(
            f"The {count} smallest categories pooled into “other”: {pooled}",
            f"Les {count} plus petites catégories regroupées dans « other » : {pooled}",
        )
    if step == "month":
        return Text("Month only (day removed)", "Mois seulement (jour retiré)")
    if step == "year":
        return Text("Year only", "Année seulement")
    if step == "years":
        return Text(f"Bands of {width} years", f"Tranches de {width} ans")
    if question.type in (QuestionType.INTEGER, QuestionType.YEAR, QuestionType.DECIMAL):
        return Text(f"Rounded down to bands of {width}", f"Arrondi à des tranches de {width}")
    return Text(
        f"Neighbouring options merged in bands of {width}",
        f"Options voisines fusionnées en tranches de {width}",
    )
