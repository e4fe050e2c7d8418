"""CASE 1.0 or 1.1 CFPackage to framework: reads every object field by field, recording each
problem at its JSON path, then hands what it read to the cross-object checks.

Lenient about what producers commonly get wrong without changing the meaning (numbers as
strings, upper-case UUIDs, `CFDocumentURI` as a bare URI, missing titles and URIs in links,
missing optional fields); strict about structure (types of objects and arrays, identifiers,
references, association types)."""

from django.utils.translation import gettext as _

from guild.competencies.case.checks import Assembler
from guild.competencies.case.definitions import (
    grouping_titles,
    guild_groupings,
    read_definitions,
    without,
)
from guild.competencies.case.fields import FieldReader, kind_of, number_of
from guild.competencies.case.identifiers import restore_originals
from guild.competencies.case.problems import CaseImportError
from guild.competencies.case.records import Association, Document, Item, Level, Rubric
from guild.competencies.case.terms import (
    ASSOCIATION_TYPES,
    EXTENSIONS,
    ITEM_TYPE_MAX,
    KEPT_DOCUMENT_FIELDS,
    KEPT_ITEM_FIELDS,
    LABEL_MAX,
    LEVELS_SCALE,
    NAME_MAX,
    TITLE_MAX,
    UUID_ANY_CASE,
    JsonObject,
)
from guild.competencies.framework import (
    LEVELS,
    Framework,
    ScaleLevel,
    is_blank,
    validate_framework,
)


def framework_from_case(data: object, *, levels_scale: list[ScaleLevel] | None = None) -> Framework:
    """The framework described by a CASE 1.0 or 1.1 CFPackage (as parsed by `json.loads`).

    Items without a rubric of their own are described by the scale alone; `levels_scale`
    names its levels when the package does not (neither a rubric nor Guild's `levelsScale`).

    Raises `CaseImportError` listing every problem found, each with the JSON path of the
    offending value (`$.CFItems[3].fullStatement`).
    """
    return _CaseReader(levels_scale).read(data)


