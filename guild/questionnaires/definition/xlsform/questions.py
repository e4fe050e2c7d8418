"""Reading an XLSForm's rows one at a time: a question (with its options, bounds and
declared roles), a matrix from a table-list group, and the lists of options. build.py walks
the survey with these."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from guild.questionnaires.definition.problems import Path, Problem
from guild.questionnaires.definition.types import (
    Breakdown,
    Option,
    QuasiIdentifier,
    Question,
    QuestionType,
    Text,
)
from guild.questionnaires.definition.xlsform.columns import (
    BOUND,
    CHOICES,
    FALSE_VALUES,
    LENGTH,
    LIST_TYPES,
    SIMPLE_TYPES,
    SURVEY,
    TRUE_VALUES,
)
from guild.questionnaires.definition.xlsform.roles import (
    read_band,
    read_role,
)
from guild.questionnaires.definition.xlsform.sheets import Sheet


@dataclass
class Reader:
    """The workbook's sheets and what reading them found: the lists of options, the
    problems, and where each part of the definition came from."""

    survey: Sheet
    choices: Sheet | None
    settings: Sheet | None
    problems: list[Problem] = field(default_factory=list)
    # where each part of the definition came from: path → (sheet, row)
    places: dict[Path, tuple[str, int]] = field(default_factory=dict)
    lists: dict[str, list[tuple[Option, int]]] = field(default_factory=dict)

    def note(self, sheet: Sheet, row: int, column: str, code: str, message: str) -> None:
        header, letter = sheet.column(column)
        self.problems.append(
            Problem(
                code=code,
                message=message,
                sheet=sheet.name,
                row=row,
                column=header,
                column_letter=letter,
            )
        )

    def text(self, sheet: Sheet, row: Mapping[str, str], kind: str = "label") -> Text | None:
        english = sheet.get(row, f"{kind}::English (en)") or sheet.get(row, kind)
        french = sheet.get(row, f"{kind}::French (fr)")
        if not english and not french:
            return None
        return Text(english, french)

    # -- choices ------------------------------------------------------------------------

    def read_choices(self) -> None:
        if self.choices is None:
            return
        sheet = self.choices
        for index, row in enumerate(sheet.rows):
            if not row:
                continue
            number = index + 2
            list_name, name = sheet.get(row, "list_name"), sheet.get(row, "name")
            if not list_name:
                self.note(sheet, number, "list_name", "missing_list_name", _("Give the list name."))
                continue
            if not name:
                self.note(sheet, number, "name", "missing_name", _("Give the option's code."))
                continue
            label = self.text(sheet, row) or Text("", "")
            band = read_band(sheet, row, number, self.note)
            self.lists.setdefault(list_name, []).append((Option(name, label, band), number))

    def options(self, list_name: str, path: Path, row: int) -> tuple[Option, ...]:
        if list_name not in self.lists:
            self.note(
                self.survey,
                row,
                "type",
                "unknown_list",
                _("The choices sheet has no list “%(list)s”.") % {"list": list_name},
            )
            return ()
        found = self.lists[list_name]
        for index, (_option, number) in enumerate(found):
            self.places[(*path, "options", index)] = (CHOICES, number)
        return tuple(option for option, _number in found)

    # -- survey -------------------------------------------------------------------------

    def boolean(self, row: Mapping[str, str], number: int) -> bool:
        value = self.survey.get(row, "required").lower()
        if value in TRUE_VALUES:
            return True
        if value and value not in FALSE_VALUES:
            self.note(
                self.survey,
                number,
                "required",
                "invalid_required",
                _("Write yes or no (or leave empty)."),
            )
        return False

    def bounds(
        self, row: Mapping[str, str], number: int
    ) -> tuple[Decimal | None, Decimal | None, int | None]:
        low = high = None
        length = None
        constraint = self.survey.get(row, "constraint")
        if constraint:
            for part in re.split(r"\s+and\s+", constraint):
                bound = BOUND.fullmatch(part.strip())
                size = LENGTH.fullmatch(part.strip())
                if bound:
                    if bound.group(1) == ">=":
                        low = Decimal(bound.group(2))
                    else:
                        high = Decimal(bound.group(2))
                elif size:
                    length = int(size.group(1))
                else:
                    self.note(
                        self.survey,
                        number,
                        "constraint",
                        "unsupported_constraint",
                        _(
                            "Only constraints such as “. >= 0 and . <= 60” or "
                            "“string-length(.) <= 200” can be used."
                        ),
                    )
                    break
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
        return low, high, length

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

    def question(
        self, row: Mapping[str, str], number: int, path: Path, group_relevant: str | None
    ) -> Question | None:
        sheet = self.survey
        words = sheet.get(row, "type").split()
        appearance = sheet.get(row, "appearance").lower().split()
        base = words[0] if words else ""
        if base in LIST_TYPES:
            if len(words) != 2:
                self.note(
                    sheet,
                    number,
                    "type",
                    "invalid_type",
                    _("Write the type as “%(type)s list_name”.") % {"type": base},
                )
                return None
            kind = LIST_TYPES[base]
            if kind == QuestionType.SINGLE and "likert" in appearance:
                kind = QuestionType.LIKERT
        elif base in SIMPLE_TYPES and len(words) == 1:
            kind = SIMPLE_TYPES[base]
            if kind == QuestionType.INTEGER and "year" in appearance:
                kind = QuestionType.YEAR
            if kind == QuestionType.TEXT and "multiline" in appearance:
                kind = QuestionType.LONG_TEXT
        else:
            self.note(
                sheet,
                number,
                "type",
                "unsupported_type",
                _("“%(type)s” is not a question type Guild can use.")
                % {"type": sheet.get(row, "type")},
            )
            return None
        self.places[path] = (SURVEY, number)
        name = sheet.get(row, "name")
        if not name:
            self.note(sheet, number, "name", "missing_name", _("Give the question's code."))
        low, high, length = self.bounds(row, number)
        options = self.options(words[1], path, number) if base in LIST_TYPES else ()
        return Question(
            code=name,
            type=kind,
            label=self.text(sheet, row) or Text("", ""),
            help=self.text(sheet, row, "hint"),
            required=self.boolean(row, number),
            options=options,
            minimum=low,
            maximum=high,
            max_length=length,
            relevant=_combine(group_relevant, sheet.get(row, "relevant") or None),
            breakdown=self.breakdown(row, number),
            quasi_identifier=self.quasi_identifier(row, number),
            workforce=read_role(sheet, row, number, self.note),
        )

    def matrix(
        self,
        group: Mapping[str, str],
        number: int,
        children: list[tuple[Mapping[str, str], int]],
        path: Path,
        group_relevant: str | None,
    ) -> Question | None:
        sheet = self.survey
        list_names = set()
        for row, row_number in children:
            words = sheet.get(row, "type").split()
            if len(words) != 2 or words[0] != "select_one":
                self.note(
                    sheet,
                    row_number,
                    "type",
                    "invalid_matrix_row",
                    _("Every question of a table-list group must be select_one of one list."),
                )
                return None
            list_names.add(words[1])
        if len(list_names) > 1:
            self.note(
                sheet,
                children[0][1],
                "type",
                "invalid_matrix_row",
                _("Every question of a table-list group must be select_one of one list."),
            )
            return None
        self.places[path] = (SURVEY, number)
        rows = []
        required = False
        for index, (row, row_number) in enumerate(children):
            self.places[(*path, "rows", index)] = (SURVEY, row_number)
            rows.append(Option(sheet.get(row, "name"), self.text(sheet, row) or Text("", "")))
            required = self.boolean(row, row_number) or required
        options = self.options(list_names.pop(), path, children[0][1]) if list_names else ()
        return Question(
            code=sheet.get(group, "name"),
            type=QuestionType.MATRIX,
            label=self.text(sheet, group) or Text("", ""),
            help=self.text(sheet, group, "hint"),
            required=required,
            options=options,
            rows=tuple(rows),
            relevant=_combine(group_relevant, sheet.get(group, "relevant") or None),
            breakdown=self.breakdown(group, number),
            quasi_identifier=self.quasi_identifier(group, number),
            workforce=read_role(sheet, group, number, self.note),
        )


def _combine(outer: str | None, inner: str | None) -> str | None:
    if outer and inner:
        return f"({outer}) and ({inner})"
    return outer or inner
