"""Competency frameworks in and out of 1EdTech CASE 1.0 JSON (Competencies and Academic
Standards Exchange), and in and out of a flat CSV for spreadsheets.

CASE mapping (one CFPackage per framework)
------------------------------------------
* The framework is the `CFDocument`; its version goes in `version`.
* Families and competencies are `CFItems`, told apart by `CFItemType` ("Competency Family",
  "Competency"). The code is `humanCodingScheme`, the name is `fullStatement` and a
  competency's description is `notes` (left out when empty).
* The hierarchy is `isChildOf` associations: each family is a child of the CFDocument, each
  competency of its family; `sequenceNumber` (1, 2, ...) keeps the order of the lists.
* `Competency.replaces` is one `replacedBy` association per replaced competency, from the old
  item (usually in an earlier framework's document, so it need not be in this package) to the
  new one.
* Each competency's four levels are one `CFRubric` holding one `CFRubricCriteria` entry whose
  `CFItemURI` points at the competency, with four `CFRubricCriterionLevels`: `score` and
  `position` are the level (1-4), `quality` is the level's name from the framework's scale,
  `description` its behavioural indicators.

Bilingual text
--------------
CASE gives each document and item a single `language`. The text in that language sits in the
standard CASE properties, so any CASE consumer can read it; the other official language rides
in the 1EdTech extension point of the same object, under its language code and the same
property names::

    {"fullStatement": "Data literacy", "language": "en",
     "extensions": {"fr": {"fullStatement": "Littératie des données"}}}

Objects without a `language` (rubrics, criteria, levels, the scale) follow the CFDocument's.
Exports are always written in English with French extensions; imports accept either way round.
French text is required where English is: an import without it reports every missing piece.
The level scale (names of levels 1-4) is written once in `CFDocument.extensions.levelsScale`
(`[{"score": 1, "quality": "...", "extensions": {"fr": {"quality": "..."}}}, ...]`) and
repeated as every rubric level's `quality`; an import without `levelsScale` takes the names
from the rubric levels, which must then agree.

Identifiers are the model's UUIDs; those of associations, rubrics, criteria and levels, which
the model does not hold, are UUID 5s derived from the framework's identifier, so exports are
reproducible. Unless a base URI is given, every `uri` is `urn:uuid:<identifier>`.

Imports check everything and raise `CaseImportError` with all the problems found; they never
return a partial framework.
"""

from guild.competencies.case.export import framework_to_case
from guild.competencies.case.parse import framework_from_case
from guild.competencies.case.problems import CaseImportError, FrameworkError, Problem
from guild.competencies.case.tabular import CSV_COLUMNS, framework_from_csv, framework_to_csv
from guild.competencies.case.terms import COMPETENCY_TYPE, FAMILY_TYPE

__all__ = [
    "COMPETENCY_TYPE",
    "CSV_COLUMNS",
    "FAMILY_TYPE",
    "CaseImportError",
    "FrameworkError",
    "Problem",
    "framework_from_case",
    "framework_from_csv",
    "framework_to_case",
    "framework_to_csv",
]
