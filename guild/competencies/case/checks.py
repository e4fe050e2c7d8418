"""The checks that span CASE objects (the isChildOf hierarchy and its cycles, replacements,
one rubric per competency, level names, unique codes), then the framework built from them."""

from collections.abc import Iterator
from typing import Protocol

from django.utils.translation import gettext as _

from guild.competencies.case.problems import Problem
from guild.competencies.case.records import Association, Document, Edges, Item, Rubric
from guild.competencies.case.terms import (
    CHILD_OF,
    COMPETENCY_TYPE,
    EXTENSIONS,
    FAMILY_TYPE,
    LEVELS_SCALE,
    REPLACED_BY,
    other_language,
)
from guild.competencies.framework import (
    LEVELS,
    Competency,
    Family,
    Framework,
    LevelDescriptor,
    ScaleLevel,
)


class Reporter(Protocol):
    """Where the checks record problems: the CASE reader, holding those it found so far."""

    problems: list[Problem]

    def add(self, path: str, message: str) -> None: ...


class Assembler:
    """The checks that span objects, then the framework itself."""

    def __init__(self, reader: Reporter, document: Document) -> None:
        self.reader = reader
        self.document = document
        self.add = reader.add
        self.items: dict[str, Item] = {}

    def assemble(
        self, items: list[Item], associations: list[Association], rubrics: list[Rubric]
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

    def hierarchy(self, associations: list[Association]) -> dict[str, Edges]:
        """Each item's isChildOf associations, keyed by the item."""
        document_id = self.document.identifier
        parents: dict[str, Edges] = {}
        for association in associations:
            if association.association_type != CHILD_OF:
                continue
            origin, destination = association.origin, association.destination
            if origin is not None and origin not in self.items:
                if origin == document_id:
                    self.add(
                        f"{association.path}.originNodeURI.identifier",
                        _("the CFDocument cannot be the child in an isChildOf association"),
                    )
                else:
                    self.add(
                        f"{association.path}.originNodeURI.identifier",
                        _("refers to unknown item %(identifier)s") % {"identifier": origin},
                    )
            parent = destination
            if destination is not None and destination not in self.items:
                if document_id is None:
                    parent = None  # the document's own identifier is broken: cannot tell
                elif destination != document_id:
                    self.add(
                        f"{association.path}.destinationNodeURI.identifier",
                        _("refers to unknown item %(identifier)s") % {"identifier": destination},
                    )
                    parent = None
            if origin is not None and origin in self.items:
                parents.setdefault(origin, []).append((association, parent))
        return parents

    def cycles(self, parents: dict[str, Edges]) -> set[str]:
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
            stack: list[tuple[str, Iterator[tuple[Association, str | None]]]] = [
                (start, iter(edges.get(start, [])))
            ]
            nodes = [start]
            path: list[Association] = []
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
                    self.add(at.path, _("isChildOf cycle: %(items)s") % {"items": labels})
                elif parent not in state:
                    state[parent] = 1
                    stack.append((parent, iter(edges.get(parent, []))))
                    nodes.append(parent)
                    path.append(association)
        return cyclic

    def family_parent(self, item: Item, edges: Edges) -> int | None:
        attached: Association | None = None
        for association, parent in edges:
            if parent is None:
                continue
            if parent != self.document.identifier:
                self.add(
                    f"{association.path}.destinationNodeURI.identifier",
                    _("a Competency Family must be a child of the CFDocument"),
                )
            elif attached is None:
                attached = association
            else:
                self.add(
                    association.path,
                    _("family %(family)s is already a child of the CFDocument (%(path)s)")
                    % {"family": item.label, "path": attached.path},
                )
        return attached.sequence if attached is not None else None

    def competency_parent(self, item: Item, edges: Edges) -> tuple[str, int | None] | None:
        if not edges:
            self.add(
                item.path,
                _("competency %(competency)s is not attached to a family")
                % {"competency": item.label},
            )
            return None
        attached: tuple[str, Association] | None = None
        for association, parent in edges:
            if parent is None:
                continue
            target = self.items.get(parent)
            if target is not None and target.kind is None:
                continue  # its type is already reported
            if target is None or target.kind != FAMILY_TYPE:
                self.add(
                    f"{association.path}.destinationNodeURI.identifier",
                    _("a Competency must be a child of a Competency Family"),
                )
            elif attached is None:
                attached = (parent, association)
            else:
                self.add(
                    association.path,
                    _(
                        "competency %(competency)s is already a child of family %(family)s "
                        "(%(path)s)"
                    )
                    % {
                        "competency": item.label,
                        "family": self.items[attached[0]].label,
                        "path": attached[1].path,
                    },
                )
        if attached is None:
            return None
        return attached[0], attached[1].sequence

    def replacements(self, associations: list[Association]) -> dict[str, list[str]]:
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
                        _("refers to unknown item %(identifier)s") % {"identifier": new},
                    )
                    new = None
                elif target is None or target.kind != COMPETENCY_TYPE:
                    self.add(
                        f"{association.path}.destinationNodeURI.identifier",
                        _("only a Competency can replace another"),
                    )
                    new = None
            if old is None or new is None:
                continue
            origin_path = f"{association.path}.originNodeURI.identifier"
            source = self.items.get(old)
            if old == new:
                self.add(origin_path, _("a competency cannot replace itself"))
            elif old == self.document.identifier or (
                source is not None and source.kind != COMPETENCY_TYPE
            ):
                self.add(origin_path, _("only a Competency can be replaced"))
            elif old in replaces.get(new, []):
                self.add(
                    association.path,
                    _("%(old)s is already replaced by %(new)s") % {"old": old, "new": new},
                )
            else:
                replaces.setdefault(new, []).append(old)
        return replaces

    def rubrics(self, rubrics: list[Rubric]) -> dict[str, Rubric]:
        found: dict[str, Rubric] = {}
        for rubric in rubrics:
            if rubric.competency is None:
                continue
            target = self.items.get(rubric.competency)
            if target is None:
                self.add(
                    rubric.competency_path,
                    _("refers to unknown item %(identifier)s") % {"identifier": rubric.competency},
                )
            elif target.kind == FAMILY_TYPE:
                self.add(rubric.competency_path, _("a rubric must describe a Competency"))
            elif target.kind is None:
                continue
            elif rubric.competency in found:
                self.add(
                    rubric.competency_path,
                    _("competency %(competency)s already has a rubric (%(path)s)")
                    % {"competency": target.label, "path": found[rubric.competency].path},
                )
            else:
                found[rubric.competency] = rubric
        for item in self.items.values():
            if item.kind == COMPETENCY_TYPE and item.identifier not in found:
                self.add(
                    item.path,
                    _("competency %(competency)s has no CFRubric for its levels")
                    % {"competency": item.label},
                )
        return found

    def scale(self, rubrics: list[Rubric]) -> list[tuple[int, str, str]] | None:
        """The names of the levels: the document's `levelsScale`, else the rubric levels'
        qualities. Every quality given must agree with them."""
        language = self.document.language
        other = other_language(language)
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
                            _("level %(level)d is named %(name)r at %(path)s, not %(other)r")
                            % {
                                "level": level.score,
                                "name": known[0],
                                "path": known[1],
                                "other": text,
                            },
                        )
        missing = [
            score for score in LEVELS if (score, "en") not in names or (score, "fr") not in names
        ]
        if missing:
            if not declared and self.document.present:
                self.add(
                    f"$.CFDocument.{EXTENSIONS}.{LEVELS_SCALE}",
                    _("required: the rubric levels do not name every level in English and French"),
                )
            return None
        return [(score, names[(score, "en")][0], names[(score, "fr")][0]) for score in LEVELS]

    def codes(self) -> None:
        seen: dict[tuple[str | None, str], Item] = {}
        for item in self.items.values():
            if item.code is None or item.kind is None:
                continue
            key = (item.kind, item.code)
            if key in seen:
                self.add(
                    f"{item.path}.humanCodingScheme",
                    _("duplicate code %(code)r (also at %(path)s)")
                    % {"code": item.code, "path": seen[key].path},
                )
            else:
                seen[key] = item

    def build(
        self,
        family_sequence: dict[str, int | None],
        family_of: dict[str, tuple[str, int | None]],
        replaces: dict[str, list[str]],
        rubrics: dict[str, Rubric],
        scale: list[tuple[int, str, str]],
    ) -> Framework:
        def order(item: Item, sequence: int | None) -> tuple[bool, int, int]:
            return (sequence is None, sequence or 0, item.index)

        families = sorted(
            (self.items[identifier] for identifier in family_sequence),
            key=lambda item: order(item, family_sequence[item.identifier or ""]),
        )
        members: dict[str, list[tuple[Item, int | None]]] = {}
        for identifier, (parent, sequence) in family_of.items():
            members.setdefault(parent, []).append((self.items[identifier], sequence))

        def competency(item: Item) -> Competency:
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
