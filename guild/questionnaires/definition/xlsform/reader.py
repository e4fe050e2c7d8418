"""The workbook's sheets as Guild reads them: the notes for the review and the problems,
each at its cell; the texts of a row in every language; and the lists of options of the
choices sheet (with their further columns, which a ``choice_filter`` names)."""

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from guild.questionnaires.definition.problems import Path, Problem
from guild.questionnaires.definition.types import (
    Option,
    Text,
)
from guild.questionnaires.definition.validate import OPTION_CODE_PATTERN
from guild.questionnaires.definition.xlsform.columns import (
    CHOICES,
)
from guild.questionnaires.definition.xlsform.dialect import official_language
from guild.questionnaires.definition.xlsform.roles import (
    BAND_HIGH,
    BAND_LOW,
    read_band,
)
from guild.questionnaires.definition.xlsform.sheets import Sheet

# Choices columns that are not an option's properties.
_OPTION_FIELDS = frozenset({"list_name", "name", "label", "media", BAND_LOW, BAND_HIGH})


@dataclass
class Reader:
    """The workbook's sheets and what reading them found: the lists of options, the
    problems (the file cannot be used), the notes for the review (`changed`, `dropped`),
    and where each part of the definition came from."""

    survey: Sheet
    choices: Sheet | None
    settings: Sheet | None
    problems: list[Problem] = field(default_factory=list)
    changed: list[Problem] = field(default_factory=list)
    dropped: list[Problem] = field(default_factory=list)
    # where each part of the definition came from: path → (sheet, row)
    places: dict[Path, tuple[str, int]] = field(default_factory=dict)
    # the relevant expressions a question's row and its groups bring: path → [(source, row)]
    relevants: dict[Path, list[tuple[str, int]]] = field(default_factory=dict)
    lists: dict[str, list[tuple[Option, int]]] = field(default_factory=dict)
    default_language: str | None = None
    file_name: str = ""
    # the names of the questions that cannot come in (references to them are settled later)
    gone: set[str] = field(default_factory=set)
    # the sections made of rows outside any group (not a group of the file)
    implicit: set[int] = field(default_factory=set)
    # option names made codes without their accents or symbols: name → code
    option_codes: dict[str, str] = field(default_factory=dict)
    # options a list names alike, numbered apart: list → code as written → codes in order
    shared: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # the list each question's options come from: path → list name
    list_of: dict[Path, str] = field(default_factory=dict)

    def problem(
        self, sheet: Sheet, row: int | None, column: str, code: str, message: str
    ) -> Problem:
        header, letter = sheet.column(column)
        return Problem(
            code=code,
            message=message,
            sheet=sheet.name,
            row=row,
            column=header if row is not None else None,
            column_letter=letter if row is not None else None,
        )

    def note(self, sheet: Sheet, row: int, column: str, code: str, message: str) -> None:
        """A problem that makes the file unusable."""
        self.problems.append(self.problem(sheet, row, column, code, message))

    def drop(self, sheet: Sheet, row: int | None, column: str, code: str, message: str) -> None:
        """Something in the file that cannot come in (the rest still does)."""
        found = self.problem(sheet, row, column, code, message)
        if found not in self.dropped:
            self.dropped.append(found)

    def change(self, sheet: Sheet, row: int | None, column: str, code: str, message: str) -> None:
        """Something that comes in other than as the file writes it."""
        found = self.problem(sheet, row, column, code, message)
        if found not in self.changed:
            self.changed.append(found)

    # -- texts --------------------------------------------------------------------------

    def language_of(self, written: str | None) -> tuple[str | None, str]:
        """("en"/"fr" or None, language as written) for a text column's language."""
        if written is None:
            if self.default_language is None:
                return "en", ""
            written = self.default_language
        return official_language(written), written

    def text(self, sheet: Sheet, row: Mapping[str, str], kind: str = "label") -> Text | None:
        english = french = ""
        others: list[tuple[str, str]] = []
        columns = sheet.texts(kind)
        # A column naming its language wins over the plain one (the default language).
        for written, header in sorted(columns, key=lambda c: c[0] is None):
            value = str(row.get(header) or "").strip()
            if not value:
                continue
            official, language = self.language_of(written)
            if official == "en":
                english = english or value
            elif official == "fr":
                french = french or value
            elif all(language != known for known, _text in others):
                others.append((language, value))
        if not english and not french and not others:
            return None
        order = {self.language_of(w)[1]: i for i, (w, _h) in enumerate(columns)}
        others.sort(key=lambda pair: order.get(pair[0], 0))
        return Text(english, french, tuple(others))

    def further_languages(self) -> tuple[str, ...]:
        """The languages other than English and French the file's texts are written in."""
        found: list[str] = []
        for sheet in (self.survey, self.choices):
            if sheet is None:
                continue
            for meaning in sheet.columns.values():
                if meaning.field not in ("label", "hint", "constraint_message", "required_message"):
                    continue
                official, language = self.language_of(meaning.language)
                if official is None and language not in found:
                    found.append(language)
        return tuple(found)

    def has_official_language(self) -> bool:
        """Whether the survey's labels are written in English or French (a form in other
        languages only would otherwise get a problem at every cell)."""
        return any(
            self.language_of(written)[0] is not None
            for written, _header in self.survey.texts("label")
        )

    def media(self, sheet: Sheet, row: Mapping[str, str], number: int) -> None:
        for _language, header in sheet.texts("media"):
            if str(row.get(header) or "").strip():
                self.drop(
                    sheet,
                    number,
                    header,
                    "media_dropped",
                    _("Guild cannot show images, sounds or videos: this one cannot come in."),
                )

    # -- choices ------------------------------------------------------------------------

    def read_choices(self) -> None:
        if self.choices is None:
            return
        sheet = self.choices
        extra = [
            header
            for header, meaning in sheet.columns.items()
            if meaning.field not in _OPTION_FIELDS and not meaning.field.startswith("guild_")
        ]
        for index, row in enumerate(sheet.rows):
            if not row or not any(str(value or "").strip() for value in row.values()):
                continue
            number = index + 2
            list_name, name = sheet.get(row, "list_name"), sheet.get(row, "name")
            if not list_name:
                # pyxform leaves such a row out of every list too.
                self.drop(
                    sheet,
                    number,
                    "list_name",
                    "option_without_list",
                    _("This row has no list name, so it belongs to no list: it cannot come in."),
                )
                continue
            if not name:
                self.note(sheet, number, "name", "missing_name", _("Give the option's code."))
                continue
            name = self.option_code(list_name, name, number)
            label = self.text(sheet, row)
            if label is None:
                label = Text(name, "")
                self.change(
                    sheet,
                    number,
                    "label",
                    "label_from_name",
                    _("The option has no label: its name “%(name)s” is shown instead.")
                    % {"name": name},
                )
            band = read_band(sheet, row, number, self.note)
            self.media(sheet, row, number)
            properties = tuple(
                (header, str(row.get(header) or "").strip())
                for header in extra
                if str(row.get(header) or "").strip()
            )
            self.lists.setdefault(list_name, []).append(
                (Option(name, label, band, properties), number)
            )

    def option_code(self, list_name: str, name: str, number: int) -> str:
        """`name` as an option code: letters outside ASCII lose their accents, other
        characters become "_", and a code already in the list gets a number."""
        code = name
        if not OPTION_CODE_PATTERN.fullmatch(code):
            plain = unicodedata.normalize("NFKD", code).encode("ascii", "ignore").decode()
            code = re.sub(r"[^A-Za-z0-9_.-]+", "_", plain).strip("_.-")[:64] or "option"
            self.option_codes.setdefault(name, code)
        taken = {option.code for option, _number in self.lists.get(list_name, [])}
        base, count = code, 1
        while code in taken:
            count += 1
            code = f"{base[:60]}_{count}"
        if count > 1:
            self.shared.setdefault(list_name, {}).setdefault(base, [base]).append(code)
        if code != name:
            self.change(
                self.choices or self.survey,
                number,
                "name",
                "option_code_changed",
                _(
                    "The option “%(name)s” gets the code “%(code)s”: Guild option codes are "
                    "unique in their list and made of letters, digits, “.”, “-” and “_”."
                )
                % {"name": name, "code": code},
            )
        return code

    def options(self, list_name: str, path: Path, row: int) -> tuple[Option, ...] | None:
        if list_name not in self.lists:
            self.note(
                self.survey,
                row,
                "type",
                "unknown_list",
                _("The choices sheet has no list “%(list)s”.") % {"list": list_name},
            )
            return None
        found = self.lists[list_name]
        self.list_of[path] = list_name
        for index, (_option, number) in enumerate(found):
            self.places[(*path, "options", index)] = (CHOICES, number)
        return tuple(option for option, _number in found)
