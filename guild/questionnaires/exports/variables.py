"""The columns of a row-level export, computed from the questionnaire's definitions.

One column per variable, named by stable codes so files from different versions line up:

| question type          | columns             | CSV / XLSX value       | SPSS value          |
|------------------------|---------------------|------------------------|---------------------|
| single, likert         | `code`              | option code            | 1..k, value labels  |
| multiple               | `code__option` each | 1 chosen, 0 not chosen | 1 / 0, value labels |
| matrix                 | `code__row` each    | option code            | 1..k, value labels  |
| ranking                | `code__option` each | rank (1 first) or none | rank                |
| integer, year, decimal | `code`              | the number             | the number          |
| date                   | `code`              | YYYY-MM-DD             | SPSS date           |
| text, long text        | `code`              | the text               | string              |

An unanswered (or hidden) question leaves all its columns empty (SPSS: system-missing).
Questions that only older versions asked come after the latest version's questions, so a
response to any version has a column for each of its answers.

SPSS variable names must start with a letter, hold only letters, digits, `_` and `.`, not
end with `.`, avoid the reserved words and be at most 64 bytes, unique regardless of case.
`spss_names` keeps a code that already obeys these rules and otherwise replaces the bad
characters, prefixes `v_`, and shortens long names to 60 characters plus `_<n>`; the XLSX
codebook and the `.sav` file's notes list every renamed variable.
"""

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from guild.questionnaires.definition.types import Definition, Option, Question, QuestionType, Text


class Kind(StrEnum):
    """How a column's values are stored."""

    CHOICE = "choice"  # an option code; SPSS 1..k
    FLAG = "flag"  # 0 / 1
    RANK = "rank"  # 1..k
    INTEGER = "integer"
    DECIMAL = "decimal"  # exact decimal text in CSV; a double in SPSS
    DATE = "date"
    TEXT = "text"


@dataclass(frozen=True)
class ValueLabel:
    code: str  # what CSV/XLSX hold
    label: Text
    spss_value: int  # what SPSS holds


@dataclass(frozen=True)
class Variable:
    name: str
    question: str  # the question code ("" for respondent columns)
    type: str  # the question type, or "respondent"/"version"
    kind: Kind
    label: Text
    item: str = ""  # the option or matrix row of a spread-out question
    values: tuple[ValueLabel, ...] = ()
    spss_name: str = ""

    def spss_code(self, code: str) -> int | None:
        for value in self.values:
            if value.code == code:
                return value.spss_value
        return None


NOT_SELECTED = Text("Not selected", "Non sélectionné")
SELECTED = Text("Selected", "Sélectionné")
FLAG_VALUES = (ValueLabel("0", NOT_SELECTED, 0), ValueLabel("1", SELECTED, 1))

VERSION = Variable(
    "version",
    "",
    "version",
    Kind.INTEGER,
    Text("Questionnaire version", "Version du questionnaire"),
)
RESPONDENT_VARIABLES = (
    Variable(
        "member_id", "", "respondent", Kind.INTEGER, Text("Member number", "Numéro du membre")
    ),
    Variable("member_name", "", "respondent", Kind.TEXT, Text("Member name", "Nom du membre")),
    Variable(
        "member_email", "", "respondent", Kind.TEXT, Text("Member e-mail", "Courriel du membre")
    ),
)

SPSS_RESERVED = frozenset(
    {"all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with"}
)
SPSS_MAX_NAME = 64
_SPSS_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.]*")
_SPSS_BAD = re.compile(r"[^A-Za-z0-9_.]")


def merged_questions(definitions: Sequence[Definition]) -> list[Question]:
    """Every question ever asked, newest version first in `definitions`: the latest
    version's questions in its order, then those only older versions asked. A question's
    wording comes from the newest version that asks it, and options or matrix rows that
    only older versions offered are kept after the newer ones."""
    merged: dict[str, Question] = {}
    for definition in definitions:
        for question in definition.questions:
            newer = merged.get(question.code)
            if newer is None:
                merged[question.code] = question
                continue
            options = _union(newer.options, question.options)
            rows = _union(newer.rows, question.rows)
            if options is not newer.options or rows is not newer.rows:
                merged[question.code] = _replace_options(newer, options, rows)
    return list(merged.values())


def _union(newer: tuple[Option, ...], older: tuple[Option, ...]) -> tuple[Option, ...]:
    known = {option.code for option in newer}
    extra = tuple(option for option in older if option.code not in known)
    return newer + extra if extra else newer


def _replace_options(
    question: Question, options: tuple[Option, ...], rows: tuple[Option, ...]
) -> Question:
    fields = {name: getattr(question, name) for name in question.__dataclass_fields__}
    fields.update(options=options, rows=rows)
    return Question(**fields)


def _joined(first: Text, second: Text) -> Text:
    return Text(f"{first.en}: {second.en}", f"{first.fr}: {second.fr}")


def _choices(options: Iterable[Option]) -> tuple[ValueLabel, ...]:
    return tuple(
        ValueLabel(option.code, option.label, index) for index, option in enumerate(options, 1)
    )


