"""The texts of a definition that people translate, each under a stable key, and the
workbook translators fill in (no ORM).

A key is the text's path in the definition, as problems write it:
``title``, ``sections[0].questions[2].label``, ``sections[0].questions[2].options[1].label``.
Only texts the definition has are listed (an absent help has nothing to translate).
The workbook has one sheet, ``translation``, with the columns ``key``, ``English`` and
``French``; reading it back changes French texts only, and refuses the whole file, every
problem located, when a key is unknown or repeated or an English text was changed.
"""

import io
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from guild.core.uploads import ReadBudget, check_xlsx_archive
from guild.questionnaires.definition.problems import (
    DefinitionError,
    Path,
    Problem,
    column_letter,
    path_text,
)
from guild.questionnaires.definition.types import Definition, Option, Question, Section, Text

SHEET = "translation"
COLUMNS = ("key", "English", "French")
# Texts a definition may leave out: cleared in both languages, they are removed.
OPTIONAL = frozenset({"description", "help", "constraint_message", "required_message"})


@dataclass(frozen=True)
class Entry:
    key: str
    path: Path
    text: Text

    @property
    def optional(self) -> bool:
        return str(self.path[-1]) in OPTIONAL


def _question_entries(question: Question, path: Path) -> Iterator[Entry]:
    for name in ("label", "help", "constraint_message", "required_message"):
        text = getattr(question, name)
        if text is not None:
            yield Entry(path_text((*path, name)), (*path, name), text)
    for group in ("options", "rows"):
        for index, option in enumerate(getattr(question, group)):
            option_path = (*path, group, index, "label")
            yield Entry(path_text(option_path), option_path, option.label)


def translation_entries(definition: Definition) -> list[Entry]:
    """Every text of `definition`, in the order a reader meets them."""
    entries = [Entry("title", ("title",), definition.title)]
    if definition.description is not None:
        entries.append(Entry("description", ("description",), definition.description))
    for s_index, section in enumerate(definition.sections):
        s_path: Path = ("sections", s_index)
        entries.append(Entry(path_text((*s_path, "title")), (*s_path, "title"), section.title))
        if section.description is not None:
            d_path = (*s_path, "description")
            entries.append(Entry(path_text(d_path), d_path, section.description))
        for q_index, question in enumerate(section.questions):
            entries.extend(_question_entries(question, (*s_path, "questions", q_index)))
    return entries


def untranslated_count(definition: Definition) -> int:
    """Texts with only one of English and French."""
    return sum(1 for e in translation_entries(definition) if bool(e.text.en) != bool(e.text.fr))


def _changed(text: Text | None, key: str, texts: Mapping[str, tuple[str, str]]) -> Text | None:
    if text is None or key not in texts:
        return text
    en, fr = texts[key]
    if not en and not fr and key.rsplit(".", 1)[-1] in OPTIONAL:
        return None
    return replace(text, en=en, fr=fr)


def _option(option: Option, key: str, texts: Mapping[str, tuple[str, str]]) -> Option:
    return replace(option, label=_changed(option.label, f"{key}.label", texts) or option.label)


def _question(question: Question, key: str, texts: Mapping[str, tuple[str, str]]) -> Question:
    return replace(
        question,
        label=_changed(question.label, f"{key}.label", texts) or question.label,
        help=_changed(question.help, f"{key}.help", texts),
        constraint_message=_changed(
            question.constraint_message, f"{key}.constraint_message", texts
        ),
        required_message=_changed(question.required_message, f"{key}.required_message", texts),
        options=tuple(
            _option(o, f"{key}.options[{i}]", texts) for i, o in enumerate(question.options)
        ),
        rows=tuple(_option(o, f"{key}.rows[{i}]", texts) for i, o in enumerate(question.rows)),
    )


def _section(section: Section, key: str, texts: Mapping[str, tuple[str, str]]) -> Section:
    return replace(
        section,
        title=_changed(section.title, f"{key}.title", texts) or section.title,
        description=_changed(section.description, f"{key}.description", texts),
        questions=tuple(
            _question(q, f"{key}.questions[{i}]", texts) for i, q in enumerate(section.questions)
        ),
    )


