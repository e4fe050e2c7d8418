"""CFDefinitions in and out: the concepts, subjects, licences, item types and association
groupings a package defines, kept as found (text fields only, `terms.DEFINITION_FIELDS`) and
written back. What the CASE schemas require and a producer left out is kept as the export
will write it: the fields the 1.0 binding requires as "", a missing `uri` as
`urn:uuid:<identifier>`. Guild's own translation grouping (ADR 15) is not kept: the export
makes it."""

import uuid
from collections.abc import Callable

from django.utils.translation import gettext as _

from guild.competencies.case.fields import FieldReader
from guild.competencies.case.terms import (
    DEFINITION_FIELDS,
    DEFINITION_REQUIRED,
    TITLE_MAX,
    TRANSLATION,
    JsonObject,
)

Definitions = dict[str, list[dict[str, str]]]


def guild_groupings(document_identifier: str | None) -> set[str]:
    """The identifiers of the translation groupings Guild's exports make for this document."""
    if document_identifier is None:
        return set()
    namespace = uuid.UUID(document_identifier)
    return {str(uuid.uuid5(namespace, f"{TRANSLATION}:{language}")) for language in ("en", "fr")}


def without(definitions: Definitions, identifiers: set[str]) -> Definitions:
    kept = {
        collection: [entry for entry in entries if entry["identifier"] not in identifiers]
        for collection, entries in definitions.items()
    }
    return {collection: entries for collection, entries in kept.items() if entries}


def read_definitions(reader: FieldReader, root: JsonObject) -> Definitions:
    """Every definition of `$.CFDefinitions`, by collection, in the package's order; problems
    (a missing or malformed identifier, a field that is not text) are the reader's."""
    at = "$.CFDefinitions"
    value = root.get("CFDefinitions")
    if value is None:
        return {}
    definitions = reader.mapping(value, at)
    if definitions is None:
        return {}
    found: Definitions = {}
    for collection, names in DEFINITION_FIELDS.items():
        seen: set[str] = set()
        for index, entry in enumerate(reader.array(definitions, collection, at)):
            path = f"{at}.{collection}[{index}]"
            obj = reader.mapping(entry, path)
            if obj is None:
                continue
            identifier = reader.uuid(obj, "identifier", path)
            kept: dict[str, str] = {}
            for name in ("uri", *names):
                text = reader.string(
                    obj, name, path, required=False, longest=TITLE_MAX if name == "title" else None
                )
                if text is not None:
                    kept[name] = text
            if identifier is None:
                continue
            kept.setdefault("uri", f"urn:uuid:{identifier}")
            for name in DEFINITION_REQUIRED[collection]:
                kept.setdefault(name, "")
            if identifier in seen:
                reader.add(
                    f"{path}.identifier",
                    _("duplicate identifier %(identifier)s (also in %(collection)s)")
                    % {"identifier": identifier, "collection": collection},
                )
                continue
            seen.add(identifier)
            found.setdefault(collection, []).append({"identifier": identifier, **kept})
    return found


def grouping_titles(definitions: Definitions) -> dict[str, str]:
    return {
        entry["identifier"]: entry.get("title", "")
        for entry in definitions.get("CFAssociationGroupings", [])
    }


def write_definitions(
    definitions: Definitions, changed: str, uri: Callable[[str, str], str]
) -> JsonObject:
    """The kept definitions as CFDefinitions collections; `uri(collection, identifier)` makes
    the URI of one that came without."""
    written: JsonObject = {}
    for collection, names in DEFINITION_FIELDS.items():
        entries = []
        for entry in definitions.get(collection, []):
            identifier = entry["identifier"]
            made: JsonObject = {
                "identifier": identifier,
                "uri": entry.get("uri") or uri(collection, identifier),
            }
            for name in names:
                if name in entry or name in DEFINITION_REQUIRED[collection]:
                    made[name] = entry.get(name, "")
            made["lastChangeDateTime"] = changed
            entries.append(made)
        if entries:
            written[collection] = entries
    return written


def definition_kinds() -> dict[str, str]:
    """The collections' names as people read them, for the framework page."""
    return {
        "CFConcepts": _("Concepts"),
        "CFSubjects": _("Subjects"),
        "CFLicenses": _("Licences"),
        "CFItemTypes": _("Item types"),
        "CFAssociationGroupings": _("Association groupings"),
    }
