"""Framework to CASE CFPackage, valid under both the 1EdTech CASE 1.0 JSON binding and the
CASE 1.1 JSON schema (see the package docstring for the mapping and ADR 15 for French)."""

import uuid
from datetime import UTC, datetime

from guild.competencies.case.definitions import write_definitions
from guild.competencies.case.identifiers import rfc4122_identifiers
from guild.competencies.case.terms import (
    CASE_VERSIONS,
    CHILD_OF,
    COMPETENCY_TYPE,
    EPOCH,
    EXACT_MATCH,
    FAMILY_TYPE,
    ONLY_1_1_DOCUMENT,
    ONLY_1_1_ITEM,
    REPLACED_BY,
    TRANSLATION,
    UUID_ANY_CASE,
    JsonObject,
    other_language,
)
from guild.competencies.framework import (
    Association,
    Competency,
    Family,
    Framework,
    FrameworkError,
    Link,
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
    case_version: str = "1.0",
) -> JsonObject:
    """The framework as a CASE CFPackage: plain dicts, lists, strings and ints, ready for
    `json.dumps`, with keys and lists in a fixed order.

    `changed_at` (timezone-aware: when the version was published, or created) becomes every
    object's `lastChangeDateTime`; without it, the Unix epoch, so that the same framework
    always exports to the same JSON. With `base_uri`, URIs are
    `<base_uri>/<collection>/<identifier>` (the CASE REST layout, e.g. `.../ims/case/v1p0`);
    without it they are `urn:uuid:<identifier>`.

    `case_version` "1.0" (the default) gives a package valid under the 1.0 binding and the
    1.1 schema: the CASE 1.1-only fields are left out, and identifiers that are not RFC 4122
    UUIDs are replaced (`case.identifiers`). "1.1" writes every kept field, `caseVersion`
    "1.1", and the identifiers as they are; it is valid under the 1.1 schema.

    Raises `FrameworkError` when the framework breaks the model's rules (a draft may still
    lack text in one language).
    """
    if case_version not in CASE_VERSIONS:
        raise ValueError(f"case_version must be one of {CASE_VERSIONS}")
    complete = with_identifiers(framework)
    problems = validate_framework(complete, translated=False)
    if problems:
        raise FrameworkError(problems)
    package = _CaseWriter(complete, changed_at or EPOCH, base_uri, creator, case_version).package()
    if case_version == "1.0":
        return rfc4122_identifiers(package, changed=_timestamp(changed_at or EPOCH))
    return package


def _text(language: str, english: str, french: str) -> str:
    return english if language == "en" else french