def with_texts(definition: Definition, texts: Mapping[str, tuple[str, str]]) -> Definition:
    """`definition` with the texts named by key set to (English, French); further
    languages are kept. Keys of texts the definition does not have are ignored."""
    return replace(
        definition,
        title=_changed(definition.title, "title", texts) or definition.title,
        description=_changed(definition.description, "description", texts),
        sections=tuple(
            _section(s, f"sections[{i}]", texts) for i, s in enumerate(definition.sections)
        ),
    )


def translation_workbook(definition: Definition) -> bytes:
    """The texts as a workbook for translators: key, English, French."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    sheet = workbook.create_sheet(SHEET)
    sheet.append(list(COLUMNS))
    for entry in translation_entries(definition):
        sheet.append([entry.key, entry.text.en, entry.text.fr])
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["C"].width = 60
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _located(code: str, message: str, row: int, column: int) -> Problem:
    return Problem(
        code,
        message,
        sheet=SHEET,
        row=row,
        column=COLUMNS[column],
        column_letter=column_letter(column),
    )


def translation_read(content: bytes, definition: Definition) -> dict[str, tuple[str, str]]:
    """The French texts a translator's workbook gives, by key, with the English kept as
    it is in `definition`. Raises `UploadTooLarge` past the upload limits and
    `DefinitionError` with every problem found, located; nothing is partly taken."""
    check_xlsx_archive(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise DefinitionError(
            [Problem("not_a_workbook", _("The file is not an Excel workbook (.xlsx)."))]
        ) from None
    try:
        return _read_rows(workbook, definition)
    finally:
        workbook.close()


def _read_rows(workbook: object, definition: Definition) -> dict[str, tuple[str, str]]:
    sheets = getattr(workbook, "sheetnames", [])
    if SHEET not in sheets:
        raise DefinitionError(
            [
                Problem(
                    "missing_sheet",
                    _("The workbook has no sheet named “%(sheet)s”.") % {"sheet": SHEET},
                )
            ]
        )
    sheet = workbook[SHEET]  # type: ignore[index]
    budget = ReadBudget()
    entries = {entry.key: entry for entry in translation_entries(definition)}
    rows = sheet.iter_rows(values_only=True)
    header = [_cell(v).lower() for v in next(rows, ())]
    budget.row(1, len(header), sheet=SHEET)
    wanted = [name.lower() for name in COLUMNS]
    if header[:3] != wanted:
        raise DefinitionError(
            [
                _located(
                    "bad_header",
                    _("The first row must be the headers “key”, “English” and “French”."),
                    1,
                    index,
                )
                for index, name in enumerate(wanted)
                if (header[index] if index < len(header) else "") != name
            ]
        )
    problems: list[Problem] = []
    found: dict[str, tuple[str, str]] = {}
    for number, values in enumerate(rows, start=2):
        budget.row(number, len(values), sheet=SHEET)
        key, english, french = (_cell(v) for v in (*values, None, None, None)[:3])
        if not (key or english or french):
            continue
        entry = entries.get(key)
        if entry is None:
            problems.append(
                _located(
                    "unknown_key",
                    _("“%(key)s” names no text of the draft.") % {"key": key}
                    if key
                    else _("The key is missing."),
                    number,
                    0,
                )
            )
            continue
        if key in found:
            problems.append(
                _located(
                    "duplicate_key",
                    _("“%(key)s” appears twice in the file.") % {"key": key},
                    number,
                    0,
                )
            )
            continue
        if english != entry.text.en.strip():
            problems.append(
                _located(
                    "english_changed",
                    _(
                        "The English text is not the draft's (“%(english)s”): change English "
                        "on the translation page, and only French in this file."
                    )
                    % {"english": entry.text.en},
                    number,
                    1,
                )
            )
            continue
        found[key] = (entry.text.en, french)
    if problems:
        raise DefinitionError(problems)
    return found
