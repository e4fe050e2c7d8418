"""The framework built from a CASE package once its checks (checks.py) pass: families and
competencies nested as the hierarchy placed them, the competencies at the top gathered in
a family named after the document, the levels from each rubric, the sequence numbers kept
where the export's own order would not give them back, and the associations kept in the
package's order."""

import uuid

from guild.competencies.case.records import Association, Document, Item, Rubric
from guild.competencies.case.terms import FAMILY_TYPE
from guild.competencies.framework import Association as Kept
from guild.competencies.framework import (
    Competency,
    Family,
    Framework,
    LevelDescriptor,
    Link,
    ScaleLevel,
)


def build_framework(
    document: Document,
    kept: list[Association],
    children: dict[str | None, list[tuple[Item, int | None]]],
    families: set[str],
    codes: dict[str, str],
    replaces: dict[str, list[str]],
    rubrics: dict[str, Rubric],
    scale: list[ScaleLevel],
) -> Framework:
    """The framework of the placed items (`children` by parent, None the document), with
    the associations the checks kept (`kept`)."""
    document_id = document.identifier or ""
    sequences = _sequences(children, families)

    def competency(item: Item, *, loose: bool = False) -> Competency:
        identifier = item.identifier or ""
        rubric = rubrics.get(identifier)
        levels = sorted(rubric.levels, key=lambda level: level.score or 0) if rubric else []
        return Competency(
            identifier=identifier,
            code=codes[identifier],
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
            item_type="" if item.item_type == "Competency" else item.item_type,
            kept=item.kept,
            sequence=None if loose else sequences.get(identifier),
        )

    built: list[Family] = []
    top = [item for item, _sequence in children.get(None, [])]
    loose = [item for item in top if item.identifier not in families]
    if loose:
        # It comes first among the families at the top, so it takes the smallest
        # sequenceNumber they kept (none when they kept none).
        first = min(
            (
                sequences[item.identifier]
                for item in top
                if item.identifier in families and item.identifier in sequences
            ),
            default=None,
        )
        built.append(
            Family(
                identifier=str(uuid.uuid5(uuid.UUID(document_id), "family:top")),
                code="0" if ("0" not in codes.values()) else document_id[:8],
                name_en=document.title[0],
                name_fr=document.title[1],
                sequence=first,
                competencies=[competency(item, loose=True) for item in loose],
            )
        )

    def family(item: Item, parent: str) -> None:
        identifier = item.identifier or ""
        members = [member for member, _sequence in children.get(identifier, [])]
        built.append(
            Family(
                identifier=identifier,
                code=codes[identifier],
                name_en=item.name[0],
                name_fr=item.name[1],
                parent=parent,
                item_type="" if item.item_type == FAMILY_TYPE else item.item_type,
                kept=item.kept,
                sequence=sequences.get(identifier),
                competencies=[
                    competency(member) for member in members if member.identifier not in families
                ],
            )
        )
        for member in members:
            if member.identifier in families:
                family(member, identifier)

    for item in top:
        if item.identifier in families:
            family(item, "")
    return Framework(
        identifier=document_id,
        title_en=document.title[0],
        title_fr=document.title[1],
        version=document.version,
        families=built,
        levels_scale=scale,
        kept=document.kept,
        associations=[  # in the package's order, whichever check kept them
            Kept(
                identifier=association.identifier or "",
                association_type=association.association_type or "",
                origin=association.origin or Link(identifier=""),
                destination=association.destination or Link(identifier=""),
                sequence=association.sequence,
                grouping=association.grouping,
            )
            for association in sorted(kept, key=lambda one: one.index)
        ],
    )


def _sequences(
    children: dict[str | None, list[tuple[Item, int | None]]], families: set[str]
) -> dict[str, int]:
    """The `sequenceNumber` of each placed item that has one, under the parents whose
    children the export's default order would not give back (competencies first, then
    sub-families, numbered 1, 2, …); `children` are in the order the sequence numbers give."""
    found: dict[str, int] = {}
    for members in children.values():
        kinds = [item.identifier in families for item, _sequence in members]
        if kinds == sorted(kinds) and all(
            sequence == position for position, (_item, sequence) in enumerate(members, start=1)
        ):
            continue
        for item, sequence in members:
            if sequence is not None and item.identifier is not None:
                found[item.identifier] = sequence
    return found
