"""Frameworks and their versions, and a version rebuilt as the pure `Framework`."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet

from guild.competencies import framework as pure
from guild.competencies.case.definitions import definition_kinds
from guild.competencies.models import (
    Competency,
    Family,
    Framework,
    FrameworkAssociation,
    FrameworkVersion,
    LevelIndicator,
    ProficiencyLevel,
)
from guild.organizations.models import Community


def framework_version_content(version: FrameworkVersion) -> pure.Framework:
    """The version as the pure `Framework`, exactly as it was imported (five queries)."""
    families = list(Family.objects.filter(version=version).order_by("order"))
    parents = {family.pk: str(family.identifier) for family in families}
    competencies: dict[int, list[Competency]] = defaultdict(list)
    for competency in Competency.objects.filter(version=version).order_by("order"):
        competencies[competency.family_id].append(competency)
    indicators: dict[int, list[LevelIndicator]] = defaultdict(list)
    for indicator in LevelIndicator.objects.filter(competency__version=version).order_by(
        "competency_id", "level"
    ):
        indicators[indicator.competency_id].append(indicator)
    return pure.Framework(
        identifier=str(version.identifier),
        title_en=version.title_en,
        title_fr=version.title_fr,
        version=version.label,
        kept=version.case_fields,
        definitions=version.case_definitions,
        levels_scale=[
            pure.ScaleLevel(level=level.level, name_en=level.name_en, name_fr=level.name_fr)
            for level in ProficiencyLevel.objects.filter(version=version).order_by("level")
        ],
        families=[
            pure.Family(
                identifier=str(family.identifier),
                code=family.code,
                name_en=family.name_en,
                name_fr=family.name_fr,
                parent=parents.get(family.parent_id or 0, ""),
                item_type=family.item_type,
                kept=family.case_fields,
                sequence=family.sequence,
                competencies=[
                    pure.Competency(
                        identifier=str(competency.identifier),
                        code=competency.code,
                        name_en=competency.name_en,
                        name_fr=competency.name_fr,
                        description_en=competency.description_en,
                        description_fr=competency.description_fr,
                        levels=[
                            pure.LevelDescriptor(
                                level=indicator.level,
                                indicators_en=indicator.indicators_en,
                                indicators_fr=indicator.indicators_fr,
                            )
                            for indicator in indicators[competency.pk]
                        ],
                        replaces=list(competency.replaces),
                        item_type=competency.item_type,
                        kept=competency.case_fields,
                        sequence=competency.sequence,
                    )
                    for competency in competencies[family.pk]
                ],
            )
            for family in families
        ],
        associations=[
            pure.Association(
                identifier=str(row.identifier),
                association_type=row.association_type,
                origin=pure.Link(
                    identifier=row.origin_identifier, title=row.origin_title, uri=row.origin_uri
                ),
                destination=pure.Link(
                    identifier=row.destination_identifier,
                    title=row.destination_title,
                    uri=row.destination_uri,
                ),
                sequence=row.sequence,
                grouping=_grouping(row),
            )
            for row in FrameworkAssociation.objects.filter(version=version).order_by("order")
        ],
    )


def _grouping(row: FrameworkAssociation) -> pure.Link | None:
    if not row.grouping_identifier:
        return None
    return pure.Link(
        identifier=row.grouping_identifier, title=row.grouping_title, uri=row.grouping_uri
    )


def frameworks_list(*, community: Community | None = None) -> QuerySet[Framework]:
    frameworks = Framework.objects.select_related("community").order_by("community__code", "code")
    if community is not None:
        frameworks = frameworks.filter(community=community)
    return frameworks


def framework_versions(
    *, framework: Framework, include_drafts: bool = False
) -> QuerySet[FrameworkVersion]:
    versions = framework.versions.order_by("-number")
    if not include_drafts:
        versions = versions.filter(status=FrameworkVersion.Status.PUBLISHED)
    return versions


def framework_current_version(framework: Framework) -> FrameworkVersion | None:
    """The latest published version."""
    return framework_versions(framework=framework).first()


def community_current_version(community: Community) -> FrameworkVersion | None:
    """The latest published version of the community's most recently published framework."""
    return (
        FrameworkVersion.objects.filter(
            framework__community=community, status=FrameworkVersion.Status.PUBLISHED
        )
        .order_by("-published_at", "-pk")
        .first()
    )


