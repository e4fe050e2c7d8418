"""The checks that span CASE objects; building.py builds the framework from what they give.

* Translations (ADR 15): an item in the other official language, placed nowhere in the
  hierarchy, that is `exactMatchOf` (or `isTranslationOf`) an item of the package is that
  item's text in its language; its rubric gives the levels' text in that language, and the
  association grouping of those associations the document's title.
* The hierarchy is each item's first `isChildOf` (to the document or an item of the
  package); a further `isChildOf` is kept as an association. Items placed nowhere sit at the
  top. Items with children, or of type "Competency Family", become families, nested as in
  the package; the others competencies. Competencies at the top are gathered in a family
  named after the document.
* `sequenceNumber` orders each parent's children (those without one last, in the package's
  order); the numbers are kept (`Competency.sequence`) where the export's own numbering
  would not give the same order and numbers back.
* `replacedBy` from an item outside the package to a competency of it is
  `Competency.replaces`; every other association is kept as it came.
* A competency's levels are its rubric's four; without one, the scale alone describes it.
  The scale's names come from the rubric levels' `quality` (or Guild's `levelsScale`), else
  from the scale the import was given.
* Codes are `humanCodingScheme`, unique per kind; an item without one gets its position
  (`2.1.3`).
"""

import uuid
from typing import Protocol

from django.utils.translation import gettext as _

from guild.competencies.case.building import build_framework
from guild.competencies.case.problems import Problem
from guild.competencies.case.records import Association, Document, Item, Rubric
from guild.competencies.case.terms import (
    CHILD_OF,
    CODE_MAX,
    EXACT_MATCH,
    FAMILY_TYPE,
    REPLACED_BY,
    TRANSLATION,
)
from guild.competencies.framework import LEVELS, Framework, ScaleLevel

_TRANSLATION_TYPES = (EXACT_MATCH, "isTranslationOf")


class Reporter(Protocol):
    """Where the checks record problems: the CASE reader, holding those it found so far."""

    problems: list[Problem]

    def add(self, path: str, message: str) -> None: ...


def _slot(language: str) -> int:
    return 0 if language == "en" else 1


def _merged(primary: tuple[str, str], twin: tuple[str, str]) -> tuple[str, str]:
    return (primary[0] or twin[0], primary[1] or twin[1])


def _swapped(pair: tuple[str, str]) -> tuple[str, str]:
    return (pair[1], pair[0])