class _CaseReader(FieldReader):
    def __init__(self, levels_scale: list[ScaleLevel] | None) -> None:
        super().__init__()
        self.levels_scale = levels_scale

    # The package, part by part.

    def read(self, data: object) -> Framework:
        root = self.mapping(restore_originals(data), "$")
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
            rubric
            for index, value in enumerate(self.array(root, "CFRubrics", "$"))
            for rubric in self.rubric(value, index, document.language)
        ]
        definitions = read_definitions(self, root)
        framework = Assembler(self, document, self.levels_scale).assemble(
            [item for item in items if item is not None],
            [association for association in associations if association is not None],
            rubrics,
            grouping_titles(definitions),
        )
        if self.problems or framework is None:
            raise CaseImportError(self.problems)
        framework.definitions = without(definitions, guild_groupings(document.identifier))
        leftovers = validate_framework(framework, translated=False)
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
        self.string(obj, "creator", path, required=False)
        document.language = self.language(obj, path, "en")
        translation = self.translation(obj, path, document.language)
        document.title = self.text(
            obj, translation, "title", path, document.language, required=True, longest=TITLE_MAX
        )
        document.version = (
            self.string(obj, "version", path, required=False, longest=LABEL_MAX, numeric=True) or ""
        )
        extensions = obj.get(EXTENSIONS)
        if isinstance(extensions, dict) and extensions.get(LEVELS_SCALE) is not None:
            document.scale = self.scale(extensions, f"{path}.{EXTENSIONS}", document.language)
        document.kept = self.kept(obj, path, KEPT_DOCUMENT_FIELDS)
        return document

    def scale(
        self, extensions: JsonObject, path: str, language: str
    ) -> list[tuple[int, str, str]] | None:
        """Guild's own `levelsScale` extension (exports before ADR 15)."""
        at = f"{path}.{LEVELS_SCALE}"
        entries = extensions[LEVELS_SCALE]
        if not isinstance(entries, list):
            self.add(at, _("expected an array, got %(kind)s") % {"kind": kind_of(entries)})
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
        number = number_of(value)
        if number is None:
            self.add(at, _("expected a number, got %(kind)s") % {"kind": kind_of(value)})
            return None
        if number not in LEVELS:
            self.add(
                at,
                _("level score must be a whole number from 1 to 4, got %(value)r")
                % {"value": value},
            )
            return None
        score = int(number)
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
        self.document_link(obj, path, document)
        item_type = self.string(obj, "CFItemType", path, required=False, longest=ITEM_TYPE_MAX)
        if not item_type and isinstance(obj.get("CFItemTypeURI"), dict):
            type_link = self.link(obj, "CFItemTypeURI", path, required=False)
            item_type = type_link.title[:ITEM_TYPE_MAX] if type_link is not None else ""
        code = self.string(obj, "humanCodingScheme", path, required=False, numeric=True)
        language = self.language(obj, path, document.language)
        translation = self.translation(obj, path, language)
        name = self.text(
            obj, translation, "fullStatement", path, language, required=True, longest=NAME_MAX
        )
        description = self.text(obj, translation, "notes", path, language, required=False)
        code = code if code and not is_blank(code) else None
        return Item(
            index,
            path,
            identifier,
            (item_type or "").strip(),
            code,
            language,
            name,
            description,
            self.kept(obj, path, KEPT_ITEM_FIELDS),
        )

    def document_link(self, obj: JsonObject, path: str, document: Document) -> None:
        """`CFDocumentURI`, which 1.0 packages leave out and some producers write as a bare
        URI; a link must name the package's document."""
        if isinstance(obj.get("CFDocumentURI"), str | None):
            return
        target = self.link(obj, "CFDocumentURI", path, required=False)
        if target is not None and document.identifier not in (None, target.identifier):
            self.add(
                f"{path}.CFDocumentURI.identifier",
                _("refers to unknown document %(identifier)s") % {"identifier": target.identifier},
            )

    def association(self, value: object, index: int, document: Document) -> Association | None:
        path = f"$.CFAssociations[{index}]"
        obj = self.mapping(value, path)
        if obj is None:
            return None
        identifier = self.common(obj, path)
        self.document_link(obj, path, document)
        association_type = self.string(obj, "associationType", path, blank=False)
        if association_type is not None:
            association_type = association_type.strip()
            if association_type not in ASSOCIATION_TYPES and not (
                association_type.startswith("ext:") and len(association_type) > 4
            ):
                self.add(
                    f"{path}.associationType",
                    _("unknown association type %(value)r") % {"value": association_type},
                )
                association_type = None
        origin = self.link(obj, "originNodeURI", path)
        destination = self.link(obj, "destinationNodeURI", path)
        sequence = self.integer(obj, "sequenceNumber", path)
        grouping = None
        if obj.get("CFAssociationGroupingURI") is not None:
            grouping = self.link(obj, "CFAssociationGroupingURI", path, required=False)
            if grouping is not None and UUID_ANY_CASE.fullmatch(grouping.identifier) is None:
                self.add(
                    f"{path}.CFAssociationGroupingURI.identifier",
                    _("malformed UUID %(value)r") % {"value": grouping.identifier},
                )
                grouping = None
        return Association(
            index, path, identifier, association_type, origin, destination, sequence, grouping
        )

    def rubric(self, value: object, index: int, language: str) -> list[Rubric]:
        """Each criterion of a CFRubric describes the item its CFItemURI names."""
        path = f"$.CFRubrics[{index}]"
        obj = self.mapping(value, path)
        if obj is None:
            return []
        rubric_id = self.common(obj, path)
        found = []
        for position, criterion in enumerate(self.array(obj, "CFRubricCriteria", path)):
            criterion_path = f"{path}.CFRubricCriteria[{position}]"
            rubric = self.criterion(criterion, criterion_path, rubric_id, language)
            if rubric is not None:
                found.append(rubric)
        return found

    def criterion(
        self, value: object, path: str, rubric_id: str | None, language: str
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
        rubric = Rubric(
            path, competency.identifier if competency else None, f"{path}.CFItemURI.identifier"
        )
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
            # Levels carry no language: read in the document's, the checks move the text of
            # an item in the other language (a French twin, ADR 15).
            translation = self.translation(level_obj, level_path, language)
            description = self.text(
                level_obj, translation, "description", level_path, language, required=True
            )
            quality = self.text(
                level_obj, translation, "quality", level_path, language, required=False
            )
            rubric.levels.append(Level(level_path, score, description, quality))
        return rubric
