"""Definitions as XLSForm workbooks (.xlsx), read with pyxform's own workbook reader and
written with openpyxl.

Sheets and columns (header names are matched without regard to case):

* ``survey``: ``type``, ``name``, ``label::English (en)``, ``label::French (fr)``,
  ``hint::English (en)``, ``hint::French (fr)``, ``required`` (yes/no), ``relevant``,
  ``constraint``, ``appearance``, ``guild_breakdown`` (department, region or other),
  ``guild_quasi_identifier`` (nominal or ordered: see `definition.QuasiIdentifier`; on a
  table-list group's row for a matrix), ``guild_workforce`` (age, service or group: see
  `definition.WorkforceRole`), and optionally ``guild_min`` / ``guild_max``.
* ``choices``: ``list_name``, ``name``, ``label::English (en)``, ``label::French (fr)``, and
  for the age and service lists ``guild_band_low`` / ``guild_band_high`` (the whole years
  an option stands for; an empty high is an open top band).
* ``settings``: ``form_title`` (the English title), ``guild_title_fr`` (the French title),
  ``form_id``, ``default_language``.

Types: ``select_one L`` → single (with appearance ``likert`` → likert); ``select_multiple
L`` → multiple; ``rank L`` → ranking; ``integer`` → integer (appearance ``year`` → year);
``decimal``; ``date``; ``text`` (appearance ``multiline`` → long text). A top-level
``begin_group``/``end_group`` is a section; inside it, a group with appearance
``table-list`` whose questions are all ``select_one`` of one list is one matrix question
(the group is the question, its questions the rows). A ``note`` first in a group is the
section's description (first in the form: the questionnaire's); other notes are ignored.
Questions outside any group form a section of their own. A group's ``relevant`` applies to
each of its questions.

Ranges: the ``guild_min`` / ``guild_max`` columns, or else a ``constraint`` of the simple
forms ``. >= 0``, ``. <= 60`` or ``. >= 0 and . <= 60``; text lengths as
``string-length(.) <= 200``. Any other constraint is refused (it could not be enforced).
The export writes ranges and lengths as such constraints, so the file is an ordinary
XLSForm that pyxform converts.

Problems name the sheet, the row as Excel numbers it (the header is row 1) and the column
(header and letter); nothing is kept from a file with problems.
"""

from typing import TYPE_CHECKING

from guild.questionnaires.definition.xlsform.columns import MAX_FILE_BYTES

if TYPE_CHECKING:
    from guild.questionnaires.definition.types import Definition


# pyxform brings pandas with it: load the readers and writers only when a file is handled.
def definition_from_xlsform(content: bytes) -> "Definition":
    from guild.questionnaires.definition.xlsform.read import read_xlsform

    return read_xlsform(content)


def definition_to_xlsform(
    definition: "Definition", *, form_id: str = "guild_questionnaire"
) -> bytes:
    from guild.questionnaires.definition.xlsform.write import write_xlsform

    return write_xlsform(definition, form_id=form_id)


__all__ = ["MAX_FILE_BYTES", "definition_from_xlsform", "definition_to_xlsform"]
