"""CASE 1.0 CFPackage to framework: reads every object field by field, recording each
problem at its JSON path, then hands what it read to the cross-object checks."""

from datetime import datetime

from django.utils.translation import gettext as _

from guild.competencies.case.checks import Assembler
from guild.competencies.case.problems import CaseImportError, Problem
from guild.competencies.case.records import Association, Document, Item, Level, Rubric
from guild.competencies.case.terms import (
    ASSOCIATION_TYPES,
    CHILD_OF,
    COMPETENCY_TYPE,
    EXTENSIONS,
    FAMILY_TYPE,
    LEVELS_SCALE,
    REPLACED_BY,
    UUID_ANY_CASE,
    JsonObject,
    english_french,
    other_language,
)
from guild.competencies.framework import (
    LEVELS,
    Framework,
    is_blank,
    is_unicode,
    validate_framework,
)


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
        return _("a boolean")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, str):
        return _("a string")
    if isinstance(value, list):
        return _("an array")
    if isinstance(value, dict):
        return _("an object")
    return type(value).__name__


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
        self.add(path, _("expected an object, got %(kind)s") % {"kind": _kind(value)})
        return None

    def array(self, parent: JsonObject, key: str, path: str) -> list[object]:
        value = parent.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.add(f"{path}.{key}", _("expected an array, got %(kind)s") % {"kind": _kind(value)})
        return []

    def string(
        self, obj: JsonObject, key: str, path: str, *, required: bool = True, blank: bool = True
    ) -> str | None:
        value = obj.get(key)
        at = f"{path}.{key}"
        if value is None:
            if required:
                self.add(at, _("required field is missing"))
            return None
        if not isinstance(value, str):
            self.add(at, _("expected a string, got %(kind)s") % {"kind": _kind(value)})
            return None
        if not is_unicode(value):
            self.add(at, _("not valid Unicode text (lone surrogate)"))
            return None
        if not blank and is_blank(value):
            self.add(at, _("must not be blank"))
            return None
        return value

    def uuid(self, obj: JsonObject, key: str, path: str, *, required: bool = True) -> str | None:
        value = self.string(obj, key, path, required=required)
        if value is None:
            return None
        if UUID_ANY_CASE.fullmatch(value) is None:
            self.add(f"{path}.{key}", _("malformed UUID %(value)r") % {"value": value})
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
                at,
                _("duplicate identifier %(identifier)s (also at %(path)s)")
                % {"identifier": identifier, "path": self.identifiers[identifier]},
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
            self.add(
                f"{path}.{key}", _("expected a whole number, got %(value)r") % {"value": value}
            )
            return None
        return int(value)

    def timestamp(self, obj: JsonObject, path: str) -> None:
        value = self.string(obj, "lastChangeDateTime", path)
        if value is None:
            return
        try:
            datetime.fromisoformat(value)
        except ValueError:
            self.add(
                f"{path}.lastChangeDateTime",
                _("not an ISO 8601 date-time: %(value)r") % {"value": value},
            )

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
                self.add(at, _("required field is missing"))
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
            self.add(
                f"{path}.language",
                _("unsupported language %(value)r: expected en or fr") % {"value": value},
            )
            return default
        return language

    def translation(self, obj: JsonObject, path: str, language: str) -> JsonObject | None:
        """The object's text in the other official language: `extensions.<fr|en>`."""
        extensions = obj.get(EXTENSIONS)
        if extensions is None:
            return {}
        if not isinstance(extensions, dict):
            self.add(
                f"{path}.{EXTENSIONS}",
                _("expected an object, got %(kind)s") % {"kind": _kind(extensions)},
            )
            return None
        other = other_language(language)
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
            other_path = f"{path}.{EXTENSIONS}.{other_language(language)}"
            found = self.string(translation, key, other_path, required=required, blank=not required)
            other = found or ""
        return english_french(language, primary, other)

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
        framework = Assembler(self, document).assemble(
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

    def document(self, root: JsonObject) -> Document:
        path = "$.CFDocument"
        document = Document()
        if "CFDocument" not in root:
            self.add(path, _("required field is missing"))
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
            self.add(at, _("expected an array, got %(kind)s") % {"kind": _kind(entries)})
            return None
        if len(entries) != len(LEVELS):
            self.add(
                at,
                _("expected exactly %(expected)d levels, found %(found)d")
                % {"expected": len(LEVELS), "found": len(entries)},
            )
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
            self.add(at, _("required field is missing"))
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(at, _("expected a number, got %(kind)s") % {"kind": _kind(value)})
            return None
        if value not in LEVELS:
            self.add(
                at,
                _("level score must be a whole number from 1 to 4, got %(value)r")
                % {"value": value},
            )
            return None
        score = int(value)
        if score in scale_paths:
            self.add(
                at,
                _("level %(level)d is given twice (also at %(path)s)")
                % {"level": score, "path": scale_paths[score]},
            )
            return None
        scale_paths[score] = at
        return score

    def item(self, value: object, index: int, document: Document) -> Item | None:
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
                _("unsupported item type %(value)r: expected %(family)r or %(competency)r")
                % {"value": item_type, "family": FAMILY_TYPE, "competency": COMPETENCY_TYPE},
            )
        code = self.string(obj, "humanCodingScheme", path, blank=False)
        language = self.language(obj, path, document.language)
        translation = self.translation(obj, path, language)
        name = self.text(obj, translation, "fullStatement", path, language, required=True)
        description = ("", "")
        if kind == COMPETENCY_TYPE:
            description = self.text(obj, translation, "notes", path, language, required=False)
        return Item(index, path, identifier, kind, code, name, description)

    def document_link(
        self, obj: JsonObject, path: str, document: Document, *, required: bool
    ) -> None:
        target = self.link(obj, "CFDocumentURI", path, required=required)
        if target is not None and document.identifier not in (None, target):
            self.add(
                f"{path}.CFDocumentURI.identifier",
                _("refers to unknown document %(identifier)s") % {"identifier": target},
            )

    def association(self, value: object, index: int, document: Document) -> Association | None:
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
                (
                    _("association type %(value)r is not supported in Guild frameworks")
                    if known
                    else _("unknown association type %(value)r")
                )
                % {"value": association_type},
            )
            association_type = None
        origin = self.link(obj, "originNodeURI", path)
        destination = self.link(obj, "destinationNodeURI", path)
        sequence = self.integer(obj, "sequenceNumber", path)
        return Association(index, path, association_type, origin, destination, sequence)

    def rubric(self, value: object, index: int, document: Document) -> Rubric | None:
        path = f"$.CFRubrics[{index}]"
        obj = self.mapping(value, path)
        if obj is None:
            return None
        rubric_id = self.common(obj, path)
        criteria = self.array(obj, "CFRubricCriteria", path)
        if len(criteria) != 1:
            self.add(
                f"{path}.CFRubricCriteria",
                _("expected exactly one criterion (the competency), found %(found)d")
                % {"found": len(criteria)},
            )
        found: Rubric | None = None
        for position, criterion_value in enumerate(criteria):
            criterion_path = f"{path}.CFRubricCriteria[{position}]"
            rubric = self.criterion(criterion_value, criterion_path, rubric_id, document)
            if found is None:
                found = rubric
        return found

    def criterion(
        self, value: object, path: str, rubric_id: str | None, document: Document
    ) -> Rubric | None:
        obj = self.mapping(value, path)
        if obj is None:
            return None
        criterion_id = self.common(obj, path)
        parent = self.uuid(obj, "rubricId", path, required=False)
        if parent is not None and rubric_id is not None and parent != rubric_id:
            self.add(
                f"{path}.rubricId",
                _("refers to rubric %(identifier)s, not to the enclosing one")
                % {"identifier": parent},
            )
        competency = self.link(obj, "CFItemURI", path)
        rubric = Rubric(path, competency, f"{path}.CFItemURI.identifier")
        levels_path = f"{path}.CFRubricCriterionLevels"
        values = self.array(obj, "CFRubricCriterionLevels", path)
        if len(values) != len(LEVELS):
            self.add(
                levels_path,
                _("expected exactly 4 levels (scores 1 to 4), found %(found)d")
                % {"found": len(values)},
            )
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
                    _("refers to criterion %(identifier)s, not to the enclosing one")
                    % {"identifier": owner},
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
            rubric.levels.append(Level(level_path, score, description, quality))
        return rubric