class _CaseWriter:
    def __init__(
        self,
        framework: Framework,
        changed_at: datetime,
        base_uri: str | None,
        creator: str,
        case_version: str,
    ) -> None:
        self.framework = framework
        self.case_version = case_version
        self.namespace = uuid.UUID(framework.identifier)
        self.changed = _timestamp(changed_at)
        self.base_uri = base_uri.rstrip("/") if base_uri else None
        self.creator = creator
        # The document's language is English unless only French is there yet.
        self.language = "en" if framework.title_en.strip() else "fr"
        self.other = other_language(self.language)
        self.grouping = self.derived(TRANSLATION, self.other)
        self.grouping_titles = {
            entry["identifier"]: entry.get("title", "")
            for entry in framework.definitions.get("CFAssociationGroupings", [])
        }
        self.titles: dict[str, str] = {}
        for family in framework.families:
            self.titles[family.identifier] = self.own(family.name_en, family.name_fr)
            for competency in family.competencies:
                self.titles[competency.identifier] = self.own(
                    competency.name_en, competency.name_fr
                )

    def own(self, english: str, french: str) -> str:
        return _text(self.language, english, french)

    def translated(self, english: str, french: str) -> str:
        return _text(self.other, english, french)

    def uri(self, collection: str, identifier: str) -> str:
        if self.base_uri is None:
            return f"urn:uuid:{identifier}"
        return f"{self.base_uri}/{collection}/{identifier}"

    def derived(self, *parts: str) -> str:
        return str(uuid.uuid5(self.namespace, ":".join(parts)))

    def twin(self, identifier: str) -> str:
        return str(uuid.uuid5(uuid.UUID(identifier), f"{TRANSLATION}:{self.other}"))

    def link(self, title: str, identifier: str, collection: str) -> JsonObject:
        return {"title": title, "identifier": identifier, "uri": self.uri(collection, identifier)}

    def document_link(self) -> JsonObject:
        title = self.own(self.framework.title_en, self.framework.title_fr)
        return self.link(title, self.framework.identifier, "CFDocuments")

    def item_link(self, identifier: str) -> JsonObject:
        return self.link(self.titles.get(identifier, identifier), identifier, "CFItems")

    def exportable(self, kept: dict[str, object], only_1_1: frozenset[str]) -> JsonObject:
        """The kept fields this version's package may hold, in a fixed order."""
        left_out = only_1_1 if self.case_version == "1.0" else frozenset()
        return {key: kept[key] for key in sorted(kept) if key not in left_out}

    def sequences(self) -> dict[str, int | None]:
        """Each family's and competency's `sequenceNumber` under its parent. When none of that
        parent's children has a kept one (a framework made in Guild, or one whose file gave
        Guild's own order): 1, 2, … in order, competencies first, then sub-families. Else the
        kept ones, and none for a child that came without (as the file had it)."""
        children: dict[str, list[tuple[int | None, str]]] = {}
        for family in self.framework.families:
            for competency in family.competencies:
                children.setdefault(family.identifier, []).append(
                    (competency.sequence, competency.identifier)
                )
        for family in self.framework.families:
            children.setdefault(family.parent, []).append((family.sequence, family.identifier))
        found: dict[str, int | None] = {}
        for members in children.values():
            if all(sequence is None for sequence, _identifier in members):
                found.update(
                    (identifier, position)
                    for position, (_sequence, identifier) in enumerate(members, start=1)
                )
            else:
                found.update((identifier, sequence) for sequence, identifier in members)
        return found

    def package(self) -> JsonObject:
        framework = self.framework
        items: list[JsonObject] = []
        associations: list[JsonObject] = []
        twins: list[JsonObject] = []
        rubrics: list[JsonObject] = []
        sequence = self.sequences()
        for family in framework.families:
            parent = self.item_link(family.parent) if family.parent else self.document_link()
            self.item(family, FAMILY_TYPE, items, twins)
            associations.append(
                self.association(
                    CHILD_OF,
                    self.item_link(family.identifier),
                    parent,
                    sequence[family.identifier],
                )
            )
            for competency in family.competencies:
                self.item(competency, COMPETENCY_TYPE, items, twins)
                associations.append(
                    self.association(
                        CHILD_OF,
                        self.item_link(competency.identifier),
                        self.item_link(family.identifier),
                        sequence[competency.identifier],
                    )
                )
                rubrics.extend(self.rubrics(competency))
        for family in framework.families:
            for competency in family.competencies:
                for replaced in competency.replaces:
                    associations.append(
                        self.association(
                            REPLACED_BY,
                            self.item_link(replaced),
                            self.item_link(competency.identifier),
                            None,
                        )
                    )
        associations.extend(self.kept(association) for association in framework.associations)
        package: JsonObject = {
            "CFDocument": self.document(),
            "CFItems": items,
            "CFAssociations": associations + twins,
        }
        definitions = write_definitions(framework.definitions, self.changed, self.uri)
        translated_title = self.translated(framework.title_en, framework.title_fr)
        if translated_title.strip():
            definitions.setdefault("CFAssociationGroupings", []).insert(
                0,
                {
                    "identifier": self.grouping,
                    "uri": self.uri("CFAssociationGroupings", self.grouping),
                    "title": translated_title,
                    "description": (
                        "Guild: the framework in French; each item's French twin is "
                        "exactMatchOf it (ADR 15)."
                        if self.other == "fr"
                        else "Guild: the framework in English; each item's English twin "
                        "is exactMatchOf it (ADR 15)."
                    ),
                    "lastChangeDateTime": self.changed,
                },
            )
        if definitions:
            package["CFDefinitions"] = definitions
        package["CFRubrics"] = rubrics
        return package

    def document(self) -> JsonObject:
        framework = self.framework
        document: JsonObject = {
            "identifier": framework.identifier,
            "uri": self.uri("CFDocuments", framework.identifier),
            "creator": self.creator,
            "title": self.own(framework.title_en, framework.title_fr),
        }
        if framework.version:
            document["version"] = framework.version
        document.update(self.exportable(framework.kept, ONLY_1_1_DOCUMENT))
        if self.case_version == "1.1":
            document["caseVersion"] = "1.1"
        document["language"] = self.language
        document["lastChangeDateTime"] = self.changed
        return document

    def item(
        self,
        node: Family | Competency,
        default_type: str,
        items: list[JsonObject],
        twins: list[JsonObject],
    ) -> None:
        """The item, and after it its twin in the other language when it has that text."""
        notes = ("", "")
        if isinstance(node, Competency):
            notes = (node.description_en, node.description_fr)
        for language, identifier in (
            (self.language, node.identifier),
            (self.other, self.twin(node.identifier)),
        ):
            statement = _text(language, node.name_en, node.name_fr)
            if not statement.strip():
                continue
            item: JsonObject = {
                "identifier": identifier,
                "uri": self.uri("CFItems", identifier),
                "CFItemType": node.item_type or default_type,
                "humanCodingScheme": node.code,
                "fullStatement": statement,
            }
            note = _text(language, *notes)
            if note:
                item["notes"] = note
            if identifier == node.identifier:
                item.update(self.exportable(node.kept, ONLY_1_1_ITEM))
            item["language"] = language
            item["lastChangeDateTime"] = self.changed
            items.append(item)
            if identifier != node.identifier:
                twins.append(
                    self.association(
                        EXACT_MATCH,
                        self.link(statement, identifier, "CFItems"),
                        self.item_link(node.identifier),
                        None,
                        grouping=True,
                    )
                )

    def association(
        self,
        association_type: str,
        origin: JsonObject,
        destination: JsonObject,
        sequence: int | None,
        *,
        grouping: bool = False,
    ) -> JsonObject:
        identifier = self.derived(association_type, origin["identifier"], destination["identifier"])
        association: JsonObject = {
            "identifier": identifier,
            "uri": self.uri("CFAssociations", identifier),
            "associationType": association_type,
        }
        if sequence is not None:
            association["sequenceNumber"] = sequence
        # Copies: no two places in the package share a dict, so callers may edit one.
        association["originNodeURI"] = dict(origin)
        association["destinationNodeURI"] = dict(destination)
        if grouping:
            title = self.translated(self.framework.title_en, self.framework.title_fr)
            association["CFAssociationGroupingURI"] = self.link(
                title, self.grouping, "CFAssociationGroupings"
            )
        association["lastChangeDateTime"] = self.changed
        return association

    def end(self, link: Link) -> JsonObject:
        uri = link.uri
        if not uri:
            uri = (
                self.uri("CFItems", link.identifier)
                if UUID_ANY_CASE.fullmatch(link.identifier)
                else link.identifier
            )
        return {
            "title": link.title or self.titles.get(link.identifier, link.identifier),
            "identifier": link.identifier,
            "uri": uri,
        }

    def kept(self, association: Association) -> JsonObject:
        """An association kept as imported, under its own identifier."""
        kept: JsonObject = {
            "identifier": association.identifier,
            "uri": self.uri("CFAssociations", association.identifier),
            "associationType": association.association_type,
        }
        if association.sequence is not None:
            kept["sequenceNumber"] = association.sequence
        kept["originNodeURI"] = self.end(association.origin)
        kept["destinationNodeURI"] = self.end(association.destination)
        if association.grouping is not None:
            grouping = association.grouping
            kept["CFAssociationGroupingURI"] = {
                "title": grouping.title or self.grouping_titles.get(grouping.identifier, ""),
                "identifier": grouping.identifier,
                "uri": grouping.uri or self.uri("CFAssociationGroupings", grouping.identifier),
            }
        kept["lastChangeDateTime"] = self.changed
        return kept

    def rubrics(self, competency: Competency) -> list[JsonObject]:
        """The competency's levels as a rubric, and its twin's in the other language when
        every level has its text there."""
        if not competency.levels:
            return []
        found = [self.rubric(competency, self.language, competency.identifier)]
        if (
            all(
                _text(self.other, level.indicators_en, level.indicators_fr).strip()
                for level in competency.levels
            )
            and _text(self.other, competency.name_en, competency.name_fr).strip()
        ):
            found.append(self.rubric(competency, self.other, self.twin(competency.identifier)))
        return found

    def rubric(self, competency: Competency, language: str, item: str) -> JsonObject:
        rubric_id = self.derived("rubric", item)
        criterion_id = self.derived("criterion", item)
        scale = {scale.level: scale for scale in self.framework.levels_scale}
        name = _text(language, competency.name_en, competency.name_fr)
        levels: list[JsonObject] = []
        for level in competency.levels:
            level_id = self.derived("level", item, str(level.level))
            entry: JsonObject = {
                "identifier": level_id,
                "uri": self.uri("CFRubricCriterionLevels", level_id),
                "description": _text(language, level.indicators_en, level.indicators_fr),
            }
            quality = _text(language, scale[level.level].name_en, scale[level.level].name_fr)
            if quality:
                entry["quality"] = quality
            entry["score"] = level.level
            entry["position"] = level.level
            entry["rubricCriterionId"] = criterion_id
            entry["lastChangeDateTime"] = self.changed
            levels.append(entry)
        return {
            "identifier": rubric_id,
            "uri": self.uri("CFRubrics", rubric_id),
            "title": name,
            "lastChangeDateTime": self.changed,
            "CFRubricCriteria": [
                {
                    "identifier": criterion_id,
                    "uri": self.uri("CFRubricCriteria", criterion_id),
                    "CFItemURI": self.link(name, item, "CFItems"),
                    "position": 1,
                    "rubricId": rubric_id,
                    "lastChangeDateTime": self.changed,
                    "CFRubricCriterionLevels": levels,
                }
            ],
        }
