"""A definition built from the rows of an XLSForm's sheets, noting where each part came
from so that problems found later can name their cell."""

import re
from typing import Any

from django.utils.translation import gettext as _

from guild.questionnaires.definition.problems import Path, Problem
from guild.questionnaires.definition.types import (
    Definition,
    Section,
    Text,
)
from guild.questionnaires.definition.xlsform.columns import (
    CHOICES,
    HINT_EN,
    HINT_FR,
    IGNORED_TYPES,
    LABEL_EN,
    LABEL_FR,
    SETTINGS,
    SURVEY,
)
from guild.questionnaires.definition.xlsform.questions import Reader
from guild.questionnaires.definition.xlsform.roles import (
    BAND_HIGH,
    BAND_LOW,
    WORKFORCE,
)


class Builder(Reader):
    def build(self) -> Definition:
        self.read_choices()
        sheet = self.survey
        sections: list[Section] = []
        description: Text | None = None
        current: dict[str, Any] | None = None  # the open section
        matrix: dict[str, Any] | None = None  # the open table-list group

        def close_section() -> None:
            nonlocal current
            if current is not None:
                sections.append(
                    Section(
                        code=current["code"],
                        title=current["title"],
                        description=current["description"],
                        questions=tuple(current["questions"]),
                    )
                )
                current = None

        def open_section(
            code: str, title: Text, number: int, relevant: str | None, *, implicit: bool = False
        ) -> None:
            nonlocal current
            self.places[("sections", len(sections))] = (SURVEY, number)
            current = {
                "code": code,
                "title": title,
                "description": None,
                "questions": [],
                "implicit": implicit,
                "relevant": relevant,
            }

        def question_path() -> Path:
            assert current is not None  # noqa: S101 - called only inside a section
            return ("sections", len(sections), "questions", len(current["questions"]))

        for index, row in enumerate(sheet.rows):
            number = index + 2
            if not row:
                continue
            kind = re.sub(r"\s+", " ", sheet.get(row, "type").lower())
            if kind in ("begin_group", "begin group"):
                if current is None or current["implicit"]:
                    close_section()
                    open_section(
                        sheet.get(row, "name"),
                        self.text(sheet, row) or Text("", ""),
                        number,
                        sheet.get(row, "relevant") or None,
                    )
                elif matrix is None and "table-list" in sheet.get(row, "appearance").lower():
                    matrix = {"row": row, "number": number, "children": []}
                else:
                    self.note(
                        sheet,
                        number,
                        "type",
                        "nested_group",
                        _(
                            "Groups can be nested only once, as a table-list group "
                            "(a matrix question)."
                        ),
                    )
                continue
            if kind in ("end_group", "end group"):
                if matrix is not None:
                    assert current is not None  # noqa: S101 - a matrix opens inside a section
                    if not matrix["children"]:
                        self.note(
                            sheet,
                            matrix["number"],
                            "type",
                            "missing_rows",
                            _("A table-list group needs at least one question."),
                        )
                    else:
                        question = self.matrix(
                            matrix["row"],
                            matrix["number"],
                            matrix["children"],
                            question_path(),
                            current["relevant"],
                        )
                        if question is not None:
                            current["questions"].append(question)
                    matrix = None
                elif current is not None and not current["implicit"]:
                    close_section()
                else:
                    self.note(
                        sheet, number, "type", "unmatched_end_group", _("No group is open here.")
                    )
                continue
            if kind == "note":
                text = self.text(sheet, row)
                if current is None and not sections and description is None:
                    description = text
                elif (
                    current is not None
                    and not current["questions"]
                    and matrix is None
                    and current["description"] is None
                ):
                    current["description"] = text
                continue
            if kind in IGNORED_TYPES:
                continue
            if not kind:
                self.note(sheet, number, "type", "missing_type", _("Give the question's type."))
                continue
            if kind.startswith(("begin_repeat", "begin repeat")):
                self.note(sheet, number, "type", "unsupported_type", _("Repeats cannot be used."))
                continue
            if matrix is not None:
                matrix["children"].append((row, number))
                continue
            if current is None:
                open_section(
                    f"section_{len(sections) + 1}", Text("", ""), number, None, implicit=True
                )
            assert current is not None  # noqa: S101 - opened just above
            question = self.question(row, number, question_path(), current["relevant"])
            if question is not None:
                current["questions"].append(question)
        if matrix is not None or (current is not None and not current["implicit"]):
            self.note(
                sheet,
                len(sheet.rows) + 1,
                "type",
                "unclosed_group",
                _("A group is not closed: add an end_group row."),
            )
        close_section()
        title_en = title_fr = ""
        if self.settings is not None and self.settings.rows:
            title_en = self.settings.get(self.settings.rows[0], "form_title")
            title_fr = self.settings.get(self.settings.rows[0], "guild_title_fr")
        for section_index, section in enumerate(sections):
            if (
                not section.title.en
                and not section.title.fr
                and section.code.startswith("section_")
            ):
                sections[section_index] = Section(
                    section.code, Text(title_en, title_fr), section.description, section.questions
                )
        return Definition(
            title=Text(title_en, title_fr), description=description, sections=tuple(sections)
        )

    def locate(self, problem: Problem) -> Problem:
        """Put a problem found on the built definition at its place in the workbook."""
        path = problem.path
        if not path or path[0] in ("title", "description"):
            if path and path[0] == "description":
                return problem.at(sheet=SURVEY, row=None, column=None, column_letter=None)
            column = "guild_title_fr" if path[-1:] == ("fr",) else "form_title"
            header, letter = self.settings.column(column) if self.settings else (column, None)
            return problem.at(sheet=SETTINGS, row=2, column=header, column_letter=letter)
        for cut in range(len(path), 0, -1):
            place = self.places.get(path[:cut])
            if place is None:
                continue
            sheet_name, row = place
            sheet = self.choices if sheet_name == CHOICES else self.survey
            column = _column_for(path[cut:], path[:cut])
            header, letter = sheet.column(column) if sheet else (column, None)
            return problem.at(sheet=sheet_name, row=row, column=header, column_letter=letter)
        return problem.at(sheet=SURVEY, row=None, column=None, column_letter=None)


def _column_for(rest: Path, place: Path) -> str:
    """The column holding the part of the definition `rest` names, below `place`."""
    if not rest:
        return "type" if place[-1] != "code" else "name"
    head = rest[0]
    language = rest[-1] if rest[-1] in ("en", "fr") else "en"
    if head in ("label", "title", "description"):
        return LABEL_EN if language == "en" else LABEL_FR
    if head == "help":
        return HINT_EN if language == "en" else HINT_FR
    if head == "band":
        return BAND_HIGH if rest[-1] == "high" else BAND_LOW
    return {
        "code": "name",
        "required": "required",
        "relevant": "relevant",
        "minimum": "constraint",
        "maximum": "constraint",
        "max_length": "constraint",
        "breakdown": "guild_breakdown",
        "quasi_identifier": "guild_quasi_identifier",
        "workforce": WORKFORCE,
    }.get(str(head), "type")
