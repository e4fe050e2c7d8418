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

import csv
import io
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from guild.competencies.framework import (
    LEVELS,
    Competency,
    Family,
    Framework,
    FrameworkError,
    LevelDescriptor,
    Problem,
    ScaleLevel,
    derive_identifier,
    is_blank,
    is_unicode,
    is_uuid,
    validate_framework,
    with_identifiers,
)

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

FAMILY_TYPE: Final = "Competency Family"
COMPETENCY_TYPE: Final = "Competency"
CHILD_OF: Final = "isChildOf"
REPLACED_BY: Final = "replacedBy"
LEVELS_SCALE: Final = "levelsScale"
EXTENSIONS: Final = "extensions"
EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)

# The association types CASE 1.0 defines; "ext:" ones are its extension mechanism.
ASSOCIATION_TYPES: Final = frozenset(
    {
        "isChildOf",
        "isPeerOf",
        "isPartOf",
        "exactMatchOf",
        "precedes",
        "isRelatedTo",
        "replacedBy",
        "exemplar",
        "hasSkillLevel",
    }
)

CSV_COLUMNS: Final = (
    "family_code",
    "family_name_en",
    "family_name_fr",
    "competency_code",
    "competency_name_en",
    "competency_name_fr",
    "description_en",
    "description_fr",
    "level",
    "indicators_en",
    "indicators_fr",
    "identifier",
)
_CSV_REQUIRED: Final = frozenset(CSV_COLUMNS) - {"description_en", "description_fr", "identifier"}

_UUID_ANY_CASE = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)

JsonObject = dict[str, Any]


class CaseImportError(FrameworkError):
    """A CASE package or CSV file that cannot become a framework; `problems` lists why."""


def _other(language: str) -> str:
    return "fr" if language == "en" else "en"


def _pair(language: str, primary: str, other: str) -> tuple[str, str]:
    """(English, French) from the text in `language` and the text in the other one."""
    return (primary, other) if language == "en" else (other, primary)


def _timestamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("changed_at must be timezone-aware")
    return moment.astimezone(UTC).isoformat()


# --------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------


def framework_to_case(
    framework: Framework,
    *,
    changed_at: datetime | None = None,
    base_uri: str | None = None,
    creator: str = "Guild",
) -> JsonObject:
    """The framework as a CASE 1.0 CFPackage: plain dicts, lists, strings and ints, ready for
    `json.dumps`, with keys and lists in a fixed order.

    `changed_at` (timezone-aware) becomes every object's `lastChangeDateTime`; it defaults to
    the Unix epoch so that the same framework always exports to the same JSON. With
    `base_uri`, URIs are `<base_uri>/<collection>/<identifier>` (the CASE REST layout, e.g.
    `.../ims/case/v1p0`); without it they are `urn:uuid:<identifier>`.

    Raises `FrameworkError` when the framework breaks the model's rules.
    """
    complete = with_identifiers(framework)
    problems = validate_framework(complete)
    if problems:
        raise FrameworkError(problems)
    return _CaseWriter(complete, changed_at or EPOCH, base_uri, creator).package()


