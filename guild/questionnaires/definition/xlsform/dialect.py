"""The XLSForm dialect as pyxform reads it: which column a header stands for, which
language a ``label::…`` header names, and what a ``type`` cell means. pyxform's own alias
tables decide (``pyxform.aliases``, its question type dictionary and its ``select``
pattern), so a spelling pyxform accepts is read here the same way.

A header resolves to a field name and, for the texts, the language as written:
``label::English (en)`` → (``label``, ``English (en)``); ``bind::relevant`` and
``relevance`` → (``relevant``, None); ``list name`` → (``list_name``, None). A language
is English or French when its code (``(en)``, ``(fr)``, ``en``, ``fr``) or its name
(English, Anglais, French, Français …, in any case) says so; any other is a further
language, kept as written.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from pyxform import aliases, constants
from pyxform.parsing.sheet_headers import process_header
from pyxform.question import MultipleChoiceQuestion
from pyxform.question import Option as PyxformOption
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT
from pyxform.survey import Survey
from pyxform.xls2json import RE_SELECT

from guild.questionnaires.definition.types import QuestionType

# Fields whose cells are texts in one language each (``label::French (fr)``).
TRANSLATED = frozenset(
    {"label", "hint", "constraint_message", "required_message", "guidance_hint", "media"}
)
# The second token of a ``bind::`` or ``control::`` header (or of an alias), as Guild names it.
_BOUND = {
    "relevant": "relevant",
    "constraint": "constraint",
    "required": "required",
    "jr:constraintMsg": "constraint_message",
    "jr:requiredMsg": "required_message",
    "calculate": "calculation",
    "readonly": "read_only",
    "appearance": "appearance",
    "jr:count": "repeat_count",
}
_SURVEY_COLUMNS = set(MultipleChoiceQuestion.get_slot_names())
_CHOICE_COLUMNS = set(PyxformOption.get_slot_names())
_SETTINGS_COLUMNS = set(Survey.get_slot_names())


@dataclass(frozen=True)
class Column:
    """What a header stands for: a field, and for texts the language as written (None:
    the form's default language)."""

    field: str
    language: str | None = None


def resolve_headers(sheet: str, headers: list[str]) -> dict[str, Column]:
    """Each header as written → the column it stands for, as pyxform reads it."""
    table, columns = {
        constants.SURVEY: (aliases.survey_header, _SURVEY_COLUMNS),
        constants.CHOICES: (aliases.list_header, _CHOICE_COLUMNS),
        constants.SETTINGS: (aliases.settings_header, _SETTINGS_COLUMNS),
    }.get(sheet, ({}, set()))
    double_colon = any("::" in header for header in headers)
    found: dict[str, Column] = {}
    for header in headers:
        if header.lower().startswith("guild_"):
            # ``guild_title::Español (es)``: the title in a further language, which pyxform
            # ignores (it refuses ``form_title::…``).
            name, separator, language = header.partition("::")
            found[header] = Column(name.lower(), (language.strip() or None) if separator else None)
            continue
        _new, tokens = process_header(header, double_colon, table, columns)
        found[header] = _column(sheet, tokens)
    return found


def _column(sheet: str, tokens: tuple[str, ...]) -> Column:
    head, rest = tokens[0], tokens[1:]
    if head in ("bind", "control") and rest:
        head, rest = rest[0], rest[1:]
    head = _BOUND.get(head, head)
    if head == "media":  # ("media", "image", language)
        return Column("media", rest[1] if len(rest) > 1 else None)
    if head in TRANSLATED:
        return Column(head, rest[0] if rest else None)
    if sheet == constants.CHOICES and head == constants.LIST_NAME_S:
        return Column("list_name")
    if sheet == constants.SETTINGS and head == constants.TITLE:
        return Column("form_title")
    if rest:  # a column pyxform does not know, split on "::": kept whole
        return Column("::".join(tokens))
    return Column(head)


_CODE = re.compile(r"\(\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*\)\s*$")
_ENGLISH = frozenset({"en", "eng", "english", "anglais", "inglés", "ingles", "englisch"})
_FRENCH = frozenset({"fr", "fra", "fre", "french", "français", "francais", "francés", "frances"})


def official_language(language: str) -> str | None:
    """ "en" or "fr" when `language` (as a header writes it) is English or French."""
    code = _CODE.search(language)
    if code:
        word = code.group(1).lower()
    else:
        word = re.split(r"[-_\s]", language.strip().lower(), maxsplit=1)[0]
    if word in _ENGLISH:
        return "en"
    if word in _FRENCH:
        return "fr"
    return None


class Kind(StrEnum):
    """What a ``type`` cell stands for, beyond Guild's own question types."""

    QUESTION = "question"
    METADATA = "metadata"  # filled in by the device (start, end, deviceid …)
    UNSUPPORTED = "unsupported"  # a question Guild cannot ask (photo, geopoint …)


@dataclass(frozen=True)
class RowType:
    kind: Kind
    question_type: QuestionType | None = None
    list_name: str | None = None
    or_other: bool = False
    from_file: bool = False  # select_one_from_file, select_one_external


_SELECTS = {
    constants.SELECT_ONE: QuestionType.SINGLE,
    constants.SELECT_ALL_THAT_APPLY: QuestionType.MULTIPLE,
    constants.RANK: QuestionType.RANKING,
}
_BY_BIND = {
    "int": QuestionType.INTEGER,
    "decimal": QuestionType.DECIMAL,
    "date": QuestionType.DATE,
    "string": QuestionType.TEXT,
}


def row_type(cell: str) -> RowType:
    """The meaning of a survey row's ``type`` (already known not to open or close a group)."""
    value = re.sub(r"\s+", " ", cell.strip())
    value = aliases._type_alias_map.get(value, value)  # pyxform's own table
    select = RE_SELECT.match(value)
    if select:
        command = select.group("select_command")
        meaning = aliases.select[command]
        if command in aliases.select_from_file or meaning == constants.SELECT_ONE_EXTERNAL:
            return RowType(Kind.UNSUPPORTED, from_file=True)
        return RowType(
            Kind.QUESTION,
            _SELECTS[meaning],
            select.group("list_name"),
            or_other=bool(select.group("specify_other")),
        )
    entry = QUESTION_TYPE_DICT.get(value)
    if entry is None:
        return RowType(Kind.UNSUPPORTED)
    if "note" in value:
        return RowType(Kind.QUESTION, QuestionType.NOTE)
    if "calculate" in value:
        return RowType(Kind.QUESTION, QuestionType.CALCULATE)
    control = entry.get("control", {})
    bind = entry.get("bind", {})
    if not control.get("tag"):
        return RowType(Kind.UNSUPPORTED if value == "hidden" else Kind.METADATA)
    if control.get("tag") == "input" and bind.get("type") in _BY_BIND:
        return RowType(Kind.QUESTION, _BY_BIND[bind["type"]])
    return RowType(Kind.UNSUPPORTED)
