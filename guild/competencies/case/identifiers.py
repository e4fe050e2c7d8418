"""CASE 1.0 identifiers: the 1.0 binding's `UUID.Type` admits RFC 4122 UUIDs only (version 1
to 5, variant 10xx), but producers publish others (OpenSALT's test frameworks use
`d0000000-0000-0000-0000-000000000000`, `00000000-…-000000000001`). A 1.0 package replaces
each with `uuid5(NAMESPACE_URL, "urn:uuid:<original>")`, everywhere it appears, so that the
same original always gives the same identifier, in any framework that refers to it; and it
records, for each identifier replaced (of the document, an item, a definition, an association,
or one that a link names), an `exactMatchOf` association from the new identifier to the
original (with its URI), in an association grouping of its own. The
framework in Guild keeps the originals: the import reads the records back
(`restore_originals`), and the 1.1 export writes the originals as they are."""

import re
import uuid
from typing import Any

from guild.competencies.case.terms import EXACT_MATCH, ORIGINALS, UUID_ANY_CASE, JsonObject

RFC_4122 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
_REFERENCES = ("identifier", "rubricId", "rubricCriterionId")
_NODE_LINKS = ("originNodeURI", "destinationNodeURI")


def replacement(original: str) -> str:
    """The RFC 4122 identifier a 1.0 package gives an object whose identifier is not one."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:uuid:{original.lower()}"))


def _needs_replacing(value: object) -> bool:
    return (
        isinstance(value, str)
        and UUID_ANY_CASE.fullmatch(value) is not None
        and RFC_4122.fullmatch(value.lower()) is None
    )


def _objects(package: JsonObject) -> list[Any]:
    """The package's own objects, each of which has an identifier, in order."""
    objects: list[Any] = [package.get("CFDocument", {}), *package.get("CFItems", [])]
    objects += package.get("CFAssociations", [])
    for entries in package.get("CFDefinitions", {}).values():
        objects += entries
    for rubric in package.get("CFRubrics", []):
        objects.append(rubric)
        for criterion in rubric.get("CFRubricCriteria", []):
            objects.append(criterion)
            objects += criterion.get("CFRubricCriterionLevels", [])
    return objects


def non_rfc4122(package: JsonObject) -> list[str]:
    """The package's own object identifiers that the 1.0 binding refuses, in order."""
    found: list[str] = []
    for obj in _objects(package):
        value = obj.get("identifier")
        if _needs_replacing(value) and value not in found:
            found.append(value)
    return found


def rfc4122_identifiers(package: JsonObject, *, changed: str) -> JsonObject:
    """The package with RFC 4122 identifiers only, and its records of the originals."""
    own = set(non_rfc4122(package))
    originals: dict[str, tuple[str, str]] = {}
    for obj in _objects(package):
        identifier = obj.get("identifier")
        if identifier in own and identifier not in originals:
            title = obj.get("title") or obj.get("fullStatement") or obj.get("associationType")
            originals[identifier] = (title or "", obj.get("uri", ""))
    objects = {id(obj) for obj in _objects(package)}
    replaced = _Replacer(own, objects, originals).replaced(package, inside_node_link=False)
    if not originals:
        return package
    document = replaced["CFDocument"]
    grouping_id = str(uuid.uuid5(uuid.UUID(document["identifier"]), ORIGINALS))
    grouping_link = {
        "title": "Original identifiers",
        "identifier": grouping_id,
        "uri": f"urn:uuid:{grouping_id}",
    }
    records = []
    for original, (title, uri) in originals.items():
        new = replacement(original)
        identifier = str(uuid.uuid5(uuid.UUID(grouping_id), original.lower()))
        records.append(
            {
                "identifier": identifier,
                "uri": f"urn:uuid:{identifier}",
                "associationType": EXACT_MATCH,
                "originNodeURI": {"title": title, "identifier": new, "uri": f"urn:uuid:{new}"},
                "destinationNodeURI": {
                    "title": title,
                    "identifier": original,
                    "uri": uri or f"urn:uuid:{original}",
                },
                "CFAssociationGroupingURI": dict(grouping_link),
                "lastChangeDateTime": changed,
            }
        )
    replaced["CFAssociations"] = [*replaced.get("CFAssociations", []), *records]
    definitions = replaced.setdefault("CFDefinitions", {})
    definitions.setdefault("CFAssociationGroupings", []).append(
        {
            "identifier": grouping_id,
            "uri": grouping_link["uri"],
            "title": grouping_link["title"],
            "description": (
                "Guild: this CASE 1.0 package replaced identifiers that are not RFC 4122 "
                'UUIDs with uuid5(NAMESPACE_URL, "urn:uuid:<original>"); each replaced '
                "identifier is exactMatchOf its original."
            ),
            "lastChangeDateTime": changed,
        }
    )
    return replaced