class Assembler:
    def __init__(
        self, reader: Reporter, document: Document, levels_scale: list[ScaleLevel] | None
    ) -> None:
        self.reader = reader
        self.document = document
        self.add = reader.add
        self.levels_scale = levels_scale
        self.items: dict[str, Item] = {}
        self.kept: list[Association] = []
        self.edges: dict[str, Association] = {}

    def assemble(
        self,
        items: list[Item],
        associations: list[Association],
        rubrics: list[Rubric],
        groupings: dict[str, str],
    ) -> Framework | None:
        # Items that cannot be referred to (no or duplicate identifier) take no further part.
        self.items = {item.identifier: item for item in items if item.identifier is not None}
        twins = self.translations(associations, groupings)
        placed = self.hierarchy(associations, twins)
        self.cycles(placed)
        children: dict[str | None, list[tuple[Item, int | None]]] = {}
        for identifier, item in self.items.items():
            if identifier in twins:
                continue
            parent, sequence = placed.get(identifier, (None, None))
            children.setdefault(parent, []).append((item, sequence))
        for members in children.values():
            members.sort(key=lambda member: (member[1] is None, member[1] or 0, member[0].index))
        families = {
            identifier
            for identifier, item in self.items.items()
            if identifier not in twins and (identifier in children or item.item_type == FAMILY_TYPE)
        }
        replaces = self.replacements(associations, families, twins)
        levels = self.rubrics(rubrics, families, twins)
        scale = self.scale(rubrics, twins)
        codes = self.codes(children, families)
        if self.reader.problems or scale is None or self.document.identifier is None:
            return None
        return build_framework(
            self.document, self.kept, children, families, codes, replaces, levels, scale
        )

    def translations(
        self, associations: list[Association], groupings: dict[str, str]
    ) -> dict[str, str]:
        """French (or English) twins: twin identifier -> the item it translates."""
        placed = {
            association.origin.identifier
            for association in associations
            if association.association_type == CHILD_OF and association.origin is not None
        }
        twins: dict[str, str] = {}
        for association in associations:
            origin, destination = association.origin, association.destination
            if association.association_type not in _TRANSLATION_TYPES or not origin:
                continue
            twin = self.items.get(origin.identifier)
            target = self.items.get(destination.identifier) if destination else None
            if (
                twin is None
                or target is None
                or twin.language == target.language
                or origin.identifier in placed
                or origin.identifier in twins
                or target.identifier in twins
            ):
                continue
            twins[origin.identifier] = target.identifier or ""
            slot = _slot(twin.language)
            for attribute in ("name", "description"):
                mine, theirs = list(getattr(target, attribute)), getattr(twin, attribute)
                mine[slot] = mine[slot] or theirs[slot]
                setattr(target, attribute, (mine[0], mine[1]))
        if self.document.identifier is not None:
            namespace = uuid.UUID(self.document.identifier)
            for slot, language in enumerate(("en", "fr")):
                grouping = str(uuid.uuid5(namespace, f"{TRANSLATION}:{language}"))
                title = groupings.get(grouping)
                if title and not self.document.title[slot]:
                    pair = list(self.document.title)
                    pair[slot] = title
                    self.document.title = (pair[0], pair[1])
        return twins

    def hierarchy(
        self, associations: list[Association], twins: dict[str, str]
    ) -> dict[str, tuple[str | None, int | None]]:
        """Each item's place: its parent (None for the document) and sequence number."""
        document_id = self.document.identifier
        placed: dict[str, tuple[str | None, int | None]] = {}
        for association in associations:
            kind = association.association_type
            origin, destination = association.origin, association.destination
            if kind in _TRANSLATION_TYPES and origin and origin.identifier in twins:
                continue
            if kind != CHILD_OF or origin is None or destination is None:
                if kind is not None and kind not in (CHILD_OF, REPLACED_BY):
                    self.kept.append(association)
                continue
            child, parent = origin.identifier, destination.identifier
            if child not in self.items or child in twins:
                message = (
                    _("the CFDocument cannot be the child in an isChildOf association")
                    if child == document_id
                    else _("refers to unknown item %(identifier)s") % {"identifier": child}
                )
                self.add(f"{association.path}.originNodeURI.identifier", message)
                continue
            if parent != document_id and (parent not in self.items or parent in twins):
                if document_id is not None:
                    self.add(
                        f"{association.path}.destinationNodeURI.identifier",
                        _("refers to unknown item %(identifier)s") % {"identifier": parent},
                    )
                continue
            if child == parent:
                self.add(association.path, _("an item cannot be its own child"))
            elif child in placed:
                self.kept.append(association)
            else:
                placed[child] = (None if parent == document_id else parent, association.sequence)
                self.edges[child] = association
        return placed

    def cycles(self, placed: dict[str, tuple[str | None, int | None]]) -> None:
        """Reports each isChildOf cycle once, at its first association; breaks it."""
        done: set[str] = set()
        for start in list(placed):
            path: list[str] = []
            node: str | None = start
            while node is not None and node not in done and node not in path:
                path.append(node)
                node = placed.get(node, (None, None))[0]
            if node is not None and node in path:
                loop = path[path.index(node) :]
                labels = " → ".join(self.items[member].label for member in [*loop, node])
                first = min((self.edges[member] for member in loop), key=lambda a: a.index)
                self.add(first.path, _("isChildOf cycle: %(items)s") % {"items": labels})
                for member in loop:
                    placed.pop(member, None)
            done.update(path)

    def replacements(
        self, associations: list[Association], families: set[str], twins: dict[str, str]
    ) -> dict[str, list[str]]:
        replaces: dict[str, list[str]] = {}
        for association in associations:
            if association.association_type != REPLACED_BY:
                continue
            old, new = association.origin, association.destination
            if old is None or new is None:
                continue
            if old.identifier == new.identifier:
                self.add(
                    f"{association.path}.originNodeURI.identifier",
                    _("a competency cannot replace itself"),
                )
            elif (
                new.identifier in self.items
                and new.identifier not in families
                and new.identifier not in twins
                and old.identifier not in self.items
                and old.identifier != self.document.identifier
                and old.identifier not in replaces.get(new.identifier, [])
            ):
                replaces.setdefault(new.identifier, []).append(old.identifier)
            else:
                self.kept.append(association)
        return replaces

    def rubrics(
        self, rubrics: list[Rubric], families: set[str], twins: dict[str, str]
    ) -> dict[str, Rubric]:
        found: dict[str, Rubric] = {}
        for rubric in rubrics:
            if rubric.competency is None:
                continue
            target = self.items.get(rubric.competency)
            owner = twins.get(rubric.competency, rubric.competency)
            if target is None:
                self.add(
                    rubric.competency_path,
                    _("refers to unknown item %(identifier)s") % {"identifier": rubric.competency},
                )
            elif owner in families:
                self.add(rubric.competency_path, _("a rubric must describe a competency"))
            elif target.language != self.document.language:
                for level in rubric.levels:
                    level.description = _swapped(level.description)
                    level.quality = _swapped(level.quality)
                if rubric.competency not in twins:
                    found.setdefault(owner, rubric)
            elif owner in found:
                self.add(
                    rubric.competency_path,
                    _("competency %(competency)s already has a rubric (%(path)s)")
                    % {"competency": target.label, "path": found[owner].path},
                )
            else:
                found[owner] = rubric
        for rubric in rubrics:
            translated = twins.get(rubric.competency or "")
            if translated is not None and translated in found:
                by_score = {level.score: level for level in rubric.levels}
                for level in found[translated].levels:
                    twin = by_score.get(level.score)
                    if twin is not None:
                        level.description = _merged(level.description, twin.description)
                        level.quality = _merged(level.quality, twin.quality)
        return found

    def scale(self, rubrics: list[Rubric], twins: dict[str, str]) -> list[ScaleLevel] | None:
        """The names of the levels: Guild's `levelsScale`, else the rubric levels' qualities
        (which must agree), else the scale given to the import."""
        names: dict[tuple[int, int], tuple[str, str]] = {}  # (level, slot) -> (name, path)
        if self.document.scale is not None:
            for score, name_en, name_fr in self.document.scale:
                for slot, name in ((0, name_en), (1, name_fr)):
                    if name:
                        names[(score, slot)] = (name, "$.CFDocument.extensions.levelsScale")
        for rubric in rubrics:
            for level in rubric.levels:
                if level.score is None:
                    continue
                for slot, text in enumerate(level.quality):
                    known = names.get((level.score, slot))
                    if not text:
                        continue
                    if known is None:
                        names[(level.score, slot)] = (text, f"{level.path}.quality")
                    elif known[0] != text:
                        self.add(
                            f"{level.path}.quality",
                            _("level %(level)d is named %(name)r at %(path)s, not %(other)r")
                            % {
                                "level": level.score,
                                "name": known[0],
                                "path": known[1],
                                "other": text,
                            },
                        )
        if not names:
            if self.levels_scale is None:
                self.add(
                    "$.CFDocument",
                    _("the package names no proficiency levels: choose the scale to use"),
                )
            return self.levels_scale
        own = _slot(self.document.language)
        missing = [score for score in LEVELS if (score, own) not in names]
        if missing:
            self.add(
                "$.CFRubrics",
                _("the rubric levels do not name level(s) %(levels)s")
                % {"levels": ", ".join(str(score) for score in missing)},
            )
            return None
        return [
            ScaleLevel(
                level=score,
                name_en=names.get((score, 0), ("", ""))[0],
                name_fr=names.get((score, 1), ("", ""))[0],
            )
            for score in LEVELS
        ]

    def codes(
        self, children: dict[str | None, list[tuple[Item, int | None]]], families: set[str]
    ) -> dict[str, str]:
        """Every placed item's code: its own, else its position (`2.1.3`)."""
        codes: dict[str, str] = {}
        seen: dict[tuple[bool, str], Item] = {}
        positions: dict[str, str] = {}
        stack: list[tuple[str | None, str]] = [(None, "")]
        while stack:
            parent, prefix = stack.pop()
            for position, (item, _sequence) in enumerate(children.get(parent, []), start=1):
                identifier = item.identifier or ""
                positions[identifier] = f"{prefix}{position}"
                stack.append((identifier, f"{prefix}{position}."))
        for identifier in positions:
            item = self.items[identifier]
            if item.code is None:
                continue
            key = (identifier in families, item.code)
            if len(item.code) > CODE_MAX:
                self.add(
                    f"{item.path}.humanCodingScheme",
                    _("longer than %(limit)d characters (%(length)d)")
                    % {"limit": CODE_MAX, "length": len(item.code)},
                )
            elif key in seen:
                self.add(
                    f"{item.path}.humanCodingScheme",
                    _("duplicate code %(code)r (also at %(path)s)")
                    % {"code": item.code, "path": seen[key].path},
                )
            else:
                seen[key] = item
                codes[identifier] = item.code
        for identifier, place in positions.items():
            if identifier in codes:
                continue
            code = place
            while (identifier in families, code) in seen:
                code = f"{code}*"
            seen[(identifier in families, code)] = self.items[identifier]
            codes[identifier] = code
        return codes
