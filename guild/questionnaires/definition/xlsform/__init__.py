"""Definitions as XLSForm workbooks (.xlsx or .xls), read as pyxform reads them and
written with openpyxl so that pyxform converts the export.

Reading (`reading_from_xlsform`) accepts the dialect pyxform accepts (dialect.py): header
spellings and aliases (``list name``, ``bind::relevant``, ``relevance``, ``calculation`` …),
texts per language (``label``, ``label::English (en)``, ``label::english``,
``label::Français (fr)`` …: English and French by code or name, any further language kept
as written and exported back), settings ``form_title``/``title``, ``guild_title_fr`` and
``default_language`` (the language of a plain ``label`` column; English when not set), and
old type spellings (``select one from x``, ``select1 x``, ``add integer prompt`` …).

* ``survey``: ``type``, ``name``, ``label``, ``hint``, ``required`` (yes/no),
  ``required_message``, ``relevant``, ``constraint``, ``constraint_message``, ``default``,
  ``read_only``, ``calculation``, ``choice_filter``, ``appearance``, ``guild_breakdown``
  (department, region or other), ``guild_quasi_identifier`` (nominal or ordered: see
  `definition.QuasiIdentifier`; on a table-list group's row for a matrix),
  ``guild_workforce`` (age, service or group: see `definition.WorkforceRole`), and
  optionally ``guild_min`` / ``guild_max``.
* ``choices``: ``list_name``, ``name``, ``label``; for the age and service lists
  ``guild_band_low`` / ``guild_band_high`` (the whole years an option stands for; an empty
  high is an open top band); any other column is an option property a ``choice_filter``
  names (``state``, ``county`` …).

Types: ``select_one L`` → single (appearance ``likert`` → likert; ``or_other`` adds an
option "other" and a text question ``<name>_other`` shown when it is chosen, as pyxform
does); ``select_multiple L`` → multiple; ``rank L`` → ranking; ``integer`` → integer
(appearance ``year`` → year); ``decimal``; ``date``; ``text`` (appearance ``multiline`` →
long text); ``note``; ``calculate``. Groups, notes and what Guild cannot take: build.py.
Expressions and ``${name}`` references: references.py.

Ranges: the ``guild_min`` / ``guild_max`` columns, or the parts of a ``constraint`` of the
forms ``. >= 0``, ``. <= 60``, ``string-length(.) <= 200`` joined by ``and``; what else the
constraint says is kept as the question's constraint. The export writes ranges and lengths
back as such constraints.

A file that cannot be used at all raises `DefinitionError` (every problem with its sheet,
row as Excel numbers it, and column); otherwise the `Reading` says what comes in changed
and what cannot come in, cell by cell, for the person to review.
"""

from typing import TYPE_CHECKING

from guild.questionnaires.definition.xlsform.columns import MAX_FILE_BYTES

if TYPE_CHECKING:
    from guild.questionnaires.definition.review import Reading
    from guild.questionnaires.definition.types import Definition


# pyxform brings pandas with it: load the readers and writers only when a file is handled.
def reading_from_xlsform(content: bytes, *, file_name: str = "") -> "Reading":
    """The definition an .xlsx or .xls XLSForm holds, with what the review must show."""
    from guild.questionnaires.definition.xlsform.read import read_xlsform

    return read_xlsform(content, file_name=file_name)


def definition_from_xlsform(content: bytes, *, file_name: str = "") -> "Definition":
    """The definition alone (what cannot come in is left out: see `reading_from_xlsform`)."""
    return reading_from_xlsform(content, file_name=file_name).definition


def definition_to_xlsform(
    definition: "Definition", *, form_id: str = "guild_questionnaire"
) -> bytes:
    from guild.questionnaires.definition.xlsform.write import write_xlsform

    return write_xlsform(definition, form_id=form_id)


__all__ = [
    "MAX_FILE_BYTES",
    "definition_from_xlsform",
    "definition_to_xlsform",
    "reading_from_xlsform",
]
