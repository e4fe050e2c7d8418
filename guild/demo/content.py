"""The demo's content files, read as an upload would be: the IM competency framework as a
CASE 1.0 package and the questionnaires as XLSForm workbooks (`data/`).

The seeder hands the raw files to the import services; the parsed forms here are for the
answer generator, the tests and the benchmark generator, which need the content without a
database. Regenerate a file with the app's own exporter (`framework_to_case`,
`definition_to_xlsform`) after changing what it holds, never by hand-editing the workbook's
XML."""

from functools import cache
from pathlib import Path

from guild.competencies.case import framework_from_case
from guild.competencies.framework import Framework
from guild.core.json_input import json_loads_bounded
from guild.questionnaires.definition.formats import DefinitionFormat, definition_parse
from guild.questionnaires.definition.types import Definition

DATA = Path(__file__).resolve().parent / "data"
FRAMEWORK_FILE = DATA / "im-framework.case.json"
MEMBERS_QUESTIONNAIRE_FILE = DATA / "im-members-questionnaire.xlsx"
EVENT_QUESTIONNAIRE_FILE = DATA / "community-event-evaluation.xlsx"
XLSFORM = DefinitionFormat.XLSFORM


def framework_package() -> object:
    """The IM framework's CASE package as parsed JSON, as the import job reads an upload."""
    return json_loads_bounded(FRAMEWORK_FILE.read_text(encoding="utf-8-sig"))


def im_framework() -> Framework:
    """The IM framework as the CASE importer reads it (a new object on every call)."""
    return framework_from_case(framework_package())


def members_questionnaire_file() -> bytes:
    return MEMBERS_QUESTIONNAIRE_FILE.read_bytes()


def event_questionnaire_file() -> bytes:
    return EVENT_QUESTIONNAIRE_FILE.read_bytes()


@cache
def members_definition() -> Definition:
    """The IM Members Questionnaire as the XLSForm importer reads it (frozen, so shared)."""
    return definition_parse(members_questionnaire_file(), XLSFORM)


@cache
def event_definition() -> Definition:
    """The identified community event evaluation, as the XLSForm importer reads it."""
    return definition_parse(event_questionnaire_file(), XLSFORM)
