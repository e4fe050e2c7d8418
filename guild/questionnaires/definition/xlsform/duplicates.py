"""Options a list names alike (``king`` twice, once per state, as cascading selects do):
Guild numbers them apart (``king``, ``king_2``), and what compares with the name follows.

* ``${county} = 'king'`` held for either option in the file, so it becomes
  ``(${county} = 'king' or ${county} = 'king_2')``; ``!=`` and ``selected()`` alike.
* A list a ``choice_filter`` matches against the question (``county = ${county}``) names
  the option in a column (a city's ``county`` is ``king``): the value becomes the code of
  the one option it can mean, the one whose own columns agree with the row's
  (``state`` texas → ``king_2``). A value that could mean several is said in the review.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from django.utils.translation import gettext as _

from guild.questionnaires.definition.problems import Path
from guild.questionnaires.definition.types import Definition, Option, Question, Section
from guild.questionnaires.definition.xlsform.columns import CHOICES
from guild.questionnaires.definition.xlsform.reader import Reader

# question code → the code the file wrote → every code it became, in order
Shared = Mapping[str, Mapping[str, Sequence[str]]]

_QUOTE = "['\"\u2018\u2019\u201c\u201d]"


def _either(codes: Sequence[str], template: str, joiner: str) -> str:
    return "(" + f" {joiner} ".join(template.replace("\0", code) for code in codes) + ")"


def spread(text: str, shared: Shared) -> tuple[str, list[tuple[str, str]]]:
    """`text` with each comparison to a shared name made a comparison to every option
    that bore it; with the (question, name) pairs still compared some other way."""
    unsettled: list[tuple[str, str]] = []
    for question, names in shared.items():
        ref = "${" + question + "}"
        if ref not in text:
            continue
        reference = re.escape(ref)
        for name, codes in names.items():
            literal = f"{_QUOTE}{re.escape(name)}{_QUOTE}"
            written = len(re.findall(literal, text))
            if not written:
                continue

            def compared(found: re.Match[str], codes: Sequence[str] = codes, ref: str = ref) -> str:
                operator = found.group("op")
                joiner = "or" if operator == "=" else "and"
                return _either(codes, ref + f" {operator} '\0'", joiner)

            def chosen(_found: re.Match[str], codes: Sequence[str] = codes, ref: str = ref) -> str:
                return _either(codes, f"selected({ref}, '\0')", "or")

            settled = 0
            for pattern, swap in (
                (rf"{reference}\s*(?P<op>!?=)\s*{literal}", compared),
                (rf"{literal}\s*(?P<op>!?=)\s*{reference}", compared),
                (rf"selected\(\s*{reference}\s*,\s*{literal}\s*\)", chosen),
            ):
                text, count = re.subn(pattern, swap, text)
                settled += count
            if settled < written:
                unsettled.append((question, name))
    return text, unsettled


def _matched(choice_filter: str) -> list[tuple[str, str]]:
    """(column, question) pairs a filter matches: ``county = ${county}`` or reversed."""
    pairs = re.findall(r"(?<![\w$.{-])([A-Za-z_][\w.-]*)\s*=\s*\$\{\s*(\w+)\s*\}", choice_filter)
    pairs += [
        (column, code)
        for code, column in re.findall(
            r"\$\{\s*(\w+)\s*\}\s*=\s*([A-Za-z_][\w.-]*)(?![\w(])", choice_filter
        )
    ]
    return pairs


class FilterFollower:
    """Rewrites the columns a ``choice_filter`` matches against renamed options."""

    def __init__(self, reader: Reader, shared: Shared) -> None:
        self.reader = reader
        self.shared = shared

    def follow(self, definition: Definition) -> Definition:
        if not self.shared:
            return definition
        by_code = {question.code: question for question in definition.questions}
        sections: list[Section] = []
        for s_index, section in enumerate(definition.sections):
            questions = []
            for q_index, question in enumerate(section.questions):
                path: Path = ("sections", s_index, "questions", q_index)
                questions.append(self.question(question, path, by_code))
            sections.append(replace(section, questions=tuple(questions)))
        return replace(definition, sections=tuple(sections))

    def question(self, question: Question, path: Path, by_code: dict[str, Question]) -> Question:
        if not question.choice_filter:
            return question
        pairs = [
            (column, code)
            for column, code in _matched(question.choice_filter)
            if code in self.shared and code in by_code
        ]
        if not pairs:
            return question
        options = list(question.options)
        for index in range(len(options)):
            for column, code in pairs:
                options[index] = self.option(
                    options[index], column, by_code[code], (*path, "options", index)
                )
        return replace(question, options=tuple(options))

    def option(self, option: Option, column: str, source: Question, path: Path) -> Option:
        properties = dict(option.properties)
        written = properties.get(column)
        if written is None:
            return option
        name = self.reader.option_codes.get(written, written)
        codes = self.shared[source.code].get(name)
        if not codes:
            if name != written:
                properties[column] = name
                return replace(option, properties=tuple(properties.items()))
            return option
        candidates = [o for o in source.options if o.code in codes]
        agreeing = [
            candidate
            for candidate in candidates
            if all(properties.get(key, value) == value for key, value in candidate.properties)
        ]
        sheet, row = self.reader.places.get(path, (CHOICES, None))
        choices = self.reader.choices
        if choices is None or sheet != CHOICES:
            return option
        if len(agreeing) == 1:
            code = agreeing[0].code
            if code != written:
                properties[column] = code
                self.reader.change(
                    choices,
                    row,
                    column,
                    "filter_value_followed",
                    _(
                        "“%(name)s” here is the option of “%(question)s” that became "
                        "“%(code)s”, the one whose columns agree with this row: the filter "
                        "follows it."
                    )
                    % {"name": written, "question": source.code, "code": code},
                )
            return replace(option, properties=tuple(properties.items()))
        if len(agreeing) > 1:
            self.reader.change(
                choices,
                row,
                column,
                "filter_value_ambiguous",
                _(
                    "“%(name)s” here could be any of the options %(codes)s of “%(question)s”: "
                    "this option is offered only when “%(name)s” is chosen."
                )
                % {
                    "name": written,
                    "codes": ", ".join(f"“{c.code}”" for c in agreeing),
                    "question": source.code,
                },
            )
        if name != written:
            properties[column] = name
            return replace(option, properties=tuple(properties.items()))
        return option
