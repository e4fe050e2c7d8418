"""One entry point for definition files, whatever their format."""

import json
from enum import StrEnum
from typing import NamedTuple

from django.utils.translation import gettext as _

from guild.questionnaires.definition.json_codec import definition_from_json, definition_to_json
from guild.questionnaires.definition.problems import DefinitionError, Problem
from guild.questionnaires.definition.review import Reading
from guild.questionnaires.definition.types import Definition
from guild.questionnaires.definition.validate import untranslated_texts
from guild.questionnaires.definition.xlsform import (
    MAX_FILE_BYTES,
    definition_to_xlsform,
    reading_from_xlsform,
)


class DefinitionFormat(StrEnum):
    XLSFORM = "xlsform"
    JSON = "json"


class DefinitionFile(NamedTuple):
    content: bytes
    content_type: str
    extension: str


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def definition_read(content: bytes, format: str, *, file_name: str = "") -> Reading:
    """Read a definition file, with what the person importing it must review (a JSON
    file is Guild's own: nothing to review). Raises `DefinitionError` listing every
    problem when the file cannot be used at all."""
    if format == DefinitionFormat.XLSFORM:
        return reading_from_xlsform(content, file_name=file_name)
    definition = _json_definition(content, format)
    return Reading(definition, untranslated=untranslated_texts(definition))


def definition_parse(content: bytes, format: str) -> Definition:
    """Read a definition file; raises `DefinitionError` listing every problem."""
    return definition_read(content, format).definition


def _json_definition(content: bytes, format: str) -> Definition:
    if format != DefinitionFormat.JSON:
        raise DefinitionError([Problem("unknown_format", _("Choose XLSForm or JSON."))])
    if len(content) > MAX_FILE_BYTES:
        raise DefinitionError(
            [
                Problem(
                    "file_too_large",
                    _("The file is larger than %(size)d MB.")
                    % {"size": MAX_FILE_BYTES // (1024 * 1024)},
                )
            ]
        )
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise DefinitionError([Problem("invalid_json", _("The file is not UTF-8 text."))]) from None
    except json.JSONDecodeError as error:
        raise DefinitionError(
            [
                Problem(
                    "invalid_json",
                    _("The file is not valid JSON (line %(line)d, column %(column)d).")
                    % {"line": error.lineno, "column": error.colno},
                )
            ]
        ) from None
    except RecursionError:
        raise DefinitionError(
            [Problem("invalid_json", _("The file is nested too deeply."))]
        ) from None
    return definition_from_json(data)


def definition_export(definition: Definition, format: str) -> DefinitionFile:
    """The definition as a file to download."""
    if format == DefinitionFormat.XLSFORM:
        return DefinitionFile(definition_to_xlsform(definition), XLSX_TYPE, "xlsx")
    text = json.dumps(definition_to_json(definition), ensure_ascii=False, indent=2)
    return DefinitionFile(text.encode("utf-8"), "application/json", "json")