def version_competencies(version: FrameworkVersion) -> QuerySet[Competency]:
    return (
        Competency.objects.filter(version=version)
        .select_related("family")
        .prefetch_related("indicators")
        .order_by("family__order", "order")
    )


def version_families(version: FrameworkVersion) -> QuerySet[Family]:
    """The version's families, parents before their subfamilies (import order)."""
    return Family.objects.filter(version=version).order_by("order")


@dataclass(frozen=True)
class AssociationRow:
    """A kept CASE association as the framework page lists it: each end is a family or
    competency of the version (`origin_node`), or only a CASE link (title, URI)."""

    association: FrameworkAssociation
    origin_node: Family | Competency | None
    destination_node: Family | Competency | None


def version_associations(version: FrameworkVersion) -> list[AssociationRow]:
    nodes: dict[str, Family | Competency] = {
        str(family.identifier): family for family in Family.objects.filter(version=version)
    }
    nodes.update(
        (str(competency.identifier), competency)
        for competency in Competency.objects.filter(version=version)
    )
    return [
        AssociationRow(
            association=row,
            origin_node=nodes.get(row.origin_identifier),
            destination_node=nodes.get(row.destination_identifier),
        )
        for row in FrameworkAssociation.objects.filter(version=version).order_by("order")
    ]


@dataclass(frozen=True)
class DefinitionRow:
    """One kept CASE definition as the framework page lists it."""

    identifier: str
    title: str
    code: str
    description: str


@dataclass(frozen=True)
class DefinitionKind:
    """The kept definitions of one CFDefinitions collection (concepts, subjects, …)."""

    collection: str
    name: str
    count: int
    rows: list[DefinitionRow]
    """The first `DEFINITIONS_SHOWN`; the download has them all."""

    @property
    def more(self) -> int:
        return self.count - len(self.rows)


DEFINITIONS_SHOWN = 20


def version_definitions(version: FrameworkVersion) -> list[DefinitionKind]:
    """The CFDefinitions the version's package came with, by kind in CASE's order, the first
    `DEFINITIONS_SHOWN` of each; kinds it has none of are left out."""
    kinds = []
    for collection, name in definition_kinds().items():
        entries = version.case_definitions.get(collection, [])
        if entries:
            rows = [
                DefinitionRow(
                    identifier=entry["identifier"],
                    title=entry.get("title", ""),
                    code=entry.get("hierarchyCode") or entry.get("typeCode", ""),
                    description=entry.get("description", ""),
                )
                for entry in entries[:DEFINITIONS_SHOWN]
            ]
            kinds.append(
                DefinitionKind(collection=collection, name=name, count=len(entries), rows=rows)
            )
    return kinds


def competency_replaced(competency: Competency) -> list[Competency]:
    """The competencies of earlier versions of the same framework that this one replaces,
    in the order the version lists them (identifiers from outside Guild are left out)."""
    found = {
        str(c.identifier): c
        for c in Competency.objects.filter(
            version__framework_id=competency.version.framework_id,
            version__number__lt=competency.version.number,
            identifier__in=competency.replaces,
        ).order_by("-version__number")
    }
    return [found[identifier] for identifier in competency.replaces if identifier in found]


def scale_choices(*, community_ids: list[int]) -> list[tuple[int, str]]:
    """The proficiency scales a framework import can give items without levels of their
    own: each framework version of these communities, by id, with its level names."""
    names: dict[int, list[str]] = defaultdict(list)
    levels = ProficiencyLevel.objects.filter(version__framework__community_id__in=community_ids)
    for level in levels.order_by("version_id", "level"):
        names[level.version_id].append(level.name)
    versions = FrameworkVersion.objects.filter(framework__community_id__in=community_ids)
    return [
        (version.pk, f"{version.framework.name} v{version.number}: {' · '.join(names[version.pk])}")
        for version in versions.select_related("framework").order_by("framework__code", "-number")
    ]
