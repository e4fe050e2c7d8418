"""Framework to CASE 1.0 CFPackage: one CFDocument, its CFItems, the isChildOf and replacedBy
CFAssociations, and one CFRubric per competency (see the package docstring for the mapping)."""

import uuid
from datetime import UTC, datetime

from guild.competencies.case.terms import (
    CHILD_OF,
    COMPETENCY_TYPE,
    EPOCH,
    EXTENSIONS,
    FAMILY_TYPE,
    LEVELS_SCALE,
    REPLACED_BY,
    JsonObject,
)
from guild.competencies.framework import (
    Competency,
    Framework,
    FrameworkError,
    validate_framework,
    with_identifiers,
)


def _timestamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("changed_at must be timezone-aware")
    return moment.astimezone(UTC).isoformat()


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
