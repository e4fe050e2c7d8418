"""A questionnaire's content as plain, frozen data: the contract between the stored
definition (JSON in `QuestionnaireVersion.definition`), the XLSForm and JSON importers,
the answering pages, answer validation, statistics and exports.

Answer values, by question type (what `Response.answers[code]` holds once validated):

| type       | value                                                              |
|------------|--------------------------------------------------------------------|
| single     | option code (str)                                                  |
| likert     | option code (str); options are the scale points, in order          |
| multiple   | list of option codes, no duplicates, in option order                |
| matrix     | {row code: option code}; rows share the options (the scale)         |
| ranking    | list of option codes, best first, each at most once                 |
| integer    | int, within minimum/maximum when given                              |
| year       | int (a calendar year), within minimum/maximum when given           |
| decimal    | str holding a decimal number (never float), within the range       |
| date       | str "YYYY-MM-DD"                                                    |
| text       | str, at most `max_length` characters (default 200)                  |
| long_text  | str, at most `max_length` characters (default 5000)                 |
| calculate  | the value of its `calculation` (str, int or Decimal as str), worked |
|            | out by the server from the other answers; never typed by a person   |

A ``note`` is text shown to respondents (its label and help) and holds no answer.

An unanswered question is absent from the mapping. A hidden question (its `relevant`
condition false) must stay absent: answers to hidden questions are refused.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    LIKERT = "likert"
    MATRIX = "matrix"
    RANKING = "ranking"
    INTEGER = "integer"
    DECIMAL = "decimal"
    YEAR = "year"
    DATE = "date"
    TEXT = "text"
    LONG_TEXT = "long_text"
    NOTE = "note"  # text shown between questions; never answered
    CALCULATE = "calculate"  # a value the server works out (`Question.calculation`)


CHOICE_TYPES = frozenset({QuestionType.SINGLE, QuestionType.LIKERT, QuestionType.MULTIPLE})
OPTION_TYPES = CHOICE_TYPES | {QuestionType.MATRIX, QuestionType.RANKING}
NUMBER_TYPES = frozenset({QuestionType.INTEGER, QuestionType.DECIMAL, QuestionType.YEAR})
TEXT_TYPES = frozenset({QuestionType.TEXT, QuestionType.LONG_TEXT})
# What a person answers: every type but notes and calculations.
ANSWERED_TYPES = frozenset(QuestionType) - {QuestionType.NOTE, QuestionType.CALCULATE}
DEFAULT_MAX_LENGTH = {QuestionType.TEXT: 200, QuestionType.LONG_TEXT: 5000}


class Breakdown(StrEnum):
    """What a demographic question stands for, so results can be shown by department or
    region from the answers (never from the profile) and coordinators find their page."""

    DEPARTMENT = "department"  # option codes are organizations.Department.code
    REGION = "region"  # option codes are organizations.Region.code
    OTHER = "other"  # any other demographic question usable as a breakdown


class QuasiIdentifier(StrEnum):
    """A question whose answer, combined with others, could single a person out (their
    department, region, group and level, language, age or service band …). The row-level
    export of an anonymous questionnaire generalises these until every combination is
    shared by at least the threshold of responses (exports/k_anonymity.py); the kind says
    how a value can be made coarser."""

    NOMINAL = "nominal"  # categories without order: small ones are pooled into "other"
    ORDERED = "ordered"  # options in order, numbers, dates: merged into wider bands


class WorkforceRole(StrEnum):
    """What a question stands for in the workforce view (guild.workforce), whatever its
    code: the age band and the years-of-service band (each option then declares the whole
    years it stands for, `Option.band`) and the occupational group (a further table)."""

    AGE = "age"
    SERVICE = "service"
    GROUP = "group"


BANDED_ROLES = frozenset({WorkforceRole.AGE, WorkforceRole.SERVICE})


# The question types that can be declared quasi-identifiers, and the kinds each allows.
QUASI_IDENTIFIER_KINDS: dict[QuestionType, frozenset[QuasiIdentifier]] = {
    QuestionType.SINGLE: frozenset(QuasiIdentifier),
    QuestionType.LIKERT: frozenset(QuasiIdentifier),
    QuestionType.MATRIX: frozenset(QuasiIdentifier),
    QuestionType.INTEGER: frozenset({QuasiIdentifier.ORDERED}),
    QuestionType.YEAR: frozenset({QuasiIdentifier.ORDERED}),
    QuestionType.DECIMAL: frozenset({QuasiIdentifier.ORDERED}),
    QuestionType.DATE: frozenset({QuasiIdentifier.ORDERED}),
}


@dataclass(frozen=True)
class Text:
    """A text in both official languages; `others` keeps any further languages a file
    brought (language as its header names it, e.g. "Español (es)", then the text), so
    they go back out in exports."""

    en: str
    fr: str
    others: tuple[tuple[str, str], ...] = ()

    def get(self, language: str) -> str:
        return self.fr if language.startswith("fr") and self.fr else self.en


@dataclass(frozen=True)
class YearBand:
    """The whole years an option stands for: ``low`` to ``high`` inclusive, ``high`` None
    for an open top band ("65 or more")."""

    low: int
    high: int | None = None


@dataclass(frozen=True)
class Option:
    code: str
    label: Text
    band: YearBand | None = None  # only on the options of an age or service question
    # Further columns of the option's row (XLSForm choices sheet: name → value), which a
    # question's `choice_filter` refers to by bare name, e.g. ("state", "ontario").
    properties: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Question:
    code: str
    type: QuestionType
    label: Text
    help: Text | None = None
    required: bool = False
    options: tuple[Option, ...] = ()
    rows: tuple[Option, ...] = ()  # matrix rows
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    max_length: int | None = None
    relevant: str | None = None  # show-if expression, see the conditions package
    breakdown: Breakdown | None = None
    quasi_identifier: QuasiIdentifier | None = None
    workforce: WorkforceRole | None = None
    # An expression (the conditions package) that an answer must satisfy, "." standing for it.
    constraint: str | None = None
    constraint_message: Text | None = None  # shown when the constraint fails
    required_message: Text | None = None  # shown when a required question is left empty
    default: str | None = None  # the answer the page starts with, as XLSForm writes it
    read_only: bool = False  # shown with its default or calculated value, not editable
    # Which options are offered: an expression over earlier answers and each option's
    # `properties` (bare names); an option is offered when it holds.
    choice_filter: str | None = None
    calculation: str | None = None  # CALCULATE only: the expression whose value it holds

    @property
    def text_limit(self) -> int:
        return self.max_length or DEFAULT_MAX_LENGTH.get(self.type, 200)


@dataclass(frozen=True)
class Section:
    code: str
    title: Text
    description: Text | None = None
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True)
class Definition:
    title: Text
    description: Text | None = None
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for section in self.sections for q in section.questions)

    def question(self, code: str) -> Question:
        for q in self.questions:
            if q.code == code:
                return q
        raise KeyError(code)

    def breakdowns(self) -> dict[Breakdown, Question]:
        """The first question marked for each breakdown kind (department, region)."""
        found: dict[Breakdown, Question] = {}
        for q in self.questions:
            if q.breakdown and q.breakdown not in found:
                found[q.breakdown] = q
        return found

    def workforce_roles(self) -> dict[WorkforceRole, Question]:
        """The first question declared for each workforce role (age, service, group)."""
        found: dict[WorkforceRole, Question] = {}
        for q in self.questions:
            if q.workforce and q.workforce not in found:
                found[q.workforce] = q
        return found

    def quasi_identifiers(self) -> tuple[Question, ...]:
        """The questions declared quasi-identifiers, in order."""
        return tuple(q for q in self.questions if q.quasi_identifier is not None)