def question_variables(question: Question) -> list[Variable]:
    code, kind = question.code, question.type
    if kind == QuestionType.NOTE:
        return []
    if kind in {QuestionType.SINGLE, QuestionType.LIKERT}:
        return [
            Variable(
                code, code, kind, Kind.CHOICE, question.label, values=_choices(question.options)
            )
        ]
    if kind == QuestionType.MULTIPLE:
        return [
            Variable(
                f"{code}__{option.code}",
                code,
                kind,
                Kind.FLAG,
                _joined(question.label, option.label),
                item=option.code,
                values=FLAG_VALUES,
            )
            for option in question.options
        ]
    if kind == QuestionType.MATRIX:
        scale = _choices(question.options)
        return [
            Variable(
                f"{code}__{row.code}",
                code,
                kind,
                Kind.CHOICE,
                _joined(question.label, row.label),
                item=row.code,
                values=scale,
            )
            for row in question.rows
        ]
    if kind == QuestionType.RANKING:
        return [
            Variable(
                f"{code}__{option.code}",
                code,
                kind,
                Kind.RANK,
                _joined(question.label, option.label),
                item=option.code,
            )
            for option in question.options
        ]
    if kind in {QuestionType.INTEGER, QuestionType.YEAR}:
        return [Variable(code, code, kind, Kind.INTEGER, question.label)]
    if kind == QuestionType.DECIMAL:
        return [Variable(code, code, kind, Kind.DECIMAL, question.label)]
    if kind == QuestionType.DATE:
        return [Variable(code, code, kind, Kind.DATE, question.label)]
    return [Variable(code, code, kind, Kind.TEXT, question.label)]


def export_variables(questions: Iterable[Question], *, identified: bool) -> list[Variable]:
    """The export's columns in order, each with its SPSS name."""
    variables = [*(RESPONDENT_VARIABLES if identified else ()), VERSION]
    for question in questions:
        variables.extend(question_variables(question))
    names = spss_names([variable.name for variable in variables])
    return [
        Variable(**{**_fields(variable), "spss_name": names[variable.name]})
        for variable in variables
    ]


CODEBOOK_HEADER = (
    "code",
    "question",
    "type",
    "question_en",
    "question_fr",
    "option_code",
    "option_en",
    "option_fr",
    "spss_name",
    "spss_value",
)


def codebook_rows(variables: Iterable[Variable]) -> list[tuple[Any, ...]]:
    """One row per value label of each column, or one row for a column without labels."""
    rows: list[tuple[Any, ...]] = []
    for v in variables:
        head = (v.name, v.question, v.type, v.label.en, v.label.fr)
        if not v.values:
            rows.append((*head, "", "", "", v.spss_name, None))
        for value in v.values:
            rows.append(
                (*head, value.code, value.label.en, value.label.fr, v.spss_name, value.spss_value)
            )
    return rows


def _fields(variable: Variable) -> dict[str, Any]:
    return {name: getattr(variable, name) for name in variable.__dataclass_fields__}


def spss_names(names: Sequence[str]) -> dict[str, str]:
    """A valid, unique SPSS variable name for each name (see the module docstring)."""
    result: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        candidate = _SPSS_BAD.sub("_", name).rstrip(".")
        if not _SPSS_NAME.fullmatch(candidate) or candidate.lower() in SPSS_RESERVED:
            candidate = f"v_{candidate}"
        if len(candidate) > SPSS_MAX_NAME or candidate.lower() in used:
            stem = candidate[: SPSS_MAX_NAME - 4]
            number = 1
            candidate = f"{stem}_{number}"
            while candidate.lower() in used:
                number += 1
                candidate = f"{stem}_{number}"
        used.add(candidate.lower())
        result[name] = candidate
    return result


Extractor = Callable[[Mapping[str, Any], list[Any]], None]


class RowBuilder:
    """Turns a response's answers into the values of every column, in column order, as
    CSV and XLSX hold them (see the table above). Built once per export: the per-row work
    is a dictionary look-up per question."""

    def __init__(self, variables: Sequence[Variable]):
        self.variables = list(variables)
        self.width = len(self.variables)
        self._steps: list[tuple[str, str, int, tuple[str, ...]]] = []
        position = 0
        while position < self.width:
            variable = self.variables[position]
            if not variable.question:
                position += 1
                continue
            start = position
            items: list[str] = []
            while position < self.width and self.variables[position].question == variable.question:
                items.append(self.variables[position].item)
                position += 1
            self._steps.append((variable.question, variable.type, start, tuple(items)))

    def values(self, answers: Mapping[str, Any], leading: Sequence[Any] = ()) -> list[Any]:
        """The row for `answers`; `leading` fills the respondent and version columns."""
        row: list[Any] = [None] * self.width
        row[: len(leading)] = leading
        for code, kind, start, items in self._steps:
            value = answers.get(code)
            if value is None:
                continue
            if kind == QuestionType.MULTIPLE:
                chosen = set(value) if isinstance(value, list) else set()
                for offset, item in enumerate(items):
                    row[start + offset] = 1 if item in chosen else 0
            elif kind == QuestionType.RANKING:
                ranks = (
                    {option: rank for rank, option in enumerate(value, 1)}
                    if isinstance(value, list)
                    else {}
                )
                for offset, item in enumerate(items):
                    row[start + offset] = ranks.get(item)
            elif kind == QuestionType.MATRIX:
                if isinstance(value, dict):
                    for offset, item in enumerate(items):
                        row[start + offset] = value.get(item)
            elif kind == QuestionType.CALCULATE:
                row[start] = str(value)  # a text column, whatever the calculation gave
            else:
                row[start] = value
        return row
