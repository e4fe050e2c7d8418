"""Settling a definition read from a file once every question is known.

* A name that is not a Guild code (``HHSize``, ``q-1``, a name used twice) becomes one
  (``hhsize``, ``q_1``, ``name_2``), and every ``${name}`` in expressions and texts follows.
* Each expression is checked with Guild's own reader (the conditions package): one Guild cannot
  work out, or one referring to a question that does not come before it, cannot come in
  (the question is then shown to everyone, any answer accepted, every option offered; a
  calculation is left out with its question).
* An expression referring to a question that cannot come in (a repeat's, a photo …) is
  removed and the review says what follows; a ``${name}`` in a text referring to one is
  left out of the text. Nothing refers to what is not there, so the export always
  converts with pyxform.
"""

import re
from collections.abc import Callable
from dataclasses import replace

from django.utils.translation import gettext as _

from guild.questionnaires.definition.conditions import (
    UNKNOWN_FUNCTION,
    ConditionError,
    parse_calculation,
    parse_condition,
)
from guild.questionnaires.definition.labels import label_references
from guild.questionnaires.definition.problems import Path
from guild.questionnaires.definition.types import (
    Definition,
    Option,
    Question,
    QuestionType,
    Section,
    Text,
)
from guild.questionnaires.definition.validate import is_code
from guild.questionnaires.definition.xlsform.columns import CHOICES, SURVEY
from guild.questionnaires.definition.xlsform.duplicates import FilterFollower, spread
from guild.questionnaires.definition.xlsform.reader import Reader

_REFERENCE = re.compile(r"\$\{\s*([^}\s]+)\s*\}")
_LITERAL = re.compile(r"(['\"])(.*?)\1")


def code_for(name: str) -> str:
    """The Guild code nearest to an XLSForm name."""
    code = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_")
    code = re.sub(r"_+", "_", code)
    if not code or not code[0].isalpha() or not code.isascii():
        code = f"q_{code}"
    return code[:64]