class _CaseWriter:
    def __init__(
        self, framework: Framework, changed_at: datetime, base_uri: str | None, creator: str
    ) -> None:
        self.framework = framework
        self.namespace = uuid.UUID(framework.identifier)
        self.changed = _timestamp(changed_at)
        self.base_uri = base_uri.rstrip("/") if base_uri else None
        self.creator = creator
        self.names = {
            competency.identifier: competency.name_en
            for family in framework.families
            for competency in family.competencies
        }

    def uri(self, collection: str, identifier: str) -> str:
        if self.base_uri is None:
            return f"urn:uuid:{identifier}"
        return f"{self.base_uri}/{collection}/{identifier}"

    def derived(self, *parts: str) -> str:
        return str(uuid.uuid5(self.namespace, ":".join(parts)))

    def link(self, title: str, identifier: str, collection: str) -> JsonObject:
        return {"title": title, "identifier": identifier, "uri": self.uri(collection, identifier)}

    def document_link(self) -> JsonObject:
        return self.link(self.framework.title_en, self.framework.identifier, "CFDocuments")

    def package(self) -> JsonObject:
        items: list[JsonObject] = []
        associations: list[JsonObject] = []
        rubrics: list[JsonObject] = []
        for family_position, family in enumerate(self.framework.families, start=1):
            family_link = self.link(family.name_en, family.identifier, "CFItems")
            items.append(
                self.item(
                    FAMILY_TYPE,
                    family.identifier,
                    family.code,
                    family.name_en,
                    family.name_fr,
                    "",
                    "",
                )
            )
            associations.append(self.child_of(family_link, self.document_link(), family_position))
            for position, competency in enumerate(family.competencies, start=1):
                items.append(
                    self.item(
                        COMPETENCY_TYPE,
                        competency.identifier,
                        competency.code,
                        competency.name_en,
                        competency.name_fr,
                        competency.description_en,
                        competency.description_fr,
                    )
                )
                competency_link = self.link(competency.name_en, competency.identifier, "CFItems")
                associations.append(self.child_of(competency_link, family_link, position))
                rubrics.append(self.rubric(competency))
        for family in self.framework.families:
            for competency in family.competencies:
                for replaced in competency.replaces:
                    associations.append(self.replaced_by(replaced, competency))
        return {
            "CFDocument": self.document(),
            "CFItems": items,
            "CFAssociations": associations,
            "CFRubrics": rubrics,
        }

    def document(self) -> JsonObject:
        framework = self.framework
        document: JsonObject = {
            "identifier": framework.identifier,
            "uri": self.uri("CFDocuments", framework.identifier),
            "creator": self.creator,
            "title": framework.title_en,
        }
        if framework.version:
            document["version"] = framework.version
        document["language"] = "en"
        document["lastChangeDateTime"] = self.changed
        document[EXTENSIONS] = {
            "fr": {"title": framework.title_fr},
            LEVELS_SCALE: [
                {
                    "score": scale.level,
                    "quality": scale.name_en,
                    EXTENSIONS: {"fr": {"quality": scale.name_fr}},
                }
                for scale in framework.levels_scale
            ],
        }
        return document

    def item(
        self,
        item_type: str,
        identifier: str,
        code: str,
        name_en: str,
        name_fr: str,
        notes_en: str,
        notes_fr: str,
    ) -> JsonObject:
        item: JsonObject = {
            "identifier": identifier,
            "uri": self.uri("CFItems", identifier),
            "CFDocumentURI": self.document_link(),
            "CFItemType": item_type,
            "humanCodingScheme": code,
            "fullStatement": name_en,
        }
        if notes_en:
            item["notes"] = notes_en
        item["language"] = "en"
        item["lastChangeDateTime"] = self.changed
        french: JsonObject = {"fullStatement": name_fr}
        if notes_fr:
            french["notes"] = notes_fr
        item[EXTENSIONS] = {"fr": french}
        return item

    def association(
        self,
        association_type: str,
        origin: JsonObject,
        destination: JsonObject,
        sequence: int | None,
    ) -> JsonObject:
        identifier = self.derived(association_type, origin["identifier"], destination["identifier"])
        association: JsonObject = {
            "identifier": identifier,
            "uri": self.uri("CFAssociations", identifier),
            "CFDocumentURI": self.document_link(),
            "associationType": association_type,
        }
        if sequence is not None:
            association["sequenceNumber"] = sequence
        # Copies: no two places in the package share a dict, so callers may edit one.
        association["originNodeURI"] = dict(origin)
        association["destinationNodeURI"] = dict(destination)
        association["lastChangeDateTime"] = self.changed
        return association

    def child_of(self, child: JsonObject, parent: JsonObject, sequence: int) -> JsonObject:
        return self.association(CHILD_OF, child, parent, sequence)

    def replaced_by(self, replaced: str, competency: Competency) -> JsonObject:
        # The replaced item usually lives in an earlier version's document: its name is not
        # known here, so its identifier stands in for the link's title.
        old = self.link(self.names.get(replaced, replaced), replaced, "CFItems")
        new = self.link(competency.name_en, competency.identifier, "CFItems")
        return self.association(REPLACED_BY, old, new, None)

    def rubric(self, competency: Competency) -> JsonObject:
        rubric_id = self.derived("rubric", competency.identifier)
        criterion_id = self.derived("criterion", competency.identifier)
        scale = {scale.level: scale for scale in self.framework.levels_scale}
        levels: list[JsonObject] = []
        for level in competency.levels:
            level_id = self.derived("level", competency.identifier, str(level.level))
            levels.append(
                {
                    "identifier": level_id,
                    "uri": self.uri("CFRubricCriterionLevels", level_id),
                    "rubricCriterionId": criterion_id,
                    "position": level.level,
                    "score": level.level,
                    "quality": scale[level.level].name_en,
                    "description": level.indicators_en,
                    "lastChangeDateTime": self.changed,
                    EXTENSIONS: {
                        "fr": {
                            "quality": scale[level.level].name_fr,
                            "description": level.indicators_fr,
                        }
                    },
                }
            )
        return {
            "identifier": rubric_id,
            "uri": self.uri("CFRubrics", rubric_id),
            "title": competency.name_en,
            "lastChangeDateTime": self.changed,
            EXTENSIONS: {"fr": {"title": competency.name_fr}},
            "CFRubricCriteria": [
                {
                    "identifier": criterion_id,
                    "uri": self.uri("CFRubricCriteria", criterion_id),
                    "rubricId": rubric_id,
                    "CFItemURI": self.link(competency.name_en, competency.identifier, "CFItems"),
                    "position": 1,
                    "lastChangeDateTime": self.changed,
                    "CFRubricCriterionLevels": levels,
                }
            ],
        }


# --------------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------------


def framework_from_case(data: object) -> Framework:
    """The framework described by a CASE 1.0 CFPackage (as parsed by `json.loads`).

    Raises `CaseImportError` listing every problem found, each with the JSON path of the
    offending value (`$.CFItems[3].fullStatement`).
    """
    return _CaseReader().read(data)


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


@dataclass
class _Document:
    identifier: str | None = None
    language: str = "en"
    title: tuple[str, str] = ("", "")
    version: str = ""
    scale: list[tuple[int, str, str]] | None = None
    scale_declared: bool = False
    present: bool = False


@dataclass
class _Item:
    index: int
    path: str
    identifier: str | None
    kind: str | None
    code: str | None
    name: tuple[str, str]
    description: tuple[str, str]

    @property
    def label(self) -> str:
        return repr(self.code) if self.code else str(self.identifier)


@dataclass
class _Association:
    index: int
    path: str
    association_type: str | None
    origin: str | None
    destination: str | None
    sequence: int | None


@dataclass
class _Level:
    path: str
    score: int | None
    description: tuple[str, str]
    quality: tuple[str, str]


@dataclass
class _Rubric:
    path: str
    competency: str | None
    competency_path: str
    levels: list[_Level] = field(default_factory=list)


