"""A definition built from the rows of an XLSForm's sheets, noting where each part came
from so that problems found later can name their cell.

The survey's rows are first nested as pyxform nests them (groups and repeats holding
rows), then read:

* a top-level group is a section; rows outside any group make sections of their own;
* inside a section, a ``table-list`` group whose rows are all ``select_one`` of one list
  is a matrix question; any other group inside a section is flattened into it — its
  label becomes a note, its ``relevant`` joins each of its questions' — and the review
  says so;
* a repeat, a question type Guild has no counterpart for, a device field (start, end,
  deviceid …) and a cell of a column Guild cannot use come in as ``dropped`` notes at
  their cell; the rest of the file still comes in;
* a note is a note question, except the notes Guild writes for descriptions (named
  ``guild_intro``, first in the form, and ``guild_note_<section>``, first in its group):
  a note a person wrote first in a group may be meant as a description or as a note
  shown there, and only the names say which without doubt.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guild.questionnaires.definition.problems import Path, Problem
from guild.questionnaires.definition.types import (
    Definition,
    Question,
    QuestionType,
    Section,
    Text,
)
from guild.questionnaires.definition.xlsform.columns import (
    CHOICES,
    INTRO_NOTE,
    SECTION_NOTE_PREFIX,
    SETTINGS,
    SURVEY,
)
from guild.questionnaires.definition.xlsform.dialect import (
    Kind,
    RowType,
    official_language,
    row_type,
)
from guild.questionnaires.definition.xlsform.questions import QuestionReader
from guild.questionnaires.definition.xlsform.roles import BAND_HIGH, BAND_LOW, WORKFORCE

_BEGIN = ("begin_", "begin ")
_END = ("end_", "end ")


@dataclass
class Node:
    """A row of the survey, with the rows it holds when it opens a group or a repeat."""

    row: Mapping[str, str]
    number: int
    kind: str  # "row", "group" or "repeat"
    children: list["Node"] = field(default_factory=list)

    def count(self) -> int:
        """The rows it holds that are not groups."""
        return sum(1 if child.kind == "row" else child.count() for child in self.children)


@dataclass
class _Section:
    code: str
    title: Text
    number: int
    relevant: list[tuple[str, int]]
    description: Text | None = None
    questions: list[Question] = field(default_factory=list)
    implicit: bool = False


class Builder(QuestionReader):
    def tree(self) -> list[Node]:
        """The survey's rows nested by their begin/end rows; an unmatched one is a problem."""
        sheet = self.survey
        top: list[Node] = []
        stack: list[Node] = []
        for index, row in enumerate(sheet.rows):
            if not row or not any(str(value or "").strip() for value in row.values()):
                continue
            number = index + 2
            kind = " ".join(sheet.get(row, "type").lower().split())
            here = stack[-1].children if stack else top
            if kind.startswith(_BEGIN):
                opened = "group" if kind[6:].startswith("group") else "repeat"
                node = Node(row, number, opened)
                here.append(node)
                stack.append(node)
            elif kind.startswith(_END):
                if not stack:
                    self.note(
                        sheet, number, "type", "unmatched_end_group", _("No group is open here.")
                    )
                else:
                    stack.pop()
            else:
                here.append(Node(row, number, "row"))
        if stack:
            self.note(
                sheet,
                stack[-1].number,
                "type",
                "unclosed_group",
                _("A group is not closed: add an end_group row."),
            )
        return top

    def build(self) -> Definition:
        self.read_choices()
        nodes = self.tree()
        sections: list[_Section] = []
        description: Text | None = None
        for position, node in enumerate(nodes):
            if node.kind == "group":
                sections.append(self.section(node, len(sections)))
                continue
            if node.kind == "repeat":
                self.repeat(node)
                continue
            if (
                position == 0
                and self.survey.get(node.row, "name") == INTRO_NOTE
                and row_type(self.survey.get(node.row, "type")).question_type == QuestionType.NOTE
            ):
                description = self.text(self.survey, node.row)
                continue
            if not sections or not sections[-1].implicit:
                sections.append(
                    _Section(
                        f"section_{len(sections) + 1}", Text("", ""), node.number, [], implicit=True
                    )
                )
                self.places[("sections", len(sections) - 1)] = (SURVEY, node.number)
                self.implicit.add(len(sections) - 1)
            self.item(node, sections[-1], len(sections) - 1, [])
        title = self.title()
        return Definition(
            title=title,
            description=description,
            sections=tuple(
                Section(
                    code=section.code,
                    title=title if section.implicit else section.title,
                    description=section.description,
                    questions=tuple(section.questions),
                )
                for section in sections
            ),
        )

    def title(self) -> Text:
        settings = self.settings
        row = settings.rows[0] if settings is not None and settings.rows else {}
        english = settings.get(row, "form_title") if settings is not None else ""
        french = settings.get(row, "guild_title_fr") if settings is not None else ""
        others = self.title_others(row)
        if english or french:
            if self.language_of(None)[0] == "fr" and not french:
                return Text("", english, others)
            return Text(english, french, others)
        fallback = (
            settings.get(row, "id_string") if settings is not None else ""
        ) or self.file_name
        if not fallback:
            return Text("", "")
        if settings is not None:
            self.change(
                settings,
                2 if settings.rows else None,
                "form_title",
                "title_from_name",
                _("The form has no title: “%(title)s” is used.") % {"title": fallback},
            )
        else:
            self.changed.append(
                Problem(
                    "title_from_name",
                    _("The form has no title: “%(title)s” is used.") % {"title": fallback},
                    sheet=SETTINGS,
                )
            )
        if self.language_of(None)[0] == "fr":
            return Text("", fallback, others)
        return Text(fallback, "", others)

    def title_others(self, row: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
        """The title in further languages (``guild_title::<language>``, as Guild exports)."""
        if self.settings is None:
            return ()
        found: list[tuple[str, str]] = []
        for language, header in self.settings.texts("guild_title"):
            value = str(row.get(header) or "").strip()
            if language and value and official_language(language) is None:
                found.append((language, value))
        return tuple(found)

    def section(self, node: Node, index: int) -> _Section:
        sheet = self.survey
        name = sheet.get(node.row, "name")
        title = self.text(sheet, node.row)
        if title is None:
            title = Text(name, "")
            self.change(
                sheet,
                node.number,
                "label",
                "label_from_name",
                _("The group has no label: its name “%(name)s” is the section's title.")
                % {"name": name},
            )
        self.places[("sections", index)] = (SURVEY, node.number)
        self.unused_columns(node.row, node.number)
        relevant = sheet.get(node.row, "relevant")
        section = _Section(name, title, node.number, [(relevant, node.number)] if relevant else [])
        for position, child in enumerate(node.children):
            if (
                position == 0
                and child.kind == "row"
                and sheet.get(child.row, "name") == f"{SECTION_NOTE_PREFIX}{name}"
                and row_type(sheet.get(child.row, "type")).question_type == QuestionType.NOTE
            ):
                section.description = self.text(sheet, child.row)
                continue
            self.item(child, section, index, section.relevant)
        return section

    def item(
        self, node: Node, section: _Section, index: int, relevant: list[tuple[str, int]]
    ) -> None:
        """A node inside a section: a question, a matrix, or a group flattened into it."""
        sheet = self.survey

        def path() -> Path:
            return ("sections", index, "questions", len(section.questions))

        if node.kind == "repeat":
            self.repeat(node)
            return
        own = sheet.get(node.row, "relevant")
        conditions = [*relevant, (own, node.number)] if own else list(relevant)
        if node.kind == "group":
            list_name = self.matrix_list(node)
            if list_name is not None:
                here = path()
                question = self.matrix(
                    node.row,
                    node.number,
                    [(child.row, child.number) for child in node.children],
                    list_name,
                    here,
                )
                if question is not None:
                    self.relevants[here] = conditions
                    section.questions.append(question)
                return
            self.flatten(node, section, index, conditions)
            return
        read = row_type(sheet.get(node.row, "type"))
        if read.kind != Kind.QUESTION:
            self.unusable(node, read)
            return
        if not sheet.get(node.row, "name"):
            self.note(sheet, node.number, "name", "missing_name", _("Give the question's code."))
            return
        for question in self.question(node.row, node.number, path(), read):
            here = path()
            self.places[here] = (SURVEY, node.number)
            extra = [(question.relevant, node.number)] if question.relevant else []
            self.relevants[here] = [*conditions, *extra]
            section.questions.append(question)

    def matrix_list(self, node: Node) -> str | None:
        """The list of a table-list group that is one matrix question, or None."""
        sheet = self.survey
        if "table-list" not in sheet.get(node.row, "appearance").lower() or not node.children:
            return None
        lists = set()
        for child in node.children:
            if child.kind != "row" or sheet.get(child.row, "relevant"):
                return None
            read = row_type(sheet.get(child.row, "type"))
            if read.question_type != QuestionType.SINGLE or read.or_other or read.list_name is None:
                return None
            lists.add(read.list_name)
        return lists.pop() if len(lists) == 1 else None

    def flatten(
        self, node: Node, section: _Section, index: int, conditions: list[tuple[str, int]]
    ) -> None:
        sheet = self.survey
        label = self.text(sheet, node.row)
        self.unused_columns(node.row, node.number)
        if label is not None:
            name = sheet.get(node.row, "name")
            here: Path = ("sections", index, "questions", len(section.questions))
            self.places[here] = (SURVEY, node.number)
            self.relevants[here] = list(conditions)
            section.questions.append(
                Question(
                    code=name,
                    type=QuestionType.NOTE,
                    label=label,
                    help=self.text(sheet, node.row, "hint"),
                )
            )
        self.change(
            sheet,
            node.number,
            "type",
            "group_flattened",
            _(
                "Guild holds one level of groups: this group's questions join the section, "
                "its label is shown as a note and its condition applies to each question."
            ),
        )
        for child in node.children:
            self.item(child, section, index, conditions)

    def repeat(self, node: Node) -> None:
        count = node.count()
        self.drop(
            self.survey,
            node.number,
            "type",
            "repeat_dropped",
            ngettext(
                "Guild cannot repeat questions: this repeat and the %(count)d question it "
                "holds cannot come in.",
                "Guild cannot repeat questions: this repeat and the %(count)d questions it "
                "holds cannot come in.",
                count,
            )
            % {"count": count},
        )
        self.gone.update(self._names(node))

    def _names(self, node: Node) -> set[str]:
        names = {self.survey.get(node.row, "name")}
        for child in node.children:
            names |= self._names(child)
        return names - {""}

    def unusable(self, node: Node, read: RowType) -> None:
        sheet = self.survey
        kind = sheet.get(node.row, "type")
        self.gone.add(sheet.get(node.row, "name"))
        if read.kind == Kind.METADATA:
            self.drop(
                sheet,
                node.number,
                "type",
                "metadata_dropped",
                _("“%(type)s” is filled in by the data-collection app; Guild does not collect it.")
                % {"type": kind},
            )
        elif read.from_file:
            self.drop(
                sheet,
                node.number,
                "type",
                "unsupported_type",
                _("Guild cannot take options from another file: “%(type)s” cannot come in.")
                % {"type": kind},
            )
        else:
            self.drop(
                sheet,
                node.number,
                "type",
                "unsupported_type",
                _("Guild has no “%(type)s” question: it cannot come in.") % {"type": kind},
            )

    def locate(self, problem: Problem) -> Problem:
        """Put a problem found on the built definition at its place in the workbook."""
        path = problem.path
        if not path or path[0] in ("title", "description"):
            if path and path[0] == "description":
                return problem.at(sheet=SURVEY, row=None, column=None, column_letter=None)
            if self.settings is None:
                return problem.at(sheet=SETTINGS, row=None, column=None, column_letter=None)
            column = "guild_title_fr" if path[-1:] == ("fr",) else "form_title"
            header, letter = self.settings.column(column)
            return problem.at(sheet=SETTINGS, row=2, column=header, column_letter=letter)
        for cut in range(len(path), 0, -1):
            place = self.places.get(path[:cut])
            if place is None:
                continue
            sheet_name, row = place
            sheet = self.choices if sheet_name == CHOICES else self.survey
            if sheet is None:
                break
            header = self._header(sheet, path[cut:], path[:cut])
            header, letter = sheet.column(header)
            return problem.at(sheet=sheet_name, row=row, column=header, column_letter=letter)
        return problem.at(sheet=SURVEY, row=None, column=None, column_letter=None)

    def _header(self, sheet: Any, rest: Path, place: Path) -> str:
        """The column holding the part of the definition `rest` names, below `place`."""
        if not rest:
            return "type" if place[-1] != "code" else "name"
        head = str(rest[0])
        if head in (
            "label",
            "title",
            "description",
            "help",
            "constraint_message",
            "required_message",
        ):
            field_name = {"title": "label", "description": "label", "help": "hint"}.get(head, head)
            language = rest[-1] if rest[-1] in ("en", "fr") else "en"
            for written, header in sheet.texts(field_name):
                if self.language_of(written)[0] == language:
                    return str(header)
            return field_name
        if head == "band":
            return BAND_HIGH if rest[-1] == "high" else BAND_LOW
        return {
            "code": "name",
            "minimum": "constraint",
            "maximum": "constraint",
            "max_length": "constraint",
            "breakdown": "guild_breakdown",
            "quasi_identifier": "guild_quasi_identifier",
            "workforce": WORKFORCE,
        }.get(head, head if sheet.has(head) else "type")
