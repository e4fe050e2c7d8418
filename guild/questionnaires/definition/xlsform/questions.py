"""Reading an XLSForm's survey rows one at a time: a question (with its options, bounds,
logic, messages and declared roles), the text question an ``or_other`` brings, and a
matrix from a table-list group. build.py walks the survey with these.

Expressions are kept as the file writes them here; references.py checks them once every
question is known (a question dropped, a name made a code …)."""

import re
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from pyxform.utils import default_is_dynamic

from guild.questionnaires.definition.problems import Path
from guild.questionnaires.definition.types import (
    NUMBER_TYPES,
    TEXT_TYPES,
    Breakdown,
    Option,
    QuasiIdentifier,
    Question,
    QuestionType,
    Text,
)
from guild.questionnaires.definition.xlsform.columns import (
    BOUND,
    FALSE_VALUES,
    LENGTH,
    OTHER_LABEL,
    RANKED,
    SPECIFY_OTHER_LABEL,
    SURVEY,
    TRUE_VALUES,
)
from guild.questionnaires.definition.xlsform.dialect import RowType
from guild.questionnaires.definition.xlsform.reader import Reader
from guild.questionnaires.definition.xlsform.roles import read_role


class QuestionReader(Reader):
    """Reading a survey row into a question."""

    def flag(self, row: Mapping[str, str], number: int, column: str) -> bool:
        value = self.survey.get(row, column)
        if value.lower() in TRUE_VALUES:
            return True
        if not value or value.lower() in FALSE_VALUES:
            return False
        if column == "required":
            message = _(
                "Guild cannot make an answer required only in some cases: the question is optional."
            )
        else:
            message = _(
                "Guild cannot make a question read-only only in some cases: it can be answered."
            )
        self.drop(self.survey, number, column, f"conditional_{column}", message)
        return False

    def bounds(
        self, row: Mapping[str, str], number: int, kind: QuestionType
    ) -> tuple[Decimal | None, Decimal | None, int | None, str | None]:
        """The range or length the constraint states, and what else it says."""
        low = high = None
        length = None
        rest: list[str] = []
        constraint = self.survey.get(row, "constraint")
        for part in _top_level_and(constraint) if constraint else []:
            bound = BOUND.fullmatch(part)
            size = LENGTH.fullmatch(part)
            ranked = RANKED.fullmatch(part)
            if ranked and kind == QuestionType.RANKING:
                high = Decimal(ranked.group(1))
            elif bound and kind in NUMBER_TYPES:
                if bound.group(1) == ">=":
                    low = Decimal(bound.group(2))
                else:
                    high = Decimal(bound.group(2))
            elif size and kind in TEXT_TYPES:
                length = int(size.group(1))
            else:
                rest.append(part)
        for column in ("guild_min", "guild_max"):
            value = self.survey.get(row, column)
            if not value:
                continue
            try:
                parsed = Decimal(value)
                if not parsed.is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                self.note(self.survey, number, column, "not_a_number", _("Enter a number."))
                continue
            if column == "guild_min":
                low = parsed
            else:
                high = parsed
        if len(rest) == 1:
            return low, high, length, _unwrap(rest[0])
        return low, high, length, " and ".join(rest) or None

    def breakdown(self, row: Mapping[str, str], number: int) -> Breakdown | None:
        value = self.survey.get(row, "guild_breakdown").lower()
        if not value:
            return None
        try:
            return Breakdown(value)
        except ValueError:
            self.note(
                self.survey,
                number,
                "guild_breakdown",
                "unknown_breakdown",
                _("Write department, region or other (or leave empty)."),
            )
            return None

    def quasi_identifier(self, row: Mapping[str, str], number: int) -> QuasiIdentifier | None:
        value = self.survey.get(row, "guild_quasi_identifier").lower()
        if not value:
            return None
        try:
            return QuasiIdentifier(value)
        except ValueError:
            self.note(
                self.survey,
                number,
                "guild_quasi_identifier",
                "unknown_quasi_identifier",
                _("Write nominal or ordered (or leave empty)."),
            )
            return None

    def default(self, row: Mapping[str, str], number: int, kind: QuestionType) -> str | None:
        value = self.survey.get(row, "default")
        if not value:
            return None
        if default_is_dynamic(value):
            self.drop(
                self.survey,
                number,
                "default",
                "dynamic_default",
                _(
                    "Guild cannot work out a starting answer from an expression: the "
                    "question starts empty."
                ),
            )
            return None
        if kind == QuestionType.DATE and re.fullmatch(r"\d{4}-\d{2}-\d{2} 00:00:00", value):
            return value[:10]  # a date cell, which the workbook reader gives with its time
        return value

    def unused_columns(self, row: Mapping[str, str], number: int) -> None:
        """Report the cells of columns Guild cannot use (never left behind in silence)."""
        sheet = self.survey
        self.media(sheet, row, number)
        reasons = {
            "guidance_hint": (
                "guidance_hint_dropped",
                _("Guild has no guidance hints: this text cannot come in."),
            ),
            "trigger": (
                "trigger_dropped",
                _(
                    "Guild cannot change an answer when another changes: the trigger "
                    "cannot come in."
                ),
            ),
            "parameters": (
                "parameters_dropped",
                _("Guild cannot use these parameters: they cannot come in."),
            ),
        }
        for header, meaning in sheet.columns.items():
            if meaning.field in reasons and str(row.get(header) or "").strip():
                code, message = reasons[meaning.field]
                self.drop(sheet, number, header, code, message)

    def label(self, row: Mapping[str, str], number: int, name: str) -> Text:
        found = self.text(self.survey, row)
        if found is not None:
            return found
        self.change(
            self.survey,
            number,
            "label",
            "label_from_name",
            _("The question has no label: its name “%(name)s” is shown instead.") % {"name": name},
        )
        return Text(name, "")

    def question(
        self, row: Mapping[str, str], number: int, path: Path, read: RowType
    ) -> list[Question]:
        """The question a row holds (with the text question an ``or_other`` brings)."""
        sheet = self.survey
        kind = read.question_type
        assert kind is not None  # noqa: S101 - build.py hands only questions here
        appearance = sheet.get(row, "appearance").lower().split()
        if kind == QuestionType.SINGLE and "likert" in appearance:
            kind = QuestionType.LIKERT
        elif kind == QuestionType.INTEGER and "year" in appearance:
            kind = QuestionType.YEAR
        elif kind == QuestionType.TEXT and "multiline" in appearance:
            kind = QuestionType.LONG_TEXT
        self.places[path] = (SURVEY, number)
        name = sheet.get(row, "name")
        options: tuple[Option, ...] = ()
        if read.list_name is not None:
            found = self.options(read.list_name, path, number)
            if found is None:
                return []
            options = found
        self.unused_columns(row, number)
        low, high, length, constraint = self.bounds(row, number, kind)
        answered = kind not in (QuestionType.NOTE, QuestionType.CALCULATE)
        question = Question(
            code=name,
            type=kind,
            label=self.label(row, number, name)
            if kind != QuestionType.CALCULATE
            else (self.text(sheet, row) or Text("", "")),
            help=self.text(sheet, row, "hint"),
            required=self.flag(row, number, "required") if answered else False,
            options=options,
            minimum=low,
            maximum=high,
            max_length=length,
            breakdown=self.breakdown(row, number),
            quasi_identifier=self.quasi_identifier(row, number),
            workforce=read_role(sheet, row, number, self.note),
            constraint=constraint,
            constraint_message=self.text(sheet, row, "constraint_message"),
            required_message=self.text(sheet, row, "required_message"),
            default=self.default(row, number, kind),
            read_only=self.flag(row, number, "read_only"),
            choice_filter=sheet.get(row, "choice_filter") or None,
            calculation=sheet.get(row, "calculation") or None,
        )
        if not read.or_other:
            return [question]
        return self.or_other(question, path, number)

    def or_other(self, question: Question, path: Path, number: int) -> list[Question]:
        """pyxform's expansion of ``or_other``: an "other" option, and a text question
        ``<name>_other`` asked when it is chosen."""
        options = question.options
        if all(option.code != "other" for option in options):
            languages = sorted({lang for o in options for lang, _t in o.label.others})
            other = Text(*OTHER_LABEL, tuple((lang, OTHER_LABEL[0]) for lang in languages))
            options = (*options, Option("other", other))
        specify = Question(
            code=f"{question.code}_other",
            type=QuestionType.TEXT,
            label=Text(*SPECIFY_OTHER_LABEL),
            relevant=f"selected(${{{question.code}}}, 'other')",
        )
        self.change(
            self.survey,
            number,
            "type",
            "or_other_expanded",
            _(
                "“or_other” becomes an option “other” and a question “%(code)s” asking "
                "which, shown when “other” is chosen."
            )
            % {"code": specify.code},
        )
        return [_replace_options(question, options), specify]

    def matrix(
        self,
        group: Mapping[str, str],
        number: int,
        children: list[tuple[Mapping[str, str], int]],
        list_name: str,
        path: Path,
    ) -> Question | None:
        sheet = self.survey
        options = self.options(list_name, path, children[0][1])
        if options is None:
            return None
        self.places[path] = (SURVEY, number)
        rows = []
        required = False
        for index, (row, row_number) in enumerate(children):
            self.places[(*path, "rows", index)] = (SURVEY, row_number)
            name = sheet.get(row, "name")
            rows.append(Option(name, self.label(row, row_number, name)))
            required = self.flag(row, row_number, "required") or required
            self.unused_columns(row, row_number)
        name = sheet.get(group, "name")
        return Question(
            code=name,
            type=QuestionType.MATRIX,
            label=self.label(group, number, name),
            help=self.text(sheet, group, "hint"),
            required=required,
            options=options,
            rows=tuple(rows),
            breakdown=self.breakdown(group, number),
            quasi_identifier=self.quasi_identifier(group, number),
            workforce=read_role(sheet, group, number, self.note),
        )


def _replace_options(question: Question, options: tuple[Option, ...]) -> Question:
    return replace(question, options=options)


def _top_level_and(source: str) -> list[str]:
    """`source` split on the ``and`` that are outside parentheses and quotes."""
    parts: list[str] = []
    depth = 0
    quote = ""
    start = 0
    index = 0
    while index < len(source):
        char = source[index]
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and re.match(r"\sand\s", source[index : index + 5]):
            parts.append(source[start:index].strip())
            start = index + 5
            index += 4
        index += 1
    parts.append(source[start:].strip())
    return [part for part in parts if part]


def _unwrap(source: str) -> str:
    """``(a or b)`` → ``a or b`` when the parentheses enclose the whole of it."""
    if not (source.startswith("(") and source.endswith(")")):
        return source
    depth = 0
    for index, char in enumerate(source):
        depth += char == "("
        depth -= char == ")"
        if depth == 0 and index < len(source) - 1:
            return source
    return source[1:-1].strip()