class Settler:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.codes: dict[str, str] = {}  # name in the file → code
        self.gone = set(reader.gone)
        self._question_codes: dict[tuple[int, int], str] = {}
        # question code → option name written twice in its list → the codes it became
        self.shared: dict[str, dict[str, list[str]]] = {}

    # -- codes --------------------------------------------------------------------------

    def _code(self, name: str, used: set[str], path: Path, column: str = "name") -> str:
        code = name
        if not is_code(name) or name in used:
            base = code_for(name) if not is_code(name) else name
            code, count = base, 1
            while code in used:
                count += 1
                code = f"{base[:60]}_{count}"
            _sheet, row = self.reader.places.get(path, (SURVEY, None))
            self.reader.change(
                self.reader.survey,
                row,
                column,
                "code_changed",
                _(
                    "The name “%(name)s” becomes the code “%(code)s”: Guild codes are "
                    "unique and made of lower-case letters, digits and underscores."
                )
                % {"name": name, "code": code},
            )
        used.add(code)
        return code

    def rename(self, source: str) -> str:
        """`source` with each ``${name}`` made its code, and each quoted option name made
        its code where reading changed it (``'père'`` → ``'pere'``)."""
        renamed = _REFERENCE.sub(
            lambda found: "${" + self.codes.get(found.group(1), found.group(1)) + "}", source
        )
        if not self.reader.option_codes:
            return renamed
        return _LITERAL.sub(
            lambda found: (
                found.group(1)
                + self.reader.option_codes.get(found.group(2), found.group(2))
                + found.group(1)
            ),
            renamed,
        )

    # -- expressions ----------------------------------------------------------------------

    def expression(
        self,
        source: str | None,
        *,
        what: str,
        row: int | None,
        earlier: set[str],
        parse: Callable[[str], object],
    ) -> str | None:
        """`source` with its references renamed, or None when it cannot come in."""
        if not source:
            return None
        text = self.rename(source)
        column = {"relevant": "relevant", "constraint": "constraint"}.get(what, what)
        text, unsettled = spread(text, self.shared)
        for code, name in unsettled:
            self.reader.change(
                self.reader.survey,
                row,
                column,
                f"{what}_shared_option",
                _(
                    "This compares “%(code)s” with “%(name)s”, a name several of its options "
                    "had (%(codes)s): only the option “%(name)s” matches here."
                )
                % {
                    "code": code,
                    "name": name,
                    "codes": ", ".join(f"“{c}”" for c in self.shared[code][name]),
                },
            )
        consequence = _CONSEQUENCES[what]()
        try:
            parsed = parse(text)
        except ConditionError as error:
            if error.code == UNKNOWN_FUNCTION:
                reason = _("Guild cannot work out “%(function)s()”.") % {
                    "function": getattr(error, "function", "") or text
                }
            else:
                reason = _("Guild cannot read this at character %(position)d: %(detail)s") % {
                    "position": error.position + 1,
                    "detail": error.message,
                }
            self.reader.drop(
                self.reader.survey, row, column, f"{what}_dropped", f"{reason} {consequence}"
            )
            return None
        references = sorted(getattr(parsed, "references", frozenset()))
        lost = [code for code in references if code in self.gone]
        if lost:
            # A calculation left out is a loss; any other expression left out changes
            # who sees the question or what it accepts.
            note = self.reader.drop if what == "calculation" else self.reader.change
            note(
                self.reader.survey,
                row,
                column,
                f"{what}_removed",
                _("This refers to “%(code)s”, which cannot come in.") % {"code": lost[0]}
                + " "
                + consequence,
            )
            return None
        later = [code for code in references if code not in earlier]
        if later:
            self.reader.drop(
                self.reader.survey,
                row,
                column,
                f"{what}_dropped",
                _("This refers to “%(code)s”, which does not come before this question.")
                % {"code": later[0]}
                + " "
                + consequence,
            )
            return None
        return text

    def text(
        self, value: Text | None, sheet_name: str, row: int | None, column: str
    ) -> Text | None:
        """`value` with its ``${name}`` renamed, those to questions not there left out."""
        if value is None:
            return None
        known = set(self.codes.values()) - self.gone
        lost: list[str] = []

        def settle(text: str) -> str:
            if "${" not in text:
                return text
            for name in label_references(text):
                if self.codes.get(name, name) not in known and name not in lost:
                    lost.append(name)

            def swap(found: re.Match[str]) -> str:
                name = found.group(1)
                code = self.codes.get(name, name)
                return "${" + code + "}" if code in known else ""

            settled = _REFERENCE.sub(swap, text)
            return settled.strip() if settled != text else settled

        settled = Text(
            settle(value.en),
            settle(value.fr),
            tuple((language, settle(text)) for language, text in value.others),
        )
        if lost:
            sheet = self.reader.choices if sheet_name == CHOICES else self.reader.survey
            if sheet is not None:
                self.reader.change(
                    sheet,
                    row,
                    column,
                    "reference_removed",
                    _(
                        "The text refers to “%(code)s”, which cannot come in: the reference "
                        "is left out of the text."
                    )
                    % {"code": lost[0]},
                )
        return settled

    # -- the definition -----------------------------------------------------------------

    def settle(self, definition: Definition) -> Definition:
        used: set[str] = set()
        section_codes = []
        for s_index, section in enumerate(definition.sections):
            section_codes.append(self._code(section.code, used, ("sections", s_index)))
            for q_index, question in enumerate(section.questions):
                code = self._code(question.code, used, ("sections", s_index, "questions", q_index))
                self.codes.setdefault(question.code, code)
                self._question_codes[(s_index, q_index)] = code
                list_name = self.reader.list_of.get(("sections", s_index, "questions", q_index))
                if list_name in self.reader.shared:
                    self.shared[code] = self.reader.shared[list_name]
        earlier: set[str] = set()
        moves: dict[Path, Path] = {}
        sections: list[Section] = []
        for s_index, section in enumerate(definition.sections):
            questions: list[Question] = []
            kept: dict[Path, Path] = {}
            for q_index, question in enumerate(section.questions):
                old: Path = ("sections", s_index, "questions", q_index)
                code = self._question_codes[(s_index, q_index)]
                settled = self.question(question, old, code, earlier)
                if settled is None:
                    self.gone |= {question.code, code}
                    continue
                kept[old] = ("sections", len(sections), "questions", len(questions))
                questions.append(settled)
                earlier.add(settled.code)
            row = self._row(("sections", s_index))
            if not questions and s_index in self.reader.implicit:
                continue  # rows outside groups, each already noted
            if not questions:
                self.reader.change(
                    self.reader.survey,
                    row,
                    "type",
                    "empty_section_removed",
                    _("Nothing in this group can come in, so the section is left out."),
                )
                continue
            moves[("sections", s_index)] = ("sections", len(sections))
            moves.update(kept)
            sections.append(
                replace(
                    section,
                    code=section_codes[s_index],
                    title=self.text(section.title, SURVEY, row, "label") or section.title,
                    description=self.text(section.description, SURVEY, None, "label"),
                    questions=tuple(questions),
                )
            )
        self._move(moves)
        rebuilt = replace(definition, sections=tuple(sections))
        return FilterFollower(self.reader, self.shared).follow(rebuilt)

    def _row(self, path: Path) -> int | None:
        return self.reader.places.get(path, (SURVEY, None))[1]

    def question(
        self, question: Question, path: Path, code: str, earlier: set[str]
    ) -> Question | None:
        row = self._row(path)
        if question.type == QuestionType.CALCULATE:
            calculation = self.expression(
                question.calculation,
                what="calculation",
                row=row,
                earlier=earlier,
                parse=lambda text: parse_calculation(text),
            )
            if calculation is None:
                return None
        else:
            calculation = None
        parts = []
        for source, where in self.reader.relevants.get(path, []):
            checked = self.expression(
                source,
                what="relevant",
                row=where,
                earlier=earlier,
                parse=lambda text: parse_condition(text),
            )
            if checked is not None and checked not in parts:
                parts.append(checked)
        constraint = self.expression(
            question.constraint,
            what="constraint",
            row=row,
            earlier=earlier | {code},
            parse=lambda text: parse_condition(text, allow_self=True),
        )
        choice_filter = self.expression(
            question.choice_filter,
            what="choice_filter",
            row=row,
            earlier=earlier,
            parse=lambda text: parse_condition(text, allow_names=True),
        )
        options = tuple(
            self.option(option, (*path, "options", i)) for i, option in enumerate(question.options)
        )
        rows = tuple(
            self.option(option, (*path, "rows", i)) for i, option in enumerate(question.rows)
        )
        return replace(
            question,
            code=code,
            label=self.text(question.label, SURVEY, row, "label") or question.label,
            help=self.text(question.help, SURVEY, row, "hint"),
            options=options,
            rows=rows,
            relevant=_combine(parts),
            constraint=constraint,
            constraint_message=(
                self.text(question.constraint_message, SURVEY, row, "constraint_message")
                if constraint is not None
                or question.minimum is not None
                or question.maximum is not None
                or question.max_length is not None
                else None
            ),
            required_message=self.text(question.required_message, SURVEY, row, "required_message"),
            choice_filter=choice_filter,
            calculation=calculation,
        )

    def option(self, option: Option, path: Path) -> Option:
        sheet, row = self.reader.places.get(path, (CHOICES, None))
        return replace(option, label=self.text(option.label, sheet, row, "label") or option.label)

    def _move(self, moves: dict[Path, Path]) -> None:
        """Places follow their part to its new path; a part left out has none."""
        for table in (self.reader.places, self.reader.relevants):
            moved = {}
            for path, value in table.items():
                cut = 4 if len(path) >= 4 else 2
                if path[:cut] in moves:
                    moved[(*moves[path[:cut]], *path[cut:])] = value
            table.clear()
            table.update(moved)  # type: ignore[arg-type]


_CONSEQUENCES: dict[str, Callable[[], str]] = {
    "relevant": lambda: _("The condition is left out: the question is shown to everyone."),
    "constraint": lambda: _("The constraint is left out: any answer is accepted."),
    "choice_filter": lambda: _("The filter is left out: every option is offered."),
    "calculation": lambda: _("The calculation cannot come in."),
}


def _combine(parts: list[str]) -> str | None:
    if len(parts) <= 1:
        return parts[0] if parts else None
    return " and ".join(f"({part})" for part in parts)