class _CaseReader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.identifiers: dict[str, str] = {}

    # Field readers: each records what is wrong and returns None (or empty text).

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def mapping(self, value: object, path: str) -> JsonObject | None:
        if isinstance(value, dict):
            return value
        self.add(path, f"expected an object, got {_kind(value)}")
        return None

    def array(self, parent: JsonObject, key: str, path: str) -> list[object]:
        value = parent.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.add(f"{path}.{key}", f"expected an array, got {_kind(value)}")
        return []

    def string(
        self, obj: JsonObject, key: str, path: str, *, required: bool = True, blank: bool = True
    ) -> str | None:
        value = obj.get(key)
        at = f"{path}.{key}"
        if value is None:
            if required:
                self.add(at, "required field is missing")
            return None
        if not isinstance(value, str):
            self.add(at, f"expected a string, got {_kind(value)}")
            return None
        if not is_unicode(value):
            self.add(at, "not valid Unicode text (lone surrogate)")
            return None
        if not blank and is_blank(value):
            self.add(at, "must not be blank")
            return None
        return value

    def uuid(self, obj: JsonObject, key: str, path: str, *, required: bool = True) -> str | None:
        value = self.string(obj, key, path, required=required)
        if value is None:
            return None
        if _UUID_ANY_CASE.fullmatch(value) is None:
            self.add(f"{path}.{key}", f"malformed UUID {value!r}")
            return None
        return value.lower()

    def identifier(self, obj: JsonObject, path: str) -> str | None:
        """The object's own identifier, which must be unique in the whole package."""
        identifier = self.uuid(obj, "identifier", path)
        if identifier is None:
            return None
        at = f"{path}.identifier"
        if identifier in self.identifiers:
            self.add(
                at, f"duplicate identifier {identifier} (also at {self.identifiers[identifier]})"
            )
            return None
        self.identifiers[identifier] = at
        return identifier

    def integer(self, obj: JsonObject, key: str, path: str) -> int | None:
        value = obj.get(key)
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or (isinstance(value, float) and not value.is_integer())
        ):
            self.add(f"{path}.{key}", f"expected a whole number, got {value!r}")
            return None
        return int(value)

    def timestamp(self, obj: JsonObject, path: str) -> None:
        value = self.string(obj, "lastChangeDateTime", path)
        if value is None:
            return
        try:
            datetime.fromisoformat(value)
        except ValueError:
            self.add(f"{path}.lastChangeDateTime", f"not an ISO 8601 date-time: {value!r}")

    def common(self, obj: JsonObject, path: str) -> str | None:
        """The fields every CASE object has: identifier, uri, lastChangeDateTime."""
        identifier = self.identifier(obj, path)
        self.string(obj, "uri", path)
        self.timestamp(obj, path)
        return identifier

    def link(self, obj: JsonObject, key: str, path: str, *, required: bool = True) -> str | None:
        """A LinkURI ({title, identifier, uri}); returns the identifier it points to."""
        at = f"{path}.{key}"
        value = obj.get(key)
        if value is None:
            if required:
                self.add(at, "required field is missing")
            return None
        link = self.mapping(value, at)
        if link is None:
            return None
        self.string(link, "title", at)
        self.string(link, "uri", at)
        return self.uuid(link, "identifier", at)

    def language(self, obj: JsonObject, path: str, default: str) -> str:
        value = self.string(obj, "language", path, required=False)
        if value is None:
            return default
        language = value.lower().split("-")[0]
        if language not in ("en", "fr"):
            self.add(f"{path}.language", f"unsupported language {value!r}: expected en or fr")
            return default
        return language

    def translation(self, obj: JsonObject, path: str, language: str) -> JsonObject | None:
        """The object's text in the other official language: `extensions.<fr|en>`."""
        extensions = obj.get(EXTENSIONS)
        if extensions is None:
            return {}
        if not isinstance(extensions, dict):
            self.add(f"{path}.{EXTENSIONS}", f"expected an object, got {_kind(extensions)}")
            return None
        other = _other(language)
        translation = extensions.get(other)
        if translation is None:
            return {}
        return self.mapping(translation, f"{path}.{EXTENSIONS}.{other}")

    def text(
        self,
        obj: JsonObject,
        translation: JsonObject | None,
        key: str,
        path: str,
        language: str,
        *,
        required: bool,
    ) -> tuple[str, str]:
        """(English, French) text of a property; required text must not be blank."""
        primary = self.string(obj, key, path, required=required, blank=not required) or ""
        other = ""
        if translation is not None:
            other_path = f"{path}.{EXTENSIONS}.{_other(language)}"
            found = self.string(translation, key, other_path, required=required, blank=not required)
            other = found or ""
        return _pair(language, primary, other)

    # The package, part by part.

    def read(self, data: object) -> Framework:
        root = self.mapping(data, "$")
        if root is None:
            raise CaseImportError(self.problems)
        document = self.document(root)
        items = [
            self.item(value, index, document)
            for index, value in enumerate(self.array(root, "CFItems", "$"))
        ]
        associations = [
            self.association(value, index, document)
            for index, value in enumerate(self.array(root, "CFAssociations", "$"))
        ]
        rubrics = [
            self.rubric(value, index, document)
            for index, value in enumerate(self.array(root, "CFRubrics", "$"))
        ]
        framework = _Assembler(self, document).assemble(
            [item for item in items if item is not None],
            [association for association in associations if association is not None],
            [rubric for rubric in rubrics if rubric is not None],
        )
        if self.problems or framework is None:
            raise CaseImportError(self.problems)
        leftovers = validate_framework(framework)
        if leftovers:  # pragma: no cover - the checks above should have caught them
            raise CaseImportError(leftovers)
        return framework

    def document(self, root: JsonObject) -> _Document:
        path = "$.CFDocument"
        document = _Document()
        if "CFDocument" not in root:
            self.add(path, "required field is missing")
            return document
        obj = self.mapping(root["CFDocument"], path)
        if obj is None:
            return document
        document.present = True
        document.identifier = self.common(obj, path)
        self.string(obj, "creator", path)
        document.language = self.language(obj, path, "en")
        translation = self.translation(obj, path, document.language)
        document.title = self.text(
            obj, translation, "title", path, document.language, required=True
        )
        document.version = self.string(obj, "version", path, required=False) or ""
        extensions = obj.get(EXTENSIONS)
        if isinstance(extensions, dict) and extensions.get(LEVELS_SCALE) is not None:
            document.scale_declared = True
            document.scale = self.scale(extensions, f"{path}.{EXTENSIONS}", document.language)
        return document

    def scale(
        self, extensions: JsonObject, path: str, language: str
    ) -> list[tuple[int, str, str]] | None:
        at = f"{path}.{LEVELS_SCALE}"
        entries = extensions[LEVELS_SCALE]
        if not isinstance(entries, list):
            self.add(at, f"expected an array, got {_kind(entries)}")
            return None
        if len(entries) != len(LEVELS):
            self.add(at, f"expected exactly {len(LEVELS)} levels, found {len(entries)}")
        scores: dict[int, str] = {}
        names: dict[int, tuple[str, str]] = {}
        for index, value in enumerate(entries):
            entry_path = f"{at}[{index}]"
            entry = self.mapping(value, entry_path)
            if entry is None:
                continue
            score = self.score(entry, entry_path, scores)
            translation = self.translation(entry, entry_path, language)
            name = self.text(entry, translation, "quality", entry_path, language, required=True)
            if score is not None:
                names[score] = name
        if sorted(names) != list(LEVELS):
            return None
        return [(level, *names[level]) for level in LEVELS]

    def score(self, obj: JsonObject, path: str, scale_paths: dict[int, str]) -> int | None:
        """A level's score: a whole number from 1 to 4, not already in `scale_paths`."""
        at = f"{path}.score"
        value = obj.get("score")
        if value is None:
            self.add(at, "required field is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(at, f"expected a number, got {_kind(value)}")
            return None
        if value not in LEVELS:
            self.add(at, f"level score must be a whole number from 1 to 4, got {value!r}")
            return None
        score = int(value)
        if score in scale_paths:
            self.add(at, f"level {score} is given twice (also at {scale_paths[score]})")
            return None
        scale_paths[score] = at
        return score

    def item(self, value: object, index: int, document: _Document) -> _Item | None:
        path = f"$.CFItems[{index}]"
        obj = self.mapping(value, path)
        if obj is None:
            return None
        identifier = self.common(obj, path)
        self.document_link(obj, path, document, required=True)
        item_type = self.string(obj, "CFItemType", path)
        kind = None
        if item_type in (FAMILY_TYPE, COMPETENCY_TYPE):
            kind = item_type
        elif item_type is not None:
            self.add(
                f"{path}.CFItemType",
                f"unsupported item type {item_type!r}: expected {FAMILY_TYPE!r} "
                f"or {COMPETENCY_TYPE!r}",
            )
        code = self.string(obj, "humanCodingScheme", path, blank=False)
        language = self.language(obj, path, document.language)
        translation = self.translation(obj, path, language)
        name = self.text(obj, translation, "fullStatement", path, language, required=True)
        description = ("", "")
        if kind == COMPETENCY_TYPE:
            description = self.text(obj, translation, "notes", path, language, required=False)
        return _Item(index, path, identifier, kind, code, name, description)

    def document_link(
        self, obj: JsonObject, path: str, document: _Document, *, required: bool
    ) -> None:
        target = self.link(obj, "CFDocumentURI", path, required=required)
        if target is not None and document.identifier not in (None, target):
            self.add(f"{path}.CFDocumentURI.identifier", f"refers to unknown document {target}")

    def association(self, value: object, index: int, document: _Document) -> _Association | None:
        path = f"$.CFAssociations[{index}]"
        obj = self.mapping(value, path)
        if obj is None:
            return None
        self.common(obj, path)
        self.document_link(obj, path, document, required=False)
        association_type = self.string(obj, "associationType", path)
        if association_type is not None and association_type not in (CHILD_OF, REPLACED_BY):
            known = association_type in ASSOCIATION_TYPES or association_type.startswith("ext:")
            self.add(
                f"{path}.associationType",
                f"association type {association_type!r} is not supported in Guild frameworks"
                if known
                else f"unknown association type {association_type!r}",
            )
            association_type = None
        origin = self.link(obj, "originNodeURI", path)
        destination = self.link(obj, "destinationNodeURI", path)
        sequence = self.integer(obj, "sequenceNumber", path)
        return _Association(index, path, association_type, origin, destination, sequence)

    def rubric(self, value: object, index: int, document: _Document) -> _Rubric | None:
        path = f"$.CFRubrics[{index}]"
        obj = self.mapping(value, path)
        if obj is None:
            return None
        rubric_id = self.common(obj, path)
        criteria = self.array(obj, "CFRubricCriteria", path)
        if len(criteria) != 1:
            self.add(
                f"{path}.CFRubricCriteria",
                f"expected exactly one criterion (the competency), found {len(criteria)}",
            )
        found: _Rubric | None = None
        for position, criterion_value in enumerate(criteria):
            criterion_path = f"{path}.CFRubricCriteria[{position}]"
            rubric = self.criterion(criterion_value, criterion_path, rubric_id, document)
            if found is None:
                found = rubric
        return found

    def criterion(
        self, value: object, path: str, rubric_id: str | None, document: _Document
    ) -> _Rubric | None:
        obj = self.mapping(value, path)
        if obj is None:
            return None
        criterion_id = self.common(obj, path)
        parent = self.uuid(obj, "rubricId", path, required=False)
        if parent is not None and rubric_id is not None and parent != rubric_id:
            self.add(f"{path}.rubricId", f"refers to rubric {parent}, not to the enclosing one")
        competency = self.link(obj, "CFItemURI", path)
        rubric = _Rubric(path, competency, f"{path}.CFItemURI.identifier")
        levels_path = f"{path}.CFRubricCriterionLevels"
        values = self.array(obj, "CFRubricCriterionLevels", path)
        if len(values) != len(LEVELS):
            self.add(levels_path, f"expected exactly 4 levels (scores 1 to 4), found {len(values)}")
        scores: dict[int, str] = {}
        for position, level_value in enumerate(values):
            level_path = f"{levels_path}[{position}]"
            level_obj = self.mapping(level_value, level_path)
            if level_obj is None:
                continue
            self.common(level_obj, level_path)
            owner = self.uuid(level_obj, "rubricCriterionId", level_path, required=False)
            if owner is not None and criterion_id is not None and owner != criterion_id:
                self.add(
                    f"{level_path}.rubricCriterionId",
                    f"refers to criterion {owner}, not to the enclosing one",
                )
            self.integer(level_obj, "position", level_path)
            score = self.score(level_obj, level_path, scores)
            language = document.language
            translation = self.translation(level_obj, level_path, language)
            description = self.text(
                level_obj, translation, "description", level_path, language, required=True
            )
            quality = self.text(
                level_obj, translation, "quality", level_path, language, required=False
            )
            rubric.levels.append(_Level(level_path, score, description, quality))
        return rubric


_Edges = list[tuple[_Association, str | None]]
"""An item's isChildOf associations, each with the parent it names (None when unknown)."""


class _Assembler:
    """The checks that span objects, then the framework itself."""

    def __init__(self, reader: _CaseReader, document: _Document) -> None:
        self.reader = reader
        self.document = document
        self.add = reader.add
        self.items: dict[str, _Item] = {}

    def assemble(
        self, items: list[_Item], associations: list[_Association], rubrics: list[_Rubric]
    ) -> Framework | None:
        # Items that cannot be referred to (no or duplicate identifier) take no further part.
        self.items = {item.identifier: item for item in items if item.identifier is not None}
        parents = self.hierarchy(associations)
        cyclic = self.cycles(parents)
        family_sequence: dict[str, int | None] = {}
        family_of: dict[str, tuple[str, int | None]] = {}
        for item in self.items.values():
            if item.identifier in cyclic:
                continue
            edges = parents.get(item.identifier or "", [])
            if item.kind == FAMILY_TYPE:
                family_sequence[item.identifier or ""] = self.family_parent(item, edges)
            elif item.kind == COMPETENCY_TYPE:
                parent = self.competency_parent(item, edges)
                if parent is not None:
                    family_of[item.identifier or ""] = parent
        replaces = self.replacements(associations)
        levels = self.rubrics(rubrics)
        scale = self.scale(rubrics)
        self.codes()
        if self.reader.problems or scale is None or self.document.identifier is None:
            return None
        return self.build(family_sequence, family_of, replaces, levels, scale)

    def hierarchy(self, associations: list[_Association]) -> dict[str, _Edges]:
        """Each item's isChildOf associations, keyed by the item."""
        document_id = self.document.identifier
        parents: dict[str, _Edges] = {}
        for association in associations:
            if association.association_type != CHILD_OF:
                continue
            origin, destination = association.origin, association.destination
            if origin is not None and origin not in self.items:
                if origin == document_id:
                    self.add(
                        f"{association.path}.originNodeURI.identifier",
                        "the CFDocument cannot be the child in an isChildOf association",
                    )
                else:
                    self.add(
                        f"{association.path}.originNodeURI.identifier",
                        f"refers to unknown item {origin}",
                    )
            parent = destination
            if destination is not None and destination not in self.items:
                if document_id is None:
                    parent = None  # the document's own identifier is broken: cannot tell
                elif destination != document_id:
                    self.add(
                        f"{association.path}.destinationNodeURI.identifier",
                        f"refers to unknown item {destination}",
                    )
                    parent = None
            if origin is not None and origin in self.items:
                parents.setdefault(origin, []).append((association, parent))
        return parents

    def cycles(self, parents: dict[str, _Edges]) -> set[str]:
        """Reports each isChildOf cycle once, at its first association; returns its items."""
        edges = {
            child: [(association, parent) for association, parent in links if parent in self.items]
            for child, links in parents.items()
        }
        cyclic: set[str] = set()
        state: dict[str, int] = {}  # 1: on the current path, 2: done
        for start in self.items:
            if start in state:
                continue
            state[start] = 1
            stack: list[tuple[str, Iterator[tuple[_Association, str | None]]]] = [
                (start, iter(edges.get(start, [])))
            ]
            nodes = [start]
            path: list[_Association] = []
            while stack:
                node, pending = stack[-1]
                step = next(pending, None)
                if step is None:
                    state[node] = 2
                    stack.pop()
                    nodes.pop()
                    if path:
                        path.pop()
                    continue
                association, parent = step
                if parent is None:
                    continue
                if state.get(parent) == 1:
                    first = nodes.index(parent)
                    loop = [*path[first:], association]
                    members = nodes[first:]
                    cyclic.update(members)
                    labels = " → ".join(self.items[member].label for member in [*members, parent])
                    at = min(loop, key=lambda candidate: candidate.index)
                    self.add(at.path, f"isChildOf cycle: {labels}")
                elif parent not in state:
                    state[parent] = 1
                    stack.append((parent, iter(edges.get(parent, []))))
                    nodes.append(parent)
                    path.append(association)
        return cyclic

    def family_parent(self, item: _Item, edges: _Edges) -> int | None:
        attached: _Association | None = None
        for association, parent in edges:
            if parent is None:
                continue
            if parent != self.document.identifier:
                self.add(
                    f"{association.path}.destinationNodeURI.identifier",
                    "a Competency Family must be a child of the CFDocument",
                )
            elif attached is None:
                attached = association
            else:
                self.add(
                    association.path,
                    f"family {item.label} is already a child of the CFDocument ({attached.path})",
                )
        return attached.sequence if attached is not None else None

    def competency_parent(self, item: _Item, edges: _Edges) -> tuple[str, int | None] | None:
        if not edges:
            self.add(item.path, f"competency {item.label} is not attached to a family")
            return None
        attached: tuple[str, _Association] | None = None
        for association, parent in edges:
            if parent is None:
                continue
            target = self.items.get(parent)
            if target is not None and target.kind is None:
                continue  # its type is already reported
            if target is None or target.kind != FAMILY_TYPE:
                self.add(
                    f"{association.path}.destinationNodeURI.identifier",
                    "a Competency must be a child of a Competency Family",
                )
            elif attached is None:
                attached = (parent, association)
            else:
                self.add(
                    association.path,
                    f"competency {item.label} is already a child of family "
                    f"{self.items[attached[0]].label} ({attached[1].path})",
                )
        if attached is None:
            return None
        return attached[0], attached[1].sequence

    def replacements(self, associations: list[_Association]) -> dict[str, list[str]]:
        replaces: dict[str, list[str]] = {}
        for association in associations:
            if association.association_type != REPLACED_BY:
                continue
            old, new = association.origin, association.destination
            if new is not None:
                target = self.items.get(new)
                if target is None and new != self.document.identifier:
                    self.add(
                        f"{association.path}.destinationNodeURI.identifier",
                        f"refers to unknown item {new}",
                    )
                    new = None
                elif target is None or target.kind != COMPETENCY_TYPE:
                    self.add(
                        f"{association.path}.destinationNodeURI.identifier",
                        "only a Competency can replace another",
                    )
                    new = None
            if old is None or new is None:
                continue
            origin_path = f"{association.path}.originNodeURI.identifier"
            source = self.items.get(old)
            if old == new:
                self.add(origin_path, "a competency cannot replace itself")
            elif old == self.document.identifier or (
                source is not None and source.kind != COMPETENCY_TYPE
            ):
                self.add(origin_path, "only a Competency can be replaced")
            elif old in replaces.get(new, []):
                self.add(association.path, f"{old} is already replaced by {new}")
            else:
                replaces.setdefault(new, []).append(old)
        return replaces

    def rubrics(self, rubrics: list[_Rubric]) -> dict[str, _Rubric]:
        found: dict[str, _Rubric] = {}
        for rubric in rubrics:
            if rubric.competency is None:
                continue
            target = self.items.get(rubric.competency)
            if target is None:
                self.add(rubric.competency_path, f"refers to unknown item {rubric.competency}")
            elif target.kind == FAMILY_TYPE:
                self.add(rubric.competency_path, "a rubric must describe a Competency")
            elif target.kind is None:
                continue
            elif rubric.competency in found:
                self.add(
                    rubric.competency_path,
                    f"competency {target.label} already has a rubric "
                    f"({found[rubric.competency].path})",
                )
            else:
                found[rubric.competency] = rubric
        for item in self.items.values():
            if item.kind == COMPETENCY_TYPE and item.identifier not in found:
                self.add(item.path, f"competency {item.label} has no CFRubric for its levels")
        return found

    def scale(self, rubrics: list[_Rubric]) -> list[tuple[int, str, str]] | None:
        """The names of the levels: the document's `levelsScale`, else the rubric levels'
        qualities. Every quality given must agree with them."""
        language = self.document.language
        other = _other(language)
        names: dict[tuple[int, str], tuple[str, str]] = {}  # (level, language) -> (name, path)
        declared = self.document.scale_declared
        if self.document.scale is not None:
            for score, name_en, name_fr in self.document.scale:
                names[(score, "en")] = (name_en, f"$.CFDocument.{EXTENSIONS}.{LEVELS_SCALE}")
                names[(score, "fr")] = (name_fr, f"$.CFDocument.{EXTENSIONS}.{LEVELS_SCALE}")
        for rubric in rubrics:
            for level in rubric.levels:
                if level.score is None:
                    continue
                for code, text in zip(("en", "fr"), level.quality, strict=True):
                    if not text:
                        continue
                    at = (
                        f"{level.path}.quality"
                        if code == language
                        else f"{level.path}.{EXTENSIONS}.{other}.quality"
                    )
                    known = names.get((level.score, code))
                    if known is None:
                        names[(level.score, code)] = (text, at)
                    elif known[0] != text:
                        self.add(
                            at,
                            f"level {level.score} is named {known[0]!r} at {known[1]}, "
                            f"not {text!r}",
                        )
        missing = [
            score for score in LEVELS if (score, "en") not in names or (score, "fr") not in names
        ]
        if missing:
            if not declared and self.document.present:
                self.add(
                    f"$.CFDocument.{EXTENSIONS}.{LEVELS_SCALE}",
                    "required: the rubric levels do not name every level in English and French",
                )
            return None
        return [(score, names[(score, "en")][0], names[(score, "fr")][0]) for score in LEVELS]

    def codes(self) -> None:
        seen: dict[tuple[str | None, str], _Item] = {}
        for item in self.items.values():
            if item.code is None or item.kind is None:
                continue
            key = (item.kind, item.code)
            if key in seen:
                self.add(
                    f"{item.path}.humanCodingScheme",
                    f"duplicate code {item.code!r} (also at {seen[key].path})",
                )
            else:
                seen[key] = item

    def build(
        self,
        family_sequence: dict[str, int | None],
        family_of: dict[str, tuple[str, int | None]],
        replaces: dict[str, list[str]],
        rubrics: dict[str, _Rubric],
        scale: list[tuple[int, str, str]],
    ) -> Framework:
        def order(item: _Item, sequence: int | None) -> tuple[bool, int, int]:
            return (sequence is None, sequence or 0, item.index)

        families = sorted(
            (self.items[identifier] for identifier in family_sequence),
            key=lambda item: order(item, family_sequence[item.identifier or ""]),
        )
        members: dict[str, list[tuple[_Item, int | None]]] = {}
        for identifier, (parent, sequence) in family_of.items():
            members.setdefault(parent, []).append((self.items[identifier], sequence))

        def competency(item: _Item) -> Competency:
            identifier = item.identifier or ""
            levels = sorted(rubrics[identifier].levels, key=lambda level: level.score or 0)
            return Competency(
                identifier=identifier,
                code=item.code or "",
                name_en=item.name[0],
                name_fr=item.name[1],
                description_en=item.description[0],
                description_fr=item.description[1],
                levels=[
                    LevelDescriptor(
                        level=level.score or 0,
                        indicators_en=level.description[0],
                        indicators_fr=level.description[1],
                    )
                    for level in levels
                ],
                replaces=list(replaces.get(identifier, [])),
            )

        return Framework(
            identifier=self.document.identifier or "",
            title_en=self.document.title[0],
            title_fr=self.document.title[1],
            version=self.document.version,
            families=[
                Family(
                    identifier=family.identifier or "",
                    code=family.code or "",
                    name_en=family.name[0],
                    name_fr=family.name[1],
                    competencies=[
                        competency(item)
                        for item, _ in sorted(
                            members.get(family.identifier or "", []),
                            key=lambda member: order(*member),
                        )
                    ],
                )
                for family in families
            ],
            levels_scale=[
                ScaleLevel(level=level, name_en=name_en, name_fr=name_fr)
                for level, name_en, name_fr in scale
            ],
        )


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------


def framework_to_csv(framework: Framework) -> str:
    """One row per competency and level, under a header row of `CSV_COLUMNS`; RFC 4180
    quoting and CRLF line ends, no byte-order mark. `identifier` is the competency's.

    The CSV carries neither the framework's own fields, nor family identifiers (re-derived
    from the codes on import), nor `Competency.replaces`, nor families without competencies.
    """
    complete = with_identifiers(framework)
    problems = validate_framework(complete)
    if problems:
        raise FrameworkError(problems)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for family in complete.families:
        for competency in family.competencies:
            for level in competency.levels:
                writer.writerow(
                    [
                        family.code,
                        family.name_en,
                        family.name_fr,
                        competency.code,
                        competency.name_en,
                        competency.name_fr,
                        competency.description_en,
                        competency.description_fr,
                        str(level.level),
                        level.indicators_en,
                        level.indicators_fr,
                        competency.identifier,
                    ]
                )
    return out.getvalue()


@dataclass
class _CsvFamily:
    row: int
    cells: dict[str, str]
    competencies: list[str] = field(default_factory=list)


@dataclass
class _CsvCompetency:
    row: int
    cells: dict[str, str]
    levels: dict[int, tuple[int, str, str]] = field(default_factory=dict)


_FAMILY_CELLS: Final = ("family_name_en", "family_name_fr")
_COMPETENCY_CELLS: Final = (
    "family_code",
    "competency_name_en",
    "competency_name_fr",
    "description_en",
    "description_fr",
    "identifier",
)


def framework_from_csv(
    text: str,
    *,
    identifier: str,
    title_en: str,
    title_fr: str,
    levels_scale: list[ScaleLevel],
    version: str = "",
) -> Framework:
    """The framework whose competencies the CSV lists (as written by `framework_to_csv`;
    columns in any order, a leading byte-order mark ignored). The CSV has no place for the
    framework's own fields, which come from the arguments. Family identifiers are derived
    from the family codes, and so are competency identifiers where the column is empty.

    Raises `CaseImportError` listing every problem, each at `row N, column NAME` (the header is
    row 1); raises `FrameworkError` when the arguments themselves are invalid.
    """
    header_problems = validate_framework(
        Framework(
            identifier=identifier,
            title_en=title_en,
            title_fr=title_fr,
            version=version,
            levels_scale=levels_scale,
        )
    )
    if header_problems:
        raise FrameworkError(header_problems)

    problems: list[Problem] = []

    def add(row: int, column: str | None, message: str) -> None:
        path = f"row {row}" if column is None else f"row {row}, column {column}"
        problems.append(Problem(path, message))

    records = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    families: dict[str, _CsvFamily] = {}
    competencies: dict[str, _CsvCompetency] = {}
    columns: list[str] | None = None
    row = 0
    try:
        for record in records:
            row += 1
            if columns is None:
                columns = _csv_header(record, add)
                if problems:
                    raise CaseImportError(problems)
                continue
            if not record:
                continue
            if len(record) != len(columns):
                add(row, None, f"expected {len(columns)} fields, found {len(record)}")
                continue
            _csv_row(row, dict(zip(columns, record, strict=True)), families, competencies, add)
    except csv.Error as error:
        add(row + 1, None, f"unreadable CSV: {error}")
    if columns is None and not problems:
        add(1, None, "missing header row")
        raise CaseImportError(problems)

    resolved: dict[str, str] = {}
    owners: dict[str, str] = {}
    for code, competency in competencies.items():
        missing = [str(level) for level in LEVELS if level not in competency.levels]
        if missing:
            add(
                competency.row,
                "level",
                f"competency {code!r} has no row for level {', '.join(missing)}",
            )
        resolved_id = competency.cells["identifier"] or (
            derive_identifier(identifier, "competency", code) if is_unicode(code) else ""
        )
        if is_uuid(resolved_id) and resolved_id in owners:
            add(
                competency.row,
                "identifier",
                f"identifier {resolved_id} is already used by competency {owners[resolved_id]!r} "
                f"(row {competencies[owners[resolved_id]].row})",
            )
        owners.setdefault(resolved_id, code)
        resolved[code] = resolved_id
    if problems:
        raise CaseImportError(problems)

    framework = Framework(
        identifier=identifier,
        title_en=title_en,
        title_fr=title_fr,
        version=version,
        levels_scale=levels_scale,
        families=[
            Family(
                identifier=derive_identifier(identifier, "family", family_code),
                code=family_code,
                name_en=family.cells["family_name_en"],
                name_fr=family.cells["family_name_fr"],
                competencies=[
                    _csv_competency(code, resolved[code], competencies[code])
                    for code in family.competencies
                ],
            )
            for family_code, family in families.items()
        ],
    )
    leftovers = validate_framework(framework)
    if leftovers:  # pragma: no cover - the row checks should have caught them
        raise CaseImportError(leftovers)
    return framework


_Add = Callable[[int, str | None, str], None]


def _csv_header(record: list[str], add: _Add) -> list[str]:
    columns = [name.strip() for name in record]
    seen: set[str] = set()
    for name in columns:
        if name not in CSV_COLUMNS:
            add(1, name, "unknown column")
        elif name in seen:
            add(1, name, "duplicate column")
        seen.add(name)
    for name in CSV_COLUMNS:
        if name not in seen:
            add(1, None, f"missing column {name!r}")
    return columns


def _csv_row(
    row: int,
    cells: dict[str, str],
    families: dict[str, _CsvFamily],
    competencies: dict[str, _CsvCompetency],
    add: _Add,
) -> None:
    for column in CSV_COLUMNS:
        if not is_unicode(cells[column]):
            add(row, column, "not valid Unicode text (lone surrogate)")
        elif column in _CSV_REQUIRED and is_blank(cells[column]):
            add(row, column, "must not be blank")
    level: int | None = None
    if cells["level"].strip():
        if cells["level"].strip() in ("1", "2", "3", "4"):
            level = int(cells["level"])
        else:
            add(row, "level", f"level must be a whole number from 1 to 4, got {cells['level']!r}")
    if cells["identifier"]:
        if _UUID_ANY_CASE.fullmatch(cells["identifier"]) is None:
            add(row, "identifier", f"malformed UUID {cells['identifier']!r}")
        cells = {**cells, "identifier": cells["identifier"].lower()}

    family_code, competency_code = cells["family_code"], cells["competency_code"]
    if is_blank(family_code) or is_blank(competency_code):
        return
    family = families.get(family_code)
    if family is None:
        family = families[family_code] = _CsvFamily(row, cells)
    else:
        for column in _FAMILY_CELLS:
            if cells[column] != family.cells[column]:
                add(
                    row,
                    column,
                    f"differs from row {family.row} for family {family_code!r}: "
                    f"{family.cells[column]!r}",
                )
    competency = competencies.get(competency_code)
    if competency is None:
        competency = competencies[competency_code] = _CsvCompetency(row, cells)
        family.competencies.append(competency_code)
    else:
        for column in _COMPETENCY_CELLS:
            if cells[column] != competency.cells[column]:
                add(
                    row,
                    column,
                    f"differs from row {competency.row} for competency {competency_code!r}: "
                    f"{competency.cells[column]!r}",
                )
    if level is not None:
        if level in competency.levels:
            add(
                row,
                "level",
                f"level {level} of competency {competency_code!r} is already given in row "
                f"{competency.levels[level][0]}",
            )
        else:
            competency.levels[level] = (row, cells["indicators_en"], cells["indicators_fr"])


def _csv_competency(code: str, identifier: str, competency: _CsvCompetency) -> Competency:
    cells = competency.cells
    return Competency(
        identifier=identifier,
        code=code,
        name_en=cells["competency_name_en"],
        name_fr=cells["competency_name_fr"],
        description_en=cells["description_en"],
        description_fr=cells["description_fr"],
        levels=[
            LevelDescriptor(
                level=level,
                indicators_en=competency.levels[level][1],
                indicators_fr=competency.levels[level][2],
            )
            for level in LEVELS
        ],
    )
