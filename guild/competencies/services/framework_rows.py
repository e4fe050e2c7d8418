"""Writing a framework version's rows: the one place that turns the pure `Framework` into
database rows, so what an import keeps is stored by every service alike."""

import uuid

from guild.competencies import framework as pure
from guild.competencies.models import (
    Competency,
    Family,
    Framework,
    FrameworkAssociation,
    FrameworkVersion,
    LevelIndicator,
    ProficiencyLevel,
)


def _association_row(
    version: FrameworkVersion, order: int, association: pure.Association
) -> FrameworkAssociation:
    grouping = association.grouping or pure.Link(identifier="")
    return FrameworkAssociation(
        version=version,
        identifier=uuid.UUID(association.identifier),
        association_type=association.association_type,
        origin_identifier=association.origin.identifier,
        origin_title=association.origin.title,
        origin_uri=association.origin.uri,
        destination_identifier=association.destination.identifier,
        destination_title=association.destination.title,
        destination_uri=association.destination.uri,
        sequence=association.sequence,
        grouping_identifier=grouping.identifier,
        grouping_title=grouping.title,
        grouping_uri=grouping.uri,
        order=order,
    )


def framework_version_write(
    *, framework: Framework, number: int, content: pure.Framework
) -> FrameworkVersion:
    """Version `number` of `framework`, every row of `content` (checked already): levels,
    families, competencies and their indicators, and what the CASE package kept beside
    them. No rights check or audit record: the services calling it do both."""
    version = FrameworkVersion.objects.create(
        framework=framework,
        number=number,
        identifier=uuid.UUID(content.identifier),
        label=content.version,
        title_en=content.title_en,
        title_fr=content.title_fr,
        case_fields=content.kept,
        case_definitions=content.definitions,
    )
    ProficiencyLevel.objects.bulk_create(
        ProficiencyLevel(version=version, level=s.level, name_en=s.name_en, name_fr=s.name_fr)
        for s in content.levels_scale
    )
    families = Family.objects.bulk_create(
        Family(
            version=version,
            identifier=uuid.UUID(family.identifier),
            code=family.code,
            name_en=family.name_en,
            name_fr=family.name_fr,
            order=order,
            item_type=family.item_type,
            case_fields=family.kept,
            sequence=family.sequence,
        )
        for order, family in enumerate(content.families, start=1)
    )
    by_identifier = {str(row.identifier): row for row in families}
    nested = []
    for row, family in zip(families, content.families, strict=True):
        if family.parent:
            row.parent = by_identifier[family.parent]
            nested.append(row)
    Family.objects.bulk_update(nested, ["parent"])
    FrameworkAssociation.objects.bulk_create(
        _association_row(version, order, association)
        for order, association in enumerate(content.associations, start=1)
    )
    competencies = []
    descriptors = []
    for family_row, family in zip(families, content.families, strict=True):
        for order, competency in enumerate(family.competencies, start=1):
            competencies.append(
                Competency(
                    version=version,
                    family=family_row,
                    identifier=uuid.UUID(competency.identifier),
                    code=competency.code,
                    name_en=competency.name_en,
                    name_fr=competency.name_fr,
                    description_en=competency.description_en,
                    description_fr=competency.description_fr,
                    order=order,
                    replaces=list(competency.replaces),
                    item_type=competency.item_type,
                    case_fields=competency.kept,
                    sequence=competency.sequence,
                )
            )
            descriptors.append(competency.levels)
    rows = Competency.objects.bulk_create(competencies)
    LevelIndicator.objects.bulk_create(
        LevelIndicator(
            competency=row,
            level=level.level,
            indicators_en=level.indicators_en,
            indicators_fr=level.indicators_fr,
        )
        for row, levels in zip(rows, descriptors, strict=True)
        for level in levels
    )
    return version
