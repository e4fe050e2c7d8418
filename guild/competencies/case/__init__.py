"""Competency frameworks in and out of 1EdTech CASE JSON (Competencies and Academic Standards
Exchange, 1.0 and 1.1), and in and out of CSV (Guild's layout; OpenSALT's on import).

Reading (`framework_from_case`) takes any valid CASE 1.0 or 1.1 package: any item types, a
hierarchy of any depth, associations of every type, rubrics or none (`checks` says how each
becomes families, competencies, levels and kept associations). Imports check everything and
raise `CaseImportError` with all the problems found, each at its JSON path; they never return
a partial framework.

Writing (`framework_to_case`) gives a CFPackage valid under both the 1EdTech CASE 1.0 JSON
binding and the CASE 1.1 JSON schema (tests/fixtures/schemas/); with `case_version="1.1"`,
one valid under the 1.1 schema that also holds the 1.1-only fields:

* The framework is the `CFDocument` (`version` its label); families and competencies are
  `CFItems` of their own `CFItemType` (Guild's are "Competency Family" and "Competency");
  the code is `humanCodingScheme`, the name `fullStatement`, a competency's description
  `notes`.
* `isChildOf` associations place each family under its parent family or the document and
  each competency under its family; `sequenceNumber` keeps the order (the numbers an
  import gave, when they said something Guild's order does not).
* `Competency.replaces` is one `replacedBy` association per replaced competency, from the
  old item (usually in an earlier version's document) to the new one. Associations kept
  from an import are written back under their own identifiers.
* A competency's four levels are a `CFRubric` with one criterion pointing at it and four
  levels: `score` and `position` the level, `quality` the scale's name, `description` the
  behavioural indicators.
* French (ADR 15): the document is in English; each item with French text has a French twin
  `CFItem` (`language` "fr", a UUID 5 of the item's identifier), placed nowhere in the
  hierarchy and `exactMatchOf` its English item, with a twin rubric for French indicators;
  those associations form a `CFAssociationGrouping` whose title is the French title.

* The package's `CFDefinitions` (concepts, subjects, licences, item types, association
  groupings) are kept on import and written back (`definitions`); kept associations keep
  their `CFAssociationGroupingURI`.

Identifiers are the model's UUIDs; those of twins, associations, rubrics, criteria and levels
are UUID 5s derived from the framework's identifier, so exports are reproducible. Unless a
base URI is given, every `uri` Guild makes is `urn:uuid:<identifier>`. A 1.0 package replaces
identifiers that are not RFC 4122 UUIDs and records the originals, which the import gives
back (`identifiers`).
"""

from guild.competencies.case.export import framework_to_case
from guild.competencies.case.parse import framework_from_case
from guild.competencies.case.problems import CaseImportError, FrameworkError, Problem
from guild.competencies.case.tabular import CSV_COLUMNS, framework_from_csv, framework_to_csv
from guild.competencies.case.terms import COMPETENCY_TYPE, FAMILY_TYPE
from guild.competencies.case.translations import carry_translations

__all__ = [
    "COMPETENCY_TYPE",
    "CSV_COLUMNS",
    "FAMILY_TYPE",
    "CaseImportError",
    "FrameworkError",
    "Problem",
    "carry_translations",
    "framework_from_case",
    "framework_from_csv",
    "framework_to_case",
    "framework_to_csv",
]