class _Replacer:
    """Copies a package with every reference replaced: everywhere a LinkURI or an object's
    own identifier may stand (the 1.0 binding wants RFC 4122 there), and in origin and
    destination links when they name an object of the package (a LinkGenURI to something
    outside may hold any identifier). An object's own `uri` that holds its old identifier
    becomes `urn:uuid:<new>`; a link keeps its `uri`, so that the import gives it back as it
    was. Each identifier replaced is added to `originals` (title and URI where first seen)."""

    def __init__(
        self, own: set[str], objects: set[int], originals: dict[str, tuple[str, str]]
    ) -> None:
        self.own = own
        self.objects = objects
        self.originals = originals

    def replaced(self, value: Any, *, inside_node_link: bool) -> Any:
        if isinstance(value, list):
            return [self.replaced(child, inside_node_link=False) for child in value]
        if not isinstance(value, dict):
            return value
        copy = {
            key: self.replaced(child, inside_node_link=key in _NODE_LINKS)
            for key, child in value.items()
        }
        for key in _REFERENCES:
            original = copy.get(key)
            if not isinstance(original, str) or not _needs_replacing(original):
                continue
            if inside_node_link and original not in self.own:
                continue
            copy[key] = replacement(original)
            uri = copy.get("uri")
            if key != "identifier":
                continue
            if id(value) in self.objects:
                if isinstance(uri, str) and original.lower() in uri.lower():
                    copy["uri"] = f"urn:uuid:{copy[key]}"
            else:
                title = copy.get("title")
                self.originals.setdefault(
                    original,
                    (title if isinstance(title, str) else "", uri if isinstance(uri, str) else ""),
                )
        return copy


def restore_originals(data: object) -> object:
    """A package as Guild's 1.0 export wrote it, with the original identifiers back (and the
    URIs of the objects that had them), read from its records, which it leaves out; any
    other package unchanged."""
    if not isinstance(data, dict) or not isinstance(data.get("CFDocument"), dict):
        return data
    document_id = data["CFDocument"].get("identifier")
    definitions = data.get("CFDefinitions")
    associations = data.get("CFAssociations")
    if (
        not isinstance(document_id, str)
        or UUID_ANY_CASE.fullmatch(document_id) is None
        or not isinstance(definitions, dict)
        or not isinstance(definitions.get("CFAssociationGroupings"), list)
        or not isinstance(associations, list)
    ):
        return data
    grouping_id = str(uuid.uuid5(uuid.UUID(document_id.lower()), ORIGINALS))
    groupings = definitions["CFAssociationGroupings"]
    if not any(isinstance(g, dict) and g.get("identifier") == grouping_id for g in groupings):
        return data
    originals: dict[str, tuple[str, str]] = {}
    records = []
    for association in associations:
        if not isinstance(association, dict):
            continue
        grouping = association.get("CFAssociationGroupingURI")
        origin = association.get("originNodeURI")
        destination = association.get("destinationNodeURI")
        if (
            isinstance(grouping, dict)
            and grouping.get("identifier") == grouping_id
            and association.get("associationType") == EXACT_MATCH
            and isinstance(origin, dict)
            and isinstance(destination, dict)
            and isinstance(origin.get("identifier"), str)
            and isinstance(destination.get("identifier"), str)
            and replacement(destination["identifier"]) == origin["identifier"]
        ):
            uri = destination.get("uri")
            originals[origin["identifier"]] = (
                destination["identifier"],
                uri if isinstance(uri, str) else "",
            )
            records.append(association)
    if not originals:
        return data
    restored = dict(data)
    restored["CFAssociations"] = [a for a in associations if not any(a is r for r in records)]
    left = [
        g for g in groupings if not (isinstance(g, dict) and g.get("identifier") == grouping_id)
    ]
    restored["CFDefinitions"] = {**definitions, "CFAssociationGroupings": left}
    if not left:
        del restored["CFDefinitions"]["CFAssociationGroupings"]
    return _restored(restored, originals)


def _restored(value: Any, originals: dict[str, tuple[str, str]]) -> Any:
    if isinstance(value, list):
        return [_restored(child, originals) for child in value]
    if not isinstance(value, dict):
        return value
    copy = {key: _restored(child, originals) for key, child in value.items()}
    identifier = copy.get("identifier")
    if isinstance(identifier, str) and identifier in originals:
        original, uri = originals[identifier]
        copy["identifier"] = original
        if copy.get("uri") == f"urn:uuid:{identifier}" and uri:
            copy["uri"] = uri
    return copy
